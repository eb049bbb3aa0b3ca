/**
 * The SQL of the public search, in one place (docs/search.md lists the index each shape uses; the
 * benchmark `bench/search` runs exactly these): the conditions of every filter over the derived index
 * `tbmt_search s`, the orders, and the one statement that counts the total and every facet. Built with
 * Kysely's `sql` tag: every value is a bound parameter, never concatenated.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { searchWords } from '../../text/fold.ts';
import { vnTime } from '../../text/time.ts';
import { UNOPENED_STATES } from './notice-rows.ts';
import { parseNotifyNo } from './notify-no.ts';
import type { SearchParams, SearchSort } from './search-params.ts';

/** At most this many words of a query are used; the rest is ignored. */
export const MAX_QUERY_WORDS = 12;
const MAX_WORD_LENGTH = 64;
const DAY_MS = 86_400_000;

/** The facets counted beside the results, each with all the other filters applied. */
export const FACET_KEYS = [
  'state',
  'field',
  'method',
  'procedure',
  'domestic',
  'online',
  'province',
] as const;
/** A value of `FACET_KEYS`. */
export type FacetKey = (typeof FACET_KEYS)[number];

/** The words of a query used for full-text search (folded, at most `MAX_QUERY_WORDS`, each bounded). */
export function queryWords(q: string): string[] {
  return searchWords(q)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.slice(0, MAX_WORD_LENGTH));
}

/**
 * Builds the `to_tsquery('simple', …)` text for a user query: the folded words joined by `&` (the
 * filter: every word somewhere in the notice), the **last** word as a prefix (`word:*`, so a word
 * still being typed — or the start of a code — matches) and the others whole: a short whole word is
 * one lookup in the full-text index, while a short prefix (`tu:*`) is every word that starts with it.
 * Words contain only letters and digits (see `searchWords`), so the result cannot carry tsquery
 * operators; it is still passed to SQL as a bound parameter, never concatenated. Returns `null` when
 * the query has no words.
 */
export function prefixTsQuery(q: string): string | null {
  const words = queryWords(q);
  return words.length === 0 ? null : terms(words).join(' & ');
}

/**
 * The same terms joined by `<->` (followed by): matches notices where the words appear next to each
 * other in this order (`ha noi` in "Hà Nội", not in "nội soi … Hà Giang"). `null` for fewer than two
 * words, where it would equal `prefixTsQuery`.
 */
export function phraseTsQuery(q: string): string | null {
  const words = queryWords(q);
  return words.length < 2 ? null : terms(words).join(' <-> ');
}

/** Every word whole but the last, which is a prefix. */
function terms(words: readonly string[]): string[] {
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w));
}

/** What the text of a query searches for: a notice number, or prefix words (and their phrase). */
export interface TextTerms {
  /** The notice number when `q` is one (exact lookup). */
  code: string | null;
  /** `prefixTsQuery(q)` unless `q` is a notice number. */
  and: string | null;
  /** `phraseTsQuery(q)` unless `q` is a notice number. */
  phrase: string | null;
  /** The folded words (for highlighting); empty for a notice number. */
  words: string[];
}

/** The text terms of `q` (see `TextTerms`). */
export function textTerms(q: string | null | undefined): TextTerms {
  const text = q?.trim() ?? '';
  const code = text === '' ? null : (parseNotifyNo(text)?.notifyNo ?? null);
  if (code || text === '') return { code, and: null, phrase: null, words: [] };
  return { code: null, and: prefixTsQuery(text), phrase: phraseTsQuery(text), words: queryWords(text) };
}

/** One condition of a search: the facet it filters (null for text, agency, places, prices, dates). */
export interface Condition {
  facet: FacetKey | null;
  expr: RawBuilder<SqlBool>;
  /** True for the words: the one test whose planner estimate is often far off (see search.ts). */
  text?: boolean;
}

const unopened = sql.join(UNOPENED_STATES.map((st) => sql`${st}`));

/** The public state of a row of `s` at `now` (open/closed decided by the clock), as SQL text. */
export function stateValue(now: Date): RawBuilder<string> {
  return sql<string>`(CASE WHEN s.state IN (${unopened})
    THEN (CASE WHEN s.bid_close_at <= ${now} THEN 'closed' ELSE 'open' END) ELSE s.state END)`;
}

function stateCondition(state: string, now: Date): RawBuilder<SqlBool> {
  if (state === 'open') {
    return sql<SqlBool>`(s.state IN (${unopened}) AND (s.bid_close_at IS NULL OR s.bid_close_at > ${now}))`;
  }
  if (state === 'closed') {
    return sql<SqlBool>`(s.state = 'closed' OR (s.state IN (${unopened}) AND s.bid_close_at <= ${now}))`;
  }
  return sql<SqlBool>`s.state = ${state}`;
}

/** The instant a Vietnam calendar day `YYYY-MM-DD` starts, plus `days` days. */
function dayStart(day: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(vnTime(y, m, d).getTime() + days * DAY_MS);
}

const textArray = (codes: readonly string[]) => sql`ARRAY[${sql.join(codes.map((c) => sql`${c}`))}]::text[]`;

/**
 * The conditions of `params` at `now`. `agencyCodes` are the codes the agency filter matches (the
 * agency and its sub-units), resolved by the caller.
 */
