// Admin-unit import from small hand-made files: normalisation, repairs, conflicts, errors that name
// the file and leave the database unchanged, and the CLI command. Needs no ../shared data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { sql } from 'kysely';
import { registerImportAdminUnits } from '../src/cli/import-admin-units.ts';
import type { Database } from '../src/db/connect.ts';
import { importAdminUnits } from '../src/locations/import.ts';
import { normaliseProvinceCode } from '../src/locations/legacy-province-codes.ts';
import { AdminUnitsSourceError } from '../src/locations/source-file.ts';
import { createTestDatabase } from './helpers/db.ts';

function preFile() {
  return {
    data_date: '01/03/2025',
    stats: { level1_count: 1, level2_count: 1, level3_count: 2 },
    data: [
      {
        level1_id: '01',
        name: 'Thành phố Hà Nội',
        type: 'Thành phố Trung ương',
        level2s: [
          {
            level2_id: '001',
            name: 'Quận Ba Đình',
            type: 'Quận',
            level3s: [
              { level3_id: '00001', name: 'Phường Phúc Xá', type: 'Phường' },
              // Decomposed (NFD) with a double space, as some sources have it.
              { level3_id: '00004', name: 'Phường  Trúc Bạch'.normalize('NFD'), type: 'Phường' },
            ],
          },
        ],
      },
    ],
  };
}

