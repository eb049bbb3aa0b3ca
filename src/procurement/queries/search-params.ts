/**
 * The search as a URL query string: `parseSearchQuery` turns a query string (of the search page, the
 * JSON API, the Atom/CSV/XLSX exports, or a saved search of an alert) into `SearchParams` and a list
 * of errors; `searchQueryString` writes `SearchParams` back in one canonical order, leaving out what is
 * empty or default. Both sides share `SEARCH_QUERY_PARAMS`, so a parsed and re-written query is stable.
 * Pure: no database, no HTTP.
 */
import { FIELDS, METHODS, NOTICE_STATES, PROCEDURES, type NoticeState } from '../codes.ts';
import { TAX_CODE } from '../identifiers.ts';

/**
 * The orders a search can be listed in — the one list the page's select, the API's `sort` parameter
 * and `searchTbmt` share. Every order ends with the notice id, so pages never overlap.
 */
export const SEARCH_SORTS = [
  {
    value: 'relevance',
    vi: 'Phù hợp nhất',
    en: 'Best match: notices with the words as a phrase first, then newest (only with words in q; else newest)',
  },
  { value: 'newest', vi: 'Mới đăng nhất', en: 'Newest first publication first' },
  {
    value: 'closing',
    vi: 'Sắp đóng thầu',
    en: 'Closing soonest: notices still open for bids by closing time, then the others, latest closing first',
  },
  { value: 'price', vi: 'Giá gói thầu cao nhất', en: 'Highest package price first (unknown prices last)' },
  {
    value: 'price_asc',
    vi: 'Giá gói thầu thấp nhất',
    en: 'Lowest package price first (unknown prices last)',
  },
] as const;

/** A value of `SEARCH_SORTS`. */
export type SearchSort = (typeof SEARCH_SORTS)[number]['value'];

/** True when `value` is one of `SEARCH_SORTS`. */
export function isSearchSort(value: unknown): value is SearchSort {
  return SEARCH_SORTS.some((s) => s.value === value);
}

/** Default and largest page sizes (rows per page). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Largest page number (deeper pages: narrow the search or export it). */
export const MAX_PAGE = 10_000;
/** Longest `q`, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** Largest `closingWithin`, in days. */
export const MAX_CLOSING_DAYS = 366;
/** Largest price bound accepted, VND (10^15 ₫, far above any package; below 2^53). */
export const MAX_PRICE_VND = 1_000_000_000_000_000;

