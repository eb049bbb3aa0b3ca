/**
 * Organisation profiles on the demo data: an agency's portal (totals by year, open notices, results,
 * plans) and a contractor's record (bids, wins, win rate, awarded value, agencies, co-bidders), on the
 * page and in the API, checked against figures computed from the raw tables.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { DEMO_REFERENCE_DATE } from '../src/demo/generate.ts';
import { loadDemo } from '../src/demo/load.ts';
import { getOrgProfile } from '../src/procurement/queries/org.ts';
import { formatVnd } from '../src/web/format.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { allItems, expectedProfile, type Expected } from './helpers/profile-expected.ts';

/** Visible text of HTML: tags removed, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

/** The HTML of the section with heading id `id`, up to the next `<section`. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `#${id} is on the page`);
  const next = html.indexOf('<section', start);
  return html.slice(start, next < 0 ? undefined : next);
}

describe('organisation profiles on the demo data', () => {
  let database: Database;
  let app: FastifyInstance;
  let agency: { id: number; code: string };
  let contractor: { id: number; code: string };
  let expAgency: Expected;
  let expContractor: Expected;
  before(async () => {
    database = await createTestDatabase();
    await loadDemo(database.db, { referenceDate: DEMO_REFERENCE_DATE });
    app = await buildApp({ database });
    const db = database.db;
    // The agency naming most notices, and the contractor with most bids.
    const a = await sql<{ id: number; code: string }>`
      select o.id, o.code from org o join tbmt_version v on v.investor_id = o.id
       group by o.id order by count(distinct v.tbmt_id) desc, o.id limit 1`.execute(db);
    const c = await sql<{ id: number; code: string }>`
      select o.id, o.code from org o join bid_opening_bidder b on b.contractor_id = o.id
       group by o.id order by count(*) desc, o.id limit 1`.execute(db);
    agency = a.rows[0]!;
    contractor = c.rows[0]!;
    expAgency = await expectedProfile(db, agency.id);
    expContractor = await expectedProfile(db, contractor.id);
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('agency: totals by year match the raw tables (packages, values, savings rate)', async () => {
    const api = (await get(`/api/v1/to-chuc/${agency.code}`)).json();
    assert.ok(expAgency.buyer.size > 3, `the agency has notices (${expAgency.buyer.size})`);
    assert.equal(api.asBuyer.total, expAgency.buyer.size);
    assert.equal(api.years.length, expAgency.years.size);
    for (const y of api.years) {
      const e = expAgency.years.get(y.year)!;
      assert.ok(e, `year ${y.year} expected`);
      assert.equal(y.packages, e.packages, `packages ${y.year}`);
      assert.equal(y.priceVnd, e.price, `package value ${y.year}`);
      assert.equal(y.awardedPackages, e.awardedPackages, `awarded packages ${y.year}`);
      assert.equal(y.awardedVnd, e.awarded, `awarded value ${y.year}`);
      if (e.pp > 0) assert.ok(Math.abs(y.savingsRate - (1 - e.pa / e.pp)) < 1e-9, `savings ${y.year}`);
      else assert.equal(y.savingsRate, null);
    }
    const years = api.years.map((y: { year: number }) => y.year);
    assert.deepEqual(
      years,
      [...years].sort((a, b) => b - a),
      'latest year first',
    );
    // The same figures on the page, in vi-VN money format.
    const page = await get(`/to-chuc/${agency.code}`);
    assert.equal(page.statusCode, 200);
    const table = text(section(page.body, 'theo-nam'));
    for (const y of api.years) {
      assert.ok(table.includes(formatVnd(y.priceVnd)), `package value ${formatVnd(y.priceVnd)} shown`);
      assert.ok(table.includes(formatVnd(y.awardedVnd)), `awarded value ${formatVnd(y.awardedVnd)} shown`);
    }
    assert.match(table, /Tỷ lệ tiết kiệm/);
    // The agency's notices in the search (with its sub-units), as a page and as a feed.
    const search = `/tim-kiem?agency=${agency.code}`;
    assert.ok(page.body.includes(`href="${search}"`));
    assert.equal((await get(search)).statusCode, 200);
    assert.ok(page.body.includes(`href="/tim-kiem.atom?agency=${agency.code}"`));
    assert.match(table, /\d+,\d%|\d+%/, 'a savings rate is shown as a vi-VN percentage');
  });

  test('agency: results list every notice with a result, with its winners; plans counted', async () => {
    const results = await allItems<{
      notifyNo: string;
      winners: { code: string }[];
      awardedVnd: number | null;
    }>(get, agency.code, 'results', 'results');
    const withResult = await database.db.selectFrom('kqlcnt').select('tbmt_id').distinct().execute();
    const expected = withResult
      .map((r) => r.tbmt_id)
      .filter((t) => expAgency.buyer.has(t))
      .map((t) => expAgency.notifyNoOf.get(t)!);
    assert.ok(expected.length > 0, 'the agency has results');
    assert.deepEqual(results.map((r) => r.notifyNo).sort(), expected.sort());
    assert.ok(
      results.some((r) => r.winners.length > 0 && r.awardedVnd !== null),
      'winners shown',
    );
    const api = (await get(`/api/v1/to-chuc/${agency.code}`)).json();
    assert.equal(api.plans.total, expAgency.plans);
    assert.equal(api.kind.value !== 'doanh-nghiep', true, 'an agency is not a company');
  });

  test('agency: open notices are the buyer notices open for bids at that moment', async () => {
    const profile = (await getOrgProfile(database.db, agency.code, {
      now: DEMO_REFERENCE_DATE,
      pageSize: 100,
    }))!;
    const open = await sql<{ tbmt_id: number }>`
      select tbmt_id from tbmt_search where state in ('published', 'open')
         and (bid_close_at is null or bid_close_at > ${DEMO_REFERENCE_DATE})`.execute(database.db);
    const expected = open.rows
      .filter((r) => expAgency.buyer.has(r.tbmt_id))
      .map((r) => expAgency.notifyNoOf.get(r.tbmt_id));
    assert.deepEqual(profile.open.items.map((r) => r.notifyNo).sort(), expected.sort());
    assert.equal(profile.open.total, expected.length);
    assert.ok(profile.open.items.every((r) => r.state === 'open'));
  });

  test('contractor: bids, openings, wins, win rate and awarded value match the raw tables', async () => {
    const api = (await get(`/api/v1/to-chuc/${contractor.code}`)).json();
    const s = api.contractor;
    assert.ok(expContractor.bids > 3, `the contractor bid (${expContractor.bids})`);
    assert.equal(s.bids, expContractor.bids);
    assert.equal(api.asBidder.total, expContractor.bids);
    assert.equal(s.openings, expContractor.openings);
    assert.equal(s.decided, expContractor.decided);
    assert.equal(s.wins, expContractor.wins);
    assert.equal(api.won.total, expContractor.wins);
    assert.equal(s.awardedVnd, expContractor.awarded);
    assert.equal(s.winRate, expContractor.decided ? expContractor.wins / expContractor.decided : null);
    const won = await allItems<{ won: boolean }>(get, contractor.code, 'won', 'won');
    assert.ok(
      won.every((r) => r.won === true),
      'every notice in the wins list is marked won',
    );

    const page = text((await get(`/to-chuc/${contractor.code}`)).body);
    assert.ok(
      page.includes(`Tổng giá trúng thầu ${formatVnd(expContractor.awarded)}`),
      'awarded value on the page',
    );
    assert.match(page, new RegExp(`Số gói trúng thầu ${expContractor.wins}\\b`));
  });

  test('contractor: agencies it wins from and bidders it meets most, with counts and who won', async () => {
    const agencies = await allItems<{ agency: { code: string }; wins: number; awardedVnd: number }>(
      get,
      contractor.code,
      'agencies',
      'agencies',
    );
    assert.equal(agencies.length, expContractor.agencies.size);
    for (const a of agencies)
      assert.deepEqual([a.wins, a.awardedVnd], expContractor.agencies.get(a.agency.code));
    const counts = agencies.map((a) => a.wins);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
      'most wins first',
    );

    const co = await allItems<{
      bidder: { code: string };
      shared: number;
      theirWins: number;
      ownWins: number;
    }>(get, contractor.code, 'cobidders', 'coBidders');
    assert.ok(co.length > 0, 'it meets other bidders');
    assert.equal(co.length, expContractor.coBidders.size);
    for (const c of co)
      assert.deepEqual(
        [c.shared, c.theirWins, c.ownWins],
        expContractor.coBidders.get(c.bidder.code),
        c.bidder.code,
      );
    const shared = co.map((c) => c.shared);
    assert.deepEqual(
      shared,
      [...shared].sort((a, b) => b - a),
      'most shared first',
    );
    const top = co[0]!;
    const page = (await get(`/to-chuc/${contractor.code}`)).body;
    const row = text(section(page, 'doi-thu'));
    assert.ok(row.includes(`Số lần cùng dự thầu`));
    assert.ok(page.includes(`href="/to-chuc/${top.bidder.code}"`), 'co-bidder links to its page');
  });

  test('lists are paged with links that work without JavaScript', async () => {
    const first = (await get(`/api/v1/to-chuc/${contractor.code}?role=bidder&pageSize=2`)).json();
    assert.ok(first.asBidder.pageCount >= 2);
    const second = (await get(`/api/v1/to-chuc/${contractor.code}?role=bidder&page=2&pageSize=2`)).json();
    const a = first.asBidder.items.map((i: { notifyNo: string }) => i.notifyNo);
    const b = second.asBidder.items.map((i: { notifyNo: string }) => i.notifyNo);
    assert.equal(a.filter((x: string) => b.includes(x)).length, 0, 'pages do not overlap');
    assert.equal(second.won.page, 1, 'other lists stay on their first page');
    const page = await get(`/to-chuc/${agency.code}`);
    assert.ok(!page.body.includes('<script'), 'no JavaScript');
    assert.match(page.body, /<caption>Gói thầu theo năm<\/caption>/);
    assert.match(page.body, /<th scope="col"[^>]*>Năm<\/th>/);
    if (expAgency.buyer.size > 20) {
      assert.ok(page.body.includes(`href="/to-chuc/${agency.code}?role=buyer&amp;page=2#moi-thau"`));
      const p2 = await get(`/to-chuc/${agency.code}?role=buyer&page=2`);
      assert.ok(p2.body.includes('aria-current="page"'));
    }
    const bad = await get(`/to-chuc/${agency.code}?role=cobidders&page=0`);
    assert.equal(bad.statusCode, 400);
    const beyond = await get(`/to-chuc/${contractor.code}?role=cobidders&page=99`);
    assert.match(text(section(beyond.body, 'doi-thu')), /Trang 99 không tồn tại/);
  });

  test('agency tree: a sub-unit links to its parent; the parent lists it with its notice count', async () => {
    const db = database.db;
    const ward = await sql<{ id: number; code: string; name: string }>`
      select o.id, o.code, o.name from org o where o.name like 'Ủy ban nhân dân phường%'
       and o.code <> ${agency.code} order by o.code limit 1`.execute(db);
    const sub = ward.rows[0]!;
    // Fixture: the ward's committee placed under the agency (as migration 0005's tree allows).
    await sql`update org set parent_code = ${agency.code} where id = ${sub.id}`.execute(db);
    const expected = await expectedProfile(db, sub.id);
    const api = (await get(`/api/v1/to-chuc/${agency.code}`)).json();
    assert.equal(api.subUnits.total, 1);
    assert.equal(api.subUnits.items[0].org.code, sub.code);
    assert.equal(api.subUnits.items[0].notices, expected.buyer.size);
    const child = (await get(`/api/v1/to-chuc/${sub.code}`)).json();
    assert.equal(child.parent.code, agency.code);
    assert.equal(child.kind.value, 'ubnd');
    const page = await get(`/to-chuc/${agency.code}`);
    const units = text(section(page.body, 'don-vi-truc-thuoc'));
    assert.ok(units.includes(sub.name));
    assert.match(units, /Đơn vị trực thuộc \(1\)/);
    const childPage = text((await get(`/to-chuc/${sub.code}`)).body);
    assert.match(childPage, /Đơn vị cấp trên/);
    await sql`update org set parent_code = null where id = ${sub.id}`.execute(db);
  });

  test('OpenAPI describes the profile', async () => {
    const doc = (await get('/api/docs/json')).json();
    const op = doc.paths['/api/v1/to-chuc/{code}'].get;
    const schema = op.responses['200'].content['application/json'].schema;
    for (const key of [
      'years',
      'plans',
      'open',
      'results',
      'contractor',
      'won',
      'agencies',
      'coBidders',
      'subUnits',
    ])
      assert.ok(schema.properties[key], `${key} in the schema`);
  });
});
