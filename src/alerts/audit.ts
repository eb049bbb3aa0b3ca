/** Audit records of the alert tables, written in the caller's transaction (see `audit_log`). */
import { audit, type Tx } from '../db/audit-log.ts';

/** Who writes: the web pages (a visitor acting through a signed link or the form) or the job. */
export type AlertActor = 'alerts:web' | 'alerts:job' | 'alerts:cli';

/**
 * Appends one audit record (actor, action, table, row, old → new) in `tx`.
 * @param action `create` or `update`.
 */
export async function auditAlert(
  tx: Tx,
  actor: AlertActor,
  action: 'create' | 'update',
  entity: string,
  entityId: number | null,
  oldValue: Record<string, unknown> | null,
  newValue: Record<string, unknown>,
): Promise<void> {
  await audit(tx, actor, action, entity, entityId, oldValue, newValue);
}
