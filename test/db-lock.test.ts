import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { openDatabase } from '../src/db/connect.ts';
import { DatabaseInUseError, lockDataDir } from '../src/db/dir-lock.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/minhbach.mjs');

test('an embedded database directory is used by one process at a time', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-lock-'));
  try {
    const first = await openDatabase({ dataDir: dir });
    try {
      await assert.rejects(openDatabase({ dataDir: dir }), DatabaseInUseError);
      // A second process (e.g. an import while the portal runs) is refused with a clear message.
      const env = { ...process.env, MINHBACH_DATA_DIR: dir, DATABASE_URL: '' };
      const child = await run(process.execPath, [BIN, 'migrate'], { env }).catch((e: unknown) => e);
      const { code, stderr } = child as { code: number; stderr: string };
      assert.equal(code, 1);
      assert.match(stderr, /is in use by another minhbach process \(pid \d+\)/);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock left by a process that died (not refreshed for 10 s) is taken over', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-lock-'));
  try {
    const lock = path.join(dir, 'minhbach.lock');
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(dir, 'minhbach.pid'), '2147483646');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    const database = await openDatabase({ dataDir: dir });
    assert.equal(fs.readFileSync(path.join(dir, 'minhbach.pid'), 'utf8'), String(process.pid));
    await database.close();
    assert.equal(fs.existsSync(lock), false, 'released on close');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('of several openers racing for one directory, exactly one gets it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-lock-'));
  try {
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => lockDataDir(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(r.reason instanceof DatabaseInUseError);
    }
    await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
