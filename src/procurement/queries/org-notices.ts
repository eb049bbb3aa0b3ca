/**
 * The notice lists of an organisation profile: notices it invites bids for (all, open now, with a
 * result), notices it bid in and notices it won. Each is one page of `NoticeRow`s over the search
 * index, newest first, with what the list needs besides (roles, its bid, the winners).
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { compareVersions } from './notify-no.ts';
import { fromIndex, stateFilter, toNoticeRow, withNoticeColumns, type NoticeRow } from './notice-rows.ts';
import { loadOrgs, orgOf } from './orgs.ts';
import type { OrgLink } from './story-types.ts';

/** One page of a list. */
export interface Paged<T> {
  /** Number of items over all pages. */
  total: number;
  /** 1-based page number (may be past `pageCount`: then `items` is empty). */
  page: number;
  pageSize: number;
  /** Number of pages (at least 1). */
  pageCount: number;
  items: T[];
}

/** The page `page` of `total` items of `size`, with its items. */
export function paged<T>(total: number, page: number, size: number, items: T[]): Paged<T> {
  return { total, page, pageSize: size, pageCount: Math.max(1, Math.ceil(total / size)), items };
}

/** The roles an organisation plays on the buyer side of a notice. */
export type BuyerRole = 'investor' | 'procuringEntity';

/** A notice an organisation invites bids for, with the roles it plays in its current version. */
export interface BuyerRow extends NoticeRow {
  /** `investor`, `procuringEntity` or both, in that order. */
  roles: BuyerRole[];
}

/** A notice with a result, with its winners (latest result version). Money VND. */
export interface ResultRow extends BuyerRow {
  winners: OrgLink[];
  /** Sum of the winning prices of the latest result version, VND; `null` when none is published. */
  awardedVnd: number | null;
}

/** A notice an organisation bid in, with its bid and the outcome. Money VND. */
export interface BidderRow extends NoticeRow {
  /** Bid price after discount at opening (sum over the lots it bid for), else the bid price. */
  bidPriceVnd: number | null;
  /** `true` won, `false` lost, `null` no result published yet (latest result version counts). */
  won: boolean | null;
  /** Winning price (sum over lots won), VND. */
  winningPriceVnd: number | null;
  /** Reason published for not winning. */
  reason: string | null;
}

/** A page request: 1-based page of `size` rows, state judged at `now`. */
export interface PageRequest {
  page: number;
  size: number;
  now: Date;
}

/** A notice of a list with what the lists need besides the `NoticeRow`. */
type ListedNotice = NoticeRow & {
  tbmtId: number;
  investorId: number | null;
  procuringEntityId: number | null;
};

/**
 * SQL id of the latest result version (`kqlcnt.id`) of the notice `tbmtId` (highest version number,
 * as the current notice version is chosen). Uses the unique index (tbmt_id, version).
 */
export function latestResultId(tbmtId: Expression<unknown>) {
  return sql<number>`(select k2.id from kqlcnt k2 where k2.tbmt_id = ${tbmtId}
    order by length(k2.version) desc, k2.version desc limit 1)`;
}

/**
 * Filter on the index `s`: notices whose current version (highest version number) names organisation
 * `orgId` as investor or procuring entity. The versions naming it are found by their indexes
 * (tbmt_version_investor_idx, tbmt_version_pe_idx) and kept when no higher version exists (unique key
 * (tbmt_id, version)). See `idIn` for why the ids are an array.
 */
export function buyerFilter(db: Kysely<DB>, orgId: number): Expression<SqlBool> {
  const ids = db
    .selectFrom('tbmt_version as v')
    .select('v.tbmt_id')
    .where((eb) => eb.or([eb('v.investor_id', '=', orgId), eb('v.procuring_entity_id', '=', orgId)]))
    .where(
      sql<SqlBool>`not exists (select 1 from tbmt_version v2 where v2.tbmt_id = v.tbmt_id
        and (length(v2.version) > length(v.version)
             or (length(v2.version) = length(v.version) and v2.version > v.version)))`,
    );
  return idIn(ids);
}

