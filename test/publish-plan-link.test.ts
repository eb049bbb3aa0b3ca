// A TBMT linked to a package of its agency's published plan (KHLCNT): through the API and the form.
// The notice is saved on the plan's package row — the public notice page shows the plan, the plan page
// lists the notice, the OCDS record holds the plan's planning release — and where the notice differs
// from the plan (price above the plan's, another field or method) a flag naming both values is
// recorded, not a block. A plan of another agency, an unknown plan or package, or a package that
// already has a notice is a 400 naming the field, with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { planBody } from './helpers/plans.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('TBMT linked to its plan package', () => {
  let f: PublishFixture;
  let planNo: string;
  const tbmtCount = async () =>
    Number(
      (
        await f.database.db
          .selectFrom('tbmt')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const packageIds = async () =>
    (
      await f.database.db
        .selectFrom('package')
        .innerJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
        .select('package.id')
        .where('khlcnt.plan_no', '=', planNo)
        .orderBy('package.id')
        .execute()
    ).map((r) => Number(r.id));

  before(async () => {
    f = await publishFixture(await createTestDatabase());
    const res = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/khlcnt', planBody());
    assert.equal(res.statusCode, 201, res.body);
    planNo = (res.json() as { planNo: string }).planNo;
  });
  after(async () => {
    await f?.app.close();
    await f?.database.close();
  });

  test('API: the notice joins package 1; a price above the plan is flagged naming both values', async () => {
    const res = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(30, { planNo, packageNo: '1' }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as Json;
    const flag = (body.flags as Json[]).find((x) => x.ruleId === 'plan.package-price');
    assert.ok(flag, JSON.stringify(body.flags));
    assert.match(
      flag.messageVi,
      /Giá gói thầu trong thông báo \(15\.000\.000\.000 ₫\) cao hơn giá gói thầu 1 của KHLCNT PL\d+ \(1\.250\.000\.000 ₫\) 13\.750\.000\.000 ₫/,
    );
    assert.ok(!(body.flags as Json[]).some((x) => x.ruleId === 'plan.package-field'), 'same field: no flag');

    const no = body.notifyNo as string;
    const t = await f.database.db
      .selectFrom('tbmt')
      .select('package_id')
      .where('notify_no', '=', no)
      .executeTakeFirstOrThrow();
    assert.equal(Number(t.package_id), (await packageIds())[0], 'saved on the plan package row');
    assert.equal((await packageIds()).length, 2, 'no new package row');

    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(page.body, new RegExp(`href="/khlcnt/${planNo}"`), 'the notice page links its plan');
    assert.match(page.body, /Kế hoạch mua sắm thiết bị năm 2026/);
    assert.match(page.body, /cao hơn giá gói thầu 1 của KHLCNT/, 'the flag is public');
    const plan = await f.app.inject({ url: `/khlcnt/${planNo}` });
    assert.match(plan.body, new RegExp(`href="/tbmt/${no}"`), 'the plan page lists the notice');

    const proc = await f.database.db
      .selectFrom('ocds_process')
      .select('ocid')
      .where('package_id', '=', (await packageIds())[0]!)
      .executeTakeFirstOrThrow();
    const rec = await f.app.inject({ url: `/api/ocds/records/${encodeURIComponent(proc.ocid)}` });
    assert.equal(rec.statusCode, 200, rec.body);
    const tags = ((rec.json() as Json).records[0].releases as Json[]).map((r) => r.tag.join(','));
    assert.ok(
      tags.some((x) => x.includes('planning')),
      `planning release: ${tags.join(' / ')}`,
    );
    assert.ok(
      tags.some((x) => x.includes('tender')),
      `tender release: ${tags.join(' / ')}`,
    );

    // An amendment is compared with the plan package again: within the plan's price, no flag; a
    // method the plan does not name, flagged.
    const { planNo: _p, packageNo: _k, ...content } = tbmtPayload(30, { planNo, packageNo: '1' });
    void _p;
    void _k;
    const amend = (extra: Record<string, unknown>) =>
      api(f.app, f.tokenX, 'POST', '/api/v1/publish/amendment', {
        agencyCode: 'so-tc',
        payload: {
          ...content,
          notifyNo: no,
          reason: 'Điều chỉnh giá gói thầu theo kế hoạch',
          priceVnd: 1_200_000_000,
          estimateVnd: 1_200_000_000,
          bidSecurityVnd: 15_000_000,
          ...extra,
        },
      });
    const within = await amend({});
    assert.equal(within.statusCode, 201, within.body);
    assert.ok(
      !(within.json().flags as Json[]).some((x) => String(x.ruleId).startsWith('plan.')),
      within.body,
    );
    const other = await amend({ method: 'CHCT' });
    assert.equal(other.statusCode, 201, other.body);
    assert.ok(
      (other.json().flags as Json[]).some((x) => x.ruleId === 'plan.package-method'),
      JSON.stringify(other.json().flags),
    );
  });

  test('API: wrong plan links are a 400 naming the field, nothing written', async () => {
    const before = await tbmtCount();
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [f.tokenX, { planNo: 'PL2699999999', packageNo: '1' }, '/planNo', /không có KHLCNT số PL2699999999/],
      [f.tokenX, { planNo, packageNo: '9' }, '/packageNo', /không có gói thầu 9 \(có 2 gói thầu\)/],
      [f.tokenX, { planNo, packageNo: '1' }, '/packageNo', /đã có thông báo mời thầu IB/],
      [f.tokenX, { packageNo: '2' }, '/planNo', /cần số KHLCNT/],
      [f.tokenX, { planNo }, '/packageNo', /chọn gói thầu/],
      [f.tokenX, { planNo, packageNo: 'gói 2' }, '/packageNo', /sai định dạng/],
      [f.tokenY, { planNo, packageNo: '2' }, '/planNo', /thuộc đơn vị khác \(so-tc\)/],
    ];
    for (const [token, link, path, message] of cases) {
      const res = await api(f.app, token, 'POST', '/api/v1/publish/tbmt', {
        agencyCode: token === f.tokenX ? 'so-tc' : 'so-xd',
        payload: tbmtPayload(30, link),
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(link)}: ${res.body}`);
      const e = (res.json() as Json).error.errors as Json[];
      assert.deepEqual(
        e.map((x) => x.path),
        [path],
        JSON.stringify(link),
      );
      assert.match(e[0]!.messageVi, message);
    }
    assert.equal(await tbmtCount(), before);
  });

  test('form: a select of the packages without notice; another field and method are flagged', async () => {
    const x = new Browser(f.app, '192.0.2.51');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const blank = await x.get('/dang-tai/tbmt/moi');
    assert.match(
      blank.body,
      /<label for="dt-planPackage">Gói thầu trong kế hoạch lựa chọn nhà thầu \(KHLCNT\)<\/label>/,
    );
    assert.match(
      blank.body,
      new RegExp(
        `<option value="${planNo}\\|2">${planNo} · gói 2: Tư vấn giám sát lắp đặt \\(350\\.000\\.000 ₫\\)`,
      ),
    );
    assert.doesNotMatch(blank.body, new RegExp(`value="${planNo}\\|1"`), 'package 1 has its notice');

    const form: Record<string, string> = { agencyCode: 'so-tc', planPackage: `${planNo}|1` };
    for (const [k, v] of Object.entries(tbmtPayload(30))) {
      if (typeof v !== 'object')
        form[k] = typeof v === 'string' && v.endsWith('+07:00') ? v.slice(0, 16) : String(v);
    }
    const created = await x.request('POST', '/dang-tai/tbmt', { ...form, _csrf: csrfOf(blank.body) });
    const url = String(created.headers.location);
    const page = await x.get(url);
    assert.match(page.body, new RegExp(`<option value="${planNo}\\|1" selected>`), 'the choice is kept');
    const refused = await x.request('POST', `${url}/dang`, { ...form, _csrf: csrfOf(page.body) });
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /href="#dt-planPackage">Gói thầu trong kế hoạch lựa chọn nhà thầu \(KHLCNT\): gói thầu 1 của KHLCNT PL\d+ đã có thông báo mời thầu/,
    );
    const ok = await x.request('POST', `${url}/dang`, {
      ...form,
      planPackage: `${planNo}|2`,
      _csrf: csrfOf(refused.body),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
    const pub = await f.app.inject({ url: String(ok.headers.location) });
    assert.match(
      pub.body,
      /Lĩnh vực trong thông báo \(Hàng hóa\) khác lĩnh vực của gói thầu 2 của KHLCNT PL\d+ \(Tư vấn\)/,
    );
    assert.match(
      pub.body,
      /Hình thức lựa chọn nhà thầu trong thông báo \(Đấu thầu rộng rãi\) khác hình thức của gói thầu 2 của KHLCNT PL\d+ \(Chỉ định thầu\)/,
    );
    assert.equal((await packageIds()).length, 2);
  });
});
