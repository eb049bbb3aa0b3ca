/**
 * Publishing a draft: the deliberate act that makes it public. In one transaction: the caller's right
 * is checked again, the payload validated, the state of the notice checked (a published notice is never
 * edited: only amended, extended, cancelled…), the law checked on the working-day calendar — a `block`
 * finding refuses everything —, then the facts are saved through `saveTbmtFacts` (so they become an
 * OCDS release and a ledger entry), the draft is frozen, and the `flag` findings and lateness are
 * recorded in `publication_check`. Everything audited as the caller (`account:<id>` / `token:<id>`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Principal } from '../accounts/access.ts';
import { getAgency } from '../accounts/agencies.ts';
import { audit } from '../accounts/audit.ts';
import { loadWorkingCalendar } from '../calendar-admin/overrides.ts';
import type { Finding, Timeliness } from '../compliance/law/index.ts';
import type { DB } from '../db/generated/db.ts';
import { FactsError, saveTbmtFacts } from '../procurement/save.ts';
import { vnParts } from '../text/time.ts';
import { assertDraft, assertPublisherOf, toDraft, type Draft } from './drafts.ts';
import { saveClarification } from './clarification.ts';
import { publishDraftDocuments } from './documents/publish-hook.ts';
import { draftNotFound, PublishError } from './errors.ts';
import { eventTimeErrors } from './event-times.ts';
import { checkPublication, type LawOutcome } from './law.ts';
import { nextVersion, toFacts } from './map.ts';
import { loadNoticeState, type NoticeState } from './notice-state.ts';
import {
  planMismatchFindings,
  planPackageOfNotice,
  resolvePlanPackage,
  type PlanPackage,
} from './plan-link.ts';
import { KIND_VI, validatePayload, type NoticeContent, type PublicationKind } from './schemas.ts';

/** What a successful publication returns. */
export interface Published {
  draft: Draft;
  notifyNo: string;
  /** `IB…-NN` for a notice version, `IB…/kind` for the other kinds. */
  ref: string;
  /** Flags recorded with the publication (never blocks: those refuse it). */
  flags: Finding[];
  /** Lateness against the item's deadline, when late. */
  late: { by: number; unit: string; deadline: Date | null } | null;
}

/** Options of `publishDraft` / `checkDraft`. */
export interface PublishOptions {
  /** The publication instant; now by default (tests pass a fixed one). */
  now?: Date;
}

/**
 * Publishes draft `id` as `principal`.
 * @throws PublishError `not-found`, `forbidden-agency`, `illegal-transition` (already published; the
 *   notice is cancelled), `invalid-payload` (field paths), `conflict` (notice number taken, notice not
 *   published on minhbach, second opening or contract number), `law-blocked` (every finding).
 */
export async function publishDraft(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  opts: PublishOptions = {},
): Promise<Published> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (tx) => {
    const { draft, state, outcome, plan } = await prepare(tx, principal, id, now);
    const agency = await getAgency(tx, draft.agencyCode);
    const notifyNo = state?.notifyNo ?? (draft.notifyNo || (await issueNotifyNo(tx, now)));
    if (
      !state &&
      (await tx.selectFrom('tbmt').select('id').where('notify_no', '=', notifyNo).executeTakeFirst())
    ) {
      throw conflict(
        `Notice ${notifyNo} already exists; a new notice needs a new number (or publish an amendment).`,
        `Số thông báo ${notifyNo} đã tồn tại; hãy dùng số khác hoặc đăng sửa đổi.`,
      );
    }
    const facts = toFacts(draft.kind, draft.payload, {
      notifyNo,
      now,
      agency: { code: draft.agencyCode, name: agency?.name ?? draft.agencyCode },
      state,
      planPackageId: plan?.packageId ?? null,
    });
    await publishDraftDocuments(tx, draft, notifyNo, state, now, principal.actor);
    try {
      await saveTbmtFacts(tx, facts, { actor: principal.actor, source: 'minhbach' });
    } catch (e) {
      if (e instanceof FactsError) {
        throw new PublishError(
          {
            code: 'invalid-payload',
            errors: [{ path: e.pointer, messageVi: 'không hợp lệ', messageEn: e.message }],
          },
          e.message,
          'Thông tin không hợp lệ.',
        );
      }
      throw e;
    }
    const ref =
      draft.kind === 'clarification'
        ? await saveClarification(tx, {
            draftId: id,
            payload: draft.payload,
            state: state!,
            now,
            actor: principal.actor,
          })
        : refOf(draft.kind, notifyNo, state);
    const row = await tx
      .updateTable('publication_draft')
      .set({
        status: 'published',
        notify_no: notifyNo,
        published_at: now,
        published_by: principal.actor,
        published_ref: ref,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      tx,
      principal.actor,
      'publish',
      'publication_draft',
      id,
      { status: 'draft' },
      {
        status: 'published',
        published_ref: ref,
        findings: outcome.findings.map((f) => f.ruleId),
      },
    );
    const flags = outcome.findings.filter((f) => f.effect === 'flag');
    await recordChecks(tx, id, notifyNo, draft.kind, flags, outcome.timeliness, now, principal.actor);
    const t = outcome.timeliness;
    return {
      draft: toDraft(row),
      notifyNo,
      ref,
      flags,
      late: t?.late ? { by: t.lateBy, unit: t.unit ?? 'working-day', deadline: t.deadline } : null,
    };
  });
}

