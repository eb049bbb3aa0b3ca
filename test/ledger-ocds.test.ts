/**
 * The ledger with the portal's own OCDS releases (kind `ocds-release`, resolver of src/opendata): the
 * demo dataset publishes releases, each appended to the ledger in its transaction; `ledger verify`
 * finds them intact, then catches a release altered in `ocds_release` and a ledger entry deleted.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import { loadDemo } from '../src/demo/load.ts';
import '../src/opendata/ledger-kind.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
  await loadDemo(database.db, {});
});
after(async () => {
  await database.close();
});

test('every own OCDS release is in the ledger and verifies against ocds_release', async () => {
  const own = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ocds_release WHERE is_own`.execute(
    database.db,
  );
  const r = await verifyLedgerDatabase(database.db);
  assert.ok(own.rows[0]!.n > 0);
  assert.deepEqual(r.findings, []);
  assert.equal(r.entries, own.rows[0]!.n);
  assert.deepEqual(r.liveChecked, { 'ocds-release': own.rows[0]!.n });
});

test('a release altered in ocds_release and a deleted ledger entry are both caught, naming the release', async () => {
  const db = database.db;
  const rows = await sql<{
    seq: number;
    ref: string;
  }>`SELECT seq, ref FROM ledger_entry ORDER BY seq LIMIT 2 OFFSET 4`.execute(db);
  const [altered, removed] = rows.rows;
  const [ocid, releaseId] = [
    altered!.ref.slice(0, altered!.ref.indexOf('/')),
    altered!.ref.slice(altered!.ref.indexOf('/') + 1),
  ];
  await db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE ocds_release DISABLE TRIGGER USER`.execute(tx);
    await sql`UPDATE ocds_release SET document = (jsonb_set(document::jsonb, '{date}', '"2020-01-01T00:00:00Z"'))::json
              WHERE ocid = ${ocid} AND release_id = ${releaseId}`.execute(tx);
    await sql`ALTER TABLE ocds_release ENABLE TRIGGER USER`.execute(tx);
    await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(tx);
    await sql`DELETE FROM ledger_entry WHERE seq = ${removed!.seq}`.execute(tx);
    await sql`ALTER TABLE ledger_entry ENABLE TRIGGER USER`.execute(tx);
  });
  const r = await verifyLedgerDatabase(db);
  assert.equal(r.intact, false);
  const byCode = (code: string) => r.findings.filter((f) => f.code === code);
  assert.equal(byCode('live-altered').length, 1);
  assert.equal(byCode('live-altered')[0]!.ref, altered!.ref);
  assert.match(byCode('live-altered')[0]!.message, /differs from what was published at \/date/);
  assert.equal(byCode('removed').length, 1);
  assert.match(
    byCode('removed')[0]!.message,
    new RegExp(`the entry published as seq ${removed!.seq} was removed`),
  );
  assert.deepEqual(
    byCode('live-unledgered').map((f) => f.ref),
    [removed!.ref],
  );
});
