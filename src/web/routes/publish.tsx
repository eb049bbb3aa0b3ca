/**
 * The publishing forms (Vietnamese, work without JavaScript, every POST with its `_csrf`):
 * - `GET /dang-tai` drafts and publications of the person's agency (monitors: all, read only);
 * - `GET /dang-tai/tbmt/moi`, `POST /dang-tai/tbmt` a new TBMT draft → its page;
 * - `GET /dang-tai/ban-nhap/:id` a draft with the law findings it would get; `POST` saves it;
 * - `POST /dang-tai/ban-nhap/:id/dang` publishes it (303 to the public page, or the form again with
 *   400 field errors / 409 law findings with citations);
 * - `GET|POST /dang-tai/tbmt/:no/sua-doi` an amendment draft, pre-filled with the current content;
 * - `GET|POST /dang-tai/tbmt/:no/{gia-han,huy,mo-thau,ket-qua}` extension, cancellation, bid-opening
 *   record and result drafts.
 * Access: publisher (writes) or monitor (reads); another agency's draft is a 403.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { listAgencies } from '../../accounts/agencies.ts';
import type { Database } from '../../db/connect.ts';
import { agencyAndSubUnitCodes } from '../../procurement/queries/agency-tree.ts';
import { createDraft, getDraft, listDrafts, updateDraft, type Draft } from '../../publishing/drafts.ts';
import { PublishError } from '../../publishing/errors.ts';
import { checkDraft, publishDraft } from '../../publishing/publish.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { forbiddenAgency } from '../auth/errors.ts';
import { principalOf, requireAccount, requireRole } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import type { FormErrors } from '../pages/account-forms.tsx';
import {
  CHANGE_FIELDS,
  ChangeFormPage,
  NoticeFormPage,
  PublishListPage,
  type ChangeView,
  type NoticeFormView,
} from '../pages/publish.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';
import {
  fieldErrorsToForm,
  formToPayload,
  NOTICE_FIELDS,
  payloadToForm,
  resultFormToPayload,
  resultPayloadToForm,
} from './publish-form.ts';
import { openingFormToPayload, openingPayloadToForm } from './publish-opening.ts';

/** Options of the publishing pages plugin. */
export interface PublishRouteOptions {
  database: Database;
}

const HTML = 'text/html; charset=utf-8';
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const NoParams = Type.Object({ no: Type.String({ pattern: '^IB[0-9]{10}$' }) });

/** Form body as strings only (repeated fields: the first). */
function formOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s.slice(0, 5000);
  }
  return out;
}

