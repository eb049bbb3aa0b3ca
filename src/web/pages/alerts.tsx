/**
 * The pages of e-mail alerts (`/thong-bao-email…`): the subscribe form, "check your mail", and the
 * pages behind the signed links (confirm, manage, unsubscribe). Every action is a plain HTML form
 * (no JavaScript); errors are shown beside the field they concern and announced (`role="alert"`).
 */
import type { ComponentChildren } from 'preact';
import { FREQUENCIES } from '../../alerts/compose.ts';
import { ALERT_PATHS } from '../../alerts/context.ts';
import { MAX_EMAIL_LENGTH } from '../../alerts/email.ts';
import { Heading, Time } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The saved search a page is about. */
export interface SearchSummary {
  /** Canonical query string. */
  query: string;
  /** Vietnamese one-line description. */
  description: string;
}

/** Where mail goes, as the pages tell it. */
export interface MailMode {
  outbox: boolean;
}

function searchLink(s: SearchSummary): string {
  return s.query ? `/tim-kiem?${s.query}` : '/tim-kiem';
}

function OutboxNote({ mode }: { mode: MailMode }) {
  if (!mode.outbox) return null;
  return (
    <div class="demo-banner" role="note">
      <p>
        Máy chủ này chưa được cấu hình để gửi e-mail (SMTP): thư được lưu thành tệp .eml trong thư mục hộp thư
        đi (outbox) của máy chủ thay vì gửi đi. Người quản trị có thể mở các tệp đó.
      </p>
      <p class="gloss" lang="en">
        No SMTP server is configured: messages are written as .eml files into the server's outbox folder
        instead of being sent.
      </p>
    </div>
  );
}

/** Values and errors of the subscribe form. */
export interface SubscribeFormState {
  email: string;
  frequency: string;
  errors: { email?: string; frequency?: string; query?: string; form?: string };
}

