/**
 * The search over real notices imported from the national system (`../shared/real-data/muasamcong/api`):
 * queries without diacritics or case, codes (notice, plan and tax code, whole or a prefix), filters and
 * facets checked against direct SQL counts, and the exports of a real search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const skip = skipWithoutShared('real-data', 'muasamcong', 'api');

describe('search over the real notices', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await importMuasamcong(database.db, [sharedPath('real-data', 'muasamcong', 'api')]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const numbers = async (query: string) => {
    const res = await get(`/api/v1/search?${query}`);
    assert.equal(res.statusCode, 200, query);
    return (res.json().items as { notifyNo: string }[]).map((i) => i.notifyNo).sort();
  };

  test('words without diacritics or case find the notices; the marks keep the published spelling', async () => {
    assert.deepEqual(await numbers('q=thuy+dien+se+san'), ['IB2600077452']);
    assert.deepEqual(await numbers('q=TRUYEN+TAI+DIEN+QUOC+GIA'), ['IB2600022089']);
    assert.deepEqual(await numbers(`q=${encodeURIComponent('vttb nhị thứ')}`), ['IB2600022089']);
    const page = await get('/tim-kiem?q=thuy+dien+se+san');
    assert.ok(page.body.includes('<mark>THỦY</mark> <mark>ĐIỆN</mark> <mark>SÊ</mark> <mark>SAN</mark>'));
    const api = (await get('/api/v1/search?q=may+bien+dien+ap')).json();
    assert.equal(
      api.items[0].highlight.name,
      'Mua sắm <mark>máy</mark> <mark>biến</mark> <mark>điện</mark> <mark>áp</mark> 220kV',
    );
  });

  test('codes: a notice number exactly or by prefix, a plan number, a tax code whole or in part', async () => {
    const all = await numbers('');
    assert.ok(all.length >= 3);
    assert.deepEqual(await numbers('q=ib2600077452'), ['IB2600077452']);
    assert.deepEqual(
      await numbers('q=IB26000'),
      all.filter((n) => n.startsWith('IB26000')),
    );
    assert.deepEqual(await numbers('q=PL2300177537'), ['IB2600022089']);
    assert.deepEqual(await numbers('q=PL23001'), ['IB2600022089']);
    // ĐIỆN NAM SÀI GÒN (vn0317079577) bid in and won IB2600077452.
    assert.deepEqual(await numbers('q=0317079577'), ['IB2600077452']);
    assert.deepEqual(await numbers('q=03170795'), ['IB2600077452']);
  });

  test('filters and facets agree with direct SQL counts over the records', async () => {
    const body = (await get('/api/v1/search')).json();
    const direct = await sql<{ state: string; n: number }>`
      SELECT CASE WHEN EXISTS (SELECT 1 FROM tbmt_cancellation c WHERE c.tbmt_id = t.id) THEN 'cancelled'
                  WHEN EXISTS (SELECT 1 FROM kqlcnt k JOIN kqlcnt_bidder b ON b.kqlcnt_id = k.id
                                WHERE k.tbmt_id = t.id AND b.is_winner) THEN 'awarded'
                  WHEN EXISTS (SELECT 1 FROM bid_opening o WHERE o.tbmt_id = t.id) THEN 'opened'
                  ELSE 'published' END AS state, count(*)::int AS n
        FROM tbmt t GROUP BY 1`.execute(database.db);
    for (const { state, n } of direct.rows) {
      if (state === 'published') continue;
      const facet = body.facets.state.find((f: { value: string }) => f.value === state);
      assert.equal(facet?.count, n, `state ${state}`);
      assert.equal((await numbers(`state=${state}`)).length, n);
    }
    const fields = await sql<{ field: string; n: number }>`
      SELECT v.field, count(*)::int AS n FROM tbmt t
        JOIN LATERAL (SELECT field FROM tbmt_version v WHERE v.tbmt_id = t.id
                       ORDER BY length(v.version) DESC, v.version DESC LIMIT 1) v ON true
       WHERE v.field IS NOT NULL GROUP BY 1`.execute(database.db);
    assert.ok(fields.rows.length > 0);
    for (const { field, n } of fields.rows) {
      assert.equal(body.facets.field.find((f: { value: string }) => f.value === field)?.count, n, field);
    }
  });

  test('the exports of a real search', async () => {
    const csv = await get('/tim-kiem.csv?q=dien');
    const rows = parse(csv.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r['Số TBMT']).sort(), await numbers('q=dien'));
    const ib77452 = rows.find((r) => r['Số TBMT'] === 'IB2600077452')!;
    assert.equal(ib77452['Tên gói thầu'], 'Mua sắm máy biến điện áp 220kV');
    assert.equal(
      ib77452['Thời điểm đóng thầu (giờ Việt Nam)'],
      '2026-03-24 15:00',
      'as the national system shows it',
    );
    const atom = await get('/tim-kiem.atom?q=dien');
    assert.equal(atom.statusCode, 200);
    assert.equal((atom.body.match(/<entry>/g) ?? []).length, rows.length);
  });
});
