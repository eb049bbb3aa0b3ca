/**
 * Bidders of a demo package: who bids on which lot at what price (VND), the bid-opening record, the
 * selection result (winner = lowest evaluated price among responsive bids; losers with the reason) with
 * the goods table, and the main contract information.
 */
import type {
  BidOpeningFacts,
  ContractFacts,
  KqlcntFacts,
  OpeningBidderFacts,
  OrgRef,
  PriceDetail,
  ResultBidderFacts,
  ResultItemFacts,
} from '../procurement/facts.ts';
import { addMinutes, fileDate, vnParts } from './calendar.ts';
import type { ContractorPool } from './contractors.ts';
import type { LotDraft, PackageDraft, PlanDraft } from './drafts.ts';
import { makeItems } from './items.ts';
import { roundVnd, type Rng } from './random.ts';
import type { Timeline } from './timeline.ts';

/** VND per US dollar used for the foreign-currency part of international prices (demo value). */
export const USD_RATE = 26_350;

const DISQUALIFIED = [
  'Không đáp ứng yêu cầu về năng lực và kinh nghiệm.',
  'Không đáp ứng yêu cầu về kỹ thuật.',
  'Không đáp ứng yêu cầu về năng lực tài chính (doanh thu bình quân hằng năm).',
  'Nhân sự chủ chốt không đáp ứng yêu cầu của hồ sơ mời thầu.',
  'Bảo đảm dự thầu không hợp lệ.',
  'Nhà thầu không làm rõ hồ sơ dự thầu theo yêu cầu của bên mời thầu.',
];
const TECH_FAILED = 'Không đạt số điểm kỹ thuật tối thiểu theo yêu cầu của hồ sơ mời thầu.';
const SINGLE: readonly string[] = ['CDT', 'CDT_RG', 'MSTT', 'TTH', 'TVCN'];

interface Bid {
  contractor: OrgRef;
  lot: LotDraft;
  lotNo: string | null;
  bidPriceVnd: number | null;
  discountPercent: number;
  finalPriceVnd: number | null;
  techScore: number | null;
  reason: string | null;
  winner: boolean;
  items: ResultItemFacts[];
}

export interface BidContext {
  plan: PlanDraft;
  draft: PackageDraft;
  timeline: Timeline;
  pool: ContractorPool;
  notifyNo: string;
  /** Lot numbers parallel to `draft.lots`; `null` for a package without lots. */
  lotNos: (string | null)[];
  investor: OrgRef;
  /** Decision number counter of the agency (consumed here). */
  nextDecisionNo: () => number;
}

export interface BidOutcome {
  opening: BidOpeningFacts | null;
  results: KqlcntFacts[];
  contracts: ContractFacts[];
}

/** Simulates the bidding of one package up to where its timeline stands. */
export function simulateBids(rng: Rng, ctx: BidContext): BidOutcome {
  const { draft, timeline } = ctx;
  const bidders = chooseBidders(rng, ctx);
  const year = vnParts(timeline.closeAt).year;
  const bids: Bid[] = [];
  draft.lots.forEach((lot, i) => {
    const lotNo = ctx.lotNos[i] ?? null;
    const onLot =
      draft.lots.length > 1 ? rng.sample(bidders, rng.int(1, Math.min(5, bidders.length))) : bidders;
    bids.push(...priceLot(rng, ctx, lot, lotNo, onLot, year));
  });

  const stageOneOnly = draft.procedure.startsWith('2_') && draft.state === 'opened';
  const opening: BidOpeningFacts | null = timeline.openedAt
    ? { openedAt: timeline.openedAt, bidders: bids.map((b) => openingRow(rng, ctx, b, stageOneOnly)) }
    : null;
  if (!timeline.result) return { opening, results: [], contracts: [] };

  const agency = ctx.plan.agency;
  const decisionAt = timeline.result.decisionAt;
  const result: KqlcntFacts = {
    version: '00',
    publishedAt: timeline.result.publishedAt,
    decisionNo: `${ctx.nextDecisionNo()}/QĐ-${agency.abbr}`,
    decisionDate: decisionAt,
    decisionAgency: agency.name,
    decisionFile: `${ctx.notifyNo}_QuyetDinhPheDuyetKQLCNT_${fileDate(decisionAt)}.pdf`,
    reportFile: SINGLE.includes(draft.method)
      ? null
      : `${ctx.notifyNo}_BaoCaoDanhGia${draft.online ? 'E-' : ''}HSDT.pdf`,
    bidders: bids.map((b) => resultRow(rng, ctx, b)),
    items: bids.flatMap((b) => (b.winner ? b.items : [])),
  };
  const contracts: ContractFacts[] = [];
  if (timeline.contract) {
    const base = rng.int(12, 240);
    const unit = draft.periodUnit === 'D' ? 'ngày' : 'tháng';
    for (const w of result.bidders.filter((b) => b.isWinner)) {
      contracts.push({
        contractNo: `${base + contracts.length}/${year}/HĐ-${agency.abbr}`,
        supplier: w.contractor,
        lotNo: w.lotNo ?? null,
        valueVnd: w.winningPriceVnd ?? null,
        signedAt: timeline.contract.signedAt,
        effectiveAt: timeline.contract.signedAt,
        period: `${draft.period} ${unit}`,
        publishedAt: timeline.contract.publishedAt,
      });
    }
  }
  return { opening, results: [result], contracts };
}

