import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { amendedNotice, cancelledNotice, plainNotice, saveFacts } from './helpers/facts-fixtures.ts';

const PLAIN = 45;

/** Notice numbers of the result rows of a search page, in order. */
function rowNumbers(html: string): string[] {
  return [...html.matchAll(/<td class="nowrap"><a href="\/tbmt\/(IB\d{10})">/g)].map((m) => m[1]!);
}

describe('search page and search API', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    const plain = Array.from({ length: PLAIN }, (_, i) => plainNotice(i + 1));
    await saveFacts(database, [amendedNotice(), cancelledNotice(), ...plain]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  test('words without diacritics find the notice', async () => {
    const res = await get('/tim-kiem?q=may+bien+dien+ap');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('Tìm thấy 1 gói thầu'));
    assert.deepEqual(rowNumbers(res.body), ['IB2600077452']);
    assert.ok(res.body.includes('value="may bien dien ap"'), 'the query stays in the box');
    const upper = await get(`/tim-kiem?q=${encodeURIComponent('MÁY BIẾN ĐIỆN')}`);
    assert.deepEqual(rowNumbers(upper.body), ['IB2600077452']);
  });

  test('a notice number goes straight to its page', async () => {
    for (const q of ['IB2600077452', 'ib2600077452-00', ' IB2600077452-01 ']) {
      const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 303, q);
      assert.equal(res.headers.location, '/tbmt/IB2600077452', q);
    }
    const unknown = await get('/tim-kiem?q=IB2699999999');
    assert.equal(unknown.statusCode, 200);
    assert.ok(unknown.body.includes('Tìm thấy 0 gói thầu'));
  });

  test('filters are labelled selects that keep their value', async () => {
    const res = await get('/tim-kiem?field=PTV&method=CHCT');
    assert.equal(res.statusCode, 200);
    // PTV: the odd plain notices (23) and the cancelled services package.
    assert.ok(res.body.includes('Tìm thấy 24 gói thầu'), res.body.match(/Tìm thấy [^<]*/)?.[0]);
    for (const id of ['field', 'method', 'state']) {
      assert.ok(res.body.includes(`<label for="${id}">`), id);
      assert.ok(res.body.includes(`<select id="${id}" name="${id}">`), id);
    }
    assert.ok(res.body.includes('<option value="PTV" selected>Phi tư vấn</option>'));
    const cancelled = await get('/tim-kiem?state=cancelled');
    assert.deepEqual(rowNumbers(cancelled.body), ['IB2600026487']);
    const empty = await get('/tim-kiem?q=&field=&method=&state=');
    assert.ok(empty.body.includes(`Tìm thấy ${PLAIN + 2} gói thầu`));
  });

  test('pagination: 20 per page, stable order, links to other pages', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await get(`/tim-kiem?page=${page}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(`trang ${page}/3`));
      seen.push(...rowNumbers(res.body));
    }
    assert.equal(seen.length, PLAIN + 2);
    assert.equal(new Set(seen).size, PLAIN + 2, 'no notice on two pages');
    assert.deepEqual(
      seen.slice(0, 4),
      ['IB2600077452', 'IB2600026487', plainNotice(PLAIN).notifyNo, plainNotice(PLAIN - 1).notifyNo],
      'newest first publication first',
    );
    const first = await get('/tim-kiem?field=HH');
    assert.ok(first.body.includes('href="/tim-kiem?field=HH&amp;page=2"'), 'page links keep the filters');
    assert.ok(first.body.includes('aria-current="page"'));
    assert.ok(first.body.includes('rel="next"'));
    const beyond = await get('/tim-kiem?page=9');
    assert.equal(beyond.statusCode, 200);
    assert.ok(beyond.body.includes('Trang 9 không có kết quả'));
  });

  test('API search: total, paging links, validation', async () => {
    const res = await get('/api/v1/tbmt?field=HH&pageSize=10&page=2');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 23);
    assert.equal(body.pageCount, 3);
    assert.equal(body.items.length, 10);
    assert.equal(body.links.next, '/api/v1/tbmt?field=HH&pageSize=10&page=3');
    assert.equal(body.links.prev, '/api/v1/tbmt?field=HH&pageSize=10&page=1');
    assert.match(body.items[0].publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const found = (await get('/api/v1/tbmt?q=bien+ap')).json();
    assert.equal(found.items[0].notifyNo, 'IB2600077452');
    assert.equal(found.items[0].investor.code, 'vnz000012345');
    const exact = (await get('/api/v1/tbmt?q=ib2600026487')).json();
    assert.equal(exact.exactCode, true);
    assert.equal(exact.items[0].state, 'cancelled');
    for (const url of [
      '/api/v1/tbmt?page=abc',
      '/api/v1/tbmt?page=0',
      '/api/v1/tbmt?pageSize=101',
      '/api/v1/tbmt?field=XX',
    ]) {
      const bad = await get(url);
      assert.equal(bad.statusCode, 400, url);
      assert.equal(bad.json().error.code, 'invalid_parameter', url);
    }
  });

  test('odd input never breaks the search', async () => {
    for (const q of ["' OR 1=1 --", 'a:* | !b', '½ ² 𝟘 ﷽ \u202e', '\u0000', '&&&', 'x'.repeat(200)]) {
      const page = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200, JSON.stringify(q));
      const api = await get(`/api/v1/tbmt?q=${encodeURIComponent(q)}`);
      assert.equal(api.statusCode, 200, JSON.stringify(q));
    }
  });
});
