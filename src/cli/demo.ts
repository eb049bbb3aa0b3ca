import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { hasNonDemoData, loadDemo } from '../demo/load.ts';
import { hasDemoData } from '../procurement/queries/demo.ts';
import { openMigratedDatabase } from './database.ts';

/**
 * `minhbach demo`: loads the deterministic demo dataset (dữ liệu minh họa) into the
 * configured database on demand — also into one that already holds real data, with a warning, since
 * every page then shows the demo banner. Progress bar on stderr when it is a terminal; a summary on
 * stdout. Loading again changes nothing.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Nạp dữ liệu minh họa vào cơ sở dữ liệu (load the demo dataset)')
    .action(async () => {
      const database = await openMigratedDatabase();
      try {
        const mixing = (await hasNonDemoData(database.db)) && !(await hasDemoData(database.db));
        if (mixing) {
          process.stderr.write(
            'Cảnh báo: cơ sở dữ liệu đã có dữ liệu thật; dữ liệu minh họa sẽ lẫn với dữ liệu thật và mọi trang sẽ hiện biểu ngữ "dữ liệu minh họa".\n' +
              'warning: the database already holds real data; demo data is now mixed with it and every page will show the demo banner.\n',
          );
        }
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: 'Nạp dữ liệu minh họa [{bar}] {value}/{total} gói thầu', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        const loaded = await loadDemo(database.db, {
          onProgress: (done, total) => {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        }).finally(() => {
          if (started) bar?.stop();
        });
        const count = (entity: string) =>
          loaded.stats.byEntity[entity] ?? { created: 0, updated: 0, unchanged: 0 };
        const tbmt = count('tbmt');
        const summary = [
          ['gói thầu (tbmt)', 'tbmt'],
          ['kế hoạch (khlcnt)', 'khlcnt'],
          ['tổ chức (org)', 'org'],
          ['kết quả (kqlcnt)', 'kqlcnt'],
          ['hợp đồng (contract)', 'contract'],
        ]
          .map(([label, entity]) => `${count(entity!).created} ${label}`)
          .join(', ');
        if (tbmt.created === 0 && tbmt.updated === 0) {
          process.stdout.write(
            `Dữ liệu minh họa đã có sẵn (${loaded.tbmt} gói thầu): không thay đổi gì. ${database.kind} ${database.location}\n`,
          );
        } else {
          process.stdout.write(
            `Đã nạp dữ liệu minh họa: ${summary}. ${database.kind} ${database.location}\n`,
          );
        }
        if (loaded.stats.conflicts.length > 0) {
          process.stderr.write(
            `Lưu ý: ${loaded.stats.conflicts.length} giá trị khác với dữ liệu đã lưu được giữ nguyên (fill-only).\n`,
          );
        }
      } finally {
        await database.close();
      }
    });
}