/** What to search for. Empty or absent filters match everything. Money VND; dates Vietnam calendar days. */
export interface SearchParams {
  /**
   * Free text (names, organisations, plan/notice/package numbers, tax codes, places; every word must
   * match as a word prefix, without diacritics or case) or a notice number (`IB2600077452`, `-NN`
   * suffix allowed) for an exact lookup.
   */
  q?: string | null;
  /** Normalised field code (codes.ts FIELDS). */
  field?: string | null;
  /** Normalised method code (codes.ts METHODS). */
  method?: string | null;
  /** Normalised procedure code (codes.ts PROCEDURES). */
  procedure?: string | null;
  /** true: domestic bidding only; false: international only. */
  domestic?: boolean | null;
  /** true: online (qua mạng) only; false: offline only. */
  online?: boolean | null;
  /** Public state (codes.ts NOTICE_STATES), judged at `now`. */
  state?: NoticeState | null;
  /** Only notices still open that close within this many days from `now` (1–366); implies `open`. */
  closingWithin?: number | null;
  /** Organisation code (org.code) of an agency — investor or procuring entity — with its sub-units. */
  agency?: string | null;
  /** Province code (GSO, 2 digits; Hà Nội = 01) of a place of the package. */
  province?: string | null;
  /** Ward/commune code (5 digits) of a place of the package. */
  ward?: string | null;
  /** Package price bounds, VND, inclusive. */
  priceMin?: number | null;
  priceMax?: number | null;
  /** First publication between these Vietnam calendar days (`YYYY-MM-DD`), inclusive. */
  publishedFrom?: string | null;
  publishedTo?: string | null;
  /** Closing time in force between these Vietnam calendar days (`YYYY-MM-DD`), inclusive. */
  closingFrom?: string | null;
  closingTo?: string | null;
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

/** A query parameter that could not be used: its name and why, in English (API) and Vietnamese (pages). */
export interface SearchParamError {
  param: string;
  en: string;
  vi: string;
}

/** The result of `parseSearchQuery`: usable parameters (bad ones left out) and the errors. */
export interface ParsedSearchQuery {
  params: SearchParams;
  errors: SearchParamError[];
}

type Kind =
  | { type: 'text'; max: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'bool' }
  | { type: 'int'; min: number; max: number }
  | { type: 'date' }
  | { type: 'agency' }
  | { type: 'digits'; length: number };

/** Parameters that can be written in a search URL (besides `page` / `pageSize`), in canonical order. */
export type SearchFilterKey = Exclude<keyof SearchParams, 'page' | 'pageSize' | 'now'>;

const values = (table: readonly { value: string }[]) => table.map((e) => e.value);

/**
 * Every query parameter of a search, in the canonical order of URLs, with its kind. Documented for the
 * API in `src/web/api/search-schema.ts` and in docs/search.md.
 */
export const SEARCH_QUERY_PARAMS: readonly { key: SearchFilterKey | 'page' | 'pageSize'; kind: Kind }[] = [
  { key: 'q', kind: { type: 'text', max: MAX_QUERY_LENGTH } },
  { key: 'field', kind: { type: 'enum', values: values(FIELDS) } },
  { key: 'method', kind: { type: 'enum', values: values(METHODS) } },
  { key: 'procedure', kind: { type: 'enum', values: values(PROCEDURES) } },
  { key: 'domestic', kind: { type: 'bool' } },
  { key: 'online', kind: { type: 'bool' } },
  { key: 'state', kind: { type: 'enum', values: values(NOTICE_STATES) } },
  { key: 'closingWithin', kind: { type: 'int', min: 1, max: MAX_CLOSING_DAYS } },
  { key: 'agency', kind: { type: 'agency' } },
  { key: 'province', kind: { type: 'digits', length: 2 } },
  { key: 'ward', kind: { type: 'digits', length: 5 } },
  { key: 'priceMin', kind: { type: 'int', min: 0, max: MAX_PRICE_VND } },
  { key: 'priceMax', kind: { type: 'int', min: 0, max: MAX_PRICE_VND } },
  { key: 'publishedFrom', kind: { type: 'date' } },
  { key: 'publishedTo', kind: { type: 'date' } },
  { key: 'closingFrom', kind: { type: 'date' } },
  { key: 'closingTo', kind: { type: 'date' } },
  { key: 'sort', kind: { type: 'enum', values: values(SEARCH_SORTS) } },
  { key: 'page', kind: { type: 'int', min: 1, max: MAX_PAGE } },
  { key: 'pageSize', kind: { type: 'int', min: 1, max: MAX_PAGE_SIZE } },
];

/** The names of `SEARCH_QUERY_PARAMS`, in canonical order. */
export const SEARCH_QUERY_KEYS = SEARCH_QUERY_PARAMS.map((p) => p.key);

/** Anything a query string can come as. */
export type QueryInput = string | URLSearchParams | Readonly<Record<string, unknown>>;

function toEntries(input: QueryInput): [string, string][] {
  if (typeof input === 'string') {
    const at = input.indexOf('?');
    return [...new URLSearchParams(at < 0 ? input : input.slice(at + 1)).entries()];
  }
  if (input instanceof URLSearchParams) return [...input.entries()];
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.push([k, String(item)]);
  }
  return out;
}

const err = (param: string, en: string, vi: string): SearchParamError => ({ param, en, vi });

