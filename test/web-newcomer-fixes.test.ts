// What a newcomer tripped over on the publishing side: a decision date typed `29/12/2026` was stored
// and then refused; the Atom feed wrote closing times as `2026-12-29 09:00`; an agency added on
// minhbach had its code labelled as a national-system code; the notice page hid its OCDS ocid, showed
// the plan as `PL…-00`, no package number and no fee; the change forms called a published notice a
// draft and the extension form hid the closing in force; the contents box missed the documents and
// clarifications; a bidder without discount had no price after discount; `/dang-tai` hid the plans.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, vnDateOf } from '../src/calendar/dates.ts';
import type { Database } from '../src/db/connect.ts';
import { formatVnDateTime } from '../src/web/format.ts';
import { clarificationFormToPayload } from '../src/web/routes/publish-clarification.tsx';
import { formToPayload, payloadToForm } from '../src/web/routes/publish-form.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { pdfOf, uploadWithToken } from './helpers/documents.ts';
import { planBody } from './helpers/plans.ts';
import {
  api,
  publishFixture,
  publishPastNotice,
  tbmtPayload,
  vnAt,
  type PublishFixture,
} from './helpers/publish.ts';

/** `YYYY-MM-DD` → `DD/MM/YYYY`. */
const vnDay = (iso: string) => iso.split('-').reverse().join('/');

