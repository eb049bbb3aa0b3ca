/**
 * Audit records of the accounts domain: every account, session, token and agency write, and every
 * sign-in event, is appended to `audit_log` by the caller inside the same transaction as the write.
 */
export { audit, type AuditValue, type Tx } from '../db/audit-log.ts';

/** The audit actor of an account. */
export function accountActor(accountId: number): string {
  return `account:${accountId}`;
}

/** The audit actor of an API token. */
export function tokenActor(tokenId: number): string {
  return `token:${tokenId}`;
}
