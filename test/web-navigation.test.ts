// Things a newcomer tripped over: error pages forgot who is signed in, a plan number as shown on a
// notice (`PL…-00`) led nowhere, and the notice page did not link its plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { Browser, seedAccount } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { amendedNotice, saveFacts } from './helpers/facts-fixtures.ts';

describe('navigation', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice()]);
    await seedAccount(database.db, 'admin@hanoi.gov.vn', 'admin', undefined, 'Quản trị viên');
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('an error page still shows who is signed in', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const page = await admin.request('GET', '/dang-tai');
    assert.equal(page.statusCode, 403);
    assert.match(page.body, /Tài khoản: Quản trị viên/);
    assert.doesNotMatch(page.body, />\s*Đăng nhập\s*</);
  });

  test('the notice page links its plan, and the plan number as shown there leads to the plan', async () => {
    const notice = await app.inject({ method: 'GET', url: '/tbmt/IB2600077452' });
    assert.match(notice.body, /<a href="\/khlcnt\/PL2600044908">/);
    const shown = await app.inject({ method: 'GET', url: '/khlcnt/PL2600044908-00' });
    assert.equal(shown.statusCode, 301);
    assert.equal(shown.headers.location, '/khlcnt/PL2600044908');
    const plan = await app.inject({ method: 'GET', url: '/khlcnt/PL2600044908' });
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /Kế hoạch lựa chọn nhà thầu mua sắm thiết bị điện năm 2026/);
  });
});
