/**
 * `searchTbmt`: the public search over notices (TBMT). Diacritic- and case-insensitive full text on the
 * derived `tbmt_search` index (`tsv` over folded text, `simple` configuration), exact notice-number
 * lookup, filters on field, method and state, stable paging.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { searchWords } from '../../text/fold.ts';
import type { NoticeState } from '../codes.ts';
import { fromIndex, stateFilter, toNoticeRow, withNoticeColumns, type NoticeRow } from './notice-rows.ts';
import { parseNotifyNo } from './notify-no.ts';

/** At most this many words of a query are used; the rest is ignored. */
export const MAX_QUERY_WORDS = 12;
const MAX_WORD_LENGTH = 64;

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
  /** 1-based page number. */
  page: number;
  /** Rows per page (callers bound it; the API allows up to 100). */
  pageSize: number;
  /** The moment that decides open vs closed; default the current time. */
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
  items: NoticeRow[];
}

/**
 * Builds the `to_tsquery('simple', …)` text for a user query: every folded word as a prefix (`word:*`)
 * joined by `&`. Words contain only letters and digits (see `searchWords`), so the result cannot
 * carry tsquery operators; it is still passed to SQL as a bound parameter, never concatenated.
 * Returns `null` when the query has no words.
 */
export function prefixTsQuery(q: string): string | null {
  const words = searchWords(q)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.slice(0, MAX_WORD_LENGTH));
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}

/**
 * Searches notices. Order: first publication newest first, then notice id descending (stable across
 * pages). A `q` that is a notice number matches that notice exactly (`exactCode: true`).
 * A page past the last returns no items with the true `total`.
 */
export async function searchTbmt(db: Kysely<DB>, params: SearchParams): Promise<SearchResult> {
  const now = params.now ?? new Date();
  const q = params.q?.trim() ?? '';
  const code = q === '' ? null : parseNotifyNo(q);
  const tsquery = code || q === '' ? null : prefixTsQuery(q);

  let base = fromIndex(db);
  if (code) base = base.where('s.notify_no', '=', code.notifyNo);
  else if (tsquery) base = base.where(sql<boolean>`s.tsv @@ to_tsquery('simple', ${tsquery})`);
  if (params.field) base = base.where('s.field', '=', params.field);
  if (params.method) base = base.where('s.method', '=', params.method);
  if (params.state) base = base.where(stateFilter(params.state, now));

  const offset = (params.page - 1) * params.pageSize;
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    withNoticeColumns(base)
      .orderBy(sql`s.published_at desc nulls last`)
      .orderBy('s.tbmt_id', 'desc')
      .limit(params.pageSize)
      .offset(offset)
      .execute(),
  ]);
  const total = Number(countRow.n);
  return {
    total,
    page: params.page,
    pageSize: params.pageSize,
    pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
    exactCode: code !== null,
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
