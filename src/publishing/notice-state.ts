/**
 * What a change (amendment, extension, cancellation, opening, result, contract) needs to know about
 * the published notice it concerns: its latest version, current closing, whether it is cancelled, and
 * which agency published it on minhbach (only that agency, or a unit above it, may change it).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import type { Field, Method, Procedure } from '../procurement/codes.ts';
import type { NoticeFacts } from '../compliance/law/index.ts';

/** A notice as it stands now. Instants UTC; money VND. */
export interface NoticeState {
  tbmtId: number;
  notifyNo: string;
  /** Agency that published the notice on minhbach; null for notices imported from elsewhere. */
  ownerAgency: string | null;
  noticeType: string;
  /** Latest version number (`00`, `01`…). */
  version: string;
  /** Issue of the documents: the first publication (chooses the regime). */
  issuedAt: Date;
  name: string;
  field: string | null;
  method: string | null;
  procedure: string | null;
  isDomestic: boolean | null;
  isInternet: boolean | null;
  priceVnd: number | null;
  /** Closing and opening after the latest version and extensions. */
  bidCloseAt: Date | null;
  bidOpenAt: Date | null;
  bidSecurityVnd: number | null;
  bidValidityDays: number | null;
  cancelled: boolean;
  hasOpening: boolean;
  resultCount: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** The notice `notifyNo` as it stands, or null when it does not exist. Reads inside `tx`. */
export async function loadNoticeState(tx: Transaction<DB>, notifyNo: string): Promise<NoticeState | null> {
  const r = await sql<Record<string, unknown>>`
    SELECT t.id, t.notify_no, t.notice_type, t.first_published_at,
           v.version, v.published_at, v.name, v.field, v.method, v.procedure, v.is_domestic, v.is_internet,
           v.price_vnd, v.bid_close_at, v.bid_open_at, v.bid_security_vnd, v.bid_validity_days,
           (SELECT e.new_close_at FROM tbmt_extension e WHERE e.tbmt_id = t.id AND e.new_close_at IS NOT NULL
              ORDER BY e.published_at DESC, e.id DESC LIMIT 1) AS ext_close,
           (SELECT e.new_open_at FROM tbmt_extension e WHERE e.tbmt_id = t.id AND e.new_open_at IS NOT NULL
              ORDER BY e.published_at DESC, e.id DESC LIMIT 1) AS ext_open,
           (SELECT e.published_at FROM tbmt_extension e WHERE e.tbmt_id = t.id
              ORDER BY e.published_at DESC, e.id DESC LIMIT 1) AS ext_at,
           EXISTS (SELECT 1 FROM tbmt_cancellation c WHERE c.tbmt_id = t.id) AS cancelled,
           EXISTS (SELECT 1 FROM bid_opening o WHERE o.tbmt_id = t.id) AS has_opening,
           (SELECT count(*) FROM kqlcnt k WHERE k.tbmt_id = t.id) AS result_count,
           (SELECT d.agency_code FROM publication_draft d
              WHERE d.notify_no = t.notify_no AND d.kind = 'tbmt' AND d.status = 'published' LIMIT 1) AS owner
      FROM tbmt t
      JOIN tbmt_version v ON v.tbmt_id = t.id
     WHERE t.notify_no = ${notifyNo}
     ORDER BY v.version DESC
     LIMIT 1`.execute(tx);
  const row = r.rows[0];
  if (!row) return null;
  const versionAt = date(row.published_at);
  const extAt = date(row.ext_at);
  // An extension later than the latest version moves closing/opening; a later amendment restates them.
  const extensionWins = extAt !== null && (versionAt === null || extAt >= versionAt);
  return {
    tbmtId: Number(row.id),
    notifyNo,
    ownerAgency: (row.owner as string | null) ?? null,
    noticeType: String(row.notice_type ?? 'TBMT'),
    version: String(row.version),
    issuedAt: date(row.first_published_at) ?? versionAt ?? new Date(0),
    name: String(row.name),
    field: (row.field as string | null) ?? null,
    method: (row.method as string | null) ?? null,
    procedure: (row.procedure as string | null) ?? null,
    isDomestic: (row.is_domestic as boolean | null) ?? null,
    isInternet: (row.is_internet as boolean | null) ?? null,
    priceVnd: num(row.price_vnd),
    bidCloseAt: (extensionWins ? date(row.ext_close) : null) ?? date(row.bid_close_at),
    bidOpenAt: (extensionWins ? date(row.ext_open) : null) ?? date(row.bid_open_at),
    bidSecurityVnd: num(row.bid_security_vnd),
    bidValidityDays: num(row.bid_validity_days),
    cancelled: Boolean(row.cancelled),
    hasOpening: Boolean(row.has_opening),
    resultCount: Number(row.result_count),
  };
}

/** The law-check view of a stored notice (closing falls back to issue when unknown). */
export function noticeFactsOf(n: NoticeState): NoticeFacts {
  return {
    kind: (['TBMT', 'TBMST', 'TBMQT'].includes(n.noticeType) ? n.noticeType : 'TBMT') as NoticeFacts['kind'],
    method: n.method as Method | null,
    procedure: n.procedure as Procedure | null,
    field: n.field as Field | null,
    domestic: n.isDomestic ?? true,
    online: n.isInternet ?? true,
    packagePriceVnd: n.priceVnd,
    issuedAt: n.issuedAt,
    bidCloseAt: n.bidCloseAt ?? n.issuedAt,
    bidSecurityVnd: n.bidSecurityVnd,
    bidValidityDays: n.bidValidityDays,
  };
}
