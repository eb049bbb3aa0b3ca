/**
 * Registers the ledger kind `khlcnt` (plans published on minhbach, ref = stored plan number) so that
 * `minhbach ledger verify` compares each entry with the live plan and package rows and reports a plan
 * altered, removed, or published without a ledger entry. Importing this module registers the kind
 * (add it to `KIND_MODULES` of src/cli/ledger.ts).
 */
import type { Kysely } from 'kysely';
import { registerLedgerKind } from '../audit/ledger-kinds.ts';
import type { DB } from '../db/generated/db.ts';
import { PLAN_LEDGER_KIND, planDocuments } from './ledger-document.ts';

/** Every plan published on minhbach, in publishing order, read 1000 at a time. */
async function* listRefs(db: Kysely<DB>): AsyncIterable<string> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('khlcnt')
      .select(['id', 'plan_no'])
      .where('agency_code', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    for (const r of rows) yield r.plan_no;
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]!.id;
  }
}

registerLedgerKind({ kind: PLAN_LEDGER_KIND, load: planDocuments, listRefs });
