/**
 * Who may do what. A principal is a signed-in account or an API token. Publishing for an agency is
 * allowed to a publisher of that agency or of a unit above it, and to an API token of such an agency,
 * while both the principal's agency and the target exist on the day (validity dates). Administrators
 * manage agencies, accounts and tokens but do not publish (separation of duties); monitors read
 * everything and write nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { agencyAndSubUnitCodes } from '../procurement/queries/agency-tree.ts';
import type { Role } from './accounts.ts';
import { getAgency, isAgencyCurrent, vnDate } from './agencies.ts';
import type { Tx } from './audit.ts';

/** Who makes a request: an account (by session) or an API token. */
export interface Principal {
  kind: 'account' | 'token';
  /** Account id or token id. */
  id: number;
  /** An API token acts as a publisher of its agency. */
  role: Role;
  /** The agency of a publisher or token; null for admin and monitor. */
  agencyCode: string | null;
  /** Audit actor: `account:<id>` or `token:<id>`. */
  actor: string;
  /** Shown on pages: the account's name or the token's label. */
  name: string;
}

/** Why publishing for an agency is refused. */
export type PublishRefusal =
  | { reason: 'role'; role: Role } // admin or monitor
  | { reason: 'unknown-agency'; agencyCode: string }
  | { reason: 'outside'; agencyCode: string; ownAgency: string } // not the own agency nor below it
  | {
      reason: 'expired';
      agencyCode: string;
      validTo: string | null;
      validFrom: string | null;
      successorCode: string | null;
    }
  | { reason: 'own-expired'; ownAgency: string; validTo: string | null; successorCode: string | null };

/**
 * Decides whether `principal` may publish for `agencyCode` on `at` (its Vietnam calendar date).
 * Rules: the role is publisher (a token counts as one); the target is an agency; it is the
 * principal's agency or a unit below it (`agencyAndSubUnitCodes`); the principal's agency and the
 * target both exist on that day — a unit dissolved in a reform publishes through its successor.
 * @returns null when allowed, else the refusal.
 */
export async function publishRefusal(
  db: Kysely<DB> | Tx,
  principal: Pick<Principal, 'role' | 'agencyCode'>,
  agencyCodeTyped: string,
  at: Date = new Date(),
): Promise<PublishRefusal | null> {
  if (principal.role !== 'publisher' || !principal.agencyCode) {
    return { reason: 'role', role: principal.role };
  }
  const agencyCode = agencyCodeTyped.trim().toLowerCase();
  const target = await getAgency(db, agencyCode);
  if (!target) return { reason: 'unknown-agency', agencyCode };
  const own = await getAgency(db, principal.agencyCode);
  const day = vnDate(at);
  if (!own || !isAgencyCurrent(own, day)) {
    return {
      reason: 'own-expired',
      ownAgency: principal.agencyCode,
      validTo: own?.validTo ?? null,
      successorCode: own?.successorCode ?? null,
    };
  }
  const allowed = await agencyAndSubUnitCodes(db, principal.agencyCode);
  if (!allowed.includes(agencyCode)) {
    return { reason: 'outside', agencyCode, ownAgency: principal.agencyCode };
  }
  if (!isAgencyCurrent(target, day)) {
    return {
      reason: 'expired',
      agencyCode,
      validFrom: target.validFrom,
      validTo: target.validTo,
      successorCode: target.successorCode,
    };
  }
  return null;
}
