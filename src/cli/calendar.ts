/**
 * `minhbach calendar …`: the working-day calendar of state agencies (lịch ngày làm việc).
 *
 * - `calendar year YYYY`: the year's days off and make-up working days with their reason and source,
 *   as an aligned table (Vietnamese);
 * - `calendar add DATE N`: the date N working days after DATE (N < 0: before);
 * - `calendar override add|remove|list`: the administrator's override table (audited).
 *
 * `year` and `add` apply the overrides of the configured database; `--no-overrides` uses the built-in
 * rules only (no database is opened). Exit codes: 0 success, 1 failure, 2 usage (bad date, number).
 */
import type { Command } from 'commander';
import {
  WorkingCalendar,
  WEEKDAY_VI,
  formatVnDate,
  parseIsoDate,
  weekday,
  type DayInfo,
  type YearListing,
} from '../calendar/index.ts';
import { OverrideError, addOverride, listOverrides, removeOverride } from '../calendar-admin/overrides.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';

const KIND_VI: Record<DayInfo['kind'], string> = {
  holiday: 'nghỉ lễ',
  'give-back': 'nghỉ bù',
  'swap-off': 'nghỉ hoán đổi',
  'make-up': 'làm bù',
  override: 'điều chỉnh',
  weekday: 'ngày làm việc',
  weekend: 'nghỉ hằng tuần',
};

/** Registers `calendar` and its subcommands. */
export function registerCalendar(program: Command): void {
  const cmd = program
    .command('calendar')
    .description(
      'Lịch ngày làm việc của cơ quan nhà nước (working-day calendar: holidays, make-up days, counting)',
    );

  cmd
    .command('year')
    .description(
      'Liệt kê ngày nghỉ và ngày làm bù của một năm, kèm lý do (days off and make-up days of a year)',
    )
    .argument('<year>', 'năm, ví dụ 2025')
    .option('--no-overrides', 'chỉ dùng quy tắc có sẵn, không đọc cơ sở dữ liệu (built-in rules only)')
    .action(async (yearText: string, opts: { overrides: boolean }) => {
      if (!/^\d{4}$/.test(yearText)) throw new CliError(`năm không hợp lệ / invalid year: ${yearText}`, 2);
      const calendar = await openCalendar(opts.overrides);
      const listing = usage(() => calendar.year(Number(yearText)));
      process.stdout.write(formatYear(listing));
    });

  cmd
    .command('add')
    .description('Ngày sau DATE đúng N ngày làm việc (the date N working days after DATE; N < 0 counts back)')
    .argument('<date>', 'ngày YYYY-MM-DD')
    .argument('<n>', 'số ngày làm việc (working days)')
    .option('--no-overrides', 'chỉ dùng quy tắc có sẵn, không đọc cơ sở dữ liệu (built-in rules only)')
    .action(async (date: string, nText: string, opts: { overrides: boolean }) => {
      if (!/^-?\d{1,5}$/.test(nText))
        throw new CliError(`N phải là số nguyên / N must be a whole number: ${nText}`, 2);
      usage(() => parseIsoDate(date));
      const calendar = await openCalendar(opts.overrides);
      const result = usage(() => calendar.addWorkingDays(date, Number(nText)));
      process.stdout.write(`${result}\n`);
      if (process.stdout.isTTY) {
        process.stderr.write(`${WEEKDAY_VI[weekday(result)]} ${formatVnDate(result)}\n`);
      }
    });

  const override = cmd
    .command('override')
    .description('Bảng điều chỉnh của quản trị viên (administrator overrides, audited)');
  override
    .command('add')
    .description('Đặt một ngày là ngày làm việc (--working) hoặc ngày nghỉ (--off), kèm lý do')
    .argument('<date>', 'ngày YYYY-MM-DD')
    .option('--working', 'là ngày làm việc (working day)')
    .option('--off', 'là ngày nghỉ (day off)')
    .requiredOption('--reason <text>', 'lý do, trích văn bản chính thức (reason, citing the official notice)')
    .option('--actor <name>', 'người ghi (who records it, for the audit log)', 'cli')
    .action(
      async (date: string, opts: { working?: boolean; off?: boolean; reason: string; actor: string }) => {
        if (Boolean(opts.working) === Boolean(opts.off)) {
          throw new CliError(
            'chọn đúng một trong --working hoặc --off / give exactly one of --working, --off',
            2,
          );
        }
        usage(() => parseIsoDate(date));
        await withDatabase(async (db) => {
          const o = await addOverride(
            db,
            { date, working: Boolean(opts.working), reason: opts.reason },
            opts.actor,
          );
          process.stdout.write(`Đã ghi: ${o.date} ${o.working ? 'làm việc' : 'nghỉ'} — ${o.reason}\n`);
        });
      },
    );
  override
    .command('remove')
    .description('Bỏ điều chỉnh của một ngày (remove the override of a date)')
    .argument('<date>', 'ngày YYYY-MM-DD')
    .option('--actor <name>', 'người ghi (who, for the audit log)', 'cli')
    .action(async (date: string, opts: { actor: string }) => {
      usage(() => parseIsoDate(date));
      await withDatabase(async (db) => {
        const o = await removeOverride(db, date, opts.actor);
        process.stdout.write(`Đã bỏ: ${o.date} ${o.working ? 'làm việc' : 'nghỉ'} — ${o.reason}\n`);
      });
    });
  override
    .command('list')
    .description('Liệt kê các điều chỉnh (list overrides)')
    .option('--year <year>', 'chỉ năm này (only this year)')
    .action(async (opts: { year?: string }) => {
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year))
        throw new CliError(`năm không hợp lệ: ${opts.year}`, 2);
      await withDatabase(async (db) => {
        const rows = await listOverrides(db, opts.year === undefined ? undefined : Number(opts.year));
        if (rows.length === 0) process.stdout.write('Không có điều chỉnh nào (no overrides).\n');
        for (const r of rows) {
          process.stdout.write(
            `${r.date}  ${r.working ? 'làm việc' : 'nghỉ    '}  ${r.reason}  (${r.createdBy}, ${r.createdAt.toISOString()})\n`,
          );
        }
      });
    });
}

