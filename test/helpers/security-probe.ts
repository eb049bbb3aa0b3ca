/**
 * Probes of `test/security-every-route.test.ts`: send one attempt (form, JSON or multipart; by session
 * cookie or API token; with or without the CSRF token), and compare every table before and after it.
 */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/db/connect.ts';
import type { Browser } from './accounts.ts';
import { multipartBody } from './documents.ts';
import { planBody, vnDaysAgo } from './plans.ts';
import type { Attempt } from './security-routes.ts';

export type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;

/** Sends `a` as `method`: with the browser's cookies (or a Bearer token), and `csrf` when given. */
export function send(
  app: FastifyInstance,
  method: string,
  a: Attempt,
  who: { browser?: Browser; token?: string },
  csrf?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (who.browser) headers.cookie = [...who.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  let payload: string | Buffer | undefined;
  if (a.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...a.form }).toString();
  } else if (a.json) {
    headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    payload = JSON.stringify(a.json);
  } else if (a.parts) {
    const body = multipartBody([...(csrf ? [{ field: '_csrf', value: csrf }] : []), ...a.parts]);
    headers['content-type'] = body.contentType;
    payload = body.payload;
  } else if (csrf) headers['x-csrf-token'] = csrf;
  return app.inject({
    method: method as 'POST',
    url: a.url,
    remoteAddress: who.browser?.ip ?? '192.0.2.99',
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** Tables compared by row count only: using a session or a token refreshes its `last_seen_at`/`last_used_at`. */
const COUNTED = new Set(['account_session', 'api_token']);

/** A fingerprint of every table (those in COUNTED by row count). */
export async function snapshot(database: Database): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    database.db,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const t = sql.table(name);
    const r = COUNTED.has(name)
      ? await sql<{ h: string }>`SELECT count(*)::text AS h FROM ${t}`.execute(database.db)
      : await sql<{ h: string }>`
            SELECT count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h
            FROM ${t} x`.execute(database.db);
    out[name] = r.rows[0]!.h;
  }
  return out;
}

/** Sends `a` and asserts nothing was written anywhere; returns the answer. */
export async function noWrite(database: Database, label: string, fn: () => Promise<Reply>): Promise<Reply> {
  const before = await snapshot(database);
  const res = await fn();
  const changed = Object.entries(await snapshot(database))
    .filter(([k, v]) => before[k] !== v)
    .map(([k]) => k);
  assert.deepEqual(
    changed,
    [],
    `${label} → ${res.statusCode} wrote to ${changed.join(', ')}: ${res.body.slice(0, 300)}`,
  );
  return res;
}

/** A 403 `csrf-invalid` (JSON code, or the page's Vietnamese message). */
export const isCsrfRefusal = (res: Reply) =>
  res.statusCode === 403 && (res.body.includes('"csrf-invalid"') || res.body.includes('thiếu mã bảo mật'));

/** The plan template (GET /dang-tai/khlcnt/mau.xlsx) filled with a valid one-package plan of so-tc. */
export async function planWorkbook(app: FastifyInstance): Promise<Buffer> {
  const template = await app.inject({ method: 'GET', url: '/dang-tai/khlcnt/mau.xlsx' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  const plan = wb.getWorksheet('Kế hoạch')!;
  const body = planBody();
  plan.getCell('B4').value = String(body.name);
  plan.getCell('B5').value = String(body.projectName);
  plan.getCell('B6').value = 'so-tc';
  plan.getCell('B7').value = String(body.decisionNo);
  const [yy, mm, dd] = vnDaysAgo(0).split('-').map(Number) as [number, number, number];
  plan.getCell('B8').value = new Date(Date.UTC(yy, mm - 1, dd));
  plan.getCell('B9').value = String(body.decisionAgency);
  wb.getWorksheet('Gói thầu')!.getRow(2).values = [
    '',
    'Mua bàn ghế',
    'Hàng hóa',
    'Chào hàng cạnh tranh',
    'Một giai đoạn một túi hồ sơ',
    850000000,
    'Ngân sách',
    'Trọn gói',
    'Trong nước',
    'Qua mạng',
    'Quý 1/2027',
    60,
    'ngày',
  ];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const isWrite = (m: string) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m);