/**
 * Runs every check of publishing draft `id` now, without writing: validation, state, the law.
 * @returns the law findings (none blocking means it can be published); throws like `publishDraft`
 *   except `law-blocked` (blocking findings are returned).
 */
export async function checkDraft(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  opts: PublishOptions = {},
): Promise<LawOutcome> {
  const now = opts.now ?? new Date();
  try {
    return await db
      .transaction()
      .execute(async (tx) => (await prepare(tx, principal, id, now, false)).outcome);
  } catch (e) {
    if (e instanceof PublishError && e.detail.code === 'law-blocked') {
      return { findings: e.detail.findings, blocked: true, timeliness: null };
    }
    throw e;
  }
}

async function prepare(
  tx: Transaction<DB>,
  principal: Principal,
  id: number,
  now: Date,
  lock = true,
): Promise<{ draft: Draft; state: NoticeState | null; outcome: LawOutcome; plan: PlanPackage | null }> {
  if (!Number.isSafeInteger(id) || id <= 0) throw draftNotFound(id);
  let q = tx.selectFrom('publication_draft').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw draftNotFound(id);
  const draft = toDraft(row);
  await assertPublisherOf(tx, principal, draft.agencyCode);
  assertDraft(draft);
  const errors = validatePayload(draft.kind, draft.payload);
  if (errors.length > 0) {
    throw new PublishError(
      { code: 'invalid-payload', errors },
      `The ${draft.kind} is incomplete or invalid: ${errors.map((e) => `${e.path} ${e.messageEn}`).join('; ')}`.slice(
        0,
        2000,
      ),
      `${KIND_VI[draft.kind]} chưa đầy đủ hoặc không hợp lệ.`,
    );
  }
  const state = draft.kind === 'tbmt' ? null : await noticeToChange(tx, principal, draft);
  const timeErrors = eventTimeErrors(draft.kind, draft.payload, state, now);
  if (timeErrors.length > 0) {
    throw new PublishError(
      { code: 'invalid-payload', errors: timeErrors },
      `The ${draft.kind} reports impossible times: ${timeErrors.map((e) => `${e.path} ${e.messageEn}`).join('; ')}`,
      `${KIND_VI[draft.kind]} có thời điểm không hợp lý.`,
    );
  }
  const plan = draft.kind === 'tbmt' ? await resolvePlanPackage(tx, draft.agencyCode, draft.payload) : null;
  const calendar = await loadWorkingCalendar(tx);
  const outcome = checkPublication(draft.kind, draft.payload, state, now, calendar);
  // A notice and each amendment of it (the whole new content) are compared with their plan package.
  const planned =
    plan ?? (draft.kind === 'amendment' && state ? await planPackageOfNotice(tx, state.tbmtId) : null);
  if (planned) outcome.findings.push(...planMismatchFindings(planned, draft.payload as NoticeContent, now));
  if (outcome.blocked) {
    throw new PublishError(
      { code: 'law-blocked', findings: outcome.findings },
      `Refused by the law: ${outcome.findings
        .filter((f) => f.effect === 'block')
        .map((f) => `${f.ruleId} (${f.citation}): ${f.messageEn}`)
        .join(' ')}`,
      'Không thể đăng tải: thông tin vi phạm quy định về đấu thầu (xem chi tiết bên dưới).',
    );
  }
  return { draft, state, outcome, plan };
}

