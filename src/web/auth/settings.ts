/**
 * Settings of sign-in and sessions: the session and lock-out policy, whether cookies are `Secure`,
 * and the per-address rate limit of the sign-in form. Read from the environment by `authSettings()`;
 * tests pass their own.
 */
import { DEFAULT_POLICY, type SessionPolicy } from '../../accounts/sessions.ts';

/** Name of the session cookie (HttpOnly, SameSite=Lax, Path=/). */
export const SESSION_COOKIE = 'mb_session';
/** Name of the cookie holding the form-token secret of a browser that is not signed in. */
export const CSRF_COOKIE = 'mb_csrf';

/** What the auth plugin and the account routes need. */
export interface AuthSettings {
  policy: SessionPolicy;
  /** `true`: cookies always `Secure`; `false`: never (plain-HTTP development); `auto`: when the request came over HTTPS. */
  secureCookies: boolean | 'auto';
  /** Requests to POST /dang-nhap per client address per minute (@fastify/rate-limit), before any password check. */
  signInPerMinute: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) {
    throw new Error(`${name} must be a whole number of at least 1, got "${raw}"`);
  }
  return Number(raw);
}

/**
 * The settings from the environment: MINHBACH_SECURE_COOKIES (`auto` default, `true`, `false`),
 * MINHBACH_SESSION_MINUTES (720), MINHBACH_IDLE_MINUTES (30), MINHBACH_LOCKOUT_FAILURES (5 per e-mail),
 * MINHBACH_LOCKOUT_IP_FAILURES (20 per address), MINHBACH_LOCKOUT_MINUTES (15),
 * MINHBACH_SIGNIN_PER_MINUTE (10).
 * @throws Error naming the variable when a value is malformed.
 */
export function authSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const secure = (env.MINHBACH_SECURE_COOKIES ?? 'auto').toLowerCase();
  if (!['auto', 'true', 'false', ''].includes(secure)) {
    throw new Error(
      `MINHBACH_SECURE_COOKIES must be auto, true or false, got "${env.MINHBACH_SECURE_COOKIES}"`,
    );
  }
  return {
    secureCookies: secure === 'true' ? true : secure === 'false' ? false : 'auto',
    policy: {
      sessionMinutes: positiveInt(env, 'MINHBACH_SESSION_MINUTES', DEFAULT_POLICY.sessionMinutes),
      idleMinutes: positiveInt(env, 'MINHBACH_IDLE_MINUTES', DEFAULT_POLICY.idleMinutes),
      maxFailuresPerEmail: positiveInt(env, 'MINHBACH_LOCKOUT_FAILURES', DEFAULT_POLICY.maxFailuresPerEmail),
      maxFailuresPerIp: positiveInt(env, 'MINHBACH_LOCKOUT_IP_FAILURES', DEFAULT_POLICY.maxFailuresPerIp),
      windowMinutes: positiveInt(env, 'MINHBACH_LOCKOUT_MINUTES', DEFAULT_POLICY.windowMinutes),
    },
    signInPerMinute: positiveInt(env, 'MINHBACH_SIGNIN_PER_MINUTE', 10),
  };
}
