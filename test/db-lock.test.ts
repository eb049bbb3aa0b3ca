import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { openDatabase } from '../src/db/connect.ts';
import { DatabaseInUseError } from '../src/db/dir-lock.ts';

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

test('a lock left by a process that no longer runs is taken over', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-lock-'));
  try {
    fs.writeFileSync(path.join(dir, 'minhbach.lock'), '2147483646');
    const database = await openDatabase({ dataDir: dir });
    assert.equal(fs.readFileSync(path.join(dir, 'minhbach.lock'), 'utf8'), String(process.pid));
    await database.close();
    assert.equal(fs.existsSync(path.join(dir, 'minhbach.lock')), false, 'released on close');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
