/**
 * The search page and `/api/v1/search` as a user and a client see them: highlighting that never lets
 * markup from the data through, facets as links, shareable canonical URLs, the Atom link in the head,
 * export links, and bad parameters answered with 400 (never 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import type { TbmtFacts } from '../src/procurement/facts.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  openNotice,
  plainNotice,
  saveFacts,
  scriptNotice,
  VN,
} from './helpers/facts-fixtures.ts';

/** A notice in Đường Láng whose name carries markup and a CDATA terminator. */
export function payloadNotice(): TbmtFacts {
  const at = VN('2026-04-01T09:00:00');
  const name = 'Sửa chữa đường Láng ]]> <b onclick="x()">gấp</b> & "nhanh"';
  return {
    notifyNo: 'IB2600012321',
    firstPublishedAt: at,
    package: { name },
    versions: [
      {
        version: '00',
        publishedAt: at,
        name,
        investor: { code: 'vn0109990009', name: 'Công ty "A&B" <img src=x onerror=alert(2)>' },
        field: 'XL',
        method: 'CHCT',
        priceVnd: 2_000_000_000,
      },
    ],
  };
}

describe('search page and search API', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    const plain = Array.from({ length: 30 }, (_, i) => plainNotice(i + 1));
    await saveFacts(database, [
      amendedNotice(),
      cancelledNotice(),
      openNotice(),
      scriptNotice(),
      payloadNotice(),
      ...plain,
    ]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('words without diacritics are marked in the published text', async () => {
    const res = await get('/tim-kiem?q=duong+lang');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Tìm thấy 1 gói thầu/);
    assert.ok(
      res.body.includes('<mark>đường</mark> <mark>Láng</mark>'),
      'both words marked, diacritics kept',
    );
    const upper = await get(`/tim-kiem?q=${encodeURIComponent('ĐƯỜNG LÁNG')}`);
    assert.match(upper.body, /Tìm thấy 1 gói thầu/);
  });

  test('markup in the data is shown as text, marked or not', async () => {
    for (const q of ['script', 'alert', 'img onerror', 'duong']) {
      const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q);
      const tag = /.{0,40}(<script|<img|<b[\s>]).{0,40}/i.exec(res.body)?.[0];
      assert.equal(tag, undefined, `${q}: no tag from the data`);
    }
    const script = await get('/tim-kiem?q=script');
    // preact escapes `<` and `&` in text (`>` needs no escaping there).
    assert.ok(script.body.includes('&lt;<mark>script</mark>>alert(1)&lt;/<mark>script</mark>>'));
    const api = (await get('/api/v1/search?q=img')).json();
    assert.equal(
      api.items[0].highlight.investor,
      'Công ty &quot;A&amp;B&quot; &lt;<mark>img</mark> src=x onerror=alert(2)&gt;',
    );
    assert.equal(api.items[0].highlight.name, null, 'nothing matched in the name');
    assert.equal(
      api.items[0].investor.name,
      'Công ty "A&B" <img src=x onerror=alert(2)>',
      'the plain value stays plain',
    );
  });

  test('facets are links to the canonical URL of the search with that value, with their counts', async () => {
    const res = await get('/tim-kiem?state=closed&q=mua');
    assert.equal(res.statusCode, 200);
    const facets = res.body.match(/<aside class="facets"[\s\S]*?<\/aside>/)?.[0] ?? '';
    assert.ok(
      facets.includes(
        '<a href="/tim-kiem?q=mua&amp;field=HH&amp;state=closed">Hàng hóa <span class="count">(',
      ),
    );
    assert.ok(facets.includes('<strong aria-current="true">Đã đóng thầu'), 'the chosen state is marked');
    assert.ok(facets.includes('href="/tim-kiem?q=mua"'), 'a link removes the chosen state');
    const api = (await get('/api/v1/search?state=closed&q=mua')).json();
    const hh = api.facets.field.find((f: { value: string }) => f.value === 'HH');
    const page = (await get('/api/v1/search?state=closed&q=mua&field=HH')).json();
    assert.equal(hh.count, page.total, 'a facet count is the total its link gives');
    assert.ok(facets.includes(`Hàng hóa <span class="count">(${hh.count})</span>`));
  });

  test('shareable URLs: canonical order, unknown parameters dropped, the form keeps every value', async () => {
    const res = await get(
      '/tim-kiem?utm=1&sort=price_asc&priceMax=900000000&priceMin=1000&field=HH&publishedFrom=01/03/2026&q=mua',
    );
    assert.equal(res.statusCode, 200);
    assert.ok(
      res.body.includes(
        'href="/tim-kiem.csv?q=mua&amp;field=HH&amp;priceMin=1000&amp;priceMax=900000000&amp;publishedFrom=2026-03-01&amp;sort=price_asc"',
      ),
    );
    assert.ok(res.body.includes('<input id="priceMin" name="priceMin" type="number" value="1000"'));
    assert.ok(
      res.body.includes('<input id="publishedFrom" name="publishedFrom" type="date" value="2026-03-01"'),
    );
    assert.ok(res.body.includes('<details class="field wide" open'), 'the other filters are shown when used');
    const api = (await get('/api/v1/search?sort=price_asc&field=HH&q=mua&foo=bar&page=1')).json();
    assert.equal(api.query, 'q=mua&field=HH&sort=price_asc');
    assert.equal(api.links.html, '/tim-kiem?q=mua&field=HH&sort=price_asc');
    assert.equal(api.links.atom, '/tim-kiem.atom?q=mua&field=HH');
  });

  test('the page links its Atom feed in the head and offers CSV and XLSX', async () => {
    const res = await get('/tim-kiem?q=mua&field=PTV');
    const head = res.body.slice(0, res.body.indexOf('</head>'));
    assert.ok(
      head.includes(
        '<link rel="alternate" type="application/atom+xml" title="Gói thầu mới theo tìm kiếm này (Atom)" href="/tim-kiem.atom?q=mua&amp;field=PTV"',
      ),
    );
    assert.ok(res.body.includes('href="/tim-kiem.xlsx?q=mua&amp;field=PTV"'));
    assert.match(res.body, /tối đa 50\.000 dòng/);
  });

  test('API: filters, facets, paging links', async () => {
    const res = await get('/api/v1/search?field=HH&pageSize=10&page=2&sort=newest');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 17, '15 even plain notices, the amended and the script goods notices');
    assert.equal(body.items.length, 7);
    assert.equal(body.links.prev, '/api/v1/search?field=HH&sort=newest&pageSize=10');
    assert.equal(body.links.next, null);
    assert.deepEqual(Object.keys(body.facets), [
      'state',
      'field',
      'method',
      'procedure',
      'domestic',
      'online',
      'province',
    ]);
    assert.deepEqual(body.facets.province, [{ value: '01', label: 'Thành phố Hà Nội', count: 1 }]);
    const docs = (await get('/api/docs/json')).json();
    const params = docs.paths['/api/v1/search'].get.parameters.map((p: { name: string }) => p.name);
    for (const name of [
      'q',
      'field',
      'agency',
      'province',
      'ward',
      'priceMin',
      'closingWithin',
      'publishedFrom',
      'sort',
    ]) {
      assert.ok(params.includes(name), `OpenAPI documents ${name}`);
    }
  });

  test('bad parameters: 400 naming the parameter on the page and in the API; never a 500', async () => {
    const page = await get('/tim-kiem?priceMin=5&priceMax=1&publishedFrom=2026-02-30&q=may');
    assert.equal(page.statusCode, 400);
    assert.ok(page.body.includes('Tham số “publishedFrom” không hợp lệ'));
    assert.ok(page.body.includes('Tham số “priceMax” không hợp lệ'));
    assert.ok(
      page.body.includes('<input id="q" name="q" type="search" value="may"'),
      'the valid part stays in the form',
    );
    const api = await get('/api/v1/search?priceMin=5&priceMax=1');
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'invalid-parameter');
    assert.match(api.json().error.message, /priceMax/);
    const odd = [
      '%00',
      '%F0%9F%98%80',
      "'; DROP TABLE tbmt; --",
      'a:*|!b',
      '1e9',
      '-1',
      '٣',
      'true',
      ' 01 ',
      '[]',
    ];
    const names = [
      'q',
      'field',
      'method',
      'procedure',
      'domestic',
      'online',
      'state',
      'closingWithin',
      'agency',
      'province',
      'ward',
      'priceMin',
      'priceMax',
      'publishedFrom',
      'publishedTo',
      'closingFrom',
      'closingTo',
      'sort',
      'page',
      'pageSize',
    ];
    for (const name of names) {
      for (const v of odd) {
        for (const path of ['/tim-kiem', '/api/v1/search', '/tim-kiem.atom', '/tim-kiem.csv']) {
          const res = await get(`${path}?${name}=${encodeURIComponent(v)}`);
          assert.ok(
            res.statusCode === 200 || res.statusCode === 400,
            `${path} ${name}=${v}: ${res.statusCode}`,
          );
        }
      }
    }
  });
});
