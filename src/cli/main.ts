import fs from 'node:fs';
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
    .version(packageVersion(), '-V, --version', 'phiên bản (version)')
    .addHelpText(
      'after',
      '\nBiến môi trường / environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; mặc định PGlite),\n' +
        '  MINHBACH_DATA_DIR (./data, thư mục của PGlite), LOG_LEVEL (info).',
    )
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
    process.stderr.write(`minhbach: ${describe(err)}\n`);
    process.exitCode = 1;
  }
}

/** One line for an unexpected error: its message, never a stack trace or `[object Object]`. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err)
    return String((err as { message: unknown }).message);
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
