/**
 * Security of every write route (issue 4 §6): the routes are not listed by hand but collected from the
 * app as Fastify registers them (`buildApp({ onRoute })`), and each POST/PUT/PATCH/DELETE must have a
 * row in `ROUTES` below — a new write route without one fails the first test. For each route:
 *
 * 1. a signed-in publisher of agency Y (`so-xd`), with a valid CSRF token, aimed at agency X's
 *    (`so-tc`) draft, document, notice, plan or agency code is refused (403, or 404 showing nothing of
 *    X's draft) and writes nothing (every table compared before and after, `audit_log` included);
 * 2. the owner's own session without a CSRF token is refused 403 `csrf-invalid` and writes nothing —
 *    the only exemptions are the e-mail alert routes, each named with what protects it instead;
 * 3. an API token of agency Y aimed at X is refused and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Account } from '../src/accounts/accounts.ts';
import { createApiToken } from '../src/accounts/api-tokens.ts';
import type { Database } from '../src/db/connect.ts';
import { createDraft } from '../src/publishing/drafts.ts';
import { buildApp } from '../src/web/app.ts';
import { accountPrincipal } from '../src/web/auth/plugin.ts';
import { Browser, csrfOf, seedAccount, seedAgencies } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { uploadWithToken } from './helpers/documents.ts';
import { publishPastNotice, tbmtPayload } from './helpers/publish.ts';
import { isCsrfRefusal, isWrite, noWrite, planWorkbook, send } from './helpers/security-probe.ts';
import { pdf, ROUTES, XNAME, type Fx } from './helpers/security-routes.ts';

const P = '/api/v1/publish';

describe('security of every write route', () => {
  let database: Database;
  let app: FastifyInstance;
  const registered = new Set<string>();
  const f = {} as Fx;
  let tokenY = '';
  let x: Browser;
  let y: Browser;
  let admin: Browser;
  let csrfX = '';
  let csrfY = '';
  let csrfAdmin = '';

  before(async () => {
    database = await createTestDatabase();
    await seedAgencies(database.db);
    const ax = await seedAccount(
      database.db,
      'publisher-x@so-tc.hanoi.gov.vn',
      'publisher',
      'so-tc',
      'Người đăng X',
    );
    await seedAccount(database.db, 'publisher-x@so-tc.vn', 'publisher', 'so-tc', 'Người đăng X (2)');
    const ay = await seedAccount(database.db, 'publisher-y@so-xd.vn', 'publisher', 'so-xd', 'Người đăng Y');
    await seedAccount(database.db, 'admin@hanoi.gov.vn', 'admin');
    const [tx, ty] = await database.db
      .transaction()
      .execute(async (t) => [
        await createApiToken(t, 'so-tc', 'Phần mềm X', 'test'),
        await createApiToken(t, 'so-xd', 'Phần mềm Y', 'test'),
      ]);
    tokenY = ty!.token;
    app = await buildApp({
      database,
      onRoute: (r) => {
        for (const m of [r.method].flat()) if (isWrite(m)) registered.add(`${m} ${r.url}`);
      },
    });
    await app.ready();
    f.accountX = Number(ax.id);
    f.tokenXId = Number(tx!.info.id);
    f.noticeX = await publishPastNotice(database);
    f.planXlsx = await planWorkbook(app);
    const tbmtDraft = (account: Account) =>
      database.db.transaction().execute(async (t) => {
        const who = accountPrincipal(account);
        const input = { agencyCode: account.agencyCode!, kind: 'tbmt' as const, payload: tbmtPayload() };
        return (await createDraft(t, who, input)).id;
      });
    f.draftX = await tbmtDraft(ax);
    f.draftY = await tbmtDraft(ay);
    const up = await uploadWithToken(app, tx!.token, `${P}/drafts/${f.draftX}/documents`, pdf());
    assert.equal(up.statusCode, 201, up.body);
    f.docX = Number(up.json().documents[0].id);
    x = new Browser(app, '192.0.2.21');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    y = new Browser(app, '192.0.2.22');
    await y.signIn('publisher-y@so-xd.vn');
    admin = new Browser(app, '192.0.2.23');
    await admin.signIn('admin@hanoi.gov.vn');
    csrfX = csrfOf((await x.get('/tai-khoan')).body);
    csrfY = csrfOf((await y.get('/tai-khoan')).body);
    csrfAdmin = csrfOf((await admin.get('/tai-khoan')).body);
    // The alert links' signing secret is made (and audited) on first use: make it before comparing.
    await app.inject({ method: 'GET', url: '/thong-bao-email/huy?token=gia-mao.token' });
  });

  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('every write route the app registers has a row in the table, and every row a route', () => {
    assert.ok(registered.size >= 40, `routes collected: ${registered.size}`);
    const missing = [...registered].filter((r) => !(r in ROUTES)).sort();
    assert.deepEqual(missing, [], 'write routes with no security case: add them to ROUTES');
    const stale = Object.keys(ROUTES).filter((r) => !registered.has(r));
    assert.deepEqual(stale, [], 'ROUTES rows for routes that no longer exist');
  });

  test('a publisher of agency Y cannot act for agency X on any route (session with a valid CSRF token)', async () => {
    for (const [route, c] of Object.entries(ROUTES)) {
      if (typeof c.cross !== 'function') continue;
      const method = route.slice(0, route.indexOf(' '));
      for (const a of c.cross(f)) {
        const res = await noWrite(database, `Y session ${route}`, () =>
          send(app, method, a, { browser: y }, csrfY),
        );
        if (c.crossRefusal === 'preview')
          assert.equal(res.statusCode, 200, `${route}: ${res.body.slice(0, 300)}`);
        else
          assert.ok(
            [403, 404].includes(res.statusCode),
            `${route} ${a.url}: ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
        assert.ok(!isCsrfRefusal(res), `${route}: refused for the agency, not for the (valid) CSRF token`);
        assert.ok(!res.body.includes(XNAME), `${route}: the answer shows X's draft`);
      }
    }
  });

  test('an API token of agency Y cannot act for agency X on any route', async () => {
    for (const [route, c] of Object.entries(ROUTES)) {
      if (typeof c.cross !== 'function') continue;
      const method = route.slice(0, route.indexOf(' '));
      for (const a of c.cross(f)) {
        const res = await noWrite(database, `Y token ${route}`, () =>
          send(app, method, a, { token: tokenY }),
        );
        if (c.crossRefusal === 'preview')
          assert.equal(res.statusCode, 200, `${route}: ${res.body.slice(0, 300)}`);
        else
          assert.ok(
            [401, 403, 404].includes(res.statusCode),
            `${route} ${a.url}: ${res.statusCode} ${res.body.slice(0, 300)}`,
          );
        assert.ok(!res.body.includes(XNAME), `${route}: the answer shows X's draft`);
      }
    }
  });

  test('a session request without a CSRF token is refused 403 on every route not exempt', async () => {
    const anonymous = new Browser(app, '192.0.2.24');
    await anonymous.get('/dang-nhap'); // has its mb_csrf cookie, but does not send the token
    for (const [route, c] of Object.entries(ROUTES)) {
      if (c.csrf !== 'checked') continue;
      const method = route.slice(0, route.indexOf(' '));
      const a = c.own ? c.own(f) : typeof c.cross === 'function' ? c.cross(f)[0]! : assert.fail(route);
      const browser = c.owner === 'admin' ? admin : c.owner === 'anonymous' ? anonymous : x;
      const res = await noWrite(database, `no CSRF ${route}`, () => send(app, method, a, { browser }));
      assert.equal(res.statusCode, 403, `${route}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      assert.ok(isCsrfRefusal(res), `${route}: says the form token is missing: ${res.body.slice(0, 300)}`);
    }
    // The owners' sessions still work: the refused sign-out ended nothing.
    assert.equal((await x.get('/tai-khoan')).statusCode, 200);
    assert.equal(csrfOf((await x.get('/tai-khoan')).body), csrfX);
    assert.equal(csrfOf((await admin.get('/tai-khoan')).body), csrfAdmin);
  });

  test('the CSRF-exempt routes are the public alert routes, and a forged alert link changes nothing', async () => {
    const exempt = Object.entries(ROUTES)
      .filter(([, c]) => c.csrf !== 'checked')
      .map(([r]) => r);
    assert.deepEqual(exempt, [
      'POST /thong-bao-email',
      'POST /thong-bao-email/xac-nhan',
      'POST /thong-bao-email/quan-ly/huy',
      'POST /thong-bao-email/huy',
    ]);
    for (const [route, c] of Object.entries(ROUTES)) {
      if (!c.forged) continue;
      const res = await noWrite(database, `forged ${route}`, () => send(app, 'POST', c.forged!, {}));
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${route}: ${res.statusCode}`);
    }
  });
});
