/**
 * The search of the portal: the page `/tim-kiem`, the same search as an Atom feed (`/tim-kiem.atom`),
 * CSV (`/tim-kiem.csv`) and XLSX (`/tim-kiem.xlsx`), and the JSON API `/api/v1/search`. All read the
 * query string with `parseSearchQuery`: a bad parameter is a 400 (the page shows the form and says
 * which parameter is wrong), never a 500. Exports are streamed, at most `EXPORT_ROW_LIMIT` rows.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { atomFeed } from '../../exports/atom.ts';
import { vnLocalText } from '../../exports/columns.ts';
import { csvStream } from '../../exports/csv.ts';
import { xlsxStream } from '../../exports/xlsx.ts';
import { findNotifyNo, searchTbmt } from '../../procurement/queries/search.ts';
import { EXPORT_ROW_LIMIT, openSearchExport } from '../../procurement/queries/search-export.ts';
import {
  parseSearchQuery,
  searchQueryString,
  type SearchParams,
} from '../../procurement/queries/search-params.ts';
import { rawQuery, searchApiRoutes, searchParamsOf } from '../api/search.ts';
import { SearchPage } from '../pages/search.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the search plugin. */
export interface SearchRouteOptions {
  database: Database;
}

/** Entries of the Atom feed of a search. */
export const ATOM_ENTRIES = 50;

/** The absolute base URL of the site as the request reached it (`http://host:port`). */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** `minhbach-tim-kiem-20260324-1500` (Vietnam time) for export file names. */
function fileStem(now: Date): string {
  return `minhbach-tim-kiem-${vnLocalText(now).replace(/[-:]/g, '').replace(' ', '-')}`;
}

/** Streams the export of a search in `format`, stating the row limit in headers. */
async function sendExport(
  database: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
): Promise<FastifyReply> {
  const params = searchParamsOf(request);
  const exp = await openSearchExport(database.db, params);
  const base = baseUrl(request);
  reply
    .header('content-disposition', `attachment; filename="${fileStem(exp.now)}.${format}"`)
    .header('x-row-limit', String(EXPORT_ROW_LIMIT))
    .header('x-row-count', String(exp.count))
    .header('x-truncated', String(exp.truncated))
    .header('cache-control', 'no-store');
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csvStream(exp.rows, base));
  const query = searchQueryString(params, { page: null, pageSize: null });
  const stream = xlsxStream(exp.rows, base, (written) => [
    ['Nguồn', 'Minh bạch — cổng công khai thông tin đấu thầu'],
    ['Tìm kiếm', `${base}/tim-kiem${query ? `?${query}` : ''}`],
    ['Số dòng', written],
    ['Giới hạn số dòng của một tệp', EXPORT_ROW_LIMIT],
    [
      'Đủ kết quả?',
      exp.truncated
        ? `Không: tìm kiếm có hơn ${EXPORT_ROW_LIMIT} kết quả; tệp chỉ có ${EXPORT_ROW_LIMIT} dòng đầu theo thứ tự đã chọn. Hãy thu hẹp bộ lọc.`
        : 'Có: tệp có mọi kết quả của tìm kiếm.',
    ],
    ['Đơn vị tiền', 'đồng (VND)'],
    ['Múi giờ', 'Giờ Việt Nam (Asia/Ho_Chi_Minh, UTC+7)'],
  ]);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(stream);
}

/** Registers the search page, its feed and exports, and the search API under `/api/v1`. */
export const searchRoutes: FastifyPluginAsync<SearchRouteOptions> = async (app, { database }) => {
  const db = database.db;
  await app.register(searchApiRoutes, { database, prefix: '/api/v1' });

  app.get('/tim-kiem', { schema: { hide: true } }, async (request, reply) => {
    const { params, errors } = parseSearchQuery(rawQuery(request));
    const ctx = await pageContext(database, request);
    if (errors.length > 0) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(renderPage(<SearchPage ctx={ctx} params={params} result={null} errors={errors} />));
    }
    // A notice number goes straight to its page.
    const exact = params.q ? await findNotifyNo(db, params.q) : null;
    if (exact) return reply.redirect(`/tbmt/${encodeURIComponent(exact)}`, 303);
    const result = await searchTbmt(db, params, { facets: true });
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(<SearchPage ctx={ctx} params={params} result={result} />));
  });

  app.get('/tim-kiem.atom', { schema: { hide: true } }, async (request, reply) => {
    const parsed = searchParamsOf(request);
    const params: SearchParams = { ...parsed, sort: 'newest', page: 1, pageSize: ATOM_ENTRIES };
    const result = await searchTbmt(db, params);
    const base = baseUrl(request);
    const query = searchQueryString(params, { page: null, pageSize: null, sort: null });
    const suffix = query ? `?${query}` : '';
    const xml = atomFeed(
      result.items,
      {
        title: `Minh bạch — gói thầu mới${params.q ? `: “${params.q}”` : ''}`,
        selfUrl: `${base}/tim-kiem.atom${suffix}`,
        pageUrl: `${base}/tim-kiem${suffix}`,
        baseUrl: base,
      },
      new Date(),
    );
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  app.get('/tim-kiem.csv', { schema: { hide: true } }, (request, reply) =>
    sendExport(database, request, reply, 'csv'),
  );
  app.get('/tim-kiem.xlsx', { schema: { hide: true } }, (request, reply) =>
    sendExport(database, request, reply, 'xlsx'),
  );
};