/**
 * `s.tbmt_id = ANY(ARRAY(ids))`: the ids are computed first (an init plan) and the notices read by
 * primary key, then sorted. Written as `IN (ids)`, the planner may instead walk the whole
 * newest-first index looking for an organisation's few notices (seconds at 100,000 notices).
 */
function idIn(ids: Expression<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`s.tbmt_id = any(array(${ids}))`;
}

/** Surrogate ids of the notices in which organisation `orgId` bid (opening record or result). */
export function bidTbmtIds(db: Kysely<DB>, orgId: number) {
  return db
    .selectFrom('bid_opening as o')
    .innerJoin('bid_opening_bidder as b', 'b.bid_opening_id', 'o.id')
    .select('o.tbmt_id')
    .where('b.contractor_id', '=', orgId)
    .union(
      db
        .selectFrom('kqlcnt as k')
        .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
        .select('k.tbmt_id')
        .where('b.contractor_id', '=', orgId),
    );
}

/** Surrogate ids of the notices organisation `orgId` won (a winner row of the latest result version). */
export function wonTbmtIds(db: Kysely<DB>, orgId: number) {
  return db
    .selectFrom('kqlcnt as k')
    .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
    .select('k.tbmt_id')
    .where('b.contractor_id', '=', orgId)
    .where('b.is_winner', '=', true)
    .where(sql<SqlBool>`k.id = ${latestResultId(sql.ref('k.tbmt_id'))}`);
}

async function pagedNotices(
  db: Kysely<DB>,
  req: PageRequest,
  filter: Expression<SqlBool>,
  extra?: (s: ReturnType<typeof fromIndex>) => ReturnType<typeof fromIndex>,
): Promise<Paged<ListedNotice>> {
  const base = extra ? extra(fromIndex(db)) : fromIndex(db);
  const [count, rows] = await Promise.all([
    // Counted as listed (a notice is listed with its current version), with an index-only existence
    // check instead of choosing the current version of every notice.
    base
      .where(filter)
      .where(sql<SqlBool>`exists (select 1 from tbmt_version v where v.tbmt_id = s.tbmt_id)`)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    withNoticeColumns(base)
      .select(['cv.investor_id', 'cv.procuring_entity_id'])
      .where(filter)
      .orderBy(sql`s.published_at desc nulls last`)
      .orderBy('s.tbmt_id', 'desc')
      .limit(req.size)
      .offset((req.page - 1) * req.size)
      .execute(),
  ]);
  return paged(
    Number(count.n),
    req.page,
    req.size,
    rows.map((r) => ({
      ...toNoticeRow(r, req.now),
      tbmtId: r.tbmt_id,
      investorId: r.investor_id,
      procuringEntityId: r.procuring_entity_id,
    })),
  );
}

function withRoles(
  orgId: number,
  { tbmtId: _t, investorId, procuringEntityId, ...row }: ListedNotice,
): BuyerRow {
  return {
    ...row,
    roles: [
      ...(investorId === orgId ? (['investor'] as const) : []),
      ...(procuringEntityId === orgId ? (['procuringEntity'] as const) : []),
    ],
  };
}

/**
 * Notices whose current version names `orgId` as investor or procuring entity, each once with its
 * roles; `open` keeps only those open for bids at `req.now`.
 */
export async function buyerNotices(
  db: Kysely<DB>,
  orgId: number,
  req: PageRequest,
  only: 'all' | 'open' = 'all',
): Promise<Paged<BuyerRow>> {
  const filter = buyerFilter(db, orgId);
  const list = await pagedNotices(
    db,
    req,
    filter,
    only === 'open' ? (s) => s.where(stateFilter('open', req.now)) : undefined,
  );
  return { ...list, items: list.items.map((r) => withRoles(orgId, r)) };
}

