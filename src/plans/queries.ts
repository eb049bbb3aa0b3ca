/** Read side of plans (KHLCNT) for the public plan page `/khlcnt/{planNo}`. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';

/** A package line of a plan. Money VND. */
export interface PlanPackageView {
  id: number;
  bidNo: string | null;
  name: string;
  field: string | null;
  method: string | null;
  procedure: string | null;
  contractType: string | null;
  priceVnd: number | null;
  funding: string | null;
  isDomestic: boolean | null;
  isInternet: boolean | null;
  selectionStart: string | null;
  contractPeriod: number | null;
  contractPeriodUnit: string | null;
  /** Notices (TBMT) published for the package, oldest first. */
  notices: string[];
}

/** A plan with its packages, as the public sees it. Instants UTC. */
export interface PlanView {
  planNo: string;
  version: string | null;
  name: string | null;
  projectName: string | null;
  investor: { code: string; name: string } | null;
  decisionNo: string | null;
  decisionDate: Date | null;
  decisionAgency: string | null;
  publishedAt: Date | null;
  deadlineAt: Date | null;
  /** Working days late (0 on time); null when not published on minhbach (imported). */
  lateByWd: number | null;
  lateCitation: string | null;
  issuedNumber: boolean;
  /** Other versions of the same plan (stored numbers), oldest first, this one included. */
  versions: string[];
  packages: PlanPackageView[];
}

const toDate = (v: Date | string | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);

/** The plan stored under `planNo` (`PL…` or `PL…-NN`), or null. */
export async function getPlan(db: Kysely<DB>, planNo: string): Promise<PlanView | null> {
  const k = await db
    .selectFrom('khlcnt')
    .leftJoin('org', 'org.id', 'khlcnt.investor_id')
    .selectAll('khlcnt')
    .select(['org.code as investor_code', 'org.name as investor_name'])
    .where('khlcnt.plan_no', '=', planNo)
    .executeTakeFirst();
  if (!k) return null;
  const base = planNo.replace(/-\d{2}$/, '');
  const [pkgs, versions] = await Promise.all([
    db.selectFrom('package').selectAll().where('khlcnt_id', '=', k.id).orderBy('id').execute(),
    db
      .selectFrom('khlcnt')
      .select('plan_no')
      .where((eb) => eb.or([eb('plan_no', '=', base), eb('plan_no', 'like', `${base}-__`)]))
      .orderBy('plan_no')
      .execute(),
  ]);
  const notices = pkgs.length
    ? await db
        .selectFrom('tbmt')
        .select(['package_id', 'notify_no'])
        .where(
          'package_id',
          'in',
          pkgs.map((p) => p.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return {
    planNo: k.plan_no,
    version: k.plan_version,
    name: k.name,
    projectName: k.project_name,
    investor: k.investor_code && k.investor_name ? { code: k.investor_code, name: k.investor_name } : null,
    decisionNo: k.decision_no,
    decisionDate: toDate(k.decision_date),
    decisionAgency: k.decision_agency,
    publishedAt: toDate(k.published_at),
    deadlineAt: toDate(k.deadline_at),
    lateByWd: k.late_by_wd,
    lateCitation: k.late_citation,
    issuedNumber: k.plan_no_issued === true,
    versions: versions.map((v) => v.plan_no),
    packages: pkgs.map((p) => ({
      id: p.id,
      bidNo: p.bid_no,
      name: p.name,
      field: p.field,
      method: p.method,
      procedure: p.procedure,
      contractType: p.contract_type,
      priceVnd: p.price_vnd === null ? null : Number(p.price_vnd),
      funding: p.funding,
      isDomestic: p.is_domestic,
      isInternet: p.is_internet,
      selectionStart: p.selection_start,
      contractPeriod: p.contract_period,
      contractPeriodUnit: p.contract_period_unit,
      notices: notices.filter((n) => n.package_id === p.id).map((n) => n.notify_no),
    })),
  };
}

/** A plan published on minhbach, as the publisher's list `/dang-tai` shows it. Instants UTC, money VND. */
export interface PublishedPlanLine {
  planNo: string;
  name: string | null;
  agencyCode: string;
  publishedAt: Date | null;
  packageCount: number;
  totalVnd: number;
  /** Working days late (0 on time), null when no rule applied. */
  lateByWd: number | null;
}

/**
 * The plans (KHLCNT) published on minhbach by one of `agencyCodes` (every agency's when `null`: a
 * monitor), newest first, at most `limit`. Imported and demo plans (no agency) are never listed.
 */
export async function listPublishedPlans(
  db: Kysely<DB>,
  agencyCodes: string[] | null,
  limit = 100,
): Promise<PublishedPlanLine[]> {
  if (agencyCodes !== null && agencyCodes.length === 0) return [];
  let q = db
    .selectFrom('khlcnt as k')
    .select((eb) => [
      'k.plan_no',
      'k.name',
      'k.agency_code',
      'k.published_at',
      'k.late_by_wd',
      eb
        .selectFrom('package as p')
        .whereRef('p.khlcnt_id', '=', 'k.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('n'),
      eb
        .selectFrom('package as p')
        .whereRef('p.khlcnt_id', '=', 'k.id')
        .select((e) => e.fn.sum<string | null>('p.price_vnd').as('t'))
        .as('total'),
    ])
    .where('k.agency_code', 'is not', null)
    .orderBy('k.published_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit);
  if (agencyCodes !== null) q = q.where('k.agency_code', 'in', agencyCodes);
  return (await q.execute()).map((k) => ({
    planNo: k.plan_no,
    name: k.name,
    agencyCode: k.agency_code!,
    publishedAt: toDate(k.published_at),
    packageCount: Number(k.n ?? 0),
    totalVnd: Number(k.total ?? 0),
    lateByWd: k.late_by_wd,
  }));
}
