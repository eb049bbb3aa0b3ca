/**
 * The demo dataset (dữ liệu minh họa): about 60–80 invented procurement notices of Hà Nội agencies,
 * as `TbmtFacts` ready for `saveTbmtFacts()`. Pure and deterministic: the same seed and reference
 * date always give deep-equal output (no `Math.random`, no clock).
 */
import { METHODS } from '../procurement/codes.ts';
import type { KhlcntFacts, OrgRef, PackageFacts, TbmtFacts, TbmtVersionFacts } from '../procurement/facts.ts';
import { simulateBids, USD_RATE } from './bids.ts';
import { addDays, addMinutes, atVnClock, fileDate, onOrBeforeWorkingDay, vnParts } from './calendar.ts';
import { buildContractorPool } from './contractors.ts';
import { draftPlans, type PackageDraft, type PlanDraft } from './drafts.ts';
import { agencyCode, HANOI, type Agency } from './names.ts';
import { roundVnd, Rng } from './random.ts';
import { planTimeline, type Timeline } from './timeline.ts';

/** Default seed of the demo dataset. */
export const DEMO_SEED = 20260101;

/** Default reference date ("now" of the demo): 15 Nov 2026, 10:00 in Hà Nội. */
export const DEMO_REFERENCE_DATE = new Date('2026-11-15T03:00:00Z');

const PORTAL = 'https://muasamcong.mpi.gov.vn';

interface Entry {
  plan: PlanDraft;
  draft: PackageDraft;
  timeline: Timeline;
}

/**
 * Generates the demo dataset.
 * @param seed any integer; the same seed gives the same data, another seed other data.
 * @param referenceDate the instant the data is "as of" (UTC): open notices close after it, results
 *   and contracts are published before it, nothing is published after it.
 * @returns notices in order of first publication; money in VND integers, instants as UTC `Date`s,
 *   text NFC. Numbers use the `IB`/`PL`/`BP`/`PP` + yy + `99…` range, unused on the national system.
 */
export function generateDemo(
  seed: number = DEMO_SEED,
  referenceDate: Date = DEMO_REFERENCE_DATE,
): { facts: TbmtFacts[] } {
  const rng = new Rng(seed);
  const year = vnParts(referenceDate).year;
  const pool = buildContractorPool(rng);
  const plans = draftPlans(rng, year, rng.int(64, 74));
  const entries: Entry[] = plans.flatMap((plan) =>
    plan.packages.map((draft) => ({ plan, draft, timeline: planTimeline(rng, draft, referenceDate) })),
  );

  const planFacts = new Map<PlanDraft, KhlcntFacts>();
  const planDates = plans.map((plan) => {
    const first = Math.min(
      ...entries.filter((e) => e.plan === plan).map((e) => e.timeline.publishedAt.getTime()),
    );
    return {
      plan,
      at: onOrBeforeWorkingDay(atVnClock(addDays(new Date(first), -rng.int(10, 45)), 15, rng.int(0, 59))),
    };
  });
  planDates.sort((a, b) => a.at.getTime() - b.at.getTime());
  const decisionNo = decisionCounter(rng);
  const plNo = counter(rng, 'PL');
  const bpNo = counter(rng, 'BP');
  const bidNos = new Map<PackageDraft, string>();
  for (const { plan, at } of planDates) {
    const decisionAt = onOrBeforeWorkingDay(atVnClock(addDays(at, -rng.int(1, 4)), 16, 0));
    planFacts.set(plan, {
      planNo: plNo(at),
      planVersion: '00',
      name: plan.project,
      planType: plan.planType,
      projectName: plan.project,
      investor: orgRef(plan.agency),
      decisionNo: `${decisionNo(plan.agency)}/QĐ-${plan.agency.abbr}`,
      decisionDate: decisionAt,
      publishedAt: at,
    });
    for (const d of plan.packages) bidNos.set(d, bpNo(at));
  }

  entries.sort((a, b) => a.timeline.publishedAt.getTime() - b.timeline.publishedAt.getTime());
  const ibNo = counter(rng, 'IB');
  const ppNo = counter(rng, 'PP');
  const facts = entries.map((e): TbmtFacts => {
    const notifyNo = ibNo(e.timeline.publishedAt);
    const lotNos = e.draft.lots.length > 1 ? e.draft.lots.map(() => ppNo(e.timeline.publishedAt)) : [null];
    const investor = orgRef(e.plan.agency);
    const versions = buildVersions(rng, e, notifyNo, lotNos, () => decisionNo(e.plan.agency));
    const bids = simulateBids(rng, {
      plan: e.plan,
      draft: e.draft,
      timeline: e.timeline,
      pool,
      notifyNo,
      lotNos,
      investor,
      nextDecisionNo: () => decisionNo(e.plan.agency),
    });
    const c = e.timeline.cancellation;
    return {
      notifyNo,
      noticeType: 'TBMT',
      firstPublishedAt: e.timeline.publishedAt,
      khlcnt: planFacts.get(e.plan) ?? null,
      package: packageFacts(e, bidNos.get(e.draft) ?? null),
      versions,
      extensions: e.timeline.extension
        ? [{ ...e.timeline.extension, ...extensionOpenTimes(e), reason: rng.pick(EXTENSION_REASONS) }]
        : [],
      cancellation: c
        ? {
            cancelledAt: c.publishedAt,
            reason:
              e.draft.state === 'cancelled_early'
                ? 'Thay đổi mục tiêu, phạm vi đầu tư trong quyết định đầu tư đã được phê duyệt làm thay đổi khối lượng công việc, tiêu chuẩn đánh giá đã ghi trong hồ sơ mời thầu.'
                : 'Tất cả hồ sơ dự thầu không đáp ứng được các yêu cầu của hồ sơ mời thầu.',
            decisionNo: `${decisionNo(e.plan.agency)}/QĐ-${e.plan.agency.abbr}`,
            decisionDate: c.decisionAt,
            decisionAgency: e.plan.agency.name,
            decisionFile: `${notifyNo}_QuyetDinhHuyThau_${fileDate(c.decisionAt)}.pdf`,
          }
        : null,
      opening: bids.opening,
      results: bids.results,
      contracts: bids.contracts,
    };
  });
  return { facts };
}

