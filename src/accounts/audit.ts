/**
 * Audit records of the accounts domain: every account, session, token and agency write, and every
 * sign-in event, is appended to `audit_log` by the caller inside the same transaction as the write.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';

/** A transaction, or the database when a single statement is atomic on its own. */
export type Tx = Transaction<DB> | Kysely<DB>;

/** JSON-able record of what changed (column → value). Never a password or a token. */
export type AuditValue = Record<string, unknown>;

/**
 * Appends one audit row. `actor` is `account:<id>`, `token:<id>`, `cli:admin` or `anonymous`;
 * `action` e.g. `create`, `update`, `sign-in`, `sign-in-failure`, `lock-out`, `sign-out`, `revoke`;
 * `entity` the table (or `sign_in` for sign-in events). JSON is passed as text so that pg and PGlite
 * both store jsonb.
 */
export async function audit(
  tx: Tx,
  actor: string,
  action: string,
  entity: string,
  entityId: number | null,
  oldValue: AuditValue | null,
  newValue: AuditValue,
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor,
      action,
      entity,
      entity_id: entityId,
      old_value: oldValue === null ? null : JSON.stringify(oldValue),
      new_value: JSON.stringify(newValue),
    })
    .execute();
}

/** The audit actor of an account. */
export function accountActor(accountId: number): string {
  return `account:${accountId}`;
}

/** The audit actor of an API token. */
export function tokenActor(tokenId: number): string {
  return `token:${tokenId}`;
}
