import { Command, CommanderError } from 'commander';
import { registerDemo } from './demo.ts';
import { registerImport } from './import.ts';
import { registerMigrate } from './migrate.ts';
import { registerServe } from './serve.ts';
import { CliError } from './errors.ts';

/**
 * The `minhbach` command line. Exit codes: 0 success, 1 the work failed (e.g. a file could not be
 * imported, a migration failed), 2 usage error.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('minhbach')
    .description('minhbach — cổng minh bạch thông tin đấu thầu (procurement transparency portal)')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerMigrate(program);
  registerImport(program);
  registerDemo(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`minhbach: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`minhbach: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
