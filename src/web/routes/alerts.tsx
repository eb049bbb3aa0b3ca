/**
 * Routes of the e-mail alerts. Thin: read the form or the signed token, call `src/alerts`, render.
 *
 * - `GET  /thong-bao-email?<search query>` — the subscribe form for that search;
 * - `POST /thong-bao-email` — save it (pending) and send the confirmation e-mail; a bad field gives
 *   the form again with the error (400), too many requests the form with a message (429);
 * - `GET|POST /thong-bao-email/xac-nhan` — confirmation link: GET shows a button, POST confirms;
 * - `GET  /thong-bao-email/quan-ly`, `POST /thong-bao-email/quan-ly/huy` — manage page of an address;
 * - `GET|POST /thong-bao-email/huy?token=…` — unsubscribe: GET shows a button; POST unsubscribes, and
 *   is also the RFC 8058 one-click endpoint (`List-Unsubscribe=One-Click`, form-encoded or multipart).
 *
 * Tokens authenticate these POSTs (no session, no CSRF token): a forged, malformed or expired token
 * is a 400/410 page saying so, never a change.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isFrequency } from '../../alerts/compose.ts';
import { loadAlertsConfig } from '../../alerts/config.ts';
import { ALERT_PATHS, contextSecret, signedLink, type AlertContext } from '../../alerts/context.ts';
import { normalizeEmail } from '../../alerts/email.ts';
import { describeSavedSearch, parseSavedSearch } from '../../alerts/saved-search.ts';
import {
  confirmSubscription,
  listSubscriptions,
  requestSubscription,
  unsubscribe,
} from '../../alerts/subscriptions.ts';
import { verifyToken, type TokenPurpose } from '../../alerts/token.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/connect.ts';
import { createMailTransport } from '../../mail/transport.ts';
import { HttpError } from '../errors.ts';
import {
  CheckMailPage,
  ConfirmedPage,
  ConfirmPage,
  ManagePage,
  SubscribePage,
  UnsubscribedPage,
  UnsubscribePage,
  type SearchSummary,
  type SubscribeFormState,
} from '../pages/alerts.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the alert routes. */
export interface AlertRouteOptions {
  database: Database;
  /** Environment to read SMTP and alert settings from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

const HTML = 'text/html; charset=utf-8';

const TOKEN_MESSAGES: Record<'malformed' | 'forged' | 'expired', [number, string, string]> = {
  malformed: [
    400,
    'Liên kết không đúng hoặc bị cắt mất một phần. Hãy sao chép đầy đủ liên kết trong e-mail.',
    'malformed link',
  ],
  forged: [
    400,
    'Liên kết không hợp lệ: chữ ký không khớp (liên kết đã bị sửa hoặc không phải do cổng này tạo ra).',
    'invalid signature',
  ],
  expired: [
    410,
    'Liên kết đã hết hạn. Hãy đăng ký lại từ trang tìm kiếm, hoặc dùng liên kết trong e-mail thông báo mới nhất.',
    'expired link',
  ],
};

/** Registers the alert routes. */
export const alertRoutes: FastifyPluginAsync<AlertRouteOptions> = async (
  app,
  { database, env = process.env },
) => {
  const config = loadAlertsConfig(env);
  const transport = createMailTransport(env, loadConfig(env).dataDir);
  app.addHook('onClose', async () => transport.close());
  const ctx: AlertContext = { db: database.db, transport, config };
  const mode = { outbox: transport.kind === 'outbox' };

  // RFC 8058 allows the one-click POST as multipart/form-data; its token is in the URL, so the body is
  // only read as text (bounded).
  if (!app.hasContentTypeParser('multipart/form-data')) {
    app.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 8192 },
      (_req, body, done) => done(null, { raw: String(body) }),
    );
  }

  const page = async (
    request: FastifyRequest,
    node: (c: Awaited<ReturnType<typeof pageContext>>) => preact.VNode,
  ) => renderPage(node(await pageContext(database, request)));

  /** Verifies the token or throws the page that says why not. */
  const tokenId = async (purpose: TokenPurpose, token: unknown): Promise<number> => {
    const check = verifyToken(await contextSecret(ctx), purpose, token, new Date());
    if (check.ok) return check.id;
    const [status, vi, en] = TOKEN_MESSAGES[check.reason];
    throw new HttpError(status, 'invalid-parameter', `Invalid or expired token: ${en}.`, vi);
  };
  const summary = (query: string): SearchSummary => {
    const parsed = parseSavedSearch(query);
    return { query, description: parsed.ok ? describeSavedSearch(parsed.search.params) : query };
  };
  const manageHref = async (subscriberId: number) =>
    signedLink(
      config,
      await contextSecret(ctx),
      ALERT_PATHS.manage,
      'manage',
      subscriberId,
      new Date(),
    ).slice(config.publicUrl.length);

  app.get(ALERT_PATHS.subscribe, { schema: { hide: true } }, async (request, reply) => {
    const at = request.url.indexOf('?');
    const parsed = parseSavedSearch(at < 0 ? '' : request.url.slice(at + 1));
    const form: SubscribeFormState = { email: '', frequency: 'immediate', errors: {} };
    if (!parsed.ok) {
      form.errors.query = parsed.error.vi;
      return reply
        .code(400)
        .type(HTML)
        .send(await page(request, (c) => <SubscribePage ctx={c} search={null} form={form} mode={mode} />));
    }
    const search = summary(parsed.search.query);
    return reply
      .type(HTML)
      .send(await page(request, (c) => <SubscribePage ctx={c} search={search} form={form} mode={mode} />));
  });

  app.post(ALERT_PATHS.subscribe, { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >;
    const rawEmail = typeof body.email === 'string' ? body.email.slice(0, 300) : '';
    const rawQuery = typeof body.query === 'string' ? body.query.slice(0, 2000) : '';
    const frequency = typeof body.frequency === 'string' ? body.frequency : '';
    const form: SubscribeFormState = { email: rawEmail.trim(), frequency, errors: {} };
    const parsed = parseSavedSearch(rawQuery);
    const email = normalizeEmail(rawEmail);
    if (!email) {
      form.errors.email = rawEmail.trim()
        ? 'Địa chỉ e-mail không hợp lệ. Hãy nhập dạng ten@vi-du.vn (invalid e-mail address).'
        : 'Hãy nhập địa chỉ e-mail (e-mail address required).';
    }
    if (!isFrequency(frequency))
      form.errors.frequency = 'Hãy chọn tần suất nhận thông báo (choose how often).';
    if (!parsed.ok) form.errors.query = parsed.error.vi;
    const search = parsed.ok ? summary(parsed.search.query) : null;
    const again = async (status: number) =>
      reply
        .code(status)
        .type(HTML)
        .send(await page(request, (c) => <SubscribePage ctx={c} search={search} form={form} mode={mode} />));
    if (!email || !isFrequency(frequency) || !parsed.ok) return again(400);

    const result = await requestSubscription(ctx, {
      email,
      query: parsed.search.query,
      frequency,
      ip: request.ip,
      now: new Date(),
    });
    if (result.status === 'rate-limited') {
      form.errors.form =
        result.scope === 'too-many'
          ? 'Địa chỉ này đã có quá nhiều tìm kiếm được lưu (tối đa 50). Hãy hủy bớt trong trang quản lý.'
          : 'Có quá nhiều yêu cầu đăng ký trong thời gian ngắn. Vui lòng thử lại sau một giờ (too many requests).';
      return again(429);
    }
    if (result.status === 'send-failed') {
      form.errors.form =
        'Không gửi được e-mail xác nhận lúc này (máy chủ thư không trả lời). Vui lòng thử lại sau (could not send the e-mail).';
      return again(503);
    }
    return reply
      .type(HTML)
      .send(await page(request, (c) => <CheckMailPage ctx={c} email={email} mode={mode} />));
  });

  app.get(ALERT_PATHS.confirm, { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    const id = await tokenId('confirm', token);
    const sub = await ctx.db
      .selectFrom('alert_subscription')
      .select('query')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!sub) throw new HttpError(404, 'not-found', 'No such subscription.', 'Không tìm thấy đăng ký này.');
    return reply
      .type(HTML)
      .send(
        await page(request, (c) => <ConfirmPage ctx={c} token={String(token)} search={summary(sub.query)} />),
      );
  });

  app.post(ALERT_PATHS.confirm, { schema: { hide: true } }, async (request, reply) => {
    const id = await tokenId('confirm', bodyOrQuery(request, 'token'));
    const result = await confirmSubscription(ctx, id);
    if (result.status === 'not-found' || result.status === 'unsubscribed') {
      if (result.status === 'not-found') {
        throw new HttpError(404, 'not-found', 'No such subscription.', 'Không tìm thấy đăng ký này.');
      }
      throw new HttpError(
        409,
        'bad-request',
        'This subscription was cancelled; subscribe again from the search page.',
        'Đăng ký này đã bị hủy. Hãy đăng ký lại từ trang tìm kiếm.',
      );
    }
    const href = await manageHref(result.subscriberId);
    return reply
      .type(HTML)
      .send(
        await page(request, (c) => (
          <ConfirmedPage
            ctx={c}
            search={summary(result.query)}
            manageHref={href}
            already={result.status === 'already-active'}
          />
        )),
      );
  });

  const renderManage = async (
    request: FastifyRequest,
    token: string,
    subscriberId: number,
    flash?: string,
  ) => {
    const list = await listSubscriptions(ctx, subscriberId);
    if (!list) throw new HttpError(404, 'not-found', 'No such subscriber.', 'Không tìm thấy địa chỉ này.');
    return page(request, (c) => (
      <ManagePage ctx={c} token={token} email={list.email} subscriptions={list.subscriptions} flash={flash} />
    ));
  };

  app.get(ALERT_PATHS.manage, { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    const subscriberId = await tokenId('manage', token);
    return reply.type(HTML).send(await renderManage(request, String(token), subscriberId));
  });

  app.post(`${ALERT_PATHS.manage}/huy`, { schema: { hide: true } }, async (request, reply) => {
    const token = bodyOrQuery(request, 'token');
    const subscriberId = await tokenId('manage', token);
    const rawId = bodyOrQuery(request, 'id');
    const id = typeof rawId === 'string' && /^[1-9][0-9]{0,15}$/.test(rawId) ? Number(rawId) : null;
    const result = id === null ? null : await unsubscribe(ctx, id, 'manage', subscriberId);
    if (!result || result.status === 'not-found') {
      throw new HttpError(
        404,
        'not-found',
        'No such subscription for this address.',
        'Không tìm thấy tìm kiếm này trong danh sách của bạn.',
      );
    }
    const flash = `Đã hủy nhận thông báo cho: ${summary(result.query).description}.`;
    return reply.type(HTML).send(await renderManage(request, String(token), subscriberId, flash));
  });

  app.get(ALERT_PATHS.unsubscribe, { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    const id = await tokenId('unsubscribe', token);
    const sub = await ctx.db
      .selectFrom('alert_subscription')
      .select('query')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!sub) throw new HttpError(404, 'not-found', 'No such subscription.', 'Không tìm thấy đăng ký này.');
    return reply
      .type(HTML)
      .send(
        await page(request, (c) => (
          <UnsubscribePage ctx={c} token={String(token)} search={summary(sub.query)} />
        )),
      );
  });

  app.post(ALERT_PATHS.unsubscribe, { schema: { hide: true } }, async (request, reply) => {
    const id = await tokenId('unsubscribe', bodyOrQuery(request, 'token'));
    const body = request.body as Record<string, unknown> | undefined;
    const oneClick =
      body?.['List-Unsubscribe'] === 'One-Click' ||
      /name="?List-Unsubscribe"?\r?\n\r?\n\s*One-Click/.test(String(body?.raw ?? ''));
    const result = await unsubscribe(ctx, id, oneClick ? 'one-click' : 'link');
    if (result.status === 'not-found')
      throw new HttpError(404, 'not-found', 'No such subscription.', 'Không tìm thấy đăng ký này.');
    return reply
      .type(HTML)
      .send(
        await page(request, (c) => (
          <UnsubscribedPage ctx={c} search={summary(result.query)} already={result.status === 'already'} />
        )),
      );
  });
};

/** A form field from the (form-encoded) body, else from the query string. */
function bodyOrQuery(request: FastifyRequest, name: string): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && body[name] !== undefined) return body[name];
  return (request.query as Record<string, unknown>)[name];
}
