/**
 * Signed, expiring tokens for the links of alert e-mails and pages: confirm a saved search (double
 * opt-in), open the manage page of an address, unsubscribe one saved search (RFC 8058 one-click).
 * A token is `<purpose letter><id>.<expiry, Unix seconds>.<HMAC-SHA256, base64url>`: the signature
 * covers purpose, id and expiry, so a token of one purpose is never accepted for another. Pure: no
 * database, no clock (the caller passes `now`).
 */
import crypto from 'node:crypto';

/** What a token allows. */
export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe';

const LETTER: Record<TokenPurpose, string> = { confirm: 'c', manage: 'm', unsubscribe: 'u' };

/**
 * How long each kind of token is valid, in seconds: a confirmation link 3 days; a manage link 90 days;
 * an unsubscribe link a year (old e-mails must still unsubscribe; RFC 8058 §3 asks that the URI keep
 * working).
 */
export const TOKEN_LIFETIME_S: Record<TokenPurpose, number> = {
  confirm: 3 * 86_400,
  manage: 90 * 86_400,
  unsubscribe: 365 * 86_400,
};

/** Why a token was refused. */
export type TokenFailure = 'malformed' | 'forged' | 'expired';

/** The result of `verifyToken`. */
export type TokenCheck = { ok: true; id: number; expiresAt: Date } | { ok: false; reason: TokenFailure };

const SHAPE = /^([cmu])([1-9][0-9]{0,15})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;

function mac(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

/**
 * A token for `purpose` and row `id` valid until `now` + `TOKEN_LIFETIME_S[purpose]`.
 * @param secret the installation secret (`MINHBACH_SECRET` or the generated one in app_meta).
 */
export function signToken(secret: string, purpose: TokenPurpose, id: number, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_S[purpose];
  const body = `${LETTER[purpose]}${id}.${exp}`;
  return `${body}.${mac(secret, body)}`;
}

/**
 * Checks a token for `purpose` at `now`: `malformed` when it is not a token of that purpose at all,
 * `forged` when the signature does not match (altered id or expiry, another installation's secret),
 * `expired` when the signature matches but the expiry has passed. Constant-time signature comparison.
 */
export function verifyToken(secret: string, purpose: TokenPurpose, token: unknown, now: Date): TokenCheck {
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const m = SHAPE.exec(token.trim());
  if (!m || m[1] !== LETTER[purpose]) return { ok: false, reason: 'malformed' };
  const [, letter, id, exp, sig] = m as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(secret, `${letter}${id}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'forged' };
  }
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, id: Number(id), expiresAt };
}

/** A keyed hash of a client IP address (never stored in clear), 32 hex digits. */
export function hashIp(secret: string, ip: string): string {
  return crypto.createHmac('sha256', secret).update(`ip:${ip}`).digest('hex').slice(0, 32);
}
