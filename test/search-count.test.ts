/**
 * How a search counts (src/procurement/queries/search-count.ts): the facet table kept by a trigger
 * gives the same totals and facet counts as counting the notices themselves, stays in step with every
 * write, and splits open from closed by the clock; a search with more matches than the cap says "more
 * than", lists facet values without counts and lists the newest first instead of ranking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { DEMO_REFERENCE_DATE } from '../src/demo/generate.ts';
import { loadDemo } from '../src/demo/load.ts';
import {
  countsFromFacetTable,
  facetTableStatement,
  sampleStatement,
  type FacetCountRow,
} from '../src/procurement/queries/search-count.ts';
import { searchTbmt, type SearchParams } from '../src/procurement/queries/search.ts';
import { searchConditions, textTerms } from '../src/procurement/queries/search-sql.ts';
import { createTestDatabase } from './helpers/db.ts';
import { haNoiNotices, openNotice, saveFacts, VN } from './helpers/facts-fixtures.ts';

const NOW = DEMO_REFERENCE_DATE;
const base = { page: 1, pageSize: 20 };

/** Rows of a count statement as `facet=value → n` (values of a facet summed, zero counts dropped). */
function normalise(rows: readonly FacetCountRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (r.facet.startsWith('_') && r.facet !== '_total') continue;
    const key = `${r.facet}=${r.value ?? ''}`;
    out[key] = (out[key] ?? 0) + Number(r.n);
  }
  for (const [k, n] of Object.entries(out)) if (n === 0 && !k.startsWith('_total')) delete out[k];
  return out;
}

describe('search counts', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await loadDemo(database.db, { referenceDate: NOW });
  });
  after(() => database.close());

  /** The facet table's answer and the answer of counting the notices one by one. */
  async function both(params: Partial<SearchParams>, now = NOW) {
    const p = { ...base, ...params };
    assert.ok(countsFromFacetTable(p), JSON.stringify(params));
    const table = await facetTableStatement(p, now, true).execute(database.db);
    const conditions = searchConditions(p, textTerms(null), now, null);
    const direct = await sampleStatement(conditions, {
      now,
      facets: true,
      order: sql`ORDER BY s.tbmt_id`,
      phrase: null,
      limit: 1,
      offset: 0,
      cap: 1_000_000,
    }).execute(database.db);
    return { table: normalise(table.rows), direct: normalise(direct.rows) };
  }

  const cases: Partial<SearchParams>[] = [
    {},
    { field: 'XL' },
    { state: 'open' },
    { state: 'closed' },
    { state: 'awarded', method: 'DTRR' },
    { province: '01', online: true },
    { domestic: false },
    { procedure: '1_HTHS', field: 'HH' },
  ];

  test('the facet table gives the totals and facet counts of counting every notice', async () => {
    for (const params of cases) {
      const { table, direct } = await both(params);
      assert.ok((direct['_total='] ?? 0) > 0, `${JSON.stringify(params)} finds something`);
      assert.deepEqual(table, direct, JSON.stringify(params));
    }
    // Open and closed follow the clock: a month later, notices open today are closed.
    const later = new Date(NOW.getTime() + 40 * 86_400_000);
    const { table, direct } = await both({}, later);
    assert.deepEqual(table, direct);
    assert.equal(table['state=open'], undefined, 'nothing of the demo is still open 40 days later');
    assert.ok((table['state=closed'] ?? 0) > (await both({})).table['state=closed']!);
  });

  test('the facet table is kept in step by every write, in the same transaction', async () => {
    const grouped = sql<{ k: string; n: number }>`
      SELECT concat_ws('|', state, field, method, procedure, is_domestic, is_internet, province_codes::text) AS k,
             count(*)::int AS n FROM tbmt_search GROUP BY 1 ORDER BY 1`;
    const table = sql<{ k: string; n: number }>`
      SELECT concat_ws('|', state, field, method, procedure, is_domestic, is_internet, province_codes::text) AS k,
             n::int AS n FROM search_facet_count WHERE n <> 0 ORDER BY 1`;
    const same = async (why: string) =>
      assert.deepEqual(
        (await table.execute(database.db)).rows,
        (await grouped.execute(database.db)).rows,
        why,
      );
    await same('after the demo load');
    // New notices, and a notice whose amendment changes its field and price (an UPDATE of its row).
    await saveFacts(database, [...haNoiNotices(), openNotice(NOW)]);
    const open = openNotice(NOW);
    const first = open.versions![0]!;
    const amended = {
      ...open,
      versions: [first, { ...first, version: '01', publishedAt: VN('2026-11-21T09:00:00'), field: 'HH' }],
    };
    await saveFacts(database, [amended]);
    await same('after new notices and an amendment');
    // A write that fails half-way leaves the counts as they were.
    await assert.rejects(
      database.db.transaction().execute(async (tx) => {
        await sql`UPDATE tbmt_search SET field = 'TV' WHERE notify_no = ${open.notifyNo}`.execute(tx);
        throw new Error('rolled back');
      }),
    );
    await same('after a rolled-back write');
    const both2 = await both({ field: 'HH' });
    assert.deepEqual(both2.table, both2.direct);
  });

  test('more matches than the cap: "more than", facet values without counts, newest first', async () => {
    const exact = await searchTbmt(database.db, { ...base, q: 'ha noi', now: NOW }, { facets: true });
    assert.ok(exact.totalExact && exact.total > 5, `enough matches (${exact.total})`);
    assert.equal(exact.sort, 'relevance');
    assert.ok(exact.facets!.field.every((f) => typeof f.count === 'number' && f.count > 0));

    const capped = await searchTbmt(
      database.db,
      { ...base, q: 'ha noi', now: NOW },
      { facets: true, countCap: 5 },
    );
    assert.equal(capped.totalExact, false);
    assert.equal(capped.total, 5);
    assert.equal(capped.sort, 'newest', 'relevance needs every match ranked');
    assert.ok(capped.facets!.field.length >= 2, 'the values are still offered');
    assert.ok(
      capped.facets!.field.every((f) => f.count === null),
      'without counts',
    );
    // Newest first: the same notices as asking for newest with the exact count.
    const newest = await searchTbmt(database.db, { ...base, q: 'ha noi', sort: 'newest', now: NOW });
    assert.deepEqual(
      capped.items.map((i) => i.notifyNo),
      newest.items.map((i) => i.notifyNo),
    );
    // A filter that narrows under the cap counts exactly again.
    const narrow = await searchTbmt(
      database.db,
      { ...base, q: 'ha noi', state: 'cancelled', now: NOW },
      { facets: true, countCap: 5 },
    );
    assert.equal(narrow.totalExact, true);
    assert.ok(narrow.total > 0 && narrow.total <= 5, `a narrow result (${narrow.total})`);
    // Its other facets are counted over its results; the state facet, whose other values stand for
    // more than the cap, is listed without counts.
    assert.equal(
      narrow.facets!.field.reduce((n, f) => n + (f.count ?? 0), 0),
      narrow.total,
    );
    assert.ok(narrow.facets!.state.length >= 2 && narrow.facets!.state.every((f) => f.count === null));
  });
});
