/**
 * Behind the city's reverse proxy every request comes from the proxy's address. With
 * MINHBACH_TRUST_PROXY on, the client's address is taken from `X-Forwarded-For`, so the sign-in rate
 * limit and the lock-out count each citizen apart; off (the default), the header is ignored — a
 * client cannot pick its own address to dodge the limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig, parseTrustProxy } from '../src/config.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { Browser, csrfOf, seedAccount, seedAgencies } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';

const PROXY = '10.0.0.7';
const EMAIL = 'proxy@so-tc.hanoi.gov.vn';

/** Status codes of `n` sign-in posts from the proxy, each saying it forwards for `client`. */
async function attempts(app: FastifyInstance, client: string, n: number): Promise<number[]> {
  const out: number[] = [];
  const b = new Browser(app, PROXY);
  const page = await b.request('GET', '/dang-nhap', undefined, { 'x-forwarded-for': client });
  const form = { email: EMAIL, password: 'sai-mat-khau', _csrf: csrfOf(page.body) };
  for (let i = 0; i < n; i++) {
    out.push((await b.request('POST', '/dang-nhap', form, { 'x-forwarded-for': client })).statusCode);
  }
  return out;
}

describe('MINHBACH_TRUST_PROXY', () => {
  let database: Database;
  const saved = { ...process.env };
  before(async () => {
    process.env.MINHBACH_SIGNIN_PER_MINUTE = '2';
    process.env.MINHBACH_LOCKOUT_FAILURES = '100';
    process.env.MINHBACH_LOCKOUT_IP_FAILURES = '100';
    database = await createTestDatabase();
    await seedAgencies(database.db);
    await seedAccount(database.db, EMAIL, 'publisher', 'so-tc');
  });
  after(async () => {
    process.env = saved;
    await database?.close();
  });

  test('the setting: off by default; true, a hop count or a list of proxies; anything else refused', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ MINHBACH_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(parseTrustProxy('off'), false);
    assert.equal(parseTrustProxy('1'), 1);
    assert.deepEqual(parseTrustProxy('10.0.0.7, 10.1.0.0/16,loopback'), [
      '10.0.0.7',
      '10.1.0.0/16',
      'loopback',
    ]);
    assert.throws(() => parseTrustProxy('yes please'), /MINHBACH_TRUST_PROXY must be/);
  });

  test('on: X-Forwarded-For decides the rate-limit key and the address the lock-out counts', async () => {
    const app = await buildApp({ database, trustProxy: [PROXY] });
    try {
      assert.deepEqual(await attempts(app, '203.0.113.1', 3), [401, 401, 429]);
      assert.deepEqual(await attempts(app, '203.0.113.2', 2), [401, 401], 'another citizen is not limited');
      const ips = await sql<{ ip: string }>`
        SELECT DISTINCT new_value ->> 'ip' AS ip FROM audit_log
        WHERE entity = 'sign_in' AND action = 'sign-in-failure' ORDER BY 1`.execute(database.db);
      assert.deepEqual(
        ips.rows.map((r) => r.ip),
        ['203.0.113.1', '203.0.113.2'],
      );
    } finally {
      await app.close();
    }
  });

  test('off: the header is ignored, every request is the proxy', async () => {
    const app = await buildApp({ database });
    try {
      assert.deepEqual(await attempts(app, '198.51.100.1', 2), [401, 401]);
      assert.deepEqual(
        await attempts(app, '198.51.100.2', 1),
        [429],
        'a forged header does not reset the limit',
      );
    } finally {
      await app.close();
    }
  });
});
