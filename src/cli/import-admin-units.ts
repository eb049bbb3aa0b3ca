import path from 'node:path';
import type { Command } from 'commander';
import {
  importAdminUnits,
  readAdminUnitFiles,
  type ImportAdminUnitsResult,
  type ImportProgress,
} from '../locations/import.ts';
import type { Database } from '../db/connect.ts';
import { openMigratedDatabase } from './database.ts';

/** What the command uses from its surroundings; tests pass their own. */
export interface ImportAdminUnitsCliDeps {
  /** Counts (stdout). */
  out(text: string): void;
  /** Progress (stderr). */
  err(text: string): void;
  /** True when `err` is a terminal (progress then rewrites one line). */
  errIsTty: boolean;
  /** Opens the migrated database (default: the configured one, see openMigratedDatabase). */
  openDatabase(): Promise<Database>;
}

const DEFAULT_DEPS: ImportAdminUnitsCliDeps = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
  openDatabase: () => openMigratedDatabase(),
};

/**
 * `minhbach import admin-units <dir>`: imports the administrative units of both eras and the old →
 * new commune mapping from `dir` (the folder holding `pre-2025/dvhcvn.json` and
 * `post-2025/address.json`), see importAdminUnits. Prints the counts on stdout and the progress on
 * stderr; a missing or malformed file fails with exit code 1 and a message naming it, and leaves the
 * database unchanged.
 */
export function registerImportAdminUnits(
  importCommand: Command,
  deps: Partial<ImportAdminUnitsCliDeps> = {},
): void {
  const io = { ...DEFAULT_DEPS, ...deps };
  importCommand
    .command('admin-units <dir>')
    .description(
      'Nhập danh mục đơn vị hành chính trước và sau 1/7/2025 (import administrative units of both eras): ' +
        '<dir> chứa pre-2025/dvhcvn.json và post-2025/address.json',
    )
    .action(async (dir: string) => {
      const started = Date.now();
      const files = readAdminUnitFiles(path.resolve(dir)); // fails before any database is opened
      const database = await io.openDatabase();
      try {
        const result = await importAdminUnits(database.db, files, {
          onProgress: progressPrinter(io),
        });
        io.out(summary(result, Date.now() - started));
      } finally {
        await database.close();
      }
    });
}

/** Progress on stderr: one rewritten line on a terminal, a line per phase otherwise. */
function progressPrinter(io: ImportAdminUnitsCliDeps): (p: ImportProgress) => void {
  return (p) => {
    const line = `${p.phase}: ${p.done}/${p.total}`;
    if (io.errIsTty) io.err(`\r${line}\x1b[K${p.done === p.total ? '\n' : ''}`);
    else if (p.done === p.total) io.err(`${line}\n`);
  };
}

/** The counts of an import as printed by the command. */
export function summary(r: ImportAdminUnitsResult, ms: number): string {
  const u = r.units;
  const m = r.mappings;
  const levels = Object.entries(u.byLevel)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const lines = [
    `admin_unit: ${u.created} created, ${u.unchanged} unchanged, ${u.conflicting} conflicting (read ${u.read}: ${levels})`,
    `admin_unit_mapping: ${m.created} created, ${m.unchanged} unchanged, ${m.conflicting} conflicting ` +
      `(read ${m.rowsInFile} rows: ${m.read} distinct pairs, ${m.duplicates} duplicates, ` +
      `${m.withoutOldCommune} without an old commune, ${m.codeCorrected} new codes repaired (zeros restored or found by name), ` +
      `${m.unresolved} unresolved, ${m.oldCodeUnknown} old codes not in the pre-2025 list)`,
    `pre-2025 list dated ${r.pre2025DataDate}; ${(ms / 1000).toFixed(1)} s`,
  ];
  for (const c of r.conflicts.slice(0, 20)) {
    lines.push(
      `conflict ${c.entity} ${c.key} ${c.column}: stored ${JSON.stringify(c.stored)}, file ${JSON.stringify(c.offered)} (stored kept)`,
    );
  }
  if (r.conflicts.length > 20) lines.push(`… ${r.conflicts.length - 20} more conflicts`);
  return `${lines.join('\n')}\n`;
}
