// The change forms of a published notice as a person without JavaScript: the contract form
// (/dang-tai/tbmt/{no}/hop-dong) names a wrong amount next to its field with an error summary and keeps
// the typed values, then publishes; the publisher's views link it; and a publisher of another agency is
// refused (403) on the GET and the POST of every change form, with nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { publishFixture, publishPastNotice, vnAt, type PublishFixture } from './helpers/publish.ts';

const SLUGS = ['sua-doi', 'gia-han', 'huy', 'mo-thau', 'ket-qua', 'hop-dong'];

describe('change forms', () => {
  let database: Database;
  let f: PublishFixture;
  let x: Browser;
  let y: Browser;
  let no: string;
  before(async () => {
    database = await createTestDatabase();
    f = await publishFixture(database);
    no = await publishPastNotice(database);
    x = new Browser(f.app, '192.0.2.31');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    y = new Browser(f.app, '192.0.2.32');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
  });
  after(async () => {
    await f?.app.close();
    await database?.close();
  });

  test('contract form: a wrong amount is named next to its field, values kept; corrected, it is published', async () => {
    const list = await x.get('/dang-tai');
    assert.match(list.body, new RegExp(`href="/dang-tai/tbmt/${no}/hop-dong">thông tin hợp đồng</a>`));
    const form = await x.get(`/dang-tai/tbmt/${no}/hop-dong`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1[^>]*>Thông tin hợp đồng — IB/);
    assert.match(form.body, /<label for="dt-contractNo">Số hợp đồng<\/label>/);
    assert.match(form.body, /<label for="dt-valueVnd">Giá hợp đồng \(đồng\)<\/label>/);
    assert.match(form.body, /<label for="dt-signedAt">Thời điểm ký hợp đồng \(giờ Việt Nam\)<\/label>/);
    const values = {
      contractNo: '15/2026/HĐ-STC',
      supplierName: 'Công ty TNHH Máy tính Hà Nội',
      supplierTaxCode: '0101234567',
      valueVnd: 'mười bốn tỷ',
      signedAt: vnAt(-5, 14).slice(0, 16),
      period: '90 ngày',
    };
    const draft = await x.request('POST', `/dang-tai/tbmt/${no}/hop-dong`, {
      ...values,
      _csrf: csrfOf(form.body),
    });
    assert.equal(draft.statusCode, 303, draft.body.slice(0, 300));
    const url = String(draft.headers.location);
    const page = await x.get(url);
    assert.match(page.body, /value="15\/2026\/HĐ-STC"/);
    const refused = await x.request('POST', `${url}/dang`, { ...values, _csrf: csrfOf(page.body) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Chưa thực hiện được/, 'error summary');
    assert.match(refused.body, /href="#dt-valueVnd">Giá hợp đồng \(đồng\): sai kiểu dữ liệu/);
    assert.match(refused.body, /id="dt-valueVnd-loi"/, 'the error next to the field');
    assert.match(refused.body, /value="mười bốn tỷ"/, 'the typed value is kept');
    assert.match(refused.body, /value="Công ty TNHH Máy tính Hà Nội"/);
    const ok = await x.request('POST', `${url}/dang`, {
      ...values,
      valueVnd: '14.100.000.000',
      _csrf: csrfOf(refused.body),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
    assert.equal(ok.headers.location, `/tbmt/${no}`);
    const pub = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(pub.body, /15\/2026\/HĐ-STC/);
    assert.match(pub.body, /14\.100\.000\.000/);
  });

  test('another agency: 403 on the GET and the POST of every change form, nothing written', async () => {
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom('publication_draft')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const csrf = csrfOf((await y.get('/dang-tai/tbmt/moi')).body);
    for (const slug of SLUGS) {
      const get = await y.get(`/dang-tai/tbmt/${no}/${slug}`);
      assert.equal(get.statusCode, 403, `GET ${slug}`);
      assert.match(get.body, /so-tc/, `GET ${slug} says whose notice it is`);
      assert.doesNotMatch(get.body, /name="_csrf"[^>]*>\s*<[^>]*name="(reason|contractNo|newCloseAt)"/);
      const post = await y.request('POST', `/dang-tai/tbmt/${no}/${slug}`, {
        reason: 'x',
        contractNo: '1/HĐ',
        _csrf: csrf,
      });
      assert.equal(post.statusCode, 403, `POST ${slug}`);
    }
    assert.equal(await count(), before);
    // The notice's own publisher still gets every form.
    for (const slug of SLUGS) {
      assert.equal((await x.get(`/dang-tai/tbmt/${no}/${slug}`)).statusCode, 200, `own GET ${slug}`);
    }
  });
});
