// End to end in a real browser (Debian's Chromium driven by playwright-core): a citizen finds a
// notice by typing without diacritics, opens it, and sees every version with its amendment reason.
// No fixed sleeps: each step waits for the page the click leads to.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { launchBrowser, skipWithoutChromium } from './helpers/browser.ts';
import { createTestDatabase } from './helpers/db.ts';
import { amendedNotice, openNotice, saveFacts } from './helpers/facts-fixtures.ts';

const skip = skipWithoutChromium();

describe('public pages in a real browser', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), openNotice()]);
    app = await buildApp({ database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  test('search without diacritics, open the notice, see both versions and the amendment reason', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(`${base}/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    await page.getByRole('searchbox').first().fill('may bien dien ap hoan kiem');
    await Promise.all([page.waitForURL(/\/tim-kiem\?/), page.keyboard.press('Enter')]);
    const link = page.getByRole('link', { name: /Mua sắm máy biến điện áp 22kV/ }).first();
    await Promise.all([page.waitForURL(/\/tbmt\/IB2600077452/), link.click()]);
    const text = await page.locator('main').innerText();
    assert.match(text, /IB2600077452-01/);
    assert.match(text, /Điều chỉnh giá gói thầu và thời điểm đóng thầu theo dự toán được duyệt lại/);
    assert.match(text, /00/);
    assert.deepEqual(errors, [], 'no console errors (CSP violations show here)');
    await page.close();
  });
});
