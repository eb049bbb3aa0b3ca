/**
 * `ledger verify` catches a tampered database: each case tampers with raw SQL (as someone with direct
 * database access would, disabling the append-only trigger first), verifies, restores.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import type { DB } from '../src/db/generated/db.ts';
import { GENESIS_HASH, canonicalJson, computeEntryHash, sha256Hex } from '../src/audit/ledger.ts';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import { registerLedgerKind, unregisterLedgerKind } from '../src/audit/ledger-kinds.ts';
import { appendToLedger, readLedgerPage } from '../src/audit/ledger-store.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
let db: Kysely<DB>;
let original: Record<string, unknown>[];
let originalLive: Record<string, unknown>[];

/** Runs raw SQL with the append-only trigger disabled, as an attacker with database access can. */
async function tamper(statements: string[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(tx);
    for (const s of statements) await sql.raw(s).execute(tx);
    await sql`ALTER TABLE ledger_entry ENABLE TRIGGER USER`.execute(tx);
  });
}

const codes = (r: { findings: { code: string; seq: number | null }[] }) =>
  r.findings.map((f) => `${f.code}@${f.seq}`);

before(async () => {
  database = await createTestDatabase();
  db = database.db;
  await sql`CREATE TABLE test_publication (ref text PRIMARY KEY, doc jsonb NOT NULL)`.execute(db);
  registerLedgerKind({
    kind: 'test-doc',
    async load(d, refs) {
      const rows = await sql<{
        ref: string;
        doc: unknown;
      }>`SELECT ref, doc FROM test_publication WHERE ref = ANY(${refs})`.execute(d);
      return new Map(
        rows.rows.map((r) => [r.ref, typeof r.doc === 'string' ? (JSON.parse(r.doc) as unknown) : r.doc]),
      );
    },
    async *listRefs(d) {
      const rows = await sql<{ ref: string }>`SELECT ref FROM test_publication ORDER BY ref`.execute(d);
      for (const r of rows.rows) yield r.ref;
    },
  });
  // Eight publications, each stored and appended in one transaction.
  for (let i = 1; i <= 8; i++) {
    const document = { id: `ref-${i}`, value: i, title: `Gói thầu số ${i}`, items: [{ n: i }] };
    await db.transaction().execute(async (tx) => {
      await sql`INSERT INTO test_publication (ref, doc) VALUES (${`ref-${i}`}, ${JSON.stringify(document)}::jsonb)`.execute(
        tx,
      );
      await appendToLedger(tx, { kind: 'test-doc', ref: `ref-${i}`, document });
    });
  }
  original = (await sql<Record<string, unknown>>`SELECT * FROM ledger_entry ORDER BY seq`.execute(db)).rows;
  originalLive = (
    await sql<Record<string, unknown>>`SELECT ref, doc::text AS doc FROM test_publication`.execute(db)
  ).rows;
});

beforeEach(async () => {
  // Restore the untampered ledger and publications.
  await tamper(['DELETE FROM ledger_entry']);
  for (const r of original) {
    await db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(tx);
      await sql`INSERT INTO ledger_entry (seq, kind, ref, published_at, content_hash, prev_hash, entry_hash, document)
        VALUES (${r.seq}, ${r.kind}, ${r.ref}, ${r.published_at}, ${r.content_hash}, ${r.prev_hash}, ${r.entry_hash}, ${r.document})`.execute(
        tx,
      );
      await sql`ALTER TABLE ledger_entry ENABLE TRIGGER USER`.execute(tx);
    });
  }
  await sql`DELETE FROM test_publication`.execute(db);
  for (const r of originalLive)
    await sql`INSERT INTO test_publication (ref, doc) VALUES (${r.ref}, ${r.doc}::jsonb)`.execute(db);
});

after(async () => {
  unregisterLedgerKind('test-doc');
  await database.close();
});

test('an untouched ledger is intact, every entry checked against its live publication', async () => {
  const r = await verifyLedgerDatabase(db);
  assert.deepEqual(r.findings, []);
  assert.equal(r.intact, true);
  assert.equal(r.entries, 8);
  assert.deepEqual(r.liveChecked, { 'test-doc': 8 });
  assert.equal(r.head?.seq, 8);
});

test('an altered document in the ledger is caught at its seq', async () => {
  await tamper([
    `UPDATE ledger_entry SET document = replace(document, '"value":3', '"value":4') WHERE seq = 3`,
  ]);
  const r = await verifyLedgerDatabase(db);
  assert.equal(r.intact, false);
  assert.deepEqual(codes(r), ['document-altered@3']);
  assert.match(r.findings[0]!.message, /^seq 3 \(test-doc ref-3\): the document was altered/);
});

test('a removed entry is caught: the chain skips it and its publication has no entry', async () => {
  await tamper(['DELETE FROM ledger_entry WHERE seq = 5']);
  const r = await verifyLedgerDatabase(db);
  assert.deepEqual(codes(r), ['removed@6', 'live-unledgered@null']);
  assert.match(
    r.findings[0]!.message,
    /the entry published as seq 5 was removed: seq 6 \(test-doc ref-6\) follows it/,
  );
  assert.match(r.findings[1]!.message, /test-doc ref-5 is published but has no ledger entry/);
});

