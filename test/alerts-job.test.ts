/**
 * The alert job against a real SMTP peer on loopback: a new matching notice is delivered exactly
 * once, across a crash between send and mark and across restarts; a refused message is retried;
 * daily digests group several matches, once a Vietnam-local day; unsubscribing (one-click POST and the
 * link's page) stops further mail; two runs at once do not both run; the outbox mode writes `.eml`
 * files exactly once.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { loadAlertsConfig } from '../src/alerts/config.ts';
import type { AlertContext } from '../src/alerts/context.ts';
import { runAlertJob, type AlertJobOptions } from '../src/alerts/job.ts';
import { parseSavedSearch } from '../src/alerts/saved-search.ts';
import { confirmSubscription, requestSubscription } from '../src/alerts/subscriptions.ts';
import type { Database } from '../src/db/connect.ts';
import { createMailTransport, type MailTransport } from '../src/mail/transport.ts';
import { vnTime } from '../src/text/time.ts';
import { buildApp } from '../src/web/app.ts';
import {
  linkIn,
  localPath,
  parseMail,
  startSmtpPeer,
  type ReceivedMail,
  type SmtpPeer,
} from './helpers/alerts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { amendedNotice, openNotice, plainNotice, saveFacts } from './helpers/facts-fixtures.ts';

const PUBLIC = 'http://portal.test';
const config = loadAlertsConfig({ MINHBACH_PUBLIC_URL: PUBLIC, MINHBACH_ALERTS_DIGEST_HOUR: '7' });

/** A works notice open for bids, numbered `no`, named `name` (distinct per test). */
function notice(no: string, name: string) {
  const f = openNotice(new Date());
  f.notifyNo = no;
  f.package = { ...f.package, name };
  f.versions = (f.versions ?? []).map((v) => ({ ...v, name }));
  return f;
}

/** A crash of the job: thrown from the hook between send and mark. */
class Crash extends Error {}

