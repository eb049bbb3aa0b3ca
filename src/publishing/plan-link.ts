/**
 * A TBMT linked to a package of a published contractor-selection plan (KHLCNT, Law 22/2023 Art. 39):
 * the payload names it by `planNo` (the stored plan number, `PL…` or `PL…-NN` for a correction) and
 * `packageNo` (the package's national number `BP…`, or its line number in the plan, 1-based, in the
 * order the plan page lists them). Publishing checks the plan belongs to the notice's agency, a unit
 * above it or a unit below it, that the package exists and has no notice yet (400 naming the field
 * otherwise), then saves the notice on that package row (so the public notice page shows the plan and
 * the OCDS process gets the plan's planning release). Where the notice differs from the plan — price
 * above the package price, another field or method — a `flag` finding is recorded (never a block).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regimeFor, type Finding } from '../compliance/law/index.ts';
import type { DB } from '../db/generated/db.ts';
import { FIELDS, labelVi, METHODS } from '../procurement/codes.ts';
import { agencyAncestorCodes, agencyAndSubUnitCodes } from '../procurement/queries/agency-tree.ts';
import { PublishError } from './errors.ts';
import type { FieldError } from './schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Advisory lock key of procurement saves (`saveTbmtFacts`, `publishPlan`). */
const SAVE_LOCK_KEY = 727002;

/** A package line of a stored plan. Money VND. */
export interface PlanPackage {
  packageId: number;
  planNo: string;
  /** `BP…` when the package has a national number, else its line number as text. */
  packageNo: string;
  line: number;
  name: string;
  field: string | null;
  method: string | null;
  priceVnd: number | null;
  /** The agency that published the plan on minhbach, and the investor's org code. */
  agencyCode: string | null;
  investorCode: string | null;
  /** A notice already published for the package, if any. */
  noticeNo: string | null;
}

