/**
 * The document of a plan publication in the public ledger (kind `khlcnt`, ref = stored plan number),
 * built from the stored rows — the same function at publication and at `ledger verify`, so a plan or
 * package row altered after publication no longer matches its ledger entry.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';

/** Ledger kind of a plan published on minhbach. */
export const PLAN_LEDGER_KIND = 'khlcnt';

type Db = Kysely<DB> | Transaction<DB>;
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/** The Vietnam calendar day of an instant (UTC+7), `YYYY-MM-DD`. */
const vnDay = (v: Date | string | null) =>
  v === null ? null : new Date(new Date(v).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The ledger documents of the minhbach-published plans `planNos` (imported plans have none).
 * Money VND as numbers, instants ISO UTC, the approval day as `YYYY-MM-DD` (Vietnam).
 */
export async function planDocuments(db: Db, planNos: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (planNos.length === 0) return out;
  const plans = await db
    .selectFrom('khlcnt')
    .leftJoin('org', 'org.id', 'khlcnt.investor_id')
    .selectAll('khlcnt')
    .select('org.code as investor_code')
    .where('khlcnt.plan_no', 'in', planNos)
    .where('khlcnt.agency_code', 'is not', null)
    .execute();
  if (plans.length === 0) return out;
  const pkgs = await db
    .selectFrom('package')
    .selectAll()
    .where(
      'khlcnt_id',
      'in',
      plans.map((p) => p.id),
    )
    .orderBy('id')
    .execute();
  for (const k of plans) {
    out.set(k.plan_no, {
      planNo: k.plan_no,
      version: k.plan_version,
      name: k.name,
      projectName: k.project_name,
      investorCode: k.investor_code,
      decisionNo: k.decision_no,
      decisionDate: vnDay(k.decision_date),
      decisionAgency: k.decision_agency,
      publishedAt: iso(k.published_at),
      publishedBy: k.agency_code,
      packages: pkgs
        .filter((p) => p.khlcnt_id === k.id)
        .map((p) => ({
          bidNo: p.bid_no,
          name: p.name,
          field: p.field,
          method: p.method,
          procedure: p.procedure,
          contractType: p.contract_type,
          isDomestic: p.is_domestic,
          isInternet: p.is_internet,
          priceVnd: p.price_vnd === null ? null : Number(p.price_vnd),
          funding: p.funding,
          selectionStart: p.selection_start,
          contractPeriod: p.contract_period,
          contractPeriodUnit: p.contract_period_unit,
        })),
    });
  }
  return out;
}
