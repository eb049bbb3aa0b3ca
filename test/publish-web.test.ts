/**
 * Publishing through the Vietnamese forms, as a person in a browser without JavaScript: a TBMT draft
 * saved, invisible to the public, refused with the rule and citation next to the form when its bidding
 * period is short, published when corrected, then amended — the public page shows both versions;
 * script typed into a field shows as text; no CSRF token, no write; another agency gets 403.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LAW_RULES } from '../src/compliance/law/index.ts';
import { createTestDatabase } from './helpers/db.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

const MIN_DAYS = LAW_RULES.find((r) => r.id === 'L22A.bidding-period.domestic')!.min!;

/** The TBMT payload as the form's strings (datetime-local values without offset). */
function formOf(days: number, extra: Record<string, string> = {}): Record<string, string> {
  const p = tbmtPayload(days);
  const out: Record<string, string> = { agencyCode: 'so-tc', province: 'Thành phố Hà Nội' };
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'object') continue;
    out[k] = typeof v === 'string' && v.endsWith('+07:00') ? v.slice(0, 16) : String(v);
  }
  out.priceVnd = '15.000.000.000'; // as a person types it
  return { ...out, ...extra };
}

describe('publishing forms', () => {
  let f: PublishFixture;
  let x: Browser;
  before(async () => {
    f = await publishFixture(await createTestDatabase());
    x = new Browser(f.app);
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('draft → refused with citation → corrected → published → amended; public page shows both', async () => {
    const form = await x.get('/dang-tai/tbmt/moi');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="dt-name">Tên gói thầu<\/label>/);
    const script = '<script>alert("x")</script> Gói máy in';
    const created = await x.submit(
      '/dang-tai/tbmt/moi',
      '/dang-tai/tbmt',
      formOf(MIN_DAYS - 1, { name: script }),
    );
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const draftUrl = String(created.headers.location);
    assert.match(draftUrl, /^\/dang-tai\/ban-nhap\/\d+$/);

    // The public does not see drafts.
    const anon = await f.app.inject({ url: draftUrl });
    assert.equal(anon.statusCode, 303, 'anonymous is sent to sign in');
    const list = await f.app.inject({ url: '/tim-kiem?q=may+in' });
    assert.doesNotMatch(list.body, /Gói máy in/);

    // The draft page already previews the blocking finding, with its citation.
    const page = await x.get(draftUrl);
    assert.match(page.body, /Không được đăng/);
    assert.match(page.body, /Nghị định 214\/2025\/NĐ-CP, Điều 28\.2a/);
    assert.match(page.body, /alert\(&quot;x&quot;\)/, 'script shown as text in the form');
    assert.doesNotMatch(page.body, /<script>alert\("x"\)/);

    const refused = await x.request('POST', `${draftUrl}/dang`, { _csrf: csrfOf(page.body) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /thiếu 1 ngày/);
    assert.match(refused.body, /L22A\.bidding-period\.domestic/);

    // Corrected in the form and published in one click.
    const corrected = formOf(MIN_DAYS, { name: script });
    const published = await x.request('POST', `${draftUrl}/dang`, {
      ...corrected,
      _csrf: csrfOf(refused.body),
    });
    assert.equal(published.statusCode, 303, published.body.slice(0, 800));
    const noticeUrl = String(published.headers.location);
    const no = noticeUrl.replace('/tbmt/', '');
    assert.match(no, /^IB\d{2}9\d{7}$/);

    // Published: frozen.
    const frozen = await x.get(draftUrl);
    assert.match(frozen.body, /Thông tin đã đăng không\s+được sửa/);
    const resave = await x.request('POST', draftUrl, { ...corrected, _csrf: csrfOf(frozen.body) });
    assert.equal(resave.statusCode, 409);

    // Amendment, pre-filled with the current content.
    const amendForm = await x.get(`/dang-tai/tbmt/${no}/sua-doi`);
    assert.equal(amendForm.statusCode, 200);
    assert.match(amendForm.body, /value="15.000.000.000"/);
    const amendDraft = await x.request('POST', `/dang-tai/tbmt/${no}/sua-doi`, {
      ...formOf(MIN_DAYS + 5, { name: 'Gói máy in (sửa đổi lần 1)' }),
      reason: 'Điều chỉnh thời điểm đóng thầu',
      _csrf: csrfOf(amendForm.body),
    });
    assert.equal(amendDraft.statusCode, 303, amendDraft.body.slice(0, 500));
    const amendPage = await x.get(String(amendDraft.headers.location));
    const done = await x.request('POST', `${amendDraft.headers.location}/dang`, {
      _csrf: csrfOf(amendPage.body),
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 800));

    const pub = await f.app.inject({ url: noticeUrl });
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, new RegExp(`${no}-00`));
    assert.match(pub.body, new RegExp(`${no}-01`));
    assert.match(pub.body, /Gói máy in \(sửa đổi lần 1\)/);
    assert.match(pub.body, /Điều chỉnh thời điểm đóng thầu/);
    assert.match(
      pub.body,
      /&lt;script>alert\(&quot;x&quot;\)&lt;\/script> Gói máy in/,
      'the old name shown as text',
    );
    assert.doesNotMatch(pub.body, /<script>alert/);
  });

  test('extension and cancellation forms; an API-made contract draft is shown read-only and kept', async () => {
    const created = await x.submit('/dang-tai/tbmt/moi', '/dang-tai/tbmt', formOf(MIN_DAYS));
    const draftUrl = String(created.headers.location);
    const page = await x.get(draftUrl);
    const published = await x.request('POST', `${draftUrl}/dang`, { _csrf: csrfOf(page.body) });
    const no = String(published.headers.location).replace('/tbmt/', '');

    const extForm = await x.get(`/dang-tai/tbmt/${no}/gia-han`);
    assert.match(extForm.body, /<label for="dt-newCloseAt">Thời điểm đóng thầu mới/);
    const ext = await x.request('POST', `/dang-tai/tbmt/${no}/gia-han`, {
      newCloseAt: formOf(MIN_DAYS + 10).bidCloseAt!,
      reason: 'Chờ làm rõ hồ sơ mời thầu',
      _csrf: csrfOf(extForm.body),
    });
    assert.equal(ext.statusCode, 303, ext.body.slice(0, 300));
    const extPage = await x.get(String(ext.headers.location));
    const extDone = await x.request('POST', `${ext.headers.location}/dang`, { _csrf: csrfOf(extPage.body) });
    assert.equal(extDone.statusCode, 303, extDone.body.slice(0, 800));

    // A contract draft made through the API: the page shows it, saving from the web cannot clobber it.
    const cookie = [...x.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/v1/publish/drafts',
      headers: { cookie, 'x-csrf-token': csrfOf(extPage.body) },
      payload: { agencyCode: 'so-tc', kind: 'contract', payload: { notifyNo: no, contractNo: '7/HĐ' } },
    });
    assert.equal(res.statusCode, 201, res.body);
    const resPage = await x.get(`/dang-tai/ban-nhap/${res.json().id}`);
    assert.match(resPage.body, /Thông tin hợp đồng/);
    assert.match(resPage.body, /7\/HĐ/);
    await x.request('POST', `/dang-tai/ban-nhap/${res.json().id}`, {
      name: 'x',
      _csrf: csrfOf(resPage.body),
    });
    const kept = await f.app.inject({ url: `/api/v1/publish/drafts/${res.json().id}`, headers: { cookie } });
    assert.deepEqual(kept.json().payload, { notifyNo: no, contractNo: '7/HĐ' });

    const cancelForm = await x.get(`/dang-tai/tbmt/${no}/huy`);
    const cancel = await x.request('POST', `/dang-tai/tbmt/${no}/huy`, {
      reason: 'Thay đổi nhu cầu sử dụng',
      decisionNo: '88/QĐ-STC',
      decisionDate: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10),
      _csrf: csrfOf(cancelForm.body),
    });
    const cancelPage = await x.get(String(cancel.headers.location));
    const cancelled = await x.request('POST', `${cancel.headers.location}/dang`, {
      _csrf: csrfOf(cancelPage.body),
    });
    assert.equal(cancelled.statusCode, 303, cancelled.body.slice(0, 800));
    const pub = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(pub.body, /Gói thầu đã bị hủy/);
    assert.match(pub.body, /Chờ làm rõ hồ sơ mời thầu/);
  });

  test('result form: a loser without reason is named by row; the late result is published and shown late', async () => {
    const created = await x.submit('/dang-tai/tbmt/moi', '/dang-tai/tbmt', formOf(MIN_DAYS));
    const draftUrl = String(created.headers.location);
    const page = await x.get(draftUrl);
    const no = String(
      (await x.request('POST', `${draftUrl}/dang`, { _csrf: csrfOf(page.body) })).headers.location,
    ).replace('/tbmt/', '');
    const list = await x.get('/dang-tai');
    assert.match(list.body, new RegExp(`/dang-tai/tbmt/${no}/ket-qua`));

    const form = await x.get(`/dang-tai/tbmt/${no}/ket-qua`);
    assert.match(form.body, /<label for="dt-b0_name">Tên nhà thầu<\/label>/);
    const rows = {
      decisionNo: '12/QĐ-STC',
      decisionDate: '2026-10-02',
      b0_name: 'Công ty TNHH Máy tính Hà Nội',
      b0_isWinner: 'true',
      b0_winningPriceVnd: '14.000.000.000',
      b1_name: 'Công ty CP Thiết bị số',
      b1_isWinner: 'false',
    };
    const draft = await x.request('POST', `/dang-tai/tbmt/${no}/ket-qua`, {
      ...rows,
      _csrf: csrfOf(form.body),
    });
    assert.equal(draft.statusCode, 303, draft.body.slice(0, 300));
    const url = String(draft.headers.location);
    const dpage = await x.get(url);
    const refused = await x.request('POST', `${url}/dang`, { _csrf: csrfOf(dpage.body) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#dt-b1_reason">Nhà thầu dòng 2, Lý do không trúng thầu/);
    const ok = await x.request('POST', `${url}/dang`, {
      ...rows,
      b1_reason: 'Giá dự thầu cao hơn',
      _csrf: csrfOf(refused.body),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const pub = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(pub.body, /Giá dự thầu cao hơn/);
    assert.match(pub.body, /Đăng tải muộn \d+ ngày làm việc/);
  });

  test('bad fields are named next to the form (400)', async () => {
    const created = await x.submit(
      '/dang-tai/tbmt/moi',
      '/dang-tai/tbmt',
      formOf(MIN_DAYS, { name: '', priceVnd: 'nhiều' }),
    );
    const url = String(created.headers.location);
    const page = await x.get(url);
    const res = await x.request('POST', `${url}/dang`, { _csrf: csrfOf(page.body) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#dt-name">Tên gói thầu: /);
    assert.match(res.body, /href="#dt-priceVnd">Giá gói thầu \(đồng\): /);
  });

  test('without the CSRF token nothing is written; another agency gets 403 on every form route', async () => {
    const before = await f.database.db
      .selectFrom('publication_draft')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    const noToken = await x.request('POST', '/dang-tai/tbmt', formOf(MIN_DAYS));
    assert.equal(noToken.statusCode, 403);
    const afterCount = await f.database.db
      .selectFrom('publication_draft')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    assert.equal(Number(afterCount!.n), Number(before!.n));

    const created = await x.submit('/dang-tai/tbmt/moi', '/dang-tai/tbmt', formOf(MIN_DAYS));
    const draftUrl = String(created.headers.location);
    const pubPage = await x.get(draftUrl);
    const published = await x.request('POST', `${draftUrl}/dang`, { _csrf: csrfOf(pubPage.body) });
    const no = String(published.headers.location).replace('/tbmt/', '');
    const other = await x.submit('/dang-tai/tbmt/moi', '/dang-tai/tbmt', formOf(MIN_DAYS));
    const otherUrl = String(other.headers.location);

    const y = new Browser(f.app, '192.0.2.9');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
    const csrf = csrfOf((await y.get('/dang-tai/tbmt/moi')).body);
    const routes: [string, Record<string, string>][] = [
      ['/dang-tai/tbmt', formOf(MIN_DAYS)], // agencyCode so-tc
      [otherUrl, formOf(MIN_DAYS)],
      [`${otherUrl}/dang`, {}],
      [`/dang-tai/tbmt/${no}/sua-doi`, { ...formOf(MIN_DAYS + 3), reason: 'x' }],
      [`/dang-tai/tbmt/${no}/gia-han`, { newCloseAt: formOf(MIN_DAYS + 9).bidCloseAt!, reason: 'x' }],
      [
        `/dang-tai/tbmt/${no}/ket-qua`,
        { decisionNo: '1', decisionDate: '2026-11-30', b0_name: 'A', b0_isWinner: 'true' },
      ],
      [`/dang-tai/tbmt/${no}/huy`, { reason: 'x', decisionNo: '1', decisionDate: '2026-11-30' }],
    ];
    for (const [url, form] of routes) {
      const res = await y.request('POST', url, { ...form, _csrf: csrf });
      assert.equal(res.statusCode, 403, `POST ${url}`);
    }
    assert.equal((await y.get(otherUrl)).statusCode, 403, 'another agency cannot read the draft');
  });
});
