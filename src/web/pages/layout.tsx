/** The frame of every page: language, landmarks, skip link, demo banner, header search, footer. */
import type { ComponentChildren } from 'preact';

/** What every page needs to know about the request and the installation. */
export interface PageContext {
  /** The database holds demo data: every page shows the demo banner. */
  demo: boolean;
  /** Path of the request, for marking the current navigation item. */
  path: string;
  /** The signed-in person, for the header's account link (absent or null: a "Đăng nhập" link). */
  account?: { displayName: string } | null;
}

/**
 * The site-wide demo banner, Vietnamese: true on every page of an installation holding demo data,
 * whether it holds only demo data or demo beside real data — it speaks of the portal, never of "the
 * notices on this page" (a real notice's page must not be called fake). Each demo notice carries the
 * “Minh họa” label, and its own page says it is demo data (`DEMO_NOTICE`).
 */
export const DEMO_BANNER =
  'Cổng này có dữ liệu minh họa (demo) được tạo tự động để trình diễn; các gói thầu minh họa được gắn nhãn “Minh họa” và không phải thông báo thật.';

/** The English gloss of `DEMO_BANNER`. */
export const DEMO_BANNER_EN =
  'This portal contains automatically generated demo data; demo notices are labelled “Minh họa” (demo) and are not real notices.';

const NAV: { href: string; label: string }[] = [
  { href: '/', label: 'Trang chủ' },
  { href: '/tim-kiem', label: 'Tìm kiếm gói thầu' },
  { href: '/api/docs', label: 'API dữ liệu mở' },
];

/** A whole HTML page around `children` (the main content). */
export function Layout({
  ctx,
  title,
  head,
  children,
}: {
  ctx: PageContext;
  title: string;
  /** Extra elements of `<head>` (e.g. the search page's Atom feed link). */
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Minh bạch`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/site.css" />
        <link rel="stylesheet" href="/static/components.css" />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#noi-dung">
          Bỏ qua, đến nội dung chính
        </a>
        {ctx.demo ? (
          <div class="demo-banner" role="note">
            <p>{DEMO_BANNER}</p>
            <p class="gloss" lang="en">
              {DEMO_BANNER_EN}
            </p>
          </div>
        ) : null}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              Minh bạch <span class="tagline">Công khai thông tin đấu thầu, Hà Nội</span>{' '}
              <span class="gloss" lang="en">
                Public procurement, Hà Nội
              </span>
            </a>
            <nav aria-label="Điều hướng chính">
              <ul class="nav">
                {NAV.map((n) => (
                  <li>
                    <a href={n.href} aria-current={ctx.path === n.href ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
                <li>
                  {ctx.account ? (
                    <a href="/tai-khoan" aria-current={ctx.path === '/tai-khoan' ? 'page' : undefined}>
                      Tài khoản: {ctx.account.displayName}
                    </a>
                  ) : (
                    <a href="/dang-nhap" aria-current={ctx.path === '/dang-nhap' ? 'page' : undefined}>
                      Đăng nhập
                    </a>
                  )}
                </li>
              </ul>
            </nav>
            <form class="header-search" role="search" action="/tim-kiem" method="get">
              <label for="q-header">Tìm gói thầu</label>
              <input
                id="q-header"
                name="q"
                type="search"
                maxLength={200}
                placeholder="Tên, số TBMT, đơn vị…"
              />
              <button type="submit">Tìm</button>
            </form>
          </div>
        </header>
        <main id="noi-dung" tabindex={-1} class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              Minh bạch — cổng công khai thông tin đấu thầu. Thời gian hiển thị theo giờ Việt Nam (UTC+7); số
              tiền tính bằng đồng (₫).{' '}
              <span lang="en">Times in Vietnam time (UTC+7); amounts in Vietnamese dong.</span>
            </p>
            <p>
              <a href="/api/docs">API dữ liệu mở (OpenAPI)</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
