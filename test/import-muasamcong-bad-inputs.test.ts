/**
 * Bad inputs next to a good one: each is reported by file name with its reason while the good file
 * imports; folders are walked recursively for *.json in sorted order; the CLI's exit codes.
 * All inputs are made here (no ../shared needed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { importMuasamcong, type ImportReport } from '../src/importers/muasamcong/run.ts';
import { createTestDatabase } from './helpers/db.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'Mua sắm máy biến điện áp 220kV';

/** A search response of one notice, its names decomposed (NFD) as the portal sometimes sends them. */
function goodSearchResponse(notifyNo: string): string {
  return JSON.stringify({
    page: {
      content: [
        {
          notifyNo,
          notifyVersion: '00',
          bidName: [NAME.normalize('NFD')],
          investorCode: 'vnz000022302',
          investorName: 'CÔNG TY PHÁT TRIỂN THỦY ĐIỆN SÊ SAN'.normalize('NFD'),
          bidForm: 'DTRR',
          bidMode: '1_MTHS',
          investField: ['HH'],
          bidPrice: [4.1256e8],
          bidCloseDate: '2026-03-24T15:00:00',
          publicDate: '2026-03-13T16:13:05.502',
          originalPublicDate: '2026-03-13T16:13:05.502',
          status: '01',
          locations: [{ provCode: '51', provName: 'Tỉnh Quảng Ngãi' }],
        },
      ],
      totalElements: 1,
    },
    agg: [],
  });
}

