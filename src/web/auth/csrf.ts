/**
 * Protection against cross-site request forgery: a synchroniser token tied to the session. Every
 * state-changing form carries a hidden `_csrf` field (or an `X-CSRF-Token` header) equal to
 * HMAC-SHA256(key = the session token, "minhbach-csrf-v1"); a browser not signed in (the sign-in form)
 * gets a random `mb_csrf` cookie (HttpOnly, SameSite=Lax) as the key instead. Another site can neither
 * read the cookie nor compute the token, so a forged form fails with 403 `csrf-invalid`. Requests
 * authenticated by an API token (no cookie involved) are not checked.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret } from '../../accounts/secrets.ts';
import { csrfInvalid } from './errors.ts';
import { cookieSecure } from './plugin.ts';
import { CSRF_COOKIE } from './settings.ts';

/** Name of the hidden form field carrying the token. */
export const CSRF_FIELD = '_csrf';
/** Header carrying the token for requests sent by scripts. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function derive(key: string): string {
  return crypto.createHmac('sha256', key).update('minhbach-csrf-v1').digest('base64url');
}

/**
 * The token to put in the `_csrf` field of a form on this page. For a browser that is not signed in,
 * sets the `mb_csrf` cookie when it has none.
 */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  if (request.auth?.sessionToken) return derive(request.auth.sessionToken);
  let secret = request.cookies[CSRF_COOKIE];
  if (!secret || secret.length < 20 || secret.length > 100) {
    secret = newSecret();
    request.cookies[CSRF_COOKIE] = secret; // a second form on the same page gets the same token
    reply.setCookie(CSRF_COOKIE, secret, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure(request.server, request),
    });
  }
  return derive(secret);
}

/** True when `request` carries the right token for its session (or its `mb_csrf` cookie). */
export function hasValidCsrfToken(request: FastifyRequest): boolean {
  const body = request.body as Record<string, unknown> | null | undefined;
  const sent =
    (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined) ?? request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 100) return false;
  const key = request.auth?.sessionToken ?? request.cookies[CSRF_COOKIE];
  if (!key) return false;
  const expected = Buffer.from(derive(key));
  const given = Buffer.from(sent);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * A `preValidation` hook: every POST/PUT/PATCH/DELETE of the scope must carry a valid token unless
 * it is authenticated by an API token. Add it to a plugin scope (`app.addHook('preValidation',
 * verifyCsrf)`) or to one route (`{ preValidation: verifyCsrf }`).
 * @throws HttpError 403 `csrf-invalid`.
 */
export async function verifyCsrf(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.auth?.apiToken) return;
  if (!hasValidCsrfToken(request)) throw csrfInvalid();
}
