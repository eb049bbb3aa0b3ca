/**
 * The installation secret that signs alert links: `MINHBACH_SECRET` when set, otherwise 32 random
 * bytes generated on first use and kept in `app_meta` (key `alerts_secret`), so that links keep
 * working across restarts and across every instance sharing the database.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/connect.ts';
import { auditAlert } from './audit.ts';

const KEY = 'alerts_secret';
const cache = new WeakMap<Kysely<DB>, string>();

/**
 * The secret: `configured` if given, else the stored one (created, audited without its value, when
 * missing; concurrent first calls agree on one value through `ON CONFLICT DO NOTHING`).
 */
export async function alertSecret(db: Kysely<DB>, configured: string | null): Promise<string> {
  if (configured) return configured;
  const cached = cache.get(db);
  if (cached) return cached;
  const secret = await db.transaction().execute(async (tx) => {
    const fresh = crypto.randomBytes(32).toString('base64url');
    const inserted = await tx
      .insertInto('app_meta')
      .values({ key: KEY, value: JSON.stringify(fresh) })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      await auditAlert(tx, 'alerts:web', 'create', 'app_meta', null, null, {
        key: KEY,
        value: '(secret, not recorded)',
      });
    }
    const row = await sql<{ value: unknown }>`SELECT value FROM app_meta WHERE key = ${KEY}`.execute(tx);
    const value = row.rows[0]?.value;
    if (typeof value !== 'string' || value.length < 32)
      throw new Error('app_meta.alerts_secret is not a secret');
    return value;
  });
  cache.set(db, secret);
  return secret;
}
