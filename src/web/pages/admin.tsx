/**
 * The administration area `/quan-tri`: agencies, accounts, API tokens — lists for administrators and
 * monitors, forms for administrators only — and the page that shows a new API token once.
 */
import type { ApiTokenInfo } from '../../accounts/api-tokens.ts';
import { ROLES, type Account } from '../../accounts/accounts.ts';
import type { Agency } from '../../accounts/agencies.ts';
import { UNIT_KINDS } from '../../accounts/agency-kinds.ts';
import { MIN_PASSWORD_LENGTH } from '../../accounts/secrets.ts';
import { Heading } from './components.tsx';
import { CsrfField, ErrorSummary, Field, SelectField, type FormErrors } from './account-forms.tsx';
import { AccountTable, AgencyTable, TokenTable } from './admin-tables.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** What the administration page lists. */
export interface AdminData {
  agencies: Agency[];
  accounts: Account[];
  tokens: ApiTokenInfo[];
}

/** The administration forms. */
export type AdminForm = 'agency' | 'account' | 'token';

/** A form sent back with its values and errors. */
export interface AdminFormState {
  which: AdminForm;
  values: Record<string, string>;
  errors: FormErrors;
}

/** Confirmations after a successful write (`?xong=…`). */
export const ADMIN_DONE: Record<string, string> = {
  'don-vi': 'Đã lưu đơn vị.',
  'tai-khoan': 'Đã tạo tài khoản.',
  'trang-thai': 'Đã thay đổi trạng thái tài khoản.',
  'thu-hoi': 'Đã thu hồi mã API; mã này không dùng được nữa.',
};

function agencyOptions(agencies: Agency[]): [string, string][] {
  return agencies.map((a) => [a.code, `${'— '.repeat(a.depth)}${a.name} (${a.code})`]);
}

function AgencyForm({
  csrf,
  agencies,
  state,
}: {
  csrf: string;
  agencies: Agency[];
  state: AdminFormState | null;
}) {
  const v = state?.which === 'agency' ? state.values : {};
  const errors = state?.which === 'agency' ? state.errors : {};
  return (
    <>
      <Heading level={3} vi="Thêm hoặc sửa đơn vị" en="Add or edit an agency" id="form-don-vi" />
      <p class="muted">Nhập mã của một đơn vị đã có để sửa thông tin của nó.</p>
      <ErrorSummary errors={errors} idPrefix="dv" />
      <form class="search-form" method="post" action="/quan-tri/don-vi" novalidate>
        <CsrfField token={csrf} />
        <Field
          idPrefix="dv"
          name="code"
          label="Mã đơn vị"
          hint="Ví dụ: vn0101234567 hoặc hn-so-tai-chinh (chữ thường, số, . _ -)"
          value={v.code}
          errors={errors}
          required
          maxLength={64}
        />
        <Field idPrefix="dv" name="name" label="Tên đơn vị" value={v.name} errors={errors} required />
        <SelectField
          idPrefix="dv"
          name="kind"
          label="Loại đơn vị"
          options={UNIT_KINDS.map((k) => [k.code, k.vi] as const)}
          value={v.kind}
          errors={errors}
        />
        <SelectField
          idPrefix="dv"
          name="parent_code"
          label="Trực thuộc"
          options={agencyOptions(agencies)}
          value={v.parent_code}
          errors={errors}
          empty="(không trực thuộc đơn vị nào)"
        />
        <Field
          idPrefix="dv"
          name="valid_from"
          label="Hiệu lực từ ngày"
          hint="YYYY-MM-DD hoặc DD/MM/YYYY; để trống nếu không rõ"
          value={v.valid_from}
          errors={errors}
          maxLength={10}
        />
        <Field
          idPrefix="dv"
          name="valid_to"
          label="Hoạt động đến hết ngày"
          hint="Để trống nếu đơn vị vẫn hoạt động"
          value={v.valid_to}
          errors={errors}
          maxLength={10}
        />
        <SelectField
          idPrefix="dv"
          name="successor_code"
          label="Đơn vị kế thừa (khi sáp nhập, giải thể)"
          options={agencyOptions(agencies)}
          value={v.successor_code}
          errors={errors}
          empty="(không có)"
        />
        <Field
          idPrefix="dv"
          name="name_en"
          label="Tên tiếng Anh (không bắt buộc)"
          value={v.name_en}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">Lưu đơn vị</button>
        </div>
      </form>
    </>
  );
}

