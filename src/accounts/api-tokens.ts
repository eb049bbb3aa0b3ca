/**
 * API tokens for machine publishing (`Authorization: Bearer mb_…`). A token belongs to one agency
 * and publishes for it and its sub-units, like a publisher of that agency. The token is shown once
 * when created; only its SHA-256 and a short prefix are stored. Revoking is immediate.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { nfc } from '../text/normalize.ts';
import { getAgency } from './agencies.ts';
import { audit, type Tx } from './audit.ts';
import { AccountError, invalidField } from './errors.ts';
import { newSecret, tokenHash } from './secrets.ts';

/** Every API token starts with this. */
export const TOKEN_PREFIX = 'mb_';
/** Shape of an API token: `mb_` + 43 base64url characters. */
export const API_TOKEN = /^mb_[A-Za-z0-9_-]{43}$/;

/** An API token as listed (never the token itself). */
export interface ApiTokenInfo {
  id: number;
  /** `mb_` + first 8 characters, to recognise it. */
  prefix: string;
  agencyCode: string;
  label: string;
  createdAt: Date;
  createdBy: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type Row = {
  id: number;
  token_prefix: string;
  agency_code: string;
  label: string;
  created_at: Date;
  created_by: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const COLUMNS = [
  'id',
  'token_prefix',
  'agency_code',
  'label',
  'created_at',
  'created_by',
  'last_used_at',
  'revoked_at',
] as const;

function toInfo(r: Row): ApiTokenInfo {
  return {
    id: r.id,
    prefix: r.token_prefix,
    agencyCode: r.agency_code,
    label: r.label,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

/**
 * Creates a token for `agencyCode` (an existing agency) labelled `label`. Audited as `actor`
 * (the audit row holds the prefix, never the token).
 * @returns the token — to show once — and its listing.
 * @throws AccountError `not-found` (agency), `invalid-input` (label empty or over 200 characters).
 */
export async function createApiToken(
  tx: Tx,
  agencyCodeTyped: string,
  labelTyped: string,
  actor: string,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const agencyCode = nfc(agencyCodeTyped)?.toLowerCase() ?? '';
  if (!agencyCode || !(await getAgency(tx, agencyCode))) {
    throw new AccountError(
      'not-found',
      'agency_code',
      `agency "${agencyCode.slice(0, 64)}" does not exist`,
      `Không có đơn vị mã “${agencyCode.slice(0, 64)}”.`,
    );
  }
  const label = nfc(labelTyped);
  if (!label)
    throw invalidField('label', 'is required', 'Hãy ghi mục đích của mã (ví dụ: tên hệ thống gửi dữ liệu).');
  if (label.length > 200)
    throw invalidField('label', 'is longer than 200 characters', 'Mục đích dài quá 200 ký tự.');
  const token = newSecret(TOKEN_PREFIX);
  const row = await tx
    .insertInto('api_token')
    .values({
      token_hash: tokenHash(token),
      token_prefix: token.slice(0, 11),
      agency_code: agencyCode,
      label,
      created_by: actor,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await audit(tx, actor, 'create', 'api_token', row.id, null, {
    token_prefix: row.token_prefix,
    agency_code: agencyCode,
    label,
  });
  return { token, info: toInfo(row) };
}

/**
 * Revokes token `id` now (no-op when already revoked). Audited as `actor`.
 * @throws AccountError `not-found`.
 */
export async function revokeApiToken(tx: Tx, id: number, actor: string): Promise<ApiTokenInfo> {
  const row = await tx.selectFrom('api_token').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AccountError('not-found', 'id', `no API token ${id}`, `Không có mã API số ${id}.`);
  if (row.revoked_at) return toInfo(row);
  const done = await tx
    .updateTable('api_token')
    .set({ revoked_at: sql<Date>`now()`, revoked_by: actor })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await audit(tx, actor, 'revoke', 'api_token', id, { revoked_at: null }, { revoked_at: done.revoked_at });
  return toInfo(done);
}

/** Every token (revoked ones too), newest first; of one agency when `agencyCode` is given. */
export async function listApiTokens(db: Kysely<DB> | Tx, agencyCode?: string): Promise<ApiTokenInfo[]> {
  let q = db.selectFrom('api_token').select(COLUMNS).orderBy('id', 'desc');
  if (agencyCode) q = q.where('agency_code', '=', agencyCode);
  return (await q.execute()).map(toInfo);
}

/**
 * The live (not revoked) token matching `token`, or null. Refreshes `last_used_at` when older than a
 * minute (bookkeeping, not audited).
 */
export async function authenticateApiToken(db: Kysely<DB>, token: string): Promise<ApiTokenInfo | null> {
  if (!API_TOKEN.test(token)) return null;
  const row = await db
    .selectFrom('api_token')
    .select(COLUMNS)
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return toInfo(row);
}
