/**
 * The public pages. Routes are thin: validate the query (schema, hidden from OpenAPI), call read-side
 * queries, render. Bad query parameters (e.g. `page=abc`, `page=0x10`, `page=-1`, an unknown field
 * code) are a 400 page saying which parameter is wrong — never clamped silently, never a 500; a page
 * past the last says so and links to the last page.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { hasDemoData } from '../../procurement/queries/demo.ts';
import { closingSoon, latestNotices, latestResults } from '../../procurement/queries/home.ts';
import { getTbmtStory } from '../../procurement/queries/story.ts';
import { listPublicationChecks } from '../../publishing/publish.ts';
import { notFound } from '../errors.ts';
import { HomePage } from '../pages/home.tsx';
import type { PageContext } from '../pages/layout.tsx';
import { TbmtPage } from '../pages/tbmt/page.tsx';
import { renderPage } from '../render.ts';
import { requirePlainDigits } from '../strict-query.ts';

/** Options of the pages plugin. */
export interface PageOptions {
  database: Database;
}

/** Context of a page request: demo banner and current path. */
export async function pageContext(database: Database, request: FastifyRequest): Promise<PageContext> {
  const account = request.auth?.account ? { displayName: request.auth.account.displayName } : null;
  return { demo: await hasDemoData(database.db), path: request.url.split('?')[0] ?? '/', account };
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
      const checks = await listPublicationChecks(db, story.notifyNo);
      return reply.type(html).send(renderPage(<TbmtPage ctx={ctx} story={story} checks={checks} />));
    },
  );
};
