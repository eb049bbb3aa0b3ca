/**
 * Fixtures of the publishing tests: the agency tree of the accounts tests, a publisher and an API
 * token of `so-tc` (agency X) and of `so-xd` (agency Y), a monitor, and a lawful TBMT payload whose
 * dates are relative to the real clock (the API publishes "now").
 */
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../src/accounts/access.ts';
import { createApiToken } from '../../src/accounts/api-tokens.ts';
import { createDraft } from '../../src/publishing/drafts.ts';
import { publishDraft } from '../../src/publishing/publish.ts';
import { addDays, vnDateOf } from '../../src/calendar/dates.ts';
import type { Database } from '../../src/db/connect.ts';
import { buildApp } from '../../src/web/app.ts';
import { seedAccount, seedAgencies } from './accounts.ts';

/** Everything a publishing test needs. */
export interface PublishFixture {
  database: Database;
  app: FastifyInstance;
  /** Bearer tokens. */
  tokenX: string;
  tokenY: string;
}

/** Seeds agencies, accounts (publisher-x@, publisher-y@, monitor@) and tokens, and builds the app. */
export async function publishFixture(database: Database): Promise<PublishFixture> {
  await seedAgencies(database.db);
  await seedAccount(database.db, 'publisher-x@so-tc.hanoi.gov.vn', 'publisher', 'so-tc', 'Người đăng X');
  await seedAccount(database.db, 'publisher-y@so-xd.hanoi.gov.vn', 'publisher', 'so-xd', 'Người đăng Y');
  await seedAccount(database.db, 'monitor@hanoi.gov.vn', 'monitor');
  const [x, y] = await database.db
    .transaction()
    .execute(async (tx) => [
      await createApiToken(tx, 'so-tc', 'Phần mềm X', 'test'),
      await createApiToken(tx, 'so-xd', 'Phần mềm Y', 'test'),
    ]);
  const app = await buildApp({ database });
  return { database, app, tokenX: x!.token, tokenY: y!.token };
}

/** The Vietnam date `days` calendar days after today (VN), at `hour`:00 VN time, as ISO with +07:00. */
export function vnAt(days: number, hour = 9): string {
  const day = addDays(vnDateOf(new Date()), days);
  return `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`;
}

/** A lawful open, domestic, online goods TBMT (not small: 15 bn VND; security 2 %), closing in `days`. */
export function tbmtPayload(days = 25, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Mua sắm máy tính cho Sở Tài chính năm 2027',
    field: 'HH',
    method: 'DTRR',
    procedure: '1_MTHS',
    contractType: 'TG',
    contractPeriod: 90,
    contractPeriodUnit: 'D',
    isDomestic: true,
    isInternet: true,
    priceVnd: 15_000_000_000,
    estimateVnd: 15_200_000_000,
    funding: 'Ngân sách thành phố',
    bidCloseAt: vnAt(days, 9),
    bidOpenAt: vnAt(days, 10),
    bidValidityDays: 90,
    bidSecurityVnd: 300_000_000,
    bidSecurityValidityDays: 120,
    bidSecurityForm: 'Thư bảo lãnh',
    issueLocation: 'https://muasamcong.mpi.gov.vn',
    locations: [{ provinceCode: '01', provinceName: 'Thành phố Hà Nội' }],
    ...extra,
  };
}

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;

/** POST/PUT JSON with a Bearer token. */
export function api(
  app: FastifyInstance,
  token: string | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

/**
 * A TBMT of agency `so-tc` published through the domain 40 days ago with closing 20 days ago, so that
 * an opening, a result or a contract can lawfully follow now. Returns its notice number.
 */
export async function publishPastNotice(database: Database): Promise<string> {
  const acc = await database.db
    .selectFrom('account')
    .select(['id'])
    .where('email', '=', 'publisher-x@so-tc.hanoi.gov.vn')
    .executeTakeFirstOrThrow();
  const who: Principal = {
    kind: 'account',
    id: Number(acc.id),
    role: 'publisher',
    agencyCode: 'so-tc',
    actor: `account:${acc.id}`,
    name: 'Người đăng X',
  };
  const d = await database.db
    .transaction()
    .execute((tx) => createDraft(tx, who, { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmtPayload(-20) }));
  return (await publishDraft(database.db, who, d.id, { now: new Date(vnAt(-40)) })).notifyNo;
}
