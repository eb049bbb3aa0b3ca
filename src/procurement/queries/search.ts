/**
 * `searchTbmt`: the public search over notices (TBMT). Diacritic- and case-insensitive full text on the
 * derived `tbmt_search` index (`tsv` over folded text, `simple` configuration), exact notice-number
 * lookup, filters on field, method and state, a choice of order (`SEARCH_SORTS`), stable paging.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { searchWords } from '../../text/fold.ts';
import type { NoticeState } from '../codes.ts';
import {
  fromIndex,
  stateFilter,
  toNoticeRow,
  UNOPENED_STATES,
  withNoticeColumns,
  type NoticeRow,
} from './notice-rows.ts';
import { parseNotifyNo } from './notify-no.ts';

/** At most this many words of a query are used; the rest is ignored. */
export const MAX_QUERY_WORDS = 12;
const MAX_WORD_LENGTH = 64;

/**
 * The orders a search can be listed in — the one list the page's select, the API's `sort` parameter
 * and `searchTbmt` share. Every order ends with the notice id, so pages never overlap.
 */
export const SEARCH_SORTS = [
  {
    value: 'relevance',
    vi: 'Phù hợp nhất',
    en: 'Best match: the words as a phrase first, then full-text rank, then newest (only with words in q; else newest)',
  },
  { value: 'newest', vi: 'Mới đăng nhất', en: 'Newest first publication first' },
  {
    value: 'closing',
    vi: 'Sắp đóng thầu',
    en: 'Closing soonest: notices still open for bids by closing time, then the others, latest closing first',
  },
  { value: 'price', vi: 'Giá gói thầu cao nhất', en: 'Highest package price first (unknown prices last)' },
] as const;

/** A value of `SEARCH_SORTS`. */
export type SearchSort = (typeof SEARCH_SORTS)[number]['value'];

/** True when `value` is one of `SEARCH_SORTS`. */
export function isSearchSort(value: unknown): value is SearchSort {
  return SEARCH_SORTS.some((s) => s.value === value);
}

/** What to search for. Empty or absent filters match everything. */
export interface SearchParams {
  /** Free text (names, organisations, codes) or a notice number (`IB2600077452`, `-NN` suffix allowed). */
  q?: string | null;
  /** Normalised field code (codes.ts FIELDS). */
  field?: string | null;
  /** Normalised method code (codes.ts METHODS). */
  method?: string | null;
  /** Public state (codes.ts NOTICE_STATES), judged at `now`. */
  state?: NoticeState | null;
  /**
   * Order of the results. Default: `relevance` when `q` has words, else `newest`; `relevance`
   * without words is `newest`.
   */
  sort?: SearchSort | null;
  /** 1-based page number. */
  page: number;
  /** Rows per page (callers bound it; the API allows up to 100). */
  pageSize: number;
  /** The moment that decides open vs closed (and "closing soonest"); default the current time. */
  now?: Date;
}

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
  items: NoticeRow[];
}

/** The words of a query used for full-text search (folded, at most `MAX_QUERY_WORDS`, each bounded). */
export function queryWords(q: string): string[] {
  return searchWords(q)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.slice(0, MAX_WORD_LENGTH));
}

/**
 * Builds the `to_tsquery('simple', …)` text for a user query: every folded word as a prefix (`word:*`)
 * joined by `&` (the filter: every word somewhere in the notice). Words contain only letters and
 * digits (see `searchWords`), so the result cannot carry tsquery operators; it is still passed to SQL
 * as a bound parameter, never concatenated. Returns `null` when the query has no words.
 */
