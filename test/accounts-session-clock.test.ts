/**
 * Sessions live on one clock, the app's: sign-in dates a session by the app's clock and every
 * request judges it by the same clock, so a server whose clock is ahead of (or behind) the
 * database's — or a test that moves the app's clock, as test/e2e-publish.test.ts does — neither
 * loses a fresh session nor keeps an expired one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_POLICY, loadSession } from '../src/accounts/sessions.ts';
import { signIn } from '../src/accounts/sign-in.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { Browser, PASSWORD, seedAccount, seedAgencies } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EMAIL = 'dong-ho@so-tc.hanoi.gov.vn';
const client = { ip: '192.0.2.40', userAgent: 'test' };

/** Moves `new Date()` / `Date.now()` of this process (the app's clock) `ms` ahead; returns the undo. */
function shiftClock(ms: number): () => void {
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [RealDate.now() + ms] : args, newTarget),
    get: (target, prop, receiver) =>
      prop === 'now' ? () => RealDate.now() + ms : Reflect.get(target, prop, receiver),
  });
  return () => {
    globalThis.Date = RealDate;
  };
}

describe('sessions use the app clock', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    database = await createTestDatabase();
    await seedAgencies(database.db);
    await seedAccount(database.db, EMAIL, 'publisher', 'so-tc', 'Trần Thị Đồng Hồ');
    app = await buildApp({ database });
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('a session signed in at a given clock is live and expires according to that clock', async () => {
    const at = new Date(Date.now() + 30 * DAY);
    const r = await signIn(database.db, EMAIL, PASSWORD, client, DEFAULT_POLICY, at);
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.equal(r.session.expiresAt.getTime(), at.getTime() + DEFAULT_POLICY.sessionMinutes * 60_000);
    const live = (t: number) => loadSession(database.db, r.session.token, DEFAULT_POLICY, new Date(t));
    assert.ok(await live(at.getTime() + 60_000), 'live a minute later on that clock');
    assert.ok(await live(at.getTime() + 29 * 60_000), 'live 29 minutes later (used within the idle limit)');
    assert.equal(await live(at.getTime() + 12 * HOUR + 1), null, 'expired after 12 hours on that clock');

    const idle = await signIn(database.db, EMAIL, PASSWORD, client, DEFAULT_POLICY, at);
    assert.ok(idle.ok);
    if (!idle.ok) return;
    const check = (t: number) => loadSession(database.db, idle.session.token, DEFAULT_POLICY, new Date(t));
    assert.equal(await check(at.getTime() + 31 * 60_000), null, 'idle 31 minutes on that clock: ended');
  });

  test('through the web: signed in 30 days ahead stays signed in, and 13 hours later is signed out', async () => {
    const restore = shiftClock(30 * DAY);
    try {
      const b = new Browser(app, '192.0.2.41');
      await b.signIn(EMAIL);
      const account = await b.get('/tai-khoan');
      assert.equal(account.statusCode, 200, 'the account page opens right after signing in');
      assert.match(account.body, /Trần Thị Đồng Hồ/);
      restore();
      const later = shiftClock(30 * DAY + 13 * HOUR);
      try {
        const res = await b.get('/tai-khoan');
        assert.equal(res.statusCode, 303, 'the session ended 12 hours after sign-in (on the app clock)');
        assert.match(String(res.headers.location), /^\/dang-nhap/);
      } finally {
        later();
      }
    } finally {
      restore();
    }
  });
});
