/**
 * `minhbach alerts send` as a real process, twice, against a real SMTP peer: the first process sends
 * the new match, the second (a restart) sends nothing. The database is an embedded PGlite directory
 * shared by the test and the processes in turn.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { loadAlertsConfig } from '../src/alerts/config.ts';
import { confirmSubscription, requestSubscription } from '../src/alerts/subscriptions.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { createMailTransport } from '../src/mail/transport.ts';
import { startSmtpPeer, type SmtpPeer } from './helpers/alerts.ts';
import { openNotice, saveFacts } from './helpers/facts-fixtures.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/minhbach.mjs');

let peer: SmtpPeer;
let dir: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  peer = await startSmtpPeer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-alerts-cli-'));
  env = {
    ...process.env,
    DATABASE_URL: '',
    MINHBACH_DATA_DIR: dir,
    SMTP_URL: peer.url,
    MINHBACH_PUBLIC_URL: 'http://portal.test',
  };
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    const transport = createMailTransport({ SMTP_URL: peer.url }, dir);
    const ctx = {
      db: database.db,
      transport,
      config: loadAlertsConfig({ MINHBACH_PUBLIC_URL: 'http://portal.test' }),
    };
    const r = await requestSubscription(ctx, {
      email: 'cli@example.vn',
      query: 'q=nha+van+hoa',
      frequency: 'immediate',
      ip: '127.0.0.1',
      now: new Date(),
    });
    assert.equal(r.status, 'sent');
    await confirmSubscription(ctx, r.status === 'sent' ? r.subscriptionId : 0);
    transport.close();
    await saveFacts(database, [openNotice(new Date())]);
  } finally {
    await database.close();
  }
});
after(async () => {
  await peer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const alerts = () => peer.received.filter((m) => m.subject.includes('gói thầu mới'));

test('minhbach alerts send delivers the new match once; a second process sends nothing', async () => {
  const first = await run(process.execPath, [BIN, 'alerts', 'send'], { env });
  assert.match(first.stdout, /Kết quả khớp mới \/ new matches: 1\n/);
  assert.match(first.stdout, /Thư đã gửi \/ messages sent: 1\n/);
  assert.equal(alerts().length, 1);
  assert.deepEqual(alerts()[0]!.to, ['cli@example.vn']);

  const second = await run(process.execPath, [BIN, 'alerts', 'send'], { env });
  assert.match(second.stdout, /Kết quả khớp mới \/ new matches: 0\n/);
  assert.match(second.stdout, /Thư đã gửi \/ messages sent: 0\n/);
  assert.equal(alerts().length, 1, 'the restart sent nothing again');
});

test('minhbach alerts --help lists send', async () => {
  const help = await run(process.execPath, [BIN, 'alerts', '--help'], { env });
  assert.match(help.stdout, /send/);
});
