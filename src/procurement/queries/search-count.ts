/**
 * How a search counts its results and its facets (docs/search-performance.md), in two shapes:
 *
 * - **From the facet table** (`search_facet_count`, migration 0015): a search without words and whose
 *   only filters are facets (field, method, procedure, domestic, online, state, province) — the search
 *   page as it opens, "field XL", "awarded"… — sums a few thousand pre-counted rows instead of reading
 *   every notice. The table counts the stored stage; the notices open right now (few: not yet opened,
 *   closing in the future) are counted live from `tbmt_search_unopened_idx` and moved from "closed"
 *   to "open". Exact.
 * - **Capped** (everything else): the matches are read at most `SEARCH_COUNT_CAP + 1` at a time. Up
 *   to the cap the total and the facets are exact; beyond it the total is reported as "more than
 *   `SEARCH_COUNT_CAP`" and the facet counts are left out (the values are still listed), as the
 *   national system does — a word as common as "thiết bị" matches hundreds of thousands of notices,
 *   and no page can count those in a fraction of a second.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { UNOPENED_STATES } from './notice-rows.ts';
import type { SearchParams } from './search-params.ts';
import { FACET_KEYS, stateValue, whereClause, type Condition, type FacetKey } from './search-sql.ts';

/** Matches counted exactly; a search with more reports "more than this" (and no facet counts). */
export const SEARCH_COUNT_CAP = 10_000;

/**
 * A row of a count statement. `facet` is `_total` for the number of results (value null), `_capped`
 * (n = 1) when the total is a lower bound, `_facets_omitted` (n = 1) when the facet counts were not
 * computed, else a facet key with one of its values.
 */
export interface FacetCountRow {
  facet: string;
  value: string | null;
  n: number;
}

const unopened = sql.join(UNOPENED_STATES.map((st) => sql`${st}`));

/**
 * True when `params` can be counted from the facet table: no words or code, and no filter other than
 * the facets' own (agency, ward, prices, dates and "closing within" need the notices themselves).
 */
export function countsFromFacetTable(params: SearchParams): boolean {
  return (
    !params.q?.trim() &&
    !params.agency &&
    !params.ward &&
    params.priceMin == null &&
    params.priceMax == null &&
    !params.publishedFrom &&
    !params.publishedTo &&
    !params.closingFrom &&
    !params.closingTo &&
    !params.closingWithin
  );
}

/** The facet filters of `params` over the rows of the facet table (aliased `s`, state already public). */
function tableConditions(params: SearchParams): Condition[] {
  const c: Condition[] = [];
  const add = (facet: FacetKey, expr: RawBuilder<SqlBool>) => c.push({ facet, expr });
  if (params.field) add('field', sql<SqlBool>`s.field = ${params.field}`);
  if (params.method) add('method', sql<SqlBool>`s.method = ${params.method}`);
  if (params.procedure) add('procedure', sql<SqlBool>`s.procedure = ${params.procedure}`);
  if (params.domestic != null) add('domestic', sql<SqlBool>`s.is_domestic = ${params.domestic}`);
  if (params.online != null) add('online', sql<SqlBool>`s.is_internet = ${params.online}`);
  if (params.state) add('state', sql<SqlBool>`s.state = ${params.state}`);
  if (params.province) add('province', sql<SqlBool>`s.province_codes && ARRAY[${params.province}]::text[]`);
  return c;
}

const DIMS = sql`field, method, procedure, is_domestic, is_internet, province_codes`;

/** The SQL value of facet `key` over `s` (NULL rows are not counted). */
function facetValue(
  key: Exclude<FacetKey, 'province'>,
  state: RawBuilder<string>,
): RawBuilder<string | null> {
  switch (key) {
    case 'state':
      return state;
    case 'field':
      return sql`s.field`;
    case 'method':
      return sql`s.method`;
    case 'procedure':
      return sql`s.procedure`;
    case 'domestic':
      return sql`(CASE s.is_domestic WHEN true THEN 'true' WHEN false THEN 'false' END)`;
    case 'online':
      return sql`(CASE s.is_internet WHEN true THEN 'true' WHEN false THEN 'false' END)`;
  }
}

/**
 * The per-facet sums over relation `rel` (aliased `s`, weight column `weight`): for each facet the
 * sum per value with every other filter applied, and the total with all of them.
 */
