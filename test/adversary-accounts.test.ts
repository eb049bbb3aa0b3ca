/**
 * Hostile and careless input to the sign-in and administration pages: a `tiep` (page to come back to)
 * holding raw non-ASCII or control characters, and a NUL character where an agency code is looked
 * up. Each is a clear answer (a redirect to a safe page, a 404), never a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { publishRefusal } from '../src/accounts/access.ts';
import { importAgencyCsv } from '../src/accounts/agency-csv.ts';
import { AccountError } from '../src/accounts/errors.ts';
import { unlockEmail } from '../src/accounts/sign-in.ts';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { safeNext } from '../src/web/routes/account.tsx';
import { buildApp } from '../src/web/app.ts';
import { Browser, csrfOf, PASSWORD, seedAccount, seedAgencies } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';

describe('adversarial input to sign-in and administration', () => {
  let database: Database;
  let app: FastifyInstance;
  const saved = { ...process.env };
  before(async () => {
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '1000';
    process.env.MINHBACH_LOCKOUT_IP_FAILURES = '1000';
    database = await createTestDatabase();
    await seedAgencies(database.db);
    await seedAccount(database.db, 'pub@so-tc.hanoi.gov.vn', 'publisher', 'so-tc');
    await seedAccount(database.db, 'admin@hanoi.gov.vn', 'admin');
    app = await buildApp({ database });
  });
  after(async () => {
    process.env = saved;
    await app.close();
    await database.close();
  });

  test('safeNext keeps only printable-ASCII local paths', () => {
    assert.equal(safeNext('/tim-kiem?q=%C4%91%C6%B0%E1%BB%9Dng'), '/tim-kiem?q=%C4%91%C6%B0%E1%BB%9Dng');
    for (const bad of [
      '//evil.vn',
      '/\\evil.vn',
      'https://evil.vn',
      '/tìm-kiếm',
      '/a\u0000b',
      '/a\u007fb',
      '/a\u00a0b',
    ]) {
      assert.equal(safeNext(bad), '/tai-khoan', JSON.stringify(bad));
    }
  });

  for (const tiep of ['/tìm-kiếm?q=đường', '/\u0001x', '/x\u0000']) {
    test(`signing in with tiep=${JSON.stringify(tiep)} signs in and goes to the account page, not a 500`, async () => {
      const b = new Browser(app, '192.0.2.77');
      const page = await b.get('/dang-nhap');
      const res = await b.request('POST', '/dang-nhap', {
        email: 'pub@so-tc.hanoi.gov.vn',
        password: PASSWORD,
        tiep,
        _csrf: csrfOf(page.body),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      assert.equal(res.headers.location, '/tai-khoan');
      assert.match(String(res.headers['set-cookie']), /mb_session=/);
      const account = await b.get('/tai-khoan');
      assert.equal(account.statusCode, 200, 'the new session works');
      const again = await b.get(`/dang-nhap?tiep=${encodeURIComponent(tiep)}`);
      assert.equal(again.statusCode, 303, 'a signed-in visitor of the sign-in page is sent on');
      assert.equal(again.headers.location, '/tai-khoan');
    });
  }

  test('the admin page asked to edit an agency code with a NUL character is a 404, not a 500', async () => {
    const b = new Browser(app, '192.0.2.78');
    const page = await b.get('/dang-nhap');
    const signIn = await b.request('POST', '/dang-nhap', {
      email: 'admin@hanoi.gov.vn',
      password: PASSWORD,
      _csrf: csrfOf(page.body),
    });
    assert.equal(signIn.statusCode, 303);
    const res = await b.get('/quan-tri?sua=so-tc%00');
    assert.equal(res.statusCode, 404, res.body.slice(0, 300));
    assert.match(res.body, /Không tìm thấy|không tìm thấy/);
    assert.equal((await b.get('/quan-tri?sua=so-tc')).statusCode, 200, 'a real code still opens the form');
  });

  test('publishing for an agency code with a NUL character is refused as unknown, not a database error', async () => {
    const refusal = await publishRefusal(
      database.db,
      { role: 'publisher', agencyCode: 'so-tc' },
      'so-tc\u0000',
    );
    assert.deepEqual(refusal, { reason: 'unknown-agency', agencyCode: 'so-tc\u0000' });
  });
  test('CSV import: a row under a loop is reported, not an exception that imports nothing', async () => {
    const csv =
      '\uFEFFcode;name;kind;parent_code\r\n' +
      'loop-a;"Ban ""A""";so;loop-b\r\n' +
      'loop-b;Ban B;so;loop-a\r\n' +
      'child-x;Ban X;so;loop-a\r\n' +
      'fine-y;"=HYPERLINK(""http://evil.vn"")";so;hn\r\n';
    const r = await importAgencyCsv(database.db, csv, 'test');
    assert.equal(r.created, 1, JSON.stringify(r.errors));
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column]),
      [
        [2, 'parent_code'],
        [3, 'parent_code'],
        [4, 'parent_code'],
      ],
    );
    assert.match(r.errors[0]!.message, /the hierarchy would loop/);
    assert.match(r.errors[2]!.message, /no agency "loop-a"/);
    const stored = await sql<{ name: string }>`SELECT name FROM org WHERE code = 'fine-y'`.execute(
      database.db,
    );
    assert.equal(
      stored.rows[0]?.name,
      '=HYPERLINK("http://evil.vn")',
      'kept as text; it is escaped when shown',
    );
  });

  test('CSV import: a loop longer than 1000 units is found too, and nothing of it is stored', async () => {
    const n = 1200;
    const lines = ['code,name,kind,parent_code'];
    for (let i = 0; i < n; i++) lines.push(`vong-${i},Đơn vị ${i},so,vong-${(i + 1) % n}`);
    const r = await importAgencyCsv(database.db, lines.join('\n'), 'test');
    assert.equal(r.created, 0);
    assert.equal(r.errors.length, n);
    assert.ok(r.errors.every((e) => e.column === 'parent_code' && /would loop/.test(e.message)));
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM org WHERE code LIKE 'vong-%'`.execute(database.db);
    assert.equal(stored.rows[0]!.n, 0);
  });
  test('"admin user unlock" of an empty e-mail is refused and audits nothing', async () => {
    await assert.rejects(
      database.db.transaction().execute((tx) => unlockEmail(tx, ' \t ', 'test')),
      (err: Error) => err instanceof AccountError && err.field === 'email',
    );
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE entity = 'sign_in' AND action = 'unlock'`.execute(database.db);
    assert.equal(rows.rows[0]!.n, 0);
  });
});

describe('guessing the current password from a live session', () => {
  test('password changes are rate-limited like sign-in (429 after the limit)', async () => {
    const saved = { ...process.env };
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '3';
    const database = await createTestDatabase();
    const app = await buildApp({ database });
    try {
      await seedAccount(database.db, 'doan@hanoi.gov.vn', 'monitor');
      const b = new Browser(app, '192.0.2.90');
      const page = await b.get('/dang-nhap');
      const signIn = await b.request('POST', '/dang-nhap', {
        email: 'doan@hanoi.gov.vn',
        password: PASSWORD,
        _csrf: csrfOf(page.body),
      });
      assert.equal(signIn.statusCode, 303);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await b.submit('/tai-khoan', '/tai-khoan/mat-khau', {
          current_password: `đoán thử số ${i} rất dài`,
          password: 'Mật khẩu mới rất dài 2027',
          password_confirm: 'Mật khẩu mới rất dài 2027',
        });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [400, 400, 400, 429]);
    } finally {
      process.env = saved;
      await app.close();
      await database.close();
    }
  });
});
