/**
 * One alert job at a time across every instance sharing the database: on PostgreSQL a session-level
 * advisory lock (`pg_try_advisory_lock`) held on one pinned connection for the whole run (a crashed
 * process loses its connection and with it the lock); on embedded PGlite, which one process owns,
 * an in-process flag.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, DB } from '../db/connect.ts';

/** The advisory lock key of the alert job (the migrations use 727001). */
export const ALERT_JOB_LOCK = 727008;

const running = new WeakSet<Database>();

/**
 * Runs `work` holding the alert job lock; `{ locked: false }` at once when another run holds it.
 * `work` gets the Kysely handle to use (on PostgreSQL the pinned connection).
 */
export async function withAlertJobLock<T>(
  database: Database,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  if (database.kind === 'pglite') {
    if (running.has(database)) return { locked: false };
    running.add(database);
    try {
      return { locked: true, value: await work(database.db) };
    } finally {
      running.delete(database);
    }
  }
  return database.db.connection().execute(async (conn) => {
    const got = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${ALERT_JOB_LOCK}) AS got`.execute(
      conn,
    );
    if (!got.rows[0]?.got) return { locked: false as const };
    try {
      return { locked: true as const, value: await work(conn) };
    } finally {
      await sql`SELECT pg_advisory_unlock(${ALERT_JOB_LOCK})`.execute(conn);
    }
  });
}
