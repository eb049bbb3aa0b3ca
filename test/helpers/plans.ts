/**
 * Fixtures of the plan (KHLCNT) tests: an app over a fresh database with the accounts fixtures'
 * agencies, a publisher of `so-tc` signed in, one of `so-xd` (another agency), an API token of `so-tc`,
 * a valid plan body, and a multipart upload over `app.inject`.
 */
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../src/accounts/api-tokens.ts';
import type { Database } from '../../src/db/connect.ts';
import { buildApp } from '../../src/web/app.ts';
import { Browser, csrfOf, seedAccount, seedAgencies } from './accounts.ts';
import { createTestDatabase } from './db.ts';

export interface PlanFixture {
  database: Database;
  app: FastifyInstance;
  /** Publisher of so-tc, signed in. */
  tc: Browser;
  /** Publisher of so-xd (agency Y), signed in. */
  xd: Browser;
  /** API token of so-tc. */
  token: string;
  close(): Promise<void>;
}

/** Builds the fixture. */
export async function planFixture(): Promise<PlanFixture> {
  const database = await createTestDatabase();
  await seedAgencies(database.db);
  await seedAccount(database.db, 'a@so-tc.vn', 'publisher', 'so-tc', 'Người đăng Sở Tài chính');
  await seedAccount(database.db, 'b@so-xd.vn', 'publisher', 'so-xd', 'Người đăng Sở Xây dựng');
  const { token } = await database.db
    .transaction()
    .execute((tx) => createApiToken(tx, 'so-tc', 'Phần mềm kế toán', 'test'));
  const app = await buildApp({ database });
  const tc = new Browser(app, '192.0.2.10');
  await tc.signIn('a@so-tc.vn');
  const xd = new Browser(app, '192.0.2.11');
  await xd.signIn('b@so-xd.vn');
  return {
    database,
    app,
    tc,
    xd,
    token,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Vietnam day `days` before today, `YYYY-MM-DD`. */
export function vnDaysAgo(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid plan of `so-tc` (investor `bqlda-tc`, its sub-unit) with two packages, approved today. */
export function planBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Kế hoạch mua sắm thiết bị năm 2026',
    projectName: 'Dự toán mua sắm thiết bị văn phòng 2026',
    investorCode: 'bqlda-tc',
    decisionNo: '123/QĐ-STC',
    decisionDate: vnDaysAgo(0),
    decisionAgency: 'Sở Tài chính Hà Nội',
    packages: [
      {
        name: 'Mua máy tính để bàn',
        field: 'HH',
        method: 'DTRR',
        procedure: '1_MTHS',
        contractType: 'TG',
        isDomestic: true,
        isInternet: true,
        priceVnd: 1_250_000_000,
        funding: 'Ngân sách thành phố',
        selectionStart: 'Quý 2/2026',
        contractPeriod: 90,
        contractPeriodUnit: 'D',
      },
      {
        name: 'Tư vấn giám sát lắp đặt',
        field: 'TV',
        method: 'CDT',
        procedure: '1_MTHS',
        contractType: 'TG',
        isDomestic: true,
        isInternet: false,
        priceVnd: 350_000_000,
        funding: 'Ngân sách thành phố',
        selectionStart: 'Tháng 5/2026',
        contractPeriod: 3,
        contractPeriodUnit: 'M',
      },
    ],
    ...over,
  };
}

/** The `_csrf` of the publisher page for `b`. */
export async function pageCsrf(b: Browser): Promise<string> {
  const res = await b.get('/dang-tai/khlcnt');
  if (res.statusCode !== 200) throw new Error(`publisher page: ${res.statusCode}`);
  return csrfOf(res.body);
}

/** POSTs a multipart upload (`_csrf` field first unless null, then the file) as `b`. */
export async function upload(b: Browser, filename: string, bytes: Buffer, csrf: string | null) {
  const boundary = '----minhbachPlanTest';
  const chunks: Buffer[] = [];
  if (csrf !== null) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    );
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return b.app.inject({
    method: 'POST',
    url: '/dang-tai/khlcnt/tai-len',
    remoteAddress: b.ip,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
  });
}