function perFacetSums(
  rel: RawBuilder<unknown>,
  weight: RawBuilder<unknown>,
  conditions: readonly Condition[],
  state: RawBuilder<string>,
): RawBuilder<FacetCountRow> {
  const parts = FACET_KEYS.map((k) =>
    k === 'province'
      ? sql`SELECT 'province'::text AS facet, pc.code AS value, sum(${weight})::bigint AS n
              FROM ${rel} s CROSS JOIN LATERAL unnest(s.province_codes) AS pc(code)
             WHERE ${whereClause(conditions, k)} GROUP BY pc.code`
      : sql`SELECT ${k}::text AS facet, ${facetValue(k, state)} AS value, sum(${weight})::bigint AS n
              FROM ${rel} s WHERE ${whereClause(conditions, k)} GROUP BY 2`,
  );
  return sql<FacetCountRow>`
    SELECT '_total'::text AS facet, NULL::text AS value, coalesce(sum(${weight}), 0)::bigint AS n
      FROM ${rel} s WHERE ${whereClause(conditions)}
    UNION ALL ${sql.join(parts, sql` UNION ALL `)}`;
}

/**
 * The total and (when `facets`) every facet of a search that `countsFromFacetTable`, from the facet
 * table plus the notices open at `now` (read only when open and closed must be told apart: for the
 * state facet or an open/closed filter). Exact.
 */
export function facetTableStatement(
  params: SearchParams,
  now: Date,
  facets: boolean,
): RawBuilder<FacetCountRow> {
  const conditions = tableConditions(params);
  const byClock = facets || params.state === 'open' || params.state === 'closed';
  const open = sql`(s.state IN (${unopened}) AND (s.bid_close_at IS NULL OR s.bid_close_at > ${now}))`;
  const source = byClock
    ? sql`
    WITH o AS MATERIALIZED (
      SELECT ${DIMS}, count(*) AS n FROM tbmt_search s WHERE ${open} GROUP BY ${DIMS}),
    c AS MATERIALIZED (
      SELECT (CASE WHEN f.state IN (${unopened}) THEN 'closed' ELSE f.state END) AS state, ${DIMS}, f.n
        FROM search_facet_count f WHERE f.n <> 0
      UNION ALL SELECT 'closed', ${DIMS}, -n FROM o
      UNION ALL SELECT 'open', ${DIMS}, n FROM o)`
    : sql`WITH c AS (SELECT state, ${DIMS}, n FROM search_facet_count WHERE n <> 0)`;
  if (!facets) {
    return sql<FacetCountRow>`${source}
      SELECT '_total'::text AS facet, NULL::text AS value, coalesce(sum(s.n), 0)::bigint AS n
        FROM c s WHERE ${whereClause(conditions)}`;
  }
  return sql<FacetCountRow>`${source} SELECT * FROM (${perFacetSums(sql`c`, sql`s.n`, conditions, sql`s.state`)}) r
    WHERE r.n > 0 OR r.facet = '_total'`;
}

/** Below this many notices every search is read (the breadth estimate would not save anything). */
export const ESTIMATE_MIN_ROWS = 50_000;
/** About this many notices are looked at to estimate a search's breadth. */
const ESTIMATE_SAMPLE_ROWS = 3_000;
/** A search estimated to match this many times the cap is not read: it is broad beyond doubt. */
const BROAD_FACTOR = 2;

/** The number of notices (every row of `tbmt_search`), from the facet table: a few hundred rows. */
export function noticeCountStatement(): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`SELECT coalesce(sum(n), 0)::bigint AS n FROM search_facet_count`;
}

/**
 * A look at a fixed sample of the notices (`TABLESAMPLE SYSTEM`, about `ESTIMATE_SAMPLE_ROWS` rows,
 * the same pages every time for the same table) counting how many pass `conditions`: `seen` rows,
 * `hits` passing. Costs a few milliseconds whatever the words, where reading the matches of a word
 * found in a third of a million notices costs a full-text index scan of all of them.
 */
export function breadthSampleStatement(
  conditions: readonly Condition[],
  notices: number,
): RawBuilder<Breadth> {
  const percent = Math.min(100, (100 * ESTIMATE_SAMPLE_ROWS) / Math.max(1, notices));
  return sql<Breadth>`
    SELECT count(*)::bigint AS seen, count(*) FILTER (WHERE ${whereClause(conditions)})::bigint AS hits,
           count(*) FILTER (WHERE ${whereClause(conditions.filter((c) => !c.text && c.facet === null))})::bigint AS base,
           count(*) FILTER (WHERE ${whereClause(conditions.filter((c) => c.facet === null))})::bigint AS wide
      FROM tbmt_search s TABLESAMPLE SYSTEM (${sql.lit(Number(percent.toFixed(4)))}) REPEATABLE (20260101)`;
}

/**
 * What `breadthSampleStatement` saw: rows, rows passing every condition, and rows passing the
 * conditions that are neither words nor facets (agency, ward, prices, dates: what a read always
 * applies, with or without facets).
 */
export interface Breadth {
  seen: number;
  hits: number;
  base: number;
  /** Rows passing every condition but the facet filters. */
  wide: number;
}

