// The bid-opening record form (/dang-tai/tbmt/{no}/mo-thau): a bad bidder row is named next to the
// form (400), a good one is published and shown on /tbmt/{no}, another agency's publisher gets 403.
// The notice is published through the domain 40 days ago (closing 20 days ago), so the opening is real.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../src/accounts/access.ts';
import type { Database } from '../src/db/connect.ts';
import { createDraft } from '../src/publishing/drafts.ts';
import { publishDraft } from '../src/publishing/publish.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { publishFixture, tbmtPayload, vnAt, type PublishFixture } from './helpers/publish.ts';

describe('bid-opening record form', () => {
  let database: Database;
  let f: PublishFixture;
  let x: Browser;
  let y: Browser;
  let no: string;
  before(async () => {
    database = await createTestDatabase();
    f = await publishFixture(database);
    const acc = await database.db
      .selectFrom('account')
      .select(['id', 'display_name'])
      .where('email', '=', 'publisher-x@so-tc.hanoi.gov.vn')
      .executeTakeFirstOrThrow();
    const who: Principal = {
      kind: 'account',
      id: Number(acc.id),
      role: 'publisher',
      agencyCode: 'so-tc',
      actor: `account:${acc.id}`,
      name: 'Người đăng X',
    };
    const d = await database.db
      .transaction()
      .execute((tx) =>
        createDraft(tx, who, { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmtPayload(-20) }),
      );
    const p = await publishDraft(database.db, who, d.id, { now: new Date(vnAt(-40)) });
    no = p.notifyNo;
    x = new Browser(f.app, '192.0.2.21');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    y = new Browser(f.app, '192.0.2.22');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
  });
  after(async () => {
    await f?.app.close();
    await database?.close();
  });

  const rows = () => ({
    openedAt: vnAt(-20, 10).slice(0, 16),
    b0_name: 'Công ty TNHH Máy tính Hà Nội',
    b0_taxCode: '0101234567',
    b0_bidPriceVnd: '14.500.000.000',
    b0_discountPercent: '2,5',
    b0_finalPriceVnd: '14.137.500.000',
    b0_bidSecurityVnd: '300.000.000',
    b0_bidValidityDays: '90',
    b1_name: 'Công ty CP Thiết bị số',
    b1_bidPriceVnd: '14.900.000.000',
  });

  test('linked from /dang-tai; a bad row is named (400), a good record shows on /tbmt/{no}', async () => {
    const list = await x.get('/dang-tai');
    assert.match(list.body, new RegExp(`href="/dang-tai/tbmt/${no}/mo-thau"`));
    const form = await x.get(`/dang-tai/tbmt/${no}/mo-thau`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="dt-b0_bidPriceVnd">Giá dự thầu \(đồng\)<\/label>/);
    assert.match(form.body, /<legend>Nhà thầu dòng 6<\/legend>/);

    const draft = await x.request('POST', `/dang-tai/tbmt/${no}/mo-thau`, {
      ...rows(),
      b1_bidPriceVnd: 'nhiều tiền',
      _csrf: csrfOf(form.body),
    });
    assert.equal(draft.statusCode, 303, draft.body.slice(0, 300));
    const url = String(draft.headers.location);
    const page = await x.get(url);
    assert.match(page.body, /value="nhiều tiền"/, 'the draft keeps what was typed');
    const refused = await x.request('POST', `${url}/dang`, { _csrf: csrfOf(page.body) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#dt-b1_bidPriceVnd">Nhà thầu dòng 2, Giá dự thầu \(đồng\): /);
    assert.match(refused.body, /id="dt-b1_bidPriceVnd"[^>]*aria-invalid="true"/);
    const before = await f.app.inject({ url: `/tbmt/${no}` });
    assert.doesNotMatch(before.body, /Công ty CP Thiết bị số/, 'nothing published');

    const ok = await x.request('POST', `${url}/dang`, { ...rows(), _csrf: csrfOf(refused.body) });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    assert.equal(ok.headers.location, `/tbmt/${no}`);
    const pub = await f.app.inject({ url: `/tbmt/${no}` });
    const mo = pub.body.slice(pub.body.indexOf('id="mo-thau"'));
    assert.match(mo, /2 nhà thầu tham dự/);
    assert.match(mo, /Công ty TNHH Máy tính Hà Nội/);
    assert.match(mo, /Công ty CP Thiết bị số/);
    assert.match(mo, /14\.500\.000\.000/);

    // The result form starts from the opening's bidders: names, tax code, price after discount.
    const result = await x.get(`/dang-tai/tbmt/${no}/ket-qua`);
    assert.equal(result.statusCode, 200);
    assert.match(result.body, /id="dt-b0_name"[^>]*value="Công ty TNHH Máy tính Hà Nội"/);
    assert.match(result.body, /id="dt-b0_taxCode"[^>]*value="0101234567"/);
    assert.match(result.body, /id="dt-b0_bidPriceVnd"[^>]*value="14\.137\.500\.000"/);
    assert.match(result.body, /id="dt-b1_bidPriceVnd"[^>]*value="14\.900\.000\.000"/);

    const again = await x.get(`/dang-tai/tbmt/${no}/mo-thau`);
    const second = await x.request('POST', `/dang-tai/tbmt/${no}/mo-thau`, {
      ...rows(),
      _csrf: csrfOf(again.body),
    });
    const secondPage = await x.get(String(second.headers.location));
    const refusedAgain = await x.request('POST', `${second.headers.location}/dang`, {
      _csrf: csrfOf(secondPage.body),
    });
    assert.equal(refusedAgain.statusCode, 409, 'a notice has one bid-opening record');
    assert.match(refusedAgain.body, /đã có biên bản mở thầu/);
  });

  test("another agency's publisher cannot record the opening (403), nothing written", async () => {
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom('publication_draft')
            .select((e) => e.fn.countAll().as('n'))
            .where('kind', '=', 'opening')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const page = await y.get('/dang-tai/tbmt/moi');
    const res = await y.request('POST', `/dang-tai/tbmt/${no}/mo-thau`, {
      ...rows(),
      _csrf: csrfOf(page.body),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(await count(), n);
  });
});
