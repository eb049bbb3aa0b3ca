/**
 * Fixtures of the accounts tests: an agency tree with a unit dissolved in the 2025 reform, accounts of
 * every role, and a cookie-keeping "browser" over `app.inject` that submits forms with their `_csrf`.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { createAccount, type Account } from '../../src/accounts/accounts.ts';
import { checkAgencyInput, saveAgency, type AgencyInput } from '../../src/accounts/agencies.ts';
import type { DB } from '../../src/db/generated/db.ts';

/** A password that follows the rules. */
export const PASSWORD = 'Mật khẩu thử nghiệm 2026';

/**
 * hn (city) ─┬─ so-tc (department) ── bqlda-tc (management board)
 *            ├─ so-xd (department, sibling of so-tc)
 *            ├─ q-hk (district, dissolved after 2025-06-30, successor p-hk) ── p-hang-bac (ward, same)
 *            └─ p-hk (ward, from 2025-07-01)
 */
export const AGENCIES: AgencyInput[] = [
  { code: 'hn', name: 'UBND Thành phố Hà Nội', kind: 'ubnd-tinh' },
  { code: 'so-tc', name: 'Sở Tài chính', kind: 'so', parentCode: 'hn' },
  { code: 'bqlda-tc', name: 'Ban QLDA Sở Tài chính', kind: 'ban-qlda', parentCode: 'so-tc' },
  { code: 'so-xd', name: 'Sở Xây dựng', kind: 'so', parentCode: 'hn' },
  { code: 'p-hk', name: 'UBND phường Hoàn Kiếm', kind: 'ubnd-xa', parentCode: 'hn', validFrom: '2025-07-01' },
  {
    code: 'q-hk',
    name: 'UBND quận Hoàn Kiếm',
    kind: 'ubnd-huyen',
    parentCode: 'hn',
    validTo: '2025-06-30',
    successorCode: 'p-hk',
  },
  {
    code: 'p-hang-bac',
    name: 'UBND phường Hàng Bạc',
    kind: 'ubnd-xa',
    parentCode: 'q-hk',
    validTo: '2025-06-30',
    successorCode: 'p-hk',
  },
];

/** Saves `AGENCIES`. */
export async function seedAgencies(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const a of AGENCIES) await saveAgency(tx, checkAgencyInput(a), 'test');
  });
}

/** Creates an account with `PASSWORD`. */
export async function seedAccount(
  db: Kysely<DB>,
  email: string,
  role: 'admin' | 'publisher' | 'monitor',
  agencyCode?: string,
  displayName?: string,
): Promise<Account> {
  return db
    .transaction()
    .execute((tx) => createAccount(tx, { email, role, agencyCode, password: PASSWORD, displayName }, 'test'));
}

/** The value of the first `_csrf` field of a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'the page has a form with a _csrf field');
  return m[1]!;
}

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;

/** A browser: keeps cookies between requests, comes from one client address. */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie attributes last received, by cookie name. */
  readonly lastSetCookie = new Map<string, string>();

  constructor(
    readonly app: FastifyInstance,
    readonly ip = '192.0.2.1',
  ) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    const raw = res.headers['set-cookie'];
    for (const line of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
      const name = line.slice(0, line.indexOf('='));
      this.lastSetCookie.set(name, line);
    }
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!c.value || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string): Promise<Reply> {
    return this.request('GET', url);
  }

  /** Opens `page`, takes its `_csrf`, and posts `form` (with that token) to `action`. */
  async submit(page: string, action: string, form: Record<string, string>): Promise<Reply> {
    const opened = await this.get(page);
    assert.equal(opened.statusCode, 200, `${page} opens`);
    return this.request('POST', action, { ...form, _csrf: csrfOf(opened.body) });
  }

  /** Signs in through the form; asserts it worked. */
  async signIn(email: string, password = PASSWORD): Promise<Reply> {
    const res = await this.submit('/dang-nhap', '/dang-nhap', { email, password });
    assert.equal(res.statusCode, 303, `sign-in of ${email} succeeds: ${res.body.slice(0, 300)}`);
    return res;
  }
}
