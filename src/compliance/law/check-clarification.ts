/**
 * Checks of a clarification of the bidding documents (làm rõ hồ sơ mời thầu) against the law in force
 * when the documents were issued (rows of topics `clarification-request-lead`,
 * `clarification-answer-lead`, `clarification-after-closing` in `rules.ts`). Pure.
 *
 * Days are counted like the other leads (`check-changes.ts`): the working days after the event's VN
 * day up to and including the closing day, on the working-day calendar passed in.
 */
import { formatVnDate, type IsoDate } from '../../calendar/index.ts';
import { vnParts } from '../../text/time.ts';
import { noticeContext, type CheckOptions, type CheckResult, type NoticeFacts } from './check-notice.ts';
import { amountEn, amountVi, dayOf, finding, findRule } from './match.ts';
import { regimeFor } from './regimes.ts';
import { LAW_RULES } from './rules.ts';
import type { Finding, LawRule } from './types.ts';

/** What is checked of one clarification. */
export interface ClarificationFacts {
  /** VN calendar day the procuring entity received the bidder's request. */
  requestReceivedOn: IsoDate;
  /** When the answer is published (UTC instant). */
  answeredAt: Date;
  /** Bid closing in force (after extensions), UTC. */
  closeAt: Date;
}

/** `24/03/2026 15:00` in Asia/Ho_Chi_Minh. */
function vnDateTime(at: Date): string {
  const p = vnParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The findings of a clarification of `notice`:
 * - answer published at or after closing → `block` (…after-closing; by how many working days);
 * - request received less than 3 WD (5 WD international) before the closing day → `flag`;
 * - answer published less than 2 WD before the closing day → `flag`.
 * Sources: Decree 63/2014 Art. 14 (L43), Decree 24/2024 (L22), Decree 214/2025 Art. 28 (L22A); the
 * clarification is part of the bidding documents, which are public (Law 22/2023 Art. 7.1).
 * @throws RangeError for invalid instants or days.
 */
export function checkClarification(
  notice: NoticeFacts,
  c: ClarificationFacts,
  opts: CheckOptions,
): CheckResult {
  const rules: readonly LawRule[] = opts.rules ?? LAW_RULES;
  const issueDay = dayOf(notice.issuedAt, 'issuedAt');
  const answerDay = dayOf(c.answeredAt, 'answeredAt');
  const closeDay = dayOf(c.closeAt, 'closeAt');
  const regime = regimeFor(issueDay).id;
  const ctx = noticeContext(notice, regime, rules);
  const rule = (topic: LawRule['topic']) => findRule(rules, regime, topic, ctx, issueDay);
  const findings: Finding[] = [];

  const after = rule('clarification-after-closing');
  if (after && c.answeredAt.getTime() >= c.closeAt.getTime()) {
    const late = opts.calendar.workingDaysBetween(closeDay, answerDay);
    findings.push(
      finding(
        after,
        `Trả lời làm rõ đăng lúc ${vnDateTime(c.answeredAt)}, sau thời điểm đóng thầu ${vnDateTime(c.closeAt)} ${late > 0 ? amountVi(late, 'working-day') : '(trong cùng ngày)'}.`,
        `Clarification answer published at ${vnDateTime(c.answeredAt)}, ${late > 0 ? amountEn(late, 'working-day') : 'on the same day'} after bid closing at ${vnDateTime(c.closeAt)}.`,
        late > 0 ? { value: late, unit: 'working-day' } : undefined,
      ),
    );
  }

  const request = rule('clarification-request-lead');
  if (request?.min !== undefined) {
    const have = opts.calendar.workingDaysBetween(c.requestReceivedOn, closeDay);
    if (have < request.min) {
      findings.push(
        finding(
          request,
          `Đề nghị làm rõ nhận ngày ${formatVnDate(c.requestReceivedOn)}, chỉ ${amountVi(have, 'working-day')} trước ngày đóng thầu ${formatVnDate(closeDay)}, muộn ${amountVi(request.min - have, 'working-day')}; bên mời thầu vẫn có thể trả lời.`,
          `Clarification request received on ${formatVnDate(c.requestReceivedOn)}, only ${amountEn(have, 'working-day')} before the closing day ${formatVnDate(closeDay)}, ${amountEn(request.min - have, 'working-day')} late; the entity may still answer.`,
          { value: request.min - have, unit: 'working-day' },
        ),
      );
    }
  }

  const answer = rule('clarification-answer-lead');
  if (answer?.min !== undefined && findings.every((f) => f.effect !== 'block')) {
    const have = opts.calendar.workingDaysBetween(answerDay, closeDay);
    if (have < answer.min) {
      findings.push(
        finding(
          answer,
          `Trả lời làm rõ đăng ngày ${formatVnDate(answerDay)}, chỉ ${amountVi(have, 'working-day')} trước ngày đóng thầu ${formatVnDate(closeDay)}, thiếu ${amountVi(answer.min - have, 'working-day')}; nên gia hạn thời điểm đóng thầu.`,
          `Clarification answer published on ${formatVnDate(answerDay)}, only ${amountEn(have, 'working-day')} before the closing day ${formatVnDate(closeDay)}, ${amountEn(answer.min - have, 'working-day')} short; consider extending the closing.`,
          { value: answer.min - have, unit: 'working-day' },
        ),
      );
    }
  }
  return { regime, findings, blocked: findings.some((f) => f.effect === 'block') };
}

/** The last lawful days of a clarification of `notice` (VN days; absent when the regime has no row). */
export interface ClarificationDeadlines {
  /** Last day a bidder's request may be received (3 WD, international 5 WD, before the closing day). */
  requestBy?: IsoDate;
  /** Last day the answer may be published without a flag (2 WD before the closing day). */
  answerBy?: IsoDate;
}

/**
 * The deadlines of clarifications of `notice` closing at `closeAt`, from the same rule rows the check
 * uses (so the form tells the entity what the check will say).
 * @throws RangeError for invalid instants.
 */
export function clarificationDeadlines(
  notice: NoticeFacts,
  closeAt: Date,
  opts: CheckOptions,
): ClarificationDeadlines {
  const rules: readonly LawRule[] = opts.rules ?? LAW_RULES;
  const issueDay = dayOf(notice.issuedAt, 'issuedAt');
  const closeDay = dayOf(closeAt, 'closeAt');
  const regime = regimeFor(issueDay).id;
  const ctx = noticeContext(notice, regime, rules);
  const before = (topic: LawRule['topic']) => {
    const r = findRule(rules, regime, topic, ctx, issueDay);
    return r?.min === undefined ? undefined : opts.calendar.addWorkingDays(closeDay, -r.min);
  };
  const out: ClarificationDeadlines = {};
  const requestBy = before('clarification-request-lead');
  const answerBy = before('clarification-answer-lead');
  if (requestBy) out.requestBy = requestBy;
  if (answerBy) out.answerBy = answerBy;
  return out;
}
