/**
 * The release store: assigning each package its ocid, and storing the releases derived from its
 * notices — each release once, never changed — with an audit record and a ledger entry in the
 * caller's transaction.
 */
import { sql, type Transaction } from 'kysely';
import { appendToLedger } from '../audit/ledger-store.ts';
import type { DB } from '../db/generated/db.ts';
import { getTbmtStory } from '../procurement/queries/story.ts';
import type { TbmtStory } from '../procurement/queries/story-types.ts';
import { Writer } from '../procurement/write/writer.ts';
import { loadOcdsConfig, OWN_PUBLISHER, type OcdsConfig } from './config.ts';
import { deriveReleases, type OcdsRelease } from './mapping/index.ts';
import type { SkippedEvent } from './mapping/draft.ts';
import { digestOf } from './mapping/json.ts';
import { isSkipped, planPackageRelease } from './mapping/plan.ts';
import { loadPlanPackages, type PlanPackage } from './plan-packages.ts';

/** Ledger kind of the portal's OCDS releases; `ref` is `<ocid>/<release id>`. */
export const LEDGER_KIND = 'ocds-release';

/** What publishing a package did. */
export interface PublishResult {
  ocid: string;
  /** Releases newly stored (0 when everything derived was already stored). */
  stored: number;
  /** Releases derived in all (stored before or now). */
  derived: number;
  /** Events that could not become a release (no date known). */
  skipped: SkippedEvent[];
}

/** Options of {@link publishPackageReleases}. */
export interface PublishOptions {
  /** Who writes, for the audit log. */
  actor: string;
  /** Default: `loadOcdsConfig()` (ocid prefix from MINHBACH_OCID_PREFIX). */
  config?: OcdsConfig;
}

/**
 * (Re)derives the releases of package `packageId` from what is stored now and stores those not
 * stored yet, inside `tx` (call it in the transaction that saved the package's facts). The ocid is
 * assigned on the first call and never changes. Each new release is audited (`ocds_release`
 * create) and appended to the ledger as `ocds-release` `<ocid>/<release id>`. A package of a plan
 * published on minhbach has the planning release of its plan (`planPackageRelease`, stored when the
 * plan was published) instead of one derived from its notice, so its planning release is never
 * superseded by the notice.
 * @throws OcdsConfigError for a bad MINHBACH_OCID_PREFIX; LedgerError `ref-conflict` if the ledger
 *   holds the same ref with another document (the store was changed behind the portal's back).
 */
export async function publishPackageReleases(
  tx: Transaction<DB>,
  packageId: number,
  opts: PublishOptions,
): Promise<PublishResult> {
  const config = opts.config ?? loadOcdsConfig();
  const w = new Writer(tx, opts.actor);
  const notices = await tx
    .selectFrom('tbmt')
    .select('notify_no')
    .where('package_id', '=', packageId)
    .orderBy('id')
    .execute();
  const ocid = await ocidOf(w, packageId, notices[0]?.notify_no ?? null, config);
  const stories: TbmtStory[] = [];
  for (const n of notices) {
    const story = await getTbmtStory(tx, n.notify_no);
    if (story) stories.push(story);
  }
  const derived = deriveReleases(ocid, stories);
  const skipped = derived.skipped;
  let releases = derived.releases;
  const [planned] = await loadPlanPackages(tx, { packageId });
  if (planned) {
    const own = planPackageRelease(ocid, planned.ref, planned.plan, planned.pkg);
    releases = releases.filter((r) => !r.tag.includes('planning'));
    if (isSkipped(own)) skipped.unshift(own);
    else releases.unshift(own);
  }
  const known = new Set(
    (await tx.selectFrom('ocds_release').select('release_id').where('ocid', '=', ocid).execute()).map(
      (r) => r.release_id,
    ),
  );
  let stored = 0;
  for (const release of releases) {
    if (known.has(release.id)) continue;
    await storeRelease(w, release, { packageId });
    stored++;
  }
  return { ocid, stored, derived: releases.length, skipped };
}

/**
 * Publishes every package of the plan (KHLCNT) `khlcntId` except `exceptPackageId`: a save that
 * changed the plan changes the planning release of every package listed in it.
 */
export async function publishPlanPackages(
  tx: Transaction<DB>,
  khlcntId: number,
  exceptPackageId: number,
  opts: PublishOptions,
): Promise<void> {
  const rows = await tx
    .selectFrom('package')
    .innerJoin('ocds_process', 'ocds_process.package_id', 'package.id')
    .select('package.id')
    .where('package.khlcnt_id', '=', khlcntId)
    .where('package.id', '!=', exceptPackageId)
    .orderBy('package.id')
    .execute();
  for (const r of rows) await publishPackageReleases(tx, r.id, opts);
}

