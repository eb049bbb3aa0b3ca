import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../db/connect.ts';
import { loadSchemaSet } from '../ocds/schema/load.ts';
import { createValidator, type OcdsValidator } from '../ocds/validate/index.ts';
import { importOcdsFiles, type ImportFileReport, type ImportProblem } from '../opendata/import.ts';
import { openMigratedDatabase } from './database.ts';
import { CliError } from './errors.ts';

/** What the command uses from its surroundings; tests pass their own. */
export interface ImportOcdsCliDeps {
  out(text: string): void;
  err(text: string): void;
  openDatabase(): Promise<Database>;
}

const DEFAULT_DEPS: ImportOcdsCliDeps = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  openDatabase: () => openMigratedDatabase(),
};

/** Problems listed per file before "… N more". */
const MAX_LISTED = 20;

/**
 * `minhbach import ocds <files...> [--schema-dir DIR]`: imports other publishers' OCDS (release or
 * record packages, bare releases/records, arrays, JSON Lines, concatenated JSON) into the release
 * store, streaming; see src/opendata/import.ts for what is stored. Prints per file the counts and
 * each problem with its JSON pointer. With `--schema-dir` (or MINHBACH_OCDS_SCHEMA_DIR) each release is
 * also validated and schema findings are listed as warnings (the release is kept).
 *
 * Exit codes: 0 every release stored or already stored; 1 a file was missing or unreadable, or a
 * release was rejected (listed); 2 usage error.
 */
export function registerImportOcds(importCommand: Command, deps: Partial<ImportOcdsCliDeps> = {}): void {
  const io = { ...DEFAULT_DEPS, ...deps };
  importCommand
    .command('ocds')
    .description(
      "Nhập dữ liệu OCDS của đơn vị công bố khác (import other publishers' OCDS releases and records: packages, JSON Lines, …)",
    )
    .argument('<files...>', 'OCDS files')
    .option(
      '--schema-dir <dir>',
      'validate each release against the OCDS schema in this folder (findings are warnings)',
    )
    .action(async (files: string[], options: { schemaDir?: string }) => {
      const missing = files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
      if (missing.length > 0) {
        throw new CliError(
          `không tìm thấy tệp, chưa nhập gì / file not found, nothing imported: ${missing.join(', ')}`,
          1,
        );
      }
      const validator = await validatorFor(options.schemaDir ?? process.env.MINHBACH_OCDS_SCHEMA_DIR);
      const database = await io.openDatabase();
      let reports: ImportFileReport[];
      try {
        reports = await importOcdsFiles(database.db, files, { validator });
      } finally {
        await database.close();
      }
      io.out(formatOcdsImport(reports));
      const failed = reports.filter((r) => r.readError || r.rejected > 0);
      if (failed.length > 0) {
        throw new CliError(
          `${failed.length} of ${reports.length} files had releases not imported (see above)`,
          1,
        );
      }
    });
}

async function validatorFor(schemaDir: string | undefined): Promise<OcdsValidator | undefined> {
  if (!schemaDir) return undefined;
  const set = await loadSchemaSet({ schemaDir: path.resolve(schemaDir) });
  return createValidator(set);
}

/** The report printed by the command: a block per file, then the totals. */
export function formatOcdsImport(reports: ImportFileReport[]): string {
  const lines: string[] = [];
  const total = { read: 0, stored: 0, unchanged: 0, rejected: 0 };
  for (const r of reports) {
    total.read += r.read;
    total.stored += r.stored;
    total.unchanged += r.unchanged;
    total.rejected += r.rejected;
    lines.push(
      `${r.file}: ${r.read} release(s) read — ${r.stored} mới lưu / stored, ${r.unchanged} đã có / unchanged, ${r.rejected} không nhập / rejected`,
    );
    // Errors (releases not imported) one by one; warnings (kept anyway) grouped by code.
    const errors = r.problems.filter((p) => p.severity === 'error');
    for (const p of errors.slice(0, MAX_LISTED)) {
      lines.push(`  error ${p.code} at ${where(r.file, p)}: ${p.message}`);
    }
    if (errors.length > MAX_LISTED) lines.push(`  … ${errors.length - MAX_LISTED} more errors`);
    const warnings = new Map<string, { n: number; first: ImportProblem }>();
    for (const p of r.problems) {
      if (p.severity !== 'warning') continue;
      const g = warnings.get(p.code) ?? { n: 0, first: p };
      g.n++;
      warnings.set(p.code, g);
    }
    for (const [code, g] of warnings) {
      lines.push(
        `  warning ${code} ×${g.n}, first at ${where(r.file, g.first)}: ${g.first.message} (release kept)`,
      );
    }
  }
  lines.push(
    `Tổng / total: ${total.read} read, ${total.stored} stored, ${total.unchanged} unchanged, ${total.rejected} rejected` +
      (total.stored === 0 ? ' — nothing changed' : ''),
  );
  return `${lines.join('\n')}\n`;
}

/** `file:line#pointer` (line for JSON Lines and concatenated documents). */
function where(file: string, p: ImportProblem): string {
  return `${file}${p.line !== undefined ? `:${p.line}` : ''}#${p.pointer || '/'}`;
}
