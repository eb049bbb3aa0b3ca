import fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError } from './errors.ts';

type Register = (program: Command) => unknown;

/**
 * Every command, in the order `--help` lists them, each loaded only when needed: a run of one
 * command (e.g. `ocds compile` on a 1 GB file) does not load the portal, the database drivers and
 * every other command's modules, which keeps its memory small.
 */
const COMMANDS: readonly [name: string, load: () => Promise<Register>][] = [
  ['serve', async () => (await import('./serve.ts')).registerServe],
  ['migrate', async () => (await import('./migrate.ts')).registerMigrate],
  ['import', async () => (await import('./import.ts')).registerImport],
  ['demo', async () => (await import('./demo.ts')).registerDemo],
  ['admin', async () => (await import('./admin.ts')).registerAdmin],
  ['alerts', async () => (await import('./alerts.ts')).registerAlerts],
  ['calendar', async () => (await import('./calendar.ts')).registerCalendar],
  ['law', async () => (await import('./law.ts')).registerLaw],
  ['ledger', async () => (await import('./ledger.ts')).registerLedger],
  ['ocds', async () => (await import('./ocds.ts')).registerOcds],
];

/**
 * The `minhbach` command line. Exit codes: 0 success, 1 the work failed (e.g. a file could not be
 * imported, a migration failed), 2 usage error.
 */
export async function main(argv: string[]): Promise<void> {
  // Output piped into a reader that stops early (`| head`) ends the command quietly, as Unix tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
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
  // The command named on the line (the first word that is not an option), or every command when
  // none is named or the name is unknown (help and "unknown command" list them all).
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = COMMANDS.filter(([name]) => name === first);
  for (const [, load] of wanted.length > 0 ? wanted : COMMANDS) (await load())(program);
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
