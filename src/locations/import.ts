import fs from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { readPost2025, POST2025_FILE, type Post2025Data } from './read-post2025.ts';
import { readPre2025, PRE2025_FILE, type Pre2025Units } from './read-pre2025.ts';
import { AdminUnitsSourceError, readJsonFile } from './source-file.ts';
import { writeMappings, writeUnits, type AdminUnitConflict, type TableCounts } from './write-rows.ts';
import { audit as writeAudit } from '../db/audit-log.ts';

/** Serialises concurrent imports (pg_advisory_xact_lock key). */
const LOCK_KEY = 727002;

/** Progress of an import: `done` of `total` rows of a phase. */
export interface ImportProgress {
  phase: 'read' | 'admin_unit' | 'admin_unit_mapping';
  done: number;
  total: number;
}

export interface ImportAdminUnitsOptions {
  /** Called after the files are read and after every chunk written. */
  onProgress?: (progress: ImportProgress) => void;
  /** Who writes, for the audit log (default `import:admin-units`). */
  actor?: string;
}

export type { AdminUnitConflict, TableCounts };

export interface ImportAdminUnitsResult {
  /** `admin_unit`, with the rows read per `era.level` (e.g. `pre2025.commune`: 10047). */
  units: TableCounts & { byLevel: Record<string, number> };
  /** `admin_unit_mapping`, with what was set aside or repaired while reading (see readPost2025). */
  mappings: TableCounts &
    Post2025Data['mappingStats'] & {
      /** Pairs whose old code is not a pre-2025 commune of the list (kept: older codes exist). */
      oldCodeUnknown: number;
    };
  conflicts: AdminUnitConflict[];
  /** Date of the pre-2025 GSO list, `YYYY-MM-DD`. */
  pre2025DataDate: string;
  files: { path: string; sha256: string }[];
}

/** The two reference files of a folder, read and checked (see readAdminUnitFiles). */
export interface AdminUnitFiles {
  pre: Pre2025Units;
  post: Post2025Data;
  /** Relative paths and sha256 of the files, for the audit log. */
  files: { path: string; sha256: string }[];
}

/**
 * Reads and checks `dir/pre-2025/dvhcvn.json` and `dir/post-2025/address.json` (see readPre2025,
 * readPost2025) without touching a database, so that a command can fail before opening one.
 * @throws AdminUnitsSourceError naming the folder or file when it is missing or malformed.
 */
export function readAdminUnitFiles(dir: string): AdminUnitFiles {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AdminUnitsSourceError(
      dir,
      `folder not found (expected ${PRE2025_FILE} and ${POST2025_FILE} in it)`,
    );
  }
  const preFile = readJsonFile(dir, PRE2025_FILE);
  const postFile = readJsonFile(dir, POST2025_FILE);
  return {
    pre: readPre2025(preFile),
    post: readPost2025(postFile),
    files: [preFile, postFile].map((f) => ({ path: f.relPath, sha256: f.sha256 })),
  };
}

/**
 * Imports the administrative units of both eras and the old → new commune mapping from `dir` (or
 * from what readAdminUnitFiles read from it), the folder holding `pre-2025/dvhcvn.json` (GSO list of 63 provinces, 696 districts, 10,047 communes)
 * and `post-2025/address.json` (34 provinces, 3,321 communes of Official letter 1027/CTK-CSCL under
 * Resolution 202/2025/QH15, and 10,977 ward_mappings rows).
 *
 * Both files are read and checked before anything is written; all writes happen in ONE transaction.
 * Idempotent: rows are matched by natural key (`era, level, code`; the mapping's old commune + new
 * code); a missing row is inserted, an equal one counted unchanged, and a different one is counted
 * conflicting and left as stored (reference rows are not silently rewritten; a corrected list must be
 * reviewed). A second import of the same files creates nothing and writes nothing.
 *
 * Audit: one `audit_log` row per table that gained rows (action `create`, entity the table,
 * entity_id NULL, new_value = counts, file paths and sha256), not one per row: the rows are a
 * published list reproducible from the file hashes, and each row carries `source` and `created_at`.
 * @throws AdminUnitsSourceError naming the folder or file when it is missing or malformed; the
 *   database is then unchanged. Database errors roll the transaction back.
 */
export async function importAdminUnits(
  db: Kysely<DB>,
  dir: string | AdminUnitFiles,
  opts: ImportAdminUnitsOptions = {},
): Promise<ImportAdminUnitsResult> {
  const { pre, post, files } = typeof dir === 'string' ? readAdminUnitFiles(dir) : dir;
  const units = [...pre.units, ...post.units];
  opts.onProgress?.({
    phase: 'read',
    done: units.length + post.mappings.length,
    total: units.length + post.mappings.length,
  });

  const preCommunes = new Set(pre.units.filter((u) => u.level === 'commune').map((u) => u.code));
  const oldCodeUnknown = post.mappings.filter(
    (m) => m.old_commune_code !== null && !preCommunes.has(m.old_commune_code),
  ).length;
  const byLevel: Record<string, number> = {};
  for (const u of units) byLevel[`${u.era}.${u.level}`] = (byLevel[`${u.era}.${u.level}`] ?? 0) + 1;
  const actor = opts.actor ?? 'import:admin-units';

  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    const conflicts: AdminUnitConflict[] = [];

    const unitCounts = await writeUnits(tx, units, conflicts, (done, total) =>
      opts.onProgress?.({ phase: 'admin_unit', done, total }),
    );
    if (unitCounts.created > 0) {
      await audit(tx, actor, 'admin_unit', {
        ...unitCounts,
        by_level: byLevel,
        pre2025_data_date: pre.dataDate,
        files,
      });
    }
    const mappingCounts = await writeMappings(tx, post.mappings, conflicts, (done, total) =>
      opts.onProgress?.({ phase: 'admin_unit_mapping', done, total }),
    );
    if (mappingCounts.created > 0) {
      await audit(tx, actor, 'admin_unit_mapping', {
        ...post.mappingStats,
        ...mappingCounts,
        old_code_unknown: oldCodeUnknown,
        files: [files[1]],
      });
    }
    if (unitCounts.created + mappingCounts.created > 0) {
      // Fresh statistics: without them the planner nests loops over the whole tables (seconds on PGlite).
      await sql`ANALYZE admin_unit, admin_unit_mapping`.execute(tx);
    }
    return {
      units: { ...unitCounts, byLevel },
      mappings: { ...post.mappingStats, ...mappingCounts, oldCodeUnknown },
      conflicts,
      pre2025DataDate: pre.dataDate,
      files,
    };
  });
}

async function audit(tx: Transaction<DB>, actor: string, entity: string, summary: Record<string, unknown>) {
  await writeAudit(tx, actor, 'create', entity, null, null, summary);
}
