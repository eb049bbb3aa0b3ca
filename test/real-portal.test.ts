/**
 * The portal as a user sees it after importing the real national-system files: the package pages,
 * search and API for the notices named in the foundation issue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const skip = skipWithoutShared('real-data', 'muasamcong', 'api');

/** Visible text of an HTML fragment: tags removed, entities for spaces decoded, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The HTML of the section whose heading contains `title`, up to the next section. */
function section(html: string, title: string): string {
  const start = html.indexOf(title);
  assert.ok(start >= 0, `section "${title}" is on the page`);
  const next = html.indexOf('<section', start);
  return html.slice(start, next < 0 ? undefined : next);
}

describe('real notices on the portal', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await importMuasamcong(database.db, [sharedPath('real-data', 'muasamcong', 'api')]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('IB2600077452 shows its six bidders with their prices, and the winner', async () => {
    const res = await get('/tbmt/IB2600077452');
    assert.equal(res.statusCode, 200);
    const page = text(res.body);
    assert.match(page, /Mua sắm máy biến điện áp 220kV/);
    // Closing time as the national system shows it, in Vietnam time.
    assert.match(page, /24\/03\/2026 15:00/);

    const opening = text(section(res.body, 'Biên bản mở thầu'));
    const bidders: [string, string][] = [
      ['vn0110435973', '378.756.000 ₫'],
      ['vn0316870296', '251.663.500 ₫'],
      ['vn0107943399', '221.850.360 ₫'],
      ['vn0317079577', '219.994.920 ₫'],
      ['vn0901042929', '279.936.000 ₫'],
      ['vn0402096735', '372.359.174 ₫'],
    ];
    for (const [code, price] of bidders) {
      assert.ok(opening.includes(code), `bidder ${code} is in the opening record`);
      assert.ok(opening.includes(price), `bid price ${price} is shown`);
    }

    const result = section(res.body, 'Kết quả lựa chọn nhà thầu');
    const winnerRows = result
      .split('<tr')
      .filter((row) => row.includes('Trúng thầu') && !row.includes('Không trúng'));
    assert.equal(winnerRows.length, 1, 'exactly one bidder is marked as the winner');
    assert.match(text(winnerRows[0]!), /ĐIỆN NAM SÀI GÒN/);
    assert.match(text(winnerRows[0]!), /219\.994\.920 ₫/);
    for (let rank = 2; rank <= 6; rank++)
      assert.match(text(result), new RegExp(`Nhà thầu xếp hạng ${rank}\\.`));
    // The losers are listed in rank order (winner first, then by price used for ranking).
    const ranks = [...text(result).matchAll(/Nhà thầu xếp hạng (\d+)\./g)].map((m) => Number(m[1]));
    assert.deepEqual(ranks, [2, 3, 4, 5, 6]);
    const firstRow = result.split('<tr').find((row) => row.includes('<th scope="row"'));
    assert.match(text(firstRow ?? ''), /ĐIỆN NAM SÀI GÒN/, 'the winner is the first row');
  });

  test('IB2600084950, known from its version 01 only, does not call it the first publication', async () => {
    const res = await get('/tbmt/IB2600084950');
    assert.equal(res.statusCode, 200);
    const versions = text(section(res.body, 'Các phiên bản và nội dung sửa đổi'));
    assert.match(versions, /IB2600084950-01/);
    assert.doesNotMatch(versions, /Đăng lần đầu/);
    assert.match(versions, /Phiên bản sớm nhất có trên minhbach/);
  });

  test('IB2600022089 says it was cancelled and why', async () => {
    const res = await get('/tbmt/IB2600022089');
    assert.equal(res.statusCode, 200);
    const page = text(res.body);
    assert.match(page, /Gói thầu đã bị hủy/);
    assert.match(page, /Rà soát, cập nhật lại HSMT/);
    assert.match(page, /02\/02\/2026 08:58/, 'cancellation time in Vietnam time');
  });

  test('search without diacritics finds the notice; a notice number goes straight to it', async () => {
    const res = await get('/tim-kiem?q=may%20bien%20dien%20ap');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /IB2600077452/);
    assert.doesNotMatch(res.body, /IB2600022089/);

    const upper = await get('/tim-kiem?q=MAY+BIEN+DIEN+AP+220KV');
    assert.match(upper.body, /IB2600077452/);

    const code = await get('/tim-kiem?q=IB2600077452');
    assert.equal(code.statusCode, 303);
    assert.equal(code.headers.location, '/tbmt/IB2600077452');

    // The winner's tax code alone finds the notice it won.
    const tax = (await get('/api/v1/tbmt?q=0317079577')).json();
    assert.deepEqual(
      tax.items.map((i: { notifyNo: string }) => i.notifyNo),
      ['IB2600077452'],
    );
  });

  test('the API gives the same story as JSON, with instants in UTC and VND as integers', async () => {
    const res = await get('/api/v1/tbmt/IB2600077452');
    assert.equal(res.statusCode, 200);
    const story = res.json();
    const body = JSON.stringify(story);
    assert.match(body, /"2026-03-24T08:00:00\.000Z"/);
    assert.match(body, /219994920/);
    assert.equal(
      (body.match(/vn0402096735/g) ?? []).length >= 2,
      true,
      'a loser appears in opening and result',
    );

    const cancelled = await get('/api/v1/tbmt/IB2600022089');
    assert.match(JSON.stringify(cancelled.json()), /Rà soát, cập nhật lại HSMT/);

    const missing = await get('/api/v1/tbmt/IB2600000000');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not-found');
  });

  test('organisation pages list the packages in each role', async () => {
    const winner = await get('/to-chuc/vn0317079577');
    assert.equal(winner.statusCode, 200);
    const byTaxCode = await get('/to-chuc/0317079577');
    assert.ok([301, 302].includes(byTaxCode.statusCode));
    assert.equal(byTaxCode.headers.location, '/to-chuc/vn0317079577');
    assert.match(text(winner.body), /IB2600077452/);
    const investor = await get('/to-chuc/vnz000022302');
    assert.equal(investor.statusCode, 200);
    assert.match(text(investor.body), /Mua sắm máy biến điện áp 220kV/);
  });
});
