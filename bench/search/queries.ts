/**
 * The benchmark's fixed mixed query set: every query is a real `searchTbmt` call (the app's search)
 * with the benchmark's "now", grouped by kind. Values (codes, tax codes, agencies, wards) are taken
 * from the generated universe, so every code lookup finds its notice.
 */
import type { SearchParams } from '../../src/procurement/queries/search.ts';
import { BENCH_NOW, generateBatch, type Universe } from './generate.ts';

/** Kinds of query, as reported. */
export const QUERY_KINDS = [
  'keyword',
  'keyword+filters',
  'facets',
  'code',
  'tax-code',
  'deep-page',
  'browse',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One query of the set. */
export interface BenchQuery {
  kind: QueryKind;
  /** Short description for the report and `--explain`. */
  label: string;
  params: SearchParams;
  facets: boolean;
}

/** The query set for `n` packages of universe `u` (deterministic). */
export function querySet(u: Universe, n: number): BenchQuery[] {
  const base = { page: 1, pageSize: 20, now: BENCH_NOW };
  const q = (kind: QueryKind, label: string, params: Partial<SearchParams>, facets = false): BenchQuery => ({
    kind,
    label,
    params: { ...base, ...params },
    facets,
  });
  const notice = (i: number) => String(generateBatch(u, i, i + 1).get('tbmt_search')!.notify_no![0]);
  const plan = (i: number) => String(generateBatch(u, i, i + 1).get('khlcnt')!.plan_no?.[0] ?? '');
  const committee = u.agencies.find(
    (a) => a.kind === 'ubnd' && u.agencies.some((s) => s.parentCode === a.code),
  )!;
  const hospital = u.agencies.find((a) => a.kind === 'benhvien' && a.parentCode === null)!;
  const ward = committee.wards[0]!;
  // Tax codes of contractors that did bid: the first bidder of the first package with an opening
  // from a fifth of the way along.
  const tax = (k: number) => {
    for (let i = Math.floor((k * n) / 5); i < n; i++) {
      const id = generateBatch(u, i, i + 1).get('bid_opening_bidder')!.contractor_id?.[0];
      if (typeof id === 'number') return u.contractors[id - u.agencies.length - 1]!.taxCode;
    }
    return u.contractors[0]!.taxCode;
  };
  const deep = Math.max(1, Math.min(500, Math.floor(n / 20 / 4)));
  return [
    q('keyword', 'duong lang', { q: 'duong lang' }),
    q('keyword', 'thiet bi y te', { q: 'thiet bi y te' }),
    q('keyword', 'may tinh', { q: 'may tinh' }),
    q('keyword', 'hoa chat xet nghiem', { q: 'hoa chat xet nghiem' }),
    q('keyword', 'truong tieu hoc', { q: 'truong tieu hoc' }),
    q('keyword', 've sinh moi truong', { q: 've sinh moi truong' }),
    q('keyword', 'tu van giam sat', { q: 'tu van giam sat' }),
    q('keyword', 'cau giay', { q: 'cau giay' }),
    q('keyword', 'bao hiem', { q: 'bao hiem' }),
    q('keyword', 'Đường Láng (diacritics)', { q: 'Đường Láng' }),
    q('keyword+filters', 'thiet bi + HH + awarded', { q: 'thiet bi', field: 'HH', state: 'awarded' }),
    q('keyword+filters', 'thi cong + XL + DTRR + province 01', {
      q: 'thi cong',
      field: 'XL',
      method: 'DTRR',
      province: '01',
    }),
    q('keyword+filters', `truong + ward ${ward}`, { q: 'truong', ward }),
    q('keyword+filters', `y te + agency ${hospital.code}`, { q: 'y te', agency: hospital.code }),
    q('keyword+filters', 'xay dung + price 1–5 bn + published 2025', {
      q: 'xay dung',
      priceMin: 1_000_000_000,
      priceMax: 5_000_000_000,
      publishedFrom: '2025-01-01',
      publishedTo: '2025-12-31',
    }),
    q('keyword+filters', 'tu van + 1_HTHS + online', { q: 'tu van', procedure: '1_HTHS', online: true }),
    q('keyword+filters', 'mua sam + open + closing within 14 days', {
      q: 'mua sam',
      state: 'open',
      closingWithin: 14,
    }),
    q('facets', 'everything + facets', {}, true),
    q('facets', 'thiet bi y te + facets', { q: 'thiet bi y te' }, true),
    q('facets', 'field XL + facets', { field: 'XL' }, true),
    q('facets', `agency ${committee.code} (with sub-units) + facets`, { agency: committee.code }, true),
    q('facets', 'duong + awarded + facets', { q: 'duong', state: 'awarded' }, true),
    q('facets', `ward ${ward} + open + facets`, { ward, state: 'open' }, true),
    q('code', 'notice number', { q: notice(Math.floor(n / 3)) }),
    q('code', 'notice number with -00', { q: `${notice(Math.floor(n / 2))}-00` }),
    q('code', 'notice number (lower case)', { q: notice(n - 1).toLowerCase() }),
    q('code', 'plan number', { q: plan(Math.floor(n / 7) * 4 >= n ? 0 : Math.floor(n / 7) * 4) }),
    q('tax-code', 'contractor tax code 1', { q: tax(0) }),
    q('tax-code', 'contractor tax code 2', { q: tax(1) }),
    q('tax-code', 'contractor tax code 3', { q: tax(2) }),
    q('tax-code', 'contractor tax code + awarded', { q: tax(3), state: 'awarded' }),
    q('deep-page', `newest page ${deep}`, { page: deep }),
    q('deep-page', `thiet bi page ${Math.max(1, Math.floor(deep / 5))}`, {
      q: 'thiet bi',
      page: Math.max(1, Math.floor(deep / 5)),
    }),
    q('deep-page', `HH by price page ${Math.max(1, Math.floor(deep / 2))}`, {
      field: 'HH',
      sort: 'price',
      page: Math.max(1, Math.floor(deep / 2)),
    }),
    q('deep-page', `closing page ${Math.max(1, Math.floor(deep / 2))}`, {
      sort: 'closing',
      page: Math.max(1, Math.floor(deep / 2)),
    }),
    q('browse', 'newest', {}),
    q('browse', 'open, closing soonest', { state: 'open', sort: 'closing' }),
    q('browse', 'highest price', { sort: 'price' }),
    q('browse', 'awarded, newest', { state: 'awarded' }),
  ];
}
