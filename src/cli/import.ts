import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importMuasamcong, type ImportProgress } from '../importers/muasamcong/run.ts';
import { formatReport } from '../importers/muasamcong/report.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';
import { registerImportAdminUnits } from './import-admin-units.ts';

/**
 * `minhbach import muasamcong <paths...>`: imports files of the national e-procurement system (and the
 * community dataset tbyt-2026) from files or folders, prints a summary on stdout and progress on
 * stderr (a bar when stderr is a terminal, otherwise a plain line now and then).
 * Exit codes: 0 all files imported or skipped, 1 some file failed (listed in the summary),
 * 2 usage error (e.g. no path given).
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
      const database = await openMigratedDatabase();
      const progress = progressReporter();
      try {
        const report = await importMuasamcong(database.db, paths, { onProgress: progress.update });
        progress.stop();
        process.stdout.write(formatReport(report));
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
  return importCmd;
}

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
