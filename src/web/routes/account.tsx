/**
 * Sign-in, sign-out and "my account" pages:
 * - `GET /dang-nhap` the form; `POST /dang-nhap` signs in (rate-limited per address, CSRF-checked,
 *   lock-out after repeated failures) and goes back to `tiep` (a local path) or `/tai-khoan`;
 * - `POST /dang-xuat` ends the session;
 * - `GET /tai-khoan` who I am; `POST /tai-khoan/mat-khau` changes the password;
 * - `GET /api/v1/toi` (JSON) who the caller is — an API client checks its token and its scope.
 * Every form carries the synchroniser token; a missing or wrong one is a 403 page.
 */
import rateLimit from '@fastify/rate-limit';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { changePassword } from '../../accounts/accounts.ts';
import { getAgency } from '../../accounts/agencies.ts';
import { accountActor } from '../../accounts/audit.ts';
import { AccountError } from '../../accounts/errors.ts';
import { endSession } from '../../accounts/sessions.ts';
import { signIn } from '../../accounts/sign-in.ts';
import type { Database } from '../../db/connect.ts';
import { agencyAndSubUnitCodes } from '../../procurement/queries/agency-tree.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { rateLimited } from '../auth/errors.ts';
import { accountOf, principalOf, requireAccount, requirePrincipal } from '../auth/guards.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/plugin.ts';
import { SESSION_COOKIE } from '../auth/settings.ts';
import { formatVnDateTime } from '../format.ts';
import { AccountPage, SignInPage } from '../pages/account.tsx';
import type { FormErrors } from '../pages/account-forms.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the account pages plugin. */
export interface AccountRouteOptions {
  database: Database;
}

const HTML = 'text/html; charset=utf-8';

/** Where to go after signing in: `next` when it is a path of this site, else `/tai-khoan`. */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 500) return '/tai-khoan';
  // A local absolute path only: not `//host`, not `/\host`, no scheme; printable ASCII without
  // spaces or backslashes (a browser sends the path percent-encoded). A raw non-ASCII or control
  // character cannot go into the Location header at all: Node refuses it (it was a 500).
  if (!/^\/(?![/\\])[!-[\]-~]*$/.test(next)) return '/tai-khoan';
  return next;
}

const SignInBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 2000 })),
  password: Type.Optional(Type.String({ maxLength: 2000 })),
  tiep: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

const WhoAmI = Type.Object({
  kind: Type.Union([Type.Literal('account'), Type.Literal('token')], {
    description: 'session account or API token',
  }),
  name: Type.String({ description: 'account name or token label' }),
  role: Type.String({ description: 'admin, publisher or monitor (an API token is a publisher)' }),
  agencyCode: Type.Union([Type.String(), Type.Null()], { description: 'agency of a publisher or token' }),
  agencyCodes: Type.Array(Type.String(), {
    description: 'agencies it may publish for: its agency and every sub-unit',
  }),
});

