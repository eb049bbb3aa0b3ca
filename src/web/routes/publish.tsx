/**
 * The publishing forms (Vietnamese, work without JavaScript, every POST with its `_csrf`):
 * - `GET /dang-tai` drafts and publications of the person's agency, and its published plans (KHLCNT)
 *   (monitors: all, read only);
 * - `GET /dang-tai/tbmt/moi`, `POST /dang-tai/tbmt` a new TBMT draft → its page;
 * - `GET /dang-tai/ban-nhap/:id` a draft with the law findings it would get; `POST` saves it
 *   (`?them=lots|locations` shows more empty rows after "Thêm dòng");
 * - `POST /dang-tai/ban-nhap/:id/dang` publishes it (303 to the public page, or the form again with
 *   400 field errors / 409 law findings with citations);
 * - `GET|POST /dang-tai/tbmt/:no/sua-doi` an amendment draft, pre-filled with the current content;
 * - the change forms (extension, cancellation, opening, result, contract): `publish-change.tsx`.
 * Access: publisher (writes) or monitor (reads); another agency's draft or notice is a 403.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/connect.ts';
import { listPublishedPlans } from '../../plans/queries.ts';
import { agencyAndSubUnitCodes } from '../../procurement/queries/agency-tree.ts';
import { listDrafts, updateDraft } from '../../publishing/drafts.ts';
import { checkDraft, publishDraft } from '../../publishing/publish.ts';
import { principalOf } from '../auth/guards.ts';
import { PublishListPage, type NoticeFormView } from '../pages/publish.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';
import { changeRoutes } from './publish-change.ts';
import { noticeFormToPayload, payloadToForm } from './publish-form.ts';
import { AddRowsQuery, draftLocation, formOf, HTML, IdParams, NoParams, publishKit } from './publish-kit.tsx';
import { ADD_ROWS } from './publish-notice-form.ts';

/** Options of the publishing pages plugin. */
export interface PublishRouteOptions {
  database: Database;
}

/** Registers the publishing pages. */
export const publishRoutes: FastifyPluginAsyncTypebox<PublishRouteOptions> = async (app, { database }) => {
  const kit = publishKit(database);
  const { db, read, write } = kit;

  app.get('/dang-tai', { ...read, schema: { hide: true } }, async (request, reply) => {
    const who = principalOf(request);
    const drafts = await listDrafts(db, who);
    const plans = await listPublishedPlans(
      db,
      who.role === 'monitor' ? null : who.agencyCode ? await agencyAndSubUnitCodes(db, who.agencyCode) : [],
    );
    return reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <PublishListPage
            ctx={await pageContext(database, request)}
            drafts={drafts}
            plans={plans}
            canWrite={who.role === 'publisher'}
          />,
        ),
      );
  });

  app.get(
    '/dang-tai/tbmt/moi',
    { onRequest: write.onRequest, schema: { hide: true, querystring: AddRowsQuery } },
    async (request, reply) =>
      kit.renderForm(request, reply, {
        kind: 'tbmt',
        action: '/dang-tai/tbmt',
        values: { agencyCode: principalOf(request).agencyCode ?? '', isDomestic: 'true', isInternet: 'true' },
        errors: {},
        findings: [],
        addRows: request.query.them ? { [request.query.them]: ADD_ROWS } : {},
      }),
  );

  app.post('/dang-tai/tbmt', { ...write, schema: { hide: true } }, async (request, reply) => {
    const form = formOf(request);
    return kit.createAndShow(request, reply, {
      agencyCode: form.agencyCode ?? '',
      kind: 'tbmt',
      payload: noticeFormToPayload(form, { plan: true }),
    });
  });

  app.get(
    '/dang-tai/ban-nhap/:id',
    { ...read, schema: { hide: true, params: IdParams, querystring: AddRowsQuery } },
    async (request, reply) => {
      const d = await kit.loadDraft(request, request.params.id);
      let findings: NoticeFormView['findings'] = [];
      if (d.status === 'draft' && principalOf(request).role === 'publisher') {
        // A preview of the law findings once the draft is complete (errors are shown on publishing).
        findings = await checkDraft(db, principalOf(request), d.id).then(
          (o) => o.findings,
          () => [],
        );
      }
      return kit.renderDraft(request, reply, d, { findings, addRows: request.query.them });
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id',
    { ...write, schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const d = await kit.loadDraft(request, request.params.id);
      const form = formOf(request);
      const payload = kit.payloadFromForm(d, form);
      if (!payload) return reply.redirect(`/dang-tai/ban-nhap/${d.id}`, 303);
      return kit.orForm(request, reply, d, async () => {
        await db.transaction().execute((tx) => updateDraft(tx, principalOf(request), d.id, payload));
        return reply.redirect(draftLocation(d.id, form), 303);
      });
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id/dang',
    { ...write, schema: { hide: true, params: IdParams } },
    async (request, reply) => {
      const d = await kit.loadDraft(request, request.params.id);
      return kit.orForm(request, reply, d, async () => {
        // The form's current content is saved first, so what is published is what the person sees.
        const form = formOf(request);
        // (A form without fields, e.g. the publish button alone, keeps the saved payload.)
        const payload =
          d.status === 'draft' && Object.keys(form).some((k) => k !== '_csrf')
            ? kit.payloadFromForm(d, form)
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

  app.get(
    '/dang-tai/tbmt/:no/sua-doi',
    { onRequest: write.onRequest, schema: { hide: true, params: NoParams } },
    async (request, reply) => {
      const cur = await kit.ownNotice(request, request.params.no);
      return kit.renderForm(request, reply, {
        kind: 'amendment',
        action: `/dang-tai/tbmt/${request.params.no}/sua-doi`,
        values: {
          ...payloadToForm(cur.payload),
          reason: '',
          notifyNo: request.params.no,
          agencyCode: cur.agencyCode,
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
      const cur = await kit.ownNotice(request, request.params.no);
      const payload = {
        ...noticeFormToPayload(formOf(request), { plan: false, extra: ['reason'] }),
        notifyNo: request.params.no,
      };
      return kit.createAndShow(request, reply, { agencyCode: cur.agencyCode, kind: 'amendment', payload });
    },
  );

  await changeRoutes(app, kit);
};