/**
 * Gives every package of the plan (KHLCNT) `khlcntId`, published on minhbach, its ocid and its
 * `planning` release, inside `tx` — call it in the transaction that publishes the plan. A package
 * without a `BP…` number gets the ocid `<prefix>-<plan no>-NNN` (its position in the plan). Each new
 * release is audited and appended to the ledger as in {@link publishPackageReleases}; a release
 * already stored is left as it is (nothing is ever rewritten).
 * @returns one result per package, in the plan's order (empty for a plan not published on minhbach).
 * @throws as {@link publishPackageReleases}.
 */
export async function publishPlanReleases(
  tx: Transaction<DB>,
  khlcntId: number,
  opts: PublishOptions,
): Promise<PublishResult[]> {
  const config = opts.config ?? loadOcdsConfig();
  const w = new Writer(tx, opts.actor);
  const out: PublishResult[] = [];
  for (const p of await loadPlanPackages(tx, { khlcntId })) out.push(await storePlanRelease(w, p, config));
  return out;
}

async function storePlanRelease(w: Writer, p: PlanPackage, config: OcdsConfig): Promise<PublishResult> {
  const ocid = await ocidOf(w, p.packageId, p.ref, config);
  const release = planPackageRelease(ocid, p.ref, p.plan, p.pkg);
  if (isSkipped(release)) return { ocid, stored: 0, derived: 0, skipped: [release] };
  const known = await w.tx
    .selectFrom('ocds_release')
    .select('seq')
    .where('ocid', '=', ocid)
    .where('release_id', '=', release.id)
    .executeTakeFirst();
  if (!known) await storeRelease(w, release, { packageId: p.packageId });
  return { ocid, stored: known ? 0 : 1, derived: 1, skipped: [] };
}

/**
 * The ocid of the package, assigned (and audited) on first use: prefix + BP…, else prefix +
 * `fallbackRef` (the first IB… of a notice, or the plan reference `PL…-NNN`), else prefix + P<id>.
 */
async function ocidOf(
  w: Writer,
  packageId: number,
  fallbackRef: string | null,
  config: OcdsConfig,
): Promise<string> {
  const existing = await w.tx
    .selectFrom('ocds_process')
    .select('ocid')
    .where('package_id', '=', packageId)
    .executeTakeFirst();
  if (existing) return existing.ocid;
  const pkg = await w.tx
    .selectFrom('package')
    .select('bid_no')
    .where('id', '=', packageId)
    .executeTakeFirstOrThrow();
  const ocid = `${config.ocidPrefix}-${pkg.bid_no ?? fallbackRef ?? `P${packageId}`}`;
  await w.tx.insertInto('ocds_process').values({ package_id: packageId, ocid }).execute();
  await w.audit('create', 'ocds_process', packageId, null, { package_id: packageId, ocid });
  return ocid;
}

/** Where a release comes from, for {@link storeRelease}. */
export interface ReleaseOrigin {
  /** The package of an own release; absent for an imported one. */
  packageId?: number;
  /** Publisher name of an imported release. */
  publisher?: string;
  sourceFile?: string;
  sourcePointer?: string;
}

/**
 * Inserts one release (the caller checked that `(ocid, id)` is not stored yet) and audits it; an own
 * release (with `packageId`) is also appended to the ledger. The audit record holds the key and the
 * digest, not the document (the row itself is immutable).
 */
export async function storeRelease(w: Writer, release: OcdsRelease, origin: ReleaseOrigin): Promise<number> {
  const own = origin.packageId !== undefined;
  const digest = digestOf(release);
  const text = JSON.stringify(release);
  const row = await w.tx
    .insertInto('ocds_release')
    .values({
      ocid: release.ocid,
      release_id: release.id,
      is_own: own,
      publisher: own ? OWN_PUBLISHER : (origin.publisher ?? 'unknown'),
      package_id: origin.packageId ?? null,
      release_date: new Date(release.date),
      tags: sql<string[]>`${sql.val(release.tag)}::text[]`,
      digest,
      document: sql<string>`${text}::json`,
      source_file: origin.sourceFile ?? null,
      source_pointer: origin.sourcePointer ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  await w.audit('create', 'ocds_release', row.seq, null, {
    ocid: release.ocid,
    release_id: release.id,
    is_own: own,
    digest,
    ...(own
      ? {}
      : {
          publisher: origin.publisher,
          source_file: origin.sourceFile,
          source_pointer: origin.sourcePointer,
        }),
  });
  if (own) {
    await appendToLedger(w.tx, {
      kind: LEDGER_KIND,
      ref: `${release.ocid}/${release.id}`,
      document: release,
    });
  }
  return row.seq;
}
