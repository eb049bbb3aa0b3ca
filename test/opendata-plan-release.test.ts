/**
 * A plan (KHLCNT) published alone is open data at once: each package gets its ocid and a `planning`
 * release (valid OCDS 1.1.5) in the plan's transaction, served by /api/ocds/records and the feed,
 * hashed into the ledger; a notice (TBMT) of the package saved later continues the same ocid and the
 * planning release stays as published.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import '../src/opendata/ledger-kind.ts';
import '../src/plans/ledger-kind.ts';
import { saveTbmtFacts } from '../src/procurement/save.ts';
import { dataFindings, portalValidator, tally, useSharedSchema } from './helpers/opendata.ts';
import { planBody, planFixture, type PlanFixture } from './helpers/plans.ts';
import { api } from './helpers/publish.ts';

type Rel = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const BP = 'BP2600777001';

describe('OCDS planning release of a plan published alone', () => {
  let f: PlanFixture;
  let planNo: string;
  before(async () => {
    useSharedSchema();
    f = await planFixture();
    const body = planBody();
    (body.packages as Record<string, unknown>[])[0]!.bidNo = BP;
    const res = await api(f.app, f.token, 'POST', '/api/v1/publish/khlcnt', body);
    assert.equal(res.statusCode, 201, res.body);
    planNo = (JSON.parse(res.body) as { planNo: string }).planNo;
  });
  after(async () => {
    await f?.close();
  });

  const record = async (ocid: string) => {
    const res = await f.app.inject({ url: `/api/ocds/records/${encodeURIComponent(ocid)}` });
    assert.equal(res.statusCode, 200, res.body);
    return JSON.parse(res.body) as { records: { releases: Rel[]; compiledRelease?: Rel }[] };
  };

  test('each package has an ocid and a planning release stating what the plan says', async () => {
    const { records } = await record(`ocds-mbhn01-${BP}`);
    const [r] = records[0]!.releases;
    assert.equal(records[0]!.releases.length, 1);
    assert.deepEqual(r!.tag, ['planning']);
    assert.match(r!.id, new RegExp(`^planning-${planNo}-[0-9a-f]{10}$`));
    assert.equal(r!.planning.budget.id, planNo);
    assert.deepEqual(r!.planning.budget.amount, { amount: 1_250_000_000, currency: 'VND' });
    assert.equal(r!.planning.budget.description, 'Ngân sách thành phố');
    assert.equal(r!.planning.budget.project, 'Dự toán mua sắm thiết bị văn phòng 2026');
    assert.equal(r!.tender.id, BP);
    assert.equal(r!.tender.title, 'Mua máy tính để bàn');
    assert.equal(r!.tender.status, 'planned');
    assert.equal(r!.tender.mainProcurementCategory, 'goods');
    assert.equal(r!.tender.procurementMethod, 'open');
    assert.deepEqual(r!.tender.value, { amount: 1_250_000_000, currency: 'VND' });
    assert.equal(r!.buyer.id, 'bqlda-tc');
    assert.deepEqual(
      r!.parties.map((p: Rel) => [p.id, p.roles]),
      [['bqlda-tc', ['buyer']]],
    );
    assert.deepEqual(r!.relatedProcesses, [
      {
        id: planNo,
        relationship: ['planning'],
        title: 'Kế hoạch mua sắm thiết bị năm 2026',
        scheme: 'VN-KHLCNT',
        identifier: planNo,
      },
    ]);
    // The package without a BP number: ocid and tender.id from the plan number and its position.
    const second = (await record(`ocds-mbhn01-${planNo}-002`)).records[0]!.releases[0]!;
    assert.equal(second.tender.id, `${planNo}-002`);
    assert.equal(second.tender.procurementMethod, 'direct');
    assert.equal(second.tender.mainProcurementCategory, 'services');
    assert.match(second.tender.description, /Thời gian thực hiện hợp đồng \(contract period\): 3 tháng/);
  });

  test('the record package and the feed validate against OCDS 1.1.5 and carry the releases', async () => {
    const v = await portalValidator();
    const rec = await record(`ocds-mbhn01-${BP}`);
    assert.ok(rec.records[0]!.compiledRelease, 'compiled release served');
    const errors = (pkg: object) =>
      dataFindings(v.validator.validatePackage(pkg), v.setFindings).filter((x) => x.severity === 'error');
    assert.deepEqual(tally(errors(rec)), {});
    const feed = await f.app.inject({ url: '/api/ocds/feed?limit=100' });
    assert.equal(feed.statusCode, 200);
    const page = JSON.parse(feed.body) as { releases: Rel[] };
    assert.deepEqual(page.releases.map((r) => [r.ocid, r.tag.join()]).sort(), [
      [`ocds-mbhn01-${BP}`, 'planning'],
      [`ocds-mbhn01-${planNo}-002`, 'planning'],
    ]);
    assert.deepEqual(tally(errors(page)), {});
  });

  test('the ledger holds the plan and both releases, and verifies', async () => {
    const r = await verifyLedgerDatabase(f.database.db);
    assert.deepEqual(r.findings, []);
    assert.equal(r.intact, true);
    assert.deepEqual(r.liveChecked, { khlcnt: 1, 'ocds-release': 2 });
  });

  test('a notice of the package later continues the same ocid; the planning release is kept', async () => {
    const before = (await record(`ocds-mbhn01-${BP}`)).records[0]!.releases[0]!;
    const at = new Date();
    await f.database.db.transaction().execute((tx) =>
      saveTbmtFacts(
        tx,
        {
          notifyNo: 'IB2600777001',
          firstPublishedAt: at,
          package: { bidNo: BP, name: 'Mua máy tính để bàn' },
          versions: [
            {
              version: '00',
              publishedAt: at,
              name: 'Mua máy tính để bàn',
              investor: { code: 'bqlda-tc', name: 'Ban quản lý dự án Sở Tài chính' },
              field: 'HH',
              method: 'DTRR',
              procedure: '1_MTHS',
              contractType: 'TG',
              priceVnd: 1_250_000_000,
              bidCloseAt: new Date(at.getTime() + 25 * 86_400_000),
            },
          ],
        },
        { actor: 'test', source: 'minhbach' },
      ),
    );
    const releases = (await record(`ocds-mbhn01-${BP}`)).records[0]!.releases;
    assert.deepEqual(
      releases.map((r) => r.tag.join()),
      ['planning', 'tender'],
    );
    assert.deepEqual(releases[0], before, 'the planning release is byte for byte as published');
    assert.equal(releases[1]!.tender.id, 'IB2600777001');
    const processes = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ocds_process p JOIN package k ON k.id = p.package_id
      WHERE k.bid_no = ${BP}`.execute(f.database.db);
    assert.equal(processes.rows[0]!.n, 1);
    const r = await verifyLedgerDatabase(f.database.db);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.liveChecked, { khlcnt: 1, 'ocds-release': 3 });
  });
});
