/**
 * `minhbach ledger …`: the public publication ledger (sổ cái công bố, a hash chain).
 *
 * - `ledger verify`: checks the configured database (or `--database-url` / `--data-dir`), or a
 *   downloaded copy (`--file ledger.jsonl`, as written by `ledger export` or fetched from
 *   `GET /api/ledger`), optionally against the database (`--file … --against-database`). Prints each
 *   finding (seq, kind, ref, what differs). Exit 0 intact, 1 tampered (or an unreadable copy), 2 usage.
 * - `ledger export [--out FILE]`: the whole ledger as JSON Lines, documents included.
 * The database is opened without migrating it: verifying never changes what it verifies.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/connect.ts';
import { LedgerError } from '../audit/ledger.ts';
import { compareWithCopy, verifyLedgerDatabase, type LedgerReport } from '../audit/ledger-check.ts';
import { exportLine, readLedgerFile } from '../audit/ledger-file.ts';
import { streamLedger } from '../audit/ledger-store.ts';
import { sortFindings, verifyChain, type Finding } from '../audit/ledger-verify.ts';
import { CliError } from './errors.ts';

/** Modules that register ledger kinds (`registerLedgerKind`); loaded before verifying a database. */
const KIND_MODULES = [
  '../opendata/ledger-kind.ts',
  '../plans/ledger-kind.ts',
  '../publishing/documents/ledger.ts',
];

interface DbOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/** Registers `ledger verify` and `ledger export`. */
export function registerLedger(program: Command): void {
  const cmd = program
    .command('ledger')
    .description('Sổ cái công bố: chuỗi băm chống sửa đổi (tamper-evident publication ledger)');
  cmd
    .command('verify')
    .description(
      'Kiểm tra sổ cái: phát hiện công bố bị sửa, xóa, chèn hoặc đảo thứ tự (detect altered, removed, inserted or reordered publications)',
    )
    .option(
      '--file <path>',
      'kiểm tra một bản sao đã tải về (verify a downloaded copy: JSON Lines or an API page)',
    )
    .option(
      '--against-database',
      'với --file: so bản sao với cơ sở dữ liệu (compare the copy with the database)',
    )
    .option('--database-url <url>', 'PostgreSQL (mặc định DATABASE_URL)')
    .option('--data-dir <dir>', 'thư mục PGlite (mặc định MINHBACH_DATA_DIR)')
    .option('--json', 'kết quả dạng JSON (machine-readable report)')
    .action(async (opts: DbOptions & { file?: string; againstDatabase?: boolean; json?: boolean }) => {
      if (opts.againstDatabase && !opts.file)
        throw new CliError('--against-database cần --file / needs --file', 2);
      let report: LedgerReport;
      let subject: string;
      if (opts.file) {
        if (!fs.existsSync(opts.file))
          throw new CliError(`không tìm thấy tệp / file not found: ${opts.file}`, 2);
        const copy = readLedgerFile(opts.file);
        const chain = await readable(() => verifyChain(copy));
        let extra: Finding[] = [];
        subject = opts.file;
        if (opts.againstDatabase) {
          extra = await withDatabase(opts, async (database) => {
            subject = `${opts.file} ↔ ${database.kind} ${database.location}`;
            return compareWithCopy(database.db, copy);
          });
        }
        const findings = sortFindings([...chain.findings, ...extra]);
        report = { ...chain, findings, intact: findings.length === 0, liveChecked: {}, unresolvedKinds: [] };
      } else {
        await loadKindModules();
        report = await withDatabase(opts, async (database) => {
          subject = `${database.kind} ${database.location}`;
          return verifyLedgerDatabase(database.db);
        });
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, subject!),
      );
      process.exitCode = report.intact ? 0 : 1;
    });
  cmd
    .command('export')
    .description(
      'Xuất toàn bộ sổ cái dạng JSON Lines, kèm tài liệu (export the ledger as JSON Lines, documents included)',
    )
    .option('--out <file>', 'tệp đích (default: stdout)')
    .option('--database-url <url>', 'PostgreSQL (mặc định DATABASE_URL)')
    .option('--data-dir <dir>', 'thư mục PGlite (mặc định MINHBACH_DATA_DIR)')
    .action(async (opts: DbOptions & { out?: string }) => {
      const count = await withDatabase(opts, async (database) => {
        const out: NodeJS.WritableStream = opts.out ? fs.createWriteStream(opts.out, 'utf8') : process.stdout;
        let n = 0;
        for await (const e of streamLedger(database.db)) {
          if (!out.write(`${exportLine(e)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
          n++;
        }
        if (opts.out) {
          const file = out as fs.WriteStream;
          await new Promise<void>((resolve, reject) => {
            file.once('error', reject);
            file.end(() => resolve());
          });
        }
        return n;
      });
      if (opts.out)
        process.stderr.write(`Đã xuất ${count} mục sổ cái vào ${opts.out} (exported ${count} entries)\n`);
    });
}

/** Imports the modules that register ledger kinds; a module not present (yet) is skipped. */
async function loadKindModules(): Promise<void> {
  for (const m of KIND_MODULES) {
    try {
      await import(new URL(m, import.meta.url).href);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
}

/** Runs a file verification, turning an unreadable copy into a failure naming file and line. */
async function readable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LedgerError)
      throw new CliError(`bản sao không đọc được / unreadable copy: ${err.message}`, 1);
    throw err;
  }
}

async function withDatabase<T>(opts: DbOptions, fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const databaseUrl = opts.dataDir ? undefined : (opts.databaseUrl ?? config.databaseUrl);
  const dataDir = opts.dataDir ?? config.dataDir;
  // Never create an empty database where none is: verifying must not change anything.
  if (!databaseUrl && !fs.existsSync(dataDir)) {
    throw new CliError(`không có thư mục dữ liệu / data directory not found: ${dataDir}`, 2);
  }
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    const exists = await sql<{ t: string | null }>`SELECT to_regclass('ledger_entry')::text AS t`.execute(
      database.db,
    );
    if (!exists.rows[0]?.t)
      throw new CliError(
        `${database.kind} ${database.location}: không có sổ cái (no ledger_entry table: not a migrated minhbach database)`,
        2,
      );
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The human report: one line per finding, then a verdict. */
export function formatReport(report: LedgerReport, subject: string): string {
  const lines = [
    `Sổ cái / ledger: ${subject}`,
    `${report.entries} mục (entries)${report.head ? `, mục cuối seq ${report.head.seq} hash ${report.head.hash}` : ''}`,
  ];
  const live = Object.entries(report.liveChecked);
  if (live.length > 0)
    lines.push(
      `So với công bố hiện hành (live publications checked): ${live.map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
  if (report.unresolvedKinds.length > 0) {
    lines.push(
      `Chưa kiểm tra công bố hiện hành của (no resolver registered for): ${report.unresolvedKinds.join(', ')}`,
    );
  }
  for (const f of report.findings) lines.push(`  [${f.code}] ${f.message}`);
  lines.push(
    report.intact
      ? 'NGUYÊN VẸN — intact: every entry chains to the previous one and matches its document.'
      : `BỊ SỬA ĐỔI — tampered: ${report.findings.length} finding(s).`,
  );
  return `${lines.join('\n')}\n`;
}
