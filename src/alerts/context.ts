/** What the alert services need: the database, where mail goes, the settings; and the links they make. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/connect.ts';
import type { MailTransport } from '../mail/transport.ts';
import type { AlertsConfig } from './config.ts';
import { alertSecret } from './secret.ts';
import { signToken, type TokenPurpose } from './token.ts';

/** Dependencies of the alert services. */
export interface AlertContext {
  db: Kysely<DB>;
  transport: MailTransport;
  config: AlertsConfig;
}

/** The paths of the alert pages (the web routes use the same constants). */
export const ALERT_PATHS = {
  subscribe: '/thong-bao-email',
  confirm: '/thong-bao-email/xac-nhan',
  manage: '/thong-bao-email/quan-ly',
  unsubscribe: '/thong-bao-email/huy',
} as const;

/** The installation secret of the context (see `alertSecret`). */
export function contextSecret(ctx: AlertContext): Promise<string> {
  return alertSecret(ctx.db, ctx.config.secret);
}

/** A new RFC 5322 Message-ID, unique across installations: `<kind.uuid@host of the public URL>`. */
export function newMessageId(config: AlertsConfig, kind: string): string {
  const host = new URL(config.publicUrl).hostname || 'minhbach.local';
  return `<${kind}.${crypto.randomUUID()}@${host}>`;
}

/** An absolute URL of an alert page carrying a signed token for `purpose` and `id`. */
export function signedLink(
  config: AlertsConfig,
  secret: string,
  path: string,
  purpose: TokenPurpose,
  id: number,
  now: Date,
): string {
  return `${config.publicUrl}${path}?token=${encodeURIComponent(signToken(secret, purpose, id, now))}`;
}
