/**
 * The administration area. Administrators and monitors read `GET /quan-tri`; only administrators
 * write: `POST /quan-tri/don-vi` (add or edit an agency), `POST /quan-tri/tai-khoan` (create an
 * account), `POST /quan-tri/tai-khoan/:id/trang-thai` (disable / enable), `POST /quan-tri/ma-api`
 * (create a token: shown once), `POST /quan-tri/ma-api/:id/thu-hoi` (revoke). Checklist of every
 * write: role (onRequest) → CSRF (preValidation) → schema → one transaction with its audit rows →
 * 303 back to the list, or the form again with its errors (400).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken } from '../../accounts/api-tokens.ts';
import { createAccount, listAccounts, setAccountDisabled } from '../../accounts/accounts.ts';
import { checkAgencyInput, getAgency, listAgencies, saveAgency } from '../../accounts/agencies.ts';
import { AccountError } from '../../accounts/errors.ts';
import type { Database } from '../../db/connect.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { principalOf, requireRole } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import type { ADMIN_DONE } from '../pages/admin.tsx';
import { AdminPage, TokenCreatedPage, type AdminForm } from '../pages/admin.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the administration plugin. */
export interface AdminRouteOptions {
  database: Database;
}

const HTML = 'text/html; charset=utf-8';
const text = (max = 300) => Type.Optional(Type.String({ maxLength: max }));