/** Runs `fn`, turning a RangeError (bad date or number) into a usage error. */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError)
      throw new CliError(`giá trị không hợp lệ / invalid value: ${err.message}`, 2);
    throw err;
  }
}

async function openCalendar(useOverrides: boolean): Promise<WorkingCalendar> {
  if (!useOverrides) return new WorkingCalendar();
  let calendar = new WorkingCalendar();
  await withDatabase(async (db) => {
    calendar = new WorkingCalendar(await listOverrides(db));
  });
  return calendar;
}

async function withDatabase(
  fn: (db: Awaited<ReturnType<typeof openMigratedDatabase>>['db']) => Promise<void>,
) {
  const database = await openMigratedDatabase();
  try {
    await fn(database.db);
  } catch (err) {
    if (err instanceof OverrideError) throw new CliError(err.message, err.code === 'bad-reason' ? 2 : 1);
    throw err;
  } finally {
    await database.close();
  }
}

/** Display width of `s` (code points of NFC text: Vietnamese letters are precomposed). */
function width(s: string): number {
  return [...s.normalize('NFC')].length;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

/** The year as an aligned table: date, weekday, off/worked, kind, reason, source; then the sources. */
export function formatYear(listing: YearListing): string {
  const head = ['Ngày', 'Thứ', 'Làm/nghỉ', 'Loại', 'Lý do', 'Căn cứ'];
  const rows = listing.days.map((d) => [
    formatVnDate(d.date),
    WEEKDAY_VI[weekday(d.date)]!,
    d.working ? 'làm việc' : 'nghỉ',
    KIND_VI[d.kind],
    d.reason ?? '',
    d.source ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const off = listing.days.filter((d) => !d.working && weekday(d.date) !== 0 && weekday(d.date) !== 6).length;
  const makeUp = listing.days.filter((d) => d.working).length;
  const out = [
    `Lịch nghỉ lễ, Tết năm ${listing.year} của cơ quan nhà nước (days off and make-up working days, Asia/Ho_Chi_Minh)`,
    listing.provisional
      ? `Lưu ý: chưa có quyết định chính thức cho năm ${listing.year}; ngày Tết và ngày liền kề 2/9 tính theo quy tắc mặc định — quản trị viên cập nhật bằng "minhbach calendar override add" khi có thông báo. (provisional)`
      : null,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${off} ngày thường được nghỉ, ${makeUp} ngày thứ Bảy/Chủ nhật làm bù (${off} weekdays off, ${makeUp} make-up day(s)).`,
    ...(listing.sources.length > 0
      ? ['Nguồn (sources):', ...listing.sources.map((s) => `  ${s.document}: ${s.title}. ${s.url}`)]
      : []),
  ];
  return `${out.filter((l) => l !== null).join('\n')}\n`;
}
