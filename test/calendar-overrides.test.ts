/**
 * The administrator's override table (migration 0009): writes are audited in the same transaction,
 * the calendar loaded from the database applies them, and the CLI lists a year with its reasons.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import {
  OverrideError,
  addOverride,
  listOverrides,
  loadWorkingCalendar,
  removeOverride,
} from '../src/calendar-admin/overrides.ts';
import { main } from '../src/cli/main.ts';
import type { Database } from '../src/db/connect.ts';
import { createTestDatabase } from './helpers/db.ts';

const run = promisify(execFile);

/**
 * Runs the CLI in this process (starting a process per command is slow on a loaded machine): the
 * strings it writes to stdout/stderr are captured; anything else (the test runner's own binary
 * reports) passes through.
 */
async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
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
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await main(['node', 'minhbach', ...args]);
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = saved.exitCode;
  return { code, ...captured };
}

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.close();
});

test('an override is stored, applied, audited, and removed again (also audited)', async () => {
  const db = database.db;
  const before2027 = await loadWorkingCalendar(db);
  assert.equal(before2027.isWorkingDay('2027-02-12'), true);
  await addOverride(
    db,
    { date: '2027-02-12', working: false, reason: '  Thông báo (thử): nghỉ mùng 7 Tết  ' },
    'admin:lan',
  );
  await addOverride(db, { date: '2027-02-13', working: true, reason: 'Làm bù (thử)' }, 'admin:lan');
  const cal = await loadWorkingCalendar(db);
  assert.equal(cal.isWorkingDay('2027-02-12'), false);
  assert.equal(cal.isWorkingDay('2027-02-13'), true);
  assert.equal(cal.addWorkingDays('2027-02-11', 1), '2027-02-13');
  const listed = await listOverrides(db, 2027);
  assert.deepEqual(
    listed.map((o) => [o.date, o.working, o.reason, o.createdBy]),
    [
      ['2027-02-12', false, 'Thông báo (thử): nghỉ mùng 7 Tết', 'admin:lan'],
      ['2027-02-13', true, 'Làm bù (thử)', 'admin:lan'],
    ],
  );
  assert.deepEqual(await listOverrides(db, 2026), []);
  await assert.rejects(
    addOverride(db, { date: '2027-02-12', working: true, reason: 'again' }, 'admin:lan'),
    (e: unknown) =>
      e instanceof OverrideError &&
      e.code === 'exists' &&
      /2027-02-12 already has an override/.test(e.message),
  );
  await assert.rejects(
    addOverride(db, { date: '2027-02-14', working: true, reason: '   ' }, 'x'),
    /reason must be/,
  );
  await assert.rejects(addOverride(db, { date: '2027-02-30', working: true, reason: 'r' }, 'x'), RangeError);
  await removeOverride(db, '2027-02-13', 'admin:minh');
  await assert.rejects(removeOverride(db, '2027-02-13', 'admin:minh'), /has no override/);
  assert.equal((await loadWorkingCalendar(db)).isWorkingDay('2027-02-13'), false);
  const audit = await db
    .selectFrom('audit_log')
    .select(['actor', 'action', 'old_value', 'new_value'])
    .where('entity', '=', 'calendar_override')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => [a.actor, a.action]),
    [
      ['admin:lan', 'create'],
      ['admin:lan', 'create'],
      ['admin:minh', 'delete'],
    ],
  );
  assert.deepEqual(audit[2]!.old_value, { day: '2027-02-13', working: true, reason: 'Làm bù (thử)' });
});

test('CLI: calendar year prints the days off and make-up days with reasons, aligned', async () => {
  const { stdout } = await run(process.execPath, [
    'bin/minhbach.mjs',
    'calendar',
    'year',
    '2024',
    '--no-overrides',
  ]);
  const lines = stdout.split('\n');
  const row = (date: string) => lines.find((l) => l.startsWith(date)) ?? '';
  assert.match(row('13/02/2024'), /Thứ Ba\s+nghỉ\s+nghỉ bù\s+Nghỉ bù Tết Âm lịch \(mùng 1 tháng Giêng\)/);
  assert.match(row('04/05/2024'), /Thứ Bảy\s+làm việc\s+làm bù/);
  assert.match(row('29/04/2024'), /nghỉ hoán đổi.*2450\/VPCP-KGVX/);
  // Aligned: the reason column starts at the same position on every row.
  const dataRows = lines.filter((l) => /^\d\d\/\d\d\/2024/.test(l));
  assert.equal(dataRows.length, 15);
  const col = (l: string) => l.search(/(nghỉ lễ|nghỉ bù|làm bù|nghỉ hoán đổi)\s/);
  assert.equal(new Set(dataRows.map(col)).size, 1);
  assert.match(stdout, /12 ngày thường được nghỉ, 1 ngày thứ Bảy\/Chủ nhật làm bù/);
});

test('CLI: calendar add, bad input exits 2, overrides through the CLI are applied', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-cal-'));
  const env = { MINHBACH_DATA_DIR: dir };
  try {
    const add = await cli(['calendar', 'add', '2024-02-07', '1', '--no-overrides']);
    assert.equal(add.stdout, '2024-02-15\n');
    const bad = await cli(['calendar', 'add', '2024-02-30', '1', '--no-overrides']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /2024-02-30/);
    const added = await cli(
      [
        'calendar',
        'override',
        'add',
        '2027-02-12',
        '--off',
        '--reason',
        'Thông báo (thử)',
        '--actor',
        'admin:test',
      ],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    const year = await cli(['calendar', 'year', '2027'], env);
    assert.match(
      year.stdout,
      /12\/02\/2027\s+Thứ Sáu\s+nghỉ\s+điều chỉnh\s+Thông báo \(thử\)\s+quản trị viên/,
    );
    assert.match(year.stdout, /chưa có quyết định chính thức cho năm 2027/);
    const next = await cli(['calendar', 'add', '2027-02-11', '1'], env);
    assert.equal(next.stdout, '2027-02-15\n');
    const again = await cli(['calendar', 'override', 'add', '2027-02-12', '--working', '--reason', 'x'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has an override/);
    const list = await cli(['calendar', 'override', 'list', '--year', '2027'], env);
    assert.match(list.stdout, /2027-02-12 {2}nghỉ +Thông báo \(thử\) {2}\(admin:test, /);
    assert.equal((await cli(['calendar', 'override', 'add', '2027-02-13', '--reason', 'x'], env)).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
