/**
 * `GET /api/v1/search`: the search of the portal as JSON — every filter of the search page, facet
 * counts that follow the filters, matched words highlighted, canonical paging and format links. The
 * query string is read by `parseSearchQuery`, the same parser as the page, the feeds and alerts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { searchTbmt } from '../../procurement/queries/search.ts';
import { highlightHtml } from '../../procurement/queries/search-highlight.ts';
import {
  parseSearchQuery,
  searchQueryString,
  type SearchParams,
} from '../../procurement/queries/search-params.ts';
import { invalidParameter } from '../errors.ts';
import { ERROR_RESPONSES, toJson } from './schemas/common.ts';
import { SearchApiQuerySchema, SearchApiResponseSchema } from './search-schema.ts';

/** Options of the search API plugin. */
export interface SearchApiOptions {
  database: Database;
}

/** The raw query string of a request (after `?`), '' when none. */
export function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

/**
 * The search of a request, or a 400 naming the first bad parameter (`invalid-parameter`).
 * @throws HttpError 400 when the query string has an error.
 */
export function searchParamsOf(request: FastifyRequest): SearchParams {
  const { params, errors } = parseSearchQuery(rawQuery(request));
  const first = errors[0];
  if (first) throw invalidParameter(first.param, first.en, first.vi);
  return params;
}

const link = (
  path: string,
  params: SearchParams,
  overrides: Partial<Record<keyof SearchParams, unknown>>,
) => {
  const qs = searchQueryString(params, overrides);
  return qs ? `${path}?${qs}` : path;
};

/** Registers `GET /search` (mounted under `/api/v1`). */
export const searchApiRoutes: FastifyPluginAsyncTypebox<SearchApiOptions> = async (app, { database }) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['tbmt'],
        summary: 'Search notices with filters and facets',
        description:
          'The search of the portal page /tim-kiem with the same parameters (the page URL and this URL ' +
          'share their query string). Filters combine with AND; facets count each value of each facet with ' +
          'all the other filters applied. Every order ends with the notice id, so pages never overlap. ' +
          'Invalid parameters (a value of the wrong kind, a parameter given twice, priceMin > priceMax, ' +
          'a from-date after its to-date) are 400 invalid-parameter naming the parameter. Unknown ' +
          'parameters are ignored and left out of the links.',
        querystring: SearchApiQuerySchema,
        response: { 200: SearchApiResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const params = searchParamsOf(request);
      const result = await searchTbmt(database.db, params, { facets: true });
      const page = params.page;
      const self = (p: number) => link('/api/v1/search', params, { page: p });
      return {
        query: searchQueryString(params, { page: null }),
        ...toJson({ ...result, facets: undefined, words: undefined }),
        items: toJson(result.items).map((item, i) => {
          const row = result.items[i]!;
          return {
            ...item,
            highlight: {
              name: highlightHtml(row.name, result.words),
              investor: highlightHtml(row.investor?.name, result.words),
              procuringEntity: highlightHtml(row.procuringEntity?.name, result.words),
            },
          };
        }),
        facets: result.facets!,
        links: {
          self: self(page),
          first: self(1),
          last: self(result.pageCount),
          prev: page > 1 ? self(Math.min(page - 1, result.pageCount)) : null,
          next: page < result.pageCount ? self(page + 1) : null,
          html: link('/tim-kiem', params, { pageSize: null }),
          atom: link('/tim-kiem.atom', params, { page: null, pageSize: null, sort: null }),
          csv: link('/tim-kiem.csv', params, { page: null, pageSize: null }),
          xlsx: link('/tim-kiem.xlsx', params, { page: null, pageSize: null }),
        },
      };
    },
  );
};
