/**
 * Bid-opening rows of the national system → the bid-opening record (biên bản mở thầu) of a notice.
 *
 * - lot-open rows (`[{bidOpenId, lotNo, lotPrice, lotFinalPrice, saleNumber, bidGuaranteed,
 *   bidGuaranteeEff, contractorCode, contractorName}]`): one row per bidder and lot, with prices;
 * - lot-open detail rows (`[{lotOpenId, notifyId, bidNo, lotNo, …, discountPercent,
 *   bidGuaranteeAmount, bidGuaranteeEff, evaluation flags}]`): the same bidders with discount and bid
 *   security (the same rows also come inside a KQLCNT response as `lotOpenDetails`).
 *
 * Lot-open rows do not name their notice, only the package/lot number: the orchestrator finds the
 * notice among stored ones (types.ts `Locator`), so these files are applied after notices.
 * `saleNumber` is not mapped: whether it is a percentage or an amount is not confirmed, and the detail
 * rows give `discountPercent` explicitly.
 */
import type { OpeningBidderFacts } from '../../procurement/facts.ts';
import { isObject, Rec, type Notes } from './fields.ts';
import { ShapeError, type Locator, type ParsedUnit } from './types.ts';
import { bidderLotNo, int, lotName, num, org, periodText, text, vnd, vndPositive } from './values.ts';

/** Identifiers of detail rows, not published facts. (The evaluation columns — eligibilityYn, passedYn… — are not read: all null in every response seen, they are reported as not mapped when filled.) */
const DETAIL_IGNORED = ['id', 'bidOpenId', 'lotOpenId', 'notifyId', 'bidNo', 'bidId', 'lotContent'];

/**
 * Maps lot-open rows (`detail` false) or lot-open detail rows (`detail` true) to one unit whose notice
 * is located by package/lot number (and `notifyId` for detail rows).
 * @throws ShapeError when no row names a contractor.
 */
export function parseLotOpenRows(
  json: unknown[],
  label: string,
  notes: Notes,
  detail: boolean,
): ParsedUnit[] {
  const kind = detail ? 'lot-open-detail' : 'lot-open';
  const locate: Locator = { bidNos: [], lotNos: [], notifyIds: [] };
  const bidders: OpeningBidderFacts[] = [];
  for (const item of json) {
    if (!isObject(item)) {
      notes.add(`${kind}[] (not an object)`);
      continue;
    }
    const r = new Rec(item, `${kind}[]`, notes);
    const lotNo = text(r, 'lotNo');
    const bidNo = detail ? text(r, 'bidNo') : null;
    const notifyId = detail ? text(r, 'notifyId') : null;
    for (const [list, v] of [
      [locate.bidNos, bidNo ?? (lotNo && /^BP/i.test(lotNo) ? lotNo : null)],
      [locate.lotNos, lotNo && !/^BP/i.test(lotNo) ? lotNo : null],
      [locate.notifyIds, notifyId],
    ] as const) {
      if (v && !list.includes(v)) list.push(v);
    }
    const b = detail ? openingBidderOfDetailRow(r) : openingBidderOfRow(r);
    if (b) bidders.push(b);
  }
  if (bidders.length === 0) throw new ShapeError(`${kind} rows without any contractor`);
  return [
    {
      label,
      facts: { notifyNo: '', opening: { bidders } },
      locate,
      needsExisting: 'bid-opening rows name only the package, not the notice',
    },
  ];
}

/** One lot-open row: prices per bidder and lot, bid security. */
export function openingBidderOfRow(r: Rec): OpeningBidderFacts | null {
  r.ignore('bidOpenId', 'bidNo', 'bidOpenView', 'saleNumber');
  const contractor = org(r, 'contractorCode', 'contractorName');
  const unit = text(r, 'lotPriceUnit');
  if (unit && unit.toUpperCase() !== 'VND') r.note(`lotPriceUnit="${unit}" (prices not in VND)`);
  const lotNo = bidderLotNo(text(r, 'lotNo'));
  const b: OpeningBidderFacts | null = contractor && {
    contractor,
    lotNo,
    lotName: lotName(r, 'lotName', lotNo),
    bidPriceVnd: unit && unit.toUpperCase() !== 'VND' ? null : vnd(r, 'lotPrice'),
    finalPriceVnd: unit && unit.toUpperCase() !== 'VND' ? null : vndPositive(r, 'lotFinalPrice'),
    bidSecurityVnd: vnd(r, 'bidGuaranteed'),
    bidSecurityDays: int(r, 'bidGuaranteeEff'),
    executionPeriod: periodText(int(r, 'contractPeriodDT'), text(r, 'contractPeriodDTUnit')),
  };
  r.done();
  return b;
}

/** One lot-open detail row (also a KQLCNT `lotOpenDetails` row): discount and bid security. */
export function openingBidderOfDetailRow(r: Rec): OpeningBidderFacts | null {
  r.ignore(...DETAIL_IGNORED);
  const contractor = org(r, 'contractorCode', 'contractorName');
  const lotNo = bidderLotNo(text(r, 'lotNo'));
  const b: OpeningBidderFacts | null = contractor && {
    contractor,
    lotNo,
    lotName: lotName(r, 'lotName', lotNo),
    bidPriceVnd: vnd(r, 'lotPrice'),
    finalPriceVnd: vndPositive(r, 'lotFinalPrice'),
    discountPercent: num(r, 'discountPercent'),
    bidSecurityVnd: vnd(r, 'bidGuaranteeAmount'),
    bidSecurityDays: int(r, 'bidGuaranteeEff'),
    executionPeriod: text(r, 'cperiodText'),
  };
  r.done();
  return b;
}