/** The most notices passing the other conditions for the words to be tested on them one by one. */
const WORDS_LAST_MAX_ROWS = 15_000;

/**
 * True when the sample shows that the notices passing the conditions that are neither words nor
 * facets (an agency, a ward, prices, dates — there must be some) are few enough (estimated at most
 * `WORDS_LAST_MAX_ROWS`) to read them and test the words on each.
 */
export function wordsLast(sample: Breadth, notices: number, hasWords: boolean): boolean {
  const seen = Number(sample.seen);
  const base = Number(sample.base);
  return hasWords && seen >= 1000 && base < seen && (base / seen) * notices <= WORDS_LAST_MAX_ROWS;
}

/**
 * True when the sample shows the notices passing every condition but the facet filters matching at
 * least `BROAD_FACTOR` times `cap` (see `isBroad`): a read for the facets would stop at the cap.
 */
export function isWide(sample: Breadth, notices: number, cap = SEARCH_COUNT_CAP): boolean {
  return isBroad({ ...sample, hits: sample.wide }, notices, cap);
}

/**
 * True when the sample shows the search matching at least `BROAD_FACTOR` times `cap` of the `notices`
 * (and saw enough to say so): more than `cap` beyond reasonable doubt, so it is not read.
 */
export function isBroad(
  sample: { seen: number; hits: number },
  notices: number,
  cap = SEARCH_COUNT_CAP,
): boolean {
  const seen = Number(sample.seen);
  const hits = Number(sample.hits);
  return seen >= 1000 && hits >= 30 && (hits / seen) * notices >= BROAD_FACTOR * cap;
}

/** The columns of a sample row: what the orders, the facet filters and the facet values read. */
const SAMPLE_COLUMNS = [
  'tbmt_id',
  'state',
  'published_at',
  'bid_close_at',
  'price_vnd',
  'field',
  'method',
  'procedure',
  'is_domestic',
  'is_internet',
  'province_codes',
];

/** A row of `sampleStatement`: a count row, or (`facet` `_page`) the ids of the page in order. */
export interface SampleRow extends FacetCountRow {
  ids: number[] | null;
}

/** What `sampleStatement` needs besides the conditions. */
export interface SampleOptions {
  now: Date;
  /** Count the facets too. */
  facets: boolean;
  /** The ORDER BY of the page, over `s` (see `orderClause`). */
  order: RawBuilder<unknown>;
  /** The phrase tsquery text when the order tests it (relevance): read as column `phrase_hit`. */
  phrase: string | null;
  limit: number;
  offset: number;
  cap?: number;
  /**
   * Read the notices passing the other conditions through their indexes and test the words on each,
   * instead of intersecting with the full-text index: cheaper when those are few and the words common
   * (`y te` within one hospital), which the planner cannot tell.
   */
  wordsLast?: boolean;
}

/**
 * One statement that reads the matches of a search once, at most `cap + 1` of them (with `facets`:
 * also those failing just one facet filter, which the other values of that facet count), and, when
 * they were no more than `cap`, gives the exact total (`_total`), the ids of the page in order
 * (`_page`) and the facet counts, all from that one read. `_sample` is the number read: above `cap`
 * the search is too broad to count, and the caller counts (`cappedTotalStatement`) and pages (by an
 * index walk) separately.
 */
