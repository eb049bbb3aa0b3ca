/**
 * `searchTbmt`: the public search over notices (TBMT) — the one entry point of the search page, the
 * JSON API, the Atom feed, the CSV/XLSX exports and saved-search alerts. Diacritic- and
 * case-insensitive full text on the derived `tbmt_search` index, exact notice-number lookup, the
 * filters of `SearchParams`, a choice of order (`SEARCH_SORTS`), stable paging, and facet counts
 * that follow the filters. The SQL is in `search-sql.ts`; the URL form in `search-params.ts`.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { FIELDS, labelVi, METHODS, NOTICE_STATES, PROCEDURES } from '../codes.ts';
import {
  fromIndex,
  toNoticeRow,
  withNoticeColumns,
  type NoticeColumns,
  type NoticeRow,
} from './notice-rows.ts';
import { parseNotifyNo } from './notify-no.ts';
import type { SearchParams, SearchSort } from './search-params.ts';
import { facetTableStatement, type FacetCountRow } from './search-count.ts';
import { countAndList, idsStatement, plan, sortFor, type SearchOptions } from './search-page.ts';
import { FACET_KEYS, type FacetKey } from './search-sql.ts';

export {
  isSearchSort,
  parseSearchQuery,
  SEARCH_SORTS,
  searchQueryString,
  type SearchParams,
  type SearchSort,
} from './search-params.ts';
export { SEARCH_COUNT_CAP } from './search-count.ts';
export { agencyCodes, type SearchOptions } from './search-page.ts';
export { MAX_QUERY_WORDS, phraseTsQuery, prefixTsQuery, queryWords, type FacetKey } from './search-sql.ts';

/** One value of a facet: how many results choosing it would give (all other filters applied). */
export interface FacetValue {
  /** The parameter value (`HH`, `open`, `true`, `01`…). */
  value: string;
  /** Vietnamese label. */
  label: string;
  /** Results choosing it would give; null when the search has too many results to count them. */
  count: number | null;
}

/** The facets of a search, each value most frequent first. Values of unknown (NULL) data are not listed. */
export type Facets = Record<FacetKey, FacetValue[]>;

/** One page of search results. */
export interface SearchResult {
  /**
   * Number of notices matching, over all pages — exactly when `totalExact`, else a lower bound
   * (`SEARCH_COUNT_CAP`: "more than 10,000").
   */
  total: number;
  /** False when there are more than `total` matches (too many to count; see search-count.ts). */
  totalExact: boolean;
  page: number;
  pageSize: number;
  /** Number of pages (at least 1). */
  pageCount: number;
  /** True when `q` was a notice number and the search was an exact lookup of it. */
  exactCode: boolean;
  /**
   * The order actually used (see `SearchParams.sort`): relevance becomes newest when there are more
   * matches than can be counted (`totalExact` false).
   */
  sort: SearchSort;
  /** The folded words of `q` that were searched (for highlighting); empty for a code lookup. */
  words: string[];
  items: NoticeRow[];
  /**
   * Facet counts, when asked for (`SearchOptions.facets`), else null. When there are too many
   * matches to count, every value that exists is listed with `count` null.
   */
  facets: Facets | null;
}

/**
 * The `NoticeRow`s of the notices `ids`, in the order of `ids` (ids without a row are skipped).
 * `now` decides open vs closed.
 */
export async function noticeRowsByIds(
  db: Kysely<DB>,
  ids: readonly number[],
  now: Date,
): Promise<NoticeRow[]> {
  if (ids.length === 0) return [];
  const rows = await withNoticeColumns(fromIndex(db).where('s.tbmt_id', 'in', [...ids])).execute();
  const byId = new Map(rows.map((r) => [Number(r.tbmt_id), r as NoticeColumns]));
  return ids.flatMap((id) => {
    const r = byId.get(Number(id));
    return r ? [toNoticeRow(r, now)] : [];
  });
}

/**
 * The statements a search page runs to count and list (in order; the later depend on what the earlier
 * found, so they are run) — for `EXPLAIN` (test/search-plans.test.ts) and the benchmark.
 */
export async function searchStatements(
  db: Kysely<DB>,
  params: SearchParams,
  options: SearchOptions = {},
): Promise<RawBuilder<unknown>[]> {
  const p = await plan(db, params);
  return (await countAndList(db, p, options, params.pageSize, (params.page - 1) * params.pageSize))
    .statements;
}

/**
 * Searches notices. Words in `q` are a filter (every word, the last as a prefix, anywhere in the
 * notice) and, by default, an order (see `SEARCH_SORTS`); every order ends with the notice id, so
 * paging is stable. A `q` that is a notice number matches that notice exactly (`exactCode: true`).
 * Up to `SEARCH_COUNT_CAP` matches the total and facets are exact; beyond, `totalExact` is false,
 * relevance becomes newest and facet counts are null (see search-count.ts).
 * A page past the last returns no items with the true `total`. Facets only with `options.facets`.
 */
