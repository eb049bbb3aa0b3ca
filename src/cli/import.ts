import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importMuasamcong, type ImportProgress } from '../importers/muasamcong/run.ts';
import { formatReport } from '../importers/muasamcong/report.ts';
import { expandPaths } from '../importers/muasamcong/walk.ts';
import { hasDemoData } from '../procurement/queries/demo.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';
import { registerImportAdminUnits } from './import-admin-units.ts';
import { registerImportOcds } from './import-ocds.ts';

/**
 * `minhbach import muasamcong <paths...>`: imports files of the national e-procurement system (and the
 * community dataset tbyt-2026) from files or folders, prints a summary on stdout (Vietnamese first,
 * English second: the database written to, failed files, counts, a last line saying what changed)
 * and progress on stderr (a bar when stderr is a terminal, otherwise a plain line now and then).
 *
 * The paths are checked before the database is opened: when one does not exist, or none holds a file
 * to import, nothing is opened or created. Importing into a database that holds the demo dataset
 * prints a warning (the real notices are mixed with the demo ones) and goes on.
 *
 * Exit codes: 0 all files imported or skipped, 1 some file failed (listed in the summary) or a path
 * does not exist, 2 usage error (e.g. no path given).
 * @returns the `import` command, for other importers to add their subcommands to.
 */
export function registerImport(program: Command): Command {
  const importCmd = program
    .command('import')
    .description('Nhập dữ liệu đấu thầu từ tệp (import procurement data from files)');
  importCmd
    .command('muasamcong')
    .description(
      'Nhập các tệp JSON của Hệ thống mạng đấu thầu quốc gia (import JSON files of the national e-procurement system; folders are walked for *.json)',
    )
    .argument('<paths...>', 'files or folders to import')
    .action(async (paths: string[]) => {
      // Before the database is opened (or created): a mistyped path stops here, changing nothing.
      const expanded = await expandPaths(paths);
      const notFound = expanded.failed.filter((f) => f.notFound);
      if (notFound.length > 0 || expanded.files.length === 0) {
        for (const f of expanded.failed) process.stdout.write(`  ${f.display}: ${f.reason}\n`);
        if (notFound.length > 0) {
          throw new CliError(
            `không tìm thấy đường dẫn, chưa nhập gì / path not found, nothing imported: ${notFound.map((f) => f.display).join(', ')}`,
            1,
          );
        }
        if (expanded.failed.length > 0) {
          throw new CliError('không có tệp nào nhập được / no file can be imported (see above)', 1);
        }
        process.stdout.write('Không có tệp *.json nào để nhập — no *.json file to import; nothing changed\n');
        return;
      }
      const database = await openMigratedDatabase();
      const progress = progressReporter();
      try {
        const demo = await hasDemoData(database.db);
        if (demo) process.stderr.write(DEMO_WARNING);
        const report = await importMuasamcong(database.db, paths, { expanded, onProgress: progress.update });
        progress.stop();
        process.stdout.write(
          formatReport(report, { database: { kind: database.kind, location: database.location }, demo }),
        );
        if (report.failed > 0) {
          throw new CliError(
            `${report.failed} of ${report.files.length} files could not be imported (see above)`,
            1,
          );
        }
      } finally {
        progress.stop();
        await database.close();
      }
    });
  registerImportAdminUnits(importCmd);
  registerImportOcds(importCmd);
  return importCmd;
}

const DEMO_WARNING =
  'Cảnh báo: cơ sở dữ liệu này đang có dữ liệu minh họa (demo); các gói thầu thật sẽ bị trộn lẫn với dữ liệu minh họa ' +
  'và mọi trang vẫn hiện biểu ngữ "dữ liệu minh họa". Để tránh, hãy nhập vào cơ sở dữ liệu mới: đặt MINHBACH_DATA_DIR ' +
  'là một thư mục mới (PGlite), hoặc DATABASE_URL trỏ tới một cơ sở dữ liệu PostgreSQL khác. Vẫn tiếp tục nhập.\n' +
  'warning: this database holds the demo dataset; the real notices will be mixed with the demo notices and every ' +
  'page keeps showing the demo banner. To avoid this, import into a new database: set MINHBACH_DATA_DIR to a new ' +
  'directory (PGlite), or DATABASE_URL to another PostgreSQL database. Importing anyway.\n';

/** Progress on stderr: a cli-progress bar on a terminal, else an occasional plain line. */
function progressReporter(): { update: (p: ImportProgress) => void; stop: () => void } {
  const phaseName = { read: 'reading', save: 'saving' } as const;
  if (process.stderr.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let phase: ImportProgress['phase'] | null = null;
    return {
      update(p) {
        if (phase !== p.phase) {
          bar?.stop();
          phase = p.phase;
          bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: `${phaseName[p.phase]} [{bar}] {value}/{total} {label}` },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, 0, { label: '' });
        }
        bar?.update(p.done, { label: p.label.length > 50 ? `…${p.label.slice(-49)}` : p.label });
      },
      stop() {
        bar?.stop();
        bar = null;
      },
    };
  }
  // Not a terminal (a log, CI): a line at most every 2 seconds, and when a phase ends.
  let last = Date.now();
  return {
    update(p) {
      const now = Date.now();
      if (p.done === p.total || now - last >= 2000) {
        last = now;
        process.stderr.write(`${phaseName[p.phase]}: ${p.done}/${p.total}\n`);
      }
    },
    stop() {},
  };
}
