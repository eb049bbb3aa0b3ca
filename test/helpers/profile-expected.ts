/**
 * Expected figures of an organisation profile, computed in plain JavaScript from the raw tables (not
 * through the profile's SQL), for the profile tests to compare with the page and the API.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/connect.ts';
import { compareVersions } from '../../src/procurement/queries/notify-no.ts';

export interface Expected {
  buyer: Set<number>;
  years: Map<
    number | null,
    { packages: number; price: number; awardedPackages: number; awarded: number; pp: number; pa: number }
  >;
  bids: number;
  openings: number;
  decided: number;
  wins: number;
  awarded: number;
  /** agency code → [wins, awarded VND] */
  agencies: Map<string, [number, number]>;
  /** co-bidder code → [shared, theirWins, ownWins] */
  coBidders: Map<string, [number, number, number]>;
  plans: number;
  notifyNoOf: Map<number, string>;
}

function latestBy<T extends { version: string }>(rows: T[], key: (r: T) => number): Map<number, T> {
  const m = new Map<number, T>();
  for (const r of rows) {
    const k = key(r);
    const cur = m.get(k);
    if (!cur || compareVersions(r.version, cur.version) > 0) m.set(k, r);
  }
  return m;
}

/** Everything the profile of organisation `orgId` should show, from the raw rows. */
export async function expectedProfile(db: Kysely<DB>, orgId: number): Promise<Expected> {
  const [versions, search, results, rb, ob, orgs, plans, tbmts] = await Promise.all([
    db
      .selectFrom('tbmt_version')
      .select(['tbmt_id', 'version', 'investor_id', 'procuring_entity_id'])
      .execute(),
    db.selectFrom('tbmt_search').select(['tbmt_id', 'price_vnd', 'published_at']).execute(),
    db.selectFrom('kqlcnt').select(['id', 'tbmt_id', 'version']).execute(),
    db
      .selectFrom('kqlcnt_bidder')
      .select(['kqlcnt_id', 'contractor_id', 'is_winner', 'winning_price_vnd'])
      .execute(),
    db
      .selectFrom('bid_opening_bidder as b')
      .innerJoin('bid_opening as o', 'o.id', 'b.bid_opening_id')
      .select(['o.id', 'o.tbmt_id', 'b.contractor_id'])
      .execute(),
    db.selectFrom('org').select(['id', 'code']).execute(),
    db.selectFrom('khlcnt').select('id').where('investor_id', '=', orgId).execute(),
    db.selectFrom('tbmt').select(['id', 'notify_no']).execute(),
  ]);
  const codeOf = new Map(orgs.map((o) => [o.id, o.code]));
  const current = latestBy(versions, (v) => v.tbmt_id);
  const latest = latestBy(results, (k) => k.tbmt_id);
  const hasResult = new Set(results.map((k) => k.tbmt_id));
  const resultTbmt = new Map(results.map((k) => [k.id, k.tbmt_id]));
  const winnersOf = new Map<number, { contractor: number; price: number | null }[]>();
  for (const r of rb) {
    const t = resultTbmt.get(r.kqlcnt_id)!;
    if (r.is_winner && latest.get(t)?.id === r.kqlcnt_id) {
      winnersOf.set(t, [
        ...(winnersOf.get(t) ?? []),
        { contractor: r.contractor_id, price: r.winning_price_vnd },
      ]);
    }
  }
  const buyer = new Set(
    [...current.values()]
      .filter((v) => v.investor_id === orgId || v.procuring_entity_id === orgId)
      .map((v) => v.tbmt_id),
  );
  const years: Expected['years'] = new Map();
  for (const s of search) {
    if (!buyer.has(s.tbmt_id)) continue;
    const year = s.published_at ? new Date(s.published_at.getTime() + 7 * 3600_000).getUTCFullYear() : null;
    const y = years.get(year) ?? { packages: 0, price: 0, awardedPackages: 0, awarded: 0, pp: 0, pa: 0 };
    const w = winnersOf.get(s.tbmt_id);
    const awarded = w ? w.reduce((a, x) => a + (x.price ?? 0), 0) : null;
    y.packages += 1;
    y.price += s.price_vnd ?? 0;
    if (w) {
      y.awardedPackages += 1;
      y.awarded += awarded!;
      if (s.price_vnd !== null) {
        y.pp += s.price_vnd;
        y.pa += awarded!;
      }
    }
    years.set(year, y);
  }
  const bidSet = new Set<number>();
  const openingIds = new Set<number>();
  for (const b of ob)
    if (b.contractor_id === orgId) {
      bidSet.add(b.tbmt_id);
      openingIds.add(b.id);
    }
  for (const r of rb) if (r.contractor_id === orgId) bidSet.add(resultTbmt.get(r.kqlcnt_id)!);
  const won = [...winnersOf.entries()].filter(([, ws]) => ws.some((w) => w.contractor === orgId));
  const agencies: Expected['agencies'] = new Map();
  let awarded = 0;
  for (const [t, ws] of won) {
    const mine = ws.filter((w) => w.contractor === orgId).reduce((a, w) => a + (w.price ?? 0), 0);
    awarded += mine;
    const v = current.get(t)!;
    const agency = v.investor_id ?? v.procuring_entity_id;
    if (agency === null) continue;
    const code = codeOf.get(agency)!;
    const [n, sum] = agencies.get(code) ?? [0, 0];
    agencies.set(code, [n + 1, sum + mine]);
  }
  const pairs = new Set<string>();
  for (const b of ob) {
    if (b.contractor_id === orgId || !openingIds.has(b.id)) continue;
    pairs.add(`${b.tbmt_id}:${b.contractor_id}`);
  }
  const coBidders: Expected['coBidders'] = new Map();
  for (const p of pairs) {
    const [t, c] = p.split(':').map(Number) as [number, number];
    const ws = winnersOf.get(t) ?? [];
    const code = codeOf.get(c)!;
    const [n, theirs, own] = coBidders.get(code) ?? [0, 0, 0];
    coBidders.set(code, [
      n + 1,
      theirs + (ws.some((w) => w.contractor === c) ? 1 : 0),
      own + (ws.some((w) => w.contractor === orgId) ? 1 : 0),
    ]);
  }
  return {
    buyer,
    years,
    bids: bidSet.size,
    openings: openingIds.size,
    decided: [...bidSet].filter((t) => hasResult.has(t)).length,
    wins: won.length,
    awarded,
    agencies,
    coBidders,
    plans: plans.length,
    notifyNoOf: new Map(tbmts.map((t) => [t.id, t.notify_no])),
  };
}

/** All items of a paged API list, fetching every page of 100. */
export async function allItems<T>(
  fetch: (url: string) => Promise<{ json(): Record<string, { items: T[]; pageCount: number }> }>,
  code: string,
  role: string,
  key: string,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = await fetch(`/api/v1/to-chuc/${code}?role=${role}&page=${page}&pageSize=100`);
    const list = res.json()[key]!;
    items.push(...list.items);
    if (page >= list.pageCount) return items;
  }
}
