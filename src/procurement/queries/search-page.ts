/**
 * How one page of a search is counted and listed (docs/search.md, docs/search-performance.md): the
 * resolved plan of a search, and the statements run for its total, its page and its facets — from the
 * facet table, from one capped read of the matches, or, for a search a sample shows to be broad, by
 * walking the index of its order. `searchTbmt` (search.ts) turns what they find into a result.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { agencyAndSubUnitCodes } from './agency-tree.ts';
import type { SearchParams, SearchSort } from './search-params.ts';
import {
  breadthSampleStatement,
  cappedTotalStatement,
  countsFromFacetTable,
  ESTIMATE_MIN_ROWS,
  facetsByKeyStatement,
  facetTableStatement,
  isBroad,
  isWide,
  noticeCountStatement,
  sampleStatement,
  SEARCH_COUNT_CAP,
  wordsLast,
  type Breadth,
  type FacetCountRow,
} from './search-count.ts';
import {
  effectiveSort,
  orderClause,
  orderKeys,
  searchConditions,
  stillOpenAt,
  textTerms,
  whereClause,
  type Condition,
  type TextTerms,
} from './search-sql.ts';

/** What `searchTbmt` computes besides the page of results. */
export interface SearchOptions {
  /** Count the facets (one more grouped count per facet, in the same statement as the total). */
  facets?: boolean;
  /** Matches counted exactly (default `SEARCH_COUNT_CAP`); beyond it see `SearchResult.totalExact`. */
  countCap?: number;
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
export interface Plan {
  params: SearchParams;
  now: Date;
  terms: TextTerms;
  conditions: Condition[];
  sort: SearchSort;
  openOnly: boolean;
}

export async function plan(db: Kysely<DB>, params: SearchParams): Promise<Plan> {
  const now = params.now ?? new Date();
  const terms = textTerms(params.q);
  const agencies = params.agency ? await agencyCodes(db, params.agency) : null;
  const conditions = searchConditions(params, terms, now, agencies);
  const sort = effectiveSort(params.sort, terms);
  const openOnly = params.state === 'open' || !!params.closingWithin;
  return { params, now, terms, conditions, sort, openOnly };
}

/** What the count said about the size of the search. */
export interface Size {
  total: number;
  exact: boolean;
}

/** Relevance needs every match ranked; beyond the count cap the newest come first instead. */
export function sortFor(p: Plan, size: Size): SearchSort {
  return p.sort === 'relevance' && !size.exact ? 'newest' : p.sort;
}

/**
 * Ids of the notices of a search in its order, `limit` from `offset`, by walking the order's index.
 * "Closing soonest" over notices both open and not is three index walks — open ones by closing time,
 * the others latest closing first, those without a closing time — merged, as no single index holds
 * that order.
 */
export function idsStatement(p: Plan, sort: SearchSort, limit: number, offset: number) {
  const where = whereClause(p.conditions);
  if (sort === 'closing' && !p.openOnly) {
    const open = stillOpenAt(p.now);
    const n = limit + offset;
    return sql<{ tbmt_id: number }>`SELECT x.tbmt_id FROM (
        (SELECT s.tbmt_id, 0 AS g, s.bid_close_at FROM tbmt_search s WHERE ${where} AND ${open}
          ORDER BY s.bid_close_at ASC, s.tbmt_id DESC LIMIT ${n})
        UNION ALL
        (SELECT s.tbmt_id, 1, s.bid_close_at FROM tbmt_search s
          WHERE ${where} AND s.bid_close_at IS NOT NULL AND NOT ${open}
          ORDER BY s.bid_close_at DESC, s.tbmt_id DESC LIMIT ${n})
        UNION ALL
        (SELECT s.tbmt_id, 2, NULL FROM tbmt_search s WHERE ${where} AND s.bid_close_at IS NULL
          ORDER BY s.tbmt_id DESC LIMIT ${n})) x
      ORDER BY x.g, CASE WHEN x.g = 0 THEN x.bid_close_at END ASC, CASE WHEN x.g = 1 THEN x.bid_close_at END DESC,
               x.tbmt_id DESC
      LIMIT ${limit} OFFSET ${offset}`;
  }
  return sql<{ tbmt_id: number }>`SELECT s.tbmt_id FROM tbmt_search s WHERE ${where}
    ${orderClause(orderKeys(sort, p.terms, p.now, p.openOnly))} LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * Ids of a page of a search with words known to be broad, by walking its order's index: the first
 * rows in that order passing every condition but the words (enough of them, by the share of those the
 * words passed in the sample, twice over), then the words tested on those. The planner's estimate for
 * several words is often hundreds of times too low (they come together: "tư vấn giám sát"), and it
 * would read every match through the full-text index and sort them, where the walk stops at the page.
 * Null when there are no words, or for the closing order (three walks already).
 */
function walkStatement(p: Plan, sort: SearchSort, limit: number, offset: number, look: Breadth) {
  if (!p.terms.and || (sort === 'closing' && !p.openOnly)) return null;
  const share = Number(look.hits) / Math.max(1, Number(look.base));
  const rows = Math.min(WALK_MAX_ROWS, Math.ceil(((offset + limit) / Math.max(share, 1e-3)) * 2) + 200);
  const order = orderClause(orderKeys(sort, p.terms, p.now, p.openOnly));
  const text = whereClause(p.conditions.filter((c) => c.text));
  return sql<{ tbmt_id: number }>`WITH w AS MATERIALIZED (
      SELECT s.tbmt_id, s.tsv, s.state, s.published_at, s.bid_close_at, s.price_vnd FROM tbmt_search s
       WHERE ${whereClause(p.conditions.filter((c) => !c.text))} ${order} LIMIT ${rows})
    SELECT s.tbmt_id FROM w s WHERE ${text} ${order} LIMIT ${limit} OFFSET ${offset}`;
}

/** The most rows a walk reads before giving the page to the planner. */
const WALK_MAX_ROWS = 200_000;

/** How one page of a search is counted and listed: the statements run, and what they found. */
export interface Counted {
  size: Size;
  /** Ids of the page, in order. */
  ids: number[];
  /**
   * Facet rows (exact; `_omitted` rows name facets too broad to count), or null when there were too
   * many matches to count any.
   */
  facetRows: readonly FacetCountRow[] | null;
  /** The statements run, in order (for EXPLAIN). */
  statements: RawBuilder<unknown>[];
}

/**
 * Counts and lists one page (see search-count.ts): a search without words whose only filters are
 * facets is counted from the facet table and listed by walking its order's index; any other reads
 * its matches once (at most the cap) for the total, the page and the facets — and when there are more,
 * says "more than the cap", and lists by walking the index (newest first instead of relevance).
 */
export async function countAndList(
  db: Kysely<DB>,
  p: Plan,
  options: SearchOptions,
  limit: number,
  offset: number,
) {
  const facets = options.facets === true;
  const cap = options.countCap ?? SEARCH_COUNT_CAP;
  const run = async <R>(statement: RawBuilder<R>, into: RawBuilder<unknown>[]) => {
    into.push(statement);
    return (await statement.execute(db)).rows;
  };
  const statements: RawBuilder<unknown>[] = [];
  if (countsFromFacetTable(p.params)) {
    const rows = await run(facetTableStatement(p.params, p.now, facets), statements);
    const size = { total: Number(rows.find((r) => r.facet === '_total')?.n ?? 0), exact: true };
    const ids = await run(idsStatement(p, p.sort, limit, offset), statements);
    return { size, ids: ids.map((r) => Number(r.tbmt_id)), facetRows: rows, statements } satisfies Counted;
  }
  // A search far broader than the cap (by a look at a fixed sample of the notices) is not read.
  const notices = Number((await run(noticeCountStatement(), statements))[0]?.n ?? 0);
  let fewOthers = false;
  let look: Breadth | null = null;
  // (A notice number is one row: read directly.)
  if (!p.terms.code && notices >= ESTIMATE_MIN_ROWS) {
    look = (await run(breadthSampleStatement(p.conditions, notices), statements))[0] ?? null;
    fewOthers = !!look && wordsLast(look, notices, p.terms.and !== null);
    if (look && isBroad(look, notices, cap)) {
      const size = { total: cap, exact: false };
      const sort = sortFor(p, size);
      const walk = walkStatement(p, sort, limit, offset, look);
      let ids = walk ? await run(walk, statements) : [];
      // The walk read too few rows (the sample was lucky): the planner's way.
      if (!walk || ids.length < limit) ids = await run(idsStatement(p, sort, limit, offset), statements);
      return { size, ids: ids.map((r) => Number(r.tbmt_id)), facetRows: null, statements } satisfies Counted;
    }
  }
  // With facet filters the read takes the rows failing one of them too: when the sample shows those
  // are far more than the cap, the read would only find that out.
  const facetFiltered = facets && p.conditions.some((c) => c.facet !== null);
  const overflows = facetFiltered && look !== null && isWide(look, notices, cap);
  if (!overflows) {
    const phrase = p.sort === 'relevance' ? p.terms.phrase : null;
    const order = orderClause(orderKeys(p.sort, p.terms, p.now, p.openOnly, true));
    const options = { now: p.now, facets, order, phrase, limit, offset, cap, wordsLast: fewOthers };
    const sample = await run(sampleStatement(p.conditions, options), statements);
    const read = Number(sample.find((r) => r.facet === '_sample')?.n ?? 0);
    if (read <= cap) {
      const size = { total: Number(sample.find((r) => r.facet === '_total')?.n ?? 0), exact: true };
      const ids = (sample.find((r) => r.facet === '_page')?.ids ?? []).map(Number);
      return { size, ids, facetRows: sample, statements } satisfies Counted;
    }
  }
  // Too many to read: the total (exact only if the facet filters narrow it under the cap).
  const totals = facetFiltered ? await run(cappedTotalStatement(p.conditions, cap), statements) : null;
  const size = totals
    ? {
        total: Number(totals.find((r) => r.facet === '_total')?.n ?? 0),
        exact: !totals.some((r) => r.facet === '_capped'),
      }
    : { total: cap, exact: false };
  // Few results behind a facet filter: count what fits, facet by facet. With a single facet filter,
  // the rows its other values count are those the read (or the sample) already found too many.
  const active = [...new Set(p.conditions.flatMap((c) => (c.facet ? [c.facet] : [])))];
  const facetRows = size.exact
    ? await run(facetsByKeyStatement(p.conditions, p.now, cap, active.length === 1 ? active : []), statements)
    : null;
  const ids = await run(idsStatement(p, sortFor(p, size), limit, offset), statements);
  return { size, ids: ids.map((r) => Number(r.tbmt_id)), facetRows, statements } satisfies Counted;
}
