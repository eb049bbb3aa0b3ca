/**
 * What must not sink an import, and what must sink a whole file: a file of the national system is one
 * transaction (all its hits or none); a community file rejects only its unreadable rows, by JSON
 * pointer; values the database would reject (integers out of range, unsafe amounts, impossible dates,
 * malformed organisation codes) are reported and dropped; folders with symbolic-link loops, FIFOs,
 * broken links and huge files; the count of rows one run creates and fills in.
 * All inputs are made here (no ../shared needed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { formatReport } from '../src/importers/muasamcong/report.ts';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { createTestDatabase } from './helpers/db.ts';

/** One search hit (its values as the portal sends them: single values in arrays). */
function hit(notifyNo: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    notifyNo,
    notifyVersion: '00',
    bidName: [`Mua sắm vật tư y tế ${notifyNo}`],
    investorCode: 'vnz000022302',
    investorName: 'Bệnh viện Đa khoa Hà Nội',
    bidForm: 'DTRR',
    bidMode: '1_MTHS',
    investField: ['HH'],
    bidPrice: [4.1256e8],
    publicDate: '2026-03-13T16:13:05.502',
    status: '01',
    locations: [{ provCode: '01', provName: 'Thành phố Hà Nội' }],
    ...extra,
  };
}

function searchResponse(hits: Record<string, unknown>[]): string {
  return JSON.stringify({ page: { content: hits, totalElements: hits.length }, agg: [] });
}

/** One tender of the community dataset tbyt-2026. */
function tender(notifyNo: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `id-${notifyNo}`,
    notifyId: `id-${notifyNo}`,
    notifyNo,
    name: `Hóa chất xét nghiệm ${notifyNo}`,
    investor: 'Bệnh viện Đại học Y Hà Nội',
    provCode: '01',
    location: 'Phường Kim Liên, Thành phố Hà Nội',
    closeDate: '2026-08-05T08:00:00',
    publicDate: '2026-07-29T18:36:23.185',
    price: 1_175_323_870,
    category: 'Vật tư & hóa chất',
    sourceStatus: '01',
    ...extra,
  };
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

describe('import muasamcong: a file is one transaction', () => {
  let dir: string;
  let database: Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-tx-'));
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const notices = async () =>
    (await sql<{ n: string }>`SELECT notify_no AS n FROM tbmt ORDER BY 1`.execute(database.db)).rows.map(
      (r) => r.n,
    );

  test('a search response whose 2nd hit fails is rolled back whole, naming the notice', async () => {
    write(dir, {
      'search3.json': searchResponse([
        hit('IB2699000101'),
        hit('IB2699000102', { notifyVersion: '1' }),
        hit('IB2699000103'),
      ]),
    });
    const report = await importMuasamcong(database.db, [path.join(dir, 'search3.json')]);
    assert.equal(report.failed, 1);
    const f = report.files[0]!;
    assert.equal(f.status, 'failed');
    assert.match(f.reason!, /^IB2699000102: version "1" is not two digits .*nothing of the file was saved/);
    assert.deepEqual(f.notices, []);
    assert.deepEqual(await notices(), [], 'hits 1 and 3 are not kept');
    assert.equal(report.notices, 0);
  });

  test('tenders.json: an unreadable row is rejected alone, by JSON pointer; the others import', async () => {
    const tenders = [tender('IB2699000201'), tender('IB26'), tender('IB2699000203'), 'not a tender'];
    write(dir, { 'tenders/tenders.json': JSON.stringify({ tenders, fetchedAt: '2026-07-29T12:00:00Z' }) });
    const report = await importMuasamcong(database.db, [path.join(dir, 'tenders')]);
    const f = report.files[0]!;
    assert.equal(f.status, 'failed');
    assert.equal(f.reason, '2 of 4 tenders could not be read (the other 2 notices imported)');
    assert.deepEqual(f.failures, [
      { label: '/tenders/1/notifyNo', reason: '"IB26" is not a notice number (IB + 10 digits)' },
      { label: '/tenders/3', reason: 'not an object' },
    ]);
    assert.deepEqual(f.notices, ['IB2699000201', 'IB2699000203']);
    assert.deepEqual(await notices(), ['IB2699000201', 'IB2699000203']);
    const text = formatReport(report);
    assert.ok(text.includes('  tenders/tenders.json: 2 of 4 tenders could not be read'), text);
    assert.ok(text.includes('    /tenders/1/notifyNo: "IB26" is not a notice number'), text);
  });

  test('bidders.json: a row without a notice number is rejected alone', async () => {
    const row = (notifyNo: unknown, code: string) => ({
      notifyNo,
      tenderName: 'Hóa chất xét nghiệm',
      contractorCode: code,
      taxCode: code.slice(2),
      contractorName: `Công ty ${code}`,
      status: 'participating',
      lotNo: 'PP2699000001',
      lotName: 'Phần 1',
      bidPrice: 1000,
      finalPrice: 1000,
      winningPrice: 0,
      reason: '',
      submittedAt: '2026-06-04T08:02:12.53',
    });
    const bidders = [row('IB2699000201', 'vn0100000001'), row(null, 'vn0100000002')];
    write(dir, { 'bidders/bidders.json': JSON.stringify({ bidders }) });
    const report = await importMuasamcong(database.db, [path.join(dir, 'bidders')]);
    assert.deepEqual(report.files[0]!.failures, [
      { label: '/bidders/1/notifyNo', reason: '"" is not a notice number (IB + 10 digits)' },
    ]);
    assert.deepEqual(report.files[0]!.notices, ['IB2699000201']);
  });
});

