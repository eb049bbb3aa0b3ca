/** The sign-in page and the "my account" page (change password, sign out). Vietnamese, no script needed. */
import type { Account } from '../../accounts/accounts.ts';
import { roleLabel } from '../../accounts/accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../../accounts/secrets.ts';
import { Heading, Time } from './components.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors } from './account-forms.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The sign-in form; `errors._form` holds a failed attempt's message. */
export function SignInPage({
  ctx,
  csrf,
  email = '',
  next = '',
  errors = {},
}: {
  ctx: PageContext;
  csrf: string;
  email?: string;
  next?: string;
  errors?: FormErrors;
}) {
  return (
    <Layout ctx={ctx} title="Đăng nhập">
      <Heading level={1} vi="Đăng nhập" en="Sign in" />
      <p>
        Dành cho cán bộ của các đơn vị đăng tải thông tin, người giám sát và quản trị viên. Người dân và nhà
        thầu xem thông tin mà không cần đăng nhập.
      </p>
      <ErrorSummary errors={errors} idPrefix="dn" />
      <form class="search-form" method="post" action="/dang-nhap" novalidate>
        <CsrfField token={csrf} />
        {next ? <input type="hidden" name="tiep" value={next} /> : null}
        <Field
          idPrefix="dn"
          name="email"
          label="Thư điện tử (e-mail)"
          type="email"
          value={email}
          errors={errors}
          required
          autocomplete="username"
          maxLength={254}
        />
        <Field
          idPrefix="dn"
          name="password"
          label="Mật khẩu (password)"
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
          maxLength={256}
        />
        <div class="actions">
          <button type="submit">Đăng nhập</button>
        </div>
      </form>
      <p class="muted">
        Quên mật khẩu? Hãy liên hệ quản trị viên của cổng để được cấp lại. Sau nhiều lần nhập sai, đăng nhập
        bị tạm khóa trong ít phút.
      </p>
    </Layout>
  );
}

/** "My account": who I am, change password, sign out. `done` shows a confirmation. */
export function AccountPage({
  ctx,
  csrf,
  account,
  agencyName,
  errors = {},
  done = false,
}: {
  ctx: PageContext;
  csrf: string;
  account: Account;
  agencyName: string | null;
  errors?: FormErrors;
  done?: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Tài khoản của tôi">
      <Heading level={1} vi="Tài khoản của tôi" en="My account" />
      {done ? (
        <p class="demo-notice" role="status">
          Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã được đăng xuất.
        </p>
      ) : null}
      <dl class="facts">
        <div class="fact">
          <dt>Họ tên</dt>
          <dd>{account.displayName}</dd>
        </div>
        <div class="fact">
          <dt>Thư điện tử</dt>
          <dd>{account.email}</dd>
        </div>
        <div class="fact">
          <dt>Vai trò</dt>
          <dd>{roleLabel(account.role)}</dd>
        </div>
        {account.agencyCode ? (
          <div class="fact">
            <dt>Đơn vị</dt>
            <dd>
              {agencyName ?? account.agencyCode} <span class="code-text">({account.agencyCode})</span>
            </dd>
          </div>
        ) : null}
        <div class="fact">
          <dt>Lần đăng nhập này</dt>
          <dd>
            <Time at={account.lastSignInAt} />
          </dd>
        </div>
      </dl>
      {account.role === 'admin' || account.role === 'monitor' ? (
        <p>
          <a href="/quan-tri">Trang quản trị: đơn vị, tài khoản, mã API</a>
        </p>
      ) : null}
      {account.role === 'publisher' || account.role === 'monitor' ? (
        <ul>
          <li>
            <a href="/dang-tai">Đăng tải thông tin đấu thầu: bản nháp, thông báo mời thầu và các thay đổi</a>
          </li>
          <li>
            <a href="/dang-tai/khlcnt">Đăng tải kế hoạch lựa chọn nhà thầu (biểu mẫu hoặc tệp Excel)</a>
          </li>
        </ul>
      ) : null}

      <Heading vi="Đổi mật khẩu" en="Change password" id="doi-mat-khau" />
      <ErrorSummary errors={errors} idPrefix="mk" />
      <form class="search-form" method="post" action="/tai-khoan/mat-khau" novalidate>
        <CsrfField token={csrf} />
        <input type="text" name="username" value={account.email} autocomplete="username" hidden />
        <Field
          idPrefix="mk"
          name="current_password"
          label="Mật khẩu hiện tại"
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
          maxLength={256}
        />
        <Field
          idPrefix="mk"
          name="password"
          label="Mật khẩu mới"
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự; nên dùng một câu dễ nhớ. Không dùng mật khẩu phổ biến hay chứa địa chỉ thư.`}
          type="password"
          errors={errors}
          required
          autocomplete="new-password"
          maxLength={256}
        />
        <Field
          idPrefix="mk"
          name="password_confirm"
          label="Nhập lại mật khẩu mới"
          type="password"
          errors={errors}
          required
          autocomplete="new-password"
          maxLength={256}
        />
        <div class="actions">
          <button type="submit">Đổi mật khẩu</button>
        </div>
      </form>

      <Heading vi="Đăng xuất" en="Sign out" id="dang-xuat" />
      <form method="post" action="/dang-xuat">
        <CsrfField token={csrf} />
        <button type="submit">Đăng xuất</button>
      </form>
    </Layout>
  );
}
