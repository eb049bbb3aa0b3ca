/** The lists of the administration area: agencies as a tree, accounts, API tokens (with their row actions). */
import type { ApiTokenInfo } from '../../accounts/api-tokens.ts';
import type { Account } from '../../accounts/accounts.ts';
import { roleLabel } from '../../accounts/accounts.ts';
import type { Agency } from '../../accounts/agencies.ts';
import { unitKindLabel } from '../../accounts/agency-kinds.ts';
import { Text, Time } from './components.tsx';
import { CsrfField } from './account-forms.tsx';

/** `YYYY-MM-DD` as `DD/MM/YYYY`; `—` when absent. */
function day(value: string | null) {
  if (!value) return <Text value={null} />;
  const [y, m, d] = value.split('-');
  return <time datetime={value}>{`${d}/${m}/${y}`}</time>;
}

/** Agencies in tree order, a sub-unit's name indented; `canWrite` adds a link that fills the edit form. */
export function AgencyTable({ agencies, canWrite = false }: { agencies: Agency[]; canWrite?: boolean }) {
  if (agencies.length === 0) return <p class="empty">Chưa có đơn vị nào.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>Đơn vị đăng tải (cơ quan, đơn vị trực thuộc) — {agencies.length} đơn vị</caption>
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Tên đơn vị</th>
            <th scope="col">Loại</th>
            <th scope="col">Trực thuộc</th>
            <th scope="col">Hiệu lực từ</th>
            <th scope="col">Đến hết ngày</th>
            <th scope="col">Đơn vị kế thừa</th>
            {canWrite ? <th scope="col">Thao tác</th> : null}
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr>
              <td class="code-text">{a.code}</td>
              <th scope="row" class="cell-name">
                {a.depth > 0 ? <span aria-hidden="true">{'— '.repeat(a.depth)}</span> : null}
                {a.name}
              </th>
              <td>{unitKindLabel(a.kind)}</td>
              <td class="code-text">
                <Text value={a.parentCode} />
              </td>
              <td>{day(a.validFrom)}</td>
              <td>{day(a.validTo)}</td>
              <td class="code-text">
                <Text value={a.successorCode} />
              </td>
              {canWrite ? (
                <td>
                  <a
                    href={`/quan-tri?sua=${encodeURIComponent(a.code)}#form-don-vi`}
                    aria-label={`Sửa đơn vị ${a.name}`}
                  >
                    Sửa
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Accounts; an administrator gets a disable/enable button per row. */
export function AccountTable({
  accounts,
  csrf,
  canWrite,
  selfId,
}: {
  accounts: Account[];
  csrf: string;
  canWrite: boolean;
  selfId: number;
}) {
  if (accounts.length === 0) return <p class="empty">Chưa có tài khoản nào.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>Tài khoản — {accounts.length}</caption>
        <thead>
          <tr>
            <th scope="col">Thư điện tử</th>
            <th scope="col">Họ tên</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Đăng nhập gần nhất</th>
            <th scope="col">Trạng thái</th>
            {canWrite ? <th scope="col">Thao tác</th> : null}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr>
              <th scope="row">{a.email}</th>
              <td>{a.displayName}</td>
              <td>{roleLabel(a.role)}</td>
              <td class="code-text">
                <Text value={a.agencyCode} />
              </td>
              <td>
                <Time at={a.lastSignInAt} />
              </td>
              <td>{a.disabled ? <span class="badge state-cancelled">Đã khóa</span> : 'Đang dùng'}</td>
              {canWrite ? (
                <td>
                  {a.id === selfId ? (
                    <span class="muted">(bạn)</span>
                  ) : (
                    <form method="post" action={`/quan-tri/tai-khoan/${a.id}/trang-thai`}>
                      <CsrfField token={csrf} />
                      <input type="hidden" name="disabled" value={a.disabled ? 'false' : 'true'} />
                      <button
                        type="submit"
                        aria-label={`${a.disabled ? 'Mở khóa' : 'Khóa'} tài khoản ${a.email}`}
                      >
                        {a.disabled ? 'Mở khóa' : 'Khóa'}
                      </button>
                    </form>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** API tokens (never the tokens themselves); an administrator gets a revoke button per live token. */
export function TokenTable({
  tokens,
  csrf,
  canWrite,
}: {
  tokens: ApiTokenInfo[];
  csrf: string;
  canWrite: boolean;
}) {
  if (tokens.length === 0) return <p class="empty">Chưa có mã API nào.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>Mã API — {tokens.length}</caption>
        <thead>
          <tr>
            <th scope="col">Số</th>
            <th scope="col">Đầu mã</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Mục đích</th>
            <th scope="col">Tạo lúc</th>
            <th scope="col">Dùng gần nhất</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>{t.id}</td>
              <td class="code-text">{t.prefix}…</td>
              <td class="code-text">{t.agencyCode}</td>
              <th scope="row">{t.label}</th>
              <td>
                <Time at={t.createdAt} />
              </td>
              <td>
                <Time at={t.lastUsedAt} />
              </td>
              <td>
                {t.revokedAt ? (
                  <span class="badge state-cancelled">
                    Đã thu hồi <Time at={t.revokedAt} />
                  </span>
                ) : canWrite ? (
                  <form method="post" action={`/quan-tri/ma-api/${t.id}/thu-hoi`}>
                    <CsrfField token={csrf} />
                    <button type="submit" aria-label={`Thu hồi mã API số ${t.id} (${t.label})`}>
                      Thu hồi
                    </button>
                  </form>
                ) : (
                  'Đang dùng'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