describe('import muasamcong: values the database would reject are reported and dropped', () => {
  let dir: string;
  let database: Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-values-'));
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('integers out of range, unsafe amounts, impossible dates, bad codes: the rest imports', async () => {
    const detail = {
      bidoNotifyContractorM: {
        notifyNo: 'IB2699000301',
        notifyVersion: '00',
        bidName: 'Mua sắm máy thở',
        investorCode: 'vn 0101 <b>',
        investorName: 'Bệnh viện Bạch Mai',
        investField: 'HH',
        bidForm: 'DTRR',
        bidMode: '1_MTHS',
        contractPeriod: 99_999_999_999,
        contractPeriodUnit: 'D',
        bidValidityPeriod: 1_099_511_627_776,
        bidValidityPeriodUnit: 'D',
        guaranteeValue: 'GUARANTEE',
        bidPrice: 1e30,
        bidEstimatePrice: 412_560_000,
        publicDate: '2026-02-29T00:00:00',
        originalPublicDate: '0001-01-01T00:00:00',
        bidCloseDate: '275760-09-13T00:00:00Z',
        bidOpenDate: '2026-03-24T15:00:00',
      },
    };
    // 20 digits, as a number literal in the file (JavaScript cannot write it exactly).
    write(dir, { 'tbmt.json': JSON.stringify(detail).replace('"GUARANTEE"', '12345678901234567890') });
    const report = await importMuasamcong(database.db, [path.join(dir, 'tbmt.json')]);
    assert.equal(report.failed, 0, JSON.stringify(report.files));
    const m = 'tbmt.bidoNotifyContractorM';
    for (const key of [
      `${m}.contractPeriod (number out of the integer range, dropped)`,
      `${m}.bidValidityPeriod (number out of the integer range, dropped)`,
      `${m}.guaranteeValue (amount too large to be a VND amount, dropped)`,
      `${m}.bidPrice (amount too large to be a VND amount, dropped)`,
      `${m}.publicDate (unparseable time)`,
      `${m}.originalPublicDate (unparseable time)`,
      `${m}.bidCloseDate (unparseable time)`,
      `${m}.investorCode (not a national organisation code, not used)`,
    ]) {
      assert.equal(report.unmapped[key], 1, `${key}\n${JSON.stringify(report.unmapped, null, 1)}`);
      assert.equal(report.unmappedExamples[key], path.join(dir, 'tbmt.json'));
    }
    const { rows } = await sql<{
      contract_period: number | null;
      bid_validity_days: number | null;
      price_vnd: number | null;
      estimate_vnd: number | null;
      published_at: Date | null;
      bid_open_at: Date | null;
      investor_code: string;
    }>`SELECT v.contract_period, v.bid_validity_days, v.price_vnd, v.estimate_vnd, v.published_at,
              v.bid_open_at, o.code AS investor_code
         FROM tbmt_version v JOIN org o ON o.id = v.investor_id`.execute(database.db);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { ...rows[0], bid_open_at: rows[0]!.bid_open_at?.toISOString() },
      {
        contract_period: null,
        bid_validity_days: null,
        price_vnd: null,
        estimate_vnd: 412_560_000,
        published_at: null,
        bid_open_at: '2026-03-24T08:00:00.000Z',
        investor_code: rows[0]!.investor_code,
      },
    );
    assert.match(rows[0]!.investor_code, /^mb-/, 'the malformed code is not the identity');
  });
});

