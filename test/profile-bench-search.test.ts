/**
 * The search benchmark's generator and loader (bench/search): deterministic, loadable through the
 * real schema, and its `tbmt_search` rows are exactly what the app's `refreshTbmtSearch` builds from
 * the loaded records — so the benchmark measures the search on the index the app would have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { generateBatch, universe } from '../bench/search/generate.ts';
import { loadBench } from '../bench/search/load.ts';
import { querySet } from '../bench/search/queries.ts';
import type { Database } from '../src/db/connect.ts';
import { searchTbmt } from '../src/procurement/queries/search.ts';
import { refreshTbmtSearch } from '../src/procurement/write/search-index.ts';
import { createTestDatabase } from './helpers/db.ts';

const N = 120;
const COLUMNS = [
  'notify_no',
  'state',
  'field',
  'method',
  'procedure',
  'is_domestic',
  'is_internet',
  'province_codes',
  'ward_codes',
  'agency_codes',
  'price_vnd',
  'published_at',
  'bid_close_at',
  'result_published_at',
  'is_demo',
] as const;

describe('search benchmark data', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    const u = universe(N, 7);
    // One connection: the loader's session settings must hold for its statements.
    await database.db.connection().execute(async (conn) => {
      await loadBench(
        async (text, params) => {
          const r = await conn.executeQuery(CompiledQuery.raw(text, params ?? []));
          return { rows: r.rows as Record<string, unknown>[] };
        },
        u,
        N,
        { batch: 50 },
      );
    });
  });
  after(async () => {
    await database?.close();
  });

  test('the generator is deterministic and independent of the batch size', () => {
    const u = universe(N, 7);
    const whole = generateBatch(u, 0, 40);
    const parts = [generateBatch(u, 0, 13), generateBatch(u, 13, 40)];
    for (const table of ['tbmt', 'tbmt_search', 'bid_opening_bidder', 'kqlcnt_bidder']) {
      const joined = Object.fromEntries(
        Object.keys(whole.get(table)!).map((c) => [c, parts.flatMap((p) => p.get(table)![c] ?? [])]),
      );
      assert.deepEqual(joined, whole.get(table), table);
    }
    assert.deepEqual(generateBatch(universe(N, 7), 5, 6), generateBatch(universe(N, 7), 5, 6));
    assert.notDeepEqual(generateBatch(universe(N, 8), 5, 6), generateBatch(u, 5, 6));
  });

  test('every search row equals the one the app builds from the loaded records', async () => {
    const db = database.db;
    const cols = COLUMNS.map((c) => `s.${c}`).join(', ');
    const read = async () =>
      (
        await sql
          .raw<Record<string, unknown> & { tbmt_id: number; folded: string }>(
            `SELECT s.tbmt_id, s.folded, ${cols} FROM tbmt_search s ORDER BY s.tbmt_id`,
          )
          .execute(db)
      ).rows;
    const loaded = await read();
    assert.equal(loaded.length, N);
    await db.transaction().execute(async (tx) => {
      for (const r of loaded) await refreshTbmtSearch(tx, r.tbmt_id);
    });
    const rebuilt = await read();
    const words = (f: string) => [...new Set(f.split(' '))].sort();
    for (const [i, r] of rebuilt.entries()) {
      const l = loaded[i]!;
      for (const c of COLUMNS) assert.deepEqual(l[c], r[c], `${l.notify_no}: ${c}`);
      assert.deepEqual(words(l.folded), words(r.folded), `${l.notify_no}: words`);
    }
    const states = new Set(loaded.map((r) => r.state));
    for (const s of ['published', 'opened', 'awarded']) assert.ok(states.has(s), `some notices are ${s}`);
  });

  test('the loaded data has agencies with sub-units, amendments, openings and results', async () => {
    const db = database.db;
    const count = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(db)).rows[0]!.n);
    assert.ok((await count('SELECT count(*)::int AS n FROM org WHERE parent_code IS NOT NULL')) > 100);
    assert.ok((await count(`SELECT count(*)::int AS n FROM tbmt_version WHERE version = '01'`)) > 0);
    assert.ok((await count('SELECT count(*)::int AS n FROM bid_opening_bidder')) > N);
    assert.ok((await count('SELECT count(*)::int AS n FROM kqlcnt_bidder WHERE is_winner')) > N / 3);
    const fields = await count('SELECT count(DISTINCT field)::int AS n FROM tbmt_search');
    assert.ok(fields >= 4, `fields: ${fields}`);
  });

  test('every query of the set runs through searchTbmt; code lookups find their notice', async () => {
    const queries = querySet(universe(N, 7), N);
    for (const q of queries) {
      const r = await searchTbmt(database.db, q.params, { facets: q.facets });
      if (q.kind === 'code' && q.label.startsWith('notice')) assert.equal(r.total, 1, q.label);
      if (q.facets) assert.ok(r.facets, `${q.label}: facets`);
      if (q.kind === 'tax-code') assert.ok(r.total >= 1, `${q.label}: a contractor that bid is found`);
    }
  });
});
