import type { Command } from 'commander';
import { LAW_RULES, REGIME_IDS, REGIMES, type LawRule } from '../compliance/law/index.ts';
import { CliError } from './errors.ts';

/**
 * `minhbach law rules [--regime L43|L22|L22A] [--json]`: prints the law-as-data rule table (one line
 * per rule: id, effect, figure, citation, whether the figure is confirmed), so that anyone can read
 * exactly what the portal checks. Exit 2 for an unknown regime.
 */
export function registerLaw(program: Command): void {
  const law = program.command('law').description('Quy định pháp luật được kiểm tra (the law as data)');
  law
    .command('rules')
    .description('Liệt kê các quy tắc theo chế độ pháp lý (list the rules by regime)')
    .option('--regime <id>', `chỉ một chế độ (${REGIME_IDS.join(', ')})`)
    .option('--json', 'in JSON (print JSON)')
    .action((o: { regime?: string; json?: boolean }) => {
      if (o.regime !== undefined && !(REGIME_IDS as readonly string[]).includes(o.regime)) {
        throw new CliError(`chế độ không có: ${o.regime} (unknown regime; use ${REGIME_IDS.join(', ')})`, 2);
      }
      const rows = LAW_RULES.filter((r) => o.regime === undefined || r.regime === o.regime);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const regime of REGIMES) {
        const mine = rows.filter((r) => r.regime === regime.id);
        if (mine.length === 0) continue;
        process.stdout.write(
          `\n${regime.id} — ${regime.lawVi}; ${regime.decreeVi} (${regime.from ?? '…'} → ${regime.to ?? 'nay'})\n`,
        );
        for (const r of mine) process.stdout.write(`  ${line(r)}\n`);
      }
    });
}

function line(r: LawRule): string {
  const effect =
    r.topic === 'small-package' ? 'ĐỊNH NGHĨA' : r.effect === 'block' ? 'CHẶN     ' : 'ĐÁNH DẤU ';
  const confirmed = r.confirmed ? '' : ' [chưa xác nhận / unconfirmed]';
  return `${r.id.padEnd(48)} ${effect}  ${r.vi} — ${r.citation}${confirmed}`;
}
