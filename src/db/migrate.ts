import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A migration that could not be applied; start-up must stop. */
export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

export interface MigrateResult {
  /** Files applied by this call, in order. */
  applied: string[];
  /** Files that were already applied. */
  alreadyApplied: string[];
}

/**
 * Applies the plain SQL files of `src/db/migrations/` (or `dir`) in name order, each in its own
 * transaction, recording them in `schema_migration`. Concurrent callers are serialised by a
 * transaction-level advisory lock. A file that was applied and later changed is an error.
 * @throws MigrationError naming the file that failed; nothing of that file is kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrate(db: Kysely<any>, dir: string = MIGRATIONS_DIR): Promise<MigrateResult> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const checksum = crypto.createHash('sha256').update(text).digest('hex');
    try {
      await db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(727001)`.execute(tx);
        const done = await sql<{
          checksum: string;
        }>`SELECT checksum FROM schema_migration WHERE name = ${file}`.execute(tx);
        const row = done.rows[0];
        if (row) {
          if (row.checksum !== checksum) {
            throw new Error('the file changed after it was applied; add a new migration instead');
          }
          result.alreadyApplied.push(file);
          return;
        }
        await sql.raw(text).execute(tx);
        await sql`INSERT INTO schema_migration (name, checksum) VALUES (${file}, ${checksum})`.execute(tx);
        result.applied.push(file);
      });
    } catch (err) {
      throw new MigrationError(file, err);
    }
  }
  return result;
}
