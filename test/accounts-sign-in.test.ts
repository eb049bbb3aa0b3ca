import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { unlockEmail } from '../src/accounts/sign-in.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { Browser, csrfOf, PASSWORD, seedAccount, seedAgencies } from './helpers/accounts.ts';

/** Sign-in events (audit rows of entity sign_in) of `email`, oldest first. */
async function signInEvents(database: Database, email: string) {
  const r = await sql<{ action: string; actor: string; reason: string | null; ip: string }>`
    SELECT action, actor, new_value ->> 'reason' AS reason, new_value ->> 'ip' AS ip FROM audit_log
    WHERE entity = 'sign_in' AND new_value ->> 'email' = ${email} ORDER BY id`.execute(database.db);
  return r.rows;
}

describe('sign-in, sessions, CSRF, lock-out', () => {
  let database: Database;
  let app: FastifyInstance;
  const saved = { ...process.env };
  before(async () => {
    process.env.MINHBACH_LOCKOUT_FAILURES = '3';
    process.env.MINHBACH_LOCKOUT_IP_FAILURES = '6';
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '1000';
    database = await createTestDatabase();
    await seedAgencies(database.db);
    await seedAccount(database.db, 'pub@so-tc.hanoi.gov.vn', 'publisher', 'so-tc', 'Nguyễn Văn A');
    await seedAccount(database.db, 'khoa@hanoi.gov.vn', 'monitor');
    await seedAccount(database.db, 'doimk@hanoi.gov.vn', 'publisher', 'so-xd');
    app = await buildApp({ database });
  });
  after(async () => {
    process.env = saved;
    await app.close();
    await database.close();
  });

  test('the sign-in page is a labelled form with a CSRF token; signing in sets a hardened session cookie', async () => {
    const b = new Browser(app, '192.0.2.10');
    const page = await b.get('/dang-nhap');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label for="dn-email">Thư điện tử/);
    assert.match(page.body, /<label for="dn-password">Mật khẩu/);
    assert.match(page.body, /<a href="\/dang-nhap" aria-current="page">Đăng nhập<\/a>/, 'header link');
    assert.match(b.lastSetCookie.get('mb_csrf')!, /HttpOnly; SameSite=Lax/);
    const res = await b.request('POST', '/dang-nhap', {
      email: ' PUB@so-tc.hanoi.gov.vn ',
      password: PASSWORD,
      tiep: '/tai-khoan',
      _csrf: csrfOf(page.body),
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tai-khoan');
    const cookie = b.lastSetCookie.get('mb_session')!;
    assert.match(cookie, /^mb_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP in tests: no Secure flag under auto');
    // Only a hash of the token is stored.
    const token = b.cookies.get('mb_session')!;
    const stored = await database.db.selectFrom('account_session').select('token_hash').execute();
    assert.ok(stored.every((s) => s.token_hash !== token && /^[0-9a-f]{64}$/.test(s.token_hash)));
    const me = await b.get('/tai-khoan');
    assert.equal(me.statusCode, 200);
    assert.match(me.body, /pub@so-tc\.hanoi\.gov\.vn/);
    assert.match(me.body, /Sở Tài chính/);
    assert.equal(me.headers['cache-control'], 'no-store');
    assert.match(me.body, /Tài khoản: Nguyễn Văn A/, 'the header names the signed-in person');
    const home = await b.get('/');
    assert.match(home.body, /Tài khoản: Nguyễn Văn A/, 'on public pages too');
    const events = await signInEvents(database, 'pub@so-tc.hanoi.gov.vn');
    assert.deepEqual(
      events.map((e) => e.action),
      ['sign-in'],
    );
    assert.equal(events[0]!.ip, '192.0.2.10');
  });

  test('Secure cookies when configured (behind HTTPS)', async () => {
    process.env.MINHBACH_SECURE_COOKIES = 'true';
    const secureApp = await buildApp({ database });
    delete process.env.MINHBACH_SECURE_COOKIES;
    try {
      const b = new Browser(secureApp, '192.0.2.11');
      await b.signIn('pub@so-tc.hanoi.gov.vn');
      assert.match(b.lastSetCookie.get('mb_session')!, /; Secure/);
    } finally {
      await secureApp.close();
    }
  });

  test('a page that needs an account sends the visitor to sign in and back', async () => {
    const b = new Browser(app, '192.0.2.12');
    const res = await b.get('/tai-khoan');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/dang-nhap?tiep=%2Ftai-khoan');
    const form = await b.get('/dang-nhap?tiep=%2Fquan-tri');
    assert.match(form.body, /name="tiep" value="\/quan-tri"/);
    // An outside address is never a destination.
    const evil = await b.submit('/dang-nhap', '/dang-nhap', {
      email: 'pub@so-tc.hanoi.gov.vn',
      password: PASSWORD,
      tiep: '//evil.example/x',
    });
    assert.equal(evil.headers.location, '/tai-khoan');
  });

  test('a wrong password is refused with a message that does not say whether the e-mail exists', async () => {
    const b = new Browser(app, '192.0.2.13');
    const wrong = await b.submit('/dang-nhap', '/dang-nhap', {
      email: 'pub@so-tc.hanoi.gov.vn',
      password: 'sai mật khẩu rồi',
    });
    const unknown = await b.submit('/dang-nhap', '/dang-nhap', {
      email: 'ai-do@hanoi.gov.vn',
      password: 'sai mật khẩu rồi',
    });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Thư điện tử hoặc mật khẩu không đúng\./);
      assert.ok(!b.cookies.has('mb_session'));
    }
    assert.match(wrong.body, /value="pub@so-tc.hanoi.gov.vn"/, 'the e-mail is kept in the form');
    const events = await signInEvents(database, 'ai-do@hanoi.gov.vn');
    assert.deepEqual(
      events.map((e) => [e.action, e.reason, e.actor]),
      [['sign-in-failure', 'unknown-email', 'anonymous']],
    );
    const empty = await b.submit('/dang-nhap', '/dang-nhap', { email: '', password: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Hãy nhập thư điện tử\./);
  });

  test('lock-out after N failures for the e-mail, audited; the right password is refused until unlocked', async () => {
    const email = 'khoa@hanoi.gov.vn';
    const b = new Browser(app, '192.0.2.14');
    for (let i = 1; i <= 2; i++) {
      const res = await b.submit('/dang-nhap', '/dang-nhap', { email, password: `sai lần thứ ${i} nhé` });
      assert.equal(res.statusCode, 401);
    }
    const third = await b.submit('/dang-nhap', '/dang-nhap', { email, password: 'sai lần thứ ba nhé' });
    assert.equal(third.statusCode, 429);
    assert.match(third.body, /tạm bị khóa do nhập sai nhiều lần, đến \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    // From another address, with the right password: still locked (the lock is on the e-mail).
    const other = new Browser(app, '192.0.2.15');
    const right = await other.submit('/dang-nhap', '/dang-nhap', { email, password: PASSWORD });
    assert.equal(right.statusCode, 429);
    assert.ok(!other.cookies.has('mb_session'));
    assert.deepEqual(
      (await signInEvents(database, email)).map((e) => [e.action, e.reason]),
      [
        ['sign-in-failure', 'wrong-password'],
        ['sign-in-failure', 'wrong-password'],
        ['sign-in-failure', 'wrong-password'],
        ['lock-out', null],
        ['sign-in-refused', 'email-locked'],
      ],
    );
    // An unknown e-mail locks the same way (nothing tells which e-mails exist).
    for (let i = 0; i < 3; i++)
      await other.submit('/dang-nhap', '/dang-nhap', {
        email: 'khong-ai@hanoi.gov.vn',
        password: 'x'.repeat(12),
      });
    const ghost = await other.submit('/dang-nhap', '/dang-nhap', {
      email: 'khong-ai@hanoi.gov.vn',
      password: 'x'.repeat(12),
    });
    assert.equal(ghost.statusCode, 429);
    // An administrator lifts the lock.
    await database.db.transaction().execute((tx) => unlockEmail(tx, email, 'cli:admin'));
    await other.signIn(email);
  });

  test('lock-out per client address across e-mails', async () => {
    const b = new Browser(app, '192.0.2.16');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await b.submit('/dang-nhap', '/dang-nhap', {
        email: `thu${i}@example.vn`,
        password: 'mật khẩu đoán mò',
      });
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    const res = await b.submit('/dang-nhap', '/dang-nhap', {
      email: 'pub@so-tc.hanoi.gov.vn',
      password: PASSWORD,
    });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /từ địa chỉ mạng này/);
    await new Browser(app, '192.0.2.17').signIn('pub@so-tc.hanoi.gov.vn');
  });

  test('CSRF: a form without its token, with a wrong one, or with another session’s, is a 403 page', async () => {
    const b = new Browser(app, '192.0.2.18');
    await b.get('/dang-nhap');
    const missing = await b.request('POST', '/dang-nhap', {
      email: 'pub@so-tc.hanoi.gov.vn',
      password: PASSWORD,
    });
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /<h1[^>]*>[^<]*Không được phép/);
    assert.match(missing.body, /Biểu mẫu thiếu mã bảo mật hoặc mã đã hết hiệu lực/);
    assert.ok(!b.cookies.has('mb_session'), 'not signed in');
    const wrong = await b.request('POST', '/dang-nhap', {
      email: 'pub@so-tc.hanoi.gov.vn',
      password: PASSWORD,
      _csrf: 'x'.repeat(43),
    });
    assert.equal(wrong.statusCode, 403);
    // Signed in: the anonymous token no longer counts; sign-out needs the session's token.
    const anonymousToken = csrfOf((await b.get('/dang-nhap')).body);
    await b.signIn('pub@so-tc.hanoi.gov.vn');
    const stale = await b.request('POST', '/dang-xuat', { _csrf: anonymousToken });
    assert.equal(stale.statusCode, 403);
    const other = new Browser(app, '192.0.2.19');
    await other.signIn('pub@so-tc.hanoi.gov.vn');
    const otherToken = csrfOf((await other.get('/tai-khoan')).body);
    const crossed = await b.request('POST', '/dang-xuat', { _csrf: otherToken });
    assert.equal(crossed.statusCode, 403);
    assert.equal((await b.get('/tai-khoan')).statusCode, 200, 'still signed in');
    // A JSON request without the header is refused the same way (API answer).
    const json = await app.inject({
      method: 'POST',
      url: '/dang-xuat',
      payload: '{}',
      headers: { cookie: `mb_session=${b.cookies.get('mb_session')}`, 'content-type': 'application/json' },
    });
    assert.equal(json.statusCode, 403);
  });

  test('sign-out ends the session in the database; the old cookie no longer works', async () => {
    const b = new Browser(app, '192.0.2.20');
    await b.signIn('pub@so-tc.hanoi.gov.vn');
    const token = b.cookies.get('mb_session')!;
    const res = await b.submit('/tai-khoan', '/dang-xuat', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    assert.ok(!b.cookies.has('mb_session'), 'cookie cleared');
    const replay = await app.inject({
      method: 'GET',
      url: '/tai-khoan',
      headers: { cookie: `mb_session=${token}` },
    });
    assert.equal(replay.statusCode, 303, 'replaying the old cookie sends to sign-in');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('action', '=', 'sign-out')
      .execute();
    assert.ok(audit.length >= 1);
  });

  test('idle timeout and absolute expiry end a session', async () => {
    const b = new Browser(app, '192.0.2.21');
    await b.signIn('pub@so-tc.hanoi.gov.vn');
    const token = b.cookies.get('mb_session')!;
    const { tokenHash } = await import('../src/accounts/secrets.ts');
    await database.db
      .updateTable('account_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', '=', tokenHash(token))
      .execute();
    assert.equal((await b.get('/tai-khoan')).statusCode, 303, 'idle 31 minutes');
    await b.signIn('pub@so-tc.hanoi.gov.vn');
    await database.db
      .updateTable('account_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', tokenHash(b.cookies.get('mb_session')!))
      .execute();
    assert.equal((await b.get('/tai-khoan')).statusCode, 303, 'expired');
  });

  test('changing the password checks the current one and the rules, and signs out other sessions', async () => {
    const email = 'doimk@hanoi.gov.vn';
    const b = new Browser(app, '192.0.2.22');
    const other = new Browser(app, '192.0.2.23');
    await b.signIn(email);
    await other.signIn(email);
    const change = (current: string, next: string, confirm = next) =>
      b.submit('/tai-khoan', '/tai-khoan/mat-khau', {
        current_password: current,
        password: next,
        password_confirm: confirm,
      });
    const wrong = await change('không phải mật khẩu', 'Mật khẩu mới dài hơn 2027');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Mật khẩu hiện tại không đúng\./);
    const short = await change(PASSWORD, 'ngắn quá');
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /Mật khẩu phải có ít nhất 12 ký tự \(mật khẩu đã nhập có 8\)\./);
    assert.match(short.body, /aria-invalid="true"/);
    const mismatch = await change(PASSWORD, 'Mật khẩu mới dài hơn 2027', 'Mật khẩu khác hẳn 2027');
    assert.match(mismatch.body, /không khớp/);
    const ok = await change(PASSWORD, 'Mật khẩu mới dài hơn 2027');
    assert.equal(ok.statusCode, 303);
    assert.match((await b.get(ok.headers.location as string)).body, /Đã đổi mật khẩu\./);
    assert.equal((await other.get('/tai-khoan')).statusCode, 303, 'the other session ended');
    await new Browser(app, '192.0.2.24').signIn(email, 'Mật khẩu mới dài hơn 2027');
    const hash = await database.db
      .selectFrom('account')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.match(hash.password_hash, /^\$argon2id\$/);
  });

  test('the sign-in form is rate-limited per address (429 page in Vietnamese)', async () => {
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '3';
    const limited = await buildApp({ database });
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '1000';
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const b = new Browser(limited, '192.0.2.25');
        statuses.push(
          (
            await b.submit('/dang-nhap', '/dang-nhap', {
              email: 'pub@so-tc.hanoi.gov.vn',
              password: PASSWORD,
            })
          ).statusCode,
        );
      }
      assert.deepEqual(statuses, [303, 303, 303, 429]);
      const last = await new Browser(limited, '192.0.2.25').submit('/dang-nhap', '/dang-nhap', {
        email: 'pub@so-tc.hanoi.gov.vn',
        password: PASSWORD,
      });
      assert.match(last.body, /Có quá nhiều lần thử từ địa chỉ này/);
      assert.equal(
        (
          await new Browser(limited, '192.0.2.26').submit('/dang-nhap', '/dang-nhap', {
            email: 'pub@so-tc.hanoi.gov.vn',
            password: PASSWORD,
          })
        ).statusCode,
        303,
      );
    } finally {
      await limited.close();
    }
  });

  test('malformed input is a 4xx, never a 500', async () => {
    const b = new Browser(app, '192.0.2.27');
    const cases = [
      await b.request('POST', '/dang-nhap', undefined, { 'content-type': 'application/json' }),
      await app.inject({
        method: 'POST',
        url: '/dang-nhap',
        payload: '{"email": ["a"], "password": 5',
        headers: { 'content-type': 'application/json' },
      }),
      await app.inject({
        method: 'POST',
        url: '/dang-nhap',
        payload: 'email=' + 'a'.repeat(5000),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      await app.inject({ method: 'GET', url: '/dang-nhap?tiep=' + 'x'.repeat(900) }),
      await app.inject({ method: 'GET', url: '/tai-khoan', headers: { cookie: 'mb_session=%E0%A4%A' } }),
      await app.inject({
        method: 'GET',
        url: '/api/v1/toi',
        headers: { authorization: 'Bearer mb_khong-dung' },
      }),
    ];
    for (const res of cases)
      assert.ok(res.statusCode >= 300 && res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.equal(cases[5]!.statusCode, 401);
    assert.equal(JSON.parse(cases[5]!.body).error.code, 'invalid-token');
  });
});
