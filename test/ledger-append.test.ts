import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import {
  GENESIS_HASH,
  LedgerError,
  canonicalJson,
  computeEntryHash,
  sha256Hex,
} from '../src/audit/ledger.ts';
import { appendToLedger, ledgerHead, readLedgerPage } from '../src/audit/ledger-store.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

test('RFC 8785 canonical JSON: keys sorted by UTF-16 code units, numbers in shortest form', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [1.0, 1e21, 'é'], '\u20ac': 0, '\r': 0 }),
    '{"\\r":0,"a":[1,1e+21,"é"],"b":1,"€":0}',
  );
  assert.throws(() => canonicalJson(undefined), LedgerError);
  assert.throws(() => canonicalJson({ x: NaN }), /NaN/);
});

test('appends chain: seq 1, 2, 3 with prev hash and the documented entry hash', async () => {
  const docs = [{ id: 'r1', value: 1 }, { value: 2, id: 'r2' }, [1, 'two']];
  const results = [];
  for (const [i, document] of docs.entries()) {
    results.push(
      await database.db.transaction().execute((tx) =>
        appendToLedger(tx, {
          kind: 'test-doc',
          ref: `ref-${i + 1}`,
          document,
          publishedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6 + i)),
        }),
      ),
    );
  }
  assert.deepEqual(
    results.map((r) => r.seq),
    [1, 2, 3],
  );
  const rows = await readLedgerPage(database.db, 0, 10);
  assert.equal(rows[0]!.prevHash, GENESIS_HASH);
  assert.equal(rows[1]!.prevHash, rows[0]!.hash);
  assert.equal(rows[2]!.prevHash, rows[1]!.hash);
  assert.equal(rows[1]!.documentText, '{"id":"r2","value":2}');
  assert.equal(rows[1]!.contentHash, sha256Hex('{"id":"r2","value":2}'));
  assert.equal(rows[0]!.publishedAt, '2026-01-02T03:04:05.006Z');
  // The entry hash is sha256 over the seven documented lines.
  const expected = sha256Hex(
    [
      'minhbach-ledger-v1',
      '2',
      'test-doc',
      'ref-2',
      '2026-01-02T03:04:05.007Z',
      rows[1]!.contentHash,
      rows[0]!.hash,
    ].join('\n'),
  );
  assert.equal(rows[1]!.hash, expected);
  assert.equal(computeEntryHash(rows[1]!), expected);
  assert.deepEqual(await ledgerHead(database.db), { count: 3, head: { seq: 3, hash: rows[2]!.hash } });
});

test('the same ref with the same document is idempotent; with another document it is refused', async () => {
  const again = await database.db
    .transaction()
    .execute((tx) =>
      appendToLedger(tx, { kind: 'test-doc', ref: 'ref-1', document: { value: 1, id: 'r1' } }),
    );
  assert.equal(again.seq, 1);
  await assert.rejects(
    database.db
      .transaction()
      .execute((tx) =>
        appendToLedger(tx, { kind: 'test-doc', ref: 'ref-1', document: { id: 'r1', value: 9 } }),
      ),
    (err: unknown) => err instanceof LedgerError && err.code === 'ref-conflict' && /seq 1/.test(err.message),
  );
  await assert.rejects(
    database.db
      .transaction()
      .execute((tx) => appendToLedger(tx, { kind: 'Bad Kind', ref: 'x', document: {} })),
    /kind must match/,
  );
  await assert.rejects(
    database.db.transaction().execute((tx) => appendToLedger(tx, { kind: 'k', ref: 'a\nb', document: {} })),
    /control characters/,
  );
});

test('an append rolled back with its transaction leaves no entry and no gap', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (tx) => {
      await appendToLedger(tx, { kind: 'test-doc', ref: 'rolled-back', document: {} });
      throw new Error('publication failed');
    }),
    /publication failed/,
  );
  const next = await database.db
    .transaction()
    .execute((tx) => appendToLedger(tx, { kind: 'test-doc', ref: 'ref-4', document: {} }));
  assert.equal(next.seq, 4);
});

test('concurrent appends are serialised into one unbroken chain', async () => {
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      database.db
        .transaction()
        .execute((tx) => appendToLedger(tx, { kind: 'test-doc', ref: `c-${i}`, document: { i } })),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.seq).sort((a, b) => a - b),
    [5, 6, 7, 8, 9, 10, 11, 12],
  );
  const rows = await readLedgerPage(database.db, 0, 100);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
});

test('the table refuses UPDATE and DELETE', async () => {
  await assert.rejects(
    sql`UPDATE ledger_entry SET ref = 'x' WHERE seq = 1`.execute(database.db),
    /append-only/,
  );
  await assert.rejects(sql`DELETE FROM ledger_entry WHERE seq = 1`.execute(database.db), /append-only/);
});
