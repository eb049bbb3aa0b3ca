/**
 * The resolver registry of the ledger: for each `kind` of publication, how `ledger verify` finds the
 * live publication behind a ledger entry, so that a publication altered or deleted in its own table
 * (not only in the ledger) is detected. A domain registers its kind from a module of its own, e.g.
 * `src/opendata` registers `ocds-release`; the CLI and the app import that module.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { KIND_PATTERN, LedgerError } from './ledger.ts';

/** How to find the live publications of one kind. */
export interface LedgerKindResolver {
  /** The ledger kind, e.g. `ocds-release`. */
  kind: string;
  /**
   * The live documents of `refs` (at most 500 per call), as JSON values equal to what was appended
   * (key order does not matter: both sides are compared as RFC 8785 canonical JSON). A ref whose
   * publication no longer exists is left out of the map.
   */
  load(db: Kysely<DB>, refs: string[]): Promise<Map<string, unknown>>;
  /**
   * Optional: every ref of the live table, so that a publication without a ledger entry (its entry
   * removed, or never appended) is reported.
   */
  listRefs?(db: Kysely<DB>): AsyncIterable<string>;
}

const registry = new Map<string, LedgerKindResolver>();

/**
 * Registers (or replaces) the resolver of `resolver.kind`.
 * @throws LedgerError `bad-kind` for a kind the ledger cannot hold.
 */
export function registerLedgerKind(resolver: LedgerKindResolver): void {
  if (!KIND_PATTERN.test(resolver.kind)) {
    throw new LedgerError(
      'bad-kind',
      `kind must match ${KIND_PATTERN.source}, got ${JSON.stringify(resolver.kind)}`,
    );
  }
  registry.set(resolver.kind, resolver);
}

/** The resolver of `kind`, if one is registered. */
export function ledgerKindResolver(kind: string): LedgerKindResolver | undefined {
  return registry.get(kind);
}

/** Every registered resolver. */
export function ledgerKindResolvers(): LedgerKindResolver[] {
  return [...registry.values()];
}

/** Removes a registration (tests). */
export function unregisterLedgerKind(kind: string): void {
  registry.delete(kind);
}
