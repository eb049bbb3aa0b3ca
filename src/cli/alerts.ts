/**
 * `minhbach alerts send`: runs the e-mail alert job once (new matches of every saved search, due
 * immediate alerts and daily digests) and prints what it did; and the timer `serve` uses to run the
 * same job every `MINHBACH_ALERTS_INTERVAL` seconds (opt out with `--no-alerts` or
 * `MINHBACH_ALERTS=off`). Exit codes: 0 done (or another instance was running it), 1 a message could
 * not be sent or the job failed.
 */
import type { Command } from 'commander';
import { loadAlertsConfig } from '../alerts/config.ts';
import { runAlertJob, type AlertJobReport } from '../alerts/job.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/connect.ts';
import { createMailTransport } from '../mail/transport.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';

/** Registers `minhbach alerts send`. */
export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('Thông báo gói thầu qua e-mail (e-mail alerts on saved searches)');
  alerts
    .command('send')
    .description(
      'Gửi thông báo cho các gói thầu mới phù hợp với tìm kiếm đã lưu (send due alerts and digests; safe to run again or concurrently)',
    )
    .option(
      '--resend-interrupted',
      'gửi lại thư SMTP bị gián đoạn giữa lúc gửi và lúc ghi nhận (resend messages interrupted between send and mark: may duplicate)',
    )
    .action(async (opts: { resendInterrupted?: boolean }) => {
      const config = loadConfig();
      const alertsConfig = loadAlertsConfig();
      const transport = createMailTransport(process.env, config.dataDir);
      const database = await openMigratedDatabase(config);
      try {
        const report = await runAlertJob(
          database,
          { transport, config: alertsConfig },
          {
            resendInterrupted: opts.resendInterrupted ?? false,
            log: (line) => process.stderr.write(`${line}\n`),
          },
        );
        process.stdout.write(formatReport(report, transport.kind === 'outbox' ? transport.outboxDir : null));
        if (report.failed > 0)
          throw new CliError(`${report.failed} message(s) could not be sent (see above)`, 1);
      } finally {
        transport.close();
        await database.close();
      }
    });
}

/** The report of one run, Vietnamese first, English second. */
export function formatReport(r: AlertJobReport, outboxDir: string | null): string {
  if (r.skipped) {
    return 'Một tiến trình khác đang chạy việc gửi thông báo; lần này bỏ qua. — Another instance is running the alert job; skipped.\n';
  }
  const lines = [
    `Kết quả khớp mới / new matches: ${r.matched}`,
    `Thư đã gửi / messages sent: ${r.sent}${outboxDir ? ` (vào hộp thư đi / written to ${outboxDir})` : ''}`,
    `Thư gửi lỗi / messages failed: ${r.failed}`,
  ];
  const rec = r.recovered;
  if (rec.markedSent + rec.resent + rec.uncertain > 0) {
    lines.push(
      `Thư bị gián đoạn lần trước / interrupted last time: ${rec.markedSent} đã có trong hộp thư đi (already in outbox), ` +
        `${rec.resent} gửi lại (resent), ${rec.uncertain} không gửi lại vì có thể đã gửi (uncertain, not resent)`,
    );
  }
  if (r.invalidSearches > 0)
    lines.push(`Tìm kiếm đã lưu không đọc được / unreadable saved searches: ${r.invalidSearches}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Starts running the alert job inside `serve` every `MINHBACH_ALERTS_INTERVAL` seconds (first run
 * after one interval). Does nothing and returns a no-op when `MINHBACH_ALERTS=off`. Errors are logged,
 * never thrown: the portal keeps serving.
 * @returns a function that stops the timer and waits for a running job.
 */
export function startAlertTimer(database: Database, log: (line: string) => void): () => Promise<void> {
  const alertsConfig = loadAlertsConfig();
  if (!alertsConfig.timerEnabled) return async () => {};
  const transport = createMailTransport(process.env, loadConfig().dataDir);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runAlertJob(database, { transport, config: alertsConfig }, { log })
      .then((r) => {
        if (r.sent + r.failed > 0)
          log(`alerts: ${r.sent} sent, ${r.failed} failed, ${r.matched} new matches`);
      })
      .catch((err: unknown) =>
        log(`alerts: job failed: ${err instanceof Error ? err.message : String(err)}`),
      );
  }, alertsConfig.intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    transport.close();
  };
}
