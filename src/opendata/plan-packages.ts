/**
 * Reading the packages of plans (KHLCNT) published on minhbach (`khlcnt.agency_code` set) as the
 * `planning` release mapping needs them: the plan with its investor, and each package with its
 * reference — the `BP…` number, else `<plan no>-<position in the plan, 3 digits>` — which names the
 * ocid of a package that has none yet and is its `tender.id` in the planning release.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { loadOrgs, orgOf } from '../procurement/queries/orgs.ts';
import type { PlanView } from '../procurement/queries/story-types.ts';
import type { PlanPackageView } from './mapping/plan.ts';

/** One package of a minhbach plan, with its plan. */
export interface PlanPackage {
  packageId: number;
  /** `BP…`, else `<plan no>-NNN` (position in the plan, from 001). */
  ref: string;
  plan: PlanView;
  pkg: PlanPackageView;
}

/**
 * The packages of the minhbach plan `khlcntId` (in the plan's order), or of the plan of package
 * `packageId` (that package only). Empty when the plan is not a minhbach publication (imported plans
 * get their planning release from their notices).
 */
export async function loadPlanPackages(
  tx: Transaction<DB>,
  which: { khlcntId: number } | { packageId: number },
): Promise<PlanPackage[]> {
  let khlcntId: number;
  if ('khlcntId' in which) khlcntId = which.khlcntId;
  else {
    // One query for the common case (a package of an imported plan, or of none): nothing to do.
    const p = await tx
      .selectFrom('package')
      .innerJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
      .select('khlcnt.id')
      .where('package.id', '=', which.packageId)
      .where('khlcnt.agency_code', 'is not', null)
      .executeTakeFirst();
    if (!p) return [];
    khlcntId = p.id;
  }
  const k = await tx
    .selectFrom('khlcnt')
    .selectAll()
    .where('id', '=', khlcntId)
    .where('agency_code', 'is not', null)
    .executeTakeFirst();
  if (!k) return [];
  const rows = await tx
    .selectFrom('package')
    .selectAll()
    .where('khlcnt_id', '=', k.id)
    .orderBy('id')
    .execute();
  const orgs = await loadOrgs(tx, [k.investor_id]);
  const plan: PlanView = {
    planNo: k.plan_no,
    planVersion: k.plan_version,
    name: k.name,
    planType: k.plan_type,
    projectName: k.project_name,
    investor: orgOf(orgs, k.investor_id),
    decisionNo: k.decision_no,
    decisionDate: k.decision_date,
    publishedAt: k.published_at,
  };
  const out: PlanPackage[] = rows.map((r, i) => ({
    packageId: r.id,
    ref: r.bid_no ?? `${k.plan_no}-${String(i + 1).padStart(3, '0')}`,
    plan,
    pkg: {
      bidNo: r.bid_no,
      name: r.name,
      field: r.field,
      method: r.method,
      procedure: r.procedure,
      contractType: r.contract_type,
      priceVnd: r.price_vnd === null ? null : Number(r.price_vnd),
      funding: r.funding,
      isDomestic: r.is_domestic,
      isInternet: r.is_internet,
      selectionStart: r.selection_start,
      contractPeriod: r.contract_period,
      contractPeriodUnit: r.contract_period_unit,
      summary: r.summary,
    },
  }));
  return 'packageId' in which ? out.filter((p) => p.packageId === which.packageId) : out;
}
