/**
 * Sign-in sessions stored in the database. The browser holds a random 256-bit token; the table holds
 * only its SHA-256, so reading the database does not let anyone sign in. A session ends at its
 * absolute expiry, after the idle timeout, at sign-out, when the password changes or when the
 * account is disabled.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { toAccount, type Account } from './accounts.ts';
import { audit, type Tx } from './audit.ts';
import { newSecret, tokenHash } from './secrets.ts';

/** Time limits of sessions and the lock-out rule of sign-in (see docs/accounts.md). */
export interface SessionPolicy {
  /** Absolute lifetime of a session, minutes (default 12 h: a working day). */
  sessionMinutes: number;
  /** A session unused this long ends, minutes (default 30). */
  idleMinutes: number;
  /** Failed sign-ins for one e-mail within `windowMinutes` that lock it (default 5). */
  maxFailuresPerEmail: number;
  /** Failed sign-ins from one client address within `windowMinutes` that lock the address (default 20). */
  maxFailuresPerIp: number;
  /** The window over which failures count, and the lock-out's length, minutes (default 15). */
  windowMinutes: number;
}

/** The defaults of `SessionPolicy`. */
export const DEFAULT_POLICY: SessionPolicy = {
  sessionMinutes: 12 * 60,
  idleMinutes: 30,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 20,
  windowMinutes: 15,
};

/** `last_seen_at` is refreshed at most this often (ms): a read does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** A new session: the token for the cookie (shown to no one else) and when it expires. */
export interface NewSession {
  id: number;
  token: string;
  expiresAt: Date;
}

/**
 * Starts a session for `accountId` in `tx` (the caller audits the sign-in in the same transaction),
 * dated by `now`: the app's clock, the one `loadSession` checks expiry and idleness against.
 */
export async function createSession(
  tx: Tx,
  accountId: number,
  client: { ip: string; userAgent: string | null },
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<NewSession> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + policy.sessionMinutes * 60_000);
  const row = await tx
    .insertInto('account_session')
    .values({
      token_hash: tokenHash(token),
      account_id: accountId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: client.ip.slice(0, 100),
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** A live session and its account. */
export interface LiveSession {
  sessionId: number;
  account: Account;
  expiresAt: Date;
}

/**
 * The live session of `token` (the cookie value), or null when the token is unknown, ended, past its
 * expiry or idle too long, or the account is disabled, all judged at `now` (the app's clock, as at
 * `createSession`). Refreshes `last_seen_at` when older than a minute.
 */
export async function loadSession(
  db: Kysely<DB>,
  token: string,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<LiveSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const idleSince = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const row = await db
    .selectFrom('account_session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select([
      's.id as session_id',
      's.expires_at',
      's.last_seen_at',
      'a.id',
      'a.email',
      'a.display_name',
      'a.role',
      'a.agency_code',
      'a.disabled_at',
      'a.last_sign_in_at',
      'a.created_at',
    ])
    .where('s.token_hash', '=', tokenHash(token))
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .where('a.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    // Bookkeeping of the idle timeout, not a change of anything a person wrote: not audited.
    await db
      .updateTable('account_session')
      .set({ last_seen_at: now })
      .where('id', '=', row.session_id)
      .execute();
  }
  return { sessionId: row.session_id, account: toAccount(row), expiresAt: row.expires_at };
}

/**
 * Ends session `sessionId` (sign-out or replaced by a new sign-in) at `now` (the app's clock, as every
 * session time), audited as `actor`. No-op when already ended.
 */
export async function endSession(
  tx: Tx,
  sessionId: number,
  reason: 'sign-out' | 'replaced',
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const ended = await tx
    .updateTable('account_session')
    .set({ ended_at: now, ended_reason: reason })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .returning(['account_id'])
    .executeTakeFirst();
  if (ended) {
    await audit(
      tx,
      actor,
      reason === 'sign-out' ? 'sign-out' : 'update',
      'account_session',
      sessionId,
      null,
      {
        ended_reason: reason,
      },
    );
  }
}

/** The session id of a cookie token when the session is not ended (for ending it at sign-out or a new sign-in). */
export async function sessionIdOfToken(db: Tx, token: string): Promise<number | null> {
  if (token.length < 20 || token.length > 100) return null;
  const r = await db
    .selectFrom('account_session')
    .select('id')
    .where('token_hash', '=', tokenHash(token))
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return r?.id ?? null;
}