describe('alert job over SMTP', () => {
  let database: Database;
  let peer: SmtpPeer;
  let transport: MailTransport;
  let ctx: AlertContext;
  let seq = 0;

  before(async () => {
    database = await createTestDatabase();
    peer = await startSmtpPeer();
    transport = createMailTransport({ SMTP_URL: peer.url }, os.tmpdir());
    ctx = { db: database.db, transport, config };
    // Recorded before any subscription: never an alert.
    await saveFacts(database, [amendedNotice()]);
  });
  after(async () => {
    transport.close();
    await peer.close();
    await database.close();
  });

  /** A confirmed saved search of a fresh address; returns its id and address. */
  async function subscribed(query: string, frequency: 'immediate' | 'daily') {
    const email = `user${++seq}@example.vn`;
    const parsed = parseSavedSearch(query);
    assert.ok(parsed.ok);
    const r = await requestSubscription(ctx, {
      email,
      query: parsed.search.query,
      frequency,
      ip: `10.0.0.${seq}`,
      now: new Date(),
    });
    assert.equal(r.status, 'sent');
    assert.equal(
      (await confirmSubscription(ctx, r.status === 'sent' ? r.subscriptionId : 0)).status,
      'confirmed',
    );
    return { id: r.status === 'sent' ? r.subscriptionId : 0, email };
  }

  /** The alert messages (not confirmations) the peer received for `email`. */
  const alertsTo = (email: string): ReceivedMail[] =>
    peer.received.filter((m) => m.to.includes(email) && !m.subject.startsWith('Xác nhận'));
  const run = (options: AlertJobOptions = {}) => runAlertJob(database, { transport, config }, options);

  test('a new matching notice is delivered exactly once, across a crash after send and restarts', async () => {
    const { email } = await subscribed('q=nha+van+hoa&field=XL', 'immediate');
    const other = await subscribed('q=nha+van+hoa&field=HH', 'immediate'); // does not match: works, not goods
    await saveFacts(database, [openNotice(new Date())]);

    // Run 1 crashes after the SMTP server accepted the message and before it is marked sent.
    await assert.rejects(
      run({
        afterSend: () => {
          throw new Crash('simulated crash');
        },
      }),
      Crash,
    );
    await peer.waitFor(1);
    assert.equal(alertsTo(email).length, 1);
    const mail = alertsTo(email)[0]!;
    assert.match(mail.subject, /^1 gói thầu mới — từ khóa “nha van hoa” · lĩnh vực: Xây lắp/);
    assert.match(mail.text, /Xây dựng nhà văn hóa tổ dân phố số 5 phường Đống Đa/);
    assert.match(mail.text, /Giá gói thầu: 4\.850\.000\.000 ₫/);
    assert.match(mail.text, /Đóng thầu: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
    assert.match(mail.html, /<a href="http:\/\/portal\.test\/tbmt\/IB2600099001"/);
    assert.match(mail.html, /4\.850\.000\.000 ₫/);
    assert.match(
      mail.headers.get('list-unsubscribe') ?? '',
      /^<http:\/\/portal\.test\/thong-bao-email\/huy\?token=u\d+\./,
    );
    assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(mail.headers.get('content-type') ?? '', /^multipart\/alternative/);

    // Restart: the interrupted message is marked uncertain, not sent again.
    const r2 = await run();
    assert.equal(r2.recovered.uncertain, 1);
    assert.equal(r2.sent, 0);
    const r3 = await run();
    assert.equal(r3.sent + r3.recovered.uncertain + r3.matched, 0);
    assert.equal(alertsTo(email).length, 1, 'still exactly one alert');
    assert.equal(alertsTo(other.email).length, 0, 'the non-matching search got nothing');
    const msg = await database.db
      .selectFrom('alert_message')
      .select(['status', 'message_id'])
      .where('kind', '=', 'immediate')
      .executeTakeFirstOrThrow();
    assert.equal(msg.status, 'uncertain');
    assert.equal(mail.headers.get('message-id'), msg.message_id);

    // A later notice is delivered normally, once, and the next runs send nothing more.
    await saveFacts(database, [notice('IB2600099002', 'Xây dựng nhà văn hóa thôn Đông')]);
    const r4 = await run();
    assert.deepEqual([r4.matched, r4.sent], [1, 1]);
    await run();
    assert.equal(alertsTo(email).length, 2);
    assert.match(alertsTo(email)[1]!.text, /IB2600099002/);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('actor', '=', 'alerts:job')
      .execute();
    for (const entity of ['alert_delivery', 'alert_message', 'app_meta']) {
      assert.ok(
        audit.some((a) => a.entity === entity),
        `job writes to ${entity} are audited`,
      );
    }
  });

  test('a message the server refuses is retried by the next run and then sent once', async () => {
    const { email } = await subscribed('q=IB2600099003', 'immediate');
    await saveFacts(database, [notice('IB2600099003', 'Sửa chữa cầu Long Biên')]);
    peer.refuse = true;
    const failed = await run().finally(() => (peer.refuse = false));
    assert.deepEqual([failed.matched, failed.sent, failed.failed], [1, 0, 1]);
    const ok = await run();
    assert.deepEqual([ok.sent, ok.failed], [1, 0]);
    await run();
    assert.equal(alertsTo(email).length, 1);
    assert.match(alertsTo(email)[0]!.text, /IB2600099003/);
  });

  test('a daily digest groups several matches, once a Vietnam-local day from the set hour', async () => {
    const { id, email } = await subscribed('q=van+phong+pham', 'daily');
    const pending = async () =>
      (
        await database.db
          .selectFrom('alert_delivery')
          .select('id')
          .where('subscription_id', '=', id)
          .where('message_id', 'is', null)
          .execute()
      ).length;
    await saveFacts(database, [plainNotice(1), plainNotice(2), plainNotice(3)]);
    const today = new Date();
    const at = (dayOffset: number, hour: number) => {
      const d = new Date(today.getTime() + dayOffset * 86_400_000 + 7 * 3_600_000);
      return vnTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour);
    };
    await run({ now: () => at(0, 6) });
    assert.equal(await pending(), 3);
    assert.equal(alertsTo(email).length, 0, 'before 07:00 Vietnam time nothing is sent');
    await run({ now: () => at(0, 8) });
    assert.equal(await pending(), 0);
    assert.equal(alertsTo(email).length, 1);
    const mail = alertsTo(email)[0]!;
    assert.match(mail.subject, /^Bản tin ngày \d{2}\/\d{2}\/\d{4}: 3 gói thầu mới/);
    for (const i of [1, 2, 3]) assert.match(mail.text, new RegExp(`Mua văn phòng phẩm đợt ${i}\\n`));

    await saveFacts(database, [plainNotice(4)]);
    await run({ now: () => at(0, 9) });
    assert.equal(await pending(), 1);
    assert.equal(alertsTo(email).length, 1, 'one digest a day');
    await run({ now: () => at(1, 8) });
    assert.equal(await pending(), 0);
    assert.equal(alertsTo(email).length, 2);
    assert.match(alertsTo(email)[1]!.subject, /: 1 gói thầu mới/);
    assert.match(alertsTo(email)[1]!.text, /đợt 4/);
  });

  test('the one-click POST and the unsubscribe link stop further mail', async () => {
    process.env.SMTP_URL = peer.url;
    process.env.MINHBACH_PUBLIC_URL = PUBLIC;
    const app = await buildApp({ database });
    try {
      const a = await subscribed('q=truong+mam+non', 'immediate');
      const b = await subscribed('q=truong+mam+non&method=DTRR', 'immediate');
      const school = (no: string) => notice(no, `Cải tạo trường mầm non Hoa Sen ${no}`);
      await saveFacts(database, [school('IB2600099010')]);
      await run();
      assert.equal(alertsTo(a.email).length, 1);
      assert.equal(alertsTo(b.email).length, 1);

      // a: RFC 8058 one-click POST to the List-Unsubscribe URL, no CSRF token, no cookie.
      const header = alertsTo(a.email)[0]!.headers.get('list-unsubscribe')!;
      const oneClick = await app.inject({
        method: 'POST',
        url: localPath(header.slice(1, -1)),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200);
      assert.match(oneClick.body, /Đã hủy nhận thông báo/);

      // b: the link in the text opens a page whose button unsubscribes.
      const link = localPath(linkIn(alertsTo(b.email)[0]!.text, '/thong-bao-email/huy?token='));
      const pageRes = await app.inject({ method: 'GET', url: link });
      assert.equal(pageRes.statusCode, 200);
      assert.match(pageRes.body, /<form action="\/thong-bao-email\/huy\?token=[^"]+" method="post">/);
      const still = await database.db
        .selectFrom('alert_subscription')
        .select('status')
        .where('id', '=', b.id)
        .executeTakeFirstOrThrow();
      assert.equal(still.status, 'active', 'opening the link alone changes nothing');
      const button = await app.inject({ method: 'POST', url: link });
      assert.equal(button.statusCode, 200);

      await saveFacts(database, [school('IB2600099011')]);
      const r = await run();
      assert.equal(r.sent, 0);
      assert.equal(alertsTo(a.email).length, 1);
      assert.equal(alertsTo(b.email).length, 1);
      const via = await database.db
        .selectFrom('alert_subscription')
        .select(['id', 'unsubscribed_via'])
        .where('id', 'in', [a.id, b.id])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        via.map((v) => v.unsubscribed_via),
        ['one-click', 'link'],
      );
    } finally {
      await app.close();
    }
  });

  test('two runs at once: one runs, the other is skipped (job lock)', async () => {
    const { email } = await subscribed('q=IB2600099020', 'immediate');
    await saveFacts(database, [notice('IB2600099020', 'Lát vỉa hè phố Hàng Bông')]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const inside = new Promise<void>((r) => (reached = r));
    const first = run({
      afterSend: async () => {
        reached();
        await held;
      },
    });
    await inside;
    const second = await run();
    assert.equal(second.skipped, true);
    release();
    const firstReport = await first;
    assert.equal(firstReport.sent, 1);
    assert.equal(alertsTo(email).length, 1);
  });
});

describe('alert job into the outbox folder', () => {
  let database: Database;
  let dir: string;
  let transport: MailTransport;
  let ctx: AlertContext;

  beforeEach(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-outbox-'));
    transport = createMailTransport({ MINHBACH_OUTBOX_DIR: dir }, os.tmpdir());
    ctx = { db: database.db, transport, config };
  });
  afterEach(async () => {
    transport.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
  });

  const emls = () => fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
  const alertFiles = () => emls().filter((f) => f.startsWith('immediate.'));

  test('writes .eml files, exactly once across a crash after the write (and rewrites a lost one)', async () => {
    assert.equal(transport.kind, 'outbox');
    const r = await requestSubscription(ctx, {
      email: 'outbox@example.vn',
      query: 'q=nha+van+hoa',
      frequency: 'immediate',
      ip: '10.1.1.1',
      now: new Date(),
    });
    assert.equal(r.status, 'sent');
    assert.equal(emls().length, 1, 'the confirmation is a file too');
    await confirmSubscription(ctx, r.status === 'sent' ? r.subscriptionId : 0);
    await saveFacts(database, [openNotice(new Date())]);

    await assert.rejects(
      runAlertJob(
        database,
        { transport, config },
        {
          afterSend: () => {
            throw new Crash('crash after write');
          },
        },
      ),
      Crash,
    );
    assert.equal(alertFiles().length, 1);
    const again = await runAlertJob(database, { transport, config });
    assert.equal(again.recovered.markedSent, 1, 'the file is there: marked sent, not written twice');
    assert.equal(alertFiles().length, 1);
    const eml = parseMail(fs.readFileSync(path.join(dir, alertFiles()[0]!), 'utf8'));
    assert.match(
      eml.headers.get('list-unsubscribe') ?? '',
      /^<http:\/\/portal\.test\/thong-bao-email\/huy\?token=u\d+\.[^>]+>$/,
    );
    assert.equal(eml.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.equal(eml.headers.get('to'), 'outbox@example.vn');
    assert.match(eml.raw, /\r\n\r\n/, 'CRLF line ends, as on the wire');
    assert.match(eml.text, /Xây dựng nhà văn hóa tổ dân phố số 5 phường Đống Đa/);

    // A crash after the claim whose file never got written: the next run writes it (exactly once).
    await saveFacts(database, [notice('IB2600099002', 'Xây dựng nhà văn hóa thôn Đông')]);
    await assert.rejects(
      runAlertJob(
        database,
        { transport, config },
        {
          afterSend: () => {
            throw new Crash('crash');
          },
        },
      ),
      Crash,
    );
    const files = alertFiles();
    assert.equal(files.length, 2);
    const newest = files.find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('IB2600099002'))!;
    fs.rmSync(path.join(dir, newest));
    const rewritten = await runAlertJob(database, { transport, config });
    assert.equal(rewritten.recovered.resent, 1);
    assert.equal(alertFiles().length, 2);
    assert.ok(fs.existsSync(path.join(dir, newest)), 'the same file name (Message-ID) again');
    const statuses = await database.db
      .selectFrom('alert_message')
      .select('status')
      .where('kind', '=', 'immediate')
      .execute();
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['sent', 'sent'],
    );
  });
});
