/**
 * Guards for routes. Use them as hooks (`onRequest`, which runs after the auth plugin has found the
 * caller) and, once the route knows the agency it writes for, call `assertCanPublishFor`:
 *
 * ```ts
 * app.post('/dang-tai/tbmt', { onRequest: [requirePublisher], preValidation: verifyCsrf }, async (req) => {
 *   const who = principalOf(req);
 *   await db.transaction().execute(async (tx) => {
 *     await assertCanPublishFor(tx, who, req.body.agencyCode); // 403 forbidden-agency
 *     …write, audited as who.actor…
 *   });
 * });
 * ```
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publishRefusal, type Principal } from '../../accounts/access.ts';
import type { Account, Role } from '../../accounts/accounts.ts';
import type { Tx } from '../../accounts/audit.ts';
import { isApiRequest } from '../error-handler.tsx';
import { forbiddenAgency, forbiddenRole, unauthorized } from './errors.ts';

/** Path of the sign-in page, with the page to come back to. */
export function signInHref(next: string): string {
  return `/dang-nhap?tiep=${encodeURIComponent(next)}`;
}

/** The caller (account or API token); null for the public. */
export function currentPrincipal(request: FastifyRequest): Principal | null {
  return request.auth?.principal ?? null;
}

/**
 * The caller, for code behind a `requirePrincipal`/`requireAccount`/`requireRole` guard.
 * @throws HttpError 401 `unauthorized` when nobody is signed in.
 */
export function principalOf(request: FastifyRequest): Principal {
  const p = request.auth?.principal;
  if (!p) throw unauthorized();
  return p;
}

/** The signed-in account (session), for code behind `requireAccount`. @throws HttpError 401. */
export function accountOf(request: FastifyRequest): Account {
  const a = request.auth?.account;
  if (!a) throw unauthorized();
  return a;
}

function refuseAnonymous(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A person opening a page is sent to sign in and brought back; scripts and forms get a 401.
  if (request.method === 'GET' && !isApiRequest(request)) {
    return reply.redirect(signInHref(request.url.slice(0, 500)), 303);
  }
  throw unauthorized();
}

/** Hook: an account signed in by session (pages). Anonymous GET of a page → 303 to /dang-nhap; else 401. */
export async function requireAccount(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | void> {
  if (!request.auth?.account) return refuseAnonymous(request, reply);
}

/** Hook: an account or an API token (API routes). Anonymous → 401 `unauthorized`. */
export async function requirePrincipal(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | void> {
  if (!request.auth) return refuseAnonymous(request, reply);
}

const ROLE_NEEDS: Record<Role, [string, string]> = {
  admin: ['an administrator', 'quyền quản trị viên'],
  publisher: ['a publisher of an agency', 'quyền đăng tải của một đơn vị'],
  monitor: ['a monitor', 'quyền giám sát'],
};

/**
 * Hook factory: the caller's role is one of `roles` (anonymous → as `requirePrincipal`; other role →
 * 403 `forbidden`). E.g. `requireRole('admin')`; read-only pages for monitors too:
 * `requireRole('admin', 'monitor')`.
 */
export function requireRole(...roles: Role[]) {
  return async function roleGuard(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | void> {
    const p = request.auth?.principal;
    if (!p) return refuseAnonymous(request, reply);
    if (!roles.includes(p.role)) {
      const [en, vi] = ROLE_NEEDS[roles[0]!];
      throw forbiddenRole(p.role, en, vi);
    }
  };
}

/** Hook: a publisher (account or API token) — any route that writes procurement information. */
export const requirePublisher = requireRole('publisher');

/**
 * Checks that `principal` may publish for `agencyCode` now (or on `at`): a publisher (or token) of
 * that agency or of a unit above it, both units existing that day. Call it inside the write's
 * transaction so the decision and the write see the same agency tree.
 * @throws HttpError 403 `forbidden-agency` saying why (role, unknown agency, outside the own agency,
 *   dissolved unit and its successor).
 */
export async function assertCanPublishFor(
  db: Tx,
  principal: Principal,
  agencyCode: string,
  at: Date = new Date(),
): Promise<void> {
  const refusal = await publishRefusal(db, principal, agencyCode, at);
  if (refusal) throw forbiddenAgency(refusal);
}
