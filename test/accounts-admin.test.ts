import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { verifyCsrf } from '../src/web/auth/csrf.ts';
import { assertCanPublishFor, principalOf, requirePublisher } from '../src/web/auth/guards.ts';
import { createTestDatabase } from './helpers/db.ts';
import { Browser, csrfOf, PASSWORD, seedAccount, seedAgencies } from './helpers/accounts.ts';

const SCRIPT = '<script>alert("x")</script>';
const IMG = '"><img src=x onerror=alert(1)>';

describe('administration area, roles, API tokens', () => {
  let database: Database;
  let app: FastifyInstance;
  const saved = { ...process.env };
  before(async () => {
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '1000';
    database = await createTestDatabase();
    await seedAgencies(database.db);
    await seedAccount(database.db, 'admin@hanoi.gov.vn', 'admin', undefined, 'Quản trị');
    await seedAccount(database.db, 'monitor@hanoi.gov.vn', 'monitor');
    await seedAccount(database.db, 'pub@so-tc.hanoi.gov.vn', 'publisher', 'so-tc');
    app = await buildApp({ database });
    // A publishing route as later sessions will write them, to exercise the guard API end to end.
    app.post<{ Params: { agency: string } }>(
      '/api/thu/dang-tai/:agency',
      { onRequest: requirePublisher, preValidation: verifyCsrf },
      async (request) => {
        const who = principalOf(request);
        await database.db.transaction().execute((tx) => assertCanPublishFor(tx, who, request.params.agency));
        return { ok: true, actor: who.actor };
      },
    );
  });
  after(async () => {
    process.env = saved;
    await app.close();
    await database.close();
  });

  test('who may open /quan-tri: admin and monitor; a publisher gets 403; the public is sent to sign in', async () => {
    assert.equal((await new Browser(app).get('/quan-tri')).statusCode, 303);
    const pub = new Browser(app);
    await pub.signIn('pub@so-tc.hanoi.gov.vn');
    const refused = await pub.get('/quan-tri');
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /cần quyền quản trị viên; vai trò của bạn là “Người đăng tải của đơn vị”/);
    const monitor = new Browser(app);
    await monitor.signIn('monitor@hanoi.gov.vn');
    const page = await monitor.get('/quan-tri');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sở Tài chính/);
    assert.match(page.body, /chỉ xem, không thay đổi được/);
    assert.doesNotMatch(page.body, /action="\/quan-tri\/don-vi"/, 'no forms for a monitor');
  });

  test('every write route refuses a request without a valid CSRF token, and writes nothing', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const before = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const routes: [string, Record<string, string>][] = [
      ['/quan-tri/don-vi', { code: 'csrf-x', name: 'X', kind: 'so' }],
      ['/quan-tri/tai-khoan', { email: 'csrf@hanoi.gov.vn', role: 'monitor', password: PASSWORD }],
      ['/quan-tri/tai-khoan/2/trang-thai', { disabled: 'true' }],
      ['/quan-tri/ma-api', { agency_code: 'so-tc', label: 'x' }],
      ['/quan-tri/ma-api/1/thu-hoi', {}],
      [
        '/tai-khoan/mat-khau',
        {
          current_password: PASSWORD,
          password: 'Mật khẩu mới dài hơn 2027',
          password_confirm: 'Mật khẩu mới dài hơn 2027',
        },
      ],
      ['/dang-xuat', {}],
    ];
    for (const [url, form] of routes) {
      for (const token of [undefined, 'sai', csrfOf((await new Browser(app).get('/dang-nhap')).body)]) {
        const res = await admin.request('POST', url, token === undefined ? form : { ...form, _csrf: token });
        assert.equal(res.statusCode, 403, `${url} with ${token ?? 'no token'}`);
        assert.match(res.body, /mã bảo mật/);
      }
    }
    const afterCount = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'no audit row: nothing was written');
    assert.equal((await admin.get('/tai-khoan')).statusCode, 200, 'still signed in');
  });

  test('a monitor cannot write, even with a valid form token', async () => {
    const monitor = new Browser(app);
    await monitor.signIn('monitor@hanoi.gov.vn');
    const token = csrfOf((await monitor.get('/tai-khoan')).body);
    const attempts = [
      ['/quan-tri/don-vi', { code: 'moi', name: 'Đơn vị mới', kind: 'so' }],
      ['/quan-tri/tai-khoan', { email: 'x@hanoi.gov.vn', role: 'monitor', password: PASSWORD }],
      ['/quan-tri/ma-api', { agency_code: 'so-tc', label: 'x' }],
      ['/quan-tri/ma-api/1/thu-hoi', {}],
    ] as const;
    for (const [url, form] of attempts) {
      const res = await monitor.request('POST', url, { ...form, _csrf: token });
      assert.equal(res.statusCode, 403, url);
    }
    const publishing = await monitor.request('POST', '/api/thu/dang-tai/so-tc', { _csrf: token });
    assert.equal(publishing.statusCode, 403);
    assert.equal(JSON.parse(publishing.body).error.code, 'forbidden');
    const counts = await database.db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(counts.n), 0);
    assert.equal(
      await database.db.selectFrom('org').select('code').where('code', '=', 'moi').executeTakeFirst(),
      undefined,
    );
  });

  test('an administrator adds an agency and an account through the forms, audited', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const saved = await admin.submit('/quan-tri', '/quan-tri/don-vi', {
      code: 'BQLDA-XD',
      name: 'Ban QLDA Sở Xây dựng',
      kind: 'ban-qlda',
      parent_code: 'so-xd',
      valid_from: '01/07/2025',
    });
    assert.equal(saved.statusCode, 303);
    const list = await admin.get(saved.headers.location as string);
    assert.match(list.body, /Đã lưu đơn vị\./);
    assert.match(list.body, /— — <\/span>Ban QLDA Sở Xây dựng/, 'shown under its parent');
    const bad = await admin.submit('/quan-tri', '/quan-tri/don-vi', { code: 'x y', name: 'X', kind: 'so' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<a href="#dv-code">“x y” không phải mã hợp lệ/);
    assert.match(bad.body, /name="name" type="text" value="X"/, 'the typed values are kept');
    const created = await admin.submit('/quan-tri', '/quan-tri/tai-khoan', {
      email: 'moi@so-xd.hanoi.gov.vn',
      display_name: 'Trần Thị B',
      role: 'publisher',
      agency_code: 'bqlda-xd',
      password: PASSWORD,
    });
    assert.equal(created.statusCode, 303);
    await new Browser(app).signIn('moi@so-xd.hanoi.gov.vn');
    const dup = await admin.submit('/quan-tri', '/quan-tri/tai-khoan', {
      email: 'MOI@so-xd.hanoi.gov.vn',
      role: 'monitor',
      password: PASSWORD,
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /Đã có tài khoản với thư điện tử moi@so-xd\.hanoi\.gov\.vn\./);
    const noAgency = await admin.submit('/quan-tri', '/quan-tri/tai-khoan', {
      email: 'a@b.vn',
      role: 'publisher',
      password: PASSWORD,
    });
    assert.match(noAgency.body, /Người đăng tải phải thuộc một đơn vị\./);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'entity', 'new_value'])
      .where('entity', 'in', ['org', 'account'])
      .where('actor', 'like', 'account:%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity]),
      [
        ['create', 'org'],
        ['create', 'account'],
      ],
    );
    assert.ok(!JSON.stringify(audit).includes('argon2'), 'no password hash in the audit log');
  });

  test('an administrator edits an agency from its row: the form is filled, the change audited old → new', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const list = await admin.get('/quan-tri');
    assert.match(list.body, /href="\/quan-tri\?sua=so-xd#form-don-vi"/);
    const form = await admin.get('/quan-tri?sua=SO-XD');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /id="dv-name" name="name" type="text" value="Sở Xây dựng"/);
    assert.match(form.body, /<option value="hn" selected>/);
    const res = await admin.request('POST', '/quan-tri/don-vi', {
      code: 'so-xd',
      name: 'Sở Xây dựng Hà Nội',
      kind: 'so',
      parent_code: 'hn',
      _csrf: csrfOf(form.body),
    });
    assert.equal(res.statusCode, 303);
    const row = await database.db
      .selectFrom('audit_log')
      .select(['old_value', 'new_value'])
      .where('entity', '=', 'org')
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.old_value, row.new_value],
      [{ name: 'Sở Xây dựng' }, { name: 'Sở Xây dựng Hà Nội' }],
    );
    assert.equal((await admin.get('/quan-tri?sua=khong-co')).statusCode, 404);
  });

  test('an administrator disables an account: its sessions end and it cannot sign in', async () => {
    await seedAccount(database.db, 'tam@hanoi.gov.vn', 'monitor');
    const user = new Browser(app);
    await user.signIn('tam@hanoi.gov.vn');
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const id = (
      await database.db
        .selectFrom('account')
        .select('id')
        .where('email', '=', 'tam@hanoi.gov.vn')
        .executeTakeFirstOrThrow()
    ).id;
    const res = await admin.submit('/quan-tri', `/quan-tri/tai-khoan/${id}/trang-thai`, { disabled: 'true' });
    assert.equal(res.statusCode, 303);
    assert.equal((await user.get('/tai-khoan')).statusCode, 303);
    const again = await new Browser(app).submit('/dang-nhap', '/dang-nhap', {
      email: 'tam@hanoi.gov.vn',
      password: PASSWORD,
    });
    assert.equal(again.statusCode, 401);
    const missing = await admin.submit('/quan-tri', '/quan-tri/tai-khoan/999999/trang-thai', {
      disabled: 'true',
    });
    assert.equal(missing.statusCode, 404);
    const junk = await admin.submit('/quan-tri', '/quan-tri/tai-khoan/abc/trang-thai', { disabled: 'maybe' });
    assert.equal(junk.statusCode, 400);
  });

  test('API token: shown once, scoped to its agency and sub-units, no CSRF needed, revocable', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const res = await admin.submit('/quan-tri', '/quan-tri/ma-api', {
      agency_code: 'so-tc',
      label: 'Phần mềm kế toán',
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const token = /<code id="ma-api-moi">(mb_[A-Za-z0-9_-]{43})<\/code>/.exec(res.body)?.[1];
    assert.ok(token, 'the token is shown');
    const list = await admin.get('/quan-tri');
    assert.ok(!list.body.includes(token), 'never shown again');
    assert.ok(list.body.includes(token.slice(0, 11)), 'its prefix is listed');
    const stored = await database.db
      .selectFrom('api_token')
      .select(['id', 'token_hash'])
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await app.inject({ method: 'GET', url: '/api/v1/toi', headers: bearer });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(JSON.parse(me.body), {
      kind: 'token',
      name: 'Phần mềm kế toán',
      role: 'publisher',
      agencyCode: 'so-tc',
      agencyCodes: ['so-tc', 'bqlda-tc'],
    });
    const publish = (agency: string) =>
      app.inject({ method: 'POST', url: `/api/thu/dang-tai/${agency}`, headers: bearer, payload: {} });
    const child = await publish('bqlda-tc');
    assert.equal(child.statusCode, 200);
    assert.equal(JSON.parse(child.body).actor, `token:${stored.id}`);
    for (const other of ['so-xd', 'hn']) {
      const refused = await publish(other);
      assert.equal(refused.statusCode, 403, other);
      assert.equal(JSON.parse(refused.body).error.code, 'forbidden-agency');
    }
    const revoked = await admin.submit('/quan-tri', `/quan-tri/ma-api/${stored.id}/thu-hoi`, {});
    assert.equal(revoked.statusCode, 303);
    const after = await publish('bqlda-tc');
    assert.equal(after.statusCode, 401);
    assert.equal(JSON.parse(after.body).error.code, 'invalid-token');
    const actions = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'api_token')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['create', 'revoke'],
    );
  });

  test('a signed-in publisher publishes for its sub-unit with the CSRF header, never for a sibling', async () => {
    const pub = new Browser(app);
    await pub.signIn('pub@so-tc.hanoi.gov.vn');
    const token = csrfOf((await pub.get('/tai-khoan')).body);
    const noToken = await pub.request('POST', '/api/thu/dang-tai/so-tc', {});
    assert.equal(noToken.statusCode, 403);
    assert.equal(JSON.parse(noToken.body).error.code, 'csrf-invalid');
    const ok = await pub.request('POST', '/api/thu/dang-tai/bqlda-tc', {}, { 'x-csrf-token': token });
    assert.equal(ok.statusCode, 200);
    const sibling = await pub.request('POST', '/api/thu/dang-tai/so-xd', {}, { 'x-csrf-token': token });
    assert.equal(sibling.statusCode, 403);
    assert.match(JSON.parse(sibling.body).error.message, /not for "so-xd"/);
    const anonymous = await app.inject({ method: 'POST', url: '/api/thu/dang-tai/so-tc', payload: {} });
    assert.equal(anonymous.statusCode, 401);
  });

  test('script payloads typed into every text field render as text', async () => {
    const admin = new Browser(app);
    await admin.signIn('admin@hanoi.gov.vn');
    const agency = await admin.submit('/quan-tri', '/quan-tri/don-vi', {
      code: 'xss-test',
      name: SCRIPT,
      name_en: IMG,
      kind: 'khac',
    });
    assert.equal(agency.statusCode, 303);
    await admin.submit('/quan-tri', '/quan-tri/tai-khoan', {
      email: 'xss@hanoi.gov.vn',
      display_name: IMG + SCRIPT,
      role: 'publisher',
      agency_code: 'xss-test',
      password: PASSWORD,
    });
    const created = await admin.submit('/quan-tri', '/quan-tri/ma-api', {
      agency_code: 'xss-test',
      label: SCRIPT,
    });
    assert.ok(!created.body.includes(SCRIPT));
    assert.ok(created.body.includes('&lt;script>') || created.body.includes('&lt;script&gt;'));
    // Rejected values echoed back in the forms (every field of every form).
    const rejected = [
      await admin.submit('/quan-tri', '/quan-tri/don-vi', {
        code: SCRIPT,
        name: SCRIPT,
        kind: SCRIPT,
        valid_from: SCRIPT,
        valid_to: IMG,
        name_en: IMG,
      }),
      await admin.submit('/quan-tri', '/quan-tri/don-vi', {
        code: 'ok-code',
        name: 'X',
        kind: 'so',
        parent_code: SCRIPT,
        successor_code: IMG,
      }),
      await admin.submit('/quan-tri', '/quan-tri/tai-khoan', {
        email: SCRIPT,
        display_name: IMG,
        role: SCRIPT,
        agency_code: IMG,
        password: SCRIPT,
      }),
      await admin.submit('/quan-tri', '/quan-tri/ma-api', { agency_code: SCRIPT, label: IMG }),
      await new Browser(app).submit('/dang-nhap', '/dang-nhap', { email: SCRIPT + IMG, password: SCRIPT }),
    ];
    const pages = [...rejected, await admin.get('/quan-tri')];
    const xssUser = new Browser(app);
    await xssUser.signIn('xss@hanoi.gov.vn');
    pages.push(await xssUser.get('/tai-khoan'), await xssUser.get('/'));
    for (const page of pages) {
      assert.ok(page.statusCode < 500, page.body.slice(0, 200));
      assert.ok(!page.body.includes('<script>'), 'no script element');
      assert.ok(!page.body.includes('<img src=x'), 'no injected element');
    }
    assert.match(
      pages[pages.length - 3]!.body,
      /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>|&lt;script&gt;/,
    );
    assert.match(pages[pages.length - 1]!.body, /Tài khoản: &quot;>&lt;img/);
  });
});
