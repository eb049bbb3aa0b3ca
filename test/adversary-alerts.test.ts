/**
 * Hostile input to the e-mail alerts, through the pages and the outbox: a saved search whose keyword
 * holds line breaks, mail headers and HTML; subscribing the same search twice; unsubscribing twice;
 * the one-click POST with odd content types. The e-mail must not carry the attacker's lines as lines
 * of its own, HTML is escaped, and every step is a clear page, never a 500.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadAlertsConfig } from '../src/alerts/config.ts';
import { describeSavedSearch, parseSavedSearch } from '../src/alerts/saved-search.ts';
import { alertSecret } from '../src/alerts/secret.ts';
import { signToken } from '../src/alerts/token.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { linkIn, localPath, parseMail } from './helpers/alerts.ts';
import { createTestDatabase } from './helpers/db.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HOSTILE_Q = '<script>alert(1)</script>\r\nBcc: evil@x.vn\r\n\r\nMở http://evil.vn để nhận tiền';

describe('alerts under hostile input (outbox)', () => {
  let database: Database;
  let app: FastifyInstance;
  let dir: string;
  const keys = ['SMTP_URL', 'SMTP_HOST', 'MINHBACH_OUTBOX_DIR', 'MINHBACH_PUBLIC_URL'] as const;
  const saved: Record<string, string | undefined> = {};
  let ip = 1;
  const subscribe = (email: string, query: string, frequency = 'immediate') =>
    app.inject({
      method: 'POST',
      url: '/thong-bao-email',
      headers: FORM,
      payload: new URLSearchParams({ email, query, frequency }).toString(),
      remoteAddress: `192.0.2.${ip++}`,
    });
  const mails = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort((a, b) => fs.statSync(path.join(dir, a)).mtimeMs - fs.statSync(path.join(dir, b)).mtimeMs)
      .map((f) => parseMail(fs.readFileSync(path.join(dir, f), 'utf8')));

  before(async () => {
    for (const k of keys) saved[k] = process.env[k];
    delete process.env.SMTP_URL;
    delete process.env.SMTP_HOST;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adv-alerts-'));
    process.env.MINHBACH_OUTBOX_DIR = dir;
    process.env.MINHBACH_PUBLIC_URL = 'http://portal.test';
    database = await createTestDatabase();
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test('a description is one line, however the keyword was typed', () => {
    const parsed = parseSavedSearch(new URLSearchParams({ q: HOSTILE_Q }).toString());
    assert.ok(parsed.ok);
    const d = describeSavedSearch(parsed.search.params);
    assert.doesNotMatch(d, /[\r\n]/);
    assert.match(d, /^từ khóa “<script>alert\(1\)<\/script> Bcc: evil@x\.vn Mở http:\/\/evil\.vn/);
  });

  test('line breaks and HTML in the keyword: no header, no line of their own, HTML escaped', async () => {
    const res = await subscribe('nan.nhan@example.vn', new URLSearchParams({ q: HOSTILE_Q }).toString());
    assert.equal(res.statusCode, 200);
    const [mail] = mails();
    assert.ok(mail);
    assert.equal(mail.headers.get('bcc'), undefined);
    const lines = mail.text.split(/\r?\n/);
    assert.ok(!lines.some((l) => /^\s*Bcc:/.test(l)), 'the typed "Bcc:" is not a line of its own');
    assert.ok(!lines.some((l) => /^\s*Mở http:\/\/evil\.vn/.test(l)), 'nor is the phishing sentence');
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /&lt;script>alert\(1\)&lt;\/script>/);
    const page = await app.inject({
      method: 'GET',
      url: localPath(linkIn(mail.text, '/thong-bao-email/xac-nhan?token=')),
    });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert/);
  });

  test('the same search twice is one subscription; unsubscribing twice says it was already done', async () => {
    const before = mails().length;
    assert.equal((await subscribe('hai.lan@example.vn', 'q=may+bom', 'daily')).statusCode, 200);
    assert.equal((await subscribe(' HAI.LAN@example.vn ', 'q=may+bom&page=3', 'immediate')).statusCode, 200);
    const subs = await database.db
      .selectFrom('alert_subscription as s')
      .innerJoin('alert_subscriber as a', 'a.id', 's.subscriber_id')
      .select(['s.id', 's.frequency'])
      .where('a.email', '=', 'hai.lan@example.vn')
      .execute();
    assert.equal(subs.length, 1, 'one saved search, not two');
    assert.equal(subs[0]!.frequency, 'immediate', 'the later choice of frequency is kept');
    const mail = mails()[before]!;
    const confirm = new URL(linkIn(mail.text, '/thong-bao-email/xac-nhan?token=')).searchParams.get('token')!;
    const ok = await app.inject({
      method: 'POST',
      url: '/thong-bao-email/xac-nhan',
      headers: FORM,
      payload: `token=${confirm}`,
    });
    assert.equal(ok.statusCode, 200);
    const unsub = /href="(\/thong-bao-email\/quan-ly\?token=[^"]+)"/.exec(ok.body);
    assert.ok(unsub, 'the confirmed page links to the manage page');
    const secret = await alertSecret(database.db, loadAlertsConfig(process.env).secret);
    const token = signToken(secret, 'unsubscribe', subs[0]!.id, new Date());
    for (const [i, headers, payload] of [
      [0, { 'content-type': 'text/plain' }, 'List-Unsubscribe=One-Click'],
      [1, { 'content-type': 'application/json' }, '{"List-Unsubscribe":"One-Click"}'],
      [2, {}, ''],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: `/thong-bao-email/huy?token=${token}`,
        headers,
        payload,
      });
      assert.equal(r.statusCode, 200, `attempt ${i}: ${r.body.slice(0, 200)}`);
      if (i > 0) assert.match(r.body, /Bạn đã hủy nhận thông báo này từ trước/);
    }
    const after = await database.db
      .selectFrom('alert_subscription')
      .select('status')
      .where('id', '=', subs[0]!.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'unsubscribed');
  });
});