test('two swapped entries are caught as reordered, each naming where it was published', async () => {
  await tamper([
    'UPDATE ledger_entry SET seq = CASE seq WHEN 3 THEN 1004 ELSE 1003 END WHERE seq IN (3, 4)',
    'UPDATE ledger_entry SET seq = seq - 1000 WHERE seq > 1000',
  ]);
  const r = await verifyLedgerDatabase(db);
  assert.deepEqual(codes(r), ['reordered@3', 'reordered@4']);
  assert.match(r.findings[0]!.message, /seq 3 \(test-doc ref-4\) was published as seq 4/);
  assert.match(r.findings[1]!.message, /seq 4 \(test-doc ref-3\) was published as seq 3/);
});

test('an entry inserted in the middle (later ones renumbered) is caught as inserted', async () => {
  const fourth = original[3]!;
  const fields = {
    seq: 5,
    kind: 'test-doc',
    ref: 'forged',
    publishedAt: '2026-01-01T00:00:00.000Z',
    contentHash: sha256Hex(canonicalJson({ forged: true })),
    prevHash: String(fourth.entry_hash),
  };
  await tamper([
    'UPDATE ledger_entry SET seq = seq + 1000 WHERE seq >= 5',
    'UPDATE ledger_entry SET seq = seq - 999 WHERE seq > 1000',
    `INSERT INTO ledger_entry (seq, kind, ref, published_at, content_hash, prev_hash, entry_hash, document)
     VALUES (5, 'test-doc', 'forged', '${fields.publishedAt}', '${fields.contentHash}', '${fields.prevHash}', '${computeEntryHash(fields)}', '{"forged":true}')`,
  ]);
  const r = await verifyLedgerDatabase(db);
  assert.equal(r.intact, false);
  const inserted = r.findings.find((f) => f.code === 'inserted');
  assert.equal(inserted?.seq, 5);
  assert.match(inserted!.message, /seq 5 \(test-doc forged\) is not part of the chain: it was inserted/);
  assert.deepEqual(
    r.findings.filter((f) => f.code === 'reordered').map((f) => f.seq),
    [6, 7, 8, 9],
  );
  assert.ok(r.findings.some((f) => f.code === 'live-missing' && f.ref === 'forged'));
});

test('an altered entry field (ref) is caught as an altered entry', async () => {
  await tamper([`UPDATE ledger_entry SET ref = 'ref-2b' WHERE seq = 2`]);
  const r = await verifyLedgerDatabase(db);
  assert.ok(codes(r).includes('entry-altered@2'));
  assert.match(
    r.findings.find((f) => f.code === 'entry-altered')!.message,
    /seq 2 \(test-doc ref-2b\): the entry was altered/,
  );
});

test('an entry rewritten with recomputed hashes breaks the link to the next one', async () => {
  const doc = canonicalJson({ id: 'ref-3', value: 300, title: 'Gói thầu số 3', items: [{ n: 3 }] });
  const row = original[2]!;
  const publishedAt = new Date(row.published_at as string | Date).toISOString();
  const fields = {
    seq: 3,
    kind: 'test-doc',
    ref: 'ref-3',
    publishedAt,
    contentHash: sha256Hex(doc),
    prevHash: String(row.prev_hash),
  };
  await tamper([
    `UPDATE ledger_entry SET document = '${doc}', content_hash = '${fields.contentHash}', entry_hash = '${computeEntryHash(fields)}' WHERE seq = 3`,
  ]);
  const r = await verifyLedgerDatabase(db);
  assert.deepEqual(codes(r), ['live-altered@3', 'removed@4']);
  assert.match(
    r.findings[0]!.message,
    /seq 3 \(test-doc ref-3\): the live publication differs from what was published at \/value/,
  );
  assert.match(
    r.findings[1]!.message,
    /the entry before seq 4 \(test-doc ref-4\) in the chain .* is not in the ledger: it was removed and the seqs closed up, or it was rewritten/,
  );
});

test('a live publication altered or deleted behind the ledger is caught through the resolver', async () => {
  await sql`UPDATE test_publication SET doc = jsonb_set(doc, '{title}', '"Gói thầu đã sửa"') WHERE ref = 'ref-2'`.execute(
    db,
  );
  await sql`DELETE FROM test_publication WHERE ref = 'ref-7'`.execute(db);
  const r = await verifyLedgerDatabase(db);
  assert.deepEqual(codes(r), ['live-altered@2', 'live-missing@7']);
  assert.match(
    r.findings[0]!.message,
    /seq 2 \(test-doc ref-2\): the live publication differs from what was published at \/title/,
  );
  assert.match(r.findings[1]!.message, /seq 7 \(test-doc ref-7\): the live publication is missing/);
});

test('the first entry chains to the genesis hash and pages are read in seq order', async () => {
  const page = await readLedgerPage(db, 0, 3);
  assert.equal(page[0]!.prevHash, GENESIS_HASH);
  assert.deepEqual(
    page.map((e) => e.seq),
    [1, 2, 3],
  );
  assert.deepEqual(
    (await readLedgerPage(db, 6, 100)).map((e) => e.seq),
    [7, 8],
  );
});
