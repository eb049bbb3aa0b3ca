/**
 * The portal's OCDS releases in the publication ledger: `ledger verify` compares every entry with the
 * live release (kind `ocds-release`), so a release altered or removed in `ocds_release` is detected;
 * the table itself refuses updates and deletes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import '../src/opendata/ledger-kind.ts';
import { createTestDatabase } from './helpers/db.ts';
import { amendedNotice, cancelledNotice, saveFacts } from './helpers/facts-fixtures.ts';

describe('OCDS releases in the ledger', () => {
  let database: Database;
  let total = 0;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), cancelledNotice()]);
    total = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ocds_release`.execute(database.db)).rows[0]!.n,
    );
  });
  after(async () => {
    await database?.close();
  });

  test('every release is checked against its ledger entry and the ledger is intact', async () => {
    const report = await verifyLedgerDatabase(database.db);
    assert.equal(report.intact, true, JSON.stringify(report).slice(0, 500));
    assert.equal(report.liveChecked['ocds-release'], total);
    assert.deepEqual(report.unresolvedKinds, []);
  });

  test('ocds_release refuses UPDATE and DELETE', async () => {
    await assert.rejects(sql`UPDATE ocds_release SET publisher = 'x'`.execute(database.db), /append-only/);
    await assert.rejects(sql`DELETE FROM ocds_release`.execute(database.db), /append-only/);
  });

  test('a release altered or removed behind the trigger’s back is reported', async () => {
    const [a, b] = (
      await sql<{ seq: number; ref: string }>`
        SELECT seq, ocid || '/' || release_id AS ref FROM ocds_release ORDER BY seq LIMIT 2`.execute(
        database.db,
      )
    ).rows;
    await sql`ALTER TABLE ocds_release DISABLE TRIGGER ocds_release_no_change`.execute(database.db);
    await sql`UPDATE ocds_release SET document = '{"ocid":"x","id":"forged"}'::json WHERE seq = ${a!.seq}`.execute(
      database.db,
    );
    await sql`DELETE FROM ocds_release WHERE seq = ${b!.seq}`.execute(database.db);
    await sql`ALTER TABLE ocds_release ENABLE TRIGGER ocds_release_no_change`.execute(database.db);
    const report = await verifyLedgerDatabase(database.db);
    assert.equal(report.intact, false);
    const refs = report.findings.filter((f) => f.kind === 'ocds-release').map((f) => [f.code, f.ref]);
    assert.equal(refs.length, 2, JSON.stringify(refs));
    assert.deepEqual(refs.map(([, ref]) => ref).sort(), [a!.ref, b!.ref].sort());
  });
});
