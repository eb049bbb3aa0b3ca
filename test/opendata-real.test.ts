/**
 * The real national-system notices (../shared/real-data/muasamcong), imported as the portal does,
 * published as OCDS: every export validates with zero errors, and re-importing publishes nothing new.
 */
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { portalValidator, tally, useSharedSchema, validateExports } from './helpers/opendata.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const skip =
  skipWithoutShared('real-data', 'muasamcong', 'api') ||
  skipWithoutShared('real-data', 'muasamcong', 'tbyt-2026') ||
  skipWithoutShared('ocds-data', 'schema', '1.1.5');
const FOLDERS = [
  sharedPath('real-data', 'muasamcong', 'api'),
  sharedPath('real-data', 'muasamcong', 'tbyt-2026'),
];

/** The parts of a compiled release the test reads. */
interface Compiled {
  awards: { value: unknown; suppliers: { id: string }[] }[];
  bids: { details: unknown[] };
}

async function counts(database: Database) {
  const r = await sql<{ r: number; p: number; t: number }>`
    SELECT (SELECT count(*)::int FROM ocds_release) AS r, (SELECT count(*)::int FROM ocds_process) AS p,
           (SELECT count(*)::int FROM package) AS t`.execute(database.db);
  return r.rows[0]!;
}

describe('real notices published as OCDS', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    useSharedSchema();
    database = await createTestDatabase();
    await importMuasamcong(database.db, FOLDERS);
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('every package has an ocid and releases; IB2600077452 tells its whole story', async () => {
    const c = await counts(database);
    assert.equal(c.p, c.t, 'one contracting process per package');
    assert.ok(c.r >= c.p);
    const ocid = await sql<{ ocid: string }>`
      SELECT p.ocid FROM ocds_process p JOIN tbmt t ON t.package_id = p.package_id
       WHERE t.notify_no = 'IB2600077452'`.execute(database.db);
    const res = await app.inject({ url: `/api/ocds/records/${ocid.rows[0]!.ocid}` });
    const rec = (
      JSON.parse(res.body) as { records: { releases: { tag: string[] }[]; compiledRelease: Compiled }[] }
    ).records[0]!;
    const tags = rec.releases.map((r) => r.tag[0]);
    for (const t of ['tender', 'tenderUpdate', 'award'])
      assert.ok(tags.includes(t), `${t} in ${tags.join()}`);
    const award = rec.compiledRelease.awards[0]!;
    assert.deepEqual(award.value, { amount: 219_994_920, currency: 'VND' });
    assert.equal(award.suppliers[0]!.id, 'vn0317079577');
    assert.equal(rec.compiledRelease.bids.details.length, 6, 'the six bidders of the opening record');
  });

  test('everything exported validates with zero errors', async () => {
    const r = await validateExports(app, await portalValidator(), (b) => zlib.gunzipSync(b).toString('utf8'));
    const errors = r.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.slice(0, 5), [], `errors: ${JSON.stringify(tally(errors))}`);
    assert.ok(r.releases > 380);
    assert.equal(r.compiled, r.records);
  });

  test('importing the same files again publishes nothing new', async () => {
    const before = await counts(database);
    await importMuasamcong(database.db, FOLDERS);
    assert.deepEqual(await counts(database), before);
  });
});
