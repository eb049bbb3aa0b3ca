/**
 * Publishing a checked plan (KHLCNT) with its packages, in the caller's transaction: plan number
 * (national or issued), immutability (a published plan is never edited — a correction is a new row
 * `PL…-NN`), lateness against the approval decision (Law 22/2023 Art. 8.4 via `checkTimeliness`),
 * every row audited, the publication appended to the public ledger, and each package given its
 * OCDS ocid and `planning` release (src/opendata/store.ts `publishPlanReleases`).
 */
import { sql, type Transaction } from 'kysely';
import { appendToLedger } from '../audit/ledger-store.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { checkTimeliness } from '../compliance/law/index.ts';
import type { DB } from '../db/generated/db.ts';
import { publishPlanReleases } from '../opendata/store.ts';
import { Writer } from '../procurement/write/writer.ts';
import type { PlanError, PlanInput } from './input.ts';
import { PLAN_LEDGER_KIND, planDocuments } from './ledger-document.ts';

/** Same advisory lock as `saveTbmtFacts`: plan numbers are read then written, one save at a time. */
const SAVE_LOCK_KEY = 727002;

/** Why a plan was refused: 400 (bad input, field paths) or 409 (number already published). */
export class PlanRefusal extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly errors: PlanError[],
  ) {
    super(errors.map((e) => `${e.path}: ${e.messageEn}`).join('; '));
    this.name = 'PlanRefusal';
  }
}

/** What publishing did. */
export interface PublishedPlan {
  id: number;
  /** Stored plan number: `PL…` for version 00, `PL…-NN` for a correction. */
  planNo: string;
  version: string;
  packageIds: number[];
  /** The OCDS ocid of each package (same order), each with its `planning` release stored. */
  ocids: string[];
  /** End of the legal deadline (UTC), or null when no rule applies. */
  deadline: Date | null;
  /** Working days late (0 = on time). */
  lateBy: number;
  late: boolean;
  citation: string | null;
}

/** Options of {@link publishPlan}. */
export interface PublishPlanOptions {
  /** Audit actor: `account:<id>` or `token:<id>`. */
  actor: string;
  /** The publisher's agency as authorised by the caller (`assertCanPublishFor`). */
  agencyCode: string;
  now: Date;
  calendar: WorkingCalendar;
}

/** The approval day (Vietnam calendar) as the instant of its start, Asia/Ho_Chi_Minh (UTC+7). */
export function vnDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/**
 * Saves `plan` as published by `opts.agencyCode`. Call after `assertCanPublishFor(tx, who,
 * plan.investorCode)` in the same transaction.
 * @throws PlanRefusal 409 when the plan number (with its version) is already stored, 400 when the
 *   investor is unknown, a correction's base plan is missing or belongs to another investor, or a
 *   package number is already listed in another plan. Nothing is written then (the caller rolls back).
 */
