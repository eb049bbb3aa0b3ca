/**
 * The JSON API, version 1 (`/api/v1/…`), described by OpenAPI at `/api/docs`. Routes are thin: validate
 * (schema), call a read-side query, present (`toJson`: times as ISO-8601 UTC, money VND integers).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/connect.ts';
import { findOrgCodeByTaxCode, getOrgProfile } from '../../procurement/queries/org.ts';
import { isSearchSort, searchTbmt } from '../../procurement/queries/search.ts';
import { getTbmtStory } from '../../procurement/queries/story.ts';
import { notFound } from '../errors.ts';
import { knownQuery, requirePlainDigits } from '../strict-query.ts';
import { publicDocumentPath } from '../../publishing/documents/store.ts';
import { ERROR_RESPONSES, toJson } from './schemas/common.ts';
import { SearchQuerySchema, SearchResponseSchema } from './schemas/lists.ts';
import { OrgQuerySchema, OrgResponseSchema } from './schemas/org.ts';
import { TbmtStorySchema } from './schemas/story.ts';

/** Options of the API plugin. */
export interface ApiOptions {
  database: Database;
}

const NotifyNoParams = Type.Object({
  notifyNo: Type.String({
    pattern: '^[Ii][Bb][0-9]{10}(-[0-9]{2})?$',
    description: 'Notice number: IB + yy + 8 digits, optionally with a version suffix -NN (ignored)',
    examples: ['IB2600077452'],
  }),
});

const OrgParams = Type.Object({
  code: Type.String({ maxLength: 64, description: 'Organisation code (e.g. vn0100100100)' }),
});

/** The parameters of the search that paging links carry (besides `page`), in this order; nothing else. */
const SEARCH_LINK_PARAMS = ['q', 'field', 'method', 'state', 'sort', 'pageSize'] as const;

/** URL of the search for `query` at `page`: the known parameters kept, unknown ones dropped. */
function searchLink(query: Partial<Record<string, unknown>>, page: number): string {
  const params = new URLSearchParams();
  for (const k of SEARCH_LINK_PARAMS) {
    const v = query[k];
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  params.set('page', String(page));
  return `/api/v1/tbmt?${params.toString()}`;
}

/** Registers the `/api/v1` routes. */
export const apiRoutes: FastifyPluginAsyncTypebox<ApiOptions> = async (app, { database }) => {
  const db = database.db;
  requirePlainDigits(app);

  app.get(
    '/tbmt/:notifyNo',
    {
      schema: {
        tags: ['tbmt'],
        summary: 'The whole story of a notice (TBMT)',
        description:
          'Plan, every version with its changes, extensions, bid opening with bidders, results with bidders ' +
          'and goods items, contracts and cancellation. 404 when the notice is unknown.',
        params: NotifyNoParams,
        response: { 200: TbmtStorySchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const story = await getTbmtStory(db, request.params.notifyNo);
      if (!story) throw notFound(`notice ${request.params.notifyNo.toUpperCase()}`, 'gói thầu');
      const documents = story.documents?.map((d) => ({
        ...d,
        url: publicDocumentPath(story.notifyNo, d.id, d.fileName),
      }));
      return toJson({ ...story, documents });
    },
  );

  app.get(
    '/tbmt',
    {
      schema: {
        tags: ['tbmt'],
        summary: 'Search notices (TBMT)',
        description:
          'Diacritic- and case-insensitive search with filters and paging. Every word of q must match ' +
          '(as a prefix); by default notices with the words as a phrase come first, then by full-text ' +
          'rank, then newest (sort=relevance); without words, newest first. Other orders: sort=newest, ' +
          'closing, price. Every order ends with the notice id, so pages never overlap. Invalid ' +
          'parameters (e.g. page=abc, page=0x10, page=0, pageSize=101) are 400. Paging links carry only ' +
          'the known parameters.',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const q = request.query;
      const page = q.page ?? 1;
      const result = await searchTbmt(db, {
        q: q.q,
        field: q.field,
        method: q.method,
        state: q.state as Parameters<typeof searchTbmt>[1]['state'],
        sort: isSearchSort(q.sort) ? q.sort : null,
        page,
        pageSize: q.pageSize ?? 20,
      });
      return {
        ...toJson(result),
        links: {
          self: searchLink(q, page),
          first: searchLink(q, 1),
          last: searchLink(q, result.pageCount),
          prev: page > 1 ? searchLink(q, Math.min(page - 1, result.pageCount)) : null,
          next: page < result.pageCount ? searchLink(q, page + 1) : null,
        },
      };
    },
  );

  app.get(
    '/to-chuc/:code',
    {
      schema: {
        tags: ['to-chuc'],
        summary: 'An organisation: agency portal and contractor record',
        description:
          'Profile (codes, kind, parent, sub-units); as agency: totals by year (packages, package value, ' +
          'awarded value, savings rate), plans, open notices, results, every notice it invites bids for; as ' +
          'contractor: bids, wins, win rate, awarded value, notices won, agencies it wins from, bidders it ' +
          'meets most, every bid. Every list is paged; `role` + `page` page one list. A tax code ' +
          '(0317079577) redirects (301) to the organisation vn + tax code. 404 when the code is unknown.',
        params: OrgParams,
        querystring: OrgQuerySchema,
        response: { 200: OrgResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { role, page, pageSize } = request.query;
      const org = await getOrgProfile(db, request.params.code, { role, page, pageSize });
      if (!org) {
        const canonical = await findOrgCodeByTaxCode(db, request.params.code);
        if (canonical) {
          return reply.redirect(
            `/api/v1/to-chuc/${encodeURIComponent(canonical)}${knownQuery(request.url, ['role', 'page', 'pageSize'])}`,
            301,
          );
        }
        throw notFound(`organisation ${request.params.code.slice(0, 64)}`, 'tổ chức');
      }
      return toJson(org);
    },
  );
};
