/**
 * Verifying from a downloaded copy: `GET /api/ledger` pages and `minhbach ledger export` files are
 * verified by `minhbach ledger verify --file` (exit 0 intact, 1 tampered, 2 usage), and a copy kept
 * from earlier catches what the chain alone cannot (the last entry removed).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { appendToLedger } from '../src/audit/ledger-store.ts';
import { readLedgerFile } from '../src/audit/ledger-file.ts';
import { verifyChain } from '../src/audit/ledger-verify.ts';
import { main } from '../src/cli/main.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';

let database: Database;
let tmp: string;

async function appendSome(db: Database['db'], n: number) {
  for (let i = 1; i <= n; i++) {
    await db.transaction().execute((tx) =>
      appendToLedger(tx, {
        kind: 'test-doc',
        ref: `r/${i}`,
        document: { n: i, tên: `Gói ${i}`, list: [i, i * 1.5, 'x'] },
      }),
    );
  }
}

/**
 * Runs the CLI in this process (starting a process per command is slow on a loaded machine): the
 * strings it writes to stdout/stderr are captured; anything else (the test runner's own binary
 * reports) passes through.
 */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = { stdout: '', stderr: '' };
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const name of ['stdout', 'stderr'] as const) {
    const original = originals[name];
    process[name].write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') {
        captured[name] += chunk;
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      }
      return (original as (...a: unknown[]) => boolean).call(process[name], chunk, ...rest);
    }) as typeof process.stdout.write;
  }
  const saved = { exitCode: process.exitCode, url: process.env.DATABASE_URL };
  process.exitCode = undefined;
  delete process.env.DATABASE_URL;
  try {
    await main(['node', 'minhbach', ...args]);
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = saved.exitCode;
  return { code, ...captured };
}

before(async () => {
  database = await createTestDatabase();
  await appendSome(database.db, 5);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-ledger-'));
});
after(async () => {
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('GET /api/ledger pages through the entries with their documents; saved pages verify', async () => {
  const app = await buildApp({ database });
  try {
    const first = await app.inject('/api/ledger?limit=2');
    assert.equal(first.statusCode, 200);
    const page = first.json();
    assert.equal(page.count, 5);
    assert.equal(page.head.seq, 5);
    assert.deepEqual(
      page.entries.map((e: { seq: number }) => e.seq),
      [1, 2],
    );
    assert.deepEqual(page.entries[1].document, { n: 2, tên: 'Gói 2', list: [2, 3, 'x'] });
    assert.equal(page.links.next, '/api/ledger?after=2&limit=2');
    const pages = [first.body];
    for (let next = page.links.next; next;) {
      const r = await app.inject(next);
      pages.push(r.body);
      next = r.json().links.next;
    }
    assert.equal(pages.length, 3);
    const file = path.join(tmp, 'pages.jsonl');
    fs.writeFileSync(file, pages.join('\n'));
    const report = await verifyChain(readLedgerFile(file));
    assert.deepEqual(report.findings, []);
    assert.equal(report.entries, 5);
    // One pretty-printed page as the whole file is read too.
    const one = path.join(tmp, 'page.json');
    fs.writeFileSync(one, JSON.stringify((await app.inject('/api/ledger?limit=1000')).json(), null, 2));
    assert.equal((await verifyChain(readLedgerFile(one))).entries, 5);
    // Described in OpenAPI under its own tag.
    const openapi = (await app.inject('/api/docs/json')).json();
    assert.deepEqual(openapi.paths['/api/ledger'].get.tags, ['ledger']);
    // Bad parameters are a 400 naming the parameter.
    for (const q of ['limit=0', 'limit=1001', 'after=-1', 'after=0x10', 'limit=abc']) {
      const bad = await app.inject(`/api/ledger?${q}`);
      assert.equal(bad.statusCode, 400, q);
      assert.match(bad.json().error.message, /after|limit/);
    }
  } finally {
    await app.close();
  }
});

test('CLI: export, verify the database and the copy; a tampered copy exits 1 naming the entry; usage exits 2', async () => {
  const dir = path.join(tmp, 'db');
  const d = await openDatabase({ dataDir: dir });
  await migrate(d.db);
  await appendSome(d.db, 4);
  await d.close();
  const copy = path.join(tmp, 'ledger.jsonl');
  assert.equal((await cli(['ledger', 'export', '--data-dir', dir, '--out', copy])).code, 0);
  assert.equal(fs.readFileSync(copy, 'utf8').trim().split('\n').length, 4);

  const db = await cli(['ledger', 'verify', '--data-dir', dir]);
  assert.equal(db.code, 0, db.stdout + db.stderr);
  assert.match(db.stdout, /4 mục \(entries\), mục cuối seq 4/);
  assert.match(db.stdout, /NGUYÊN VẸN — intact/);
  assert.equal((await cli(['ledger', 'verify', '--file', copy])).code, 0);

  // Alter a document in the copy.
  const lines = fs.readFileSync(copy, 'utf8').trim().split('\n');
  const altered = path.join(tmp, 'altered.jsonl');
  fs.writeFileSync(
    altered,
    [lines[0], lines[1]!.replace('"Gói 2"', '"Gói 22"'), lines[2], lines[3]].join('\n'),
  );
  const a = await cli(['ledger', 'verify', '--file', altered]);
  assert.equal(a.code, 1);
  assert.match(a.stdout, /\[document-altered\] seq 2 \(test-doc r\/2\): the document was altered/);
  assert.match(a.stdout, /BỊ SỬA ĐỔI — tampered: 1 finding/);

  // Remove an entry from the copy.
  const removed = path.join(tmp, 'removed.jsonl');
  fs.writeFileSync(removed, [lines[0], lines[2], lines[3]].join('\n'));
  const r = await cli(['ledger', 'verify', '--file', removed]);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /\[removed\] the entry published as seq 2 was removed: seq 3 \(test-doc r\/3\) follows it/,
  );

  // A broken line names the file and line.
  const broken = path.join(tmp, 'broken.jsonl');
  fs.writeFileSync(broken, [lines[0], '{"seq": 2, "kind": "x"'].join('\n'));
  const b = await cli(['ledger', 'verify', '--file', broken]);
  assert.equal(b.code, 1);
  assert.match(b.stderr, /broken\.jsonl:2: not JSON/);

  // Usage errors.
  assert.equal((await cli(['ledger', 'verify', '--file', path.join(tmp, 'nope.jsonl')])).code, 2);
  assert.equal((await cli(['ledger', 'verify', '--against-database'])).code, 2);
  const noDir = path.join(tmp, 'no-such-dir');
  const missing = await cli(['ledger', 'verify', '--data-dir', noDir]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /data directory not found/);
  assert.equal(fs.existsSync(noDir), false);

  // The last entry removed from the database: the chain alone is still valid, the kept copy is not.
  const d2 = await openDatabase({ dataDir: dir });
  await d2.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(tx);
    await sql`DELETE FROM ledger_entry WHERE seq = 4`.execute(tx);
    await sql`ALTER TABLE ledger_entry ENABLE TRIGGER USER`.execute(tx);
  });
  await d2.close();
  assert.equal((await cli(['ledger', 'verify', '--data-dir', dir])).code, 0);
  const c = await cli(['ledger', 'verify', '--file', copy, '--against-database', '--data-dir', dir]);
  assert.equal(c.code, 1);
  assert.match(
    c.stdout,
    /\[copy-missing\] seq 4 \(test-doc r\/4\) of the copy is not in the database: removed/,
  );
});