export function prefixTsQuery(q: string): string | null {
  const words = queryWords(q);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The same prefix terms joined by `<->` (followed by): matches notices where the words appear next to
 * each other in this order (`ha noi` in "Hà Nội", not in "nội soi … Hà Giang"). `null` for fewer than
 * two words, where it would equal `prefixTsQuery`.
 */
export function phraseTsQuery(q: string): string | null {
  const words = queryWords(q);
  return words.length < 2 ? null : words.map((w) => `${w}:*`).join(' <-> ');
}

/**
 * Adds the order of `sort` to a query over the index `s` (raw clauses, so that it applies to the query
 * choosing the page of ids and to the query reading their rows alike). The last key is always the
 * notice id.
 */
function orderBy<DBX, TB extends keyof DBX, O>(
  query: SelectQueryBuilder<DBX, TB, O>,
  sort: SearchSort,
  terms: { and: string | null; phrase: string | null },
  now: Date,
): SelectQueryBuilder<DBX, TB, O> {
  const newest = (qb: SelectQueryBuilder<DBX, TB, O>) =>
    qb.orderBy(sql`s.published_at desc nulls last`).orderBy(sql`s.tbmt_id desc`);
  switch (sort) {
    case 'relevance': {
      if (!terms.and) return newest(query);
      let q = query;
      if (terms.phrase) q = q.orderBy(sql`(s.tsv @@ to_tsquery('simple', ${terms.phrase})) desc`);
      return newest(q.orderBy(sql`ts_rank(s.tsv, to_tsquery('simple', ${terms.and})) desc`));
    }
    case 'closing': {
      const states = sql.join(UNOPENED_STATES.map((st) => sql`${st}`));
      const stillOpen = sql<boolean>`(s.state in (${states}) and s.bid_close_at > ${now})`;
      return query
        .orderBy(sql`case when ${stillOpen} then 0 when s.bid_close_at is not null then 1 else 2 end`)
        .orderBy(sql`case when ${stillOpen} then s.bid_close_at end asc`)
        .orderBy(sql`s.bid_close_at desc nulls last`)
        .orderBy(sql`s.tbmt_id desc`);
    }
    case 'price':
      return query.orderBy(sql`s.price_vnd desc nulls last`).orderBy(sql`s.tbmt_id desc`);
    case 'newest':
      return newest(query);
  }
}

/**
 * Searches notices. Words in `q` are a filter (every word as a prefix, anywhere in the notice) and,
 * by default, an order (see `SEARCH_SORTS`); every order ends with the notice id, so paging is stable.
 * A `q` that is a notice number matches that notice exactly (`exactCode: true`).
 * A page past the last returns no items with the true `total`.
 */
export async function searchTbmt(db: Kysely<DB>, params: SearchParams): Promise<SearchResult> {
  const now = params.now ?? new Date();
  const q = params.q?.trim() ?? '';
  const code = q === '' ? null : parseNotifyNo(q);
  const and = code || q === '' ? null : prefixTsQuery(q);
  const phrase = and ? phraseTsQuery(q) : null;
  const requested = params.sort ?? (and ? 'relevance' : 'newest');
  const sort: SearchSort = requested === 'relevance' && !and ? 'newest' : requested;

  let base = fromIndex(db);
  if (code) base = base.where('s.notify_no', '=', code.notifyNo);
  else if (and) base = base.where(sql<boolean>`s.tsv @@ to_tsquery('simple', ${and})`);
  if (params.field) base = base.where('s.field', '=', params.field);
  if (params.method) base = base.where('s.method', '=', params.method);
  if (params.state) base = base.where(stateFilter(params.state, now));

  const offset = (params.page - 1) * params.pageSize;
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    withNoticeColumns(
      // The page of ids is chosen on the index alone; only its rows are joined to their versions.
      fromIndex(db).where(
        's.tbmt_id',
        'in',
        orderBy(base.select('s.tbmt_id'), sort, { and, phrase }, now).limit(params.pageSize).offset(offset),
      ),
    )
      .$call((qb) => orderBy(qb, sort, { and, phrase }, now))
      .execute(),
  ]);
  const total = Number(countRow.n);
  return {
    total,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
    exactCode: code !== null,
    sort,
    items: rows.map((r) => toNoticeRow(r, now)),
  };
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
