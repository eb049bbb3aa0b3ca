/**
 * Publishing a clarification of the bidding documents (kind `clarification`, làm rõ hồ sơ mời thầu):
 * the question a bidder asked (never the bidder's name), the day the request was received and the
 * answer. `publishDraft` routes the kind here for its law checks and its write; everything else
 * (rights, validation, the draft, `publication_check`) is the common path of `publish.ts`.
 *
 * The law (docs/law-rules.md): request ≥ 3 WD (5 international) before the closing day → else flag;
 * answer ≥ 2 WD before the closing day → else flag; answer at or after closing → block. Clarifications
 * are public as part of the bidding documents (Law 22/2023 Art. 7.1).
 */
import type { Transaction } from 'kysely';
import { vnDateOf } from '../calendar/dates.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { audit } from '../db/audit-log.ts';
import { checkClarification } from '../compliance/law/index.ts';
import type { DB } from '../db/generated/db.ts';
import { publishPackageReleases } from '../opendata/store.ts';
import { nfc, nfcMultiline } from '../text/normalize.ts';
import type { LawOutcome } from './law.ts';
import { noticeFactsOf, type NoticeState } from './notice-state.ts';
import type { ClarificationInput, FieldError } from './schemas.ts';

const realDay = (day: string): boolean => {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day && day >= '2000-01-01';
};

/**
 * Field errors of a schema-valid clarification at `now`: a request day or letter day that does not
 * exist or is in the future (VN time), a request received before the notice was published, a letter
 * dated before the request it answers.
 */
export function clarificationTimeErrors(
  payload: Record<string, unknown>,
  state: NoticeState | null,
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  const today = vnDateOf(now);
  for (const [key, vi, en] of [
    ['requestReceivedDate', 'ngày nhận đề nghị làm rõ', 'the day the request was received'],
    ['documentDate', 'ngày văn bản làm rõ', 'the day of the clarification letter'],
  ] as const) {
    const v = payload[key];
    if (typeof v !== 'string') continue;
    if (!realDay(v)) {
      errors.push({ path: `/${key}`, messageVi: 'ngày không tồn tại', messageEn: 'not a real date' });
    } else if (v > today) {
      errors.push({
        path: `/${key}`,
        messageVi: `${vi} ở tương lai`,
        messageEn: `${en} is in the future`,
      });
    }
  }
  const received = payload.requestReceivedDate;
  if (
    typeof received === 'string' &&
    state &&
    !errors.some((e) => e.path === '/requestReceivedDate') &&
    received < vnDateOf(state.issuedAt)
  ) {
    errors.push({
      path: '/requestReceivedDate',
      messageVi: 'ngày nhận đề nghị làm rõ trước ngày đăng thông báo mời thầu',
      messageEn: 'the request was received before the notice was published',
    });
  }
  const letter = payload.documentDate;
  if (
    typeof letter === 'string' &&
    typeof received === 'string' &&
    !errors.some((e) => e.path === '/documentDate' || e.path === '/requestReceivedDate') &&
    letter < received
  ) {
    errors.push({
      path: '/documentDate',
      messageVi: 'ngày văn bản làm rõ trước ngày nhận đề nghị làm rõ (văn bản trả lời đề nghị)',
      messageEn: 'the clarification letter is dated before the request it answers was received',
    });
  }
  return errors;
}

/**
 * The law findings of publishing `payload` at `now` for the notice `state` (closing in force after
 * extensions). A notice without a known closing is checked against its issue (so an answer is late).
 */
export function checkClarificationPublication(
  payload: Record<string, unknown>,
  state: NoticeState,
  now: Date,
  calendar: WorkingCalendar,
): LawOutcome {
  const p = payload as ClarificationInput;
  const notice = noticeFactsOf(state);
  const r = checkClarification(
    notice,
    { requestReceivedOn: p.requestReceivedDate, answeredAt: now, closeAt: notice.bidCloseAt },
    { calendar },
  );
  return { findings: r.findings, blocked: r.blocked, timeliness: null };
}

/** What `saveClarification` needs. */
export interface ClarificationWrite {
  draftId: number;
  payload: Record<string, unknown>;
  state: NoticeState;
  /** The publication instant (UTC): the answer's publication time. */
  now: Date;
  actor: string;
}

/**
 * Stores a validated clarification as the next one of its notice (audited), then derives and stores
 * the package's new OCDS release (a `tenderUpdate`, appended to the ledger), all in `tx`.
 * @returns the publication reference `IB…/clarification-NN` (NN = its number within the notice).
 */
export async function saveClarification(tx: Transaction<DB>, w: ClarificationWrite): Promise<string> {
  const p = w.payload as ClarificationInput;
  const tbmt = await tx
    .selectFrom('tbmt')
    .select(['id', 'package_id'])
    .where('id', '=', w.state.tbmtId)
    .executeTakeFirstOrThrow();
  const last = await tx
    .selectFrom('tbmt_clarification')
    .select((e) => e.fn.max('seq').as('seq'))
    .where('tbmt_id', '=', tbmt.id)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const values = {
    tbmt_id: tbmt.id,
    seq,
    question: nfcMultiline(p.question) ?? p.question,
    request_received_on: p.requestReceivedDate,
    answer: nfcMultiline(p.answer) ?? p.answer,
    answered_at: w.now,
    document_no: nfc(p.documentNo ?? null) ?? null,
    document_date: p.documentDate ?? null,
    draft_id: w.draftId,
    published_by: w.actor,
  };
  const row = await tx
    .insertInto('tbmt_clarification')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, w.actor, 'create', 'tbmt_clarification', Number(row.id), null, {
    ...values,
    answered_at: w.now.toISOString(),
  });
  await publishPackageReleases(tx, Number(tbmt.package_id), { actor: w.actor });
  return `${w.state.notifyNo}/clarification-${String(seq).padStart(2, '0')}`;
}
