/**
 * The public pages. Routes are thin: validate the query (schema, hidden from OpenAPI), call read-side
 * queries, render. Bad query parameters (e.g. `page=abc`, `page=0x10`, `page=-1`, an unknown field
 * code) are a 400 page saying which parameter is wrong — never clamped silently, never a 500; a page
 * past the last says so and links to the last page.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { FIELDS, METHODS, NOTICE_STATES, type NoticeState } from '../../procurement/codes.ts';
import { hasDemoData } from '../../procurement/queries/demo.ts';
import { closingSoon, latestNotices, latestResults } from '../../procurement/queries/home.ts';
import { findOrgCodeByTaxCode, getOrgProfile, ORG_ROLES } from '../../procurement/queries/org.ts';
import { findNotifyNo, isSearchSort, SEARCH_SORTS, searchTbmt } from '../../procurement/queries/search.ts';
import { getTbmtStory } from '../../procurement/queries/story.ts';
import { codeEnum, PageNumber } from '../api/schemas/common.ts';
import { notFound } from '../errors.ts';
import { HomePage } from '../pages/home.tsx';
import type { PageContext } from '../pages/layout.tsx';
import { OrgPage } from '../pages/org.tsx';
import { SearchPage } from '../pages/search.tsx';
import { TbmtPage } from '../pages/tbmt/page.tsx';
import { renderPage } from '../render.ts';
import { knownQuery, requirePlainDigits } from '../strict-query.ts';

/** Options of the pages plugin. */
export interface PageOptions {
  database: Database;
}

/** Rows per page of the search page. */
export const SEARCH_PAGE_SIZE = 20;

const SearchPageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  field: Type.Optional(codeEnum(FIELDS, 'Lĩnh vực', true)),
  method: Type.Optional(codeEnum(METHODS, 'Hình thức', true)),
  state: Type.Optional(codeEnum(NOTICE_STATES, 'Trạng thái', true)),
  sort: Type.Optional(codeEnum(SEARCH_SORTS, 'Sắp xếp', true)),
  page: Type.Optional(PageNumber),
});

const OrgPageQuery = Type.Object({
  role: Type.Optional(Type.Unsafe<(typeof ORG_ROLES)[number]>({ type: 'string', enum: [...ORG_ROLES] })),
  page: Type.Optional(PageNumber),
});

/** Context of a page request: demo banner and current path. */
export async function pageContext(database: Database, request: FastifyRequest): Promise<PageContext> {
  return { demo: await hasDemoData(database.db), path: request.url.split('?')[0] ?? '/' };
}

/** Registers the page routes. */
export const pageRoutes: FastifyPluginAsyncTypebox<PageOptions> = async (app, { database }) => {
  const db = database.db;
  const html = 'text/html; charset=utf-8';
  requirePlainDigits(app);

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const now = new Date();
    const [ctx, latest, soon, results] = await Promise.all([
      pageContext(database, request),
      latestNotices(db, 10, now),
      closingSoon(db, now, 10),
      latestResults(db, 10, now),
    ]);
    return reply
      .type(html)
      .send(renderPage(<HomePage ctx={ctx} data={{ latest, closingSoon: soon, results }} />));
  });

  app.get('/tim-kiem', { schema: { hide: true, querystring: SearchPageQuery } }, async (request, reply) => {
    const q = request.query;
    const form = {
      q: q.q?.trim() ?? '',
      field: q.field ?? '',
      method: q.method ?? '',
      state: q.state ?? '',
      sort: q.sort ?? '',
      page: q.page ?? 1,
    };
    // A notice number goes straight to its page.
    const exact = form.q ? await findNotifyNo(db, form.q) : null;
    if (exact) return reply.redirect(`/tbmt/${encodeURIComponent(exact)}`, 303);
    const [ctx, result] = await Promise.all([
      pageContext(database, request),
      searchTbmt(db, {
        q: form.q,
        field: form.field || null,
        method: form.method || null,
        state: (form.state || null) as NoticeState | null,
        sort: isSearchSort(form.sort) ? form.sort : null,
        page: form.page,
        pageSize: SEARCH_PAGE_SIZE,
      }),
    ]);
    return reply.type(html).send(renderPage(<SearchPage ctx={ctx} form={form} result={result} />));
  });

  app.get(
    '/tbmt/:notifyNo',
    { schema: { hide: true, params: Type.Object({ notifyNo: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const [ctx, story] = await Promise.all([
        pageContext(database, request),
        getTbmtStory(db, request.params.notifyNo),
      ]);
      if (!story) {
        throw notFound('notice', `gói thầu có số thông báo “${request.params.notifyNo.slice(0, 40)}”`);
      }
      return reply.type(html).send(renderPage(<TbmtPage ctx={ctx} story={story} />));
    },
  );

  app.get(
    '/to-chuc/:code',
    {
      schema: {
        hide: true,
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        querystring: OrgPageQuery,
      },
    },
    async (request, reply) => {
      const { role, page } = request.query;
      const [ctx, org] = await Promise.all([
        pageContext(database, request),
        getOrgProfile(db, request.params.code, { role, page }),
      ]);
      if (!org) {
        // A tax code (mã số thuế) is the national code without `vn`: go to that organisation.
        const canonical = await findOrgCodeByTaxCode(db, request.params.code);
        if (canonical) {
          return reply.redirect(
            `/to-chuc/${encodeURIComponent(canonical)}${knownQuery(request.url, ['role', 'page'])}`,
            301,
          );
        }
        throw notFound('organisation', `tổ chức có mã “${request.params.code.slice(0, 40)}”`);
      }
      return reply.type(html).send(renderPage(<OrgPage ctx={ctx} org={org} />));
    },
  );
};
