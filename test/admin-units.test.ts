import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { importAdminUnits, type ImportAdminUnitsResult } from '../src/locations/import.ts';
import {
  currentCommuneFor,
  currentProvinceFor,
  eraAt,
  findUnit,
  provinceName,
} from '../src/locations/lookups.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const DIR = sharedPath('real-data', 'admin-units');

/** Rows per `era.level` of admin_unit, plus the mapping and audit_log row counts. */
async function counts(
  database: Database,
): Promise<{ units: Record<string, number>; mappings: number; audit: number }> {
  const units = await sql<{ k: string; n: number }>`SELECT era || '.' || level AS k, count(*)::int AS n
    FROM admin_unit GROUP BY 1`.execute(database.db);
  const other = await sql<{
    m: number;
    a: number;
  }>`SELECT (SELECT count(*)::int FROM admin_unit_mapping) AS m,
    (SELECT count(*)::int FROM audit_log) AS a`.execute(database.db);
  return {
    units: Object.fromEntries(units.rows.map((r) => [r.k, r.n])),
    mappings: other.rows[0]!.m,
    audit: other.rows[0]!.a,
  };
}

describe(
  'admin units: real import of both eras',
  { skip: skipWithoutShared('real-data/admin-units') },
  () => {
    let database: Database;
    let first: ImportAdminUnitsResult;

    before(async () => {
      database = await createTestDatabase();
      first = await importAdminUnits(database.db, DIR);
    });
    after(async () => {
      await database?.close();
    });

    test('imports 63/696/10,047 pre-2025 and 34/3,321 post-2025 units, and the mapping', async () => {
      const expected = {
        'pre2025.province': 63,
        'pre2025.district': 696,
        'pre2025.commune': 10047,
        'post2025.province': 34,
        'post2025.commune': 3321,
      };
      assert.deepEqual(first.units.byLevel, expected);
      assert.equal(first.units.created, 14161);
      assert.equal(first.pre2025DataDate, '2025-03-01');
      assert.equal(first.mappings.rowsInFile, 10977);
      assert.equal(first.mappings.unresolved, 0);
      assert.equal(first.mappings.created, first.mappings.read);
      const c = await counts(database);
      assert.deepEqual(c.units, expected);
      assert.equal(c.mappings, first.mappings.created);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'entity'])
        .orderBy('id')
        .execute();
      assert.deepEqual(audit, [
        { actor: 'import:admin-units', action: 'create', entity: 'admin_unit' },
        { actor: 'import:admin-units', action: 'create', entity: 'admin_unit_mapping' },
      ]);
    });

    test('Hà Nội is 01 in both eras; Bắc Ninh changes code on 1 July 2025', async () => {
      for (const era of ['pre2025', 'post2025'] as const) {
        const hn = await findUnit(database.db, { code: '01', era });
        assert.equal(hn?.name, 'Thành phố Hà Nội');
        assert.equal(hn?.level, 'province');
      }
      assert.equal(await provinceName(database.db, '01', '2025-06-30'), 'Thành phố Hà Nội');
      assert.equal(await provinceName(database.db, '01', '2025-07-01'), 'Thành phố Hà Nội');
      assert.equal(await provinceName(database.db, '27', '2025-06-30'), 'Tỉnh Bắc Ninh');
      assert.equal(await provinceName(database.db, '27', '2025-07-01'), undefined);
      assert.equal(await provinceName(database.db, '24', '2025-07-01'), 'Tỉnh Bắc Ninh');
      // 00:30 on 1 July 2025 in Vietnam is still 30 June in UTC: the Vietnam day decides.
      const justAfter = new Date('2025-06-30T17:30:00Z');
      assert.equal(eraAt(justAfter), 'post2025');
      assert.equal(await provinceName(database.db, '27', justAfter), undefined);
      // The national system's legacy code 223 (IB2600022089) is Bắc Ninh, GSO 27, now part of 24.
      assert.equal(await provinceName(database.db, '223', '2025-06-26'), 'Tỉnh Bắc Ninh');
      assert.deepEqual(
        (await currentProvinceFor(database.db, '223')).map((u) => u.code),
        ['24'],
      );
      const cb = await findUnit(database.db, { code: '04', era: 'post2025' });
      assert.equal(cb?.name, 'Tỉnh Cao Bằng', 'post-2025 province names get their type prefix');
      assert.equal(cb?.shortName, 'Cao Bằng');
      assert.equal(cb?.validFrom, '2025-07-01');
    });

    test('an old Hà Nội commune maps to its new ward (Phường Phúc Xá 00001 → Phường Hồng Hà 00097)', async () => {
      const old = await findUnit(database.db, { code: '00001', era: 'pre2025' });
      assert.deepEqual(
        {
          name: old?.name,
          type: old?.unitType,
          parent: old?.parentCode,
          province: old?.provinceCode,
          to: old?.validTo,
        },
        { name: 'Phường Phúc Xá', type: 'Phường', parent: '001', province: '01', to: '2025-06-30' },
      );
      const now = await currentCommuneFor(database.db, '00001');
      assert.deepEqual(
        now.map((u) => [u.code, u.name, u.provinceCode, u.era]),
        [['00097', 'Phường Hồng Hà', '01', 'post2025']],
      );
      assert.deepEqual(await currentCommuneFor(database.db, '99999'), []);
    });

    test('mapping codes the source got wrong are repaired by name within the new province', async () => {
      // The source gives new_ward_code "4000" for Xã Đoàn Kết in both Sơn La (04000) and Lạng Sơn (06001).
      const rows = await database.db
        .selectFrom('admin_unit_mapping')
        .select(['new_commune_code', 'new_commune_code_src'])
        .where('old_commune_name', '=', 'Xã Vĩnh Tiến')
        .where('old_district_name', '=', 'Huyện Tràng Định')
        .execute();
      assert.deepEqual(rows, [{ new_commune_code: '06001', new_commune_code_src: '4000' }]);
      const orphans = await sql<{ n: number }>`SELECT count(*)::int AS n FROM admin_unit_mapping m
      WHERE NOT EXISTS (SELECT 1 FROM admin_unit u WHERE u.era = 'post2025' AND u.level = 'commune'
        AND u.code = m.new_commune_code)`.execute(database.db);
      assert.equal(orphans.rows[0]!.n, 0, 'every new code is a post-2025 commune');
    });

    test('post-2025 commune codes are exactly those of Official letter 1027/CTK-CSCL', async () => {
      const md = fs.readFileSync(
        sharedPath('real-data', 'admin-units', 'post-2025', '1027_CTK-CSCL.md'),
        'utf8',
      );
      const official = [...md.matchAll(/^\|\s*\d+\s*\|\s*(\d{5})\s*\|/gm)].map((m) => m[1]!).sort();
      const stored = await database.db
        .selectFrom('admin_unit')
        .select('code')
        .where('era', '=', 'post2025')
        .where('level', '=', 'commune')
        .orderBy('code')
        .execute();
      assert.equal(official.length, 3321);
      assert.deepEqual(
        stored.map((r) => r.code),
        official,
      );
    });

    test('a second import creates nothing and writes nothing', async () => {
      const before = await counts(database);
      const again = await importAdminUnits(database.db, DIR);
      assert.equal(again.units.created, 0);
      assert.equal(again.units.unchanged, 14161);
      assert.equal(again.mappings.created, 0);
      assert.equal(again.mappings.unchanged, first.mappings.created);
      assert.equal(again.units.conflicting + again.mappings.conflicting, 0);
      assert.deepEqual(await counts(database), before, 'row counts (including audit_log) are identical');
    });
  },
);
