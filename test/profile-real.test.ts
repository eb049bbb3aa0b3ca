/**
 * Organisation profiles on the real notices of the national system (../shared/real-data): the
 * figures of the busiest agency and contractor against a count from the raw tables, and the
 * contractor and agency of IB2600077452 as a user sees them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { formatVnd } from '../src/web/format.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';
import { allItems, expectedProfile } from './helpers/profile-expected.ts';

const skip = skipWithoutShared('real-data', 'muasamcong', 'api');

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('organisation profiles on real notices', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    // The notices of the API responses and the 2026 medical-equipment dataset (agencies with many
    // packages, results with several winners).
    await importMuasamcong(database.db, [
      sharedPath('real-data', 'muasamcong', 'api'),
      sharedPath('real-data', 'muasamcong', 'tbyt-2026'),
    ]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('the winner of IB2600077452: a win, its price, its agency and the five bidders it met', async () => {
    const api = (await get('/api/v1/to-chuc/vn0317079577')).json();
    assert.ok(api.contractor.wins >= 1);
    const won = await allItems<{ notifyNo: string; winningPriceVnd: number }>(
      get,
      'vn0317079577',
      'won',
      'won',
    );
    const w = won.find((r) => r.notifyNo === 'IB2600077452');
    assert.ok(w, 'IB2600077452 is among its wins');
    assert.equal(w.winningPriceVnd, 219_994_920);
    const agencies = await allItems<{ agency: { code: string } }>(
      get,
      'vn0317079577',
      'agencies',
      'agencies',
    );
    assert.ok(
      agencies.some((a) => a.agency.code === 'vnz000022302'),
      'wins from the investor of IB2600077452',
    );
    const co = await allItems<{ bidder: { code: string }; theirWins: number; ownWins: number }>(
      get,
      'vn0317079577',
      'cobidders',
      'coBidders',
    );
    for (const code of ['vn0110435973', 'vn0316870296', 'vn0107943399', 'vn0901042929', 'vn0402096735']) {
      const c = co.find((x) => x.bidder.code === code);
      assert.ok(c, `met ${code} at the opening of IB2600077452`);
      assert.ok(c.ownWins >= 1, `${code}: the profiled contractor won that notice`);
    }
    const page = text((await get('/to-chuc/vn0317079577')).body);
    assert.match(page, /Tham gia dự thầu/);
    assert.ok(page.includes('219.994.920 ₫'));
    assert.match(page, /Nhà thầu thường cùng dự thầu \(\d+\)/);
  });

  test('the investor of IB2600077452: a result with its winner in its portal', async () => {
    const results = await allItems<{ notifyNo: string; winners: { code: string }[] }>(
      get,
      'vnz000022302',
      'results',
      'results',
    );
    const r = results.find((x) => x.notifyNo === 'IB2600077452');
    assert.ok(r, 'IB2600077452 among the results');
    assert.deepEqual(
      r.winners.map((x) => x.code),
      ['vn0317079577'],
    );
    const page = text((await get('/to-chuc/vnz000022302')).body);
    assert.match(page, /Mua sắm của đơn vị/);
    assert.match(page, /Tổng hợp theo năm/);
    assert.match(page, /Kết quả lựa chọn nhà thầu \(\d+\)/);
  });

  test('figures of the busiest agency and contractor equal the raw-table counts', async () => {
    const db = database.db;
    const a = await sql<{ id: number; code: string }>`
      select o.id, o.code from org o join tbmt_version v on v.investor_id = o.id or v.procuring_entity_id = o.id
       group by o.id order by count(distinct v.tbmt_id) desc, o.id limit 1`.execute(db);
    const c = await sql<{ id: number; code: string }>`
      select o.id, o.code from org o join kqlcnt_bidder b on b.contractor_id = o.id
       group by o.id order by count(*) desc, o.id limit 1`.execute(db);
    const agency = a.rows[0]!;
    const contractor = c.rows[0]!;
    const ea = await expectedProfile(db, agency.id);
    const api = (await get(`/api/v1/to-chuc/${agency.code}`)).json();
    assert.equal(api.asBuyer.total, ea.buyer.size);
    assert.ok(ea.buyer.size > 10, `the busiest agency has many notices (${ea.buyer.size})`);
    for (const y of api.years) {
      const e = ea.years.get(y.year)!;
      assert.deepEqual(
        [y.packages, y.priceVnd, y.awardedPackages, y.awardedVnd],
        [e.packages, e.price, e.awardedPackages, e.awarded],
        `year ${y.year}`,
      );
    }
    assert.equal(
      api.years.reduce((n: number, y: { packages: number }) => n + y.packages, 0),
      ea.buyer.size,
    );
    const agencyPage = text((await get(`/to-chuc/${agency.code}`)).body);
    for (const y of api.years) assert.ok(agencyPage.includes(formatVnd(y.priceVnd)));

    const ec = await expectedProfile(db, contractor.id);
    const s = (await get(`/api/v1/to-chuc/${contractor.code}`)).json().contractor;
    assert.deepEqual(
      [s.bids, s.openings, s.decided, s.wins, s.awardedVnd],
      [ec.bids, ec.openings, ec.decided, ec.wins, ec.awarded],
    );
    const co = await allItems<{
      bidder: { code: string };
      shared: number;
      theirWins: number;
      ownWins: number;
    }>(get, contractor.code, 'cobidders', 'coBidders');
    assert.equal(co.length, ec.coBidders.size);
    for (const x of co) assert.deepEqual([x.shared, x.theirWins, x.ownWins], ec.coBidders.get(x.bidder.code));
  });
});