export async function searchTbmt(
  db: Kysely<DB>,
  params: SearchParams,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const p = await plan(db, params);
  const offset = (params.page - 1) * params.pageSize;
  const counted = await countAndList(db, p, options, params.pageSize, offset);
  const items = await noticeRowsByIds(db, counted.ids, p.now);
  let facets: Facets | null = null;
  if (options.facets) {
    // Facets too broad to count: every value there is (from the facet table), without counts.
    const omitted = new Set<string>(
      counted.facetRows === null
        ? FACET_KEYS
        : counted.facetRows.filter((r) => r.facet === '_omitted').map((r) => r.value ?? ''),
    );
    const everything =
      omitted.size > 0
        ? (await facetTableStatement({ page: 1, pageSize: 1 }, p.now, true).execute(db)).rows
        : [];
    const rows = [
      ...(counted.facetRows ?? []).filter((r) => !omitted.has(r.facet)),
      ...everything.filter((r) => omitted.has(r.facet)),
    ];
    facets = await toFacets(db, rows, omitted);
  }
  const { size } = counted;
  return {
    total: size.total,
    totalExact: size.exact,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.max(1, Math.ceil(size.total / params.pageSize)),
    exactCode: p.terms.code !== null,
    sort: sortFor(p, size),
    words: p.terms.words,
    items,
    facets,
  };
}

/**
 * The ids of all the notices of a search in its order, at most `limit` (`params.page`/`pageSize` are
 * ignored), and whether there were more. For exports and feeds, which then read rows in batches.
 */
export async function searchIds(
  db: Kysely<DB>,
  params: SearchParams,
  limit: number,
): Promise<{ ids: number[]; truncated: boolean; now: Date; sort: SearchSort }> {
  const p = await plan(db, params);
  // Exports and feeds keep the order asked for (relevance included) over up to `limit` rows.
  const r = await idsStatement(p, p.sort, limit + 1, 0).execute(db);
  const ids = r.rows.map((row) => Number(row.tbmt_id));
  return { ids: ids.slice(0, limit), truncated: ids.length > limit, now: p.now, sort: p.sort };
}

const BOOL_LABELS: Record<'domestic' | 'online', Record<string, string>> = {
  domestic: { true: 'Trong nước', false: 'Quốc tế' },
  online: { true: 'Qua mạng', false: 'Không qua mạng' },
};

/**
 * Turns facet count rows into labelled facets, most frequent first; the facets in `withoutCounts`
 * keep their values with `count` null.
 */
async function toFacets(
  db: Kysely<DB>,
  rows: readonly FacetCountRow[],
  withoutCounts: ReadonlySet<string>,
): Promise<Facets> {
  const provinceCodes = rows.filter((r) => r.facet === 'province' && r.value).map((r) => r.value!);
  const provinces = await provinceNames(db, provinceCodes);
  const label = (key: FacetKey, value: string): string => {
    switch (key) {
      case 'state':
        return labelVi(NOTICE_STATES, value);
      case 'field':
        return labelVi(FIELDS, value);
      case 'method':
        return labelVi(METHODS, value);
      case 'procedure':
        return labelVi(PROCEDURES, value);
      case 'domestic':
      case 'online':
        return BOOL_LABELS[key][value] ?? value;
      case 'province':
        return provinces.get(value) ?? `Tỉnh/thành mã ${value}`;
    }
  };
  const facets = Object.fromEntries(FACET_KEYS.map((k) => [k, [] as FacetValue[]])) as Facets;
  for (const r of rows) {
    const key = FACET_KEYS.find((k) => k === r.facet);
    if (!key || r.value === null) continue;
    const seen = facets[key].find((f) => f.value === r.value);
    if (seen) seen.count = (seen.count ?? 0) + Number(r.n);
    else facets[key].push({ value: r.value, label: label(key, r.value), count: Number(r.n) });
  }
  for (const k of FACET_KEYS) {
    facets[k].sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.value.localeCompare(b.value));
    if (withoutCounts.has(k)) for (const f of facets[k]) f.count = null;
  }
  return facets;
}

/**
 * Names of provinces by code: a name published with a notice (the codes of `tbmt_location`), else
 * the reference admin units when imported (the unit in force first).
 */
export async function provinceNames(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const list = sql.join(codes.map((c) => sql`${c}`));
  const r = await sql<{ code: string; name: string | null }>`
    SELECT c.code,
           coalesce((SELECT l.province_name FROM tbmt_location l
                      WHERE l.province_code = c.code AND l.province_name IS NOT NULL LIMIT 1),
                    (SELECT a.name FROM admin_unit a WHERE a.level = 'province' AND a.code = c.code
                      ORDER BY a.era ASC LIMIT 1)) AS name
      FROM unnest(ARRAY[${list}]::text[]) AS c(code)`.execute(db);
  return new Map(r.rows.filter((x) => x.name).map((x) => [x.code, x.name!]));
}

/**
 * The notice number (without version) if `q` is the number of a notice that exists, else `null`:
 * the search page uses it to go straight to the package page.
 */
export async function findNotifyNo(db: Kysely<DB>, q: string): Promise<string | null> {
  const code = parseNotifyNo(q);
  if (!code) return null;
  const row = await db
    .selectFrom('tbmt')
    .select('notify_no')
    .where('notify_no', '=', code.notifyNo)
    .executeTakeFirst();
  return row?.notify_no ?? null;
}
