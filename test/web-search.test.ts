import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  haNoiNotices,
  openNotice,
  plainNotice,
  saveFacts,
} from './helpers/facts-fixtures.ts';

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
  });

  test('a page past the last says so and links to the last page', async () => {
    const beyond = await get('/tim-kiem?page=99');
    assert.equal(beyond.statusCode, 200);
    assert.ok(beyond.body.includes('Trang 99 không tồn tại; có 3 trang.'), 'says the page does not exist');
    assert.ok(beyond.body.includes('<a href="/tim-kiem?page=3">'), 'links to the last page');
    assert.ok(!beyond.body.includes('trang 99/3'), 'no "page 99 of 3"');
    const filtered = await get('/tim-kiem?field=PTV&page=5');
    assert.ok(filtered.body.includes('Trang 5 không tồn tại; có 2 trang.'));
    assert.ok(filtered.body.includes('href="/tim-kiem?field=PTV&amp;page=2"'), 'the link keeps the filters');
  });

  test('page numbers are plain decimal digits only', async () => {
    for (const page of ['0x10', '1e1', '+2', '%202', '2%20', '2.0', '0b1', '']) {
      const res = await get(`/tim-kiem?page=${page}`);
      assert.equal(res.statusCode, 400, `page=${page}`);
      assert.match(res.body, /Tham số “page” không hợp lệ/, `page=${page}`);
      const api = await get(`/api/v1/tbmt?page=${page}`);
      assert.equal(api.statusCode, 400, `api page=${page}`);
      assert.equal(api.json().error.code, 'invalid-parameter', `api page=${page}`);
    }
    const twice = await get('/tim-kiem?page=1&page=2');
    assert.equal(twice.statusCode, 400);
    const size = await get('/api/v1/tbmt?pageSize=0x10');
    assert.equal(size.statusCode, 400);
    assert.match(size.json().error.message, /pageSize/);
    assert.equal((await get('/tim-kiem?page=002')).statusCode, 200, 'leading zeros are still digits');
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
    assert.equal(body.sort, 'newest', 'without words the order is newest first');
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
      assert.equal(bad.json().error.code, 'invalid-parameter', url);
    }
  });

  test('API paging links carry only the known parameters', async () => {
    const res = await get(
      `/api/v1/tbmt?foo=${encodeURIComponent('<script>x</script>')}&field=HH&pageSize=10&page=2&bar=1&sort=price`,
    );
    assert.equal(res.statusCode, 200);
    const { links } = res.json();
    for (const [name, link] of Object.entries(links)) {
      if (link === null) continue;
      const url = new URL(link as string, 'http://x');
      assert.deepEqual(
        [...url.searchParams.keys()],
        ['field', 'sort', 'pageSize', 'page'],
        `${name}: ${String(link)}`,
      );
    }
    assert.equal(links.next, '/api/v1/tbmt?field=HH&sort=price&pageSize=10&page=3');
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

describe('search order: relevance by default, other sorts, tax codes', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    const plain = Array.from({ length: 25 }, (_, i) => plainNotice(i + 1));
    await saveFacts(database, [
      amendedNotice(),
      cancelledNotice(),
      openNotice(),
      ...haNoiNotices(),
      ...plain,
    ]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const numbers = async (url: string) =>
    (await get(url)).json().items.map((i: { notifyNo: string }) => i.notifyNo) as string[];

  test('words as a phrase come first; words far apart still match, after them', async () => {
    const relevance = await numbers('/api/v1/tbmt?q=ha+noi');
    assert.equal(relevance.length, 5, relevance.join());
    assert.equal(relevance.at(-1), 'IB2600033303', '"nội soi … Hà Giang" is last though it is the newest');
    const newest = await numbers('/api/v1/tbmt?q=ha+noi&sort=newest');
    assert.equal(newest.length, 5);
    assert.ok(
      newest.indexOf('IB2600033303') < newest.indexOf('IB2600033302'),
      `newest first publication first: ${newest.join()}`,
    );
    assert.deepEqual([...newest].sort(), [...relevance].sort(), 'the same notices, in another order');
    const page = await get('/tim-kiem?q=ha+noi');
    assert.ok(page.body.includes('xếp theo: phù hợp nhất'));
    const rows = [...page.body.matchAll(/<td class="nowrap"><a href="\/tbmt\/(IB\d{10})">/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(rows, relevance, 'page and API agree');
    const api = (await get('/api/v1/tbmt?q=ha+noi')).json();
    assert.equal(api.sort, 'relevance');
  });

  test('relevance is stable across pages (ties broken by date and notice id)', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      seen.push(...(await numbers(`/api/v1/tbmt?q=mua+van+phong+pham&pageSize=6&page=${page}`)));
    }
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen).size, 25, 'no notice on two pages');
    assert.deepEqual(seen, await numbers('/api/v1/tbmt?q=mua+van+phong+pham&pageSize=25'));
  });

  test('sort by closing time (still open first) and by price (highest first)', async () => {
    const closing = await numbers('/api/v1/tbmt?sort=closing&pageSize=100');
    assert.equal(closing[0], 'IB2600099001', 'the only notice still open comes first');
    const price = (await get('/api/v1/tbmt?sort=price&pageSize=100')).json().items as {
      priceVnd: number | null;
    }[];
    const prices = price.map((i) => i.priceVnd);
    const known = prices.filter((p): p is number => p !== null);
    assert.deepEqual(
      known,
      [...known].sort((a, b) => b - a),
      'highest first',
    );
    assert.ok(prices.indexOf(null) === -1 || prices.slice(prices.indexOf(null)).every((p) => p === null));
    const page = await get('/tim-kiem?sort=price');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('<option value="price" selected>'), 'the select keeps the order');
    assert.ok(page.body.includes('<label for="sort">'));
    const next = page.body.match(/href="(\/tim-kiem\?[^"]*page=2)"/)?.[1];
    assert.equal(next, '/tim-kiem?sort=price&amp;page=2', 'page links keep the order');
    assert.equal((await get('/tim-kiem?sort=random')).statusCode, 400);
    assert.equal((await get('/api/v1/tbmt?sort=random')).statusCode, 400);
  });

  test('a tax code finds the notices of that organisation', async () => {
    // WINNER is vn0100100100: its tax code alone finds the notice it bid in.
    assert.deepEqual(await numbers('/api/v1/tbmt?q=0100100100'), ['IB2600077452']);
    const page = await get('/tim-kiem?q=0100100100');
    assert.ok(page.body.includes('Tìm thấy 1 gói thầu'));
  });
});