function makeInputs(dir: string): void {
  const big = JSON.stringify({
    bideContractorInputResultDTO: { notifyNo: 'IB2699000009', pad: 'x'.repeat(2000) },
  });
  const files: Record<string, string | Buffer> = {
    'b_truncated.json': Buffer.from(big).subarray(0, 812),
    'c_empty.json': '',
    'd_request.json':
      '[{"pageSize":1,"pageNumber":0,"query":[{"index":"es-contractor-selection","keyWord":"IB2600026487"}]}]',
    'e_error.json': '{"statusCode":400}',
    'f_null.json': 'null',
    'g_number.json': '42',
    'h_text.json': 'this is not JSON',
    'i_shape.json': '{"hello":"world"}',
    'sub/a_good.json': goodSearchResponse('IB2699000001'),
    'sub/notes.txt': 'not a json file: ignored by the folder walk',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

describe('import muasamcong: bad inputs next to a good one', () => {
  let dir: string;
  let database: Database;
  let report: ImportReport;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-import-'));
    makeInputs(path.join(dir, 'in'));
    database = await createTestDatabase();
    report = await importMuasamcong(database.db, [path.join(dir, 'in'), path.join(dir, 'missing')]);
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('each bad file is reported by name with its reason', () => {
    const reasons = Object.fromEntries(report.files.map((f) => [f.file, f.reason ?? f.status]));
    assert.match(reasons['in/b_truncated.json']!, /^truncated JSON at byte 812 \(.+\)$/);
    assert.equal(reasons['in/c_empty.json'], 'empty file');
    assert.equal(
      reasons['in/d_request.json'],
      'not a response of the national system (looks like a search request body)',
    );
    assert.equal(reasons['in/e_error.json'], 'error response from the national system: statusCode 400');
    assert.equal(reasons['in/f_null.json'], 'not a response of the national system (JSON null)');
    assert.equal(reasons['in/g_number.json'], 'not a response of the national system (a JSON number)');
    assert.match(reasons['in/h_text.json']!, /^not JSON: /);
    assert.match(reasons['in/i_shape.json']!, /^unrecognised JSON shape/);
    assert.equal(reasons[path.join(dir, 'missing')], 'path not found');
    assert.equal(reasons['in/sub/a_good.json'], 'imported');
    assert.equal(report.filesRead, 9, 'the .txt file is not read');
    assert.deepEqual([report.imported, report.skipped, report.failed], [1, 0, 9]);
  });

  test('files of a folder are read in sorted path order', () => {
    const inFolder = report.files.map((f) => f.file).filter((f) => f.startsWith('in/'));
    assert.deepEqual(inFolder, [...inFolder].sort());
  });

  test('the good file imports, its NFD text stored as NFC, its times and prices converted', async () => {
    const { rows } = await sql<{
      name: string;
      investor: string;
      price_vnd: number;
      bid_close_at: Date;
      province_code: string;
    }>`
      SELECT v.name, o.name AS investor, v.price_vnd, v.bid_close_at, l.province_code
        FROM tbmt t JOIN tbmt_version v ON v.tbmt_id = t.id JOIN org o ON o.id = v.investor_id
        JOIN tbmt_location l ON l.tbmt_version_id = v.id WHERE t.notify_no = 'IB2699000001'`.execute(
      database.db,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.name, NAME.normalize('NFC'));
    assert.equal(rows[0]!.investor, 'CÔNG TY PHÁT TRIỂN THỦY ĐIỆN SÊ SAN'.normalize('NFC'));
    assert.equal(rows[0]!.price_vnd, 412_560_000);
    assert.equal(rows[0]!.bid_close_at.toISOString(), '2026-03-24T08:00:00.000Z');
    assert.equal(rows[0]!.province_code, '51');
  });
});

describe('minhbach import muasamcong (CLI)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-cli-'));
    fs.mkdirSync(path.join(dir, 'good'));
    fs.writeFileSync(path.join(dir, 'good', 'a.json'), goodSearchResponse('IB2699000002'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"statusCode":400}');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI on an embedded database in `dataDir` (never the DATABASE_URL of the test run). */
  const runIn = (dataDir: string, ...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MINHBACH_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    return spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'minhbach.mjs'), 'import', 'muasamcong', ...args],
      {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
  };
  /** Runs the CLI on its own embedded database in `dir`. */
  const run = (...args: string[]) => runIn(path.join(dir, 'data'), ...args);

  test('exit 0 and a summary when every file imports; the second run changes nothing', () => {
    const r = run(path.join(dir, 'good'));
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `Cơ sở dữ liệu / database: PGlite (nhúng / embedded), ${path.join(dir, 'data')}`);
    assert.ok(
      lines.includes(
        'Tệp / files: 1 đã đọc / read, 1 đã nhập / imported, 0 bỏ qua / skipped, 0 lỗi / failed',
      ),
      r.stdout,
    );
    assert.match(r.stdout, /^ {2}phiên bản thông báo \/ notice versions +1 +0$/m);
    assert.match(
      lines.at(-1)!,
      /^Đã thay đổi \/ changed: 1 gói thầu mới \/ new notices, 0 gói thầu cập nhật/,
    );
    const again = run(path.join(dir, 'good'));
    assert.equal(again.status, 0, again.stderr);
    assert.ok(
      again.stdout.endsWith('\nKhông có thay đổi — nothing changed (all 1 notices already up to date)\n'),
      again.stdout,
    );
    assert.doesNotMatch(again.stdout, /notice versions/, 'no table of rows when nothing was written');
  });

  test('a path that does not exist stops the import before any database is opened or created', () => {
    const dataDir = path.join(dir, 'never');
    const r = runIn(dataDir, path.join(dir, 'good'), path.join(dir, 'does-not-exist'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /path not found, nothing imported: .*does-not-exist/);
    assert.equal(fs.existsSync(dataDir), false, 'no database created');
  });

  test('importing into a database holding the demo data warns (vi + en) and goes on', async () => {
    const dataDir = path.join(dir, 'demo-data');
    const database = await openDatabase({ dataDir });
    await migrate(database.db);
    await sql`INSERT INTO app_meta (key, value) VALUES ('demo_loaded', 'true'::jsonb)`.execute(database.db);
    await database.close();
    const r = runIn(dataDir, path.join(dir, 'good'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /^Cảnh báo: cơ sở dữ liệu này đang có dữ liệu minh họa .*MINHBACH_DATA_DIR.*DATABASE_URL/m,
    );
    assert.match(
      r.stderr,
      /^warning: this database holds the demo dataset; .*MINHBACH_DATA_DIR.*DATABASE_URL/m,
    );
    assert.match(r.stdout, /^warning: this database holds the demo dataset/m);
    assert.match(r.stdout, /Đã thay đổi \/ changed: 1 gói thầu mới/);
  });

  test('exit 1 when a file fails, naming it and the reason', () => {
    const r = run(path.join(dir, 'good'), path.join(dir, 'bad.json'));
    assert.equal(r.status, 1);
    assert.ok(
      r.stdout.includes(
        `${path.join(dir, 'bad.json')}: error response from the national system: statusCode 400`,
      ),
      r.stdout,
    );
    assert.match(r.stderr, /1 of 2 files could not be imported/);
  });

  test('exit 2 on a usage error (no path)', () => {
    const r = run();
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing required argument 'paths'/);
  });
});