/** The published notice a change concerns, checked: it exists, was published here, may change. */
async function noticeToChange(tx: Transaction<DB>, principal: Principal, draft: Draft): Promise<NoticeState> {
  const no = String(draft.payload.notifyNo);
  const state = await loadNoticeState(tx, no);
  if (!state) {
    throw new PublishError(
      {
        code: 'invalid-payload',
        errors: [
          { path: '/notifyNo', messageVi: 'không có thông báo mời thầu này', messageEn: `no notice ${no}` },
        ],
      },
      `There is no notice ${no}.`,
      `Không có thông báo mời thầu số ${no}.`,
    );
  }
  if (!state.ownerAgency) {
    throw conflict(
      `Notice ${no} was not published on minhbach (it comes from the national system); change it there.`,
      `Thông báo ${no} không được đăng trên minhbach (lấy từ Hệ thống mạng đấu thầu quốc gia); hãy thay đổi tại đó.`,
    );
  }
  // Only the agency that published the notice (or a unit above it) changes it.
  await assertPublisherOf(tx, principal, state.ownerAgency);
  if (draft.agencyCode !== state.ownerAgency) await assertPublisherOf(tx, principal, draft.agencyCode);
  if (state.cancelled) {
    throw new PublishError(
      { code: 'illegal-transition', status: 'cancelled', allowed: [] },
      `Notice ${no} is cancelled: nothing more can be published for it.`,
      `Thông báo ${no} đã bị hủy: không thể đăng thêm thông tin.`,
    );
  }
  if (draft.kind === 'opening' && state.hasOpening) {
    throw conflict(
      `Notice ${no} already has its bid-opening record.`,
      `Thông báo ${no} đã có biên bản mở thầu.`,
    );
  }
  return state;
}

function conflict(en: string, vi: string): PublishError {
  return new PublishError({ code: 'conflict' }, en, vi);
}

function refOf(kind: PublicationKind, notifyNo: string, state: NoticeState | null): string {
  if (kind === 'tbmt') return `${notifyNo}-00`;
  if (kind === 'amendment') return `${notifyNo}-${nextVersion(state!.version)}`;
  if (kind === 'result') return `${notifyNo}/result-${String(state!.resultCount).padStart(2, '0')}`;
  return `${notifyNo}/${kind}`;
}

/**
 * A notice number issued by minhbach: `IB` + the Vietnam year's two digits + `9` + a 7-digit serial
 * (`publication_notice_seq`), e.g. `IB2690000001`. It has the national format (every part of minhbach
 * accepts it) in a range the national system has not used (its serials start at 0); a number already
 * taken is skipped.
 */
async function issueNotifyNo(tx: Transaction<DB>, now: Date): Promise<string> {
  const yy = String(vnParts(now).year % 100).padStart(2, '0');
  for (;;) {
    const r = await sql<{ n: string }>`SELECT nextval('publication_notice_seq')::text AS n`.execute(tx);
    const no = `IB${yy}9${r.rows[0]!.n.padStart(7, '0')}`;
    const taken = await tx.selectFrom('tbmt').select('id').where('notify_no', '=', no).executeTakeFirst();
    if (!taken) return no;
  }
}

async function recordChecks(
  tx: Transaction<DB>,
  draftId: number,
  notifyNo: string,
  kind: PublicationKind,
  flags: Finding[],
  timeliness: Timeliness | null,
  now: Date,
  actor: string,
): Promise<void> {
  const rows = flags
    .filter((f) => f.ruleId !== timeliness?.finding?.ruleId)
    .map((f) => ({ f, effect: 'flag' }));
  if (timeliness?.late && timeliness.finding) rows.push({ f: timeliness.finding, effect: 'late' });
  for (const { f, effect } of rows) {
    const r = await tx
      .insertInto('publication_check')
      .values({
        draft_id: draftId,
        notify_no: notifyNo,
        kind,
        rule_id: f.ruleId,
        regime: f.regime,
        effect,
        citation: f.citation,
        confirmed: f.confirmed,
        message_vi: f.messageVi,
        message_en: f.messageEn,
        short_by: f.shortBy ?? null,
        unit: f.unit ?? null,
        checked_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'create', 'publication_check', Number(r.id), null, {
      rule_id: f.ruleId,
      effect,
      notify_no: notifyNo,
    });
  }
}

/** A recorded check, as shown on the public notice page. */
export interface PublicationCheck {
  kind: string;
  ruleId: string;
  effect: 'flag' | 'late';
  citation: string;
  confirmed: boolean;
  messageVi: string;
  messageEn: string;
  shortBy: number | null;
  unit: string | null;
  checkedAt: Date;
}

/** The checks recorded for notice `notifyNo`, oldest first (public). */
export async function listPublicationChecks(db: Kysely<DB>, notifyNo: string): Promise<PublicationCheck[]> {
  const rows = await db
    .selectFrom('publication_check')
    .selectAll()
    .where('notify_no', '=', notifyNo)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    ruleId: r.rule_id,
    effect: r.effect as 'flag' | 'late',
    citation: r.citation,
    confirmed: r.confirmed,
    messageVi: r.message_vi,
    messageEn: r.message_en,
    shortBy: r.short_by === null ? null : Number(r.short_by),
    unit: r.unit,
    checkedAt: new Date(r.checked_at as unknown as string),
  }));
}