/** Notices of `orgId` (as in `buyerNotices`) that have a result, newest first, with their winners. */
export async function resultNotices(
  db: Kysely<DB>,
  orgId: number,
  req: PageRequest,
): Promise<Paged<ResultRow>> {
  const list = await pagedNotices(db, req, buyerFilter(db, orgId), (s) =>
    s.where(sql<SqlBool>`exists (select 1 from kqlcnt k where k.tbmt_id = s.tbmt_id)`),
  );
  const ids = list.items.map((r) => r.tbmtId);
  const winners =
    ids.length === 0
      ? []
      : await db
          .selectFrom('kqlcnt as k')
          .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
          .select(['k.tbmt_id', 'b.contractor_id', 'b.winning_price_vnd'])
          .where('k.tbmt_id', 'in', ids)
          .where('b.is_winner', '=', true)
          .where(sql<SqlBool>`k.id = ${latestResultId(sql.ref('k.tbmt_id'))}`)
          .orderBy('b.id')
          .execute();
  const orgs = await loadOrgs(
    db,
    winners.map((w) => w.contractor_id),
  );
  return {
    ...list,
    items: list.items.map((r) => {
      const mine = winners.filter((w) => w.tbmt_id === r.tbmtId);
      const links = [...new Set(mine.map((w) => w.contractor_id))]
        .map((id) => orgOf(orgs, id))
        .filter((o): o is OrgLink => o !== null);
      return {
        ...withRoles(orgId, r),
        winners: links,
        awardedVnd: sum(mine.map((w) => w.winning_price_vnd)),
      };
    }),
  };
}

/** Notices `orgId` bid in (`only: 'won'`: those it won), newest first, with its bid and the outcome. */
export async function bidderNotices(
  db: Kysely<DB>,
  orgId: number,
  req: PageRequest,
  only: 'all' | 'won' = 'all',
): Promise<Paged<BidderRow>> {
  const ids = only === 'won' ? wonTbmtIds(db, orgId) : bidTbmtIds(db, orgId);
  const list = await pagedNotices(db, req, idIn(ids));
  return { ...list, items: await withBids(db, orgId, list.items) };
}

async function withBids(db: Kysely<DB>, orgId: number, rows: ListedNotice[]): Promise<BidderRow[]> {
  const ids = rows.map((r) => r.tbmtId);
  if (ids.length === 0) return [];
  const [opening, results] = await Promise.all([
    db
      .selectFrom('bid_opening as o')
      .innerJoin('bid_opening_bidder as b', 'b.bid_opening_id', 'o.id')
      .select(['o.tbmt_id', 'b.bid_price_vnd', 'b.final_price_vnd'])
      .where('o.tbmt_id', 'in', ids)
      .where('b.contractor_id', '=', orgId)
      .execute(),
    db
      .selectFrom('kqlcnt as k')
      .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
      .select(['k.tbmt_id', 'k.version', 'b.is_winner', 'b.winning_price_vnd', 'b.bid_price_vnd', 'b.reason'])
      .where('k.tbmt_id', 'in', ids)
      .where('b.contractor_id', '=', orgId)
      .execute(),
  ]);
  const latestVersions = await db
    .selectFrom('kqlcnt')
    .select(['tbmt_id', 'version'])
    .where('tbmt_id', 'in', ids)
    .execute();
  return rows.map(({ tbmtId, investorId: _i, procuringEntityId: _p, ...row }) => {
    const bids = opening.filter((o) => o.tbmt_id === tbmtId);
    const latest = latestVersions
      .filter((k) => k.tbmt_id === tbmtId)
      .reduce<string | null>(
        (v, k) => (v === null || compareVersions(k.version, v) > 0 ? k.version : v),
        null,
      );
    const mine = results.filter((r) => r.tbmt_id === tbmtId && r.version === latest);
    const wins = mine.filter((r) => r.is_winner);
    return {
      ...row,
      bidPriceVnd:
        sum(bids.map((b) => b.final_price_vnd ?? b.bid_price_vnd)) ?? sum(mine.map((r) => r.bid_price_vnd)),
      // A result published for the notice that does not name it as winner: it did not win.
      won: latest === null ? null : wins.length > 0,
      winningPriceVnd: sum(wins.map((w) => w.winning_price_vnd)),
      reason: mine.find((r) => !r.is_winner && r.reason)?.reason ?? null,
    };
  });
}

/** Sum of the known values, or `null` when none is known. */
export function sum(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}
