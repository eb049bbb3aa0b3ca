import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  INVESTOR,
  LOSER_TECH,
  saveFacts,
  scriptNotice,
  WINNER,
} from './helpers/facts-fixtures.ts';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('JSON API and OpenAPI', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), cancelledNotice(), scriptNotice()]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  test('the story of a notice: versions, extension, opening, result, contract, plan', async () => {
    const res = await get('/api/v1/tbmt/IB2600077452');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    const s = res.json();
    assert.equal(s.notifyNo, 'IB2600077452');
    assert.equal(s.state, 'awarded');
    assert.equal(s.isDemo, false);
    assert.equal(s.plan.planNo, 'PL2600044908');
    assert.equal(s.plan.investor.code, INVESTOR.code);
    assert.deepEqual(
      s.versions.map((v: { version: string }) => v.version),
      ['00', '01'],
    );
    assert.equal(s.current.version, '01');
    assert.equal(s.current.bidCloseAt, '2026-03-24T08:00:00.000Z');
    assert.equal(s.bidCloseAt, '2026-03-27T08:00:00.000Z', 'closing time after the extension');
    const price = s.versions[1].changes.find((c: { field: string }) => c.field === 'priceVnd');
    assert.deepEqual(price, { field: 'priceVnd', before: 230_000_000, after: 235_500_000 });
    const close = s.versions[1].changes.find((c: { field: string }) => c.field === 'bidCloseAt');
    assert.deepEqual(close, {
      field: 'bidCloseAt',
      before: '2026-03-20T02:00:00.000Z',
      after: '2026-03-24T08:00:00.000Z',
    });
    assert.equal(s.extensions[0].newCloseAt, '2026-03-27T08:00:00.000Z');
    assert.equal(s.opening.bidders.length, 3);
    const winnerBid = s.opening.bidders.find(
      (b: { contractor: { code: string } }) => b.contractor.code === WINNER.code,
    );
    assert.equal(winnerBid.finalPriceVnd, 219_994_920);
    assert.equal(winnerBid.discountPercent, 4);
    const result = s.results[0];
    assert.equal(result.decisionNo, '125/QĐ-BQLDA');
    const winners = result.bidders.filter((b: { isWinner: boolean }) => b.isWinner);
    assert.equal(winners.length, 1);
    assert.equal(winners[0].winningPriceVnd, 219_994_920);
    const loser = result.bidders.find(
      (b: { contractor: { code: string } }) => b.contractor.code === LOSER_TECH.code,
    );
    assert.match(loser.reason, /cấp chính xác/);
    assert.equal(result.items.length, 2);
    assert.equal(result.items[0].quantity, 6);
    assert.equal(s.contracts[0].valueVnd, 219_994_920);
    assert.equal(s.cancellation, null);
    for (const t of [s.firstPublishedAt, s.current.publishedAt, s.opening.openedAt, result.publishedAt]) {
      assert.match(t, ISO_UTC);
    }
  });

  test('notice number with version suffix or lower case; cancelled notice', async () => {
    assert.equal((await get('/api/v1/tbmt/ib2600077452-01')).json().notifyNo, 'IB2600077452');
    const c = (await get('/api/v1/tbmt/IB2600026487')).json();
    assert.equal(c.state, 'cancelled');
    assert.equal(c.cancellation.decisionNo, '88/QĐ-UBND');
    assert.match(c.cancellation.reason, /Thay đổi nhu cầu/);
  });

  test('names are returned as published (JSON escapes them)', async () => {
    const res = await get('/api/v1/tbmt/IB2600066666');
    assert.equal(res.json().current.name, '<script>alert(1)</script>');
  });

  test('errors: 404 for unknown, 400 for malformed, JSON with a stable code', async () => {
    const unknown = await get('/api/v1/tbmt/IB2699999999');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not-found');
    assert.equal(typeof unknown.json().error.message, 'string');
    const malformed = await get('/api/v1/tbmt/not-a-number');
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'invalid-parameter');
    const route = await get('/api/v2/anything');
    assert.equal(route.statusCode, 404);
    assert.deepEqual(Object.keys(route.json()), ['error']);
    const org = await get('/api/v1/to-chuc/vn0000000000');
    assert.equal(org.statusCode, 404);
    assert.equal(org.json().error.code, 'not-found');
    const method = await app.inject({ method: 'POST', url: '/api/v1/tbmt', payload: '{' });
    assert.ok(method.statusCode >= 400 && method.statusCode < 500, String(method.statusCode));
    assert.ok(method.json().error.code);
  });

  test('an organisation with its notices per role', async () => {
    const res = await get(`/api/v1/to-chuc/${WINNER.code}`);
    assert.equal(res.statusCode, 200);
    const o = res.json();
    assert.equal(o.name, WINNER.name);
    assert.equal(o.taxCode, '0100100100');
    assert.equal(o.asBidder.total, 1);
    assert.equal(o.asBidder.items[0].won, true);
    assert.equal(o.asBidder.items[0].winningPriceVnd, 219_994_920);
    assert.equal(o.codeIsLocal, false);
    assert.equal(o.asBidder.items[0].investor.codeIsLocal, false);
    const inv = (await get(`/api/v1/to-chuc/${INVESTOR.code}?role=buyer&page=1&pageSize=5`)).json();
    assert.equal(inv.asBuyer.total, 1);
    assert.equal(inv.asBuyer.items[0].notifyNo, 'IB2600077452');
    assert.deepEqual(inv.asBuyer.items[0].roles, ['investor']);
    assert.equal((await get(`/api/v1/to-chuc/${INVESTOR.code}?role=nobody`)).statusCode, 400);
  });

  test('OpenAPI document lists the routes with schemas; pages are not in it', async () => {
    const res = await get('/api/docs/json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\.1\./);
    assert.ok(doc.info.title && doc.info.version);
    const paths = Object.keys(doc.paths).sort();
    const reads = ['/api/v1/tbmt', '/api/v1/tbmt/{notifyNo}', '/api/v1/to-chuc/{code}'];
    for (const p of [...reads, '/api/v1/search', '/api/ocds/releases', '/api/ocds/feed', '/api/ledger']) {
      assert.ok(paths.includes(p), `${p} is described`);
    }
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('/api/')),
      [],
      'pages are not in the API description',
    );
    for (const p of paths) {
      for (const [method, op] of Object.entries(doc.paths[p] as Record<string, { summary?: string }>)) {
        assert.ok(op.summary, `${method.toUpperCase()} ${p} has a summary`);
      }
    }
    for (const p of reads) {
      const op = doc.paths[p].get;
      assert.ok(op.summary, p);
      assert.ok(op.responses['200'].content['application/json'].schema, p);
      assert.ok(op.responses['404'], p);
    }
    const story =
      doc.paths['/api/v1/tbmt/{notifyNo}'].get.responses['200'].content['application/json'].schema;
    assert.ok(story.properties.versions && story.properties.opening && story.properties.results);
    assert.match(story.properties.current.properties.priceVnd.anyOf[0].description, /VND/);
    const params = doc.paths['/api/v1/tbmt'].get.parameters.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(params, ['field', 'method', 'page', 'pageSize', 'q', 'sort', 'state']);
    const sort = doc.paths['/api/v1/tbmt'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    assert.deepEqual(sort.schema.enum, ['relevance', 'newest', 'closing', 'price', 'price_asc']);
    const ui = await get('/api/docs/');
    assert.equal(ui.statusCode, 200);
    assert.match(ui.headers['content-type'] as string, /text\/html/);
  });
});