const PasswordBody = Type.Object({
  current_password: Type.Optional(Type.String({ maxLength: 2000 })),
  password: Type.Optional(Type.String({ maxLength: 2000 })),
  password_confirm: Type.Optional(Type.String({ maxLength: 2000 })),
  username: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

/** Registers the account routes. */
export const accountRoutes: FastifyPluginAsyncTypebox<AccountRouteOptions> = async (app, { database }) => {
  const db = database.db;
  if (!app.hasDecorator('rateLimit')) {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => rateLimited(context.ttl / 1000),
    });
  }
  app.addHook('preValidation', verifyCsrf);
  // Pages with a personal form token or account details are never cached (shared computers, proxies).
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  const renderSignIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form: { email?: string; next?: string; errors?: FormErrors },
  ) => {
    const ctx = await pageContext(database, request);
    const csrf = csrfToken(request, reply);
    return reply
      .code(status)
      .type(HTML)
      .send(
        renderPage(
          <SignInPage ctx={ctx} csrf={csrf} email={form.email} next={form.next} errors={form.errors} />,
        ),
      );
  };

  app.get(
    '/dang-nhap',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ tiep: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const next = request.query.tiep;
      if (request.auth?.account) return reply.redirect(safeNext(next), 303);
      return renderSignIn(request, reply, 200, { next: next && safeNext(next) === next ? next : '' });
    },
  );

  app.post(
    '/dang-nhap',
    {
      schema: { hide: true, body: SignInBody },
      config: { rateLimit: { max: app.authSettings.signInPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { email = '', password = '', tiep } = request.body;
      const next = safeNext(tiep);
      const form = { email: email.slice(0, 254), next: tiep && next === tiep ? tiep : '' };
      if (!email.trim() || !password) {
        const errors: FormErrors = {};
        if (!email.trim()) errors.email = 'Hãy nhập thư điện tử.';
        if (!password) errors.password = 'Hãy nhập mật khẩu.';
        return renderSignIn(request, reply, 400, { ...form, errors });
      }
      const result = await signIn(
        db,
        email,
        password,
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          previousToken: request.cookies[SESSION_COOKIE] ?? null,
        },
        app.authSettings.policy,
      );
      if (result.ok) {
        setSessionCookie(request, reply, result.session.token, result.session.expiresAt);
        return reply.redirect(next, 303);
      }
      if (result.reason === 'locked') {
        const who = result.scope === 'ip' ? 'từ địa chỉ mạng này' : 'cho tài khoản này';
        const message =
          `Đăng nhập ${who} tạm bị khóa do nhập sai nhiều lần, đến ${formatVnDateTime(result.until)} (giờ Việt Nam). ` +
          'Hãy thử lại sau, hoặc liên hệ quản trị viên.';
        return renderSignIn(request, reply, 429, { ...form, errors: { _form: message } });
      }
      return renderSignIn(request, reply, 401, {
        ...form,
        errors: { _form: 'Thư điện tử hoặc mật khẩu không đúng.' },
      });
    },
  );

  app.post('/dang-xuat', { schema: { hide: true } }, async (request, reply) => {
    const auth = request.auth;
    if (auth?.sessionId && auth.account) {
      const sessionId = auth.sessionId;
      const actor = accountActor(auth.account.id);
      await db.transaction().execute((tx) => endSession(tx, sessionId, 'sign-out', actor));
    }
    clearSessionCookie(request, reply);
    return reply.redirect('/', 303);
  });

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { errors?: FormErrors; done?: boolean },
  ) => {
    const account = accountOf(request);
    const [ctx, agency] = await Promise.all([
      pageContext(database, request),
      account.agencyCode ? getAgency(db, account.agencyCode) : null,
    ]);
    const csrf = csrfToken(request, reply);
    return reply
      .code(status)
      .type(HTML)
      .send(
        renderPage(
          <AccountPage
            ctx={ctx}
            csrf={csrf}
            account={account}
            agencyName={agency?.name ?? null}
            {...extra}
          />,
        ),
      );
  };

  app.get(
    '/tai-khoan',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ 'doi-mat-khau': Type.Optional(Type.Literal('xong')) }),
      },
      onRequest: requireAccount,
    },
    async (request, reply) =>
      renderAccount(request, reply, 200, { done: request.query['doi-mat-khau'] === 'xong' }),
  );

  app.post(
    '/tai-khoan/mat-khau',
    {
      schema: { hide: true, body: PasswordBody },
      onRequest: requireAccount,
      // Each try checks the current password: as limited as sign-in, or a stolen session could guess it.
      config: { rateLimit: { max: app.authSettings.signInPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const b = request.body;
      try {
        await db
          .transaction()
          .execute((tx) =>
            changePassword(
              tx,
              auth.account!.id,
              b.current_password ?? '',
              b.password ?? '',
              b.password_confirm ?? '',
              auth.sessionId,
            ),
          );
      } catch (err) {
        if (!(err instanceof AccountError)) throw err;
        return renderAccount(request, reply, 400, { errors: { [err.field ?? '_form']: err.messageVi } });
      }
      return reply.redirect('/tai-khoan?doi-mat-khau=xong', 303);
    },
  );

  app.get(
    '/api/v1/toi',
    {
      onRequest: requirePrincipal,
      schema: {
        tags: ['tai-khoan'],
        summary:
          'Who am I: the session account or API token (Authorization: Bearer mb_…) and the agencies it publishes for',
        response: { 200: WhoAmI },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const agencyCodes =
        p.role === 'publisher' && p.agencyCode ? await agencyAndSubUnitCodes(db, p.agencyCode) : [];
      return { kind: p.kind, name: p.name, role: p.role, agencyCode: p.agencyCode, agencyCodes };
    },
  );
};
