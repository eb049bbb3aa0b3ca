import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';

/** `minhbach migrate`: applies pending SQL migrations and says which. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Áp dụng các migration SQL còn thiếu (apply pending SQL migrations)')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(database.db);
        for (const f of result.applied) process.stdout.write(`applied ${f}\n`);
        process.stdout.write(
          `${database.kind} ${database.location}: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied\n`,
        );
      } finally {
        await database.close();
      }
    });
}
