/**
 * A saved search: the query string of the search page `/tim-kiem`, read by the search's own parser
 * (`parseSearchQuery`, the same for the page, the API, the feeds and the exports) and kept in its
 * canonical form (`searchQueryString`, without `page`, `pageSize` and `sort`, which do not change
 * which notices match). It is re-parsed on every run, so a search saved today means tomorrow what the
 * search page means then. A bad parameter is an error naming it, in Vietnamese and English.
 */
import { FIELDS, labelVi, METHODS, NOTICE_STATES, PROCEDURES } from '../procurement/codes.ts';
import {
  parseSearchQuery,
  searchQueryString,
  type SearchParams,
} from '../procurement/queries/search-params.ts';
import { mailVnd } from './format.ts';

/** The filters of a saved search (`SearchParams` with page 1; empty = any). */
export type SavedSearchParams = SearchParams;

/** A parsed saved search. */
export interface SavedSearch {
  /** Canonical query string without `?`, e.g. `q=may+bien+ap&field=HH`; `''` means every notice. */
  query: string;
  params: SavedSearchParams;
}

/** Why a query string is not a search. */
export interface SavedSearchError {
  param: string;
  vi: string;
  en: string;
}

/** Parameters that only order or page the results: dropped from a saved search. */
const NOT_FILTERS = { page: null, pageSize: null, sort: null } as const;

/**
 * Parses the query string of a search URL (with or without `?`, or a whole `/tim-kiem?…` URL) with
 * the search page's parser; the first error (e.g. `field=XX`, `priceMin` above `priceMax`) makes it
 * fail. Parameters the search does not know are ignored, as on the search page.
 */
export function parseSavedSearch(
  input: string,
): { ok: true; search: SavedSearch } | { ok: false; error: SavedSearchError } {
  const { params, errors } = parseSearchQuery(input);
  const first = errors.find((e) => !(e.param in NOT_FILTERS));
  if (first) {
    const param = first.param.slice(0, 40);
    return {
      ok: false,
      error: {
        param,
        vi: `Tham số tìm kiếm “${param}” không hợp lệ: ${first.vi}.`,
        en: `Invalid search parameter "${param}": ${first.en}.`,
      },
    };
  }
  const query = searchQueryString(params, NOT_FILTERS);
  return { ok: true, search: { query, params: { ...params, sort: null, page: 1 } } };
}

const yesNo = (v: boolean | null | undefined, yes: string, no: string) => (v == null ? null : v ? yes : no);

/**
 * A one-line Vietnamese description of a saved search for pages and e-mails, e.g.
 * `từ khóa “may bien ap” · lĩnh vực: Hàng hóa · giá từ 1.000.000 ₫`; `mọi gói thầu` without filters.
 */
export function describeSavedSearch(p: SavedSearchParams): string {
  const parts = [
    p.q ? `từ khóa “${oneLine(p.q)}”` : null,
    p.field ? `lĩnh vực: ${labelVi(FIELDS, p.field)}` : null,
    p.method ? `hình thức: ${labelVi(METHODS, p.method)}` : null,
    p.procedure ? `phương thức: ${labelVi(PROCEDURES, p.procedure)}` : null,
    yesNo(p.domestic, 'trong nước', 'quốc tế'),
    yesNo(p.online, 'qua mạng', 'không qua mạng'),
    p.state ? `trạng thái: ${labelVi(NOTICE_STATES, p.state)}` : null,
    p.closingWithin ? `đóng thầu trong ${p.closingWithin} ngày tới` : null,
    p.agency ? `đơn vị: ${p.agency}` : null,
    p.province ? `tỉnh/thành mã ${p.province}` : null,
    p.ward ? `xã/phường mã ${p.ward}` : null,
    p.priceMin != null ? `giá từ ${mailVnd(p.priceMin)}` : null,
    p.priceMax != null ? `giá đến ${mailVnd(p.priceMax)}` : null,
    p.publishedFrom ? `đăng từ ${vnDay(p.publishedFrom)}` : null,
    p.publishedTo ? `đăng đến ${vnDay(p.publishedTo)}` : null,
    p.closingFrom ? `đóng thầu từ ${vnDay(p.closingFrom)}` : null,
    p.closingTo ? `đóng thầu đến ${vnDay(p.closingTo)}` : null,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join(' · ') : 'mọi gói thầu';
}

/**
 * `text` on one line (line breaks and runs of spaces as one space): the description goes into e-mail
 * text, where a typed line break would start a line of its own that the reader might take for the
 * portal's words.
 */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `2026-03-24` → `24/03/2026`. */
function vnDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The search page URL path of a saved search: `/tim-kiem?…`. */
export function searchPath(query: string): string {
  return query ? `/tim-kiem?${query}` : '/tim-kiem';
}
