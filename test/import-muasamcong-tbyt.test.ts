/**
 * `importMuasamcong()` on everything at once: the national system's responses (api/) and the
 * community dataset tbyt-2026 (377 tenders, 772 bidder rows, 375 detail files of which 20 are empty
 * stubs), then the same again: nothing may change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database, DB } from '../src/db/connect.ts';
import { importMuasamcong, type ImportReport } from '../src/importers/muasamcong/run.ts';
import { createTestDatabase } from './helpers/db.ts';
import { snapshot } from './helpers/snapshot.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const API = sharedPath('real-data', 'muasamcong', 'api');
const TBYT = sharedPath('real-data', 'muasamcong', 'tbyt-2026');
const skip =
  skipWithoutShared('real-data', 'muasamcong', 'tbyt-2026') ||
  skipWithoutShared('real-data', 'muasamcong', 'api');

describe('import muasamcong: api/ and tbyt-2026/ together, twice', { skip, timeout: 600_000 }, () => {
  let database: Database;
  let db: Kysely<DB>;
  let first: ImportReport;
  const count = async (query: string) =>
    Number(((await sql.raw(query).execute(db)).rows[0] as { n: number | string }).n);

  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    first = await importMuasamcong(db, [API, TBYT]);
  });
  after(() => database?.close());

  test('only the bad api/ files fail; the 20 empty detail stubs are skipped, everything else imports', () => {
    const failed = first.files.filter((f) => f.status === 'failed').map((f) => f.file);
    assert.deepEqual(
      failed.filter((f) => !f.startsWith('api/requests/')),
      ['api/search_ib2600094230.json'],
    );
    assert.equal(failed.length, 15);
    const skipped = first.files.filter((f) => f.status === 'skipped');
    const stubs = skipped.filter((f) => f.file.startsWith('tbyt-2026/details/'));
    assert.equal(stubs.length, 20);
    for (const s of stubs) assert.match(s.reason!, /^no public data \(/);
    const tbyt = first.files.filter((f) => f.file.startsWith('tbyt-2026/'));
    assert.equal(tbyt.length, 377);
    assert.equal(tbyt.filter((f) => f.status === 'imported').length, 357);
    const byFile = new Map(first.files.map((f) => [f.file, f]));
    assert.equal(byFile.get('tbyt-2026/tenders.json')!.notices.length, 377);
    assert.equal(byFile.get('tbyt-2026/bidders.json')!.notices.length, 53);
    assert.equal(first.notices, 380);
  });

  test('the community bidders are stored with their national codes, per lot', async () => {
    assert.equal(await count(`SELECT count(*) AS n FROM tbmt`), 380);
    const rows = (
      await sql<{
        code: string;
        lot_no: string;
        is_winner: boolean;
        winning_price_vnd: number | null;
        reason: string | null;
      }>`
        SELECT o.code, b.lot_no, b.is_winner, b.winning_price_vnd, b.reason FROM kqlcnt_bidder b
          JOIN kqlcnt k ON k.id = b.kqlcnt_id JOIN tbmt t ON t.id = k.tbmt_id JOIN org o ON o.id = b.contractor_id
         WHERE t.notify_no = 'IB2600374549' AND b.lot_no = 'PP2600294297' ORDER BY o.code`.execute(db)
    ).rows;
    assert.deepEqual(rows, [
      {
        code: 'vn0110124921',
        lot_no: 'PP2600294297',
        is_winner: false,
        winning_price_vnd: null,
        reason: 'NT có giá dự thầu không phải giá thấp nhất',
      },
      {
        code: 'vn0110513124',
        lot_no: 'PP2600294297',
        is_winner: true,
        winning_price_vnd: 34_042_500,
        reason: null,
      },
    ]);
    // Every bidder row of bidders.json (722 participating, 35 won, 15 lost) is a bid of the opening,
    // stored once.
    assert.equal(
      await count(
        `SELECT count(*) AS n FROM bid_opening_bidder b JOIN org o ON o.id = b.contractor_id WHERE NOT o.code_is_local AND b.submitted_at IS NOT NULL`,
      ),
      772,
    );
    // A name without a code found the coded organisation instead of creating a second one.
    assert.equal(
      await count(
        `SELECT count(*) AS n FROM org a JOIN org b ON a.name_folded = b.name_folded AND a.id < b.id`,
      ),
      0,
    );
  });

  test('every bid opening shows a bid price per lot for every bidder', async () => {
    // 54 openings; before, 13 of them (results published: rows "won"/"lost") had only the tenders'
    // participant names, without prices.
    assert.equal(await count(`SELECT count(*) AS n FROM bid_opening`), 54);
    assert.equal(await count(`SELECT count(*) AS n FROM bid_opening_bidder WHERE bid_price_vnd IS NULL`), 0);
    const opening = (
      await sql<{ code: string; lot_no: string; bid: number; final: number }>`
        SELECT o.code, b.lot_no, b.bid_price_vnd AS bid, b.final_price_vnd AS final FROM bid_opening_bidder b
          JOIN bid_opening bo ON bo.id = b.bid_opening_id JOIN tbmt t ON t.id = bo.tbmt_id
          JOIN org o ON o.id = b.contractor_id
         WHERE t.notify_no = 'IB2600386076' ORDER BY b.lot_no, b.final_price_vnd`.execute(db)
    ).rows;
    assert.equal(opening.length, 9);
    assert.deepEqual(opening[0], {
      code: 'vn0100985583',
      lot_no: 'PP2600299982',
      bid: 283_750_000,
      final: 283_750_000,
    });
    // A bidder of two lots: bidPrice 2 368 000 000 is its whole bid (484 000 000 + 1 884 000 000);
    // each lot's bid price is that lot's price.
    const twoLots = (
      await sql<{ lot_no: string; bid: number; final: number }>`
        SELECT b.lot_no, b.bid_price_vnd AS bid, b.final_price_vnd AS final FROM bid_opening_bidder b
          JOIN bid_opening bo ON bo.id = b.bid_opening_id JOIN tbmt t ON t.id = bo.tbmt_id
          JOIN org o ON o.id = b.contractor_id
         WHERE t.notify_no = 'IB2600293301' AND o.code = 'vn0314008634' ORDER BY b.lot_no`.execute(db)
    ).rows;
    assert.deepEqual(twoLots, [
      { lot_no: 'PP2600244958', bid: 484_000_000, final: 484_000_000 },
      { lot_no: 'PP2600244959', bid: 1_884_000_000, final: 1_884_000_000 },
    ]);
    assert.ok(!Object.keys(first.unmapped).some((k) => k.includes('bidPrice')), 'no bidPrice left unmapped');
  });

  test('every tbyt notice is goods (Hàng hóa), from its category, the source kept', async () => {
    const rows = (
      await sql<{ field: string | null; src: string | null; n: number | string }>`
        SELECT p.field, p.field_code_src AS src, count(*) AS n FROM package p GROUP BY 1, 2 ORDER BY 2`.execute(
        db,
      )
    ).rows.map((r) => ({ ...r, n: Number(r.n) }));
    assert.deepEqual(rows, [
      { field: 'HH', src: 'HH', n: 3 },
      { field: 'HH', src: 'tbyt:category=Thiết bị y tế', n: 73 },
      { field: 'HH', src: 'tbyt:category=Vật tư & hóa chất', n: 304 },
    ]);
    // The field filter of the search ("Hàng hóa") finds them all.
    assert.equal(await count(`SELECT count(*) AS n FROM tbmt_search WHERE field = 'HH'`), 380);
  });

  test('cancellations, lots with planned prices and awarded items of the dataset', async () => {
    assert.equal(await count(`SELECT count(*) AS n FROM tbmt_cancellation`), 3);
    assert.equal(
      await count(
        `SELECT count(*) AS n FROM tbmt_lot l JOIN tbmt_version v ON v.id = l.tbmt_version_id JOIN tbmt t ON t.id = v.tbmt_id WHERE t.notify_no = 'IB2600196380'`,
      ),
      189,
    );
    assert.ok((await count(`SELECT count(*) AS n FROM kqlcnt_item`)) > 1000);
    assert.equal(await count(`SELECT count(*) AS n FROM tbmt_version WHERE name <> normalize(name, NFC)`), 0);
  });

  test('importing everything again changes nothing', async () => {
    const before = await snapshot(db);
    const again = await importMuasamcong(db, [API, TBYT]);
    const after = await snapshot(db);
    assert.deepEqual(after.counts, before.counts);
    assert.equal(after.dump, before.dump);
    for (const [entity, c] of Object.entries(again.byEntity)) {
      assert.deepEqual([entity, c.created, c.updated], [entity, 0, 0]);
    }
    assert.deepEqual(
      [again.imported, again.skipped, again.failed],
      [first.imported, first.skipped, first.failed],
    );
  });
});
