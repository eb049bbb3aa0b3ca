/**
 * `/tim-kiem`: the search form, the facets, one page of results with the searched words marked, and
 * the same search as an Atom feed, CSV and XLSX. Every link is the canonical URL of a search
 * (`searchQueryString`), so the page can be shared and bookmarked as it is.
 */
import { SEARCH_COUNT_CAP, type FacetKey, type SearchResult } from '../../procurement/queries/search.ts';
import { EXPORT_ROW_LIMIT } from '../../procurement/queries/search-export.ts';
import {
  SEARCH_SORTS,
  searchQueryString,
  type SearchParamError,
  type SearchParams,
} from '../../procurement/queries/search-params.ts';
import { formatNumber } from '../format.ts';
import { Heading } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { BeyondLastPage, Pagination } from './pagination.tsx';
import { SearchFacets } from './search-facets.tsx';
import { SearchForm } from './search-form.tsx';
import { SearchResultsTable } from './search-results.tsx';

/** URL of the search page for `params`, with `overrides` applied (e.g. `{ page: 2 }`). */
export function searchHref(
  params: Partial<SearchParams>,
  overrides: Partial<Record<keyof SearchParams, unknown>> = {},
): string {
  const qs = searchQueryString(params, overrides);
  return qs ? `/tim-kiem?${qs}` : '/tim-kiem';
}

/** URL of the search `params` in another format (`atom`, `csv`, `xlsx`): all results, no page. */
export function searchExportHref(params: Partial<SearchParams>, format: 'atom' | 'csv' | 'xlsx'): string {
  const qs = searchQueryString(params, {
    page: null,
    pageSize: null,
    ...(format === 'atom' ? { sort: null } : {}),
  });
  return `/tim-kiem.${format}${qs ? `?${qs}` : ''}`;
}

/** The search with facet `key` set to `value` (or removed), back on page 1. */
function facetHref(params: SearchParams, key: FacetKey, value: string | null): string {
  // The state facet replaces "closing within N days" (which means open).
  const extra = key === 'state' ? { closingWithin: null } : {};
  return searchHref(params, { [key]: value, page: null, ...extra });
}

function Errors({ errors }: { errors: SearchParamError[] }) {
  return (
    <div class="error-summary" role="alert">
      <h2>
        Yêu cầu không hợp lệ: địa chỉ tìm kiếm có tham số sai{' '}
        <span class="gloss" lang="en">
          Bad request
        </span>
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            Tham số “{e.param}” không hợp lệ: {e.vi}.
          </li>
        ))}
      </ul>
      <p>
        Hãy sửa lại bộ lọc bên dưới, hoặc <a href="/tim-kiem">bắt đầu tìm kiếm mới</a>.
      </p>
    </div>
  );
}

function Formats({ params }: { params: SearchParams }) {
  return (
    <p class="formats">
      Tải kết quả:{' '}
      <a href={searchExportHref(params, 'csv')} type="text/csv">
        CSV
      </a>{' '}
      ·{' '}
      <a
        href={searchExportHref(params, 'xlsx')}
        type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      >
        Excel (XLSX)
      </a>{' '}
      (tối đa {formatNumber(EXPORT_ROW_LIMIT)} dòng đầu tiên theo thứ tự đang xếp) ·{' '}
      <a href={searchExportHref(params, 'atom')} type="application/atom+xml">
        Theo dõi qua Atom
      </a>{' '}
      (50 gói thầu mới nhất)
    </p>
  );
}

/**
 * The search page. `result` is null when the query had errors (`errors`, answered with status 400):
 * the form is shown with the valid part of the search and the errors above it.
 */
