/**
 * Publishing a plan (KHLCNT) through the JSON API and the web form: success with the public page,
 * every validation error with its field path, 403 for another agency, 409 for a plan number already
 * published (a correction is a new version), no CSRF → 403, lateness in working days, script payloads
 * as text, audit rows in the same transaction.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import { WorkingCalendar } from '../src/calendar/index.ts';
import '../src/plans/ledger-kind.ts';
import { checkPlanInput } from '../src/plans/input.ts';
import { publishPlan } from '../src/plans/publish.ts';
import { planBody, planFixture, vnDaysAgo, type PlanFixture } from './helpers/plans.ts';

let f: PlanFixture;
before(async () => {
  f = await planFixture();
});
after(async () => {
  await f?.close();
});

const api = (body: unknown, headers: Record<string, string>) =>
  f.app.inject({
    method: 'POST',
    url: '/api/v1/publish/khlcnt',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
const bearer = () => ({ authorization: `Bearer ${f.token}` });
const plans = async () =>
  (await f.database.db.selectFrom('khlcnt').select('plan_no').execute()).map((r) => r.plan_no);

describe('JSON API POST /api/v1/publish/khlcnt', () => {
  test('publishes a plan with a national number; the public page lists its packages; audited', async () => {
    const res = await api(planBody({ planNo: 'PL2600044908' }), bearer());
    assert.equal(res.statusCode, 201, res.body);
    const out = res.json();
    assert.equal(out.planNo, 'PL2600044908');
    assert.equal(out.packages, 2);
    assert.equal(out.late, false);
    assert.equal(out.lateByWorkingDays, 0);
    const page = await f.app.inject({ method: 'GET', url: out.url });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mua máy tính để bàn/);
    assert.match(page.body, /Tư vấn giám sát lắp đặt/);
    assert.match(page.body, /1\.250\.000\.000 ₫/);
    assert.match(page.body, /Đăng tải đúng hạn/);
    assert.match(page.body, /Ban QLDA Sở Tài chính/);
    const audit = await f.database.db
      .selectFrom('audit_log')
      .select(['actor', 'entity'])
      .where('entity', 'in', ['khlcnt', 'package'])
      .execute();
    assert.equal(audit.filter((a) => a.entity === 'khlcnt').length, 1);
    assert.equal(audit.filter((a) => a.entity === 'package').length, 2);
    assert.ok(
      audit.every((a) => /^token:\d+$/.test(a.actor)),
      'audited as the token',
    );
    const ledger = await f.database.db
      .selectFrom('ledger_entry')
      .select(['kind', 'ref'])
      .where('kind', '=', 'khlcnt')
      .execute();
    assert.deepEqual(
      ledger.map((l) => l.ref),
      ['PL2600044908'],
    );
  });

  test('the same number again is 409 and says a correction is a new version; version 01 is accepted', async () => {
    const again = await api(planBody({ planNo: 'PL2600044908' }), bearer());
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'plan-exists');
    assert.match(again.json().error.message, /version 01/);
    const fix = await api(
      planBody({ planNo: 'PL2600044908', version: '01', name: 'Kế hoạch (điều chỉnh)' }),
      bearer(),
    );
    assert.equal(fix.statusCode, 201, fix.body);
    assert.equal(fix.json().planNo, 'PL2600044908-01');
    const page = await f.app.inject({ method: 'GET', url: '/khlcnt/PL2600044908' });
    assert.match(page.body, /href="\/khlcnt\/PL2600044908-01"/, 'the original lists its correction');
    const first = await f.database.db
      .selectFrom('khlcnt')
      .select('name')
      .where('plan_no', '=', 'PL2600044908')
      .executeTakeFirstOrThrow();
    assert.equal(first.name, 'Kế hoạch mua sắm thiết bị năm 2026', 'the published plan was not edited');
  });

  test('without a number minhbach issues PL + yy + 9 + 7 digits', async () => {
    const res = await api(planBody(), bearer());
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.json().planNo, /^PL\d{2}9\d{7}$/);
  });

  test('400 lists every error with its field path; nothing saved', async () => {
    const before = await plans();
    const body = planBody({ decisionDate: '31/02/2026', investorCode: '' });
    (body.packages as Record<string, unknown>[])[1]!.priceVnd = 'nhiều tiền';
    (body.packages as Record<string, unknown>[])[0]!.field = 'XYZ';
    const res = await api(body, bearer());
    assert.equal(res.statusCode, 400, res.body);
    const paths = res
      .json()
      .error.errors.map((e: { path: string }) => e.path)
      .sort();
    assert.deepEqual(paths, ['/decisionDate', '/investorCode', '/packages/0/field', '/packages/1/priceVnd']);
    assert.deepEqual(await plans(), before);
  });

  test('a non-object body is 400, never 500', async () => {
    for (const body of [[], 'x', null, { packages: 'nope' }]) {
      const res = await api(body, bearer());
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    }
  });

  test('a publisher of agency Y gets 403 for an investor of agency X; nothing saved', async () => {
    const before = await plans();
    const page = await f.xd.get('/dang-tai/khlcnt');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = [...f.xd.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await api(planBody(), { cookie, 'x-csrf-token': csrf });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'forbidden-agency');
    assert.deepEqual(await plans(), before);
  });

  test('a session without the CSRF token gets 403; anonymous 401', async () => {
    const cookie = [...f.tc.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await api(planBody(), { cookie });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf-invalid');
    assert.equal((await api(planBody(), {})).statusCode, 401);
  });

  test('the OpenAPI description documents the route and its body', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const op = doc.paths['/api/v1/publish/khlcnt'].post;
    assert.ok(op.requestBody.content['application/json'].schema.properties.packages);
    assert.ok(op.responses['409']);
  });
});

describe('web form POST /dang-tai/khlcnt', () => {
  const form = (over: Record<string, string> = {}) => ({
    name: '<script>alert("x")</script> Kế hoạch',
    projectName: 'Dự án <b>đậm</b>',
    investorCode: 'so-tc',
    decisionNo: '7/QĐ',
    decisionDate: vnDaysAgo(0).split('-').reverse().join('/'),
    decisionAgency: 'UBND Thành phố',
    'p0.name': 'Sửa chữa trụ sở <img src=x onerror=alert(1)>',
    'p0.field': 'XL',
    'p0.method': 'CHCT',
    'p0.procedure': '1_MTHS',
    'p0.contractType': 'DGCD',
    'p0.isDomestic': 'true',
    'p0.isInternet': 'true',
    'p0.priceVnd': '2.500.000.000',
    'p0.funding': 'Vốn sự nghiệp',
    'p0.selectionStart': 'Q3/2026',
    'p0.contractPeriod': '6',
    'p0.contractPeriodUnit': 'M',
    ...over,
  });

  test('publishes and redirects to the plan; script payloads show as text', async () => {
    const res = await f.tc.submit('/dang-tai/khlcnt', '/dang-tai/khlcnt', form());
    assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
    const page = await f.tc.get(res.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script>alert'), 'no live script');
    assert.ok(!page.body.includes('<img src=x'), 'no live img');
    assert.match(page.body, /&lt;script>alert/);
    assert.match(page.body, /2\.500\.000\.000 ₫/);
    assert.match(page.body, /Quý 3\/2026/);
    const audit = await f.database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('entity', '=', 'khlcnt')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(audit.actor, /^account:\d+$/);
  });

  test('errors are listed by field; the typed values stay; nothing saved', async () => {
    const before = await plans();
    const res = await f.tc.submit(
      '/dang-tai/khlcnt',
      '/dang-tai/khlcnt',
      form({ 'p0.priceVnd': 'abc', decisionNo: '' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Gói thầu 1 — Giá gói thầu \(VND\)/);
    assert.match(res.body, /Không phải số/);
    assert.match(res.body, /Số quyết định phê duyệt/);
    assert.match(res.body, /value="UBND Thành phố"/);
    assert.deepEqual(await plans(), before);
  });

  test('without _csrf → 403; another agency → 403', async () => {
    const res = await f.tc.request('POST', '/dang-tai/khlcnt', form());
    assert.equal(res.statusCode, 403);
    const y = await f.xd.submit('/dang-tai/khlcnt', '/dang-tai/khlcnt', form());
    assert.equal(y.statusCode, 403);
  });
});

describe('lateness (Law 22/2023 Art. 8.4: ≤ 5 working days after approval)', () => {
  test('published 3 working days after the deadline is recorded as 3 WD late', async () => {
    // Approved Mon 2 Mar 2026 → deadline end of Mon 9 Mar (5 WD); published Thu 12 Mar 10:00 VN.
    const checked = checkPlanInput(planBody({ decisionDate: '2026-03-02' }), '2026-03-12');
    assert.ok(checked.ok);
    const done = await f.database.db.transaction().execute((tx) =>
      publishPlan(tx, checked.plan, {
        actor: 'test',
        agencyCode: 'so-tc',
        now: new Date('2026-03-12T03:00:00Z'),
        calendar: new WorkingCalendar(),
      }),
    );
    assert.equal(done.late, true);
    assert.equal(done.lateBy, 3);
    assert.equal(done.deadline?.toISOString(), '2026-03-09T17:00:00.000Z');
    const page = await f.app.inject({ method: 'GET', url: `/khlcnt/${done.planNo}` });
    assert.match(page.body, /Đăng tải muộn 3 ngày làm việc/);
    assert.match(page.body, /hết ngày 09\/03\/2026/);
    assert.match(page.body, /Luật Đấu thầu 22\/2023\/QH15, Điều 8\.4/);
  });

  test('a plan approved 30 days ago published through the API is late, with the number shown', async () => {
    const res = await api(planBody({ decisionDate: vnDaysAgo(30) }), bearer());
    assert.equal(res.statusCode, 201, res.body);
    const n = res.json().lateByWorkingDays;
    assert.ok(n >= 10 && n <= 20, `late by ${n} WD`);
    const page = await f.app.inject({ method: 'GET', url: res.json().url });
    assert.match(page.body, new RegExp(`Đăng tải muộn ${n} ngày làm việc`));
    const row = await f.database.db
      .selectFrom('khlcnt')
      .select('late_by_wd')
      .where('plan_no', '=', res.json().planNo)
      .executeTakeFirstOrThrow();
    assert.equal(row.late_by_wd, n);
  });
});

describe('public ledger (kind khlcnt)', () => {
  test('every published plan is in the ledger; an altered package row is caught by ledger verify', async () => {
    const clean = await verifyLedgerDatabase(f.database.db);
    assert.equal(clean.intact, true, JSON.stringify(clean.findings ?? clean));
    assert.ok((clean.liveChecked.khlcnt ?? 0) >= 5, `checked ${clean.liveChecked.khlcnt}`);
    await f.database.db
      .updateTable('package')
      .set({ price_vnd: 1 })
      .where('name', '=', 'Mua máy tính để bàn')
      .where('khlcnt_id', '=', (eb) =>
        eb.selectFrom('khlcnt').select('id').where('plan_no', '=', 'PL2600044908'),
      )
      .execute();
    const report = await verifyLedgerDatabase(f.database.db);
    assert.equal(report.intact, false);
    const hit = report.findings.filter((x) => x.kind === 'khlcnt');
    assert.deepEqual(
      hit.map((x) => [x.code, x.ref]),
      [['live-altered', 'PL2600044908']],
    );
  });
});

describe('public plan page', () => {
  test('an unknown or malformed plan number is a 404 page, never a 500', async () => {
    for (const url of [
      '/khlcnt/PL2600000001',
      '/khlcnt/PL%00',
      '/khlcnt/%3Cscript%3E',
      '/khlcnt/PL2600044908-1',
    ]) {
      const res = await f.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes('<script>'), url);
    }
  });
});
