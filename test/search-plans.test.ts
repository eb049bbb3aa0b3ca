/**
 * Every query shape of the search uses an index at 100,000 notices: the statements `searchTbmt` runs
 * (`searchStatements`) are EXPLAINed over a synthetic index table and must not scan `tbmt_search`
 * sequentially. (The 1M-row benchmark is `bench/search`.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import {
  SEARCH_COUNT_CAP,
  searchStatements,
  searchTbmt,
  type SearchParams,
} from '../src/procurement/queries/search.ts';
import { createTestDatabase } from './helpers/db.ts';

const N = 100_000;
const NOW = new Date('2026-06-01T03:00:00Z');

/** N notices: packages, notices and their index rows, words and filters spread deterministically. */
async function fill(database: Database): Promise<void> {
  const db = database.db;
  await sql`INSERT INTO package (name, source) SELECT 'Gói ' || i, 'demo' FROM generate_series(1, ${N}) i`.execute(
    db,
  );
  await sql`INSERT INTO tbmt (notify_no, package_id, source)
            SELECT 'IB26' || lpad(id::text, 8, '0'), id, 'demo' FROM package`.execute(db);
  await sql`
    INSERT INTO tbmt_search (tbmt_id, notify_no, folded, state, field, method, procedure, is_domestic, is_internet,
                             province_codes, ward_codes, agency_codes, price_vnd, published_at, bid_close_at)
    SELECT t.id, t.notify_no,
           lower(t.notify_no) || ' mua sam ' || (ARRAY['may','thiet','xay','sua','van','hoa'])[1 + t.id % 6]
             || ' bi w' || (t.id % 997) || ' cong ty ' || (t.id % 5003) || ' ha noi',
           (ARRAY['published','published','published','opened','awarded','cancelled'])[1 + t.id % 6],
           (ARRAY['HH','XL','TV','PTV','HON_HOP'])[1 + t.id % 5],
           (ARRAY['DTRR','CHCT','CDT','MSTT','DTHC','CHCT_RG','CDT_RG'])[1 + t.id % 7],
           (ARRAY['1_MTHS','1_HTHS','2_MTHS','2_HTHS'])[1 + (t.id / 7) % 4],
           t.id % 19 <> 0, t.id % 13 <> 0,
           ARRAY[lpad((1 + t.id % 63)::text, 2, '0')],
           ARRAY[lpad((t.id % 3000)::text, 5, '0')],
           ARRAY['vnz' || lpad((t.id % 2000)::text, 9, '0')],
           1000000 + (t.id * 7919) % 100000000000,
           timestamptz '2026-06-01T00:00:00Z' - (t.id % 700) * interval '1 day' - (t.id % 1440) * interval '1 minute',
           timestamptz '2026-06-01T00:00:00Z' + ((t.id % 120) - 60) * interval '1 day'
      FROM tbmt t`.execute(db);
  await sql`ANALYZE`.execute(db);
}

async function plan(database: Database, statement: RawBuilder<unknown>): Promise<string> {
  const r = await sql<Record<string, string>>`EXPLAIN ${statement}`.execute(database.db);
  return r.rows.map((row) => Object.values(row)[0]).join('\n');
}

