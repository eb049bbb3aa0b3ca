import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { DEMO_BANNER, DEMO_BANNER_EN } from '../src/web/pages/layout.tsx';
import { DEMO_NOTICE } from '../src/web/pages/tbmt/page.tsx';
import { PAGE_CSP } from '../src/web/security.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  laterVersionNotice,
  LOSER_PRICE,
  LOSER_TECH,
  NAME_ONLY,
  NO_PRICE,
  openNotice,
  RANK_2,
  RANK_3,
  rankedResultNotice,
  saveFacts,
  scriptNotice,
  WARD,
  WINNER,
} from './helpers/facts-fixtures.ts';

/** The HTML from the element with `id` to the element with `nextId` (or the end). */
function between(html: string, id: string, nextId?: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `#${id} is on the page`);
  const end = nextId ? html.indexOf(`id="${nextId}"`, start) : -1;
  return html.slice(start, end < 0 ? undefined : end);
}

describe('public pages', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [
      amendedNotice(),
      cancelledNotice(),
      openNotice(),
      scriptNotice(),
      rankedResultNotice(),
      laterVersionNotice(),
    ]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  test('home: Vietnamese, landmarks, skip link, closing soon and latest results', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
    const html = res.body;
    assert.match(html, /^<!DOCTYPE html>\n<html lang="vi">/);
    assert.match(html, /<a class="skip-link" href="#noi-dung">/);
    assert.match(html, /<main id="noi-dung"/);
    assert.match(html, /<nav aria-label="Điều hướng chính">/);
    assert.match(html, /<label for="q-home">/);
    const soon = html.slice(html.indexOf('id="sap-dong-thau"'), html.indexOf('id="moi-dang"'));
    assert.ok(soon.includes('IB2600099001'), 'open notice is closing soon');
    assert.ok(!soon.includes('IB2600026487'), 'cancelled notice is not');
    const results = html.slice(html.indexOf('id="ket-qua-moi"'));
    assert.ok(results.includes(WINNER.name));
    assert.ok(results.includes('<span class="money">219.994.920 ₫</span>'));
    assert.ok(!html.includes(DEMO_BANNER), 'no demo banner without demo data');
    assert.match(res.headers['content-security-policy'] as string, /default-src 'none'/);
  });

  test('package page tells the whole story in order', async () => {
    const res = await get('/tbmt/IB2600077452');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const order = [
      'id="ke-hoach"',
      'id="thong-bao"',
      'id="phien-ban"',
      'id="gia-han"',
      'id="mo-thau"',
      'id="ket-qua"',
      'id="hop-dong"',
    ];
    const positions = order.map((id) => html.indexOf(id));
    assert.ok(
      positions.every((p) => p > 0),
      `all sections present: ${positions.join()}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'sections in procurement order',
    );
    // Plan, versions and what the amendment changed.
    assert.ok(html.includes('PL2600044908'));
    assert.ok(html.includes('IB2600077452-00') && html.includes('IB2600077452-01'));
    assert.ok(html.includes('Điều chỉnh giá gói thầu và thời điểm đóng thầu'));
    const versions = html.slice(html.indexOf('id="phien-ban"'), html.indexOf('id="gia-han"'));
    assert.ok(versions.includes('Giá gói thầu:'), 'price change listed');
    assert.ok(versions.includes('230.000.000 ₫') && versions.includes('235.500.000 ₫'));
    // Dates in Vietnam time with the instant in <time datetime>.
    assert.ok(
      html.includes('<time class="nowrap" datetime="2026-03-24T08:00:00.000Z">24/03/2026 15:00</time>'),
    );
    // Extension old → new.
    const ext = html.slice(html.indexOf('id="gia-han"'), html.indexOf('id="mo-thau"'));
    assert.ok(ext.includes('24/03/2026 15:00') && ext.includes('27/03/2026 15:00'));
    assert.ok(ext.includes('Gia hạn để các nhà thầu'));
    // Bid opening: every bidder with prices.
    const opening = html.slice(html.indexOf('id="mo-thau"'), html.indexOf('id="ket-qua"'));
    for (const b of [WINNER, LOSER_TECH, LOSER_PRICE]) {
      assert.ok(opening.includes(b.name), b.name);
      assert.ok(opening.includes(`href="/to-chuc/${b.code}"`));
    }
    assert.ok(opening.includes('<span class="money">219.994.920 ₫</span>'));
    assert.ok(opening.includes('229.161.375 ₫') && opening.includes('4%'));
    // Result: the winner marked in text, losers with reasons, goods items.
    const result = html.slice(html.indexOf('id="ket-qua"'), html.indexOf('id="hop-dong"'));
    const winnerRow = result.slice(result.indexOf('<tr class="winner">'));
    assert.ok(winnerRow.startsWith('<tr class="winner">'));
    assert.ok(winnerRow.slice(0, winnerRow.indexOf('</tr>')).includes(WINNER.name));
    assert.ok(winnerRow.slice(0, winnerRow.indexOf('</tr>')).includes('Trúng thầu'));
    assert.equal(result.split('✔ Trúng thầu').length - 1, 1, 'exactly one winner');
    assert.ok(result.includes('không đạt cấp chính xác 0,5'));
    assert.ok(result.includes('cao hơn nhà thầu xếp hạng thứ nhất'));
    assert.ok(result.includes('Máy biến điện áp 1 pha 22kV') && result.includes('31.500.000 ₫'));
    assert.ok(result.includes('125/QĐ-BQLDA'));
    // Contract.
    assert.ok(html.slice(html.indexOf('id="hop-dong"')).includes('45/2026/HĐMB'));
    assert.ok(!html.includes('Gói thầu đã bị hủy'));
  });

  test('package page accepts a version suffix and lower case', async () => {
    for (const url of ['/tbmt/IB2600077452-00', '/tbmt/ib2600077452-01', '/tbmt/ib2600077452']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(res.body.includes('Mua sắm máy biến điện áp 22kV'), url);
    }
  });

  test('cancelled package: banner at the top and the cancellation section', async () => {
    const res = await get('/tbmt/IB2600026487');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    const banner = html.indexOf('Gói thầu đã bị hủy');
    assert.ok(banner > 0 && banner < html.indexOf('<h1'), 'banner before the title');
    assert.ok(html.includes('88/QĐ-UBND'));
    assert.ok(html.includes('Thay đổi nhu cầu sử dụng dịch vụ'));
    assert.ok(html.includes('id="huy-thau"'));
    assert.ok(html.includes('Đã hủy thầu'));
  });

  test('organisation page lists packages per role with the bid outcome', async () => {
    const res = await get(`/to-chuc/${LOSER_TECH.code}`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(LOSER_TECH.name));
    assert.ok(res.body.includes('0105550001'), 'tax code');
    const bidder = res.body.slice(res.body.indexOf('id="nha-thau"'));
    assert.ok(bidder.includes('IB2600077452'));
    assert.ok(bidder.includes('Không trúng thầu'));
    assert.ok(bidder.includes('227.800.000 ₫'));
    const winner = await get(`/to-chuc/${WINNER.code}`);
    assert.ok(winner.body.slice(winner.body.indexOf('id="nha-thau"')).includes('✔ Trúng thầu'));
  });

  test('unknown things are a Vietnamese 404 page', async () => {
    for (const url of [
      '/tbmt/IB2699999999',
      '/tbmt/khong-phai-ma',
      '/to-chuc/vn0000000000',
      '/to-chuc/%00',
      '/khong-co',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/, url);
      assert.ok(res.body.includes('<html lang="vi">'), url);
      assert.ok(res.body.includes('Không tìm thấy'), url);
      assert.ok(!res.body.includes('at '), `no stack trace: ${url}`);
    }
  });

  test('bad query parameters are a 400 page naming the parameter, never a 500', async () => {
    const cases = [
      '/tim-kiem?page=abc',
      '/tim-kiem?page=-1',
      '/tim-kiem?page=0',
      '/tim-kiem?page=1.5',
      '/tim-kiem?field=XYZ',
      '/tim-kiem?state=done',
      `/tim-kiem?q=${'a'.repeat(201)}`,
      '/to-chuc/vn0100100100?role=boss',
      '/to-chuc/vn0100100100?page=x',
    ];
    for (const url of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      assert.ok(res.body.includes('Yêu cầu không hợp lệ'), url);
      assert.match(res.body, /Tham số “(page|field|state|q|role)”/, url);
    }
  });

  test('names carrying markup are escaped', async () => {
    for (const url of ['/tbmt/IB2600066666', '/tim-kiem?q=script', '/', '/to-chuc/vn0109990009']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(!res.body.includes('<script>alert(1)</script>'), url);
      assert.ok(!res.body.includes('<img src=x'), url);
      assert.ok(!/<script/i.test(res.body), `no script element at all: ${url}`);
    }
    const page = await get('/tbmt/IB2600066666');
    // Text is escaped where it matters: `<` and `&` (a bare `>` in text cannot open markup).
    assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(page.body.includes('Công ty &quot;A&amp;B&quot; &lt;img src=x onerror=alert(2)>'));
  });

  test('the static stylesheet is served', async () => {
    const res = await get('/static/site.css');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/css/);
    assert.ok(res.body.includes(':focus-visible'));
  });

  test('demo data: an accurate banner on every page, demo notices marked, real ones not called fake', async () => {
    await saveFacts(database, [{ ...openNotice(), notifyNo: 'IB2600012345' }], 'demo');
    for (const url of ['/', '/tim-kiem', '/tbmt/IB2600077452', `/to-chuc/${WINNER.code}`, '/khong-co']) {
      const res = await get(url);
      assert.ok(res.body.includes(DEMO_BANNER), url);
      assert.ok(res.body.includes(DEMO_BANNER_EN), url);
    }
    // The banner speaks of the portal and of the notices labelled “Minh họa”, never of "the notices
    // on this page" — on a real notice's page that would call a real notice fake.
    assert.ok(!DEMO_BANNER.includes('trên trang này'));
    assert.match(DEMO_BANNER, /gắn nhãn “Minh họa”/);
    const real = await get('/tbmt/IB2600077452');
    assert.ok(!real.body.includes('trên trang này được tạo tự động'), 'a real notice is not called fake');
    assert.ok(!real.body.includes(DEMO_NOTICE));
    assert.ok(!real.body.includes('Gói thầu minh họa'));
    const demo = await get('/tbmt/IB2600012345');
    assert.ok(demo.body.includes(DEMO_NOTICE), 'a demo notice says it is demo data');
    assert.ok(demo.body.indexOf(DEMO_NOTICE) < demo.body.indexOf('<h1'), 'before its title');
    const list = await get('/tim-kiem?q=IB2600012345x');
    assert.equal(list.statusCode, 200);
  });

  test('a local organisation code (mb-…) is never shown as a national code', async () => {
    const story = (await get('/api/v1/tbmt/IB2600055501')).json();
    const local = story.opening.bidders.find(
      (b: { contractor: { name: string } }) => b.contractor.name === NAME_ONLY.name,
    ).contractor;
    assert.match(local.code, /^mb-[0-9a-f]{12}$/);
    assert.equal(local.codeIsLocal, true);
    const official = story.opening.bidders.find(
      (b: { contractor: { code: string } }) => b.contractor.code === RANK_2.code,
    ).contractor;
    assert.equal(official.codeIsLocal, false);

    const page = await get('/tbmt/IB2600055501');
    const opening = between(page.body, 'mo-thau', 'ket-qua');
    const row = opening.slice(opening.lastIndexOf('<tr', opening.indexOf(NAME_ONLY.name)));
    const codeCell = row.slice(0, row.indexOf('</td>'));
    assert.ok(!codeCell.includes(local.code), 'the "Mã nhà thầu" cell does not show the local code');
    assert.ok(codeCell.includes('Nguồn không ghi mã'), codeCell);
    assert.ok(opening.includes(`>${RANK_2.code}<`), 'an official code is shown');

    const org = await get(`/to-chuc/${local.code}`);
    assert.equal(org.statusCode, 200);
    assert.ok(!org.body.includes('Mã trên Hệ thống mạng đấu thầu quốc gia'), 'not labelled official');
    assert.ok(org.body.includes('Mã nội bộ của minhbach'));
    assert.ok(org.body.includes('không phải mã chính thức'));
    assert.equal((await get(`/api/v1/to-chuc/${local.code}`)).json().codeIsLocal, true);
    const national = await get(`/to-chuc/${WINNER.code}`);
    assert.ok(national.body.includes('Mã trên Hệ thống mạng đấu thầu quốc gia'));
  });

  test('an earliest stored version that is not 00 is not called the first publication', async () => {
    const res = await get('/tbmt/IB2600084951');
    assert.equal(res.statusCode, 200);
    const versions = between(res.body, 'phien-ban', 'gia-han');
    assert.ok(!versions.includes('Đăng lần đầu'), 'version 01 is not "first published"');
    assert.ok(versions.includes('Phiên bản sớm nhất có trên minhbach'));
    assert.ok(versions.includes('các phiên bản trước chưa được nhập'));
    const story = (await get('/api/v1/tbmt/IB2600084951')).json();
    assert.equal(story.firstPublishedAt, null, 'the first publication is not guessed from version 01');
    const original = between((await get('/tbmt/IB2600077452')).body, 'phien-ban', 'gia-han');
    assert.ok(original.includes('Đăng lần đầu'), 'version 00 is the first publication');
  });

  test('result bidders are listed by rank: winner, then by ranking price, unknown prices last', async () => {
    const res = await get('/tbmt/IB2600055501');
    const result = between(res.body, 'ket-qua', 'hop-dong');
    const order = [NAME_ONLY, RANK_2, RANK_3, NO_PRICE].map((o) => result.indexOf(o.name));
    assert.ok(
      order.every((p) => p > 0),
      order.join(),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'winner, second (250 M after discount), third (evaluated 300 M), no price',
    );
  });

  test('organisation page: a notice it is both investor and procuring entity of is listed once', async () => {
    const res = await get(`/to-chuc/${WARD.code}`);
    assert.equal(res.statusCode, 200);
    // The ward is investor and procuring entity of IB2600026487 and IB2600099001.
    assert.equal(
      res.body.split('href="/tbmt/IB2600026487"').length - 1,
      2,
      'one row (number and name links)',
    );
    const buyer = between(res.body, 'moi-thau', 'nha-thau');
    assert.ok(buyer.includes('<th scope="col">Vai trò</th>'));
    const row = buyer.slice(buyer.indexOf('IB2600026487'));
    assert.ok(row.slice(0, row.indexOf('</tr>')).includes('Chủ đầu tư, Bên mời thầu'));
    const investorOnly = buyer.slice(buyer.indexOf('IB2600084951'));
    assert.ok(investorOnly.slice(0, investorOnly.indexOf('</tr>')).includes('>Chủ đầu tư<'));
    const api = (await get(`/api/v1/to-chuc/${WARD.code}`)).json();
    const ids = api.asBuyer.items.map((i: { notifyNo: string }) => i.notifyNo);
    assert.equal(new Set(ids).size, ids.length, 'each notice once');
    const both = api.asBuyer.items.find((i: { notifyNo: string }) => i.notifyNo === 'IB2600026487');
    assert.deepEqual(both.roles, ['investor', 'procuringEntity']);
    const beyond = await get(`/to-chuc/${WARD.code}?role=buyer&page=7`);
    assert.ok(beyond.body.includes('Trang 7 không tồn tại; có 1 trang.'));
  });

  test('a tax code in the organisation address goes to that organisation', async () => {
    const res = await get('/to-chuc/0100100100');
    assert.ok([301, 302].includes(res.statusCode), String(res.statusCode));
    assert.equal(res.headers.location, '/to-chuc/vn0100100100');
    const paged = await get('/to-chuc/0100100100?role=bidder&page=1&x=%3Cscript%3E');
    assert.equal(paged.headers.location, '/to-chuc/vn0100100100?role=bidder&page=1', 'known parameters only');
    const api = await get('/api/v1/to-chuc/0100100100');
    assert.equal(api.headers.location, '/api/v1/to-chuc/vn0100100100');
    for (const url of ['/to-chuc/0999999999', '/api/v1/to-chuc/0999999999']) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
  });

  test('malformed or too-long addresses get the app’s own error answer with the security headers', async () => {
    const long = 'a'.repeat(300);
    const cases: [string, number][] = [
      ['/tbmt/%ED%A0%80', 400],
      ['/to-chuc/%E0%A4%A', 400],
      ['/%', 400],
      ['/tim-kiem/%ZZ', 400],
      [`/tbmt/${long}`, 414],
      [`/to-chuc/${long}`, 414],
    ];
    for (const [url, status] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/, url);
      assert.ok(res.body.includes('<html lang="vi">'), url);
      assert.ok(res.body.includes('Yêu cầu không hợp lệ'), url);
      assert.equal(res.headers['content-security-policy'], PAGE_CSP, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      if (url.length > 4) assert.ok(!res.body.includes(url.slice(1)), `the address is not echoed: ${url}`);
      assert.ok(!res.body.includes('FST_ERR'), url);

      const api = await get(`/api/v1${url}`);
      assert.equal(api.statusCode, status, `/api/v1${url}`);
      assert.match(api.headers['content-type'] as string, /^application\/json/);
      assert.equal(api.headers['x-content-type-options'], 'nosniff');
      const body = api.json();
      assert.deepEqual(Object.keys(body), ['error']);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
      assert.equal(body.error.code, 'bad-request');
      if (url.length > 4) assert.ok(!api.body.includes(url.slice(1)), `not echoed: /api/v1${url}`);
    }
  });

  test('every table is inside its own scrolling region (the page itself never scrolls sideways)', async () => {
    for (const url of [
      '/',
      '/tim-kiem',
      '/tbmt/IB2600077452',
      `/to-chuc/${WARD.code}`,
      '/tbmt/IB2600055501',
    ]) {
      const html = (await get(url)).body;
      const tables = [...html.matchAll(/<table/g)].map((m) => m.index);
      assert.ok(tables.length > 0, url);
      for (const at of tables) {
        const before = html.slice(0, at);
        const wrapper = before.lastIndexOf('<div class="table-scroll"');
        assert.ok(wrapper >= 0 && !before.slice(wrapper).includes('</table>'), `${url}: table at ${at}`);
      }
    }
    const site = (await get('/static/site.css')).body;
    assert.match(
      site,
      /select,\s*button\s*\{[^}]*max-width: 100%/,
      'form controls never wider than the form',
    );
    const components = (await get('/static/components.css')).body;
    assert.match(components, /grid-template-columns: minmax\(12rem, 18rem\) minmax\(0, 1fr\)/);
    assert.match(components, /\.table-scroll \{[^}]*overflow-x: auto/);
  });
});
