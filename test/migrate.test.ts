import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { test } from 'node:test';
import { migrate, MigrationError } from '../src/db/migrate.ts';
import { createTestDatabase } from './helpers/db.ts';

test('migrations apply once; a second run applies nothing', async () => {
  const database = await createTestDatabase(); // already migrated once
  try {
    const again = await migrate(database.db);
    assert.deepEqual(again.applied, []);
    assert.ok(again.alreadyApplied.includes('0001_foundation.sql'));
  } finally {
    await database.close();
  }
});

test('a failing migration stops with an error naming the file, and keeps nothing of it', async () => {
  const database = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-migrations-'));
  try {
    fs.writeFileSync(path.join(dir, '0001_ok.sql'), 'CREATE TABLE mig_ok (id int);');
    fs.writeFileSync(
      path.join(dir, '0002_bad.sql'),
      'CREATE TABLE mig_half (id int);\nCREATE TABLE broken (;',
    );
    await assert.rejects(migrate(database.db, dir), (err: unknown) => {
      assert.ok(err instanceof MigrationError);
      assert.equal(err.file, '0002_bad.sql');
      assert.match(err.message, /Migration 0002_bad\.sql failed: .*syntax error/);
      return true;
    });
    const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
      WHERE table_name IN ('mig_ok', 'mig_half')`.execute(database.db);
    assert.deepEqual(
      tables.rows.map((r) => r.t),
      ['mig_ok'],
      'the failed file left no table behind',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
});

test('a migration changed after it was applied is refused', async () => {
  const database = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-migrations-'));
  try {
    fs.writeFileSync(path.join(dir, '0001_x.sql'), 'CREATE TABLE mig_x (id int);');
    await migrate(database.db, dir);
    fs.writeFileSync(path.join(dir, '0001_x.sql'), 'CREATE TABLE mig_x (id int, y int);');
    await assert.rejects(
      migrate(database.db, dir),
      /0001_x\.sql failed: the file changed after it was applied/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
});
