/**
 * The alert pages through `app.inject`, with a real SMTP peer on loopback receiving the mail: double
 * opt-in (form → confirmation e-mail → link page → confirm), form validation (the form again with the
 * error, never a 500, nothing written), the manage page behind its signed link, forged and expired
 * tokens refused with a clear page, rate limits, and the outbox mode saying so.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { alertSecret } from '../src/alerts/secret.ts';
import { RATE_LIMITS } from '../src/alerts/subscriptions.ts';
import { signToken } from '../src/alerts/token.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { linkIn, localPath, parseMail, startSmtpPeer, type SmtpPeer } from './helpers/alerts.ts';
import { createTestDatabase } from './helpers/db.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('alert pages over SMTP', () => {
  let database: Database;
  let peer: SmtpPeer;
  let app: FastifyInstance;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    database = await createTestDatabase();
    peer = await startSmtpPeer();
    for (const k of ['SMTP_URL', 'SMTP_HOST', 'MINHBACH_PUBLIC_URL', 'MINHBACH_SECRET'])
      saved[k] = process.env[k];
    process.env.SMTP_URL = peer.url;
    process.env.MINHBACH_PUBLIC_URL = 'http://portal.test';
    delete process.env.MINHBACH_SECRET;
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await peer.close();
    await database.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const count = async (table: 'alert_subscription' | 'alert_subscriber' | 'alert_message') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (url: string, fields: Record<string, string>, remoteAddress = '192.0.2.1') =>
    app.inject({ method: 'POST', url, headers: FORM, payload: form(fields), remoteAddress });

  test('the form shows the saved search, in Vietnamese, without an outbox note', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/thong-bao-email?q=may+bien+ap&field=HH&page=3&sort=price',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="vi">/);
    assert.match(
      res.body,
      /Tìm kiếm: <a href="\/tim-kiem\?q=may\+bien\+ap&amp;field=HH">từ khóa “may bien ap” · lĩnh vực: Hàng hóa<\/a>/,
    );
    assert.match(res.body, /<input type="hidden" name="query" value="q=may\+bien\+ap&amp;field=HH"\/>/);
    assert.match(res.body, /<label for="email">Địa chỉ e-mail/);
    assert.doesNotMatch(res.body, /outbox/);
  });

  test('the search page links to the alert form with its search (without page and order)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/tim-kiem?q=may+bien+ap&field=HH&sort=price&page=2',
    });
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /<a href="\/thong-bao-email\?q=may\+bien\+ap&amp;field=HH">Nhận thông báo qua e-mail cho tìm kiếm này<\/a>/,
    );
  });

  test('a bad search in the link is a 400 page naming the parameter', async () => {
    const res = await app.inject({ method: 'GET', url: '/thong-bao-email?field=XX' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Tham số tìm kiếm “field” không hợp lệ/);
  });

  test('bad input gives the form again with the error and writes nothing', async () => {
    for (const [fields, message] of [
      [{ email: 'not-an-address', query: 'q=cau', frequency: 'immediate' }, /Địa chỉ e-mail không hợp lệ/],
      [{ email: '', query: 'q=cau', frequency: 'immediate' }, /Hãy nhập địa chỉ e-mail/],
      [{ email: 'a@b.vn', query: 'q=cau', frequency: 'weekly' }, /Hãy chọn tần suất/],
      [{ email: 'a@b.vn', query: 'priceMin=9&priceMax=1', frequency: 'daily' }, /“priceMax” không hợp lệ/],
    ] as const) {
      const res = await post('/thong-bao-email', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(
        res.body,
        /<form class="search-form" action="\/thong-bao-email" method="post"|Quay lại trang tìm kiếm/,
      );
    }
    const echoed = await post('/thong-bao-email', {
      email: ' x"<b>@',
      query: 'q=cau',
      frequency: 'immediate',
    });
    assert.match(
      echoed.body,
      /value=" x&quot;&lt;b>@"|value="x&quot;&lt;b>@"/,
      'the typed value comes back, escaped',
    );
    assert.match(echoed.body, /aria-invalid="true"/);
    const junk = await app.inject({
      method: 'POST',
      url: '/thong-bao-email',
      headers: { 'content-type': 'application/json' },
      payload: '[1,2]',
    });
    assert.equal(junk.statusCode, 400);
    assert.equal(await count('alert_subscription'), 0);
    assert.equal(peer.received.length, 0);
  });

  test('double opt-in: form → e-mail → link page → confirm → manage page', async () => {
    const res = await post('/thong-bao-email', {
      email: ' Nguyen.An@Example.VN ',
      query: 'q=may+bien+ap&field=HH',
      frequency: 'daily',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Hãy kiểm tra hộp thư/);
    assert.match(res.body, /nguyen\.an@example\.vn/);
    await peer.waitFor(1);
    const mail = peer.received[0]!;
    assert.deepEqual(mail.to, ['nguyen.an@example.vn']);
    assert.match(mail.subject, /^Xác nhận đăng ký nhận thông báo gói thầu/);
    assert.match(mail.text, /từ khóa “may bien ap” · lĩnh vực: Hàng hóa/);
    assert.match(mail.text, /Tần suất: bản tin tổng hợp hằng ngày\./);
    assert.match(mail.text, /Liên kết có hiệu lực đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
    assert.match(mail.html, /Xác nhận đăng ký<\/a>/);
    const sub = await database.db.selectFrom('alert_subscription').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual([sub.status, sub.frequency, sub.query], ['pending', 'daily', 'q=may+bien+ap&field=HH']);

    const pendingList = await app.inject({
      method: 'GET',
      url: localPath(linkIn(mail.text, '/thong-bao-email/quan-ly?token=')),
    });
    assert.equal(pendingList.statusCode, 200);
    assert.match(pendingList.body, /Chờ xác nhận/);
    const link = localPath(linkIn(mail.text, '/thong-bao-email/xac-nhan?token='));
    const page = await app.inject({ method: 'GET', url: link });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form action="\/thong-bao-email\/xac-nhan" method="post">/);
    const afterGet = await database.db
      .selectFrom('alert_subscription')
      .select('status')
      .executeTakeFirstOrThrow();
    assert.equal(
      afterGet.status,
      'pending',
      'opening the link (or a mail scanner prefetching it) confirms nothing',
    );

    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const done = await post('/thong-bao-email/xac-nhan', { token });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Đã xác nhận/);
    const active = await database.db.selectFrom('alert_subscription').selectAll().executeTakeFirstOrThrow();
    assert.equal(active.status, 'active');
    assert.ok(active.confirmed_at);
    const again = await post('/thong-bao-email/xac-nhan', { token });
    assert.match(again.body, /đã được xác nhận trước đó/);

    const manage = /href="(\/thong-bao-email\/quan-ly\?token=[^"]+)"/
      .exec(done.body)?.[1]
      ?.replace(/&amp;/g, '&');
    assert.ok(manage);
    const list = await app.inject({ method: 'GET', url: manage });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /nguyen\.an@example\.vn/);
    assert.match(list.body, /từ khóa “may bien ap” · lĩnh vực: Hàng hóa/);
    assert.match(list.body, /Đang nhận/);
    const manageToken = new URL(`http://x${manage}`).searchParams.get('token')!;
    const off = await post('/thong-bao-email/quan-ly/huy', { token: manageToken, id: String(sub.id) });
    assert.equal(off.statusCode, 200);
    assert.match(off.body, /Đã hủy nhận thông báo cho: từ khóa “may bien ap”/);
    assert.match(off.body, /Đã hủy<\/td>/);
    const other = await post('/thong-bao-email/quan-ly/huy', { token: manageToken, id: '999999' });
    assert.equal(other.statusCode, 404);

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('actor', '=', 'alerts:web')
      .execute();
    for (const e of ['alert_subscriber', 'alert_subscription', 'alert_message']) {
      assert.ok(
        audit.some((a) => a.entity === e),
        `${e} writes audited`,
      );
    }
    assert.ok(audit.filter((a) => a.entity === 'alert_subscription' && a.action === 'update').length >= 2);
  });

  test('forged, tampered, wrong-purpose and expired tokens are refused with a clear page, changing nothing', async () => {
    const sub = await database.db.selectFrom('alert_subscription').select('id').executeTakeFirstOrThrow();
    const secret = await alertSecret(database.db, null);
    const good = signToken(secret, 'unsubscribe', sub.id, new Date());
    const flip = (t: string) => t.slice(0, -2) + (t.at(-2) === 'A' ? 'B' : 'A') + t.at(-1);
    const cases: [string, number, RegExp][] = [
      [`/thong-bao-email/huy?token=${flip(good)}`, 400, /chữ ký không khớp/],
      [`/thong-bao-email/huy?token=${good.replace(/^u\d+/, 'u999')}`, 400, /chữ ký không khớp/],
      [
        `/thong-bao-email/huy?token=${signToken('another-installation-secret-0123456789', 'unsubscribe', sub.id, new Date())}`,
        400,
        /chữ ký không khớp/,
      ],
      [
        `/thong-bao-email/huy?token=${signToken(secret, 'confirm', sub.id, new Date())}`,
        400,
        /Liên kết không đúng/,
      ],
      [`/thong-bao-email/huy?token=abc`, 400, /Liên kết không đúng/],
      [`/thong-bao-email/huy`, 400, /Liên kết không đúng/],
      [
        `/thong-bao-email/huy?token=${signToken(secret, 'unsubscribe', sub.id, new Date(Date.now() - 400 * 86_400_000))}`,
        410,
        /Liên kết đã hết hạn/,
      ],
      [
        `/thong-bao-email/xac-nhan?token=${signToken(secret, 'confirm', sub.id, new Date(Date.now() - 4 * 86_400_000))}`,
        410,
        /Liên kết đã hết hạn/,
      ],
      [
        `/thong-bao-email/quan-ly?token=${flip(signToken(secret, 'manage', 1, new Date()))}`,
        400,
        /chữ ký không khớp/,
      ],
    ];
    const before = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [url, status, message] of cases) {
      for (const method of ['GET', 'POST'] as const) {
        if (method === 'POST' && url.includes('quan-ly')) continue;
        const res = await app.inject({
          method,
          url,
          headers: FORM,
          payload: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
        });
        assert.equal(res.statusCode, status, `${method} ${url}`);
        assert.match(res.body, message);
        assert.match(res.headers['content-type'] as string, /^text\/html/);
      }
    }
    const afterCount = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n), 'no write');
  });

  test('RFC 8058 one-click POST works as multipart/form-data too, without any CSRF token', async () => {
    const r = await post('/thong-bao-email', {
      email: 'multi@example.vn',
      query: 'q=cau',
      frequency: 'immediate',
    });
    assert.equal(r.statusCode, 200);
    const sub = await database.db
      .selectFrom('alert_subscription')
      .select('id')
      .where('query', '=', 'q=cau')
      .executeTakeFirstOrThrow();
    const secret = await alertSecret(database.db, null);
    const boundary = 'xYzZY';
    const res = await app.inject({
      method: 'POST',
      url: `/thong-bao-email/huy?token=${signToken(secret, 'unsubscribe', sub.id, new Date())}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(res.statusCode, 200);
    const row = await database.db
      .selectFrom('alert_subscription')
      .select(['status', 'unsubscribed_via'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.unsubscribed_via], ['unsubscribed', 'one-click']);
  });

  test('registrations are rate-limited per address and per IP (429, the form again)', async () => {
    const sent = peer.received.length;
    const codes: number[] = [];
    for (let i = 0; i < RATE_LIMITS.perAddressHour + 1; i++) {
      const r = await post(
        '/thong-bao-email',
        { email: 'busy@example.vn', query: `q=duong+${i}`, frequency: 'immediate' },
        '192.0.2.50',
      );
      codes.push(r.statusCode);
      if (r.statusCode === 429) assert.match(r.body, /Có quá nhiều yêu cầu đăng ký/);
    }
    assert.deepEqual(codes, [...Array(RATE_LIMITS.perAddressHour).fill(200), 429]);
    const ip: number[] = [];
    for (let i = 0; i < RATE_LIMITS.perIpHour + 1; i++) {
      const r = await post(
        '/thong-bao-email',
        { email: `u${i}@example.vn`, query: 'q=ao', frequency: 'daily' },
        '198.51.100.7',
      );
      ip.push(r.statusCode);
    }
    assert.equal(ip.filter((c) => c === 200).length, RATE_LIMITS.perIpHour);
    assert.equal(ip.at(-1), 429);
    await peer.waitFor(sent + RATE_LIMITS.perAddressHour + RATE_LIMITS.perIpHour);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(
      peer.received.length,
      sent + RATE_LIMITS.perAddressHour + RATE_LIMITS.perIpHour,
      'refused requests send nothing',
    );
  });
});

describe('alert pages in outbox mode', () => {
  test('the pages say mail goes to the outbox, and the confirmation is an .eml file there', async () => {
    const database = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-outbox-'));
    const saved = {
      SMTP_URL: process.env.SMTP_URL,
      SMTP_HOST: process.env.SMTP_HOST,
      OUT: process.env.MINHBACH_OUTBOX_DIR,
    };
    delete process.env.SMTP_URL;
    delete process.env.SMTP_HOST;
    process.env.MINHBACH_OUTBOX_DIR = dir;
    const app = await buildApp({ database });
    try {
      const formPage = await app.inject({ method: 'GET', url: '/thong-bao-email?q=cau+giay' });
      assert.match(formPage.body, /chưa được cấu hình để gửi e-mail \(SMTP\)/);
      assert.match(formPage.body, /outbox/);
      const res = await app.inject({
        method: 'POST',
        url: '/thong-bao-email',
        headers: FORM,
        payload: form({ email: 'hop.thu@example.vn', query: 'q=cau+giay', frequency: 'immediate' }),
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /thư mục hộp thư đi/);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
      assert.equal(files.length, 1);
      const mail = parseMail(fs.readFileSync(path.join(dir, files[0]!), 'utf8'));
      assert.equal(mail.headers.get('to'), 'hop.thu@example.vn');
      assert.match(mail.text, /http:\/\/127\.0\.0\.1:\d+\/thong-bao-email\/xac-nhan\?token=c\d+\./);
    } finally {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
      for (const [k, v] of Object.entries({
        SMTP_URL: saved.SMTP_URL,
        SMTP_HOST: saved.SMTP_HOST,
        MINHBACH_OUTBOX_DIR: saved.OUT,
      })) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
