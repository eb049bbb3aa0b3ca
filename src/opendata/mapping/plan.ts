/**
 * The `planning` release of one package of a plan (KHLCNT) published on minhbach, derived from the
 * plan and package rows alone — so it exists as soon as the plan is published (Law 22/2023 Art. 39,
 * Art. 8.1.a), before any notice (TBMT) of the package. Pure: the same plan and package always give
 * the same release (same id), so deriving it again stores nothing new.
 *
 * The story-based `planningRelease` (tender.ts) serves plans imported with their notices; for a
 * package of a minhbach plan this release replaces it (see `publishPackageReleases`), so the
 * package has one planning release, published with the plan and kept as published.
 */
import type { PlanView } from '../../procurement/queries/story-types.ts';
import { categoriesOf, fieldLabel, methodDetails, ocdsMethodOf } from '../codes.ts';
import { orgRef, party, type SkippedEvent } from './draft.ts';
import type { OcdsRelease } from './index.ts';
import { digestOf, idPart, iso, prune, vnd } from './json.ts';
import { PLAN_SCHEME } from './tender.ts';

/** A package as the plan lists it (columns of `package` written by `publishPlan`); money VND. */
export interface PlanPackageView {
  /** National package number `BP…`, when the plan gave one. */
  bidNo: string | null;
  name: string;
  /** Normalised codes of src/procurement/codes.ts. */
  field: string | null;
  method: string | null;
  procedure: string | null;
  contractType: string | null;
  priceVnd: number | null;
  funding: string | null;
  isDomestic: boolean | null;
  isInternet: boolean | null;
  /** `Quý 2/2026` or `Tháng 5/2026`. */
  selectionStart: string | null;
  contractPeriod: number | null;
  /** D days, M months, Y years. */
  contractPeriodUnit: string | null;
  summary: string | null;
}

/**
 * The `planning` release of package `pkg` of plan `plan` under `ocid` (field table in
 * docs/ocds-mapping.md, "planning release of a plan published alone"). `tenderId` is the package's
 * reference (its `BP…` number, else `<plan no>-<position>`). A skip when the plan has no date.
 */
export function planPackageRelease(
  ocid: string,
  tenderId: string,
  plan: PlanView,
  pkg: PlanPackageView,
): OcdsRelease | SkippedEvent {
  const key = `planning-${idPart(plan.planNo)}`;
  const date = plan.publishedAt ?? plan.decisionDate;
  if (!date) return { key, reason: `plan ${plan.planNo} has neither a publication nor a decision date` };
  const cats = categoriesOf(pkg.field);
  const inDays = pkg.contractPeriodUnit === 'D' ? pkg.contractPeriod : null;
  const release = prune({
    ocid,
    id: '',
    date: iso(date)!,
    tag: ['planning'],
    initiationType: 'tender' as const,
    language: 'vi',
    parties: plan.investor?.code ? [party(plan.investor, ['buyer'])] : null,
    buyer: orgRef(plan.investor),
    planning: {
      rationale: plan.name,
      budget: {
        id: plan.planNo,
        project: plan.projectName,
        description: pkg.funding,
        amount: vnd(pkg.priceVnd),
      },
      documents: plan.decisionNo
        ? [
            {
              id: `${plan.planNo}-decision`,
              documentType: 'procurementPlan',
              title: `Quyết định phê duyệt KHLCNT số ${plan.decisionNo}`,
              datePublished: iso(plan.publishedAt),
            },
          ]
        : null,
    },
    tender: {
      id: tenderId,
      title: pkg.name,
      description: description(pkg),
      status: 'planned',
      value: vnd(pkg.priceVnd),
      procurementMethod: ocdsMethodOf(pkg.method),
      procurementMethodDetails: methodDetails(pkg.method, pkg.procedure, pkg.contractType),
      mainProcurementCategory: cats?.main,
      additionalProcurementCategories: cats?.additional,
      submissionMethod:
        pkg.isInternet === true ? ['electronicSubmission'] : pkg.isInternet === false ? ['written'] : null,
      contractPeriod: inDays !== null ? { durationInDays: inDays } : null,
    },
    relatedProcesses: [
      {
        id: plan.planNo,
        relationship: ['planning'],
        title: plan.name,
        scheme: PLAN_SCHEME,
        identifier: plan.planNo,
      },
    ],
  }) as OcdsRelease;
  const { id: _omit, ...content } = release;
  void _omit;
  const { ocid: o, date: d, tag, initiationType, ...rest } = content;
  return { ocid: o, id: `${key}-${digestOf(content).slice(0, 10)}`, date: d, tag, initiationType, ...rest };
}

/** True for the skip that {@link planPackageRelease} returns when the plan has no date. */
export function isSkipped(x: OcdsRelease | SkippedEvent): x is SkippedEvent {
  return typeof x.reason === 'string' && !('ocid' in x);
}

/** What the plan says beyond the coded fields, in Vietnamese: summary, field, timing, scope. */
function description(pkg: PlanPackageView): string {
  return [
    pkg.summary,
    fieldLabel(pkg.field) && `Lĩnh vực: ${fieldLabel(pkg.field)}`,
    pkg.selectionStart && `Thời gian bắt đầu tổ chức lựa chọn nhà thầu: ${pkg.selectionStart}`,
    pkg.contractPeriod !== null && pkg.contractPeriodUnit !== 'D'
      ? `Thời gian thực hiện hợp đồng (contract period): ${pkg.contractPeriod} ${unitVi(pkg.contractPeriodUnit)}`
      : null,
    pkg.isDomestic === true
      ? 'Đấu thầu trong nước (domestic)'
      : pkg.isDomestic === false
        ? 'Đấu thầu quốc tế (international)'
        : null,
  ]
    .filter(Boolean)
    .join('\n');
}

function unitVi(unit: string | null): string {
  return unit === 'M' ? 'tháng' : unit === 'Y' ? 'năm' : unit === 'D' ? 'ngày' : (unit ?? '');
}
