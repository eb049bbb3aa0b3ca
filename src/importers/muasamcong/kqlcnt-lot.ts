/**
 * One lot of a KQLCNT result (`lotResultDTO[]`): its bidders (`contractorList`: winner flag, prices,
 * reason for not winning) and its goods table (goods.ts).
 */
import type { OrgRef, ResultBidderFacts, ResultItemFacts } from '../../procurement/facts.ts';
import type { Rec } from './fields.ts';
import { goodsItems } from './goods.ts';
import {
  bidderLotNo,
  int,
  jsonInString,
  lotName,
  num,
  org,
  periodText,
  priceDetail,
  text,
  vnd,
  vndPositive,
} from './values.ts';

/**
 * Bidder fields not mapped: ids, stamps, English copies, `lotOpenPrice` (repeats `lotPrice`),
 * `discountPercent` (taken from the bid-opening rows) and the representative's e-mail and identity
 * card number (`recEmail`, `repIdNo`: personal data minhbach does not publish).
 */
const BIDDER_IGNORED = [
  'id',
  'lotResultId',
  'createdBy',
  'createdDate',
  'lastModifiedBy',
  'lastModifiedDate',
  'taxNation',
  'taxNationEn',
  'reasonEn',
  'lotOpenPrice',
  'discountPercent',
  'recEmail',
  'repIdNo',
  'officePro',
];

const LOT_IGNORED = [
  'id',
  'resultVersion',
  'contractorResultId',
  'bidId',
  'bidNo',
  'bidName',
  'lotPrice',
  'lotEstimatePrice',
  'lotPriceUnit',
  'status',
  'createdDate',
  'lastModifiedDate',
  'createdBy',
  'lastModifiedBy',
  'isInLotOpenDetail',
  'isPersonalContractor',
  'resultItemId',
  'cPeriod',
  'cPeriodUnit',
  'relatedServicesListEn',
  // English copy of goodsList; result items have no English fields yet.
  'goodsListEn',
];

/** One lot of the result: its bidders and goods table. */
export function lotResult(lot: Rec, bidders: ResultBidderFacts[], items: ResultItemFacts[]): void {
  lot.ignore(...LOT_IGNORED);
  const rawLotNo = text(lot, 'lotNo');
  const lotNo = bidderLotNo(rawLotNo);
  const name = lotName(lot, 'lotName', lotNo);
  const contractors = new Map<string, OrgRef>();
  const winners: string[] = [];
  for (const c of lot.list('contractorList')) {
    const b = bidderOf(c, lotNo, name);
    if (!b) continue;
    bidders.push(b);
    const key = b.contractor.code ?? '';
    contractors.set(key, b.contractor);
    if (b.isWinner) winners.push(key);
  }
  const winningCode = text(lot, 'winningCode')?.toLowerCase();
  if (winningCode && !contractors.has(winningCode)) lot.note('winningCode (not among the bidders)');
  if (winners.length === 0 && winningCode) winners.push(winningCode);
  items.push(
    ...goodsItems(
      jsonInString(lot, 'goodsList'),
      rawLotNo,
      contractors,
      winners,
      `${lot.path}.goodsList`,
      lot.notes,
    ),
  );
  const services = jsonInString(lot, 'relatedServicesList');
  if (Array.isArray(services) && services.length > 0) lot.note('relatedServicesList');
  lot.done();
}

/** One contractor of a lot result. */
function bidderOf(c: Rec, lotNo: string, name: string | null): ResultBidderFacts | null {
  c.ignore(...BIDDER_IGNORED);
  const contractor = org(c, 'orgCode', 'orgFullname', 'taxCode');
  if (!contractor) {
    c.done();
    return null;
  }
  contractor.nameEn = text(c, 'contractorNameEn');
  const periodAsPublished = text(c, 'cperiodText');
  const period = periodText(int(c, 'cperiod'), text(c, 'cperiodUnit'));
  const bidder: ResultBidderFacts = {
    contractor,
    lotNo,
    lotName: name,
    isWinner: num(c, 'bidResult') === 1,
    reason: text(c, 'reason'),
    bidPriceVnd: vnd(c, 'lotPrice'),
    finalPriceVnd: vndPositive(c, 'lotFinalPrice'),
    evaluatedPriceVnd: vnd(c, 'evalBidPrice'),
    techScore: num(c, 'techScore'),
    winningPriceVnd: vndPositive(c, 'bidWiningPrice'),
    contractPeriod: periodAsPublished ?? period,
    priceDetail: priceDetail(c, 'bidPriceDetail'),
  };
  c.done();
  return bidder;
}