function chooseBidders(rng: Rng, ctx: BidContext): OrgRef[] {
  const { draft, pool } = ctx;
  const trade = pool.byTrade[draft.kind.trade];
  if (draft.method === 'TTH') return [ctx.investor];
  if (draft.method === 'TVCN') return [rng.pick(pool.people)];
  if (SINGLE.includes(draft.method)) return [rng.pick(trade)];
  if (!draft.domestic) {
    const foreign = rng.sample(
      draft.kind.trade === 'med' ? pool.foreign.medical : pool.foreign.infra,
      rng.int(2, 3),
    );
    return [...foreign, ...rng.sample(trade, rng.int(0, 2))];
  }
  const n =
    draft.method === 'DTRR'
      ? rng.weighted([2, 3, 4, 5, 6, 7, 8], [3, 5, 5, 4, 3, 2, 1])
      : draft.method === 'DTHC'
        ? rng.int(3, 5)
        : rng.int(2, draft.method === 'CHCT_RG' ? 4 : 6);
  return rng.sample(trade, Math.max(draft.lots.length > 1 ? 3 : 1, n));
}

function priceLot(
  rng: Rng,
  ctx: BidContext,
  lot: LotDraft,
  lotNo: string | null,
  who: OrgRef[],
  year: number,
): Bid[] {
  const { draft } = ctx;
  const single = who.length === 1;
  const allFail = draft.state === 'cancelled_late';
  const twoEnvelope = draft.procedure.endsWith('HTHS');
  const scored = draft.kind.field === 'TV' || twoEnvelope;
  const target = roundVnd(lot.priceVnd * (single ? rng.between(0.97, 0.998) : rng.between(0.85, 0.985)));
  const order = rng.shuffle(who);
  const bids: Bid[] = order.map((contractor, i) => {
    const isWinner = i === 0 && !allFail;
    const cheaperButOut = i === 1 && rng.chance(0.3);
    const final = isWinner
      ? target
      : roundVnd(target * (cheaperButOut ? rng.between(0.9, 0.99) : rng.between(1.01, 1.16)));
    const discount = rng.chance(0.2) ? rng.pick([0.5, 1, 1.5, 2, 3, 5]) : 0;
    const bid = roundVnd(final / (1 - discount / 100));
    const failedTech = scored && !isWinner && rng.chance(0.25);
    let reason: string | null = null;
    if (allFail) reason = rng.pick(DISQUALIFIED);
    else if (failedTech) reason = TECH_FAILED;
    else if (cheaperButOut || (!isWinner && rng.chance(0.15))) reason = rng.pick(DISQUALIFIED);
    return {
      contractor,
      lot,
      lotNo,
      bidPriceVnd: bid,
      discountPercent: discount,
      finalPriceVnd: afterDiscount(bid, discount),
      techScore: scored
        ? Math.round((failedTech ? rng.between(52, 69) : rng.between(72, 96)) * 10) / 10
        : null,
      reason,
      winner: isWinner,
      items: [],
    };
  });
  const winner = bids.find((b) => b.winner);
  if (winner && lot.goods.length > 0 && ctx.timeline.result) {
    winner.items = makeItems(rng, lot.goods, winner.bidPriceVnd ?? target, {
      contractor: winner.contractor,
      lotNo,
      year,
      foreignOnly: !draft.domestic,
    });
    winner.bidPriceVnd = winner.items.reduce((s, it) => s + (it.amountVnd ?? 0), 0);
    winner.finalPriceVnd = afterDiscount(winner.bidPriceVnd, winner.discountPercent);
  }
  if (winner) {
    // The lowest responsive evaluated price wins: keep responsive losers above the winner.
    for (const b of bids) {
      if (b === winner || b.reason !== null || (b.finalPriceVnd ?? 0) > (winner.finalPriceVnd ?? 0)) continue;
      b.finalPriceVnd = roundVnd((winner.finalPriceVnd ?? 0) * rng.between(1.01, 1.08));
      b.bidPriceVnd = roundVnd(b.finalPriceVnd / (1 - b.discountPercent / 100));
      b.finalPriceVnd = afterDiscount(b.bidPriceVnd, b.discountPercent);
    }
  }
  const ranked = bids
    .filter((b) => b.reason === null)
    .sort((a, b) => (a.finalPriceVnd ?? 0) - (b.finalPriceVnd ?? 0));
  ranked.forEach((b, i) => {
    if (!b.winner) b.reason = `Nhà thầu xếp hạng ${i + 1}.`;
  });
  return bids;
}

