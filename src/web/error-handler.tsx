/**
 * One error handler and one not-found handler for the whole app: `/api/*` answers JSON
 * `{error: {code, message}}` with a stable code; pages answer a Vietnamese error page. 5xx details are
 * logged, never sent. Errors Fastify meets before routing (a path that cannot be decoded, a path
 * parameter longer than the router accepts) go through the same answer (`frameworkErrorHandler`).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/connect.ts';
import { hasDemoData } from '../procurement/queries/demo.ts';
import { notFound, toHttpError, type HttpError } from './errors.ts';
import { ErrorPage } from './pages/error.tsx';
import { renderPage } from './render.ts';
import { applySecurityHeaders } from './security.ts';

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
  const account = request.auth?.account ? { displayName: request.auth.account.displayName } : null;
  const ctx = { demo, path: request.url.split('?')[0] ?? '/', account };
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPage(<ErrorPage ctx={ctx} status={error.statusCode} message={error.messageVi} />));
}

function log(request: FastifyRequest, err: unknown, error: HttpError): void {
  if (error.statusCode >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: error.code, message: error.message }, 'client error');
}

/** Installs the error and not-found handlers on `app` (call before registering routes). */
export function installErrorHandlers(app: FastifyInstance, database: Database): void {
  app.setErrorHandler(async (err, request, reply) => {
    const error = toHttpError(err);
    log(request, err, error);
    return send(database, request, reply, error);
  });
  app.setNotFoundHandler(async (request, reply) => send(database, request, reply, notFound()));
}

/**
 * The `frameworkErrors` option of Fastify: answers the errors met before routing (FST_ERR_BAD_URL,
 * FST_ERR_MAX_PARAM_LENGTH, …) like every other error, with the security headers, never echoing the URL.
 */
export function frameworkErrorHandler(database: Database) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const error = toHttpError(err);
    log(request, err, error);
    // These replies are made outside any route, so no `onSend` hook runs: set the headers here.
    const type = isApiRequest(request) ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
    reply.type(type);
    applySecurityHeaders(request, reply);
    send(database, request, reply, error).catch((e: unknown) => {
      request.log.error({ err: e }, 'error answer failed');
      if (!reply.sent) reply.code(500).send();
    });
  };
}
