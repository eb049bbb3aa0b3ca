/**
 * Loading the demo dataset into a database, and telling whether a database already holds data.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { addStats, emptyStats, saveTbmtFacts, type SaveStats } from '../procurement/save.ts';
import { vnParts, vnTime } from '../text/time.ts';
import { DEMO_SEED, generateDemo } from './generate.ts';

export interface LoadDemoOptions {
  /** Called after each notice is saved, with the number saved so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Seed of the dataset (default `DEMO_SEED`). */
  seed?: number;
  /**
   * "Now" of the dataset. Default: the reference date recorded by an earlier load of this database
   * (so loading again changes nothing), else 10:00 Vietnam time of today (`demoReferenceDateFor`), so
   * that a fresh demo always has notices open for bids, closing soon, opened and awarded.
   */
  referenceDate?: Date;
}

export interface LoadDemoResult {
  /** Notices (TBMT) saved. */
  tbmt: number;
  /** What the saves did, per table (all `unchanged` when the demo was already loaded). */
  stats: SaveStats;
}

/**
 * Generates the demo dataset and saves every notice through `saveTbmtFacts` (actor and source
 * `demo`) in ONE transaction, together with `app_meta('demo_loaded') = true`: a failure leaves
 * nothing half-loaded. Loading twice changes nothing (the saves are idempotent).
 * @throws whatever the database or `saveTbmtFacts` throws; the transaction is then rolled back.
 */
export async function loadDemo(db: Kysely<DB>, opts: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const referenceDate =
    opts.referenceDate ?? (await storedReferenceDate(db)) ?? demoReferenceDateFor(new Date());
  const seed = opts.seed ?? DEMO_SEED;
  const { facts } = generateDemo(seed, referenceDate);
  const meta = JSON.stringify({ referenceDate: referenceDate.toISOString(), seed });
  const stats = emptyStats();
  await db.transaction().execute(async (tx) => {
    let done = 0;
    for (const f of facts) {
      addStats(stats, await saveTbmtFacts(tx, f, { actor: 'demo', source: 'demo' }));
      opts.onProgress?.(++done, facts.length);
    }
    await sql`
      INSERT INTO app_meta (key, value) VALUES ('demo_loaded', ${meta}::jsonb)
      ON CONFLICT (key) DO NOTHING`.execute(tx);
  });
  return { tbmt: facts.length, stats };
}

/**
 * The demo's "now" for a load at `now`: the latest 10:00 Asia/Ho_Chi_Minh (03:00 UTC) at or before
 * `now` — that Vietnamese day's, or the previous day's before 10:00 — so nothing in the demo is
 * published in the future. The dataset is deterministic for a given seed and reference date.
 */
export function demoReferenceDateFor(now: Date): Date {
  const p = vnParts(now);
  const today = vnTime(p.year, p.month, p.day, 10);
  return today.getTime() <= now.getTime() ? today : new Date(today.getTime() - 86_400_000);
}

async function storedReferenceDate(db: Kysely<DB>): Promise<Date | undefined> {
  const row = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'demo_loaded')
    .executeTakeFirst();
  const value = row?.value as { referenceDate?: unknown } | null | undefined;
  const iso = value && typeof value === 'object' ? value.referenceDate : undefined;
  return typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : undefined;
}

/**
 * True when the database holds any notice, plan or organisation (from any source, demo included).
 * The server loads the demo only into a database for which this is false.
 */
export async function hasAnyData(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ any: boolean }>`
    SELECT (EXISTS (SELECT 1 FROM tbmt) OR EXISTS (SELECT 1 FROM khlcnt) OR EXISTS (SELECT 1 FROM org)) AS any`.execute(
    db,
  );
  return r.rows[0]?.any === true;
}

/** True when the database holds notices that did not come from the demo (real or published data). */
export async function hasNonDemoData(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ any: boolean }>`
    SELECT (EXISTS (SELECT 1 FROM tbmt WHERE source <> 'demo')
         OR EXISTS (SELECT 1 FROM khlcnt WHERE source <> 'demo')) AS any`.execute(db);
  return r.rows[0]?.any === true;
}