function postFile() {
  const table = (name: string, data: unknown[]) => ({ type: 'table', name, database: 'address', data });
  return [
    { type: 'header', version: '1.1' },
    { type: 'database', name: 'address' },
    table('provinces', [
      { province_code: '01', name: 'Thành phố Hà Nội', place_type: 'Thành phố Trung Ương' },
    ]),
    table('wards', [
      { ward_code: '00004', name: 'Phường Ba Đình', province_code: '01' },
      { ward_code: '00097', name: 'Phường Hồng Hà', province_code: '01' },
    ]),
    table('ward_mappings', [
      {
        old_ward_code: '00001',
        old_ward_name: 'Phường Phúc Xá',
        old_district_name: 'Quận Ba Đình',
        old_province_name: 'Thành phố Hà Nội',
        new_ward_code: '97', // leading zeros lost, as in the real file
        new_ward_name: 'Phường Hồng Hà',
        new_province_name: 'Thành phố Hà Nội',
      },
      {
        old_ward_code: '00004',
        old_ward_name: 'Phường Trúc Bạch',
        old_district_name: 'Quận Ba Đình',
        old_province_name: 'Thành phố Hà Nội',
        new_ward_code: '00004',
        new_ward_name: 'Phường Ba Đình',
        new_province_name: 'Thành phố Hà Nội',
      },
      { old_ward_code: '', old_ward_name: null, new_ward_code: '00004', new_ward_name: 'Phường Ba Đình' },
    ]),
  ];
}

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder with pre-2025/dvhcvn.json and post-2025/address.json (`null` leaves one out). */
function folder(pre: unknown = preFile(), post: unknown = postFile()): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-admin-units-'));
  temporary.push(dir);
  for (const [rel, content] of [
    ['pre-2025/dvhcvn.json', pre],
    ['post-2025/address.json', post],
  ] as const) {
    if (content === null) continue;
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

async function rowCount(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`SELECT (SELECT count(*) FROM admin_unit) + (SELECT count(*) FROM
    admin_unit_mapping) + (SELECT count(*) FROM audit_log) AS n`.execute(database.db);
  return Number(r.rows[0]!.n);
}

async function withDb(fn: (database: Database) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  try {
    await fn(database);
  } finally {
    await database.close();
  }
}

test('imports small files (NFC names, type prefixes, repaired codes); a changed file is a conflict, stored kept', () =>
  withDb(async (database) => {
    const r = await importAdminUnits(database.db, folder());
    assert.deepEqual(r.units.byLevel, {
      'pre2025.province': 1,
      'pre2025.district': 1,
      'pre2025.commune': 2,
      'post2025.province': 1,
      'post2025.commune': 2,
    });
    assert.deepEqual([r.mappings.created, r.mappings.codeCorrected, r.mappings.withoutOldCommune], [2, 1, 1]);
    const tb = await database.db
      .selectFrom('admin_unit')
      .select(['name', 'short_name', 'name_folded'])
      .where('code', '=', '00004')
      .where('era', '=', 'pre2025')
      .executeTakeFirstOrThrow();
    assert.deepEqual(tb, { name: 'Phường Trúc Bạch', short_name: 'Trúc Bạch', name_folded: 'truc bach' });
    assert.equal(tb.name, tb.name.normalize('NFC'));
    const m = await database.db
      .selectFrom('admin_unit_mapping')
      .select(['new_commune_code', 'new_commune_code_src'])
      .where('old_commune_code', '=', '00001')
      .executeTakeFirstOrThrow();
    assert.deepEqual(m, { new_commune_code: '00097', new_commune_code_src: '97' });

    const changed = preFile();
    changed.data[0]!.level2s[0]!.level3s[0]!.name = 'Phường Phúc Xá Mới';
    const before = await rowCount(database);
    const again = await importAdminUnits(database.db, folder(changed));
    assert.deepEqual([again.units.created, again.units.conflicting, again.units.unchanged], [0, 1, 6]);
    assert.deepEqual(
      again.conflicts.map((c) => [c.key, c.column, c.stored, c.offered]),
      [
        ['pre2025.commune.00001', 'name', 'Phường Phúc Xá', 'Phường Phúc Xá Mới'],
        ['pre2025.commune.00001', 'short_name', 'Phúc Xá', 'Phúc Xá Mới'],
        ['pre2025.commune.00001', 'name_folded', 'phuc xa', 'phuc xa moi'],
      ],
    );
    assert.equal(await rowCount(database), before, 'nothing written, not even an audit row');
  }));

test('a missing or malformed file gives an error naming it and leaves no rows', (t) =>
  withDb(async (database) => {
    const cases = [
      ['truncated JSON', preFile(), '[{"type":"header"', /post-2025[/\\]address\.json: not valid JSON/],
      [
        'a ward code of 4 digits',
        preFile(),
        JSON.stringify(postFile()).replace('"ward_code":"00004"', '"ward_code":"0004"'),
        /post-2025[/\\]address\.json: wards\[0\]: "ward_code" must be 5 digits, got "0004"/,
      ],
      [
        'counts that disagree with stats',
        { ...preFile(), stats: { level1_count: 2 } },
        postFile(),
        /pre-2025[/\\]dvhcvn\.json: stats: "level1_count" says 2 but 1 were read/,
      ],
      ['a missing file', preFile(), null, /post-2025[/\\]address\.json: file not found/],
    ] as const;
    for (const [label, pre, post, message] of cases) {
      await t.test(label, async () => {
        await assert.rejects(importAdminUnits(database.db, folder(pre, post)), (err: unknown) => {
          assert.ok(err instanceof AdminUnitsSourceError);
          assert.match(err.message, message);
          return true;
        });
        assert.equal(await rowCount(database), 0);
      });
    }
  }));

test('legacy national-system province codes: only documented ones are translated', () => {
  assert.equal(normaliseProvinceCode('223'), '27');
  assert.equal(normaliseProvinceCode(' 01 '), '01');
  assert.equal(normaliseProvinceCode('101'), undefined);
  assert.equal(normaliseProvinceCode(null), undefined);
});

test('CLI: minhbach import admin-units <dir> prints counts; a bad folder fails naming it', async () => {
  const out: string[] = [];
  const err: string[] = [];
  let opened = 0;
  const run = (dir: string) => {
    const program = new Command().exitOverride();
    registerImportAdminUnits(program.command('import'), {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      errIsTty: false,
      openDatabase: () => {
        opened++;
        return createTestDatabase();
      },
    });
    return program.parseAsync(['node', 'minhbach', 'import', 'admin-units', dir]);
  };
  await run(folder());
  assert.match(out.join(''), /^admin_unit: 7 created, 0 unchanged, 0 conflicting/m);
  assert.match(out.join(''), /^admin_unit_mapping: 2 created/m);
  assert.match(err.join(''), /^admin_unit: 7\/7$/m);
  const missing = path.join(os.tmpdir(), 'mb-admin-units-nowhere');
  await assert.rejects(run(missing), (e: unknown) => {
    assert.ok(e instanceof AdminUnitsSourceError);
    assert.equal(
      e.message,
      `${missing}: folder not found (expected pre-2025/dvhcvn.json and post-2025/address.json in it)`,
    );
    return true;
  });
  assert.equal(opened, 1, 'a bad folder fails before any database is opened');
});