/** Registers the publishing pages. */
export const publishRoutes: FastifyPluginAsyncTypebox<PublishRouteOptions> = async (app, { database }) => {
  const db = database.db;
  const read = { onRequest: [requireAccount, requireRole('publisher', 'monitor')] };
  const write = { onRequest: [requireAccount, requireRole('publisher')], preValidation: verifyCsrf };

  const agencyOptions = async (request: FastifyRequest) => {
    const own = principalOf(request).agencyCode;
    if (!own) return [];
    const allowed = new Set(await agencyAndSubUnitCodes(db, own));
    return (await listAgencies(db)).filter((a) => allowed.has(a.code)).map((a) => [a.code, a.name] as const);
  };

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<NoticeFormView, 'ctx' | 'csrf' | 'agencies'>,
    status = 200,
  ) =>
    reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <NoticeFormPage
            {...view}
            ctx={await pageContext(database, request)}
            csrf={csrfToken(request, reply)}
            agencies={await agencyOptions(request)}
          />,
        ),
      );

  const renderChange = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<ChangeView, 'ctx' | 'csrf'>,
    status = 200,
  ) =>
    reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <ChangeFormPage
            {...view}
            ctx={await pageContext(database, request)}
            csrf={csrfToken(request, reply)}
          />,
        ),
      );

  /** The page of draft `d` (its kind's form), with errors or findings. */
  const renderDraft = (
    request: FastifyRequest,
    reply: FastifyReply,
    d: Draft,
    extra: { errors?: FormErrors; findings?: NoticeFormView['findings'] } = {},
    status = 200,
  ) =>
    d.kind === 'tbmt' || d.kind === 'amendment'
      ? renderForm(request, reply, draftView(d, extra), status)
      : renderChange(
          request,
          reply,
          {
            kind: d.kind,
            notifyNo: String(d.payload.notifyNo ?? ''),
            action: `/dang-tai/ban-nhap/${d.id}`,
            publishAction: `/dang-tai/ban-nhap/${d.id}/dang`,
            draft: d,
            values:
              d.kind === 'result'
                ? resultPayloadToForm(d.payload)
                : d.kind === 'opening'
                  ? openingPayloadToForm(d.payload)
                  : payloadToForm(d.payload),
            errors: extra.errors ?? {},
            findings: extra.findings ?? [],
          },
          status,
        );

  /** The payload a form sends for draft `d` (null: this kind has no form, its payload is kept). */
  const payloadFromForm = (d: Draft, form: Record<string, string>): Record<string, unknown> | null => {
    if (d.kind === 'tbmt') return formToPayload(form, NOTICE_FIELDS);
    if (d.kind === 'amendment') {
      return {
        ...formToPayload(form, NOTICE_FIELDS),
        notifyNo: d.payload.notifyNo,
        reason: form.reason?.trim() || undefined,
      };
    }
    if (d.kind === 'result') return { ...resultFormToPayload(form), notifyNo: d.payload.notifyNo };
    if (d.kind === 'opening') return { ...openingFormToPayload(form), notifyNo: d.payload.notifyNo };
    const fields = CHANGE_FIELDS[d.kind as keyof typeof CHANGE_FIELDS];
    if (!fields) return null;
    return {
      ...formToPayload(
        form,
        fields.map(([n]) => n),
      ),
      notifyNo: d.payload.notifyNo,
    };
  };

  const draftView = (
    d: Draft,
    extra: { errors?: FormErrors; findings?: NoticeFormView['findings'] } = {},
  ) => ({
    kind: d.kind === 'amendment' ? ('amendment' as const) : ('tbmt' as const),
    action: `/dang-tai/ban-nhap/${d.id}`,
    publishAction: `/dang-tai/ban-nhap/${d.id}/dang`,
    draft: d,
    values: { ...payloadToForm(d.payload), agencyCode: d.agencyCode },
    errors: extra.errors ?? {},
    findings: extra.findings ?? [],
  });

  /** Runs `fn`; a refused action shows the form again (403 forbidden-agency goes to the error page). */
  const orForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    d: Draft | null,
    fn: () => Promise<FastifyReply>,
  ) => {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof PublishError)) throw e;
      const detail = e.detail;
      if (detail.code === 'forbidden-agency') throw forbiddenAgency(detail.refusal);
      if (detail.code === 'not-found' || !d) throw notFound('draft', 'bản nháp');
      if (detail.code === 'invalid-payload') {
        return renderDraft(request, reply, d, { errors: fieldErrorsToForm(detail.errors) }, 400);
      }
      if (detail.code === 'law-blocked') {
        return renderDraft(request, reply, d, { findings: detail.findings }, 409);
      }
      return renderDraft(request, reply, d, { errors: { _form: e.messageVi } }, 409);
    }
  };

  const loadDraft = async (request: FastifyRequest, id: string): Promise<Draft> => {
    try {
      return await getDraft(db, principalOf(request), Number(id));
    } catch (e) {
      if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
        throw forbiddenAgency(e.detail.refusal);
      if (e instanceof PublishError) throw notFound('draft', 'bản nháp');
      throw e;
    }
  };

  app.get('/dang-tai', { ...read, schema: { hide: true } }, async (request, reply) => {
    const who = principalOf(request);
    const drafts = await listDrafts(db, who);
    return reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <PublishListPage
            ctx={await pageContext(database, request)}
            drafts={drafts}
            canWrite={who.role === 'publisher'}
          />,
        ),
      );
  });

  app.get(
    '/dang-tai/tbmt/moi',
    { onRequest: write.onRequest, schema: { hide: true } },
    async (request, reply) =>
      renderForm(request, reply, {
        kind: 'tbmt',
        action: '/dang-tai/tbmt',
        values: { agencyCode: principalOf(request).agencyCode ?? '', isDomestic: 'true', isInternet: 'true' },
        errors: {},
        findings: [],
      }),
  );

  app.post('/dang-tai/tbmt', { ...write, schema: { hide: true } }, async (request, reply) => {
    const form = formOf(request);
    const payload = formToPayload(form, NOTICE_FIELDS);
    const who = principalOf(request);
    try {
      const d = await db
        .transaction()
        .execute((tx) => createDraft(tx, who, { agencyCode: form.agencyCode ?? '', kind: 'tbmt', payload }));
      return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
    } catch (e) {
      if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
        throw forbiddenAgency(e.detail.refusal);
      throw e;
    }
  });

  app.get(
    '/dang-tai/ban-nhap/:id',
    { ...read, schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const d = await loadDraft(request, request.params.id);
      let findings: NoticeFormView['findings'] = [];
      if (d.status === 'draft' && principalOf(request).role === 'publisher') {
        // A preview of the law findings once the draft is complete (errors are shown on publishing).
        findings = await checkDraft(db, principalOf(request), d.id).then(
          (o) => o.findings,
          () => [],
        );
      }
      return renderDraft(request, reply, d, { findings });
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id',
    { ...write, schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const d = await loadDraft(request, request.params.id);
      const payload = payloadFromForm(d, formOf(request));
      if (!payload) return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
      return orForm(request, reply, d, async () => {
        await db.transaction().execute((tx) => updateDraft(tx, principalOf(request), d.id, payload));
        return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
      });
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id/dang',
    { ...write, schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const d = await loadDraft(request, request.params.id);
      return orForm(request, reply, d, async () => {
        // The form's current content is saved first, so what is published is what the person sees.
        const form = formOf(request);
        // (A form without fields, e.g. the publish button alone, keeps the saved payload.)
        const payload =
          d.status === 'draft' && Object.keys(form).some((k) => k !== '_csrf')
            ? payloadFromForm(d, form)
            : null;
        if (payload) {
          await db.transaction().execute((tx) => updateDraft(tx, principalOf(request), d.id, payload));
          Object.assign(d, { payload });
        }
        const p = await publishDraft(db, principalOf(request), d.id);
        return reply.redirect(`/tbmt/${p.notifyNo}`, 303);
      });
    },
  );

  /** The content of the latest published version of `no` on minhbach, with its agency. */
  const currentContent = async (no: string) =>
    db
      .selectFrom('publication_draft')
      .select(['agency_code', 'payload'])
      .where('notify_no', '=', no)
      .where('status', '=', 'published')
      .where('kind', 'in', ['tbmt', 'amendment'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();

  app.get(
    '/dang-tai/tbmt/:no/sua-doi',
    { onRequest: write.onRequest, schema: { hide: true, params: NoParams } },
    async (request, reply) => {
      const cur = await currentContent(request.params.no);
      if (!cur) throw notFound('notice published on minhbach', 'thông báo mời thầu đăng trên minhbach');
      const payload = (typeof cur.payload === 'string' ? JSON.parse(cur.payload) : cur.payload) as Record<
        string,
        unknown
      >;
      return renderForm(request, reply, {
        kind: 'amendment',
        action: `/dang-tai/tbmt/${request.params.no}/sua-doi`,
        values: {
          ...payloadToForm(payload),
          reason: '',
          notifyNo: request.params.no,
          agencyCode: cur.agency_code,
        },
        errors: {},
        findings: [],
      });
    },
  );

  app.post(
    '/dang-tai/tbmt/:no/sua-doi',
    { ...write, schema: { hide: true, params: NoParams } },
    async (request, reply) => {
      const cur = await currentContent(request.params.no);
      if (!cur) throw notFound('notice published on minhbach', 'thông báo mời thầu đăng trên minhbach');
      const form = formOf(request);
      const payload = { ...formToPayload(form, [...NOTICE_FIELDS, 'reason']), notifyNo: request.params.no };
      try {
        const d = await db.transaction().execute((tx) =>
          createDraft(tx, principalOf(request), {
            agencyCode: cur.agency_code,
            kind: 'amendment',
            payload,
          }),
        );
        return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
      } catch (e) {
        if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
          throw forbiddenAgency(e.detail.refusal);
        throw e;
      }
    },
  );

  for (const [kind, slug] of [
    ['extension', 'gia-han'],
    ['cancellation', 'huy'],
    ['opening', 'mo-thau'],
    ['result', 'ket-qua'],
  ] as const) {
    app.get(
      `/dang-tai/tbmt/:no/${slug}`,
      { onRequest: write.onRequest, schema: { hide: true, params: NoParams } },
      async (request, reply) => {
        if (!(await currentContent(request.params.no))) {
          throw notFound('notice published on minhbach', 'thông báo mời thầu đăng trên minhbach');
        }
        return renderChange(request, reply, {
          kind,
          notifyNo: request.params.no,
          action: `/dang-tai/tbmt/${request.params.no}/${slug}`,
          values: {},
          errors: {},
          findings: [],
        });
      },
    );
    app.post(
      `/dang-tai/tbmt/:no/${slug}`,
      { ...write, schema: { hide: true, params: NoParams } },
      async (request, reply) => {
        const cur = await currentContent(request.params.no);
        if (!cur) throw notFound('notice published on minhbach', 'thông báo mời thầu đăng trên minhbach');
        const form = formOf(request);
        const payload = {
          ...(kind === 'result'
            ? resultFormToPayload(form)
            : kind === 'opening'
              ? openingFormToPayload(form)
              : formToPayload(
                  form,
                  CHANGE_FIELDS[kind].map(([n]) => n),
                )),
          notifyNo: request.params.no,
        };
        try {
          const d = await db
            .transaction()
            .execute((tx) =>
              createDraft(tx, principalOf(request), { agencyCode: cur.agency_code, kind, payload }),
            );
          return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
        } catch (e) {
          if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
            throw forbiddenAgency(e.detail.refusal);
          throw e;
        }
      },
    );
  }
};
