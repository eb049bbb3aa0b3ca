// Lots (phần/lô) and several locations in the TBMT form, without JavaScript: empty rows are shown,
// "Thêm dòng" saves the draft and shows more rows, a bad row is named by its row number next to its
// field (400), duplicate lot numbers are refused, and once corrected the public page lists every lot
// and every location.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LAW_RULES } from '../src/compliance/law/index.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

const DAYS = LAW_RULES.find((r) => r.id === 'L22A.bidding-period.domestic')!.min! + 2;

/** The lawful TBMT payload as the form's strings, without locations. */
function baseForm(): Record<string, string> {
  const out: Record<string, string> = { agencyCode: 'so-tc' };
  for (const [k, v] of Object.entries(tbmtPayload(DAYS))) {
    if (typeof v === 'object') continue;
    out[k] = typeof v === 'string' && v.endsWith('+07:00') ? v.slice(0, 16) : String(v);
  }
  return out;
}

const rowsOf = (html: string, what: string) =>
  [...html.matchAll(new RegExp(`<legend>${what} dòng (\\d+)</legend>`, 'g'))].map((m) => Number(m[1]));

describe('lots and locations in the TBMT form', () => {
  let f: PublishFixture;
  let x: Browser;
  before(async () => {
    f = await publishFixture(await createTestDatabase());
    x = new Browser(f.app, '192.0.2.41');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
  });
  after(async () => {
    await f?.app.close();
    await f?.database.close();
  });

  test('empty rows, "Thêm dòng", per-row errors, then both lots and locations published', async () => {
    const blank = await x.get('/dang-tai/tbmt/moi');
    assert.deepEqual(rowsOf(blank.body, 'Phần \\(lô\\)'), [1, 2]);
    assert.deepEqual(rowsOf(blank.body, 'Địa điểm'), [1, 2]);
    assert.match(blank.body, /<label for="dt-lot0_name">Tên phần \(lô\)<\/label>/);
    assert.match(
      blank.body,
      /<button type="submit" name="_addRows" value="lots">Thêm dòng phần \(lô\)<\/button>/,
    );

    // "Thêm dòng" on the new form: the draft is saved and comes back with 3 more lot rows.
    const added = await x.request('POST', '/dang-tai/tbmt', {
      ...baseForm(),
      lot0_name: 'Máy tính để bàn',
      _addRows: 'lots',
      _csrf: csrfOf(blank.body),
    });
    assert.equal(added.statusCode, 303);
    const url = String(added.headers.location);
    assert.match(url, /^\/dang-tai\/ban-nhap\/\d+\?them=lots#dt-lots$/);
    const more = await x.get(url.replace(/#.*/, ''));
    assert.deepEqual(rowsOf(more.body, 'Phần \\(lô\\)'), [1, 2, 3, 4, 5, 6]);
    assert.match(
      more.body,
      /name="lot0_lotNo"[^>]*value="1"|value="1"[^>]*name="lot0_lotNo"/,
      'number defaulted',
    );
    const draftUrl = url.replace(/\?.*/, '');

    const rows: Record<string, string> = {
      lot0_lotNo: 'PL01',
      lot0_name: 'Máy tính để bàn',
      lot0_priceVnd: '10.000.000.000',
      lot1_lotNo: 'PL02',
      lot1_name: 'Máy in',
      lot1_priceVnd: '5.000.000.000',
      lot2_priceVnd: '1.000.000', // a row without number nor name
      loc0_provinceName: 'Thành phố Hà Nội',
      loc1_provinceName: 'Tỉnh Bắc Ninh',
      loc1_districtName: 'Thành phố Từ Sơn',
    };
    const refused = await x.request('POST', `${draftUrl}/dang`, {
      ...baseForm(),
      ...rows,
      _csrf: csrfOf(more.body),
    });
    assert.equal(refused.statusCode, 400, refused.body.slice(0, 300));
    assert.match(refused.body, /href="#dt-lot2_name">Phần \(lô\) dòng 3, Tên phần \(lô\): bắt buộc/);
    assert.match(refused.body, /href="#dt-lot2_lotNo">Phần \(lô\) dòng 3, Số hiệu phần \(lô\): bắt buộc/);
    assert.match(refused.body, /id="dt-lot2_name-loi"/);
    assert.match(refused.body, /value="Thành phố Từ Sơn"/, 'the rows are kept');

    const dup = await x.request('POST', `${draftUrl}/dang`, {
      ...baseForm(),
      ...rows,
      lot2_priceVnd: '',
      lot1_lotNo: 'PL01',
      _csrf: csrfOf(refused.body),
    });
    assert.equal(dup.statusCode, 400);
    assert.match(
      dup.body,
      /href="#dt-lot1_lotNo">Phần \(lô\) dòng 2, Số hiệu phần \(lô\): số phần \(lô\) bị trùng/,
    );
    // Two places without codes would be stored as one: the second row is asked for its province code.
    assert.match(
      dup.body,
      /href="#dt-loc1_provinceCode">Địa điểm dòng 2, Mã tỉnh\/thành phố \(2 chữ số\): trùng mã tỉnh\/thành phố với địa điểm dòng 1/,
    );
    rows.loc0_provinceCode = '01';
    rows.loc1_provinceCode = '24';

    const ok = await x.request('POST', `${draftUrl}/dang`, {
      ...baseForm(),
      ...rows,
      lot2_priceVnd: '',
      _csrf: csrfOf(dup.body),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
    const pub = await f.app.inject({ url: String(ok.headers.location) });
    assert.match(pub.body, /<th scope="row">PL01<\/th>/);
    assert.match(pub.body, /<th scope="row">PL02<\/th>/);
    assert.match(pub.body, /Máy in/);
    assert.match(pub.body, /5\.000\.000\.000/);
    assert.match(pub.body, /<li>Thành phố Hà Nội<\/li>/);
    assert.match(pub.body, /<li>Thành phố Từ Sơn, Tỉnh Bắc Ninh<\/li>/);

    // The amendment form starts from the published rows.
    const no = String(ok.headers.location).replace('/tbmt/', '');
    const amend = await x.get(`/dang-tai/tbmt/${no}/sua-doi`);
    assert.match(amend.body, /value="PL02"/);
    assert.match(amend.body, /value="Tỉnh Bắc Ninh"/);
    assert.deepEqual(rowsOf(amend.body, 'Phần \\(lô\\)'), [1, 2, 3, 4]);
  });
});