const EXTENSION_REASONS = [
  'Gia hạn thời điểm đóng thầu để nhà thầu có thêm thời gian chuẩn bị hồ sơ dự thầu theo nội dung làm rõ hồ sơ mời thầu.',
  'Gia hạn do đến thời điểm đóng thầu số lượng nhà thầu nộp hồ sơ dự thầu chưa đáp ứng yêu cầu.',
  'Gia hạn theo đề nghị của nhà thầu để hoàn thiện hồ sơ đề xuất kỹ thuật.',
];

/** The organisation reference of an agency (invented `vnz099…` code). */
export function orgRef(agency: Agency): OrgRef {
  return { code: agencyCode(agency), name: agency.name };
}

function counter(rng: Rng, prefix: string): (at: Date) => string {
  let n = rng.int(100_000, 260_000);
  return (at: Date) => {
    n += rng.int(20, 900);
    return `${prefix}${String(vnParts(at).year % 100).padStart(2, '0')}99${String(n).padStart(6, '0')}`;
  };
}

function decisionCounter(rng: Rng): (agency: Agency) => number {
  const next = new Map<string, number>();
  return (agency: Agency) => {
    const n = (next.get(agency.name) ?? rng.int(60, 900)) + rng.int(1, 25);
    next.set(agency.name, n);
    return n;
  };
}

function securityFor(d: PackageDraft, price: number): number | null {
  if (d.securityVnd === null) return null;
  const scaled = roundVnd((d.securityVnd * price) / d.priceVnd);
  return Math.min(
    Math.max(scaled, Math.ceil(price / 100 / 1000) * 1000),
    Math.floor((price * 3) / 100 / 1000) * 1000,
  );
}

function openAfter(d: PackageDraft, close: Date): Date {
  return d.online ? close : addMinutes(close, 30);
}

function extensionOpenTimes(e: Entry) {
  const x = e.timeline.extension!;
  return { oldOpenAt: openAfter(e.draft, x.oldCloseAt), newOpenAt: openAfter(e.draft, x.newCloseAt) };
}