describe('import muasamcong: folders and special files', () => {
  let dir: string;
  let database: Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-fs-'));
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a symlink loop is reported once and the folder still imports; FIFOs, broken links, huge files are reported', async () => {
    const root = path.join(dir, 'in');
    write(root, {
      'good.json': searchResponse([hit('IB2699000401')]),
      'sub/b.json': searchResponse([hit('IB2699000402')]),
    });
    fs.symlinkSync('..', path.join(root, 'sub', 'up'));
    fs.symlinkSync('.', path.join(root, 'self'));
    fs.symlinkSync(path.join(dir, 'nowhere.json'), path.join(root, 'dangling.json'));
    fs.symlinkSync(path.join(root, 'good.json'), path.join(root, 'same.json'));
    const fifo = spawnSync('mkfifo', [path.join(root, 'pipe.json')]);
    assert.equal(fifo.status, 0, 'mkfifo');
    // 257 MiB without using the disk (sparse): reported from its size, never read.
    fs.closeSync(fs.openSync(path.join(root, 'huge.json'), 'w'));
    fs.truncateSync(path.join(root, 'huge.json'), 257 * 1024 * 1024);

    const report = await importMuasamcong(database.db, [root]);
    const reasons = Object.fromEntries(report.files.map((f) => [f.file, f.reason ?? f.status]));
    assert.deepEqual(reasons, {
      'in/dangling.json': 'broken symbolic link (its target does not exist)',
      'in/huge.json': 'too large (257 MiB > 256 MiB)',
      'in/pipe.json': 'not a regular file (a FIFO, named pipe)',
      'in/good.json': 'imported',
      'in/sub/b.json': 'imported',
    });
    assert.deepEqual(report.warnings, [
      { path: 'in/self, in/sub/up', reason: 'symbolic link back to folder in (a loop): not followed' },
    ]);
    assert.equal(report.notices, 2);
  });

  test('a device given directly is not read', async () => {
    const report = await importMuasamcong(database.db, ['/dev/zero']);
    assert.equal(report.files[0]!.reason, 'not a regular file (a character device)');
    assert.equal(report.filesRead, 0);
  });
});

describe('import muasamcong: rows created in the run are counted as created only', () => {
  let dir: string;
  let database: Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-counts-'));
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a later file of the same run filling a row the run created: created 1, filled in 0', async () => {
    write(dir, {
      'run1/a.json': searchResponse([hit('IB2699000501')]),
      'run1/b.json': searchResponse([
        hit('IB2699000501', { bidCloseDate: '2026-03-24T15:00:00', oddField: 1 }),
      ]),
    });
    const first = await importMuasamcong(database.db, [path.join(dir, 'run1')]);
    assert.equal(first.byEntity.tbmt_version!.updated, 1, 'per save, b.json filled in the version');
    assert.deepEqual(first.changes.tbmt_version, { created: 1, updated: 0 });
    assert.deepEqual([first.notices, first.noticesCreated, first.noticesUpdated], [1, 1, 0]);
    assert.equal(first.unmappedExamples['search.page.content[].oddField'], 'run1/b.json');
    const text = formatReport(first);
    assert.match(text, /^Đã thay đổi \/ changed: 1 gói thầu mới \/ new notices, 0 gói thầu cập nhật/m);
    assert.match(text, /search\.page\.content\[\]\.oddField ×1, ví dụ \/ e\.g\. run1\/b\.json$/m);

    // A later run filling a row stored before it: filled in.
    write(dir, {
      'run2/c.json': searchResponse([hit('IB2699000501', { bidOpenDate: '2026-03-24T15:00:00' })]),
    });
    const later = await importMuasamcong(database.db, [path.join(dir, 'run2')]);
    assert.deepEqual(later.changes.tbmt_version, { created: 0, updated: 1 });
    assert.deepEqual([later.noticesCreated, later.noticesUpdated], [0, 1]);

    const again = await importMuasamcong(database.db, [dir]);
    assert.deepEqual(again.changes, {});
    assert.ok(
      formatReport(again).endsWith(
        'Không có thay đổi — nothing changed (all 1 notices already up to date)\n',
      ),
    );
  });
});