export function searchConditions(
  params: SearchParams,
  terms: TextTerms,
  now: Date,
  agencyCodes: readonly string[] | null,
): Condition[] {
  const c: Condition[] = [];
  const add = (facet: FacetKey | null, expr: RawBuilder<SqlBool>) => c.push({ facet, expr });
  if (terms.code) add(null, sql<SqlBool>`s.notify_no = ${terms.code}`);
  else if (terms.and) {
    c.push({ facet: null, expr: sql<SqlBool>`s.tsv @@ to_tsquery('simple', ${terms.and})`, text: true });
  }
  if (params.field) add('field', sql<SqlBool>`s.field = ${params.field}`);
  if (params.method) add('method', sql<SqlBool>`s.method = ${params.method}`);
  if (params.procedure) add('procedure', sql<SqlBool>`s.procedure = ${params.procedure}`);
  if (params.domestic != null) add('domestic', sql<SqlBool>`s.is_domestic = ${params.domestic}`);
  if (params.online != null) add('online', sql<SqlBool>`s.is_internet = ${params.online}`);
  if (params.state) add('state', stateCondition(params.state, now));
  if (params.closingWithin) {
    const until = new Date(now.getTime() + params.closingWithin * DAY_MS);
    add(
      'state',
      sql<SqlBool>`(s.state IN (${unopened}) AND s.bid_close_at > ${now} AND s.bid_close_at <= ${until})`,
    );
  }
  if (agencyCodes && agencyCodes.length > 0)
    add(null, sql<SqlBool>`s.agency_codes && ${textArray(agencyCodes)}`);
  if (params.province) add('province', sql<SqlBool>`s.province_codes && ${textArray([params.province])}`);
  if (params.ward) add(null, sql<SqlBool>`s.ward_codes && ${textArray([params.ward])}`);
  if (params.priceMin != null) add(null, sql<SqlBool>`s.price_vnd >= ${params.priceMin}`);
  if (params.priceMax != null) add(null, sql<SqlBool>`s.price_vnd <= ${params.priceMax}`);
  if (params.publishedFrom) add(null, sql<SqlBool>`s.published_at >= ${dayStart(params.publishedFrom)}`);
  if (params.publishedTo) add(null, sql<SqlBool>`s.published_at < ${dayStart(params.publishedTo, 1)}`);
  if (params.closingFrom) add(null, sql<SqlBool>`s.bid_close_at >= ${dayStart(params.closingFrom)}`);
  if (params.closingTo) add(null, sql<SqlBool>`s.bid_close_at < ${dayStart(params.closingTo, 1)}`);
  return c;
}

/** The conditions joined by AND (all of them, or all but those of facet `except`); `true` for none. */
export function whereClause(
  conditions: readonly Condition[],
  except: FacetKey | null = null,
): RawBuilder<SqlBool> {
  const kept = conditions.filter((c) => except === null || c.facet !== except).map((c) => c.expr);
  return kept.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(kept, sql` AND `)})`;
}

/** The sort used for a request (`relevance` without words is `newest`; default by whether there are words). */
export function effectiveSort(requested: SearchSort | null | undefined, terms: TextTerms): SearchSort {
  const sort = requested ?? (terms.and ? 'relevance' : 'newest');
  return sort === 'relevance' && !terms.and ? 'newest' : sort;
}

/**
 * The ORDER BY keys of `sort` over `s` (every order ends with the notice id, so paging is stable).
 * `openOnly`: every row is open (state=open or closingWithin), so "closing soonest" is simply by
 * closing time, which the closing index serves. `phraseColumn`: `s` carries the phrase test as the
 * boolean column `phrase_hit` (a sample read once, see search-count.ts) instead of `tsv`.
 */
export function orderKeys(
  sort: SearchSort,
  terms: TextTerms,
  now: Date,
  openOnly: boolean,
  phraseColumn = false,
): RawBuilder<unknown>[] {
  const newest = [sql`s.published_at DESC NULLS LAST`, sql`s.tbmt_id DESC`];
  switch (sort) {
    case 'relevance': {
      if (!terms.and) return newest;
      // The folded text carries no weights, so full-text rank adds little beyond the phrase test and
      // would be computed on every match: the words as a phrase first, then newest.
      if (!terms.phrase) return newest;
      if (phraseColumn) return [sql`s.phrase_hit DESC`, ...newest];
      return [sql`(s.tsv @@ to_tsquery('simple', ${terms.phrase})) DESC`, ...newest];
    }
    case 'closing': {
      if (openOnly) return [sql`s.bid_close_at ASC NULLS LAST`, sql`s.tbmt_id DESC`];
      const stillOpen = stillOpenAt(now);
      return [
        sql`CASE WHEN ${stillOpen} THEN 0 WHEN s.bid_close_at IS NOT NULL THEN 1 ELSE 2 END`,
        sql`CASE WHEN ${stillOpen} THEN s.bid_close_at END ASC`,
        sql`s.bid_close_at DESC NULLS LAST`,
        sql`s.tbmt_id DESC`,
      ];
    }
    case 'price':
      return [sql`s.price_vnd DESC NULLS LAST`, sql`s.tbmt_id DESC`];
    case 'price_asc':
      return [sql`s.price_vnd ASC NULLS LAST`, sql`s.tbmt_id DESC`];
    case 'newest':
      return newest;
  }
}

/** True for a notice still open at `now` (not yet opened, closing after `now`): first in "closing soonest". */
export function stillOpenAt(now: Date): RawBuilder<SqlBool> {
  return sql<SqlBool>`(s.state IN (${unopened}) AND s.bid_close_at > ${now})`;
}

/** The ORDER BY clause of `keys`. */
export function orderClause(keys: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return sql`ORDER BY ${sql.join(keys)}`;
}