/** `YYYY-MM-DD` (or `DD/MM/YYYY`) → canonical `YYYY-MM-DD` when it is a real calendar day in 1900–2199. */
export function parseCalendarDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vn
      ? [Number(vn[3]), Number(vn[2]), Number(vn[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || y < 1900 || y > 2199 || m < 1 || m > 12) return null;
  if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * An agency as typed: an organisation code (`vn0100100100`, `vnz000012345`, a local `mb-…` code, any
 * case) or a tax code (`0100100100`, which is the code `vn0100100100`). Returns the org code or null.
 */
export function parseAgencyCode(text: string): string | null {
  const t = text.trim().toLowerCase();
  const tax = TAX_CODE.exec(t);
  if (tax) return `vn${tax[1]}${tax[2] ? `-${tax[2]}` : ''}`;
  return /^[0-9a-z][0-9a-z-]{1,63}$/.test(t) ? t : null;
}

function parseOne(name: string, kind: Kind, raw: string): { value: unknown } | SearchParamError {
  switch (kind.type) {
    case 'text':
      return raw.length > kind.max
        ? err(name, `longer than ${kind.max} characters`, `dài quá ${kind.max} ký tự`)
        : { value: raw.trim() };
    case 'enum':
      return kind.values.includes(raw)
        ? { value: raw }
        : err(name, `must be one of ${kind.values.join(', ')}`, 'không phải giá trị được chấp nhận');
    case 'bool':
      return raw === 'true' || raw === 'false'
        ? { value: raw === 'true' }
        : err(name, 'must be true or false', 'phải là true hoặc false');
    case 'int': {
      if (!/^[0-9]+$/.test(raw) || raw.length > 16) {
        return err(name, 'only the digits 0-9 are allowed', 'chỉ được gồm các chữ số 0–9');
      }
      const n = Number(raw);
      return n < kind.min || n > kind.max
        ? err(name, `must be from ${kind.min} to ${kind.max}`, `phải từ ${kind.min} đến ${kind.max}`)
        : { value: n };
    }
    case 'date': {
      const day = parseCalendarDay(raw);
      return day
        ? { value: day }
        : err(name, 'must be a calendar date YYYY-MM-DD', 'phải là một ngày có thật, dạng YYYY-MM-DD');
    }
    case 'agency': {
      const code = parseAgencyCode(raw);
      return code
        ? { value: code }
        : err(name, 'must be an organisation code or a tax code', 'phải là mã đơn vị hoặc mã số thuế');
    }
    case 'digits':
      return new RegExp(`^[0-9]{${kind.length}}$`).test(raw)
        ? { value: raw }
        : err(name, `must be ${kind.length} digits`, `phải gồm đúng ${kind.length} chữ số`);
  }
}

/**
 * Parses a search query string (or `URLSearchParams`, or a parsed query object) into `SearchParams`.
 * Empty values mean "any"; unknown parameters are ignored; a parameter given twice, a value of the
 * wrong kind (e.g. `page=0x10`, `field=XX`, `publishedFrom=2026-02-30`), or inconsistent bounds
 * (`priceMin` > `priceMax`, a `from` after its `to`, `closingWithin` with a state other than open)
 * are errors, and the parameter is left out of `params`. Never throws.
 * `page` defaults to 1 and `pageSize` to `DEFAULT_PAGE_SIZE`.
 */
export function parseSearchQuery(input: QueryInput): ParsedSearchQuery {
  const entries = toEntries(input);
  const errors: SearchParamError[] = [];
  const out: Record<string, unknown> = {};
  for (const { key, kind } of SEARCH_QUERY_PARAMS) {
    const given = entries.filter(([k]) => k === key).map(([, v]) => v);
    if (given.length > 1) {
      errors.push(err(key, 'given more than once', 'bị lặp lại'));
      continue;
    }
    const raw = given[0];
    // An empty value is "any" (forms send every field), except for the page numbers.
    if (raw === undefined || (raw === '' && key !== 'page' && key !== 'pageSize')) continue;
    const r = parseOne(key, kind, raw);
    if ('param' in r) errors.push(r);
    else if (r.value !== '') out[key] = r.value;
  }
  const pair = (lo: string, hi: string, en: string, vi: string) => {
    if (
      out[lo] !== undefined &&
      out[hi] !== undefined &&
      (out[lo] as number | string) > (out[hi] as number | string)
    ) {
      errors.push(err(hi, en, vi));
      delete out[hi];
    }
  };
  pair('priceMin', 'priceMax', 'must not be below priceMin', 'không được nhỏ hơn giá từ (priceMin)');
  pair('publishedFrom', 'publishedTo', 'must not be before publishedFrom', 'không được trước ngày đăng từ');
  pair('closingFrom', 'closingTo', 'must not be before closingFrom', 'không được trước ngày đóng thầu từ');
  if (out.closingWithin !== undefined && out.state !== undefined && out.state !== 'open') {
    errors.push(
      err(
        'closingWithin',
        'applies to open notices only (state=open or no state)',
        'chỉ áp dụng cho gói thầu đang mời thầu',
      ),
    );
    delete out.closingWithin;
  }
  const params = {
    ...out,
    page: (out.page as number | undefined) ?? 1,
    pageSize: (out.pageSize as number | undefined) ?? DEFAULT_PAGE_SIZE,
  } as SearchParams;
  return { params, errors };
}

/**
 * The canonical query string of a search (without `?`): the parameters of `SEARCH_QUERY_PARAMS` in
 * their order, empty values and defaults (page 1, `DEFAULT_PAGE_SIZE`) left out. `overrides` replace
 * values first (e.g. `{ page: 3 }`, or `{ field: null }` to drop a filter). Parsing the result with
 * `parseSearchQuery` gives the same parameters back.
 */
export function searchQueryString(
  params: Partial<SearchParams>,
  overrides: Partial<Record<keyof SearchParams, unknown>> = {},
): string {
  const merged: Record<string, unknown> = { ...params, ...overrides };
  const qs = new URLSearchParams();
  for (const { key } of SEARCH_QUERY_PARAMS) {
    const v = merged[key];
    if (v === undefined || v === null || v === '') continue;
    if (key === 'page' && v === 1) continue;
    if (key === 'pageSize' && v === DEFAULT_PAGE_SIZE) continue;
    qs.set(key, String(v));
  }
  return qs.toString();
}

/** The filters of `params` that narrow the search (everything but order, paging and the clock). */
export function activeFilters(params: Partial<SearchParams>): SearchFilterKey[] {
  return SEARCH_QUERY_KEYS.filter(
    (k): k is SearchFilterKey =>
      k !== 'page' &&
      k !== 'pageSize' &&
      k !== 'sort' &&
      params[k] !== undefined &&
      params[k] !== null &&
      params[k] !== '',
  );
}
