/**
 * One error handler and one not-found handler for the whole app: `/api/*` answers JSON
 * `{error: {code, message}}` with a stable code; pages answer a Vietnamese error page. 5xx details are
 * logged, never sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/connect.ts';
import { hasDemoData } from '../procurement/queries/demo.ts';
import { notFound, toHttpError, type HttpError } from './errors.ts';
import { ErrorPage } from './pages/error.tsx';
import { renderPage } from './render.ts';

/** True for requests of the JSON API (and its documentation). */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

async function send(database: Database, request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  reply.code(error.statusCode);
  if (isApiRequest(request)) {
    return reply
      .type('application/json; charset=utf-8')
      .send({ error: { code: error.code, message: error.message } });
  }
  // The error page still says whether the data is demo data, unless the database itself failed.
  const demo = await hasDemoData(database.db).catch(() => false);
  const ctx = { demo, path: request.url.split('?')[0] ?? '/' };
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPage(<ErrorPage ctx={ctx} status={error.statusCode} message={error.messageVi} />));
}

/** Installs the error and not-found handlers on `app` (call before registering routes). */
export function installErrorHandlers(app: FastifyInstance, database: Database): void {
  app.setErrorHandler(async (err, request, reply) => {
    const error = toHttpError(err);
    if (error.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: error.code, message: error.message }, 'client error');
    return send(database, request, reply, error);
  });
  app.setNotFoundHandler(async (request, reply) => send(database, request, reply, notFound()));
}
