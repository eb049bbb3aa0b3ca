/** Lists for the home page: latest notices, notices closing soon, latest results (KQLCNT). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { compareVersions } from './notify-no.ts';
import { fromIndex, stateFilter, toNoticeRow, withNoticeColumns, type NoticeRow } from './notice-rows.ts';
import type { OrgLink } from './story-types.ts';

/** Latest notices by first publication, newest first (ties: notice id descending). */
export async function latestNotices(
  db: Kysely<DB>,
  limit = 10,
  now: Date = new Date(),
): Promise<NoticeRow[]> {
  const rows = await withNoticeColumns(fromIndex(db))
    .orderBy(sql`s.published_at desc nulls last`)
    .orderBy('s.tbmt_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => toNoticeRow(r, now));
}

/**
 * Notices still open for bids at `now` (state open, closing time in the future), soonest closing
 * first.
 */
export async function closingSoon(db: Kysely<DB>, now: Date, limit = 10): Promise<NoticeRow[]> {
  const rows = await withNoticeColumns(
    fromIndex(db).where(stateFilter('open', now)).where('s.bid_close_at', '>', now),
  )
    .orderBy('s.bid_close_at', 'asc')
    .orderBy('s.tbmt_id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => toNoticeRow(r, now));
}

/** A winner of a result, with the winning price (VND) when published. */
export interface Winner {
  contractor: OrgLink;
  lotNo: string;
  winningPriceVnd: number | null;
}

/** A notice with a result and the winners of its latest result version. */
export interface ResultRow extends NoticeRow {
  winners: Winner[];
}

/** Notices with a result (KQLCNT), latest result publication first, with the winners. */
export async function latestResults(
  db: Kysely<DB>,
  limit = 10,
  now: Date = new Date(),
): Promise<ResultRow[]> {
  const rows = await withNoticeColumns(fromIndex(db).where('s.result_published_at', 'is not', null))
    .orderBy('s.result_published_at', 'desc')
    .orderBy('s.tbmt_id', 'desc')
    .limit(limit)
    .execute();
  const winners = await winnersOf(
    db,
    rows.map((r) => r.tbmt_id),
  );
  return rows.map((r) => ({ ...toNoticeRow(r, now), winners: winners.get(r.tbmt_id) ?? [] }));
}

/**
 * Winners of the latest result version of each notice (by surrogate id). Notices without a result or
 * without a winner map to nothing.
 */
export async function winnersOf(db: Kysely<DB>, tbmtIds: number[]): Promise<Map<number, Winner[]>> {
  const map = new Map<number, Winner[]>();
  if (tbmtIds.length === 0) return map;
  const rows = await db
    .selectFrom('kqlcnt as k')
    .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
    .innerJoin('org as o', 'o.id', 'b.contractor_id')
    .select([
      'k.tbmt_id',
      'k.version',
      'b.lot_no',
      'b.winning_price_vnd',
      'o.code',
      'o.name',
      'o.tax_code',
      'o.code_is_local',
    ])
    .where('k.tbmt_id', 'in', tbmtIds)
    .where('b.is_winner', '=', true)
    .orderBy('b.lot_no')
    .orderBy('b.id')
    .execute();
  const latest = new Map<number, string>();
  for (const r of rows) {
    const seen = latest.get(r.tbmt_id);
    if (seen === undefined || compareVersions(r.version, seen) > 0) latest.set(r.tbmt_id, r.version);
  }
  for (const r of rows) {
    if (latest.get(r.tbmt_id) !== r.version) continue;
    const list = map.get(r.tbmt_id) ?? [];
    list.push({
      contractor: { code: r.code, name: r.name, taxCode: r.tax_code, codeIsLocal: r.code_is_local },
      lotNo: r.lot_no,
      winningPriceVnd: r.winning_price_vnd,
    });
    map.set(r.tbmt_id, list);
  }
  return map;
}
