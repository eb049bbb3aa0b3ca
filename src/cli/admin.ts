/**
 * `minhbach admin …`: agencies, accounts and API tokens from the command line — above all to create
 * the first administrator of a new installation:
 *
 *   minhbach admin agency add --code C --name N --kind K [--parent P] [--valid-from D] [--valid-to D] [--successor S]
 *   minhbach admin agency list
 *   minhbach admin agency import FILE.csv
 *   minhbach admin user add --role admin|publisher|monitor [--agency CODE] [--name NAME] [--password-stdin] EMAIL
 *   minhbach admin user list | unlock EMAIL
 *   minhbach admin token create --agency CODE --label TEXT | revoke ID | list
 *
 * The import shows a progress bar on stderr when it is a terminal. Every write is audited as
 * `cli:admin`. Exit codes: 0 done, 1 refused (message names the field or the CSV line and column),
 * 2 usage error.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken } from '../accounts/api-tokens.ts';
import { createAccount, listAccounts, roleLabel } from '../accounts/accounts.ts';
import { checkAgencyInput, listAgencies, saveAgency } from '../accounts/agencies.ts';
import { importAgencyCsv } from '../accounts/agency-csv.ts';
import { unitKindLabel, UNIT_KIND_CODES } from '../accounts/agency-kinds.ts';
import { AccountError } from '../accounts/errors.ts';
import { unlockEmail } from '../accounts/sign-in.ts';
import type { Database } from '../db/connect.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';

/** The audit actor of the command line. */
export const CLI_ACTOR = 'cli:admin';

const out = (line: string) => void process.stdout.write(`${line}\n`);

/** Runs `work` on the migrated database, closing it after; an AccountError becomes a one-line failure (exit 1). */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openMigratedDatabase();
  try {
    return await work(database);
  } catch (err) {
    if (err instanceof AccountError) {
      const field = err.field ? `${err.field}: ` : '';
      throw new CliError(`${field}${err.messageVi} / ${err.message}`, 1);
    }
    throw err;
  } finally {
    await database.close();
  }
}

