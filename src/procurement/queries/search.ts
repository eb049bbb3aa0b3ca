/**
 * `searchTbmt`: the public search over notices (TBMT) — the one entry point of the search page, the
 * JSON API, the Atom feed, the CSV/XLSX exports and saved-search alerts. Diacritic- and
 * case-insensitive full text on the derived `tbmt_search` index, exact notice-number lookup, the
 * filters of `SearchParams`, a choice of order (`SEARCH_SORTS`), stable paging, and facet counts
 * that follow the filters. The SQL is in `search-sql.ts`; the URL form in `search-params.ts`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { FIELDS, labelVi, METHODS, NOTICE_STATES, PROCEDURES } from '../codes.ts';
import { agencyAndSubUnitCodes } from './agency-tree.ts';
import {
  fromIndex,
  toNoticeRow,
  withNoticeColumns,
  type NoticeColumns,
  type NoticeRow,
} from './notice-rows.ts';
import { parseNotifyNo } from './notify-no.ts';
import type { SearchParams, SearchSort } from './search-params.ts';
import {
  countStatement,
  effectiveSort,
  FACET_KEYS,
  orderClause,
  orderKeys,
  searchConditions,
  textTerms,
  whereClause,
  type Condition,
  type FacetKey,
  type TextTerms,
} from './search-sql.ts';

export {
  isSearchSort,
  parseSearchQuery,
  SEARCH_SORTS,
  searchQueryString,
  type SearchParams,
  type SearchSort,
} from './search-params.ts';
export { MAX_QUERY_WORDS, phraseTsQuery, prefixTsQuery, queryWords, type FacetKey } from './search-sql.ts';

/** One value of a facet: how many results choosing it would give (all other filters applied). */
export interface FacetValue {
  /** The parameter value (`HH`, `open`, `true`, `01`…). */
  value: string;
  /** Vietnamese label. */
  label: string;
  count: number;
}

/** The facets of a search, each value most frequent first. Values of unknown (NULL) data are not listed. */
export type Facets = Record<FacetKey, FacetValue[]>;

/** One page of search results. */
export interface SearchResult {
  /** Number of notices matching, over all pages. */
  total: number;
  page: number;
  pageSize: number;
  /** Number of pages (at least 1). */
  pageCount: number;
  /** True when `q` was a notice number and the search was an exact lookup of it. */
  exactCode: boolean;
  /** The order actually used (see `SearchParams.sort`). */
  sort: SearchSort;
  /** The folded words of `q` that were searched (for highlighting); empty for a code lookup. */
  words: string[];
  items: NoticeRow[];
  /** Facet counts, when asked for (`SearchOptions.facets`), else null. */
  facets: Facets | null;
}

/** What `searchTbmt` computes besides the page of results. */
export interface SearchOptions {
  /** Count the facets (one more grouped count per facet, in the same statement as the total). */
  facets?: boolean;
}

/**
 * The organisation codes the agency filter matches for `code`: the agency and every unit below it
 * (`org.parent_code`, see `agencyAndSubUnitCodes`). An unknown code is kept as the only code, so the
 * filter finds nothing rather than being dropped.
 */
export async function agencyCodes(db: Kysely<DB> | Transaction<DB>, code: string): Promise<string[]> {
  const codes = await agencyAndSubUnitCodes(db, code);
  return codes.length > 0 ? codes : [code];
}

/** The resolved parts of a search: text terms, conditions, order. */
interface Plan {
  now: Date;
  terms: TextTerms;
  conditions: Condition[];
  sort: SearchSort;
  order: ReturnType<typeof orderKeys>;
}

async function plan(db: Kysely<DB>, params: SearchParams): Promise<Plan> {
  const now = params.now ?? new Date();
  const terms = textTerms(params.q);
  const agencies = params.agency ? await agencyCodes(db, params.agency) : null;
  const conditions = searchConditions(params, terms, now, agencies);
  const sort = effectiveSort(params.sort, terms);
  const openOnly = params.state === 'open' || !!params.closingWithin;
  return { now, terms, conditions, sort, order: orderKeys(sort, terms, now, openOnly) };
}

/** Ids of the notices of a search in its order, `limit` from `offset` (the index alone is read). */
function idsStatement(p: Plan, limit: number, offset: number) {
  return sql<{ tbmt_id: number }>`SELECT s.tbmt_id FROM tbmt_search s WHERE ${whereClause(p.conditions)}
    ${orderClause(p.order)} LIMIT ${limit} OFFSET ${offset}`;
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
 * The statements a search page runs — the total with the facets, and the ids of the page — for
 * `EXPLAIN` (test/search-plans.test.ts) and the benchmark; `searchTbmt` runs exactly these.
 */
export async function searchStatements(db: Kysely<DB>, params: SearchParams, options: SearchOptions = {}) {
  const p = await plan(db, params);
  return {
    counts: countStatement(p.conditions, p.now, options.facets === true),
    ids: idsStatement(p, params.pageSize, (params.page - 1) * params.pageSize),
  };
}

/**
 * Searches notices. Words in `q` are a filter (every word as a prefix, anywhere in the notice) and,
 * by default, an order (see `SEARCH_SORTS`); every order ends with the notice id, so paging is stable.
 * A `q` that is a notice number matches that notice exactly (`exactCode: true`).
 * A page past the last returns no items with the true `total`. Facets only with `options.facets`.
 */
export async function searchTbmt(
  db: Kysely<DB>,
  params: SearchParams,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const p = await plan(db, params);
  const offset = (params.page - 1) * params.pageSize;
  const [counts, idRows] = await Promise.all([
    countStatement(p.conditions, p.now, options.facets === true).execute(db),
    idsStatement(p, params.pageSize, offset).execute(db),
  ]);
  const items = await noticeRowsByIds(
    db,
    idRows.rows.map((r) => Number(r.tbmt_id)),
    p.now,
  );
  const total = Number(counts.rows.find((r) => r.facet === '_total')?.n ?? 0);
  return {
    total,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
    exactCode: p.terms.code !== null,
    sort: p.sort,
    words: p.terms.words,
    items,
    facets: options.facets ? await toFacets(db, counts.rows) : null,
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
  const r = await idsStatement(p, limit + 1, 0).execute(db);
  const ids = r.rows.map((row) => Number(row.tbmt_id));
  return { ids: ids.slice(0, limit), truncated: ids.length > limit, now: p.now, sort: p.sort };
}

const BOOL_LABELS: Record<'domestic' | 'online', Record<string, string>> = {
  domestic: { true: 'Trong nước', false: 'Quốc tế' },
  online: { true: 'Qua mạng', false: 'Không qua mạng' },
};

/** Turns the facet rows of `countStatement` into labelled facets, most frequent first. */
async function toFacets(
  db: Kysely<DB>,
  rows: { facet: string; value: string | null; n: number }[],
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
    if (seen) seen.count += Number(r.n);
    else facets[key].push({ value: r.value, label: label(key, r.value), count: Number(r.n) });
  }
  for (const k of FACET_KEYS) facets[k].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
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
