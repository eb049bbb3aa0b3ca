import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function tableNames(db: AnyDb): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  return tables.rows.map((r) => r.table_name);
}

/** Row count of every table of the database, by table name. */
export async function tableCounts(db: AnyDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of await tableNames(db)) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db);
    counts[t] = Number(r.rows[0]!.n);
  }
  return counts;
}

/** Row count of every table and a JSON dump of all rows ordered by the first column: "nothing changed" checks. */
export async function snapshot(db: AnyDb): Promise<{ counts: Record<string, number>; dump: string }> {
  const counts: Record<string, number> = {};
  const rows: Record<string, unknown[]> = {};
  for (const t of await tableNames(db)) {
    const r = await sql.raw(`SELECT * FROM "${t}" ORDER BY 1`).execute(db);
    counts[t] = r.rows.length;
    rows[t] = r.rows;
  }
  return { counts, dump: JSON.stringify(rows) };
}
