/**
 * Checks of changes to a published notice — amendment of the bidding documents, extension of bid
 * closing, answers to clarification requests — against the law in force when its documents were
 * issued. Pure.
 */
import { toDayNumber } from '../../calendar/dates.ts';
import { noticeContext, type CheckOptions, type CheckResult, type NoticeFacts } from './check-notice.ts';
import { amountEn, amountVi, dayOf, finding, findRule } from './match.ts';
import { regimeFor } from './regimes.ts';
import { LAW_RULES } from './rules.ts';
import type { Finding, LawRule, RuleTopic } from './types.ts';

/**
 * An amendment (sửa đổi HSMT) published at `amendedAt` while closing is `closeAt` (the closing after
 * the amendment: an amendment too close to closing is lawful only with an extension).
 * Rule: ≥ 10 days before closing, small packages ≥ 3 WD (Decree 214/2025 Art. 28; Decree 63/2014 Art. 14).
 * @throws RangeError for invalid instants.
 */
export function checkAmendment(
  notice: NoticeFacts,
  change: { amendedAt: Date; closeAt?: Date },
  opts: CheckOptions,
): CheckResult {
  return checkLead(notice, 'amendment-lead', change.amendedAt, change.closeAt ?? notice.bidCloseAt, opts, {
    vi: 'Sửa đổi',
    en: 'Amendment',
  });
}

/**
 * An extension (gia hạn) published at `extendedAt` moving closing to `newCloseAt`.
 * Rule: the new closing ≥ 10 days after the extension, ≥ 5 WD for EOI, prequalification, small
 * packages and competitive quotation (Decree 214/2025 Art. 140). A new closing not after the old one
 * blocks too.
 * @throws RangeError for invalid instants.
 */
export function checkExtension(
  notice: NoticeFacts,
  change: { extendedAt: Date; newCloseAt: Date },
  opts: CheckOptions,
): CheckResult {
  const result = checkLead(notice, 'extension-lead', change.extendedAt, change.newCloseAt, opts, {
    vi: 'Gia hạn',
    en: 'Extension',
  });
  if (change.newCloseAt.getTime() <= notice.bidCloseAt.getTime()) {
    result.findings.unshift({
      ruleId: 'extension.not-later',
      regime: result.regime,
      effect: 'block',
      citation: 'Luật Đấu thầu 22/2023/QH15',
      confirmed: true,
      messageVi: 'Thời điểm đóng thầu mới phải sau thời điểm đóng thầu hiện tại.',
      messageEn: 'The new closing must be after the current closing.',
    });
    result.blocked = true;
  }
  return result;
}

/**
 * An answer to a clarification request published at `answeredAt`.
 * Rule: ≥ 2 WD before closing (Law 22/2023 Art. 45; Decree 214/2025 Art. 28) — flagged, not blocked.
 * @throws RangeError for invalid instants.
 */
export function checkClarificationAnswer(
  notice: NoticeFacts,
  change: { answeredAt: Date },
  opts: CheckOptions,
): CheckResult {
  return checkLead(notice, 'clarification-answer-lead', change.answeredAt, notice.bidCloseAt, opts, {
    vi: 'Trả lời làm rõ',
    en: 'Clarification answer',
  });
}

function checkLead(
  notice: NoticeFacts,
  topic: RuleTopic,
  at: Date,
  closeAt: Date,
  opts: CheckOptions,
  what: { vi: string; en: string },
): CheckResult {
  const rules: readonly LawRule[] = opts.rules ?? LAW_RULES;
  const issueDay = dayOf(notice.issuedAt, 'issuedAt');
  const atDay = dayOf(at, 'the change time');
  const closeDay = dayOf(closeAt, 'closeAt');
  const regime = regimeFor(issueDay).id;
  const rule = findRule(rules, regime, topic, noticeContext(notice, regime, rules), issueDay);
  const findings: Finding[] = [];
  if (rule?.min !== undefined) {
    const have =
      rule.unit === 'working-day'
        ? opts.calendar.workingDaysBetween(atDay, closeDay)
        : toDayNumber(closeDay) - toDayNumber(atDay);
    if (have < rule.min) {
      findings.push(
        finding(
          rule,
          `${what.vi} ngày ${atDay}, chỉ ${amountVi(have, rule.unit)} trước thời điểm đóng thầu ${closeDay}, thiếu ${amountVi(rule.min - have, rule.unit)}.`,
          `${what.en} on ${atDay}, only ${amountEn(have, rule.unit)} before closing on ${closeDay}, ${amountEn(rule.min - have, rule.unit)} short.`,
          { value: rule.min - have, unit: rule.unit },
        ),
      );
    }
  }
  return { regime, findings, blocked: findings.some((f) => f.effect === 'block') };
}
