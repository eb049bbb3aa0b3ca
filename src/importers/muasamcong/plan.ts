/**
 * The KHLCNT line of a package (`bidpPlanDetail` in a TBMT detail, `bidpPlanDetailDTO` in a KQLCNT
 * response) as `PackageFacts`, plus the lots the plan lists.
 */
import type { LotFacts, PackageFacts } from '../../procurement/facts.ts';
import type { Rec } from './fields.ts';
import { classify, flag, ignoreWhenNo, int, num, priceDetail, text, vnd } from './values.ts';

/** Internal ids, audit stamps and UI flags of a plan line: deliberately not mapped. */
const PLAN_IGNORED = [
  'id',
  'planId',
  'latestAssignId',
  'createdBy',
  'createdDate',
  'lastModifiedBy',
  'lastModifiedDate',
  'recCapitalUnit',
  'isUpdateAssign',
  'isInScope',
  'bidpBidDetailAssign',
  // Link back to the notice this plan line belongs to, which the caller knows already.
  'linkNotifyInfo',
  // Duplicates: the plan number/version and investor are read by the caller; detailLotList repeats
  // bidpBidLotList.
  'planNo',
  'planVersion',
  'planDecisionDate',
  'investorName',
  'detailLotList',
];

/**
 * Package facts of a plan line. `bidPrice` is VND when `bidPriceUnit` is VND; otherwise the VND
 * equivalent `bidPriceEx` is used when given (else the price is reported, not guessed).
 * Selection start is rendered as published on the portal: `Tháng 3/2026`, `Quý I/2026`, `Năm 2026`.
 */
export function packageOfPlan(p: Rec): PackageFacts | null {
  p.ignore(...PLAN_IGNORED);
  ignoreWhenNo(p, 'isMultiLot', 'isPrequalification', 'isConcentrateShopping', 'isOnlineShopping');
  ignoreWhenNo(p, 'additionalChoise');
  const name = text(p, 'bidName');
  if (!name) {
    p.note('bidName (plan line without a package name)');
    p.done();
    return null;
  }
  const classification = classify(p, {
    field: 'bidField',
    method: 'bidForm',
    procedure: 'bidMode',
    contractType: 'ctype',
  });
  const unit = text(p, 'bidPriceUnit');
  let priceVnd = vnd(p, 'bidPrice');
  const priceEx = vnd(p, 'bidPriceEx');
  if (unit && unit.toUpperCase() !== 'VND') {
    if (priceEx === null && priceVnd !== null) p.note(`bidPrice (in ${unit}, no VND equivalent)`);
    priceVnd = priceEx;
  }
  const pkg: PackageFacts = {
    bidNo: text(p, 'bidNo'),
    name,
    ...classification,
    contractPeriod: int(p, 'cperiod'),
    contractPeriodUnit: text(p, 'cperiodUnit'),
    priceVnd,
    estimateVnd: vnd(p, 'bidEstimatePrice'),
    priceDetail: priceDetail(p, 'bidPriceDetail'),
    funding: text(p, 'capitalDetail'),
    isDomestic: flag(p, 'isDomestic'),
    isInternet: flag(p, 'isInternet'),
    selectionStart: selectionStart(p),
    selectionDuration: text(p, 'bidTime'),
    summary: text(p, 'generalTasks'),
  };
  // The exchange date only matters next to foreign-currency prices, and has no place in
  // PackageFacts yet: reported (by `done()`) only then.
  if (!pkg.priceDetail?.some((d) => d.currency !== 'VND')) p.ignore('exchangeDate');
  return pkg;
}

/** The plan's lots (`bidpBidLotList`) as lot facts. */
export function lotsOfPlan(p: Rec): LotFacts[] {
  const lots: LotFacts[] = [];
  for (const l of p.list('bidpBidLotList')) {
    l.ignore('id', 'planNo', 'planVersion', 'bidNo', 'bidName', 'planId', 'bidDetailId');
    l.ignore('createdDate', 'createdBy', 'updatedDate', 'updatedBy');
    const lotNo = text(l, 'lotNo');
    // A "lot" numbered like the package is the package itself: its period repeats the package's.
    if (lotNo && lotNo === l.obj.bidNo) l.ignore('cperiod', 'cperiodUnit');
    if (lotNo) lots.push({ lotNo, name: text(l, 'lotName'), priceVnd: vnd(l, 'lotPrice') });
    l.done();
  }
  return lots;
}

function selectionStart(p: Rec): string | null {
  const unit = text(p, 'bidStartUnit')?.toUpperCase() ?? null;
  const year = int(p, 'bidStartYear');
  const month = num(p, 'bidStartMonth');
  const quarter = text(p, 'bidStartQuarter');
  if (year === null) return null;
  if (unit === 'M' && month) return `Tháng ${month}/${year}`;
  if (unit === 'Q' && quarter && quarter !== '0') return `Quý ${quarter}/${year}`;
  if (unit === 'Y') return `Năm ${year}`;
  p.note(`bidStartUnit="${unit ?? ''}" (selection start not understood)`);
  return null;
}