export function sampleStatement(conditions: readonly Condition[], o: SampleOptions): RawBuilder<SampleRow> {
  const cap = o.cap ?? SEARCH_COUNT_CAP;
  const filtered = o.facets ? FACET_KEYS.filter((k) => conditions.some((c) => c.facet === k)) : [];
  const own = (key: FacetKey) => conditions.filter((c) => c.facet === key);
  // Read once: the conditions no facet lifts, and at most one failing facet filter.
  const read = o.facets
    ? conditions.filter((c) => c.facet === null || !filtered.includes(c.facet))
    : conditions;
  const readWhere = whereClause(read);
  // Words last: the other conditions in a subquery the planner may not flatten (OFFSET 0), the words
  // tested on its rows.
  const others = conditions.filter((c) => !c.text && c.facet === null);
  const from =
    o.wordsLast && others.length > 0
      ? sql`(SELECT s.* FROM tbmt_search s WHERE ${whereClause(others)} OFFSET 0) s`
      : sql`tbmt_search s`;
  const failures = filtered.map((k) => sql`(NOT coalesce(${whereClause(own(k))}, false))::int`);
  const atMostOneFails = failures.length === 0 ? sql`true` : sql`(${sql.join(failures, sql` + `)}) <= 1`;
  const columns = SAMPLE_COLUMNS.map((c) => sql.ref(`s.${c}`));
  if (o.phrase) columns.push(sql`(s.tsv @@ to_tsquery('simple', ${o.phrase})) AS phrase_hit`);
  // Over the sample: the facet filters again (the others hold for every row read).
  const again = conditions.filter((c) => c.facet !== null && filtered.includes(c.facet));
  const facetRows = o.facets
    ? sql`UNION ALL SELECT r.facet, r.value, r.n, NULL FROM (${perFacetSums(sql`m`, sql`1`, again, stateValue(o.now))}) r, k
     WHERE k.n <= ${cap} AND r.facet <> '_total' AND r.n > 0`
    : sql``;
  return sql<SampleRow>`
    WITH m AS MATERIALIZED (
      SELECT ${sql.join(columns)} FROM ${from} WHERE ${readWhere} AND ${atMostOneFails} LIMIT ${cap + 1}),
    k AS (SELECT count(*) AS n FROM m)
    SELECT '_sample'::text AS facet, NULL::text AS value, k.n::bigint AS n, NULL::bigint[] AS ids FROM k
    UNION ALL SELECT '_total', NULL, (SELECT count(*) FROM m s WHERE ${whereClause(again)}), NULL FROM k
     WHERE k.n <= ${cap}
    UNION ALL SELECT '_page', NULL, NULL, ARRAY(SELECT s.tbmt_id FROM m s WHERE ${whereClause(again)}
      ${o.order} LIMIT ${o.limit} OFFSET ${o.offset}) FROM k WHERE k.n <= ${cap}
    ${facetRows}`;
}

/** The total of any search, counted at most `cap + 1` deep (`_capped` when there were more). */
export function cappedTotalStatement(
  conditions: readonly Condition[],
  cap = SEARCH_COUNT_CAP,
): RawBuilder<FacetCountRow> {
  return sql<FacetCountRow>`
    WITH t AS (SELECT count(*) AS n FROM (SELECT 1 FROM tbmt_search s WHERE ${whereClause(conditions)}
                                          LIMIT ${cap + 1}) x)
    SELECT '_total'::text AS facet, NULL::text AS value, least(t.n, ${cap})::bigint AS n FROM t
    UNION ALL SELECT '_capped', NULL, 1 FROM t WHERE t.n > ${cap}`;
}

/**
 * The facets of a search whose total is at most `cap` but whose facet filters leave out more than
 * `cap` notices (the ward's 21,000 notices behind its 716 open ones): every facet without a filter of
 * its own is counted over the results; a facet with a filter is counted over the results without
 * that filter if those are no more than `cap`, else given as `_omitted` (value = the facet key).
 * `tooMany`: facets already known to be `_omitted` (not read again).
 */
export function facetsByKeyStatement(
  conditions: readonly Condition[],
  now: Date,
  cap = SEARCH_COUNT_CAP,
  tooMany: readonly FacetKey[] = [],
): RawBuilder<FacetCountRow> {
  const columns = sql.join(SAMPLE_COLUMNS.map((c) => sql.ref(`s.${c}`)));
  const filtered = new Set(
    conditions.flatMap((c) => (c.facet && !tooMany.includes(c.facet) ? [c.facet] : [])),
  );
  const rel = (k: FacetKey) => sql.ref(filtered.has(k) ? `f_${k}` : 'r');
  const ctes = [
    sql`r AS MATERIALIZED (SELECT ${columns} FROM tbmt_search s WHERE ${whereClause(conditions)} LIMIT ${cap + 1})`,
    ...[...filtered].map(
      (k) => sql`${sql.ref(`f_${k}`)} AS MATERIALIZED (
        SELECT ${columns} FROM tbmt_search s WHERE ${whereClause(conditions, k)} LIMIT ${cap + 1})`,
    ),
  ];
  const parts = FACET_KEYS.map((k) => {
    if (tooMany.includes(k))
      return sql`SELECT '_omitted'::text AS facet, ${k}::text AS value, 1::bigint AS n`;
    const from = rel(k);
    const fits = sql`(SELECT count(*) FROM ${from}) <= ${cap}`;
    const grouped =
      k === 'province'
        ? sql`SELECT 'province'::text AS facet, pc.code AS value, count(*)::bigint AS n
                FROM ${from} s CROSS JOIN LATERAL unnest(s.province_codes) AS pc(code) WHERE ${fits} GROUP BY pc.code`
        : sql`SELECT ${k}::text AS facet, ${facetValue(k, stateValue(now))} AS value, count(*)::bigint AS n
                FROM ${from} s WHERE ${fits} GROUP BY 2`;
    return sql`${grouped} UNION ALL SELECT '_omitted', ${k}::text, 1 WHERE NOT ${fits}`;
  });
  return sql<FacetCountRow>`WITH ${sql.join(ctes)}
    SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) x WHERE x.value IS NOT NULL`;
}
