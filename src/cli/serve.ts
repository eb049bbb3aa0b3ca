import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { hasAnyData, loadDemo } from '../demo/load.ts';
import { buildApp } from '../web/app.ts';
import { startAlertTimer } from './alerts.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';

/**
 * `minhbach serve [--no-demo]`: migrates, loads the demo dataset into an empty database (never into
 * one that holds data), and serves the portal on HOST:PORT.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Chạy cổng thông tin (start the portal)')
    .option('--no-demo', 'không nạp dữ liệu minh họa vào cơ sở dữ liệu trống (start empty)')
    .option(
      '--no-alerts',
      'không chạy việc gửi thông báo e-mail định kỳ (no alert timer; also MINHBACH_ALERTS=off)',
    )
    .action(async (opts: { demo: boolean; alerts: boolean }) => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      if (opts.demo && !(await hasAnyData(database.db))) {
        process.stderr.write('Cơ sở dữ liệu trống: nạp dữ liệu minh họa (demo)…\n');
        const loaded = await loadDemo(database.db);
        process.stderr.write(`Đã nạp ${loaded.tbmt} gói thầu minh họa.\n`);
      }
      const app = await buildApp({
        database,
        logger: { level: config.logLevel },
        trustProxy: config.trustProxy,
      });
      const stopAlerts = opts.alerts
        ? startAlertTimer(database, (line) => app.log.info(line))
        : async () => {};
      const close = async () => {
        await stopAlerts();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (err) {
        // Release the database (and its lock) so the process ends with the error instead of idling.
        await app.close().catch(() => {});
        await database.close().catch(() => {});
        const reason =
          (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
            ? 'the port is already in use'
            : (err as Error).message;
        throw new CliError(`cannot listen on ${config.host}:${config.port}: ${reason}`);
      }
      process.stderr.write(
        `minhbach: http://${displayHost(config.host)}:${listeningPort(app.server.address(), config.port)}/ (${database.kind} ${database.location})\n`,
      );
    });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** The port actually bound (differs from the configured one for PORT=0). */
function listeningPort(address: AddressInfo | string | null, configured: number): number {
  return address && typeof address === 'object' ? address.port : configured;
}
