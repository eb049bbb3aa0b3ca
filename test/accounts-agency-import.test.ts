/**
 * The agency CSV import writes in chunks (multi-row statements) and still behaves like one
 * `saveAgency` per row: a file larger than a chunk, parents named further down across chunk
 * boundaries, an investor already in the database becoming an agency, one audit row per created or
 * changed agency (old → new), nothing for unchanged rows, and bad rows reported by line and column
 * with the rows that depend on them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { listAgencies } from '../src/accounts/agencies.ts';
import { importAgencyCsv } from '../src/accounts/agency-csv.ts';
import type { Database } from '../src/db/connect.ts';
import { createTestDatabase } from './helpers/db.ts';

const N = 2600;
const code = (i: number) => `dv-${String(i).padStart(5, '0')}`;

/** `N` agencies under `tp-hn`; rows 1–10 name a parent 2000 rows further down (another chunk). */
function csv(rename = -1): string {
  const lines = [
    'code,name,kind,parent_code,valid_from,valid_to',
    'tp-hn,UBND Thành phố Hà Nội,ubnd-tinh,,,',
  ];
  for (let i = 1; i <= N; i++) {
    const parent = i <= 10 ? code(i + 2000) : 'tp-hn';
    const name = i === rename ? `Phường Hoàn Kiếm mới ${i}` : `Phường số ${i}`;
    lines.push(`${code(i)},${name},ubnd-xa,${parent},01/07/2025,`);
  }
  lines.push('vn0100109106,Ban QLDA Sở Xây dựng,ban-qlda,tp-hn,,');
  return lines.join('\n');
}

async function auditCount(database: Database): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'org'`.execute(
    database.db,
  );
  return r.rows[0]!.n;
}

describe('agency CSV import in chunks', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    // An investor first seen in procurement data: the import turns it into an agency.
    await database.db
      .insertInto('org')
      .values({ code: 'vn0100109106', name: 'Ban QLDA', name_folded: 'ban qlda', source: 'muasamcong' })
      .execute();
  });
  after(async () => {
    await database?.close();
  });

  test('every row is created or updated, with its parent, and audited once', async () => {
    const progress: number[] = [];
    const r = await importAgencyCsv(database.db, csv(), 'test', {
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(r.errors, []);
    assert.deepEqual([r.rows, r.created, r.updated, r.unchanged], [N + 2, N + 1, 1, 0]);
    assert.deepEqual(progress, [1000, 2000, N + 2]);
    const byCode = new Map((await listAgencies(database.db)).map((a) => [a.code, a]));
    assert.equal(byCode.get(code(3))!.parentCode, code(2003));
    assert.equal(byCode.get(code(3))!.depth, 2);
    assert.equal(byCode.get(code(3))!.validFrom, '2025-07-01');
    assert.equal(byCode.get('vn0100109106')!.kind, 'ban-qlda');
    assert.equal(await auditCount(database), N + 2);
    const update = await sql<{ old: Record<string, unknown>; now: Record<string, unknown> }>`
      SELECT old_value AS old, new_value AS now FROM audit_log
      WHERE entity = 'org' AND action = 'update'`.execute(database.db);
    assert.deepEqual(update.rows[0]!.old, { name: 'Ban QLDA', unit_kind: null, parent_code: null });
    assert.deepEqual(update.rows[0]!.now, {
      name: 'Ban QLDA Sở Xây dựng',
      unit_kind: 'ban-qlda',
      parent_code: 'tp-hn',
    });
  });

  test('the same file again changes nothing; one renamed row is one update', async () => {
    const again = await importAgencyCsv(database.db, csv(), 'test');
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, N + 2]);
    assert.equal(await auditCount(database), N + 2);
    const renamed = await importAgencyCsv(database.db, csv(1500), 'test');
    assert.deepEqual([renamed.created, renamed.updated, renamed.unchanged], [0, 1, N + 1]);
    const last = await sql<{ id: number; old: unknown; now: unknown }>`
      SELECT entity_id AS id, old_value AS old, new_value AS now FROM audit_log
      WHERE entity = 'org' ORDER BY audit_log.id DESC LIMIT 1`.execute(database.db);
    assert.deepEqual(last.rows[0]!.old, { name: 'Phường số 1500' });
    assert.deepEqual(last.rows[0]!.now, { name: 'Phường Hoàn Kiếm mới 1500' });
    const folded = await sql<{
      f: string;
    }>`SELECT name_folded AS f FROM org WHERE code = ${code(1500)}`.execute(database.db);
    assert.equal(folded.rows[0]!.f, 'phuong hoan kiem moi 1500');
  });

  test('bad rows are reported by line and column, with the rows that depend on them', async () => {
    const text = [
      'code,name,kind,parent_code',
      'q-mot,Quận Một,ubnd-huyen,tp-hn',
      'p-a,Phường A,ubnd-xa,q-khong-co',
      'p-b,Phường B,ubnd-xa,p-a',
      'p-c,Phường C,xa,q-mot',
      'p-d,Phường D,ubnd-xa,q-mot',
    ].join('\n');
    const r = await importAgencyCsv(database.db, text, 'test');
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column]),
      [
        [3, 'parent_code'],
        [4, 'parent_code'],
        [5, 'kind'],
      ],
    );
    assert.match(r.errors[1]!.messageVi, /không có đơn vị “p-a”/);
    assert.deepEqual([r.created, r.updated], [2, 0]);
  });
});
