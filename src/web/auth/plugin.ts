/**
 * The auth plugin: parses cookies (@fastify/cookie), and on every request finds who is calling —
 * an `Authorization: Bearer mb_…` API token, else the session cookie — into `request.auth`
 * (null for the public). A Bearer header with a bad token is a 401 at once; a stale session cookie
 * is simply ignored (the visitor is anonymous). Registered once at the root of the app
 * (`app.register(authPlugin, { database })` in src/web/app.ts), before the routes.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../accounts/access.ts';
import type { Account } from '../../accounts/accounts.ts';
import { authenticateApiToken, type ApiTokenInfo } from '../../accounts/api-tokens.ts';
import { loadSession } from '../../accounts/sessions.ts';
import type { Database } from '../../db/connect.ts';
import { invalidToken } from './errors.ts';
import { authSettings, SESSION_COOKIE, type AuthSettings } from './settings.ts';

/** Who is calling, when anyone is. */
export interface AuthState {
  principal: Principal;
  /** The signed-in account (session); null for an API token. */
  account: Account | null;
  /** The session row and the cookie's token (the CSRF tokens derive from it); null for an API token. */
  sessionId: number | null;
  sessionToken: string | null;
  /** The API token used; null for a session. */
  apiToken: ApiTokenInfo | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling (set by the auth plugin); null for the public. */
    auth: AuthState | null;
  }
  interface FastifyInstance {
    /** The sign-in settings the app runs with. */
    authSettings: AuthSettings;
  }
}

/** Options of `authPlugin`. */
export interface AuthPluginOptions {
  database: Database;
  /** Defaults to `authSettings()` (the environment). */
  settings?: AuthSettings;
}

/** The principal of a session's account. */
export function accountPrincipal(account: Account): Principal {
  return {
    kind: 'account',
    id: account.id,
    role: account.role,
    agencyCode: account.agencyCode,
    actor: `account:${account.id}`,
    name: account.displayName,
  };
}

/** The principal of an API token: a publisher of its agency. */
export function tokenPrincipal(token: ApiTokenInfo): Principal {
  return {
    kind: 'token',
    id: token.id,
    role: 'publisher',
    agencyCode: token.agencyCode,
    actor: `token:${token.id}`,
    name: token.label,
  };
}

/** True when cookies set on this request's answer must be `Secure`. */
export function cookieSecure(app: FastifyInstance, request: FastifyRequest): boolean {
  const s = app.authSettings.secureCookies;
  return s === 'auto' ? request.protocol === 'https' : s;
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure per settings), expiring with the session. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expires: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(request.server, request),
    expires,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(request.server, request),
  });
}

const plugin: FastifyPluginAsync<AuthPluginOptions> = async (app, opts) => {
  const db = opts.database.db;
  app.decorate('authSettings', opts.settings ?? authSettings());
  if (!app.hasDecorator('parseCookie')) await app.register(cookie);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    request.auth = null;
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^bearer\s/i.test(header)) {
      const token = await authenticateApiToken(db, header.slice(7).trim());
      if (!token) throw invalidToken();
      request.auth = {
        principal: tokenPrincipal(token),
        account: null,
        sessionId: null,
        sessionToken: null,
        apiToken: token,
      };
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const live = await loadSession(db, sessionToken, app.authSettings.policy);
    if (!live) return;
    request.auth = {
      principal: accountPrincipal(live.account),
      account: live.account,
      sessionId: live.sessionId,
      sessionToken,
      apiToken: null,
    };
  });
};

// Not encapsulated (like fastify-plugin does): the hook and decorations apply to the whole app.
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'minhbach-auth';

/** The auth plugin, see the file comment. */
export const authPlugin = plugin;
