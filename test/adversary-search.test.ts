/**
 * Adversarial tests of search (/tim-kiem, /api/v1/search) on the demo data: tsquery syntax and odd
 * characters in q, deep pages, page sizes out of range and every parameter given twice — a clear 400
 * or a normal answer, never a 500; the API's count fields keep their types.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { DEMO_REFERENCE_DATE } from '../src/demo/generate.ts';
import { loadDemo } from '../src/demo/load.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';

describe('adversary: search', () => {
  let database: Database;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });
  before(async () => {
    database = await createTestDatabase();
    await loadDemo(database.db, { referenceDate: DEMO_REFERENCE_DATE });
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test('tsquery syntax, quotes, diacritics only, NUL, emoji and SQL in q: 200 on both, with typed counts', async () => {
    const all = (await get('/api/v1/search')).json().total as number;
    const qs = [
      ':*',
      '&|!',
      '!',
      '(',
      "'",
      '\\',
      '<->',
      '""',
      '"máy',
      ' ',
      '\u0300\u0301\u0303',
      'x\u0000y',
      '-',
      '*',
      '🙂',
      'a|b',
      '$1',
      "' OR 1=1 --",
      'máy:* & tính',
      'ĐĐĐ',
    ];
    for (const q of qs) {
      const a = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      assert.equal(a.statusCode, 200, `${JSON.stringify(q)}: ${a.body.slice(0, 200)}`);
      const j = a.json();
      assert.equal(typeof j.total, 'number');
      assert.equal(typeof j.totalExact, 'boolean');
      assert.ok(j.total <= all);
      for (const values of Object.values(j.facets as Record<string, Array<{ count?: unknown }>>)) {
        for (const v of values)
          assert.ok(v.count === undefined || typeof v.count === 'number', JSON.stringify(v));
      }
      const w = await get(`/tim-kiem?q=${encodeURIComponent(q)}`);
      assert.equal(w.statusCode, 200, JSON.stringify(q));
      assert.doesNotMatch(w.body, /<script>alert/);
    }
    // Only-punctuation / only-diacritics queries mean "no words": every notice.
    assert.equal((await get(`/api/v1/search?q=${encodeURIComponent(':*')}`)).json().total, all);
    assert.equal((await get(`/api/v1/search?q=${encodeURIComponent('\u0300\u0301')}`)).json().total, all);
    assert.equal((await get(`/api/v1/search?q=${encodeURIComponent('x\u0000y')}`)).json().total, 0);
  });

  test('long q, deep pages, page sizes: 400 out of range, empty page within it', async () => {
    for (const q of ['máy '.repeat(500), 'a'.repeat(3000)]) {
      assert.equal((await get(`/api/v1/search?q=${encodeURIComponent(q)}`)).statusCode, 400);
      assert.equal((await get(`/tim-kiem?q=${encodeURIComponent(q)}`)).statusCode, 400);
    }
    const deep = await get('/api/v1/search?sort=closing&page=10000');
    assert.equal(deep.statusCode, 200);
    assert.equal(deep.json().items.length, 0);
    assert.equal((await get('/tim-kiem?sort=closing&page=10000')).statusCode, 200);
    for (const p of [
      'page=0',
      'page=-1',
      'page=1.5',
      'page=abc',
      'page=1000000000',
      'pageSize=0',
      'pageSize=-1',
      'pageSize=1000',
    ]) {
      assert.equal((await get(`/api/v1/search?${p}`)).statusCode, 400, p);
      assert.equal((await get(`/tim-kiem?${p}`)).statusCode, 400, p);
    }
  });

  test('every parameter twice is a 400 (never a 500); odd forms of q are ignored', async () => {
    for (const p of [
      'q=máy&q=tính',
      'page=1&page=2',
      'sort=closing&sort=newest',
      'field=HH&field=XL',
      'state=open&state=closed',
      'pageSize=10&pageSize=20',
      'priceMin=1&priceMin=2',
      'province=01&province=02',
      'publishedFrom=2026-02-30',
      'priceMin=5&priceMax=1',
      'agency=%00',
    ]) {
      const a = await get(`/api/v1/search?${encodeURI(p)}`);
      assert.equal(a.statusCode, 400, p);
      assert.equal(a.json().error.code, 'invalid-parameter');
      assert.equal((await get(`/tim-kiem?${encodeURI(p)}`)).statusCode, 400, p);
    }
    for (const p of ['q[]=x', 'q[a]=x', 'q=%E0']) {
      assert.equal((await get(`/api/v1/search?${p}`)).statusCode, 200, p);
      assert.equal((await get(`/tim-kiem?${p}`)).statusCode, 200, p);
    }
  });
});
