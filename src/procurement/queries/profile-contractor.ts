/**
 * The contractor side of an organisation profile (nhà thầu): how often it bids and wins, the value it
 * is awarded, the agencies it wins from and the bidders it meets most. A result counts by its latest
 * version (highest version number), as the notice page shows it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { bidTbmtIds, latestResultId, paged, type PageRequest, type Paged } from './org-notices.ts';
import { loadOrgs, orgOf } from './orgs.ts';
import type { OrgLink } from './story-types.ts';

/** How a contractor fares. Counts are numbers of notices (packages); money VND. */
export interface ContractorStats {
  /** Notices it bid in: a bid-opening record or a result names it. */
  bids: number;
  /** Bid openings (biên bản mở thầu) it took part in. */
  openings: number;
  /** Notices it bid in that have a published result. */
  decided: number;
  /** Notices it won (a winner row in the latest result version). */
  wins: number;
  /** `wins / decided` in [0, 1]; `null` when no notice it bid in has a result yet. */
  winRate: number | null;
  /** Sum of its winning prices in the latest result versions, VND (0 when it won nothing). */
  awardedVnd: number;
}

/** An agency a contractor wins from: the investor (else procuring entity) of the current version. */
export interface AgencyWin {
  agency: OrgLink;
  /** Notices of this agency it won. */
  wins: number;
  /** Its winning prices in them, VND. */
  awardedVnd: number;
}

/** A bidder met in the same bid openings. */
export interface CoBidder {
  bidder: OrgLink;
  /** Bid openings both took part in. */
  shared: number;
  /** Of those, notices the co-bidder won. */
  theirWins: number;
  /** Of those, notices the profiled contractor won. */
  ownWins: number;
}

/** The figures of `ContractorStats` for organisation `orgId`. */
export async function contractorStats(db: Kysely<DB>, orgId: number): Promise<ContractorStats> {
  const row = await sql<{
    bids: number;
    openings: number;
    decided: number;
    wins: number;
    awarded: number | null;
  }>`
    with bids as (${bidTbmtIds(db, orgId)}),
    won as (
      select k.tbmt_id, b.winning_price_vnd from kqlcnt k join kqlcnt_bidder b on b.kqlcnt_id = k.id
       where b.contractor_id = ${orgId} and b.is_winner and k.id = ${latestResultId(sql.ref('k.tbmt_id'))})
    select (select count(*) from bids)::int as bids,
           (select count(distinct b.bid_opening_id) from bid_opening_bidder b
             where b.contractor_id = ${orgId})::int as openings,
           (select count(*) from bids where exists (select 1 from kqlcnt k where k.tbmt_id = bids.tbmt_id))::int
             as decided,
           (select count(distinct tbmt_id) from won)::int as wins,
           (select sum(winning_price_vnd) from won)::bigint as awarded`.execute(db);
  const r = row.rows[0]!;
  return {
    bids: Number(r.bids),
    openings: Number(r.openings),
    decided: Number(r.decided),
    wins: Number(r.wins),
    winRate: Number(r.decided) === 0 ? null : Number(r.wins) / Number(r.decided),
    awardedVnd: Number(r.awarded ?? 0),
  };
}

/**
 * The agencies organisation `orgId` wins from, most wins first (then value, then id): the investor of
 * each won notice's current version, else its procuring entity.
 */
export async function agenciesWonFrom(
  db: Kysely<DB>,
  orgId: number,
  req: PageRequest,
): Promise<Paged<AgencyWin>> {
  const grouped = sql`
    with won as (
      select k.tbmt_id, sum(b.winning_price_vnd) as awarded from kqlcnt k
        join kqlcnt_bidder b on b.kqlcnt_id = k.id
       where b.contractor_id = ${orgId} and b.is_winner and k.id = ${latestResultId(sql.ref('k.tbmt_id'))}
       group by k.tbmt_id)
    select coalesce(cv.investor_id, cv.procuring_entity_id) as agency_id,
           count(*)::int as wins, coalesce(sum(won.awarded), 0)::bigint as awarded
      from won cross join lateral (
        select v.investor_id, v.procuring_entity_id from tbmt_version v where v.tbmt_id = won.tbmt_id
         order by length(v.version) desc, v.version desc limit 1) cv
     where coalesce(cv.investor_id, cv.procuring_entity_id) is not null
     group by 1`;
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from (${grouped}) g`.execute(db),
    sql<{ agency_id: number; wins: number; awarded: number }>`
      select * from (${grouped}) g order by wins desc, awarded desc, agency_id
       limit ${req.size} offset ${(req.page - 1) * req.size}`.execute(db),
  ]);
  const orgs = await loadOrgs(
    db,
    rows.rows.map((r) => Number(r.agency_id)),
  );
  return paged(
    Number(count.rows[0]?.n ?? 0),
    req.page,
    req.size,
    rows.rows.flatMap((r) => {
      const agency = orgOf(orgs, Number(r.agency_id));
      return agency ? [{ agency, wins: Number(r.wins), awardedVnd: Number(r.awarded) }] : [];
    }),
  );
}

/**
 * The bidders organisation `orgId` meets most in the same bid openings (any lot), most shared openings
 * first (then their wins, then id), with who won those notices.
 */
export async function coBidders(db: Kysely<DB>, orgId: number, req: PageRequest): Promise<Paged<CoBidder>> {
  // The winners of the shared notices are found once (latest result version of each), then joined.
  const grouped = sql`
    with mine as (
      select distinct o.id as opening_id, o.tbmt_id from bid_opening o
        join bid_opening_bidder b on b.bid_opening_id = o.id where b.contractor_id = ${orgId}),
    co as (
      select distinct m.tbmt_id, b.contractor_id from mine m
        join bid_opening_bidder b on b.bid_opening_id = m.opening_id where b.contractor_id <> ${orgId}),
    win as (
      select distinct k.tbmt_id, w.contractor_id from kqlcnt k join kqlcnt_bidder w on w.kqlcnt_id = k.id
       where k.tbmt_id in (select tbmt_id from mine) and w.is_winner
         and k.id = ${latestResultId(sql.ref('k.tbmt_id'))})
    select co.contractor_id, count(*)::int as shared,
           (count(*) filter (where theirs.tbmt_id is not null))::int as their_wins,
           (count(*) filter (where own.tbmt_id is not null))::int as own_wins
      from co
      left join win theirs on theirs.tbmt_id = co.tbmt_id and theirs.contractor_id = co.contractor_id
      left join win own on own.tbmt_id = co.tbmt_id and own.contractor_id = ${orgId}
     group by co.contractor_id`;
  const rows = await sql<{
    contractor_id: number;
    shared: number;
    their_wins: number;
    own_wins: number;
    total: number;
  }>`
    select g.*, count(*) over ()::int as total from (${grouped}) g
     order by shared desc, their_wins desc, contractor_id
     limit ${req.size} offset ${(req.page - 1) * req.size}`.execute(db);
  // Past the last page no row carries the total: count the groups then.
  const total =
    rows.rows[0]?.total ??
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from (${grouped}) g`.execute(db)).rows[0]?.n ?? 0,
    );
  const orgs = await loadOrgs(
    db,
    rows.rows.map((r) => Number(r.contractor_id)),
  );
  return paged(
    Number(total),
    req.page,
    req.size,
    rows.rows.flatMap((r) => {
      const bidder = orgOf(orgs, Number(r.contractor_id));
      return bidder
        ? [
            {
              bidder,
              shared: Number(r.shared),
              theirWins: Number(r.their_wins),
              ownWins: Number(r.own_wins),
            },
          ]
        : [];
    }),
  );
}
