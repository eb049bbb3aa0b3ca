/**
 * Loading the benchmark's synthetic packages into a migrated database (PostgreSQL server or PGlite)
 * fast: the secondary indexes of the loaded tables are dropped first and rebuilt at the end (with
 * their comments), foreign-key triggers are skipped for the loading session
 * (`session_replication_role = replica`; the generator's ids are consistent by construction), and
 * rows go in as multi-row `INSERT … SELECT FROM unnest($1::type[], …)`, a batch of packages per
 * statement. Identity sequences are moved past the loaded ids; the database is vacuumed and analysed.
 */
import { generateBatch, orgRows, type Columns, type Universe } from './generate.ts';

/** Runs one SQL statement with parameters on the loading session. */
export type Exec = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Tables the loader fills, in insertion order. */
export const LOADED_TABLES = [
  'org',
  'khlcnt',
  'package',
  'tbmt',
  'tbmt_version',
  'tbmt_location',
  'tbmt_extension',
  'tbmt_cancellation',
  'bid_opening',
  'bid_opening_bidder',
  'kqlcnt',
  'kqlcnt_bidder',
  'tbmt_search',
] as const;

interface IndexDef {
  name: string;
  def: string;
  comment: string | null;
}

/** SQL type of every column of `table` (e.g. `bigint`, `text[]`, `timestamp with time zone`). */
async function columnTypes(exec: Exec, table: string): Promise<Map<string, string>> {
  const r = await exec(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated AS gen
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  return new Map(r.rows.filter((x) => !x.gen).map((x) => [String(x.name), String(x.type)]));
}

/** Values as the drivers send them: instants as ISO strings. */
function plain(values: unknown[]): unknown[] {
  return values.map((v) => (v instanceof Date ? v.toISOString() : v));
}

/** Inserts columnar `rows` into `table` in one statement (ids kept when given). */
async function insertColumns(
  exec: Exec,
  table: string,
  types: Map<string, string>,
  rows: Columns,
): Promise<void> {
  const columns = Object.keys(rows);
  if (columns.length === 0 || (rows[columns[0]!]?.length ?? 0) === 0) return;
  for (const c of columns)
    if (!types.has(c)) throw new Error(`bench: ${table}.${c} is not a column of the schema`);
  const arrayCol = (c: string) => types.get(c)!.endsWith('[]');
  const params = columns.map((c, i) => `$${i + 1}::${arrayCol(c) ? 'text' : types.get(c)}[]`);
  const select = columns.map((c) => (arrayCol(c) ? `u.${c}::${types.get(c)}` : `u.${c}`));
  const overriding = columns.includes('id') ? ' OVERRIDING SYSTEM VALUE' : '';
  await exec(
    `INSERT INTO ${table} (${columns.join(', ')})${overriding} SELECT ${select.join(', ')} ` +
      `FROM unnest(${params.join(', ')}) AS u(${columns.join(', ')})`,
    columns.map((c) => plain(rows[c]!)),
  );
}

/** Secondary (non-constraint) indexes of the loaded tables, with their comments. */
async function secondaryIndexes(exec: Exec): Promise<IndexDef[]> {
  const r = await exec(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, obj_description(i.oid, 'pg_class') AS comment
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
    [[...LOADED_TABLES]],
  );
  return r.rows.map((x) => ({
    name: String(x.name),
    def: String(x.def),
    comment: x.comment === null ? null : String(x.comment),
  }));
}

/** What `loadBench` reports. */
export interface LoadReport {
  packages: number;
  rows: Record<string, number>;
  /** Seconds spent inserting rows, and rebuilding indexes + analysing. */
  insertSeconds: number;
  indexSeconds: number;
  /** Columns of `tbmt_search` the generator does not fill (left at their defaults). */
  unfilledSearchColumns: string[];
}

/**
 * Loads packages `0 … n − 1` of universe `u` through `exec` (one session), `batch` packages per
 * statement, calling `progress(done)` after each batch. The database must be migrated and empty.
 * @throws Error when the schema lacks a column the generator fills (names the table and column).
 */
export async function loadBench(
  exec: Exec,
  u: Universe,
  n: number,
  opts: { batch?: number; progress?: (done: number) => void } = {},
): Promise<LoadReport> {
  const batch = opts.batch ?? 2000;
  const types = new Map<string, Map<string, string>>();
  for (const t of LOADED_TABLES) types.set(t, await columnTypes(exec, t));
  const indexes = await secondaryIndexes(exec);
  await exec(`SET session_replication_role = replica`);
  for (const ix of indexes) await exec(`DROP INDEX ${ix.name}`);

  const rows: Record<string, number> = {};
  const count = (t: string, c: Columns) => {
    const first = Object.values(c)[0];
    rows[t] = (rows[t] ?? 0) + (first?.length ?? 0);
  };
  const started = Date.now();
  const orgs = orgRows(u);
  await insertColumns(exec, 'org', types.get('org')!, orgs);
  count('org', orgs);
  let filled: Set<string> | null = null;
  for (let from = 0; from < n; from += batch) {
    const b = generateBatch(u, from, Math.min(n, from + batch));
    for (const [table, cols] of b) {
      await insertColumns(exec, table, types.get(table)!, cols);
      count(table, cols);
    }
    filled ??= new Set(Object.keys(b.get('tbmt_search')!));
    opts.progress?.(Math.min(n, from + batch));
  }
  const insertSeconds = (Date.now() - started) / 1000;

  const indexStart = Date.now();
  await exec(`SET session_replication_role = DEFAULT`);
  for (const ix of indexes) {
    await exec(ix.def);
    if (ix.comment !== null)
      await exec(`COMMENT ON INDEX ${ix.name} IS '${ix.comment.replaceAll("'", "''")}'`);
  }
  for (const t of LOADED_TABLES) {
    const cols = types.get(t)!;
    if (cols.has('id')) {
      await exec(
        `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${t}), false)`,
      );
    }
  }
  // The loading session skipped the triggers, so the facet counts (migration 0015) are recounted.
  await exec(`SELECT search_facet_count_rebuild()`);
  // VACUUM sets the visibility map, so that counts can use index-only scans as on a settled server.
  await exec(`VACUUM ANALYZE`);
  const indexSeconds = (Date.now() - indexStart) / 1000;
  const searchCols = [...types.get('tbmt_search')!.keys()];
  return {
    packages: n,
    rows,
    insertSeconds,
    indexSeconds,
    unfilledSearchColumns: searchCols.filter((c) => !filled?.has(c)),
  };
}
