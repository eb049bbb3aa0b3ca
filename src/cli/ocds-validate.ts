import fs from 'node:fs';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { OcdsReadError, readOcdsEvents } from '../ocds/read/index.ts';
import { defaultSchemaDir, loadSchemaSet, OcdsSchemaError } from '../ocds/schema/index.ts';
import { createValidator, type OcdsFinding } from '../ocds/validate/index.ts';
import { CliError } from './errors.ts';

/** Inputs larger than this (bytes) get a progress bar when stderr is a terminal. */
const PROGRESS_MIN_BYTES = 10 * 1024 * 1024;

interface FileReport {
  file: string;
  releases: number;
  records: number;
  packages: number;
  counts: { error: number; warning: number; notice: number };
  findings: (OcdsFinding & { line?: number })[];
}

/**
 * `minhbach ocds validate [--schema-dir DIR] [--extension DIR ...] [--format text|json] [FILES...]`:
 * validates OCDS files (or stdin when no file, or `-`) against the schemas and the Data Review Tool
 * checks. Text: one line per finding `file:line: severity code pointer — message`, then a summary per
 * file and in total. JSON: one JSON object per file (JSON Lines) with its findings and counts.
 * Exit codes: 0 every file valid (no finding of severity error), 1 some data invalid (including a
 * file that is not OCDS/JSON), 2 usage error, schema not found, or a file that cannot be read.
 */
export function addValidateCommand(ocds: Command): void {
  ocds
    .command('validate')
    .description(
      'Kiểm tra dữ liệu OCDS theo lược đồ 1.1.5 (validate OCDS data: schema + Data Review Tool checks)',
    )
    .argument('[files...]', 'JSON / JSON Lines files (stdin when none, or "-")')
    .option(
      '--schema-dir <dir>',
      'folder of the OCDS schema (release-schema.json, …, codelists/); env MINHBACH_OCDS_SCHEMA_DIR',
    )
    .option('--extension <dir...>', 'local extension folder (release-schema.json, codelists/), repeatable')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      async (
        files: string[],
        opts: { schemaDir?: string; extension?: string[]; format: 'text' | 'json' },
      ) => {
        const inputs = files.length === 0 ? ['-'] : files;
        if (inputs.filter((f) => f === '-').length > 1)
          throw new CliError('stdin ("-") can be read only once / chỉ đọc được stdin một lần', 2);
        for (const f of inputs) {
          if (f !== '-' && !fs.existsSync(f))
            throw new CliError(`không tìm thấy tệp / file not found: ${f}`, 2);
        }
        const schemaDir = defaultSchemaDir({ schemaDir: opts.schemaDir });
        let set;
        try {
          set = await loadSchemaSet({ schemaDir, extensions: opts.extension ?? [] });
        } catch (err) {
          if (err instanceof OcdsSchemaError) throw new CliError(err.message, 2);
          throw err;
        }
        const validator = createValidator(set);
        const total = { files: 0, invalid: 0, error: 0, warning: 0, notice: 0, releases: 0, records: 0 };
        let ioFailure = false;
        if (opts.format === 'text') {
          for (const f of set.findings)
            process.stdout.write(`(schema): ${f.severity} ${f.code} — ${f.message}\n`);
        }
        for (const input of inputs) {
          const name = input === '-' ? '<stdin>' : input;
          const report: FileReport = {
            file: name,
            releases: 0,
            records: 0,
            packages: 0,
            counts: { error: 0, warning: 0, notice: 0 },
            findings: [],
          };
          const emit = (f: OcdsFinding, line?: number): void => {
            report.counts[f.severity]++;
            if (opts.format === 'json') report.findings.push(line !== undefined ? { ...f, line } : f);
            else
              process.stdout.write(
                `${name}${line !== undefined ? `:${line}` : ''}: ${f.severity} ${f.code} ${f.pointer || '(root)'} — ${f.message}\n`,
              );
          };
          for (const f of set.findings) report.counts[f.severity]++;
          const session = validator.session();
          const progress = openInput(input);
          try {
            for await (const ev of readOcdsEvents(progress.stream, { name })) {
              if (ev.kind === 'release') report.releases++;
              else if (ev.kind === 'record') report.records++;
              else report.packages++;
              for (const f of session.event(ev)) emit(f, ev.line);
            }
          } catch (err) {
            if (!(err instanceof OcdsReadError)) throw err;
            if (err.code === 'io-error') ioFailure = true;
            emit(session.readError(err), err.line);
          } finally {
            progress.stop();
          }
          total.files++;
          total.releases += report.releases;
          total.records += report.records;
          for (const s of ['error', 'warning', 'notice'] as const) total[s] += report.counts[s];
          if (report.counts.error > 0) total.invalid++;
          if (opts.format === 'json') {
            process.stdout.write(
              `${JSON.stringify({ ...report, valid: report.counts.error === 0, schemaVersion: set.version })}\n`,
            );
          } else {
            process.stdout.write(
              `${name}: ${report.counts.error === 0 ? 'hợp lệ / valid' : 'KHÔNG hợp lệ / INVALID'} — ${report.releases} releases, ${report.records} records; ` +
                `${report.counts.error} errors, ${report.counts.warning} warnings, ${report.counts.notice} notices\n`,
            );
          }
        }
        if (opts.format === 'text' && inputs.length > 1) {
          process.stdout.write(
            `Tổng / total: ${total.files} files (${total.invalid} invalid), ${total.releases} releases, ${total.records} records; ` +
              `${total.error} errors, ${total.warning} warnings, ${total.notice} notices (schema ${set.version})\n`,
          );
        }
        if (ioFailure) process.exitCode = 2;
        else if (total.invalid > 0) process.exitCode = 1;
      },
    );
}

/** The byte stream of a file or stdin, with a progress bar on stderr for a large file on a terminal. */
function openInput(input: string): { stream: NodeJS.ReadableStream | string; stop: () => void } {
  if (input === '-') return { stream: process.stdin, stop: () => {} };
  const size = fs.statSync(input).size;
  if (!process.stderr.isTTY || size < PROGRESS_MIN_BYTES) return { stream: input, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'validating [{bar}] {percentage}% {value}/{total} MB' },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number): number => Math.round(n / 1e6);
  bar.start(mb(size), 0);
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      bar.update(mb(read));
      done(null, chunk);
    },
  });
  const source = fs.createReadStream(input);
  source.on('error', (err) => counter.destroy(err));
  source.pipe(counter);
  return { stream: counter, stop: () => bar.stop() };
}
