import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { FIELDS, PROCEDURES } from '../src/procurement/codes.ts';
import type { TbmtFacts } from '../src/procurement/facts.ts';
import { saveTbmtFacts } from '../src/procurement/save.ts';
import { DEMO_REFERENCE_DATE, DEMO_SEED, generateDemo } from '../src/demo/generate.ts';
import { demoReferenceDateFor, hasAnyData, hasNonDemoData, loadDemo } from '../src/demo/load.ts';
import { createTestDatabase } from './helpers/db.ts';
import { tableCounts } from './helpers/snapshot.ts';

const DAY = 86_400_000;
const METHODS_REQUIRED = [
  'DTRR',
  'DTHC',
  'CDT',
  'CDT_RG',
  'CHCT',
  'CHCT_RG',
  'MSTT',
  'CGTT_RG',
  'TTH',
  'TVCN',
];
const SEEDS = [20260101, 1, 2, 3, 42, 777];

const current = (f: TbmtFacts) => f.versions!.at(-1)!;
const closeInForce = (f: TbmtFacts) => f.extensions?.at(-1)?.newCloseAt ?? current(f).bidCloseAt!;

describe('generateDemo', () => {
  test('is deterministic: the same seed gives deep-equal output, another seed differs', () => {
    assert.deepStrictEqual(generateDemo(), generateDemo());
    assert.deepStrictEqual(generateDemo(7), generateDemo(7));
    assert.notDeepStrictEqual(generateDemo(1), generateDemo());
  });

  for (const seed of SEEDS) {
    test(`seed ${seed}: about 60–80 notices covering every field, method, procedure and event`, () => {
      const { facts } = generateDemo(seed);
      assert.ok(facts.length >= 60 && facts.length <= 80, `${facts.length} notices`);
      const set = (f: (x: TbmtFacts) => unknown) => new Set(facts.map(f));
      assert.deepEqual([...set((x) => x.package!.field)].sort(), FIELDS.map((x) => x.value).sort());
      assert.deepEqual([...set((x) => x.package!.procedure)].sort(), PROCEDURES.map((x) => x.value).sort());
      const methods = set((x) => x.package!.method);
      for (const m of METHODS_REQUIRED) assert.ok(methods.has(m), `method ${m}`);
      assert.ok(
        facts.some((x) => x.cancellation?.reason && x.cancellation.decisionNo),
        'a cancellation',
      );
      assert.ok(
        facts.some(
          (x) =>
            x.versions!.length > 1 && x.versions![1]!.version === '01' && x.versions![1]!.amendmentReason,
        ),
        'an amendment',
      );
      assert.ok(
        facts.some((x) => (x.extensions ?? []).length > 0),
        'an extension',
      );
      assert.ok(
        facts.some((x) => x.package!.field === 'HH' && (current(x).lots ?? []).length > 1),
        'multi-lot goods',
      );
      assert.ok(
        facts.some((x) => x.package!.isDomestic === false),
        'international',
      );
      assert.ok(
        facts.some((x) => x.package!.isInternet === false),
        'offline',
      );
      assert.ok(
        facts.some((x) => (x.results?.[0]?.items ?? []).length > 0),
        'a goods item table',
      );
      assert.ok(
        facts.some((x) => (x.contracts ?? []).length > 0),
        'contract information',
      );
      const ref = DEMO_REFERENCE_DATE.getTime();
      const open = facts.filter(
        (x) => !x.cancellation && !x.opening && !x.results?.length && closeInForce(x).getTime() > ref,
      );
      assert.ok(open.length >= 5, `${open.length} open notices`);
      assert.ok(
        open.some((x) => closeInForce(x).getTime() - ref < 3 * DAY),
        'one closing within 3 days',
      );
      assert.ok(facts.filter((x) => x.results?.length).length >= 20, 'awarded notices');
    });

    test(`seed ${seed}: numbers, dates, prices and bidders are sane`, () => {
      const { facts } = generateDemo(seed);
      const ref = DEMO_REFERENCE_DATE.getTime();
      assert.equal(new Set(facts.map((x) => x.notifyNo)).size, facts.length, 'unique notice numbers');
      assert.equal(new Set(facts.map((x) => x.package!.bidNo)).size, facts.length, 'unique package numbers');
      const plans = new Map<string, string>();
      for (const f of facts) {
        assert.match(f.notifyNo, /^IB\d{2}99\d{6}$/);
        assert.match(f.package!.bidNo!, /^BP\d{2}99\d{6}$/);
        assert.match(f.khlcnt!.planNo, /^PL\d{2}99\d{6}$/);
        const plan = JSON.stringify(f.khlcnt);
        assert.equal(plans.get(f.khlcnt!.planNo) ?? plan, plan, 'a plan number always names the same plan');
        plans.set(f.khlcnt!.planNo, plan);

        const first = f.firstPublishedAt!.getTime();
        assert.ok(first < ref, `${f.notifyNo} published before the reference date`);
        for (const v of f.versions!) {
          const close = v.bidCloseAt!.getTime();
          assert.ok(v.publishedAt!.getTime() >= first && v.publishedAt!.getTime() < ref);
          if (v.version !== '00')
            assert.ok(close - v.publishedAt!.getTime() >= 10 * DAY, 'amendment ≥ 10 days before closing');
          if (v.method === 'DTRR' && v.isDomestic)
            assert.ok(close - first >= 18 * DAY, `${f.notifyNo} ≥ 18 days`);
          if (v.method === 'DTRR' && !v.isDomestic)
            assert.ok(close - first >= 35 * DAY, `${f.notifyNo} ≥ 35 days`);
          if (v.bidSecurityVnd != null) {
            const pct = (v.bidSecurityVnd / v.priceVnd!) * 100;
            assert.ok(pct >= 1 && pct <= 3, `${f.notifyNo} v${v.version} bid security ${pct.toFixed(2)}%`);
          }
          assert.ok(Number.isInteger(v.priceVnd) && v.priceVnd! > 0);
          const lots = v.lots ?? [];
          if (lots.length)
            assert.equal(
              lots.reduce((s, l) => s + l.priceVnd!, 0),
              v.priceVnd,
            );
        }
        for (const e of f.extensions ?? []) {
          assert.ok(e.publishedAt.getTime() < e.oldCloseAt!.getTime() && e.newCloseAt! > e.oldCloseAt!);
          assert.ok(e.publishedAt.getTime() < ref);
        }
        if (f.opening) {
          assert.ok(
            f.opening.openedAt!.getTime() >= closeInForce(f).getTime() && f.opening.openedAt!.getTime() < ref,
          );
          const perLot = new Map<string, number>();
          for (const b of f.opening.bidders) perLot.set(b.lotNo ?? '', (perLot.get(b.lotNo ?? '') ?? 0) + 1);
          for (const n of perLot.values())
            assert.ok(n >= 1 && n <= 8, `${f.notifyNo}: ${n} bidders on a lot`);
        }
        for (const r of f.results ?? []) {
          assert.ok(r.publishedAt!.getTime() > closeInForce(f).getTime() && r.publishedAt!.getTime() < ref);
          const winners = r.bidders.filter((b) => b.isWinner);
          assert.ok(winners.length >= 1);
          for (const w of winners) {
            assert.ok(w.winningPriceVnd! <= w.bidPriceVnd!, `${f.notifyNo}: winning price ≤ bid price`);
            const lotPrice =
              (current(f).lots ?? []).find((l) => l.lotNo === w.lotNo)?.priceVnd ?? current(f).priceVnd!;
            assert.ok(w.winningPriceVnd! <= lotPrice, `${f.notifyNo}: winning price ≤ package/lot price`);
            const items = (r.items ?? []).filter((i) => i.lotNo === w.lotNo);
            if (items.length)
              assert.equal(
                items.reduce((s, i) => s + i.amountVnd!, 0),
                w.bidPriceVnd,
              );
          }
          for (const l of r.bidders.filter((b) => !b.isWinner))
            assert.ok(l.reason, 'every loser has a reason');
        }
        for (const c of f.contracts ?? []) assert.ok(c.publishedAt!.getTime() < ref && c.valueVnd! > 0);
      }
    });
  }

  test('text is NFC and organisation codes always carry the same name', () => {
    const { facts } = generateDemo();
    const json = JSON.stringify(facts);
    assert.equal(json, json.normalize('NFC'));
    const names = new Map<string, string>();
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && !(v instanceof Date)) {
        const o = v as Record<string, unknown>;
        if (typeof o.code === 'string' && typeof o.name === 'string') {
          assert.equal(names.get(o.code) ?? o.name, o.name, `code ${o.code}`);
          names.set(o.code, o.name);
          if (o.code.startsWith('vn0') || o.code.startsWith('vn8'))
            assert.match(o.code, /^vn(0199|8099)\d{6}$/);
        }
        Object.values(o).forEach(visit);
      }
    };
    visit(facts);
  });
});

