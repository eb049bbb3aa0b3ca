/**
 * Signing in with e-mail and password, with lock-out. Every attempt is an audit row (entity
 * `sign_in`): `sign-in` (success), `sign-in-failure` (reason unknown-email, wrong-password or
 * disabled), `lock-out` (the failure that reached the limit), `sign-in-refused` (an attempt while
 * locked). Lock-out counts the failures of the last `windowMinutes` straight from the audit log:
 * per e-mail (since its last success or unlock) and per client address — so it works the same for
 * e-mails that have no account (no way to learn which e-mails exist) and across app instances.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { nfc } from '../text/normalize.ts';
import { toAccount, type Account } from './accounts.ts';
import { accountActor, audit, type Tx } from './audit.ts';
import { invalidField } from './errors.ts';
import { verifyPassword } from './secrets.ts';
import {
  createSession,
  endSession,
  sessionIdOfToken,
  type NewSession,
  type SessionPolicy,
} from './sessions.ts';

/** The client making the attempt. */
export interface SignInClient {
  ip: string;
  userAgent: string | null;
  /** Session token the browser still holds, ended and replaced on success (no session fixation). */
  previousToken?: string | null;
}

/** The answer to a sign-in attempt. Messages stay the same whether the e-mail exists or not. */
export type SignInResult =
  | { ok: true; account: Account; session: NewSession }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; scope: 'email' | 'ip'; until: Date };

/** Advisory lock namespace of sign-in attempts (one e-mail at a time, so the count is exact). */
const SIGN_IN_LOCK = 727005;

/** Recent failures (newest first) matching `column` = `value` within the window, after `since`. */
async function recentFailures(
  tx: Tx,
  column: 'email' | 'ip',
  value: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows = await tx
    .selectFrom('audit_log')
    .select('at')
    .where('entity', '=', sql.lit('sign_in'))
    .where('action', '=', 'sign-in-failure')
    // A literal key, so the planner matches the partial expression indexes of migration 0005.
    .where(sql`new_value ->> ${sql.lit(column)}`, '=', value)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

/** When the e-mail's failures were last reset (its last success or unlock), or null. */
async function lastReset(tx: Tx, email: string): Promise<Date | null> {
  const r = await tx
    .selectFrom('audit_log')
    .select(sql<Date | null>`max(at)`.as('at'))
    .where('entity', '=', sql.lit('sign_in'))
    .where('action', 'in', ['sign-in', 'unlock'])
    .where(sql`new_value ->> 'email'`, '=', email)
    .executeTakeFirst();
  return r?.at ?? null;
}

/**
 * One sign-in attempt, in its own transaction (so the failure and lock-out records are kept even
 * though the attempt fails). On success a session is created, `last_sign_in_at` set, and the
 * browser's previous session ended.
 *
 * Two clocks, each where it belongs: the session is dated by `now` — the app's clock, the same one
 * `loadSession` checks it against (default `new Date()`), so a server whose clock differs from the
 * database's, or a test that moves the app's clock, never sees a session expire early or live on;
 * the lock-out window is measured on the database's clock (`now()`), the clock that dates the
 * failures it counts (`audit_log.at`).
 */
export async function signIn(
  db: Kysely<DB>,
  emailTyped: string,
  password: string,
  client: SignInClient,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = (nfc(emailTyped)?.toLowerCase() ?? '').slice(0, 254);
  const ip = client.ip.slice(0, 100);
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK}, hashtext(${email}))`.execute(tx);
    const dbNow = (await sql<{ now: Date }>`SELECT now() AS now`.execute(tx)).rows[0]!.now;
    const windowMs = policy.windowMinutes * 60_000;
    const windowStart = new Date(dbNow.getTime() - windowMs);
    const ipFailures = await recentFailures(tx, 'ip', ip, windowStart, policy.maxFailuresPerIp);
    const reset = await lastReset(tx, email);
    const emailSince = reset && reset > windowStart ? reset : windowStart;
    const emailFailures = await recentFailures(tx, 'email', email, emailSince, policy.maxFailuresPerEmail);
    const event = (action: string, accountId: number | null, extra: Record<string, unknown> = {}) =>
      audit(
        tx,
        accountId === null ? 'anonymous' : accountActor(accountId),
        action,
        'sign_in',
        accountId,
        null,
        {
          email,
          ip,
          ...extra,
        },
      );

    const lockedScope =
      ipFailures.length >= policy.maxFailuresPerIp
        ? ('ip' as const)
        : emailFailures.length >= policy.maxFailuresPerEmail
          ? ('email' as const)
          : null;
    if (lockedScope) {
      const list = lockedScope === 'ip' ? ipFailures : emailFailures;
      const until = new Date(list[list.length - 1]!.getTime() + windowMs);
      await event('sign-in-refused', null, { reason: `${lockedScope}-locked`, until: until.toISOString() });
      return { ok: false, reason: 'locked', scope: lockedScope, until };
    }

    const row = email
      ? await tx
          .selectFrom('account')
          .select([
            'id',
            'email',
            'display_name',
            'role',
            'agency_code',
            'disabled_at',
            'last_sign_in_at',
            'created_at',
            'password_hash',
          ])
          .where('email', '=', email)
          .executeTakeFirst()
      : undefined;
    const passwordOk = await verifyPassword(row?.password_hash ?? null, password);
    if (!row || !passwordOk || row.disabled_at !== null) {
      const reason = !row ? 'unknown-email' : !passwordOk ? 'wrong-password' : 'disabled';
      await event('sign-in-failure', row?.id ?? null, { reason });
      // Locked until the oldest of the last N failures (this one included) leaves the window.
      const lockedUntil = (earlier: Date[], max: number) =>
        new Date(([dbNow, ...earlier][max - 1] ?? dbNow).getTime() + windowMs);
      if (emailFailures.length + 1 >= policy.maxFailuresPerEmail) {
        const until = lockedUntil(emailFailures, policy.maxFailuresPerEmail);
        await event('lock-out', row?.id ?? null, { scope: 'email', until: until.toISOString() });
        return { ok: false, reason: 'locked', scope: 'email', until };
      }
      if (ipFailures.length + 1 >= policy.maxFailuresPerIp) {
        const until = lockedUntil(ipFailures, policy.maxFailuresPerIp);
        await event('lock-out', null, { scope: 'ip', until: until.toISOString() });
        return { ok: false, reason: 'locked', scope: 'ip', until };
      }
      return { ok: false, reason: 'invalid' };
    }

    if (client.previousToken) {
      const previous = await sessionIdOfToken(tx, client.previousToken);
      if (previous !== null) await endSession(tx, previous, 'replaced', accountActor(row.id), now);
    }
    const session = await createSession(tx, row.id, client, policy, now);
    await tx.updateTable('account').set({ last_sign_in_at: now }).where('id', '=', row.id).execute();
    await event('sign-in', row.id, { session_id: session.id });
    return { ok: true, account: toAccount({ ...row, last_sign_in_at: now }), session };
  });
}

/**
 * Lifts the lock-out of an e-mail now (an administrator's decision): its earlier failures no longer
 * count. Audited as `actor` (action `unlock`, entity `sign_in`).
 * @throws AccountError (`invalid-input`, field `email`) when the e-mail is empty.
 */
export async function unlockEmail(tx: Tx, emailTyped: string, actor: string): Promise<void> {
  const email = (nfc(emailTyped)?.toLowerCase() ?? '').slice(0, 254);
  if (!email) throw invalidField('email', 'is required', 'Thư điện tử không được để trống.');
  await audit(tx, actor, 'unlock', 'sign_in', null, null, { email });
}
