/**
 * The hook `saveTbmtFacts` calls at the end of every save: keeps the package's OCDS releases in step
 * with the procurement tables, in the same transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import type { SaveStats } from '../procurement/write/writer.ts';
import { publishPackageReleases, publishPlanPackages } from './store.ts';

/** What the save did. */
export interface SavedPackage {
  packageId: number;
  /** The plan (KHLCNT) the facts named, if any. */
  khlcntId?: number | undefined;
  /** True when the save created or filled a row. */
  wrote: boolean;
  stats: SaveStats;
  actor: string;
}

/**
 * After a save: when it wrote something — or the package has no ocid yet (data saved before OCDS
 * publishing existed, so re-importing it publishes it) — derives the package's releases and stores the
 * new ones; when the plan row itself changed, also the other packages of that plan (their planning
 * release shows the plan). A save that wrote nothing for a published package costs one query.
 */
export async function publishAfterSave(tx: Transaction<DB>, saved: SavedPackage): Promise<void> {
  if (!saved.wrote) {
    const known = await tx
      .selectFrom('ocds_process')
      .select('package_id')
      .where('package_id', '=', saved.packageId)
      .executeTakeFirst();
    if (known) return;
  }
  await publishPackageReleases(tx, saved.packageId, { actor: saved.actor });
  const plan = saved.stats.byEntity.khlcnt;
  if (saved.khlcntId !== undefined && plan && plan.created + plan.updated > 0) {
    await publishPlanPackages(tx, saved.khlcntId, saved.packageId, { actor: saved.actor });
  }
}
