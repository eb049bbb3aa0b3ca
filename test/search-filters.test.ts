/**
 * Every filter, the facets and the orders of `searchTbmt` over the demo dataset (68 notices of every
 * field, method, procedure, state, agency and ward), each checked against a direct SQL query over the
 * records themselves (not the search index): the index and the query must agree with the data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { DEMO_REFERENCE_DATE } from '../src/demo/generate.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { TbmtFacts } from '../src/procurement/facts.ts';
import { searchTbmt, type Facets, type SearchParams } from '../src/procurement/queries/search.ts';
import { SEARCH_SORTS } from '../src/procurement/queries/search-params.ts';
import { FACET_KEYS } from '../src/procurement/queries/search-sql.ts';
import { createTestDatabase } from './helpers/db.ts';
import { saveFacts, VN } from './helpers/facts-fixtures.ts';

const NOW = DEMO_REFERENCE_DATE;

/** Two notices without a price (unknown prices sort last both ways), the second in two provinces. */
function noPrice(i: number): TbmtFacts {
  const at = VN(`2026-06-0${i}T08:00:00`);
  const name = `Sửa chữa nhà làm việc số ${i}`;
  const locations =
    i === 2
      ? [
          { provinceCode: '01', provinceName: 'Thành phố Hà Nội' },
          { provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh' },
        ]
      : [];
  return {
    notifyNo: `IB260000000${i}`,
    firstPublishedAt: at,
    package: { name },
    versions: [{ version: '00', publishedAt: at, name, locations }],
  };
}

/**
 * One row per notice computed from the records — current version (else package) values, the closing
 * time after extensions, the state from cancellation / result with a winner / opening / the clock —
 * as the table `n` for the `where` condition (literal SQL written by the test).
 */
function truth(where: string) {
  return sql<{ notify_no: string }>`
    WITH cv AS (SELECT DISTINCT ON (v.tbmt_id) v.* FROM tbmt_version v
                 ORDER BY v.tbmt_id, length(v.version) DESC, v.version DESC),
    base AS (
      SELECT t.id, t.notify_no, coalesce(cv.field, p.field) AS field, coalesce(cv.method, p.method) AS method,
             coalesce(cv.procedure, p.procedure) AS procedure, coalesce(cv.is_domestic, p.is_domestic) AS domestic,
             coalesce(cv.is_internet, p.is_internet) AS online, coalesce(cv.price_vnd, p.price_vnd) AS price,
             coalesce(t.first_published_at, (SELECT v.published_at FROM tbmt_version v WHERE v.tbmt_id = t.id
                                              ORDER BY length(v.version), v.version LIMIT 1)) AS published,
             coalesce((SELECT e.new_close_at FROM tbmt_extension e WHERE e.tbmt_id = t.id AND e.new_close_at IS NOT NULL
                        ORDER BY e.published_at DESC LIMIT 1), cv.bid_close_at) AS closing,
             EXISTS (SELECT 1 FROM tbmt_cancellation c WHERE c.tbmt_id = t.id) AS cancelled,
             EXISTS (SELECT 1 FROM kqlcnt k JOIN kqlcnt_bidder b ON b.kqlcnt_id = k.id
                      WHERE k.tbmt_id = t.id AND b.is_winner) AS awarded,
             EXISTS (SELECT 1 FROM bid_opening o WHERE o.tbmt_id = t.id) AS opened,
             ARRAY(SELECT o.code FROM org o WHERE o.id IN (cv.investor_id, cv.procuring_entity_id)) AS agencies,
             ARRAY(SELECT l.province_code FROM tbmt_location l WHERE l.tbmt_version_id = cv.id) AS provinces,
             ARRAY(SELECT l.ward_code FROM tbmt_location l WHERE l.tbmt_version_id = cv.id) AS wards
        FROM tbmt t JOIN package p ON p.id = t.package_id JOIN cv ON cv.tbmt_id = t.id),
    n AS (SELECT *, CASE WHEN cancelled THEN 'cancelled' WHEN awarded THEN 'awarded' WHEN opened THEN 'opened'
                         WHEN closing <= ${NOW} THEN 'closed' ELSE 'open' END AS state FROM base)
    SELECT notify_no FROM n WHERE ${sql.raw(where)} ORDER BY notify_no`;
}

describe('search filters, facets and orders against the records', () => {
  let database: Database;
  let all: number;
  const search = (p: Partial<SearchParams>, facets = false) =>
    searchTbmt(database.db, { page: 1, pageSize: 100, now: NOW, ...p }, { facets });
  const ids = async (p: Partial<SearchParams>) => (await search(p)).items.map((i) => i.notifyNo).sort();
  const expected = async (where: string) =>
    (await truth(where).execute(database.db)).rows.map((r) => r.notify_no);

  before(async () => {
    database = await createTestDatabase();
    await loadDemo(database.db, { referenceDate: NOW });
    await saveFacts(database, [noPrice(1), noPrice(2)]);
    all = (await search({})).total;
  });
  after(() => database.close());

  test('each filter finds exactly the notices whose records match it', async () => {
    const cases: [Partial<SearchParams>, string][] = [
      [{ field: 'XL' }, "field = 'XL'"],
      [{ method: 'CHCT' }, "method = 'CHCT'"],
      [{ procedure: '1_HTHS' }, "procedure = '1_HTHS'"],
      [{ domestic: false }, 'domestic = false'],
      [{ domestic: true }, 'domestic = true'],
      [{ online: false }, 'online = false'],
      [{ state: 'open' }, "state = 'open'"],
      [{ state: 'closed' }, "state = 'closed'"],
      [{ state: 'opened' }, "state = 'opened'"],
      [{ state: 'awarded' }, "state = 'awarded'"],
      [{ state: 'cancelled' }, "state = 'cancelled'"],
      [
        { closingWithin: 7 },
        `state = 'open' AND closing <= '${new Date(NOW.getTime() + 7 * 86_400_000).toISOString()}'`,
      ],
      [{ agency: 'vnz099000106' }, "'vnz099000106' = ANY(agencies)"],
      [{ province: '01' }, "'01' = ANY(provinces)"],
      [{ ward: '00103' }, "'00103' = ANY(wards)"],
      [{ priceMin: 1_000_000_000, priceMax: 5_000_000_000 }, 'price BETWEEN 1000000000 AND 5000000000'],
      [{ priceMin: 10_000_000_000 }, 'price >= 10000000000'],
      // Calendar days in Vietnam time: 2026-10-01 00:00 +07 = 2026-09-30 17:00 UTC.
      [
        { publishedFrom: '2026-10-01', publishedTo: '2026-10-31' },
        "published >= '2026-09-30T17:00:00Z' AND published < '2026-10-31T17:00:00Z'",
      ],
      [
        { closingFrom: '2026-11-01', closingTo: '2026-11-30' },
        "closing >= '2026-10-31T17:00:00Z' AND closing < '2026-11-30T17:00:00Z'",
      ],
      [
        { field: 'HH', online: true, state: 'awarded', province: '01' },
        "field = 'HH' AND online AND state = 'awarded' AND '01' = ANY(provinces)",
      ],
    ];
    for (const [params, where] of cases) {
      const want = await expected(where);
      const got = await ids(params);
      assert.ok(
        want.length > 0 && want.length < all,
        `${where}: a filter that can fail (${want.length}/${all})`,
      );
      assert.deepEqual(got, want, JSON.stringify(params));
    }
  });

  test('a ward nobody has and a date range with nothing find nothing', async () => {
    assert.equal((await search({ ward: '99999' })).total, 0);
    assert.equal((await search({ publishedFrom: '2020-01-01', publishedTo: '2020-12-31' })).total, 0);
  });

  test('facet counts: each value counted with every other filter applied, as a direct SQL count says', async () => {
    const filters: Partial<SearchParams> = { online: true, field: 'XL', province: '01' };
    const where: Record<string, string> = {
      online: 'online',
      field: "field = 'XL'",
      province: "'01' = ANY(provinces)",
    };
    const result = await search(filters, true);
    assert.ok(result.facets);
    const facets: Facets = result.facets;
    let checked = 0;
    for (const key of FACET_KEYS) {
      const others = Object.entries(where)
        .filter(([k]) => k !== key)
        .map(([, w]) => w);
      for (const v of facets[key]) {
        const self: string =
          key === 'province'
            ? `'${v.value}' = ANY(provinces)`
            : key === 'domestic' || key === 'online'
              ? `${key} = ${v.value}`
              : `${key} = '${v.value}'`;
        const want: number = (await expected([...others, self].join(' AND '))).length;
        assert.equal(v.count, want, `${key}=${v.value}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `enough facet values checked (${checked})`);
    // The chosen value's count is the total; other values of a chosen facet are still counted.
    assert.equal(result.facets.field.find((f) => f.value === 'XL')?.count, result.total);
    assert.ok(result.facets.field.length > 1, 'the other fields are offered with their counts');
    const states = result.facets.state.reduce((s, f) => s + (f.count ?? 0), 0);
    assert.equal(states, result.total, 'without a state filter, the states add up to the total');
    assert.equal(result.facets.state.find((f) => f.value === 'open')?.label, 'Đang mời thầu');
  });

  test('a notice in two provinces counts for both', async () => {
    const { facets } = await search({}, true);
    assert.deepEqual(
      facets!.province.find((f) => f.value === '79'),
      {
        value: '79',
        label: 'Thành phố Hồ Chí Minh',
        count: 1,
      },
    );
    assert.equal(
      facets!.province.find((f) => f.value === '01')?.count,
      (await expected("'01' = ANY(provinces)")).length,
    );
    assert.deepEqual(await ids({ province: '79' }), ['IB2600000002']);
    const hcm = await search({ province: '79' }, true);
    assert.deepEqual(
      hcm.facets!.province.map((f) => [f.value, f.count]).sort(),
      [
        ['01', (await expected("'01' = ANY(provinces)")).length],
        ['79', 1],
      ],
      'the province facet ignores its own filter',
    );
  });

  test('words narrow the facets too', async () => {
    const r = await search({ q: 'thiet bi' }, true);
    assert.ok(r.total > 0 && r.total < all);
    assert.equal(
      r.facets!.field.reduce((s, f) => s + (f.count ?? 0), 0),
      r.total,
    );
  });

  test('pages are stable in every order: no notice twice, none missing', async () => {
    for (const { value: sort } of SEARCH_SORTS) {
      for (const extra of [{}, { q: 'ha noi' }, { state: 'open' as const }]) {
        const whole = (await search({ sort, ...extra })).items.map((i) => i.notifyNo);
        const paged: string[] = [];
        for (let page = 1; page <= Math.ceil(whole.length / 7); page++) {
          paged.push(...(await search({ sort, ...extra, page, pageSize: 7 })).items.map((i) => i.notifyNo));
        }
        assert.deepEqual(paged, whole, `${sort} ${JSON.stringify(extra)}`);
      }
    }
  });

  test('orders: price both ways with unknown prices last, closing soonest among open notices', async () => {
    const prices = async (sort: 'price' | 'price_asc') =>
      (await search({ sort })).items.map((i) => i.priceVnd);
    for (const sort of ['price', 'price_asc'] as const) {
      const p = await prices(sort);
      const known = p.filter((x): x is number => x !== null);
      assert.deepEqual(
        known,
        [...known].sort((a, b) => (sort === 'price' ? b - a : a - b)),
        sort,
      );
      assert.deepEqual(p.slice(-2), [null, null], `${sort}: unknown prices last`);
    }
    const open = (await search({ state: 'open', sort: 'closing' })).items.map(
      (i) => i.bidCloseAt?.getTime() ?? null,
    );
    const dated = open.filter((t): t is number => t !== null);
    assert.ok(dated.length > 1);
    assert.deepEqual(
      dated,
      [...dated].sort((a, b) => a - b),
      'soonest first',
    );
    assert.deepEqual(open.slice(dated.length), [null, null], 'then open notices without a closing time');
  });

  test('codes: notice number exact and prefix, plan number prefix, tax code', async () => {
    const some = (await search({ sort: 'newest' })).items[0]!;
    const exact = await search({ q: some.notifyNo.toLowerCase() });
    assert.equal(exact.exactCode, true);
    assert.deepEqual(
      exact.items.map((i) => i.notifyNo),
      [some.notifyNo],
    );
    const prefix = await search({ q: some.notifyNo.slice(0, 9) });
    assert.ok(prefix.items.some((i) => i.notifyNo === some.notifyNo));
    assert.ok(prefix.items.every((i) => i.notifyNo.startsWith(some.notifyNo.slice(0, 9))));
    const plan = await sql<{ plan_no: string; n: number }>`
      SELECT k.plan_no, count(t.id)::int AS n FROM khlcnt k JOIN package p ON p.khlcnt_id = k.id
        JOIN tbmt t ON t.package_id = p.id GROUP BY k.plan_no ORDER BY n DESC, k.plan_no LIMIT 1`.execute(
      database.db,
    );
    const { plan_no: planNo, n } = plan.rows[0]!;
    assert.equal((await search({ q: planNo })).total, n, `plan ${planNo}`);
    assert.ok((await search({ q: planNo.slice(0, 8) })).total >= n, 'plan number prefix');
    const bidder = await sql<{ code: string; n: number }>`
      SELECT o.code, count(DISTINCT bo.tbmt_id)::int AS n FROM bid_opening bo
        JOIN bid_opening_bidder b ON b.bid_opening_id = bo.id JOIN org o ON o.id = b.contractor_id
       WHERE o.code ~ '^vn[0-9]{10}$' GROUP BY o.code ORDER BY n DESC, o.code LIMIT 1`.execute(database.db);
    const taxCode = bidder.rows[0]!.code.slice(2);
    assert.ok((await search({ q: taxCode })).total >= bidder.rows[0]!.n, `tax code ${taxCode}`);
    assert.ok((await search({ q: taxCode.slice(0, 7) })).total >= bidder.rows[0]!.n, 'tax code prefix');
  });

  test('an agency includes its sub-units (org.parent_code)', async () => {
    const [parent, child] = ['vnz099000106', 'vnz099000105'];
    const alone = await expected(`'${parent}' = ANY(agencies)`);
    const both = await expected(`agencies && ARRAY['${parent}', '${child}']`);
    assert.ok(both.length > alone.length);
    assert.deepEqual(await ids({ agency: parent }), alone);
    await sql`UPDATE org SET parent_code = ${parent} WHERE code = ${child}`.execute(database.db);
    try {
      assert.deepEqual(await ids({ agency: parent }), both, 'the parent finds the notices of its unit');
      assert.deepEqual(
        await ids({ agency: child }),
        await expected(`'${child}' = ANY(agencies)`),
        'not upwards',
      );
    } finally {
      await sql`UPDATE org SET parent_code = NULL WHERE code = ${child}`.execute(database.db);
    }
    assert.equal((await search({ agency: 'vnz999999999' })).total, 0, 'an unknown agency finds nothing');
  });
});