export function SearchPage({
  ctx,
  params,
  result,
  errors = [],
}: {
  ctx: PageContext;
  params: SearchParams;
  result: SearchResult | null;
  errors?: SearchParamError[];
}) {
  const q = params.q ?? '';
  const provinces = (result?.facets?.province ?? []).map((f) => ({ value: f.value, vi: f.label }));
  if (params.province && !provinces.some((p) => p.value === params.province)) {
    provinces.push({ value: params.province, vi: `Mã ${params.province}` });
  }
  const head = (
    <>
      <link rel="stylesheet" href="/static/search.css" />
      <link
        rel="alternate"
        type="application/atom+xml"
        title="Gói thầu mới theo tìm kiếm này (Atom)"
        href={searchExportHref(params, 'atom')}
      />
    </>
  );
  const title = errors.length > 0 ? 'Yêu cầu không hợp lệ' : q ? `Tìm kiếm: ${q}` : 'Tìm kiếm gói thầu';
  return (
    <Layout ctx={ctx} title={title} head={head}>
      <Heading level={1} vi="Tìm kiếm gói thầu" en="Search notices" />
      {errors.length > 0 ? <Errors errors={errors} /> : null}
      <SearchForm params={params} provinces={provinces} />
      {result ? <Results params={params} result={result} /> : null}
    </Layout>
  );
}

function Results({ params, result }: { params: SearchParams; result: SearchResult }) {
  const beyond = result.page > result.pageCount || (result.items.length === 0 && result.total > 0);
  const order = SEARCH_SORTS.find((s) => s.value === result.sort)?.vi.toLowerCase() ?? '';
  const pageHref = (p: number) => searchHref(params, { page: p });
  return (
    <div class="search-results">
      {result.facets ? (
        <SearchFacets facets={result.facets} params={params} href={(k, v) => facetHref(params, k, v)} />
      ) : null}
      <section aria-labelledby="ket-qua">
        <h2 id="ket-qua" aria-live="polite">
          Tìm thấy {result.totalExact ? '' : 'hơn '}
          {formatNumber(result.total)} gói thầu
          {result.pageCount > 1 && !beyond ? ` · trang ${result.page}/${result.pageCount}` : ''}
        </h2>
        {result.totalExact ? null : <TooMany params={params} sort={result.sort} />}
        {result.total > 0 ? <Formats params={params} /> : null}
        <p class="formats">
          <a
            href={`/thong-bao-email${searchHref(params, { page: null, pageSize: null, sort: null }).slice('/tim-kiem'.length)}`}
          >
            Nhận thông báo qua e-mail cho tìm kiếm này
          </a>{' '}
          <span class="gloss" lang="en">
            (e-mail alerts for this search)
          </span>
        </p>
        {beyond ? (
          <BeyondLastPage page={result.page} pageCount={result.pageCount} href={pageHref} />
        ) : result.items.length === 0 ? (
          <p class="empty">
            Không tìm thấy gói thầu nào phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.
          </p>
        ) : (
          <SearchResultsTable
            rows={result.items}
            words={result.words}
            caption={`Kết quả tìm kiếm, xếp theo: ${order}`}
          />
        )}
        <Pagination page={result.page} pageCount={result.pageCount} href={pageHref} />
      </section>
    </div>
  );
}

/** A search with more results than are counted: what that means, and how to narrow it. */
function TooMany({ params, sort }: { params: SearchParams; sort: SearchResult['sort'] }) {
  const reordered = sort === 'newest' && (params.sort ?? 'relevance') === 'relevance' && !!params.q?.trim();
  return (
    <p class="note">
      Tìm kiếm này có hơn {formatNumber(SEARCH_COUNT_CAP)} kết quả: số lượng theo từng mục lọc không được đếm
      {reordered ? ', và kết quả được xếp theo thời gian đăng mới nhất thay vì độ phù hợp' : ''}. Hãy thêm từ
      khóa hoặc bộ lọc để thu hẹp.{' '}
      <span class="gloss" lang="en">
        (More than {SEARCH_COUNT_CAP.toLocaleString('en')} results: facet counts are not shown
        {reordered ? ' and results are listed newest first instead of by relevance' : ''}; narrow the search.)
      </span>
    </p>
  );
}