/** The subscribe form for a saved search (GET, and again with errors after a bad POST). */
export function SubscribePage({
  ctx,
  search,
  form,
  mode,
}: {
  ctx: PageContext;
  search: SearchSummary | null;
  form: SubscribeFormState;
  mode: MailMode;
}) {
  const e = form.errors;
  return (
    <Layout ctx={ctx} title="Nhận thông báo qua e-mail">
      <Heading level={1} vi="Nhận thông báo qua e-mail" en="E-mail alerts for a search" />
      <OutboxNote mode={mode} />
      {e.form ? (
        <p class="empty" role="alert">
          {e.form}
        </p>
      ) : null}
      {search ? (
        <p class="lead">
          Tìm kiếm: <a href={searchLink(search)}>{search.description}</a>
        </p>
      ) : null}
      {e.query ? (
        <p class="empty" role="alert" id="query-error">
          {e.query} <a href="/tim-kiem">Quay lại trang tìm kiếm</a>
        </p>
      ) : null}
      {search ? (
        <form class="search-form" action={ALERT_PATHS.subscribe} method="post" novalidate>
          <input type="hidden" name="query" value={search.query} />
          <div class="field wide">
            <label for="email">Địa chỉ e-mail (e-mail address)</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              required
              maxLength={MAX_EMAIL_LENGTH}
              value={form.email}
              aria-invalid={e.email ? 'true' : undefined}
              aria-describedby={e.email ? 'email-error email-hint' : 'email-hint'}
            />
            {e.email ? (
              <p class="empty" role="alert" id="email-error">
                {e.email}
              </p>
            ) : null}
            <p class="hint" id="email-hint">
              Chúng tôi gửi một liên kết xác nhận đến địa chỉ này; chỉ sau khi bạn bấm xác nhận mới nhận thông
              báo.
            </p>
          </div>
          <fieldset class="field wide" aria-describedby={e.frequency ? 'frequency-error' : undefined}>
            <legend>Tần suất (how often)</legend>
            {FREQUENCIES.map((f) => (
              <div>
                <input
                  type="radio"
                  id={`frequency-${f.value}`}
                  name="frequency"
                  value={f.value}
                  checked={form.frequency === f.value}
                />{' '}
                <label for={`frequency-${f.value}`}>
                  {f.vi}{' '}
                  <span class="gloss" lang="en">
                    {f.en}
                  </span>
                </label>
              </div>
            ))}
            {e.frequency ? (
              <p class="empty" role="alert" id="frequency-error">
                {e.frequency}
              </p>
            ) : null}
          </fieldset>
          <div class="field actions">
            <button type="submit">Đăng ký nhận thông báo</button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}

/** A short page with a heading, a message and optional content. */
export function AlertMessagePage({
  ctx,
  title,
  en,
  children,
}: {
  ctx: PageContext;
  title: string;
  en: string;
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <Heading level={1} vi={title} en={en} />
      {children}
    </Layout>
  );
}

/** After a successful POST of the subscribe form. */
export function CheckMailPage({ ctx, email, mode }: { ctx: PageContext; email: string; mode: MailMode }) {
  return (
    <AlertMessagePage ctx={ctx} title="Hãy kiểm tra hộp thư" en="Check your mailbox">
      <OutboxNote mode={mode} />
      <p class="lead" role="status">
        Chúng tôi đã gửi e-mail xác nhận đến <strong>{email}</strong>. Hãy mở liên kết trong thư để bắt đầu
        nhận thông báo. Nếu không thấy thư, hãy xem cả thư mục thư rác.
      </p>
      <p class="gloss" lang="en">
        A confirmation e-mail has been sent; open its link to start receiving alerts.
      </p>
    </AlertMessagePage>
  );
}

/** The page of a confirmation link: a button that confirms (a GET never changes anything). */
export function ConfirmPage({
  ctx,
  token,
  search,
}: {
  ctx: PageContext;
  token: string;
  search: SearchSummary;
}) {
  return (
    <AlertMessagePage ctx={ctx} title="Xác nhận nhận thông báo" en="Confirm your alert">
      <p class="lead">
        Tìm kiếm: <a href={searchLink(search)}>{search.description}</a>
      </p>
      <form action={ALERT_PATHS.confirm} method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit">Xác nhận</button>
      </form>
    </AlertMessagePage>
  );
}

/** After confirming. */
export function ConfirmedPage({
  ctx,
  search,
  manageHref,
  already,
}: {
  ctx: PageContext;
  search: SearchSummary;
  manageHref: string;
  already: boolean;
}) {
  return (
    <AlertMessagePage ctx={ctx} title="Đã xác nhận" en="Confirmed">
      <p class="lead" role="status">
        {already ? 'Tìm kiếm này đã được xác nhận trước đó' : 'Cảm ơn bạn! Từ bây giờ bạn sẽ nhận thông báo'}{' '}
        khi có gói thầu mới phù hợp với: <a href={searchLink(search)}>{search.description}</a>.
      </p>
      <p>
        <a href={manageHref}>Quản lý các thông báo của bạn</a> (liên kết này cũng có trong mỗi e-mail).
      </p>
    </AlertMessagePage>
  );
}

/** A saved search on the manage page. */
export interface ManagedSubscription extends SearchSummary {
  id: number;
  frequency: string;
  status: string;
  createdAt: Date;
}

const STATUS_VI: Record<string, string> = {
  pending: 'Chờ xác nhận',
  active: 'Đang nhận',
  unsubscribed: 'Đã hủy',
};

/** The manage page of an address (signed link): its saved searches, each with an unsubscribe button. */
export function ManagePage({
  ctx,
  token,
  email,
  subscriptions,
  flash,
}: {
  ctx: PageContext;
  token: string;
  email: string;
  subscriptions: ManagedSubscription[];
  flash?: string;
}) {
  return (
    <AlertMessagePage ctx={ctx} title="Quản lý thông báo qua e-mail" en="Manage your e-mail alerts">
      <p class="lead">
        Địa chỉ: <strong>{email}</strong>
      </p>
      {flash ? (
        <p role="status" class="lead">
          {flash}
        </p>
      ) : null}
      <div class="table-scroll">
        <table>
          <caption>Các tìm kiếm đã lưu (saved searches)</caption>
          <thead>
            <tr>
              <th scope="col">Tìm kiếm</th>
              <th scope="col">Tần suất</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Ngày đăng ký</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((s) => (
              <tr>
                <th scope="row">
                  <a href={searchLink(s)}>{s.description}</a>
                </th>
                <td>{FREQUENCIES.find((f) => f.value === s.frequency)?.vi ?? s.frequency}</td>
                <td>{STATUS_VI[s.status] ?? s.status}</td>
                <td>
                  <Time at={s.createdAt} dateOnly />
                </td>
                <td>
                  {s.status === 'unsubscribed' ? null : (
                    <form action={`${ALERT_PATHS.manage}/huy`} method="post">
                      <input type="hidden" name="token" value={token} />
                      <input type="hidden" name="id" value={String(s.id)} />
                      <button type="submit" aria-label={`Hủy nhận thông báo: ${s.description}`}>
                        Hủy nhận
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AlertMessagePage>
  );
}

/** The page of an unsubscribe link: a button that unsubscribes (POST to the same signed URL). */
export function UnsubscribePage({
  ctx,
  token,
  search,
}: {
  ctx: PageContext;
  token: string;
  search: SearchSummary;
}) {
  return (
    <AlertMessagePage ctx={ctx} title="Hủy nhận thông báo" en="Unsubscribe">
      <p class="lead">
        Tìm kiếm: <a href={searchLink(search)}>{search.description}</a>
      </p>
      <form action={`${ALERT_PATHS.unsubscribe}?token=${encodeURIComponent(token)}`} method="post">
        <button type="submit">Hủy nhận thông báo cho tìm kiếm này</button>
      </form>
    </AlertMessagePage>
  );
}

/** After unsubscribing. */
export function UnsubscribedPage({
  ctx,
  search,
  already,
}: {
  ctx: PageContext;
  search: SearchSummary;
  already: boolean;
}) {
  return (
    <AlertMessagePage ctx={ctx} title="Đã hủy nhận thông báo" en="Unsubscribed">
      <p class="lead" role="status">
        {already ? 'Bạn đã hủy nhận thông báo này từ trước' : 'Bạn sẽ không nhận thêm e-mail nào'} cho tìm
        kiếm: <a href={searchLink(search)}>{search.description}</a>.
      </p>
      <p class="gloss" lang="en">
        You will receive no further e-mail for this search.
      </p>
    </AlertMessagePage>
  );
}
