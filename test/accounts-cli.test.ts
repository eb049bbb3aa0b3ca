import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/connect.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'minhbach.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('minhbach admin (child process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-admin-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, MINHBACH_DATA_DIR: path.join(dir, 'data') };
  let dropDatabase = async () => {};
  before(async () => {
    // On PostgreSQL (CI's second run) the child writes to a database of its own on that server.
    const base = process.env.DATABASE_URL;
    if (!base) return;
    const name = `minhbach_cli_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  });
  after(async () => {
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], stdin = ''): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  /** Rows of `query` in the child's database (opened after the child has exited). */
  const query = async <T>(text: string): Promise<T[]> => {
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.MINHBACH_DATA_DIR });
    try {
      const { sql } = await import('kysely');
      return (await sql.raw<T>(text).execute(database.db)).rows;
    } finally {
      await database.close();
    }
  };

  test('creates the first administrator from --password-stdin; weak passwords and usage errors are refused', async () => {
    const empty = await run(['admin', 'user', 'list']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(
      empty.stdout,
      /tạo quản trị viên đầu tiên bằng `minhbach admin user add --role admin EMAIL`/,
    );
    const weak = await run(
      ['admin', 'user', 'add', '--role', 'admin', '--password-stdin', 'admin@hanoi.gov.vn'],
      'ngan\n',
    );
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /password: Mật khẩu phải có ít nhất 12 ký tự/);
    const usage = await run(['admin', 'user', 'add', '--role', 'admin']);
    assert.equal(usage.code, 2);
    const noTty = await run(['admin', 'user', 'add', '--role', 'admin', 'admin@hanoi.gov.vn']);
    assert.equal(noTty.code, 2);
    assert.match(noTty.stderr, /--password-stdin/);
    const ok = await run(
      [
        'admin',
        'user',
        'add',
        '--role',
        'admin',
        '--name',
        'Quản trị viên',
        '--password-stdin',
        'Admin@HaNoi.gov.vn',
      ],
      'Một câu mật khẩu đủ dài 2026\n',
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Đã tạo tài khoản #1 admin@hanoi\.gov\.vn \(Quản trị viên\)/);
    const again = await run(
      ['admin', 'user', 'add', '--role', 'admin', '--password-stdin', 'admin@hanoi.gov.vn'],
      'Một câu mật khẩu đủ dài 2026',
    );
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Đã có tài khoản/);
    const rows = await query<{ email: string; role: string; actor: string }>(
      `SELECT a.email, a.role, l.actor FROM account a JOIN audit_log l ON l.entity = 'account' AND l.entity_id = a.id`,
    );
    assert.deepEqual(rows, [{ email: 'admin@hanoi.gov.vn', role: 'admin', actor: 'cli:admin' }]);
    const { verifyPassword } = await import('../src/accounts/secrets.ts');
    const [hash] = await query<{ password_hash: string }>(`SELECT password_hash FROM account`);
    assert.ok(
      await verifyPassword(hash!.password_hash, 'Một câu mật khẩu đủ dài 2026'),
      'the final newline is not part of the password',
    );
  });

  test('imports agencies from a CSV: a bad row is reported with line and column, the others are kept; idempotent', async () => {
    const file = path.join(dir, 'don-vi.csv');
    fs.writeFileSync(
      file,
      '\uFEFFcode;name;kind;parent_code;valid_from;valid_to;successor_code\n' +
        'so-tc;Sở Tài chính;so;hn;;;\n' + // parent defined further down
        'hn;UBND Thành phố Hà Nội;ubnd-tinh;;;;\n' +
        'q-hk;"UBND quận Hoàn Kiếm; cũ";ubnd-huyen;hn;;30/06/2025;p-hk\n' +
        'p-hk;UBND phường Hoàn Kiếm;ubnd-xa;hn;01/07/2025;;\n' +
        'xa-sai;UBND xã Sai;huyen;hn;;;\n' + // line 6: bad kind
        'p-ngay;Phường Ngày Sai;ubnd-xa;hn;31/02/2025;;\n' + // line 7: bad date
        'con-mo-coi;Đơn vị con;ubnd-xa;xa-sai;;;\n', // line 8: parent was rejected
    );
    const first = await run(['admin', 'agency', 'import', file]);
    assert.equal(first.code, 1);
    assert.match(
      first.stdout,
      /7 dòng \(rows\): 4 tạo mới \(created\), 0 cập nhật \(updated\), 0 không đổi \(unchanged\), 3 lỗi/,
    );
    assert.match(first.stderr, /don-vi\.csv:6 cột\/column kind: “huyen” không thuộc các loại/);
    assert.match(first.stderr, /don-vi\.csv:7 cột\/column valid_from: “31\/02\/2025” không phải ngày hợp lệ/);
    assert.match(first.stderr, /don-vi\.csv:8 cột\/column parent_code: không có đơn vị “xa-sai”/);
    const second = await run(['admin', 'agency', 'import', file]);
    assert.match(second.stdout, /0 tạo mới \(created\), 0 cập nhật \(updated\), 4 không đổi \(unchanged\)/);
    const list = await run(['admin', 'agency', 'list']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^hn\tUBND Thành phố Hà Nội/m);
    assert.match(
      list.stdout,
      /^ {2}q-hk\tUBND quận Hoàn Kiếm; cũ\t\(UBND quận, huyện, thị xã\) \[… → 2025-06-30\] → p-hk$/m,
    );
    const header = path.join(dir, 'sai-tieu-de.csv');
    fs.writeFileSync(header, 'ma,ten\nx,y\n');
    const bad = await run(['admin', 'agency', 'import', header]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /sai-tieu-de\.csv:1 cột\/column code: Dòng tiêu đề: thiếu cột “code”, thiếu cột “name”, thiếu cột “kind”, cột lạ “ma”/,
    );
    const missing = await run(['admin', 'agency', 'import', path.join(dir, 'khong-co.csv')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /không đọc được tệp/);
  });

  test('adds an agency, creates and revokes an API token', async () => {
    const added = await run([
      'admin',
      'agency',
      'add',
      '--code',
      'bqlda-tc',
      '--name',
      'Ban QLDA',
      '--kind',
      'ban-qlda',
      '--parent',
      'so-tc',
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /bqlda-tc: đã tạo \(created\)/);
    const orphan = await run([
      'admin',
      'agency',
      'add',
      '--code',
      'x1',
      '--name',
      'X',
      '--kind',
      'so',
      '--parent',
      'khong-co',
    ]);
    assert.equal(orphan.code, 1);
    assert.match(orphan.stderr, /parent_code: không có đơn vị mã “khong-co”/);
    const created = await run([
      'admin',
      'token',
      'create',
      '--agency',
      'so-tc',
      '--label',
      'Hệ thống kế toán',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout.trim(), /^mb_[A-Za-z0-9_-]{43}$/);
    assert.match(created.stderr, /chỉ hiện một lần/);
    const publisher = await run(
      [
        'admin',
        'user',
        'add',
        '--role',
        'publisher',
        '--agency',
        'bqlda-tc',
        '--password-stdin',
        'pub@hanoi.gov.vn',
      ],
      'Một câu mật khẩu đủ dài 2026',
    );
    assert.equal(publisher.code, 0, publisher.stderr);
    const revoked = await run(['admin', 'token', 'revoke', '1']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Đã thu hồi mã API #1/);
    const unknown = await run(['admin', 'token', 'revoke', '99']);
    assert.equal(unknown.code, 1);
    const list = await run(['admin', 'token', 'list']);
    assert.match(list.stdout, /#1\tmb_.{8}…\tso-tc\tHệ thống kế toán\tthu hồi /);
  });
});