function buildVersions(
  rng: Rng,
  e: Entry,
  notifyNo: string,
  lotNos: (string | null)[],
  nextDecision: () => number,
): TbmtVersionFacts[] {
  const { draft: d, plan, timeline: t } = e;
  const agency = plan.agency;
  const ref = orgRef(agency);
  const place = d.online ? PORTAL : `Trụ sở ${agency.name}, ${HANOI.provinceName}`;
  const price0 = d.priceBeforeAmendment ?? d.priceVnd;
  const docDate = (at: Date) => atVnClock(addDays(at, -rng.int(0, 2)), 8, 0);
  const decided = docDate(t.publishedAt);
  const method = METHODS.find((m) => m.value === d.method);
  const v00: TbmtVersionFacts = {
    version: '00',
    publishedAt: t.publishedAt,
    name: d.name,
    investor: ref,
    procuringEntity: ref,
    field: d.kind.field,
    fieldCodeSrc: d.kind.field,
    method: d.method,
    methodCodeSrc: method?.srcCodes[0] ?? d.method,
    procedure: d.procedure,
    contractType: d.contractType,
    contractPeriod: d.period,
    contractPeriodUnit: d.periodUnit,
    isDomestic: d.domestic,
    isInternet: d.online,
    priceVnd: price0,
    estimateVnd: d.priceBeforeAmendment === null ? d.estimateVnd : price0,
    funding: plan.funding,
    bidCloseAt: t.close0,
    bidOpenAt: openAfter(d, t.close0),
    bidValidityDays: d.validityDays,
    bidSecurityVnd: securityFor(d, price0),
    bidSecurityForm: d.securityForm,
    feeType: 'F',
    issueLocation: place,
    receiveLocation: place,
    openLocation: place,
    documentsDecisionNo: `${nextDecision()}/QĐ-${agency.abbr}`,
    documentsDecisionDate: decided,
    documentsDecisionAgency: agency.name,
    documentsDecisionFile: `${notifyNo}_QuyetDinhPheDuyetHSMT_${fileDate(decided)}.pdf`,
    statusCodeSrc: '01',
    locations: d.wards.map((w) => ({ ...HANOI, wardCode: w.code, wardName: w.name })),
    lots:
      d.lots.length > 1
        ? d.lots.map((l, i) => ({ lotNo: lotNos[i] ?? '', name: l.name, priceVnd: l.priceVnd }))
        : null,
  };
  const versions = [v00];
  if (t.amendment) {
    const amendedAt = docDate(t.amendment.publishedAt);
    versions.push({
      ...v00,
      version: '01',
      publishedAt: t.amendment.publishedAt,
      priceVnd: d.priceVnd,
      estimateVnd: d.estimateVnd,
      bidCloseAt: t.amendment.closeAt,
      bidOpenAt: openAfter(d, t.amendment.closeAt),
      bidSecurityVnd: securityFor(d, d.priceVnd),
      documentsDecisionNo: `${nextDecision()}/QĐ-${agency.abbr}`,
      documentsDecisionDate: amendedAt,
      documentsDecisionFile: `${notifyNo}_QuyetDinhSuaDoiHSMT_${fileDate(amendedAt)}.pdf`,
      amendmentReason: d.events.includes('amend_price')
        ? 'Điều chỉnh giá gói thầu theo dự toán được phê duyệt lại; sửa đổi biểu mẫu dự thầu tương ứng.'
        : 'Sửa đổi yêu cầu kỹ thuật tại Chương V của hồ sơ mời thầu và điều chỉnh thời điểm đóng thầu tương ứng.',
    });
  }
  if (t.cancellation) versions[versions.length - 1]!.statusCodeSrc = '03';
  return versions;
}

function packageFacts(e: Entry, bidNo: string | null): PackageFacts {
  const d = e.draft;
  const p = vnParts(e.timeline.publishedAt);
  const usdShare = d.domestic ? 0 : Math.round((d.priceVnd * 0.7) / USD_RATE);
  return {
    bidNo,
    name: d.name,
    field: d.kind.field,
    fieldCodeSrc: d.kind.field,
    method: d.method,
    methodCodeSrc: METHODS.find((m) => m.value === d.method)?.srcCodes[0] ?? d.method,
    procedure: d.procedure,
    contractType: d.contractType,
    contractPeriod: d.period,
    contractPeriodUnit: d.periodUnit,
    priceVnd: d.priceVnd,
    estimateVnd: d.estimateVnd,
    priceDetail: d.domestic
      ? null
      : [
          { currency: 'USD', amount: usdShare, exchangeRate: USD_RATE },
          { currency: 'VND', amount: d.priceVnd - usdShare * USD_RATE, exchangeRate: null },
        ],
    funding: e.plan.funding,
    isDomestic: d.domestic,
    isInternet: d.online,
    selectionStart: `Quý ${['I', 'II', 'III', 'IV'][Math.floor((p.month - 1) / 3)]} năm ${p.year}`,
    selectionDuration: `${d.domestic ? 45 + 15 * (d.method === 'DTRR' ? 1 : 0) : 90} ngày`,
    summary: d.kind.summary,
  };
}
