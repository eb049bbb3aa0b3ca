/** The error page: status, a Vietnamese message the user can act on, ways forward. Never a stack trace. */
import { Heading } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

const TITLES: Record<number, [string, string]> = {
  400: ['Yêu cầu không hợp lệ', 'Bad request'],
  401: ['Cần đăng nhập', 'Sign-in required'],
  403: ['Không được phép', 'Forbidden'],
  404: ['Không tìm thấy trang', 'Not found'],
  429: ['Tạm thời bị chặn', 'Too many attempts'],
  500: ['Hệ thống gặp lỗi', 'Server error'],
};

/** An error page for HTTP `status` with `message` (Vietnamese). */
export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const [vi, en] = TITLES[status] ?? (status >= 500 ? TITLES[500]! : TITLES[400]!);
  return (
    <Layout ctx={ctx} title={vi}>
      <Heading level={1} vi={vi} en={`${en} (${status})`} />
      <p class="lead">{message}</p>
      <ul>
        <li>
          <a href="/">Về trang chủ</a>
        </li>
        <li>
          <a href="/tim-kiem">Tìm kiếm gói thầu</a>
        </li>
      </ul>
    </Layout>
  );
}
