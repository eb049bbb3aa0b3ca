/** `/tim-kiem`: the search form (text, field, method, state, order) and one page of results. */
import { FIELDS, METHODS, NOTICE_STATES } from '../../procurement/codes.ts';
import { SEARCH_SORTS, type SearchResult } from '../../procurement/queries/search.ts';
import type { LabelledValue } from '../api/schemas/common.ts';
import { formatNumber } from '../format.ts';
import { Heading } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { NoticeTable } from './notice-table.tsx';
import { BeyondLastPage, Pagination } from './pagination.tsx';

/** The search as the user asked it (empty strings for "any" / the default order). */
export interface SearchForm {
  q: string;
  field: string;
  method: string;
  state: string;
  sort: string;
  page: number;
}

/** The parameters of the search page, in the order of its URLs. */
const FORM_PARAMS = ['q', 'field', 'method', 'state', 'sort'] as const;

/** URL of the search page for `form` at page `page` (empty parameters left out). */
export function searchHref(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  for (const key of FORM_PARAMS) if (form[key]) params.set(key, form[key]);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/tim-kiem?${qs}` : '/tim-kiem';
}

function Select({
  id,
  label,
  options,
  value,
  anyLabel = 'Tất cả',
}: {
  id: string;
  label: string;
  options: readonly LabelledValue[];
  value: string;
  anyLabel?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        <option value="" selected={value === ''}>
          {anyLabel}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.vi}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The search page with the form filled from `form` and the results of `result`. */
export function SearchPage({
  ctx,
  form,
  result,
}: {
  ctx: PageContext;
  form: SearchForm;
  result: SearchResult;
}) {
  const beyond = result.page > result.pageCount || (result.items.length === 0 && result.total > 0);
  const order = SEARCH_SORTS.find((s) => s.value === result.sort)?.vi.toLowerCase() ?? '';
  return (
    <Layout ctx={ctx} title={form.q ? `Tìm kiếm: ${form.q}` : 'Tìm kiếm gói thầu'}>
      <Heading level={1} vi="Tìm kiếm gói thầu" en="Search notices" />
      <form class="search-form" role="search" action="/tim-kiem" method="get">
        <div class="field wide">
          <label for="q">Từ khóa (tên gói thầu, số TBMT, chủ đầu tư, nhà thầu, mã số thuế, địa điểm)</label>
          <input id="q" name="q" type="search" value={form.q} maxLength={200} />
          <p class="hint">
            Không cần gõ dấu: “may bien ap” tìm được “Máy biến áp”. Gói thầu có đủ các từ mới được liệt kê;
            gói thầu có các từ đứng liền nhau được xếp trước.
          </p>
        </div>
        <Select id="field" label="Lĩnh vực" options={FIELDS} value={form.field} />
        <Select id="method" label="Hình thức lựa chọn nhà thầu" options={METHODS} value={form.method} />
        <Select id="state" label="Trạng thái" options={NOTICE_STATES} value={form.state} />
        <Select
          id="sort"
          label="Sắp xếp"
          options={SEARCH_SORTS}
          value={form.sort}
          anyLabel="Tự động (phù hợp nhất khi có từ khóa)"
        />
        <div class="field actions">
          <button type="submit">Tìm kiếm</button>
          <a href="/tim-kiem">Xóa bộ lọc</a>
        </div>
      </form>

      <section aria-labelledby="ket-qua">
        <h2 id="ket-qua" aria-live="polite">
          Tìm thấy {formatNumber(result.total)} gói thầu
          {result.pageCount > 1 && !beyond ? ` · trang ${result.page}/${result.pageCount}` : ''}
        </h2>
        {beyond ? (
          <BeyondLastPage page={result.page} pageCount={result.pageCount} href={(p) => searchHref(form, p)} />
        ) : (
          <NoticeTable
            rows={result.items}
            caption={`Kết quả tìm kiếm, xếp theo: ${order}`}
            empty="Không tìm thấy gói thầu nào phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc."
          />
        )}
        <Pagination page={result.page} pageCount={result.pageCount} href={(p) => searchHref(form, p)} />
      </section>
    </Layout>
  );
}
