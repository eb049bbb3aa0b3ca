/** `/tim-kiem`: the search form (text, field, method, state) and one page of results. */
import { FIELDS, METHODS, NOTICE_STATES, type CodeEntry } from '../../procurement/codes.ts';
import type { SearchResult } from '../../procurement/queries/search.ts';
import { formatNumber } from '../format.ts';
import { Heading } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { NoticeTable } from './notice-table.tsx';
import { Pagination } from './pagination.tsx';

/** The search as the user asked it (empty strings for "any"). */
export interface SearchForm {
  q: string;
  field: string;
  method: string;
  state: string;
  page: number;
}

/** URL of the search page for `form` at page `page` (empty parameters left out). */
export function searchHref(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'field', 'method', 'state'] as const) if (form[key]) params.set(key, form[key]);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/tim-kiem?${qs}` : '/tim-kiem';
}

function Select({
  id,
  label,
  options,
  value,
}: {
  id: string;
  label: string;
  options: readonly CodeEntry[];
  value: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        <option value="" selected={value === ''}>
          Tất cả
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
  const beyond = result.items.length === 0 && result.total > 0;
  return (
    <Layout ctx={ctx} title={form.q ? `Tìm kiếm: ${form.q}` : 'Tìm kiếm gói thầu'}>
      <Heading level={1} vi="Tìm kiếm gói thầu" en="Search notices" />
      <form class="search-form" role="search" action="/tim-kiem" method="get">
        <div class="field wide">
          <label for="q">Từ khóa (tên gói thầu, số TBMT, chủ đầu tư, nhà thầu, địa điểm)</label>
          <input id="q" name="q" type="search" value={form.q} maxLength={200} />
          <p class="hint">Không cần gõ dấu: “may bien ap” tìm được “Máy biến áp”.</p>
        </div>
        <Select id="field" label="Lĩnh vực" options={FIELDS} value={form.field} />
        <Select id="method" label="Hình thức lựa chọn nhà thầu" options={METHODS} value={form.method} />
        <Select id="state" label="Trạng thái" options={NOTICE_STATES} value={form.state} />
        <div class="field actions">
          <button type="submit">Tìm kiếm</button>
          <a href="/tim-kiem">Xóa bộ lọc</a>
        </div>
      </form>

      <section aria-labelledby="ket-qua">
        <h2 id="ket-qua" aria-live="polite">
          Tìm thấy {formatNumber(result.total)} gói thầu
          {result.pageCount > 1 ? ` · trang ${result.page}/${result.pageCount}` : ''}
        </h2>
        {beyond ? (
          <p class="empty">
            Trang {result.page} không có kết quả (chỉ có {result.pageCount} trang).{' '}
            <a href={searchHref(form, 1)}>Về trang đầu</a>
          </p>
        ) : (
          <NoticeTable
            rows={result.items}
            caption="Kết quả tìm kiếm, mới đăng trước"
            empty="Không tìm thấy gói thầu nào phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc."
          />
        )}
        <Pagination page={result.page} pageCount={result.pageCount} href={(p) => searchHref(form, p)} />
      </section>
    </Layout>
  );
}
