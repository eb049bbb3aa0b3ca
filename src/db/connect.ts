import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './generated/db.ts';
import { lockDataDir } from './dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type { DB };

/** An open database: the Kysely handle and what it runs on. */
export interface Database {
  db: Kysely<DB>;
  /** `pglite` (embedded, in a directory or in memory) or `postgres` (a server). */
  kind: 'pglite' | 'postgres';
  /** Where the data is: the PGlite directory, `memory://`, or the server URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL server URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
}

// int8 (VND amounts, ids) and numeric as JS numbers: VND amounts stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is given, else PGlite in `dataDir`
 * (created if missing). Does not migrate; see `migrate()`.
 * @throws Error when the server cannot be reached or the PGlite directory cannot be created.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that the server closes (restart, admin termination) must not crash the
    // process: the pool drops it and opens another on the next query.
    pool.on('error', (err) => {
      process.stderr.write(
        `minhbach: PostgreSQL connection lost (${err.message}); reconnecting on next use\n`,
      );
    });
    // Fail fast with a clear message rather than on the first query.
    const client = await pool.connect().catch((err: Error) => {
      void pool.end();
      throw new Error(`Cannot connect to PostgreSQL at ${redact(options.databaseUrl!)}: ${err.message}`);
    });
    client.release();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redact(options.databaseUrl), close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  const release = inMemory ? async () => {} : await lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir,
      parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    });
  } catch (err) {
    await release();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Cannot open the embedded database in ${dataDir}: ${reason}. ` +
        'The directory may be damaged (for example if two processes used it at once): restore a copy, ' +
        'or start on a new MINHBACH_DATA_DIR.',
      { cause: err },
    );
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: async () => {
      try {
        await db.destroy();
        // Kysely only destroys a driver it has used; close PGlite in any case.
        if (!client.closed) await client.close();
      } finally {
        await release();
      }
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