function AccountForm({
  csrf,
  agencies,
  state,
}: {
  csrf: string;
  agencies: Agency[];
  state: AdminFormState | null;
}) {
  const v = state?.which === 'account' ? state.values : {};
  const errors = state?.which === 'account' ? state.errors : {};
  return (
    <>
      <Heading level={3} vi="Tạo tài khoản" en="Create an account" id="form-tai-khoan" />
      <ErrorSummary errors={errors} idPrefix="tk" />
      <form class="search-form" method="post" action="/quan-tri/tai-khoan" novalidate>
        <CsrfField token={csrf} />
        <Field
          idPrefix="tk"
          name="email"
          label="Thư điện tử"
          type="email"
          value={v.email}
          errors={errors}
          required
          maxLength={254}
          autocomplete="off"
        />
        <Field
          idPrefix="tk"
          name="display_name"
          label="Họ tên"
          value={v.display_name}
          errors={errors}
          maxLength={200}
        />
        <SelectField
          idPrefix="tk"
          name="role"
          label="Vai trò"
          options={ROLES.map((r) => [r.code, r.vi] as const)}
          value={v.role ?? 'publisher'}
          errors={errors}
        />
        <SelectField
          idPrefix="tk"
          name="agency_code"
          label="Đơn vị (chỉ với người đăng tải)"
          options={agencyOptions(agencies)}
          value={v.agency_code}
          errors={errors}
          empty="(không có — quản trị viên, giám sát)"
        />
        <Field
          idPrefix="tk"
          name="password"
          label="Mật khẩu ban đầu"
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự; trao cho người dùng qua kênh an toàn và đề nghị họ đổi ngay.`}
          type="password"
          errors={errors}
          required
          autocomplete="new-password"
          maxLength={256}
        />
        <div class="actions">
          <button type="submit">Tạo tài khoản</button>
        </div>
      </form>
    </>
  );
}

function TokenForm({
  csrf,
  agencies,
  state,
}: {
  csrf: string;
  agencies: Agency[];
  state: AdminFormState | null;
}) {
  const v = state?.which === 'token' ? state.values : {};
  const errors = state?.which === 'token' ? state.errors : {};
  return (
    <>
      <Heading level={3} vi="Tạo mã API" en="Create an API token" id="form-ma-api" />
      <ErrorSummary errors={errors} idPrefix="ma" />
      <form class="search-form" method="post" action="/quan-tri/ma-api" novalidate>
        <CsrfField token={csrf} />
        <SelectField
          idPrefix="ma"
          name="agency_code"
          label="Đơn vị được đăng tải"
          options={agencyOptions(agencies)}
          value={v.agency_code}
          errors={errors}
          empty="(chọn đơn vị)"
        />
        <Field
          idPrefix="ma"
          name="label"
          label="Mục đích (ví dụ: tên hệ thống gửi dữ liệu)"
          value={v.label}
          errors={errors}
          required
          maxLength={200}
        />
        <div class="actions">
          <button type="submit">Tạo mã API</button>
        </div>
      </form>
    </>
  );
}

/** The administration page. `canWrite` (administrators) shows the forms and row actions. */
export function AdminPage({
  ctx,
  csrf,
  data,
  canWrite,
  selfId,
  done,
  state = null,
}: {
  ctx: PageContext;
  csrf: string;
  data: AdminData;
  canWrite: boolean;
  selfId: number;
  done?: string | undefined;
  state?: AdminFormState | null;
}) {
  return (
    <Layout ctx={ctx} title="Quản trị">
      <Heading
        level={1}
        vi="Quản trị: đơn vị, tài khoản, mã API"
        en="Administration: agencies, accounts, API tokens"
      />
      {done && ADMIN_DONE[done] ? (
        <p class="demo-notice" role="status">
          {ADMIN_DONE[done]}
        </p>
      ) : null}
      {canWrite ? null : (
        <p class="demo-notice" role="note">
          Bạn đang xem với quyền giám sát: chỉ xem, không thay đổi được.
        </p>
      )}
      <nav class="toc" aria-label="Mục lục trang quản trị">
        <ol>
          <li>
            <a href="#don-vi">Đơn vị</a>
          </li>
          <li>
            <a href="#tai-khoan">Tài khoản</a>
          </li>
          <li>
            <a href="#ma-api">Mã API</a>
          </li>
        </ol>
      </nav>
      <Heading vi="Đơn vị" en="Agencies" id="don-vi" />
      <AgencyTable agencies={data.agencies} canWrite={canWrite} />
      {canWrite ? <AgencyForm csrf={csrf} agencies={data.agencies} state={state} /> : null}
      <Heading vi="Tài khoản" en="Accounts" id="tai-khoan" />
      <AccountTable accounts={data.accounts} csrf={csrf} canWrite={canWrite} selfId={selfId} />
      {canWrite ? <AccountForm csrf={csrf} agencies={data.agencies} state={state} /> : null}
      <Heading vi="Mã API" en="API tokens" id="ma-api" />
      <p>
        Mã API cho phép hệ thống của một đơn vị gửi thông tin qua API (<code>Authorization: Bearer mb_…</code>
        ) thay cho đơn vị đó và các đơn vị trực thuộc.
      </p>
      <TokenTable tokens={data.tokens} csrf={csrf} canWrite={canWrite} />
      {canWrite ? <TokenForm csrf={csrf} agencies={data.agencies} state={state} /> : null}
    </Layout>
  );
}

/** The one time a new API token is shown. */
export function TokenCreatedPage({
  ctx,
  token,
  info,
}: {
  ctx: PageContext;
  token: string;
  info: ApiTokenInfo;
}) {
  return (
    <Layout ctx={ctx} title="Mã API mới">
      <Heading level={1} vi="Mã API mới" en="New API token" />
      <p class="cancel-banner" role="alert">
        Hãy sao chép mã này ngay: đây là lần duy nhất mã được hiển thị. Minh bạch chỉ lưu mã băm, không thể
        xem lại.
      </p>
      <dl class="facts">
        <div class="fact">
          <dt>Mã API</dt>
          <dd>
            <code id="ma-api-moi">{token}</code>
          </dd>
        </div>
        <div class="fact">
          <dt>Đơn vị</dt>
          <dd class="code-text">{info.agencyCode}</dd>
        </div>
        <div class="fact">
          <dt>Mục đích</dt>
          <dd>{info.label}</dd>
        </div>
      </dl>
      <p>
        <a href="/quan-tri#ma-api">Về danh sách mã API</a>
      </p>
    </Layout>
  );
}
