/**
 * The one way anything writes to `audit_log`: who (actor), what (action on a table row), old → new.
 * Callers pass their transaction so the record commits or rolls back with the write it describes.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './generated/db.ts';

/** A transaction, or the database when a single statement is atomic on its own. */
export type Tx = Transaction<DB> | Kysely<DB>;

/** JSON-able record of what changed (column → value). Never a password or a token. */
export type AuditValue = Record<string, unknown>;

/**
 * Appends one audit row. `actor` e.g. `account:<id>`, `token:<id>`, `import:muasamcong#<run>`,
 * `cli:admin`, `alerts:job`; `action` e.g. `create`, `update`, `delete`, `publish`, `sign-in`;
 * `entity` the table (or a pseudo-entity such as `sign_in`). JSON is passed as text so that pg and
 * PGlite both store jsonb.
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

/** One row of {@link auditMany}: the arguments of {@link audit}. */
export interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  oldValue: AuditValue | null;
  newValue: AuditValue;
}

/**
 * Appends many audit rows with multi-row inserts of `chunk` rows (default 1000) — for bulk writes
 * such as the agency CSV import, in the caller's transaction; the same rows as one `audit` each.
 */
export async function auditMany(tx: Tx, rows: readonly AuditRow[], chunk = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await tx
      .insertInto('audit_log')
      .values(
        rows.slice(i, i + chunk).map((r) => ({
          actor: r.actor,
          action: r.action,
          entity: r.entity,
          entity_id: r.entityId,
          old_value: r.oldValue === null ? null : JSON.stringify(r.oldValue),
          new_value: JSON.stringify(r.newValue),
        })),
      )
      .execute();
  }
}
