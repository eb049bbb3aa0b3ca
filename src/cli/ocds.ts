import type { Command } from 'commander';
import { addCompileCommand } from './ocds-compile.ts';
import { addSchemaCommand } from './ocds-schema.ts';
import { addValidateCommand } from './ocds-validate.ts';

/**
 * `minhbach ocds …`: Open Contracting Data Standard tools — `compile` (in
 * `ocds-compile.ts`), `validate` (schema and Data Review Tool
 * checks), `schema fetch` (download the official schema for offline use).
 * @returns the `ocds` command, for other OCDS subcommands.
 */
export function registerOcds(program: Command): Command {
  // `minhbach ocds schema fetch --version 1.1.5` must reach the subcommand, not the program's own
  // `-V, --version`: program options are then read only before the subcommand (`minhbach --version`).
  program.enablePositionalOptions();
  const ocds = program
    .command('ocds')
    .description('Công cụ dữ liệu OCDS (Open Contracting Data Standard tools)')
    .addHelpText(
      'after',
      '\nBiến môi trường / environment: MINHBACH_OCDS_SCHEMA_DIR (thư mục lược đồ / schema folder; mặc định <MINHBACH_DATA_DIR>/cache/ocds-schema/1.1.5).',
    );
  addCompileCommand(ocds);
  addValidateCommand(ocds);
  addSchemaCommand(ocds);
  return ocds;
}
