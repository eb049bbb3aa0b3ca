/** Page links: previous / numbers (with gaps) / next, as a labelled navigation landmark. */

/** The page numbers to show around `page` of `count`, with `null` for a gap: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, count: number, radius = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= count; p++) {
    const near = Math.abs(p - page) <= radius;
    if (p === 1 || p === count || near) pages.push(p);
    else if (pages.at(-1) !== null) pages.push(null);
  }
  return pages;
}

/**
 * Links to the pages of a list; nothing when there is a single page. `href(n)` gives the URL of
 * page `n`; the current page is marked `aria-current="page"`.
 */
export function Pagination({
  page,
  pageCount,
  href,
  label = 'Phân trang',
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  label?: string;
}) {
  if (pageCount <= 1 && page <= 1) return null;
  return (
    <nav class="pagination" aria-label={label}>
      <ul>
        <li>
          {page > 1 ? (
            <a href={href(Math.min(page - 1, pageCount))} rel="prev">
              ‹ Trang trước
            </a>
          ) : (
            <span class="disabled">‹ Trang trước</span>
          )}
        </li>
        {pageWindow(page, pageCount).map((p) =>
          p === null ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a href={href(p)} aria-current={p === page ? 'page' : undefined} aria-label={`Trang ${p}`}>
                {p}
              </a>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <a href={href(page + 1)} rel="next">
              Trang sau ›
            </a>
          ) : (
            <span class="disabled">Trang sau ›</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/**
 * Says that `page` is past the last page of a list and links to the last page, instead of an empty
 * list (e.g. "Trang 99 không tồn tại; có 4 trang").
 */
export function BeyondLastPage({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  return (
    <p class="empty">
      Trang {page} không tồn tại; có {pageCount} trang.{' '}
      <a href={href(pageCount)}>Đến trang cuối (trang {pageCount})</a>
    </p>
  );
}