const AgencyBody = Type.Object({
  code: text(200),
  name: text(1000),
  kind: text(100),
  parent_code: text(200),
  valid_from: text(100),
  valid_to: text(100),
  successor_code: text(200),
  name_en: text(1000),
  _csrf: text(200),
});
const AccountBody = Type.Object({
  email: text(1000),
  display_name: text(1000),
  role: text(100),
  agency_code: text(200),
  password: text(2000),
  _csrf: text(200),
});
const TokenBody = Type.Object({ agency_code: text(200), label: text(1000), _csrf: text(200) });
const StatusBody = Type.Object({
  disabled: Type.Union([Type.Literal('true'), Type.Literal('false')]),
  _csrf: text(200),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
const ListQuery = Type.Object({
  xong: Type.Optional(Type.String({ maxLength: 50 })),
  sua: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Registers the administration routes. */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRouteOptions> = async (app, { database }) => {
  const db = database.db;
  const admin = requireRole('admin');
  app.addHook('preValidation', verifyCsrf);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: {
      done?: string;
      which?: AdminForm;
      values?: Record<string, string | undefined>;
      error?: AccountError;
    },
  ) => {
    const who = principalOf(request);
    const [ctx, agencies, accounts, tokens] = await Promise.all([
      pageContext(database, request),
      listAgencies(db),
      listAccounts(db),
      listApiTokens(db),
    ]);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra.values ?? {}))
      if (k !== 'password' && k !== '_csrf' && v) values[k] = v;
    const errors = extra.error ? { [extra.error.field ?? '_form']: extra.error.messageVi } : {};
    const state = extra.which ? { which: extra.which, values, errors } : null;
    return reply
      .code(status)
      .type(HTML)
      .send(
        renderPage(
          <AdminPage
            ctx={ctx}
            csrf={csrfToken(request, reply)}
            data={{ agencies, accounts, tokens }}
            canWrite={who.role === 'admin'}
            selfId={who.kind === 'account' ? who.id : 0}
            done={extra.done}
            state={state}
          />,
        ),
      );
  };

  /** Runs a write; an AccountError gives the form back with its message (400), else 303 to `done`. */
  const write = async (
    request: FastifyRequest,
    reply: FastifyReply,
    which: AdminForm | null,
    values: Record<string, string | undefined>,
    done: keyof typeof ADMIN_DONE,
    work: (actor: string) => Promise<void>,
  ) => {
    try {
      await work(principalOf(request).actor);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      if (err.code === 'not-found' && which === null) throw notFound('account or token', 'mục cần thay đổi');
      return render(request, reply, err.code === 'conflict' ? 409 : 400, {
        which: which ?? undefined,
        values,
        error: err,
      });
    }
    return reply.redirect(`/quan-tri?xong=${done}`, 303);
  };

  app.get(
    '/quan-tri',
    { schema: { hide: true, querystring: ListQuery }, onRequest: requireRole('admin', 'monitor') },
    async (request, reply) => {
      // `?sua=CODE` fills the agency form with that agency, to edit it.
      const editing = request.query.sua ? await getAgency(db, request.query.sua.toLowerCase()) : null;
      if (request.query.sua && !editing)
        throw notFound('agency', `đơn vị mã “${request.query.sua.slice(0, 64)}”`);
      const values = editing
        ? {
            code: editing.code,
            name: editing.name,
            kind: editing.kind,
            parent_code: editing.parentCode ?? undefined,
            valid_from: editing.validFrom ?? undefined,
            valid_to: editing.validTo ?? undefined,
            successor_code: editing.successorCode ?? undefined,
            name_en: editing.nameEn ?? undefined,
          }
        : undefined;
      return render(request, reply, 200, {
        done: request.query.xong,
        which: editing ? 'agency' : undefined,
        values,
      });
    },
  );

  app.post(
    '/quan-tri/don-vi',
    { schema: { hide: true, body: AgencyBody }, onRequest: admin },
    async (request, reply) => {
      const b = request.body;
      return write(request, reply, 'agency', b, 'don-vi', async (actor) => {
        const fields = checkAgencyInput({
          code: b.code,
          name: b.name,
          kind: b.kind,
          parentCode: b.parent_code,
          validFrom: b.valid_from,
          validTo: b.valid_to,
          successorCode: b.successor_code,
          nameEn: b.name_en,
        });
        await db.transaction().execute((tx) => saveAgency(tx, fields, actor));
      });
    },
  );

  app.post(
    '/quan-tri/tai-khoan',
    { schema: { hide: true, body: AccountBody }, onRequest: admin },
    async (request, reply) => {
      const b = request.body;
      return write(request, reply, 'account', b, 'tai-khoan', async (actor) => {
        await db.transaction().execute((tx) =>
          createAccount(
            tx,
            {
              email: b.email ?? '',
              displayName: b.display_name,
              role: b.role ?? '',
              agencyCode: b.agency_code,
              password: b.password ?? '',
            },
            actor,
          ),
        );
      });
    },
  );

  app.post(
    '/quan-tri/tai-khoan/:id/trang-thai',
    { schema: { hide: true, params: IdParams, body: StatusBody }, onRequest: admin },
    async (request, reply) => {
      const who = principalOf(request);
      if (who.kind === 'account' && who.id === request.params.id) {
        const error = new AccountError(
          'invalid-input',
          null,
          'you cannot disable yourself',
          'Bạn không thể tự khóa tài khoản của mình.',
        );
        return render(request, reply, 400, { which: 'account', error });
      }
      return write(request, reply, null, {}, 'trang-thai', (actor) =>
        db
          .transaction()
          .execute((tx) =>
            setAccountDisabled(tx, request.params.id, request.body.disabled === 'true', actor),
          ),
      );
    },
  );

  app.post(
    '/quan-tri/ma-api',
    { schema: { hide: true, body: TokenBody }, onRequest: admin },
    async (request, reply) => {
      const b = request.body;
      let created: Awaited<ReturnType<typeof createApiToken>>;
      try {
        const actor = principalOf(request).actor;
        created = await db
          .transaction()
          .execute((tx) => createApiToken(tx, b.agency_code ?? '', b.label ?? '', actor));
      } catch (err) {
        if (!(err instanceof AccountError)) throw err;
        return render(request, reply, 400, { which: 'token', values: b, error: err });
      }
      const ctx = await pageContext(database, request);
      return reply
        .type(HTML)
        .send(renderPage(<TokenCreatedPage ctx={ctx} token={created.token} info={created.info} />));
    },
  );

  app.post(
    '/quan-tri/ma-api/:id/thu-hoi',
    { schema: { hide: true, params: IdParams }, onRequest: admin },
    async (request, reply) =>
      write(request, reply, null, {}, 'thu-hoi', async (actor) => {
        await db.transaction().execute((tx) => revokeApiToken(tx, request.params.id, actor));
      }),
  );
};