/** Reads all of stdin (for --password-stdin), without the final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a line on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const internal = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    let asked = false;
    internal._writeToOutput = (s: string) => {
      if (!asked) {
        asked = true;
        internal.output.write(s);
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** The password: from stdin with --password-stdin, else asked twice on a terminal. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) {
    throw new CliError(
      'không có terminal để hỏi mật khẩu: dùng --password-stdin / no terminal to ask the password: use --password-stdin',
      2,
    );
  }
  const first = await askHidden('Mật khẩu (password): ');
  const second = await askHidden('Nhập lại (again): ');
  if (first !== second) throw new CliError('hai lần nhập mật khẩu không khớp / the passwords differ', 1);
  return first;
}

function registerAgency(admin: Command): void {
  const agency = admin.command('agency').description('Đơn vị đăng tải (agencies, org units)');
  agency
    .command('add')
    .description('Thêm hoặc sửa một đơn vị theo mã (add or update an agency by code)')
    .requiredOption('--code <code>', 'mã đơn vị, ví dụ vn0101234567 hoặc hn-so-tc')
    .requiredOption('--name <name>', 'tên đơn vị')
    .requiredOption('--kind <kind>', `loại: ${UNIT_KIND_CODES.join(', ')}`)
    .option('--parent <code>', 'mã đơn vị cấp trên (parent agency)')
    .option('--valid-from <date>', 'hiệu lực từ ngày (YYYY-MM-DD)')
    .option('--valid-to <date>', 'hoạt động đến hết ngày (YYYY-MM-DD)')
    .option('--successor <code>', 'mã đơn vị kế thừa (successor)')
    .option('--name-en <name>', 'tên tiếng Anh')
    .action(async (o: Record<string, string | undefined>) => {
      const fields = (() => {
        try {
          return checkAgencyInput({
            code: o.code,
            name: o.name,
            kind: o.kind,
            parentCode: o.parent,
            validFrom: o.validFrom,
            validTo: o.validTo,
            successorCode: o.successor,
            nameEn: o.nameEn,
          });
        } catch (err) {
          if (err instanceof AccountError)
            throw new CliError(`${err.field}: ${err.messageVi} / ${err.message}`, 1);
          throw err;
        }
      })();
      const outcome = await withDatabase((d) =>
        d.db.transaction().execute((tx) => saveAgency(tx, fields, CLI_ACTOR)),
      );
      const vi = { created: 'đã tạo', updated: 'đã cập nhật', unchanged: 'không thay đổi' }[outcome];
      out(`${fields.code}: ${vi} (${outcome})`);
    });
  agency
    .command('list')
    .description('Liệt kê các đơn vị theo cây (list agencies as a tree)')
    .action(async () => {
      const agencies = await withDatabase((d) => listAgencies(d.db));
      if (agencies.length === 0) out('Chưa có đơn vị nào / no agency yet');
      for (const a of agencies) {
        const validity = a.validFrom || a.validTo ? ` [${a.validFrom ?? '…'} → ${a.validTo ?? '…'}]` : '';
        const successor = a.successorCode ? ` → ${a.successorCode}` : '';
        out(`${'  '.repeat(a.depth)}${a.code}\t${a.name}\t(${unitKindLabel(a.kind)})${validity}${successor}`);
      }
    });
  agency
    .command('import <file>')
    .description(
      'Nhập đơn vị từ tệp CSV (import agencies from CSV; columns: code,name,kind,parent_code,valid_from,valid_to,successor_code,name_en)',
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`không đọc được tệp / cannot read ${file}: ${(err as Error).message}`, 1);
      }
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { format: 'Nhập đơn vị (agencies) [{bar}] {value}/{total} dòng (rows)', stream: process.stderr },
            cliProgress.Presets.shades_classic,
          )
        : null;
      let started = false;
      const onProgress = (done: number, total: number) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      };
      const r = await withDatabase((d) => importAgencyCsv(d.db, text, CLI_ACTOR, { onProgress })).finally(
        () => {
          if (started) bar?.stop();
        },
      );
      for (const e of r.errors) {
        const where = `${file}:${e.line}${e.column ? ` cột/column ${e.column}` : ''}`;
        process.stderr.write(`${where}: ${e.messageVi} / ${e.message}\n`);
      }
      out(
        `${file}: ${r.rows} dòng (rows): ${r.created} tạo mới (created), ${r.updated} cập nhật (updated), ` +
          `${r.unchanged} không đổi (unchanged), ${r.errors.length} lỗi (errors)`,
      );
      if (r.errors.length > 0)
        throw new CliError(`${r.errors.length} dòng không nhập được / rows not imported (see above)`, 1);
    });
}

function registerUser(admin: Command): void {
  const user = admin.command('user').description('Tài khoản (accounts)');
  user
    .command('add <email>')
    .description(
      'Tạo tài khoản, ví dụ quản trị viên đầu tiên (create an account, e.g. the first administrator)',
    )
    .requiredOption('--role <role>', 'admin | publisher | monitor')
    .option('--agency <code>', 'đơn vị của người đăng tải (publisher only)')
    .option('--name <name>', 'họ tên (display name)')
    .option('--password-stdin', 'đọc mật khẩu từ stdin (read the password from stdin)')
    .action(
      async (email: string, o: { role: string; agency?: string; name?: string; passwordStdin?: boolean }) => {
        const password = await readPassword(o.passwordStdin === true);
        const account = await withDatabase((d) =>
          d.db
            .transaction()
            .execute((tx) =>
              createAccount(
                tx,
                { email, displayName: o.name, role: o.role, agencyCode: o.agency, password },
                CLI_ACTOR,
              ),
            ),
        );
        const agency = account.agencyCode ? `, đơn vị ${account.agencyCode}` : '';
        out(
          `Đã tạo tài khoản #${account.id} ${account.email} (${roleLabel(account.role)}${agency}) / account created`,
        );
      },
    );
  user
    .command('list')
    .description('Liệt kê tài khoản (list accounts)')
    .action(async () => {
      const accounts = await withDatabase((d) => listAccounts(d.db));
      if (accounts.length === 0)
        out(
          'Chưa có tài khoản nào: tạo quản trị viên đầu tiên bằng `minhbach admin user add --role admin EMAIL`',
        );
      for (const a of accounts) {
        out(
          `#${a.id}\t${a.email}\t${a.role}\t${a.agencyCode ?? '-'}\t${a.disabled ? 'đã khóa (disabled)' : 'đang dùng (active)'}`,
        );
      }
    });
  user
    .command('unlock <email>')
    .description('Gỡ tạm khóa đăng nhập sau nhiều lần sai (lift a sign-in lock-out)')
    .action(async (email: string) => {
      await withDatabase((d) => d.db.transaction().execute((tx) => unlockEmail(tx, email, CLI_ACTOR)));
      out(`Đã gỡ khóa đăng nhập của ${email.toLowerCase()} / unlocked`);
    });
}

function registerToken(admin: Command): void {
  const token = admin.command('token').description('Mã API của đơn vị (API tokens)');
  token
    .command('create')
    .description('Tạo mã API cho một đơn vị; mã chỉ hiện một lần (create a token; shown once)')
    .requiredOption('--agency <code>', 'mã đơn vị')
    .requiredOption('--label <text>', 'mục đích, ví dụ tên hệ thống gửi dữ liệu')
    .action(async (o: { agency: string; label: string }) => {
      const created = await withDatabase((d) =>
        d.db.transaction().execute((tx) => createApiToken(tx, o.agency, o.label, CLI_ACTOR)),
      );
      process.stderr.write(
        `Mã API #${created.info.id} cho ${created.info.agencyCode}; chỉ hiện một lần — hãy lưu ngay (shown once):\n`,
      );
      out(created.token);
    });
  token
    .command('revoke <id>')
    .description('Thu hồi mã API (revoke a token)')
    .action(async (idText: string) => {
      if (!/^\d{1,15}$/.test(idText))
        throw new CliError(`số mã API không hợp lệ / not a token number: ${idText.slice(0, 40)}`, 2);
      const info = await withDatabase((d) =>
        d.db.transaction().execute((tx) => revokeApiToken(tx, Number(idText), CLI_ACTOR)),
      );
      out(`Đã thu hồi mã API #${info.id} (${info.prefix}…, ${info.agencyCode}) / revoked`);
    });
  token
    .command('list')
    .description('Liệt kê mã API (list tokens)')
    .action(async () => {
      const tokens = await withDatabase((d) => listApiTokens(d.db));
      if (tokens.length === 0) out('Chưa có mã API nào / no token yet');
      for (const t of tokens) {
        out(
          `#${t.id}\t${t.prefix}…\t${t.agencyCode}\t${t.label}\t${t.revokedAt ? `thu hồi ${t.revokedAt.toISOString()}` : 'đang dùng'}`,
        );
      }
    });
}

/** Registers `minhbach admin` and its subcommands. */
export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .description('Quản trị: đơn vị, tài khoản, mã API (administration: agencies, accounts, API tokens)');
  registerAgency(admin);
  registerUser(admin);
  registerToken(admin);
}
