import type { Command } from 'commander';
import { defaultSchemaDir } from '../ocds/schema/index.ts';
import { fetchSchema, officialSchemaUrl, SchemaFetchError } from '../ocds/schema/fetch.ts';
import { CliError } from './errors.ts';

/**
 * `minhbach ocds schema fetch [--version 1.1.5] [--base-url URL] [--dir DIR]`: downloads the official
 * OCDS schema files and codelists into `<data dir>/cache/ocds-schema/<version>` (or `--dir`) for
 * offline validation. All or nothing: on any failure the cache is left as it was and the exit code is 2.
 */
export function addSchemaCommand(ocds: Command): void {
  const schema = ocds.command('schema').description('Lược đồ OCDS (OCDS schema files)');
  schema
    .command('fetch')
    .description(
      'Tải lược đồ OCDS chính thức vào bộ nhớ đệm (download the official OCDS schema into the cache)',
    )
    .option('--version <version>', 'OCDS schema version, major.minor.patch', '1.1.5')
    .option(
      '--base-url <url>',
      'folder URL to download from (default: https://standard.open-contracting.org/schema/<1__1__5>/)',
    )
    .option('--dir <dir>', 'destination folder (default: <MINHBACH_DATA_DIR>/cache/ocds-schema/<version>)')
    .action(async (opts: { version: string; baseUrl?: string; dir?: string }) => {
      if (!/^\d+\.\d+\.\d+$/.test(opts.version)) {
        throw new CliError(`--version must look like 1.1.5, got "${opts.version}"`, 2);
      }
      const dest =
        opts.dir ??
        defaultSchemaDir({ version: opts.version, env: { ...process.env, MINHBACH_OCDS_SCHEMA_DIR: '' } });
      const base = opts.baseUrl ?? officialSchemaUrl(opts.version);
      try {
        const files = await fetchSchema({ version: opts.version, dest, baseUrl: base });
        process.stdout.write(
          `Đã tải ${files.length} tệp lược đồ OCDS ${opts.version} / downloaded ${files.length} files of OCDS ${opts.version} from ${base} into ${dest}\n`,
        );
      } catch (err) {
        if (err instanceof SchemaFetchError) {
          throw new CliError(`${err.message}; không thay đổi gì / nothing changed in ${dest}`, 2);
        }
        throw err;
      }
    });
}