export async function publishPlan(
  tx: Transaction<DB>,
  plan: PlanInput,
  opts: PublishPlanOptions,
): Promise<PublishedPlan> {
  await sql`SELECT pg_advisory_xact_lock(${SAVE_LOCK_KEY})`.execute(tx);
  const investor = await tx
    .selectFrom('org')
    .select(['id', 'code'])
    .where('code', '=', plan.investorCode)
    .executeTakeFirst();
  if (!investor)
    throw refuse(
      400,
      '/investorCode',
      `Không có đơn vị mã “${plan.investorCode}”.`,
      `No agency with code "${plan.investorCode}".`,
    );

  const planNo = await planNumber(tx, plan, investor.id, opts.now);
  const decisionAt = vnDayStart(plan.decisionDate);
  const timeliness = checkTimeliness(
    { item: 'khlcnt', regimeDate: decisionAt, eventAt: decisionAt, publishedAt: opts.now },
    { calendar: opts.calendar },
  );
  const lateBy = timeliness.late ? timeliness.lateBy : 0;

  const taken = await tx
    .selectFrom('package')
    .innerJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
    .select(['package.bid_no', 'khlcnt.plan_no'])
    .where(
      'package.bid_no',
      'in',
      plan.packages
        .map((p) => p.bidNo ?? '')
        .filter(Boolean)
        .concat(['-']),
    )
    .execute();
  if (taken.length > 0) {
    const byBp = new Map(taken.map((r) => [r.bid_no, r.plan_no]));
    throw new PlanRefusal(
      409,
      plan.packages.flatMap((p, i) =>
        p.bidNo && byBp.has(p.bidNo)
          ? [
              err(
                `/packages/${i}/bidNo`,
                `Gói thầu ${p.bidNo} đã có trong KHLCNT ${byBp.get(p.bidNo)}; để trống số gói thầu trong bản điều chỉnh.`,
                `Package ${p.bidNo} is already listed in plan ${byBp.get(p.bidNo)}; leave the package number empty in a correction.`,
              ),
            ]
          : [],
      ),
    );
  }

  const w = new Writer(tx, opts.actor);
  const id = await w.insert('khlcnt', {
    plan_no: planNo.stored,
    plan_version: plan.version,
    name: plan.name,
    project_name: plan.projectName,
    investor_id: investor.id,
    decision_no: plan.decisionNo,
    decision_date: decisionAt,
    decision_agency: plan.decisionAgency,
    published_at: opts.now,
    published_by: opts.actor,
    agency_code: opts.agencyCode,
    plan_no_issued: planNo.issued,
    deadline_at: timeliness.deadline,
    late_by_wd: lateBy,
    late_rule_id: timeliness.finding?.ruleId,
    late_citation: timeliness.finding?.citation,
    source: 'minhbach',
  });
  const packageIds: number[] = [];
  for (const p of plan.packages) {
    packageIds.push(
      await w.insert('package', {
        bid_no: p.bidNo,
        khlcnt_id: id,
        name: p.name,
        field: p.field,
        method: p.method,
        procedure: p.procedure,
        contract_type: p.contractType,
        contract_period: p.contractPeriod,
        contract_period_unit: p.contractPeriodUnit,
        price_vnd: p.priceVnd,
        funding: p.funding,
        is_domestic: p.isDomestic,
        is_internet: p.isInternet,
        selection_start: p.selectionStart,
        source: 'minhbach',
      }),
    );
  }
  // The document is read back from the rows just written: `ledger verify` rebuilds it the same way.
  const document = (await planDocuments(tx, [planNo.stored])).get(planNo.stored);
  await appendToLedger(tx, { kind: PLAN_LEDGER_KIND, ref: planNo.stored, document, publishedAt: opts.now });
  // Each package's ocid and OCDS `planning` release, in the same transaction (docs/ocds-mapping.md).
  const ocds = await publishPlanReleases(tx, id, { actor: opts.actor });
  return {
    id,
    planNo: planNo.stored,
    version: plan.version,
    packageIds,
    ocids: ocds.map((r) => r.ocid),
    deadline: timeliness.deadline,
    lateBy,
    late: timeliness.late,
    citation: timeliness.finding?.citation ?? null,
  };
}

async function planNumber(
  tx: Transaction<DB>,
  plan: PlanInput,
  investorId: number,
  now: Date,
): Promise<{ stored: string; issued: boolean }> {
  if (!plan.planNo) {
    // PL + yy + 9 + 7 digits: the 9 keeps issued numbers apart from the national system's (docs/plans.md).
    const yy = new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear() % 100;
    const r = await sql<{ n: string }>`SELECT nextval('plan_no_seq')::text AS n`.execute(tx);
    return { stored: `PL${String(yy).padStart(2, '0')}9${r.rows[0]!.n.padStart(7, '0')}`, issued: true };
  }
  const stored = plan.version === '00' ? plan.planNo : `${plan.planNo}-${plan.version}`;
  const existing = await tx
    .selectFrom('khlcnt')
    .select('id')
    .where('plan_no', '=', stored)
    .executeTakeFirst();
  if (existing) {
    const next = String(Number(plan.version) + 1).padStart(2, '0');
    throw refuse(
      409,
      '/planNo',
      `KHLCNT ${stored} đã được đăng tải và không thể sửa; hãy đăng tải bản điều chỉnh với phiên bản ${next} (${plan.planNo}-${next}).`,
      `Plan ${stored} is already published and cannot be changed; publish a correction as version ${next} (${plan.planNo}-${next}).`,
    );
  }
  if (plan.version !== '00') {
    const base = await tx
      .selectFrom('khlcnt')
      .select(['investor_id'])
      .where('plan_no', '=', plan.planNo)
      .executeTakeFirst();
    if (!base) {
      throw refuse(
        400,
        '/version',
        `Chưa có KHLCNT ${plan.planNo} (phiên bản 00) để điều chỉnh.`,
        `Plan ${plan.planNo} (version 00) is not published, so it cannot be corrected.`,
      );
    }
    if (base.investor_id !== investorId) {
      throw refuse(
        400,
        '/investorCode',
        `KHLCNT ${plan.planNo} thuộc chủ đầu tư khác; bản điều chỉnh phải cùng chủ đầu tư.`,
        `Plan ${plan.planNo} belongs to another investor; a correction keeps the investor.`,
      );
    }
  }
  return { stored, issued: false };
}

function err(path: string, vi: string, en: string): PlanError {
  return { path, messageVi: vi, messageEn: en };
}

function refuse(status: 400 | 409, path: string, vi: string, en: string): PlanRefusal {
  return new PlanRefusal(status, [err(path, vi, en)]);
}