describe(`query plans at ${N.toLocaleString('en')} notices`, () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await fill(database);
  });
  after(() => database.close());

  const shapes: [string, Partial<SearchParams>, RegExp][] = [
    ['keyword', { q: 'w17 cong ty 170' }, /tbmt_search_tsv_idx/],
    ['keyword + filters', { q: 'w17', field: 'XL', state: 'open', online: true }, /tbmt_search_tsv_idx/],
    ['keyword, newest', { q: 'w17 hoa', sort: 'newest' }, /tbmt_search_tsv_idx/],
    ['code lookup', { q: 'IB2600012345' }, /tbmt_search_notify_no_idx/],
    ['code prefix', { q: 'ib26000123' }, /tbmt_search_tsv_idx/],
    ['newest', {}, /tbmt_search_published_idx/],
    ['deep page', { page: 400 }, /tbmt_search_published_idx/],
    ['field, newest', { field: 'TV', method: 'CDT' }, /tbmt_search_(field|method)_idx/],
    ['agency', { agency: 'vnz000000042' }, /tbmt_search_agency_idx/],
    ['ward', { ward: '00042', province: '43' }, /tbmt_search_ward_idx/],
    [
      'price range, cheapest',
      { priceMin: 5_000_000, priceMax: 9_000_000, sort: 'price_asc' },
      /tbmt_search_price_asc_idx/,
    ],
    ['highest price', { sort: 'price' }, /tbmt_search_price_idx/],
    ['open, closing soonest', { state: 'open', sort: 'closing' }, /tbmt_search_(closing|state|unopened)_idx/],
    ['closing within 3 days', { closingWithin: 3 }, /tbmt_search_(closing|state|published|unopened)_idx/],
    [
      'published in a week',
      { publishedFrom: '2026-05-01', publishedTo: '2026-05-07' },
      /tbmt_search_published_idx/,
    ],
  ];

  for (const [name, params, index] of shapes) {
    test(`${name}: the page uses an index`, async () => {
      const statements = await searchStatements(database.db, { page: 1, pageSize: 20, now: NOW, ...params });
      // The last statement lists the page (the earlier ones count: the second loop checks those).
      const page = await plan(database, statements.at(-1)!);
      assert.match(page, index, page);
      assert.doesNotMatch(page, /Seq Scan on tbmt_search/, page);
    });
  }

  for (const [name, params] of shapes.filter(
    ([n]) => n.startsWith('keyword') || n === 'agency' || n === 'ward',
  )) {
    test(`${name}: the total and the facets use an index`, async () => {
      const statements = await searchStatements(
        database.db,
        { page: 1, pageSize: 20, now: NOW, ...params },
        { facets: true },
      );
      const plans = (await Promise.all(statements.map((s) => plan(database, s)))).join('\n');
      assert.doesNotMatch(plans, /Seq Scan on tbmt_search/, plans);
    });
  }
});

describe(`broad searches at ${N.toLocaleString('en')} notices`, () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await fill(database);
    // Pages list notices by their current version: one each.
    await sql`INSERT INTO tbmt_version (tbmt_id, version, name, source) SELECT id, '00', 'Gói ' || id, 'demo' FROM tbmt`.execute(
      database.db,
    );
  });
  after(() => database.close());
  const base = { page: 1, pageSize: 20, now: NOW };

  test('a word in every notice is not read: "more than 10,000", newest first, the same page as newest', async () => {
    const broad = await searchTbmt(database.db, { ...base, q: 'mua sam' }, { facets: true });
    assert.equal(broad.totalExact, false);
    assert.equal(broad.total, SEARCH_COUNT_CAP);
    assert.equal(broad.sort, 'newest');
    assert.ok(broad.facets!.field.length === 5 && broad.facets!.field.every((f) => f.count === null));
    const direct = await sql<{ notify_no: string }>`SELECT notify_no FROM tbmt_search
      WHERE tsv @@ to_tsquery('simple', 'mua & sam:*')
      ORDER BY published_at DESC NULLS LAST, tbmt_id DESC LIMIT 20`.execute(database.db);
    assert.deepEqual(
      broad.items.map((i) => i.notifyNo),
      direct.rows.map((r) => r.notify_no),
    );
    const plans = (
      await Promise.all(
        (await searchStatements(database.db, { ...base, q: 'mua sam' }, { facets: true })).map((s) =>
          plan(database, s),
        ),
      )
    ).join('\n');
    assert.doesNotMatch(plans, /tbmt_search_tsv_idx/, 'the full-text index is not read');
  });

  test('a word in a sixth of the notices with a rare filter is counted exactly', async () => {
    const r = await searchTbmt(database.db, { ...base, q: 'hoa', agency: 'vnz000000047' }, { facets: true });
    const direct = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tbmt_search
      WHERE tsv @@ to_tsquery('simple', 'hoa:*') AND agency_codes && ARRAY['vnz000000047']`.execute(
      database.db,
    );
    assert.equal(r.totalExact, true);
    assert.equal(r.total, direct.rows[0]!.n);
    assert.ok(r.total > 0 && r.facets!.field.every((f) => typeof f.count === 'number'));
  });

  test('a page deep into a broad search is the same as ordering every match', async () => {
    const r = await searchTbmt(database.db, { ...base, q: 'thiet bi', sort: 'price', page: 30 });
    const direct = await sql<{ notify_no: string }>`SELECT notify_no FROM tbmt_search
      WHERE tsv @@ to_tsquery('simple', 'thiet & bi:*')
      ORDER BY price_vnd DESC NULLS LAST, tbmt_id DESC LIMIT 20 OFFSET 580`.execute(database.db);
    assert.equal(r.totalExact, false);
    assert.deepEqual(
      r.items.map((i) => i.notifyNo),
      direct.rows.map((x) => x.notify_no),
    );
  });
});
