/**
 * `importMuasamcong()` on the real responses of the national system (../shared/real-data/muasamcong/api):
 * bad files reported by name and reason, the merged stories of IB2600077452 (result with 6 bidders)
 * and IB2600022089 (cancelled), NFD input stored as NFC, and idempotence.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database, DB } from '../src/db/connect.ts';
import { importMuasamcong, type ImportReport } from '../src/importers/muasamcong/run.ts';
import { createTestDatabase } from './helpers/db.ts';
import { snapshot } from './helpers/snapshot.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const API = sharedPath('real-data', 'muasamcong', 'api');
const skip = skipWithoutShared('real-data', 'muasamcong', 'api');

function totals(r: ImportReport) {
  const t = { created: 0, updated: 0, unchanged: 0 };
  for (const c of Object.values(r.byEntity)) {
    t.created += c.created;
    t.updated += c.updated;
    t.unchanged += c.unchanged;
  }
  return t;
}

describe('import muasamcong: api/ responses', { skip }, () => {
  let database: Database;
  let db: Kysely<DB>;
  let first: ImportReport;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    first = await importMuasamcong(db, [API]);
  });
  after(() => database?.close());

  test('every bad file is reported by name with its reason; every other file imports', () => {
    const byFile = new Map(first.files.map((f) => [f.file, f]));
    assert.equal(first.filesRead, 25);
    const requests = fs.readdirSync(path.join(API, 'requests')).sort();
    assert.equal(requests.length, 14);
    for (const name of requests) {
      const f = byFile.get(`api/requests/${name}`);
      assert.equal(f?.status, 'failed', name);
      assert.match(
        f!.reason!,
        /^not a response of the national system \(looks like a (search )?request body/,
        name,
      );
    }
    assert.equal(
      byFile.get('api/requests/probe_status.json')!.reason,
      'not a response of the national system (looks like a search request body)',
    );
    assert.deepEqual(byFile.get('api/search_ib2600094230.json'), {
      file: 'api/search_ib2600094230.json',
      kind: null,
      status: 'failed',
      reason: 'error response from the national system: statusCode 400',
      notices: [],
      failures: [],
    });
    assert.equal(byFile.get('api/ib2600077452_bid_open.json')!.status, 'skipped');
    const imported = first.files.filter((f) => f.status === 'imported').map((f) => f.file);
    assert.deepEqual(imported, [
      'api/ib2600022089_search.json',
      'api/ib2600022089_tbmt.json',
      'api/ib2600077452_kqlcnt.json',
      'api/ib2600077452_lot_open.json',
      'api/ib2600077452_lot_open_detail.json',
      'api/ib2600077452_search.json',
      'api/ib2600077452_tbmt.json',
      'api/ib2600084950_kqlcnt.json',
      'api/ib2600084950_search.json',
    ]);
    assert.deepEqual([first.imported, first.skipped, first.failed, first.notices], [9, 1, 15, 3]);
    // Files are listed in sorted path order.
    const names = first.files.map((f) => f.file);
    assert.deepEqual(names, [...names].sort());
  });

  test('IB2600077452: 6 opening bidders with prices, discount and security', async () => {
    const rows = await q(sql<{
      code: string;
      bid_price_vnd: number;
      final_price_vnd: number;
      discount_percent: number | null;
      bid_security_vnd: number | null;
      opened_at: Date;
    }>`
      SELECT o.code, b.bid_price_vnd, b.final_price_vnd, b.discount_percent, b.bid_security_vnd, bo.opened_at
        FROM bid_opening_bidder b JOIN bid_opening bo ON bo.id = b.bid_opening_id
        JOIN tbmt t ON t.id = bo.tbmt_id JOIN org o ON o.id = b.contractor_id
       WHERE t.notify_no = 'IB2600077452' ORDER BY b.bid_price_vnd`);
    assert.deepEqual(
      rows.map((r) => [r.code, r.bid_price_vnd]),
      [
        ['vn0317079577', 219_994_920],
        ['vn0107943399', 221_850_360],
        ['vn0316870296', 251_663_500],
        ['vn0901042929', 279_936_000],
        ['vn0402096735', 372_359_174],
        ['vn0110435973', 378_756_000],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.bid_security_vnd),
      [null, null, 6_000_000, null, 6_000_000, 6_000_000],
    );
    assert.deepEqual(
      rows.map((r) => r.discount_percent),
      [0, 0, null, 0, null, 0],
    );
    assert.equal(rows[0]!.opened_at.toISOString(), '2026-03-24T09:02:58.241Z');
  });

  test('IB2600077452: result with 6 bidders, the winner, losers with reasons, the goods table', async () => {
    const [result] = await q(sql<{ id: number; version: string; decision_no: string; published_at: Date }>`
      SELECT k.id, k.version, k.decision_no, k.published_at FROM kqlcnt k JOIN tbmt t ON t.id = k.tbmt_id
       WHERE t.notify_no = 'IB2600077452'`);
    assert.equal(result!.version, '00');
    assert.equal(result!.decision_no, '196/QĐ-TĐSS');
    assert.equal(result!.published_at.toISOString(), '2026-04-29T09:06:52.000Z');
    const bidders = await q(sql<{
      code: string;
      name: string;
      is_winner: boolean;
      reason: string | null;
      winning_price_vnd: number | null;
    }>`
      SELECT o.code, o.name, b.is_winner, b.reason, b.winning_price_vnd FROM kqlcnt_bidder b
        JOIN org o ON o.id = b.contractor_id WHERE b.kqlcnt_id = ${result!.id} ORDER BY b.bid_price_vnd`);
    assert.equal(bidders.length, 6);
    const winners = bidders.filter((b) => b.is_winner);
    assert.deepEqual(winners, [
      {
        code: 'vn0317079577',
        name: 'CÔNG TY TNHH DỊCH VỤ - TƯ VẤN VÀ XÂY DỰNG ĐIỆN NAM SÀI GÒN',
        is_winner: true,
        reason: null,
        winning_price_vnd: 219_994_920,
      },
    ]);
    assert.deepEqual(
      bidders.filter((b) => !b.is_winner).map((b) => b.reason),
      [2, 3, 4, 5, 6].map((n) => `Nhà thầu xếp hạng ${n}.`),
    );
    const items = await q(sql<{
      code: string;
      name: string;
      model: string;
      unit_price_vnd: number;
      quantity: number;
    }>`
      SELECT o.code, i.name, i.model, i.unit_price_vnd, i.quantity FROM kqlcnt_item i
        JOIN org o ON o.id = i.contractor_id WHERE i.kqlcnt_id = ${result!.id}`);
    assert.deepEqual(items, [
      {
        code: 'vn0317079577',
        name: 'Máy biến điện áp 220kV',
        model: 'TYD220√3- 0.005H',
        unit_price_vnd: 219_994_920,
        quantity: 1,
      },
    ]);
  });

  test('IB2600077452: notice version times in UTC, codes, plan and package', async () => {
    const [v] = await q(sql<Record<string, unknown>>`
      SELECT v.bid_close_at, v.bid_open_at, v.published_at, v.method, v.procedure, v.field, v.price_vnd,
             v.documents_decision_date, i.code AS investor, p.bid_no, k.plan_no, s.state
        FROM tbmt_version v JOIN tbmt t ON t.id = v.tbmt_id JOIN package p ON p.id = t.package_id
        JOIN khlcnt k ON k.id = p.khlcnt_id JOIN org i ON i.id = v.investor_id
        JOIN tbmt_search s ON s.tbmt_id = t.id
       WHERE t.notify_no = 'IB2600077452' AND v.version = '00'`);
    assert.equal((v!.bid_close_at as Date).toISOString(), '2026-03-24T08:00:00.000Z');
    assert.equal((v!.bid_open_at as Date).toISOString(), '2026-03-24T08:00:00.000Z');
    assert.equal((v!.published_at as Date).toISOString(), '2026-03-13T09:13:05.502Z');
    assert.equal((v!.documents_decision_date as Date).toISOString(), '2026-03-13T09:12:00.000Z');
    assert.deepEqual(
      [v!.method, v!.procedure, v!.field, v!.price_vnd, v!.investor, v!.bid_no, v!.plan_no, v!.state],
      ['DTRR', '1_MTHS', 'HH', 412_560_000, 'vnz000022302', 'BP2600105679', 'PL2600044908', 'awarded'],
    );
  });

  test('IB2600022089: cancelled with its reason and date; legacy province 223 stored as GSO 27', async () => {
    const [c] = await q(sql<{
      reason: string;
      cancelled_at: Date;
      status: string;
      state: string;
      province_code: string;
      province_name: string;
      price_vnd: number;
    }>`
      SELECT c.reason, c.cancelled_at, v.status_code_src AS status, s.state, l.province_code, l.province_name, v.price_vnd
        FROM tbmt t JOIN tbmt_cancellation c ON c.tbmt_id = t.id JOIN tbmt_version v ON v.tbmt_id = t.id
        JOIN tbmt_search s ON s.tbmt_id = t.id JOIN tbmt_location l ON l.tbmt_version_id = v.id
       WHERE t.notify_no = 'IB2600022089'`);
    assert.equal(c!.reason, 'Rà soát, cập nhật lại HSMT');
    assert.equal(c!.cancelled_at.toISOString(), '2026-02-02T01:58:53.000Z');
    assert.deepEqual(
      [c!.status, c!.state, c!.province_code, c!.province_name],
      ['03', 'cancelled', '27', 'Tỉnh Bắc Ninh'],
    );
    // The TBMT detail's package price wins over the search hit's bidPrice (the estimate), reported as a conflict.
    assert.equal(c!.price_vnd, 88_698_500_000);
    assert.ok(
      first.conflicts.some((x) => x.column === 'tbmt_version.price_vnd' && x.example.includes('95300000000')),
    );
  });

  test('IB2600084950: international, multi-currency price, version 01, awarded', async () => {
    const [p] = await q(sql<{ price_detail: unknown; is_domestic: boolean; version: string; state: string }>`
      SELECT p.price_detail, p.is_domestic, v.version, s.state FROM tbmt t JOIN package p ON p.id = t.package_id
        JOIN tbmt_version v ON v.tbmt_id = t.id JOIN tbmt_search s ON s.tbmt_id = t.id
       WHERE t.notify_no = 'IB2600084950'`);
    assert.deepEqual([p!.is_domestic, p!.version, p!.state], [false, '01', 'awarded']);
    assert.deepEqual(
      (p!.price_detail as { currency: string }[]).map((d) => d.currency),
      ['VND', 'USD', 'EUR'],
    );
  });

  test('decomposed (NFD) names of the source are stored NFC', async () => {
    const raw = fs.readFileSync(path.join(API, 'ib2600077452_kqlcnt.json'), 'utf8');
    assert.notEqual(raw, raw.normalize('NFC'), 'the source file mixes NFD in');
    const bad = await q(sql<{ n: number }>`
      SELECT (SELECT count(*) FROM org WHERE name <> normalize(name, NFC))
           + (SELECT count(*) FROM tbmt_version WHERE name <> normalize(name, NFC))
           + (SELECT count(*) FROM kqlcnt_bidder WHERE reason <> normalize(reason, NFC))
           + (SELECT count(*) FROM kqlcnt_item WHERE name <> normalize(name, NFC)) AS n`);
    assert.equal(Number(bad[0]!.n), 0);
  });

  test('the report lists source fields it could not map', () => {
    assert.ok(first.unmapped['tbmt.bidoNotifyContractorM.projectCode'] === 1, JSON.stringify(first.unmapped));
    assert.ok(
      Object.keys(first.unmapped).every((k) => !/\.(createdBy|createdDate|id)$/.test(k)),
      'no noise',
    );
  });

  test('importing the same files again changes nothing', async () => {
    const before = await snapshot(db);
    const again = await importMuasamcong(db, [API]);
    const after = await snapshot(db);
    assert.deepEqual(after.counts, before.counts);
    assert.equal(after.dump, before.dump);
    const t = totals(again);
    assert.equal(t.created, 0);
    assert.equal(t.updated, 0);
    assert.ok(t.unchanged > 0);
    assert.deepEqual(
      [again.imported, again.skipped, again.failed],
      [first.imported, first.skipped, first.failed],
    );
  });
});