describe('loadDemo', () => {
  test('loads every notice in one transaction, marks demo_loaded, and a second load changes nothing', async () => {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      assert.equal(await hasAnyData(db), false);
      // loadDemo anchors the data to today in Vietnam: compare with the same generation (a fixed date
      // here made the counts differ on the days whose data differs from the fixed date's).
      const referenceDate = demoReferenceDateFor(new Date());
      const { facts } = generateDemo(DEMO_SEED, referenceDate);
      const progress: number[] = [];
      const first = await loadDemo(db, { onProgress: (done, total) => progress.push(total - done) });
      assert.equal(first.tbmt, facts.length);
      assert.equal(progress.length, facts.length);
      assert.equal(progress.at(-1), 0);
      assert.equal(first.stats.conflicts.length, 0, JSON.stringify(first.stats.conflicts.slice(0, 3)));
      assert.equal(await hasAnyData(db), true);
      assert.equal(await hasNonDemoData(db), false);

      const counts = await tableCounts(db);
      const sum = (f: (x: TbmtFacts) => number) => facts.reduce((s, x) => s + f(x), 0);
      assert.equal(counts.tbmt, facts.length);
      assert.equal(counts.package, facts.length);
      assert.equal(counts.khlcnt, new Set(facts.map((x) => x.khlcnt!.planNo)).size);
      assert.equal(
        counts.tbmt_version,
        sum((x) => x.versions!.length),
      );
      assert.equal(
        counts.tbmt_extension,
        sum((x) => x.extensions?.length ?? 0),
      );
      assert.equal(
        counts.tbmt_cancellation,
        sum((x) => (x.cancellation ? 1 : 0)),
      );
      assert.equal(
        counts.bid_opening,
        sum((x) => (x.opening ? 1 : 0)),
      );
      assert.equal(
        counts.bid_opening_bidder,
        sum((x) => x.opening?.bidders.length ?? 0),
      );
      assert.equal(
        counts.kqlcnt,
        sum((x) => x.results?.length ?? 0),
      );
      assert.equal(
        counts.kqlcnt_bidder,
        sum((x) => x.results?.[0]?.bidders.length ?? 0),
      );
      assert.equal(
        counts.kqlcnt_item,
        sum((x) => x.results?.[0]?.items?.length ?? 0),
      );
      assert.equal(
        counts.contract,
        sum((x) => x.contracts?.length ?? 0),
      );
      assert.equal(counts.tbmt_search, facts.length);

      const meta = await db
        .selectFrom('app_meta')
        .select('value')
        .where('key', '=', 'demo_loaded')
        .executeTakeFirst();
      const recorded = meta?.value as { referenceDate: string; seed: number };
      assert.equal(recorded.seed, 20260101);
      assert.ok(
        Date.parse(recorded.referenceDate) <= Date.now(),
        'the demo is anchored to the day it was loaded',
      );
      const demoRows = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM tbmt_search WHERE is_demo`.execute(db);
      assert.equal(demoRows.rows[0]!.n, facts.length);
      const states = await sql<{
        state: string;
      }>`SELECT DISTINCT state FROM tbmt_search ORDER BY state`.execute(db);
      assert.deepEqual(
        states.rows.map((r) => r.state),
        ['awarded', 'cancelled', 'opened', 'published'],
      );

      const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(db);
      const second = await loadDemo(db);
      assert.deepEqual(await tableCounts(db), counts);
      const auditAfter = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(db);
      assert.equal(auditAfter.rows[0]!.n, audit.rows[0]!.n, 'no write the second time');
      for (const [entity, c] of Object.entries(second.stats.byEntity)) {
        assert.equal(c.created + c.updated, 0, `${entity} unchanged`);
      }
    } finally {
      await database.close();
    }
  });

  test('a failure part-way leaves nothing loaded; real data counts as data', async () => {
    const database = await createTestDatabase();
    try {
      await assert.rejects(
        loadDemo(database.db, {
          onProgress: (done) => {
            if (done === 10) throw new Error('interrupted');
          },
        }),
        /interrupted/,
      );
      assert.equal(await hasAnyData(database.db), false);
      const meta = await database.db
        .selectFrom('app_meta')
        .select('key')
        .where('key', '=', 'demo_loaded')
        .execute();
      assert.equal(meta.length, 0);

      // Real (non-demo) data makes the database non-empty, and is told apart from demo data.
      await database.db
        .transaction()
        .execute((tx) =>
          saveTbmtFacts(
            tx,
            { notifyNo: 'IB2600000001', versions: [{ version: '00', name: 'Gói thầu thật' }] },
            { actor: 'test', source: 'muasamcong' },
          ),
        );
      assert.equal(await hasAnyData(database.db), true);
      assert.equal(await hasNonDemoData(database.db), true);
    } finally {
      await database.close();
    }
  });
});

describe('demoReferenceDateFor', () => {
  test('is the latest 10:00 Vietnam time at or before the load, never in the future', () => {
    // 01:50 on 30 Nov in Hà Nội is before that day's 10:00: the anchor is 29 Nov 10:00 (03:00 UTC).
    assert.equal(
      demoReferenceDateFor(new Date('2026-11-29T18:50:00Z')).toISOString(),
      '2026-11-29T03:00:00.000Z',
    );
    assert.equal(
      demoReferenceDateFor(new Date('2026-11-30T03:00:00Z')).toISOString(),
      '2026-11-30T03:00:00.000Z',
    );
    assert.equal(
      demoReferenceDateFor(new Date('2026-11-30T16:59:59Z')).toISOString(),
      '2026-11-30T03:00:00.000Z',
    );
  });
});
