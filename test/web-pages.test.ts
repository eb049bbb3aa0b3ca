import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { DEMO_BANNER } from '../src/web/pages/layout.tsx';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  LOSER_PRICE,
  LOSER_TECH,
  openNotice,
  saveFacts,
  scriptNotice,
  WINNER,
} from './helpers/facts-fixtures.ts';

describe('public pages', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), cancelledNotice(), openNotice(), scriptNotice()]);
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

  test('demo data: banner on every page, demo notices marked', async () => {
    await saveFacts(database, [{ ...openNotice(), notifyNo: 'IB2600012345' }], 'demo');
    for (const url of ['/', '/tim-kiem', '/tbmt/IB2600077452', `/to-chuc/${WINNER.code}`, '/khong-co']) {
      const res = await get(url);
      assert.ok(res.body.includes(DEMO_BANNER), url);
    }
    const demo = await get('/tbmt/IB2600012345');
    assert.ok(demo.body.includes('Gói thầu minh họa'));
    const real = await get('/tbmt/IB2600077452');
    assert.ok(!real.body.includes('Gói thầu minh họa'));
    const list = await get('/tim-kiem?q=IB2600012345x');
    assert.equal(list.statusCode, 200);
  });
});
