/**
 * Registers the ledger kind `ocds-release` (the portal's own OCDS releases, ref `<ocid>/<release id>`)
 * so that `minhbach ledger verify` compares each ledger entry with the live row of `ocds_release` and
 * reports a release altered, removed, or stored without a ledger entry. Importing this module
 * registers the kind (src/cli/ledger.ts loads it).
 */
import { sql, type Kysely } from 'kysely';
import { registerLedgerKind } from '../audit/ledger-kinds.ts';
import type { DB } from '../db/generated/db.ts';
import { LEDGER_KIND } from './store.ts';

/** Splits a ref at its first `/`: own ocids (`ocds-xxxxxx-BP…`) and release ids hold no `/`. */
function splitRef(ref: string): [string, string] | null {
  const at = ref.indexOf('/');
  return at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : null;
}

/** The live own releases of `refs`, parsed from the stored JSON text. */
async function load(db: Kysely<DB>, refs: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const pairs = refs.map(splitRef).filter((p): p is [string, string] => p !== null);
  if (pairs.length === 0) return out;
  const rows = await sql<{ ocid: string; release_id: string; doc: string }>`
    SELECT ocid, release_id, document::text AS doc FROM ocds_release
     WHERE is_own AND (ocid, release_id) IN (${sql.join(pairs.map(([o, r]) => sql`(${o}, ${r})`))})`.execute(
    db,
  );
  for (const r of rows.rows) out.set(`${r.ocid}/${r.release_id}`, JSON.parse(r.doc) as unknown);
  return out;
}

/** Every ref of the portal's own releases, in storing order, read 1000 at a time. */
async function* listRefs(db: Kysely<DB>): AsyncIterable<string> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('ocds_release')
      .select(['seq', 'ocid', 'release_id'])
      .where('is_own', '=', true)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    for (const r of rows) yield `${r.ocid}/${r.release_id}`;
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.seq;
  }
}

registerLedgerKind({ kind: LEDGER_KIND, load, listRefs });
