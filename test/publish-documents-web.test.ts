/**
 * Bidding documents through the Vietnamese pages, as a person in a browser without JavaScript: the
 * draft's form links to its documents page; a file uploaded with the form's CSRF token is listed with
 * its size and hash; a refused file is named with the limit next to the form; delete works while a
 * draft; no CSRF token, no write; another agency gets 403; a monitor reads without forms.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { pdfOf, PNG, uploadAsBrowser, xlsx } from './helpers/documents.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

describe('bidding documents on the publishing pages', () => {
  let f: PublishFixture;
  let x: Browser;
  let draftId: number;
  const page = () => `/dang-tai/ban-nhap/${draftId}/tai-lieu`;

  before(async () => {
    f = await publishFixture(await createTestDatabase());
    x = new Browser(f.app);
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const r = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'tbmt',
      payload: tbmtPayload(25),
    });
    draftId = Number(r.json().id);
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('the draft links to its documents page; the form uploads with its CSRF token', async () => {
    const form = await x.get(`/dang-tai/ban-nhap/${draftId}`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(`href="${page()}"`), 'the draft form links to the documents page');
    const opened = await x.get(page());
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /enctype="multipart\/form-data"/);
    assert.match(opened.body, /<label for="tl-tep">/);
    assert.match(opened.body, /mỗi tệp tối đa 20 MB; mỗi bản nháp tối\s+đa 30 tệp và 200 MB/);
    const pdf = pdfOf(1_300_000);
    const book = await xlsx();
    const res = await uploadAsBrowser(x, page(), [
      { field: '_csrf', value: csrfOf(opened.body) },
      { file: 'Hồ sơ mời thầu.pdf', content: pdf },
      { file: 'Bảng khối lượng.xlsx', content: book },
    ]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `${page()}?da-tai=2`);
    const listed = await x.get(String(res.headers.location));
    assert.match(listed.body, /Đã tải lên 2 tệp/);
    assert.match(listed.body, /Hồ sơ mời thầu\.pdf/);
    assert.match(listed.body, /1,2 MB/);
    assert.ok(listed.body.includes(crypto.createHash('sha256').update(pdf).digest('hex')));
    // The agency's account downloads the draft's file.
    const href = /href="(\/dang-tai\/ban-nhap\/\d+\/tai-lieu\/\d+\/Ho-so-moi-thau\.pdf)"/.exec(listed.body);
    assert.ok(href, 'download link');
    const dl = await x.get(href[1]!);
    assert.equal(dl.statusCode, 200);
    assert.ok(dl.rawPayload.equals(pdf));
    assert.equal(dl.headers['cache-control'], 'private, no-store');
    assert.equal((await f.app.inject({ url: href[1]! })).statusCode, 303, 'anonymous: sign in first');
  });

  test('a refused file is named with the limit on the page (415), nothing stored', async () => {
    const opened = await x.get(page());
    const res = await uploadAsBrowser(x, page(), [
      { field: '_csrf', value: csrfOf(opened.body) },
      { file: '../Bản vẽ.pdf', content: PNG },
    ]);
    assert.equal(res.statusCode, 415);
    assert.match(res.body, /role="alert"/);
    assert.match(res.body, /Tệp “Bản vẽ\.pdf”: tên tệp là PDF nhưng nội dung là tệp PNG/);
    assert.equal((res.body.match(/<tr>/g) ?? []).length, 3, 'header and the two files only');
  });

  test('no CSRF token, no write (403); another agency 403; a monitor reads without forms', async () => {
    const res = await uploadAsBrowser(x, page(), [{ file: 'a.pdf', content: pdfOf(400) }]);
    assert.equal(res.statusCode, 403);
    const y = new Browser(f.app, '192.0.2.2');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
    assert.equal((await y.get(page())).statusCode, 403);
    const yCsrf = csrfOf((await y.get('/dang-tai/tbmt/moi')).body);
    const yUp = await uploadAsBrowser(y, page(), [
      { field: '_csrf', value: yCsrf },
      { file: 'a.pdf', content: pdfOf(400) },
    ]);
    assert.equal(yUp.statusCode, 403);
    const m = new Browser(f.app, '192.0.2.3');
    await m.signIn('monitor@hanoi.gov.vn');
    const seen = await m.get(page());
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Hồ sơ mời thầu\.pdf/);
    assert.doesNotMatch(seen.body, /enctype="multipart\/form-data"/);
    assert.doesNotMatch(seen.body, /\/xoa"/);
  });

  test('delete works while a draft; after publication the files stay and cannot be deleted', async () => {
    const opened = await x.get(page());
    const del = /action="(\/dang-tai\/ban-nhap\/\d+\/tai-lieu\/\d+\/xoa)"/.exec(opened.body);
    assert.ok(del);
    const noToken = await x.request('POST', del[1]!, {});
    assert.equal(noToken.statusCode, 403);
    const done = await x.request('POST', del[1]!, { _csrf: csrfOf(opened.body) });
    assert.equal(done.statusCode, 303);
    const after1 = await x.get(page());
    assert.doesNotMatch(after1.body, /Hồ sơ mời thầu\.pdf/);
    assert.match(after1.body, /Bảng khối lượng\.xlsx/);

    const pub = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${draftId}/publish`);
    assert.equal(pub.statusCode, 201, pub.body);
    const published = await x.get(page());
    assert.match(published.body, /không thể xóa hay thay đổi/);
    assert.doesNotMatch(published.body, /\/xoa"/);
    const docId = /\/tai-lieu\/(\d+)\/Bang-khoi-luong\.xlsx/.exec(published.body)![1];
    const refused = await x.request('POST', `${page()}/${docId}/xoa`, { _csrf: csrfOf(after1.body) });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /tài liệu đã đăng không được xóa/);
    const notice = await f.app.inject({ url: `/tbmt/${pub.json().notifyNo}` });
    assert.match(notice.body, /Hồ sơ mời thầu <span class="gloss" lang="en">Bidding documents/);
    assert.match(notice.body, /Bảng khối lượng\.xlsx/);
    assert.match(notice.body, /Excel \(XLSX\)/);
  });
});