describe('newcomer fixes', () => {
  let database: Database;
  let f: PublishFixture;
  let x: Browser;
  let y: Browser;
  let planNo: string;
  let no: string; // linked to package 2 of the plan, closing in 30 days, with a document and a clarification
  let past: string; // closed 20 days ago

  before(async () => {
    database = await createTestDatabase();
    f = await publishFixture(database);
    const plan = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/khlcnt', planBody());
    assert.equal(plan.statusCode, 201, plan.body);
    planNo = plan.json().planNo;
    const d = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'tbmt',
      payload: tbmtPayload(30, { planNo, packageNo: '2' }),
    });
    assert.equal(d.statusCode, 201, d.body);
    const up = await uploadWithToken(f.app, f.tokenX, `/api/v1/publish/drafts/${d.json().id}/documents`, [
      { file: 'HSMT.pdf', content: pdfOf(2000) },
    ]);
    assert.equal(up.statusCode, 201, up.body);
    const p = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${d.json().id}/publish`);
    assert.equal(p.statusCode, 201, p.body);
    no = p.json().notifyNo;
    const today = vnDateOf(new Date());
    const c = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'clarification',
      payload: { notifyNo: no, question: 'Cấu hình?', requestReceivedDate: today, answer: 'CPU 8 nhân.' },
    });
    const cp = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${c.json().id}/publish`);
    assert.equal(cp.statusCode, 201, cp.body);
    past = await publishPastNotice(database);
    x = new Browser(f.app, '192.0.2.41');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    y = new Browser(f.app, '192.0.2.42');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
  });
  after(async () => {
    await f?.app.close();
    await database?.close();
  });

  test('1. dates of the forms: dd/mm/yyyy or yyyy-mm-dd, shown back as dd/mm/yyyy', () => {
    assert.deepEqual(formToPayload({ decisionDate: '29/12/2026' }, ['decisionDate']), {
      decisionDate: '2026-12-29',
    });
    assert.deepEqual(formToPayload({ decisionDate: '1/2/2026' }, ['decisionDate']), {
      decisionDate: '2026-02-01',
    });
    assert.deepEqual(formToPayload({ decisionDate: '2026-12-29' }, ['decisionDate']), {
      decisionDate: '2026-12-29',
    });
    assert.equal(payloadToForm({ decisionDate: '2026-12-29' }).decisionDate, '29/12/2026');
    assert.deepEqual(
      clarificationFormToPayload({ question: 'q', requestReceivedDate: '05/11/2026' }, 'IB2600000001'),
      { notifyNo: 'IB2600000001', question: 'q', requestReceivedDate: '2026-11-05' },
    );
  });

  test('1, 5, 7. opening without discount shows the bid price after discount; result with a dd/mm/yyyy date is published', async () => {
    const oform = await x.get(`/dang-tai/tbmt/${past}/mo-thau`);
    assert.match(
      oform.body,
      new RegExp(`Thông báo mời thầu <a href="/tbmt/${past}">${past}</a> đã đăng tải công khai`),
    );
    assert.match(oform.body, /Biên bản mở thầu dưới đây là bản nháp, chưa công khai/);
    assert.doesNotMatch(oform.body, /— bản nháp, chưa công khai/);
    const opening = await x.request('POST', `/dang-tai/tbmt/${past}/mo-thau`, {
      openedAt: vnAt(-20, 10).slice(0, 16),
      b0_name: 'Công ty TNHH Máy tính Hà Nội',
      b0_bidPriceVnd: '14.567.000.000',
      _csrf: csrfOf(oform.body),
    });
    assert.equal(opening.statusCode, 303, opening.body.slice(0, 300));
    const opage = await x.get(String(opening.headers.location));
    const opub = await x.request('POST', `${opening.headers.location}/dang`, { _csrf: csrfOf(opage.body) });
    assert.equal(opub.statusCode, 303, opub.body.slice(0, 800));
    const pub = await f.app.inject({ url: `/tbmt/${past}` });
    const mo = pub.body.slice(pub.body.indexOf('id="mo-thau"'), pub.body.indexOf('id="ket-qua"'));
    assert.equal(mo.match(/14\.567\.000\.000/g)?.length, 2, 'bid price and price after discount');
    assert.match(mo, />0%</, 'discount 0 %');

    const yesterday = addDays(vnDateOf(new Date()), -1);
    const form = await x.get(`/dang-tai/tbmt/${past}/ket-qua`);
    assert.match(form.body, /Kết quả lựa chọn nhà thầu dưới đây là bản nháp, chưa công khai/);
    assert.match(form.body, /Dạng ngày\/tháng\/năm, ví dụ 30\/11\/2026 \(hoặc 2026-11-30\)/);
    const draft = await x.request('POST', `/dang-tai/tbmt/${past}/ket-qua`, {
      decisionNo: '12/QĐ-STC',
      decisionDate: vnDay(yesterday),
      b0_name: 'Công ty TNHH Máy tính Hà Nội',
      b0_isWinner: 'true',
      b0_winningPriceVnd: '14.000.000.000',
      _csrf: csrfOf(form.body),
    });
    assert.equal(draft.statusCode, 303, draft.body.slice(0, 300));
    const url = String(draft.headers.location);
    const page = await x.get(url);
    assert.match(page.body, new RegExp(`value="${vnDay(yesterday)}"`), 'shown back as typed');
    const ok = await x.request('POST', `${url}/dang`, { _csrf: csrfOf(page.body) });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
    const done = await x.get(url);
    assert.match(done.body, /Kết quả lựa chọn nhà thầu này đã đăng tải \(/);
    const kq = await database.db
      .selectFrom('kqlcnt')
      .innerJoin('tbmt', 'tbmt.id', 'kqlcnt.tbmt_id')
      .select('kqlcnt.decision_no')
      .where('tbmt.notify_no', '=', past)
      .executeTakeFirstOrThrow();
    assert.equal(kq.decision_no, '12/QĐ-STC');
    const shown = await f.app.inject({ url: `/tbmt/${past}` });
    assert.match(shown.body, new RegExp(vnDay(yesterday)));
  });

  test('5. the extension form shows the closing and opening in force', async () => {
    const form = await x.get(`/dang-tai/tbmt/${no}/gia-han`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Gia hạn thời điểm đóng thầu dưới đây là bản nháp, chưa công khai/);
    const close = formatVnDateTime(new Date(vnAt(30, 9)));
    assert.match(form.body, new RegExp(`Thời điểm đóng thầu đang có hiệu lực: <time[^>]*>${close}</time>`));
  });

  test('2. the Atom feed writes the closing time as dd/mm/yyyy HH:mm', async () => {
    const feed = await f.app.inject({ url: '/tim-kiem.atom' });
    assert.equal(feed.statusCode, 200);
    const close = formatVnDateTime(new Date(vnAt(30, 9)));
    assert.match(feed.body, new RegExp(`Đóng thầu: ${close} \\(giờ Việt Nam\\)`));
    assert.doesNotMatch(feed.body, /Đóng thầu: \d{4}-\d{2}-\d{2}/);
  });

  test('3. an agency added on minhbach: its code is a minhbach unit code, not a national one', async () => {
    const page = await f.app.inject({ url: '/to-chuc/so-tc' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mã đơn vị trên minhbach/);
    assert.doesNotMatch(page.body, /Mã trên Hệ thống mạng đấu thầu quốc gia/);
  });

  test('4, 6, 8. the notice page: ocid link, contents box, plan number, package line, free documents', async () => {
    const proc = await database.db
      .selectFrom('ocds_process')
      .innerJoin('tbmt', 'tbmt.package_id', 'ocds_process.package_id')
      .select('ocds_process.ocid')
      .where('tbmt.notify_no', '=', no)
      .executeTakeFirstOrThrow();
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.equal(page.statusCode, 200);
    const body = page.body;
    assert.match(body, new RegExp(`Dữ liệu mở \\(OCDS\\):\\s*<a href="/api/ocds/records/${proc.ocid}">`));
    assert.equal((await f.app.inject({ url: `/api/ocds/records/${proc.ocid}` })).statusCode, 200);
    const tocOf = (html: string) => {
      const at = html.indexOf('aria-label="Trên trang này"');
      return html.slice(at, html.indexOf('</nav>', at));
    };
    const toc = tocOf(body);
    assert.match(toc, /<a href="#ho-so-moi-thau">Hồ sơ mời thầu<\/a>/);
    assert.match(toc, /<a href="#lam-ro">Làm rõ hồ sơ mời thầu<\/a>/);
    assert.match(body, /id="ho-so-moi-thau"/);
    assert.match(body, /id="lam-ro"/);
    const planSection = body.slice(body.indexOf('id="ke-hoach"'), body.indexOf('id="thong-bao"'));
    assert.match(planSection, new RegExp(`<a href="/khlcnt/${planNo}">${planNo}</a>`));
    assert.doesNotMatch(planSection, new RegExp(`${planNo}-00`));
    assert.match(planSection, /2 \(số thứ tự trong kế hoạch\)/);
    const notice = body.slice(body.indexOf('id="thong-bao"'));
    assert.match(notice, /Chi phí hồ sơ mời thầu<\/dt>\s*<dd>Miễn phí<\/dd>/);

    const story = (await f.app.inject({ url: `/api/v1/tbmt/${no}` })).json();
    assert.equal(story.ocid, proc.ocid);
    assert.equal(story.package.planLine, 2);

    // A notice without documents or clarifications has no such entries.
    const bare = await f.app.inject({ url: `/tbmt/${past}` });
    assert.match(tocOf(bare.body), /#mo-thau/);
    assert.doesNotMatch(tocOf(bare.body), /#ho-so-moi-thau|#lam-ro/);
  });

  test("9. /dang-tai lists the agency's published plans with links; another agency does not see them", async () => {
    const list = await x.get('/dang-tai');
    assert.match(list.body, /Kế hoạch lựa chọn nhà thầu đã đăng/);
    assert.match(list.body, new RegExp(`<a href="/khlcnt/${planNo}">${planNo}</a>`));
    assert.match(list.body, /Kế hoạch mua sắm thiết bị năm 2026/);
    const other = await y.get('/dang-tai');
    assert.doesNotMatch(other.body, new RegExp(planNo));
    assert.match(other.body, /Chưa đăng kế hoạch lựa chọn nhà thầu nào/);
  });
});
