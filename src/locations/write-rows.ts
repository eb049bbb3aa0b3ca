import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { mappingKey } from './read-post2025.ts';
import type { AdminUnitMappingRow, AdminUnitRow } from './units.ts';

/** Rows per INSERT statement: few enough for PGlite, many enough to keep round trips low. */
const CHUNK = 500;

/** A stored value that differs from the file: the stored value is kept (see importAdminUnits in import.ts). */
export interface AdminUnitConflict {
  entity: 'admin_unit' | 'admin_unit_mapping';
  key: string;
  column: string;
  stored: unknown;
  offered: unknown;
}

/** What happened to the rows of one table. */
export interface TableCounts {
  /** Distinct rows offered by the files. */
  read: number;
  /** Rows inserted by this import. */
  created: number;
  /** Rows already stored with the same values. */
  unchanged: number;
  /** Rows already stored with other values (kept; listed in `conflicts`). */
  conflicting: number;
}

/** Called with the number of rows of a table written so far. */
export type ChunkProgress = (done: number, total: number) => void;

/** Columns compared for an existing unit (`source` describes the first write and is not compared). */
const UNIT_COLUMNS = [
  'name',
  'short_name',
  'name_folded',
  'unit_type',
  'parent_code',
  'province_code',
  'valid_from',
  'valid_to',
] as const;

/**
 * Writes the units not stored yet (matched by `era, level, code`) in chunks of CHUNK rows with
 * ON CONFLICT DO NOTHING; stored rows with other values are reported in `conflicts` and kept.
 */
export async function writeUnits(
  tx: Transaction<DB>,
  rows: AdminUnitRow[],
  conflicts: AdminUnitConflict[],
  onProgress?: ChunkProgress,
): Promise<TableCounts> {
  const stored = await tx
    .selectFrom('admin_unit')
    .select([
      'era',
      'level',
      'code',
      'name',
      'short_name',
      'name_folded',
      'unit_type',
      'parent_code',
      'province_code',
    ])
    .select(sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'))
    .select(sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'))
    .execute();
  const byKey = new Map(stored.map((s) => [`${s.era}.${s.level}.${s.code}`, s as Record<string, unknown>]));
  const fresh = partition(
    rows,
    (r) => `${r.era}.${r.level}.${r.code}`,
    byKey,
    UNIT_COLUMNS,
    'admin_unit',
    conflicts,
  );
  const created = await insertChunks(
    fresh.rows,
    async (chunk) => {
      const res = await tx
        .insertInto('admin_unit')
        .values(chunk)
        .onConflict((oc) => oc.columns(['era', 'level', 'code']).doNothing())
        .returning('id')
        .execute();
      return res.length;
    },
    (done) => onProgress?.(done, fresh.rows.length),
  );
  return {
    read: rows.length,
    created,
    unchanged: rows.length - created - fresh.conflicting,
    conflicting: fresh.conflicting,
  };
}

/**
 * Writes the old → new pairs not stored yet (matched by the table's unique key), like writeUnits.
 */
export async function writeMappings(
  tx: Transaction<DB>,
  rows: AdminUnitMappingRow[],
  conflicts: AdminUnitConflict[],
  onProgress?: ChunkProgress,
): Promise<TableCounts> {
  const stored = await tx
    .selectFrom('admin_unit_mapping')
    .select([
      'old_commune_code',
      'old_commune_name',
      'old_district_name',
      'old_province_name',
      'new_commune_code',
      'new_commune_code_src',
      'new_commune_name_src',
    ])
    .execute();
  const byKey = new Map(stored.map((s) => [mappingKey(s), s as Record<string, unknown>]));
  const columns = ['new_commune_code_src', 'new_commune_name_src'] as const;
  const fresh = partition(rows, mappingKey, byKey, columns, 'admin_unit_mapping', conflicts);
  const created = await insertChunks(
    fresh.rows,
    async (chunk) => {
      const res = await tx
        .insertInto('admin_unit_mapping')
        .values(chunk)
        .onConflict((oc) =>
          oc
            .columns([
              'old_commune_code',
              'old_commune_name',
              'old_district_name',
              'old_province_name',
              'new_commune_code',
            ])
            .doNothing(),
        )
        .returning('id')
        .execute();
      return res.length;
    },
    (done) => onProgress?.(done, fresh.rows.length),
  );
  return {
    read: rows.length,
    created,
    unchanged: rows.length - created - fresh.conflicting,
    conflicting: fresh.conflicting,
  };
}

/**
 * Splits `rows` into those not stored yet and those stored; a stored row whose `columns` differ is
 * reported in `conflicts` and counted.
 */
function partition<T extends object>(
  rows: T[],
  keyOf: (r: T) => string,
  stored: Map<string, Record<string, unknown>>,
  columns: readonly (keyof T & string)[],
  entity: AdminUnitConflict['entity'],
  conflicts: AdminUnitConflict[],
): { rows: T[]; conflicting: number } {
  const out: T[] = [];
  let conflicting = 0;
  for (const row of rows) {
    const key = keyOf(row);
    const s = stored.get(key);
    if (!s) {
      out.push(row);
      continue;
    }
    let differs = false;
    for (const column of columns) {
      const offered = row[column] ?? null;
      if (s[column] !== offered) {
        conflicts.push({ entity, key, column, stored: s[column], offered });
        differs = true;
      }
    }
    if (differs) conflicting++;
  }
  return { rows: out, conflicting };
}

/** Inserts in chunks of CHUNK rows; returns how many rows the statements reported inserted. */
async function insertChunks<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<number>,
  progress: (done: number) => void,
): Promise<number> {
  let created = 0;
  progress(0);
  for (let i = 0; i < rows.length; i += CHUNK) {
    created += await insert(rows.slice(i, i + CHUNK));
    progress(Math.min(i + CHUNK, rows.length));
  }
  return created;
}