describe('import muasamcong: tbyt bid prices per lot and the field from the category', () => {
  let dir: string;
  let database: Database;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-tbyt-'));
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('result rows ("won"/"lost") are bids of the opening too; a whole bid over several lots is split by lot', async () => {
    const row = (code: string, status: string, lotNo: string, bidPrice: number, finalPrice: number) => ({
      notifyNo: 'IB2699000601',
      tenderName: 'Hóa chất xét nghiệm',
      contractorCode: code,
      taxCode: code.slice(2),
      contractorName: `Công ty ${code}`,
      status,
      lotNo,
      lotName: `Phần ${lotNo}`,
      bidPrice,
      finalPrice,
      winningPrice: status === 'won' ? finalPrice : 0,
      reason: status === 'lost' ? 'Giá cao hơn nhà thầu thứ nhất' : '',
      submittedAt: '2026-07-28T16:49:26.445',
    });
    const bidders = [
      // A bidder of two lots: bidPrice is its whole bid, the sum of its lots.
      row('vn0100000001', 'won', 'PP2699000001', 300, 100),
      row('vn0100000001', 'lost', 'PP2699000002', 300, 200),
      row('vn0100000002', 'won', 'PP2699000002', 150, 150),
    ];
    const tenders = [
      tender('IB2699000601', { participantNames: ['Công ty vn0100000001', 'Công ty vn0100000002'] }),
      tender('IB2699000602', { category: 'Thiết bị y tế' }),
      tender('IB2699000603', { category: 'Dịch vụ' }),
    ];
    write(dir, {
      'tbyt/bidders.json': JSON.stringify({ bidders }),
      'tbyt/tenders.json': JSON.stringify({ tenders }),
    });
    const report = await importMuasamcong(database.db, [path.join(dir, 'tbyt')]);
    assert.equal(report.failed, 0, JSON.stringify(report.files));
    const opening = (
      await sql<{ code: string; lot_no: string; bid: number | null; final: number | null }>`
        SELECT o.code, b.lot_no, b.bid_price_vnd AS bid, b.final_price_vnd AS final FROM bid_opening_bidder b
          JOIN org o ON o.id = b.contractor_id ORDER BY 1, 2`.execute(database.db)
    ).rows;
    assert.deepEqual(opening, [
      { code: 'vn0100000001', lot_no: 'PP2699000001', bid: 100, final: 100 },
      { code: 'vn0100000001', lot_no: 'PP2699000002', bid: 200, final: 200 },
      { code: 'vn0100000002', lot_no: 'PP2699000002', bid: 150, final: 150 },
    ]);
    const winners = (
      await sql<{ code: string; lot_no: string; is_winner: boolean }>`
        SELECT o.code, b.lot_no, b.is_winner FROM kqlcnt_bidder b JOIN org o ON o.id = b.contractor_id
         ORDER BY 1, 2`.execute(database.db)
    ).rows;
    assert.deepEqual(
      winners.map((w) => [w.code, w.lot_no, w.is_winner]),
      [
        ['vn0100000001', 'PP2699000001', true],
        ['vn0100000001', 'PP2699000002', false],
        ['vn0100000002', 'PP2699000002', true],
      ],
    );

    const fields = (
      await sql<{ notify_no: string; field: string | null; src: string | null }>`
        SELECT t.notify_no, p.field, p.field_code_src AS src FROM tbmt t JOIN package p ON p.id = t.package_id
         ORDER BY 1`.execute(database.db)
    ).rows;
    assert.deepEqual(fields, [
      { notify_no: 'IB2699000601', field: 'HH', src: 'tbyt:category=Vật tư & hóa chất' },
      { notify_no: 'IB2699000602', field: 'HH', src: 'tbyt:category=Thiết bị y tế' },
      { notify_no: 'IB2699000603', field: null, src: 'tbyt:category=Dịch vụ' },
    ]);
    assert.equal(
      report.unmapped[
        'tbyt-tenders.tenders[].category="Dịch vụ" (category not in TBYT_CATEGORY_FIELDS: no field)'
      ],
      1,
    );
  });
});

describe('import muasamcong: text the database cannot store', () => {
  test('NUL and lone surrogates in text are removed, the notice imports, and the removal is reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-nul-'));
    const database = await createTestDatabase();
    try {
      write(dir, {
        'nul.json': searchResponse([hit('IB2699000104', { bidName: ['Gói có \u0000 ký tự \ud800 lạ'] })]),
      });
      const report = await importMuasamcong(database.db, [path.join(dir, 'nul.json')]);
      assert.equal(report.failed, 0);
      const name = await sql<{
        name: string;
      }>`SELECT v.name FROM tbmt_version v JOIN tbmt t ON t.id = v.tbmt_id
      WHERE t.notify_no = 'IB2699000104'`.execute(database.db);
      assert.equal(name.rows[0]?.name, 'Gói có ký tự lạ');
      const key = Object.keys(report.unmapped).find((k) =>
        k.includes('bidName (control characters or lone surrogates removed)'),
      );
      assert.ok(key, JSON.stringify(report.unmapped));
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
