/**
 * Drafts (`publication_draft`): a publication an agency prepares in private. A draft is seen only by
 * the publishers who may publish for its agency (the agency and the units above it) and by monitors
 * (read only); it is edited while `draft` and frozen once `published`. Every write is audited in the
 * same transaction (`audit_log`, entity `publication_draft`).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { publishRefusal, type Principal } from '../accounts/access.ts';
import { audit } from '../accounts/audit.ts';
import type { DB, PublicationDraft } from '../db/generated/db.ts';
import { agencyAndSubUnitCodes } from '../procurement/queries/agency-tree.ts';
import { hasUnstorable, nfc, nfcMultiline } from '../text/normalize.ts';
import { ALLOWED_TRANSITIONS, draftNotFound, PublishError } from './errors.ts';
import { PUBLICATION_KINDS, type PublicationKind } from './schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A draft as stored. `payload` is the input as sent (validated again when published). */
export interface Draft {
  id: number;
  agencyCode: string;
  kind: PublicationKind;
  notifyNo: string | null;
  payload: Record<string, unknown>;
  status: 'draft' | 'published';
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
  publishedRef: string | null;
}

/** Row → `Draft`. */
export function toDraft(r: Selectable<PublicationDraft>): Draft {
  const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
  return {
    id: Number(r.id),
    agencyCode: r.agency_code,
    kind: r.kind as PublicationKind,
    notifyNo: r.notify_no,
    payload: payload as Record<string, unknown>,
    status: r.status as Draft['status'],
    createdBy: r.created_by,
    createdAt: new Date(r.created_at as unknown as string),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at as unknown as string),
    publishedAt: r.published_at ? new Date(r.published_at as unknown as string) : null,
    publishedBy: r.published_by,
    publishedRef: r.published_ref,
  };
}

/**
 * A payload as it can be stored: every string NFC, trimmed, single-spaced (the lines of `question` and
 * `answer` kept), without control characters or lone surrogates (PostgreSQL cannot store them); keys
 * holding such characters are dropped.
 */
export function cleanPayload(value: unknown, depth = 0): unknown {
  if (depth > 20) return null;
  if (typeof value === 'string') return nfc(value) ?? '';
  if (Array.isArray(value)) return value.map((v) => cleanPayload(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (hasUnstorable(k)) continue;
      out[k] =
        typeof v === 'string' && MULTILINE_FIELDS.has(k)
          ? (nfcMultiline(v) ?? '')
          : cleanPayload(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Payload fields written in lines, whose line breaks are kept (a clarification's question and answer). */
const MULTILINE_FIELDS = new Set(['question', 'answer']);

/** True for a known kind. */
export function isKind(kind: string): kind is PublicationKind {
  return (PUBLICATION_KINDS as readonly string[]).includes(kind);
}

/** @throws PublishError `forbidden-agency` when `principal` may not publish for `agencyCode` now. */
export async function assertPublisherOf(db: Db, principal: Principal, agencyCode: string): Promise<void> {
  const refusal = await publishRefusal(db, principal, agencyCode);
  if (refusal) {
    throw new PublishError(
      { code: 'forbidden-agency', refusal },
      `You may not publish for agency "${agencyCode.slice(0, 64)}".`,
      `Bạn không được đăng tải cho đơn vị “${agencyCode.slice(0, 64)}”.`,
    );
  }
}

/**
 * The draft `id` if `principal` may see it: a monitor always, a publisher when it may publish for the
 * draft's agency (a publisher of another agency gets `forbidden-agency`).
 * @throws PublishError `not-found` (also for an id that is not a number), `forbidden-agency`.
 */
export async function getDraft(db: Db, principal: Principal, id: number): Promise<Draft> {
  if (!Number.isSafeInteger(id) || id <= 0) throw draftNotFound(id);
  const row = await db.selectFrom('publication_draft').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw draftNotFound(id);
  if (principal.role !== 'monitor') await assertPublisherOf(db, principal, row.agency_code);
  return toDraft(row);
}

/** The drafts (and published drafts) the caller may see, newest first, at most `limit`. */
export async function listDrafts(db: Db, principal: Principal, limit = 100): Promise<Draft[]> {
  let q = db.selectFrom('publication_draft').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc');
  if (principal.role !== 'monitor') {
    if (principal.role !== 'publisher' || !principal.agencyCode) return [];
    q = q.where('agency_code', 'in', await agencyAndSubUnitCodes(db, principal.agencyCode));
  }
  return (await q.limit(limit).execute()).map(toDraft);
}

/**
 * Creates a draft of `kind` for `agencyCode` with `payload` (kept as sent: a draft may be incomplete;
 * it is validated when published). Audited as `principal.actor`.
 * @throws PublishError `forbidden-agency`.
 */
export async function createDraft(
  tx: Transaction<DB>,
  principal: Principal,
  input: { agencyCode: string; kind: PublicationKind; payload: Record<string, unknown> },
): Promise<Draft> {
  const agencyCode = input.agencyCode.trim().toLowerCase();
  await assertPublisherOf(tx, principal, agencyCode);
  input = { ...input, payload: cleanPayload(input.payload) as Record<string, unknown> };
  const notifyNo = noticeOf(input.payload);
  const row = await tx
    .insertInto('publication_draft')
    .values({
      agency_code: agencyCode,
      kind: input.kind,
      notify_no: notifyNo,
      payload: JSON.stringify(input.payload),
      created_by: principal.actor,
      updated_by: principal.actor,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(tx, principal.actor, 'create', 'publication_draft', Number(row.id), null, {
    agency_code: agencyCode,
    kind: input.kind,
    notify_no: notifyNo,
    payload: input.payload,
  });
  return toDraft(row);
}

/**
 * Replaces the payload of a draft that is still a draft. Audited (old → new payload).
 * @throws PublishError `not-found`, `forbidden-agency`, `illegal-transition` (already published).
 */
export async function updateDraft(
  tx: Transaction<DB>,
  principal: Principal,
  id: number,
  payload: Record<string, unknown>,
): Promise<Draft> {
  const draft = await getDraft(tx, principal, id);
  await assertPublisherOf(tx, principal, draft.agencyCode);
  assertDraft(draft);
  payload = cleanPayload(payload) as Record<string, unknown>;
  const notifyNo = noticeOf(payload);
  const row = await tx
    .updateTable('publication_draft')
    .set({
      payload: JSON.stringify(payload),
      notify_no: notifyNo,
      updated_by: principal.actor,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    tx,
    principal.actor,
    'update',
    'publication_draft',
    id,
    { payload: draft.payload, notify_no: draft.notifyNo },
    { payload, notify_no: notifyNo },
  );
  return toDraft(row);
}

/** @throws PublishError `illegal-transition` unless `draft` is still a draft. */
export function assertDraft(draft: Draft): void {
  if (draft.status !== 'draft') {
    throw new PublishError(
      { code: 'illegal-transition', status: draft.status, allowed: ALLOWED_TRANSITIONS[draft.status] ?? [] },
      `Draft ${draft.id} is already published (${draft.publishedRef}); what is published is never edited — ` +
        'publish an amendment, extension or cancellation instead.',
      `Bản nháp số ${draft.id} đã được đăng tải (${draft.publishedRef}); thông tin đã đăng không được sửa — ` +
        'hãy đăng sửa đổi, gia hạn hoặc hủy thầu.',
    );
  }
}

/** The notice a payload concerns, when it names a well-formed one. */
function noticeOf(payload: Record<string, unknown>): string | null {
  const no = payload.notifyNo;
  return typeof no === 'string' && /^IB\d{10}$/.test(no) ? no : null;
}