/** Price after a discount in percent, VND (never above the bid price). */
function afterDiscount(bid: number, discountPercent: number): number {
  return discountPercent === 0 ? bid : Math.floor((bid * (100 - discountPercent)) / 100);
}

function execution(draft: PackageDraft): string {
  return `${draft.period} ${draft.periodUnit === 'D' ? 'ngày' : 'tháng'}`;
}

function openingRow(rng: Rng, ctx: BidContext, b: Bid, stageOneOnly: boolean): OpeningBidderFacts {
  const { draft, timeline } = ctx;
  const withPrice = !stageOneOnly && !(b.reason === TECH_FAILED && draft.procedure.endsWith('HTHS'));
  return {
    contractor: b.contractor,
    lotNo: b.lotNo,
    lotName: b.lot.name || null,
    bidPriceVnd: withPrice ? b.bidPriceVnd : null,
    discountPercent: withPrice ? b.discountPercent : null,
    finalPriceVnd: withPrice ? b.finalPriceVnd : null,
    bidSecurityVnd: b.lot.securityVnd,
    bidSecurityDays: b.lot.securityVnd === null ? null : draft.validityDays + 30,
    bidValidityDays: draft.validityDays,
    executionPeriod: execution(draft),
    submittedAt: addMinutes(timeline.closeAt, -rng.int(20, 6 * 24 * 60)),
  };
}

function resultRow(rng: Rng, ctx: BidContext, b: Bid): ResultBidderFacts {
  const negotiated =
    b.winner && ctx.draft.kind.field === 'TV' && b.finalPriceVnd !== null
      ? roundVnd(b.finalPriceVnd * rng.between(0.99, 1))
      : b.finalPriceVnd;
  const foreign = !ctx.draft.domestic && b.winner && (b.contractor.code ?? '').startsWith('vnz0998');
  let priceDetail: PriceDetail[] | null = null;
  if (foreign && negotiated !== null) {
    const usd = Math.round((negotiated * rng.between(0.55, 0.8)) / USD_RATE);
    priceDetail = [
      { currency: 'USD', amount: usd, exchangeRate: USD_RATE },
      { currency: 'VND', amount: negotiated - usd * USD_RATE, exchangeRate: null },
    ];
  }
  return {
    contractor: b.contractor,
    lotNo: b.lotNo,
    lotName: b.lot.name || null,
    isWinner: b.winner,
    reason: b.winner ? null : b.reason,
    bidPriceVnd: b.bidPriceVnd,
    finalPriceVnd: b.finalPriceVnd,
    evaluatedPriceVnd: b.reason === TECH_FAILED ? null : b.finalPriceVnd,
    techScore: b.techScore,
    winningPriceVnd: b.winner ? negotiated : null,
    contractPeriod: execution(ctx.draft),
    priceDetail,
  };
}
