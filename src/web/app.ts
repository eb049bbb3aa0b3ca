/**
 * `buildApp`: the whole web app — public pages, the JSON API with its OpenAPI description, static CSS,
 * one error handler — as one function, so the server, the CLI and the tests run exactly the same app.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { TrustProxy } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { apiRoutes } from './api/routes.ts';
import { ledgerApiRoutes } from './api/ledger.ts';
import { alertRoutes } from './routes/alerts.tsx';
import { authPlugin } from './auth/plugin.ts';
import { ocdsApiRoutes } from './api/ocds.ts';
import { publishApiRoutes } from './api/publish.ts';
import { publishRoutes } from './routes/publish.tsx';
import { publishDocumentsRoutes } from './routes/publish-documents.tsx';
import { clarificationRoutes } from './routes/publish-clarification.tsx';
import { planApiRoutes } from './api/plan.ts';
import { planRoutes } from './routes/plan.tsx';
import { frameworkErrorHandler, installErrorHandlers } from './error-handler.tsx';
import { orgPageRoutes } from './routes/org.tsx';
import { accountRoutes } from './routes/account.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { pageRoutes } from './routes/pages.tsx';
import { searchRoutes } from './routes/search.tsx';
import { installSecurityHeaders } from './security.ts';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** What the app needs. */
export interface AppOptions {
  /** The open, migrated database. The app does not close it. */
  database: Database;
  /** Fastify (pino) logger options; `false` (default) for no logging. */
  logger?: boolean | object;
  /** Fastify's `trustProxy` (`Config.trustProxy`, MINHBACH_TRUST_PROXY); default false. */
  trustProxy?: TrustProxy;
  /** Called for every route as it is registered (Fastify `onRoute`); tests use it to list every route. */
  onRoute?: (route: RouteOptions) => void;
}

/** Fastify's `trustProxy`: a hop count N as the function Fastify makes of it (trust the first N hops). */
function trustProxyOption(t: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}

/**
 * Builds the app (not listening): pages `/`, `/tim-kiem`, `/tbmt/{notifyNo}`, `/to-chuc/{code}`;
 * API `/api/v1/…`; OpenAPI UI at `/api/docs`, JSON at `/api/docs/json`; CSS under `/static/`.
 * Call `listen()` to serve or `inject()` to test; `close()` does not close the database.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Paths that cannot be decoded or are too long get the app's own error answer, not Fastify's JSON.
    frameworkErrors: frameworkErrorHandler(opts.database),
    // Keep query strings and bodies small: the portal needs nothing larger.
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 200 },
    trustProxy: trustProxyOption(opts.trustProxy ?? false),
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);

  installErrorHandlers(app, opts.database);
  installSecurityHeaders(app);

  await app.register(formbody);
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'minhbach — API dữ liệu đấu thầu (procurement open data API)',
        version: '1.0.0',
        description:
          'Public, read-only data of the minhbach procurement disclosure portal. Money is in VND as ' +
          'integers (fields ending in Vnd); times are ISO-8601 instants in UTC (the legal calendar is ' +
          'Asia/Ho_Chi_Minh, UTC+7). Errors are `{error: {code, message}}` with a stable code.',
      },
      tags: [
        { name: 'tbmt', description: 'Invitations to bid (thông báo mời thầu, TBMT) and their whole story' },
        { name: 'to-chuc', description: 'Organisations: investors, procuring entities, contractors' },
        {
          name: 'ledger',
          description:
            'Tamper-evident publication ledger (sổ cái công bố): a public hash chain of every publication',
        },
        {
          name: 'ocds',
          description: 'Open Contracting Data Standard 1.1.5: releases, records, change feed, bulk download',
        },
        {
          name: 'publish',
          description:
            'Publishing by agencies (đăng tải): drafts, notices and their changes, plans — API token or session + CSRF',
        },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authPlugin, { database: opts.database });
  await app.register(pageRoutes, { database: opts.database });
  await app.register(alertRoutes, { database: opts.database });
  await app.register(accountRoutes, { database: opts.database });
  await app.register(adminRoutes, { database: opts.database });
  await app.register(searchRoutes, { database: opts.database });
  await app.register(orgPageRoutes, { database: opts.database });
  await app.register(planRoutes, { database: opts.database });
  await app.register(apiRoutes, { database: opts.database, prefix: '/api/v1' });
  await app.register(planApiRoutes, { database: opts.database, prefix: '/api/v1' });
  await app.register(ledgerApiRoutes, { database: opts.database, prefix: '/api/ledger' });
  await app.register(ocdsApiRoutes, { database: opts.database, prefix: '/api/ocds' });
  await app.register(publishApiRoutes, { database: opts.database, prefix: '/api/v1/publish' });
  await app.register(publishRoutes, { database: opts.database });
  await app.register(publishDocumentsRoutes, { database: opts.database });
  await app.register(clarificationRoutes, { database: opts.database });
  return app;
}