/** Legal source of the plan comparison (the notice follows the approved plan). */
export const PLAN_CITATION = 'Luật Đấu thầu 22/2023/QH15, Điều 39 (kế hoạch lựa chọn nhà thầu được duyệt)';

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} ₫`;

/** The packages of plans matching `where`, with their line numbers. */
async function planPackages(
  db: Db,
  filter: { planNo?: string; agencies?: string[] },
): Promise<PlanPackage[]> {
  const byPlan = filter.planNo !== undefined ? sql`k.plan_no = ${filter.planNo}` : sql`TRUE`;
  const codes = filter.agencies ?? [];
  const byAgency =
    filter.agencies !== undefined
      ? sql`(k.agency_code IN (${sql.join(codes.length ? codes : ['-'])}) OR o.code IN (${sql.join(codes.length ? codes : ['-'])}))`
      : sql`TRUE`;
  const r = await sql<Record<string, unknown>>`
    SELECT p.id, p.bid_no, p.name, p.field, p.method, p.price_vnd, k.plan_no, k.agency_code,
           o.code AS investor_code,
           row_number() OVER (PARTITION BY p.khlcnt_id ORDER BY p.id) AS line,
           (SELECT t.notify_no FROM tbmt t WHERE t.package_id = p.id ORDER BY t.id LIMIT 1) AS notice_no
      FROM package p
      JOIN khlcnt k ON k.id = p.khlcnt_id
      LEFT JOIN org o ON o.id = k.investor_id
     WHERE ${byPlan} AND ${byAgency}
     ORDER BY k.published_at DESC NULLS LAST, k.plan_no, p.id`.execute(db);
  return r.rows.map((row) => ({
    packageId: Number(row.id),
    planNo: String(row.plan_no),
    packageNo: (row.bid_no as string | null) ?? String(row.line),
    line: Number(row.line),
    name: String(row.name),
    field: (row.field as string | null) ?? null,
    method: (row.method as string | null) ?? null,
    priceVnd: row.price_vnd === null ? null : Number(row.price_vnd),
    agencyCode: (row.agency_code as string | null) ?? null,
    investorCode: (row.investor_code as string | null) ?? null,
    noticeNo: (row.notice_no as string | null) ?? null,
  }));
}

/** `agencyCode`, the units below it and the units above it. */
async function relatedAgencies(db: Db, agencyCode: string): Promise<string[]> {
  return [...(await agencyAndSubUnitCodes(db, agencyCode)), ...(await agencyAncestorCodes(db, agencyCode))];
}

/**
 * The plan packages without a notice that agency `agencyCode` may link a new TBMT to (plans of the
 * agency, its sub-units or the units above it), newest plan first, as select options
 * `[`${planNo}|${packageNo}`, label]`.
 */
export async function planPackageOptions(db: Db, agencyCode: string): Promise<[string, string][]> {
  const rows = await planPackages(db, { agencies: await relatedAgencies(db, agencyCode) });
  return rows
    .filter((p) => !p.noticeNo)
    .slice(0, 500)
    .map((p) => [
      `${p.planNo}|${p.packageNo}`,
      `${p.planNo} · gói ${p.packageNo}: ${p.name}${p.priceVnd !== null ? ` (${vnd(p.priceVnd)})` : ''}`,
    ]);
}

/**
 * The plan package a TBMT payload names (`planNo` + `packageNo`), checked for a notice of
 * `agencyCode`; null when the payload names none.
 * @throws PublishError `invalid-payload` at `/planNo` (unknown plan, another agency's plan, package
 *   number without a plan) or `/packageNo` (missing, not in the plan, already has a notice).
 */
export async function resolvePlanPackage(
  tx: Transaction<DB>,
  agencyCode: string,
  payload: Record<string, unknown>,
): Promise<PlanPackage | null> {
  const planNo = typeof payload.planNo === 'string' ? payload.planNo : undefined;
  const packageNo = typeof payload.packageNo === 'string' ? payload.packageNo : undefined;
  if (planNo === undefined && packageNo === undefined) return null;
  if (planNo === undefined) {
    throw invalid(
      '/planNo',
      'cần số KHLCNT khi nêu gói thầu trong KHLCNT',
      'planNo is required with packageNo',
    );
  }
  // The lock of `saveTbmtFacts`: no other save links the package between this check and the save.
  await sql`SELECT pg_advisory_xact_lock(${SAVE_LOCK_KEY})`.execute(tx);
  const rows = await planPackages(tx, { planNo });
  const plan = await tx.selectFrom('khlcnt').select('id').where('plan_no', '=', planNo).executeTakeFirst();
  if (!plan) throw invalid('/planNo', `không có KHLCNT số ${planNo}`, `no plan ${planNo}`);
  const related = new Set(await relatedAgencies(tx, agencyCode));
  const owner = rows[0] ?? (await ownerOf(tx, plan.id));
  if (
    !(owner.agencyCode && related.has(owner.agencyCode)) &&
    !(owner.investorCode && related.has(owner.investorCode))
  ) {
    throw invalid(
      '/planNo',
      `KHLCNT ${planNo} thuộc đơn vị khác (${owner.agencyCode ?? owner.investorCode ?? 'không rõ'}); chỉ gắn KHLCNT của đơn vị mình, đơn vị cấp trên hoặc cấp dưới`,
      `plan ${planNo} belongs to another agency`,
    );
  }
  if (packageNo === undefined) {
    throw invalid('/packageNo', 'chọn gói thầu trong KHLCNT', 'packageNo is required with planNo');
  }
  const pkg = rows.find((p) => p.packageNo === packageNo || String(p.line) === packageNo);
  if (!pkg) {
    throw invalid(
      '/packageNo',
      `KHLCNT ${planNo} không có gói thầu ${packageNo} (có ${rows.length} gói thầu)`,
      `plan ${planNo} has no package ${packageNo}`,
    );
  }
  if (pkg.noticeNo) {
    throw invalid(
      '/packageNo',
      `gói thầu ${packageNo} của KHLCNT ${planNo} đã có thông báo mời thầu ${pkg.noticeNo}; hãy đăng sửa đổi thông báo đó`,
      `package ${packageNo} of plan ${planNo} already has notice ${pkg.noticeNo}`,
    );
  }
  return pkg;
}

/**
 * The plan package a published notice belongs to, when that package is a line of a plan published on
 * minhbach (an amendment is then compared with it again); null otherwise.
 */
export async function planPackageOfNotice(db: Db, tbmtId: number): Promise<PlanPackage | null> {
  const r = await db
    .selectFrom('tbmt')
    .innerJoin('package', 'package.id', 'tbmt.package_id')
    .innerJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
    .select(['package.id as package_id', 'khlcnt.plan_no'])
    .where('tbmt.id', '=', tbmtId)
    .where('khlcnt.agency_code', 'is not', null)
    .executeTakeFirst();
  if (!r) return null;
  return (
    (await planPackages(db, { planNo: r.plan_no })).find((p) => p.packageId === Number(r.package_id)) ?? null
  );
}

async function ownerOf(tx: Transaction<DB>, khlcntId: number) {
  const r = await tx
    .selectFrom('khlcnt')
    .leftJoin('org', 'org.id', 'khlcnt.investor_id')
    .select(['khlcnt.agency_code', 'org.code'])
    .where('khlcnt.id', '=', khlcntId)
    .executeTakeFirstOrThrow();
  return { agencyCode: r.agency_code, investorCode: r.code };
}

/**
 * Where a notice's content (`priceVnd` VND, `field`, `method` codes) differs from its plan package:
 * one `flag` finding each (price only when above the plan's), messages in Vietnamese naming both
 * values, regime of `at`.
 */
export function planMismatchFindings(
  pkg: PlanPackage,
  notice: { priceVnd: number; field: string; method: string },
  at: Date,
): Finding[] {
  const regime = regimeFor(at).id;
  const flag = (ruleId: string, vi: string, en: string, extra: Partial<Finding> = {}): Finding => ({
    ruleId,
    regime,
    effect: 'flag',
    citation: PLAN_CITATION,
    confirmed: false,
    messageVi: vi,
    messageEn: en,
    ...extra,
  });
  const where = `gói thầu ${pkg.packageNo} của KHLCNT ${pkg.planNo}`;
  const out: Finding[] = [];
  if (pkg.priceVnd !== null && notice.priceVnd > pkg.priceVnd) {
    const over = notice.priceVnd - pkg.priceVnd;
    out.push(
      flag(
        'plan.package-price',
        `Giá gói thầu trong thông báo (${vnd(notice.priceVnd)}) cao hơn giá ${where} (${vnd(pkg.priceVnd)}) ${vnd(over)}.`,
        `The notice's package price (${notice.priceVnd} VND) is ${over} VND above the plan's (${pkg.priceVnd} VND).`,
        { shortBy: over, unit: 'vnd' },
      ),
    );
  }
  if (pkg.field && notice.field !== pkg.field) {
    out.push(
      flag(
        'plan.package-field',
        `Lĩnh vực trong thông báo (${labelVi(FIELDS, notice.field)}) khác lĩnh vực của ${where} (${labelVi(FIELDS, pkg.field)}).`,
        `The notice's field (${notice.field}) differs from the plan's (${pkg.field}).`,
      ),
    );
  }
  if (pkg.method && notice.method !== pkg.method) {
    out.push(
      flag(
        'plan.package-method',
        `Hình thức lựa chọn nhà thầu trong thông báo (${labelVi(METHODS, notice.method)}) khác hình thức của ${where} (${labelVi(METHODS, pkg.method)}).`,
        `The notice's selection method (${notice.method}) differs from the plan's (${pkg.method}).`,
      ),
    );
  }
  return out;
}

function invalid(path: string, vi: string, en: string): PublishError {
  const errors: FieldError[] = [{ path, messageVi: vi, messageEn: en }];
  return new PublishError(
    { code: 'invalid-payload', errors },
    `Invalid plan link: ${en}.`,
    `Liên kết KHLCNT không hợp lệ: ${vi}.`,
  );
}
