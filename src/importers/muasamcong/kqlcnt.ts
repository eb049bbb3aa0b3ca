/**
 * KQLCNT response (contractor-selection result: `bideContractorInputResultDTO` + `bidpPlanDetailDTO`)
 * → `TbmtFacts` with the result (decision, every bidder with winner flag, prices and the reason for not
 * winning, the goods table), the bid-opening rows it carries (`lotOpenDetails`), the notice version it
 * closes and the plan line of the package. Field meanings: procurement-domain.md §7.
 */
import type {
  CancellationFacts,
  KqlcntFacts,
  OpeningBidderFacts,
  PackageFacts,
  ResultBidderFacts,
  ResultItemFacts,
  TbmtFacts,
} from '../../procurement/facts.ts';
import { nfc } from '../../text/normalize.ts';
import { isObject, Rec, type JsonObject, type Notes } from './fields.ts';
import { lotResult } from './kqlcnt-lot.ts';
import { openingBidderOfDetailRow } from './lot-open.ts';
import { lotsOfPlan, packageOfPlan } from './plan.ts';
import { ShapeError, splitNotifyNo, type ParsedUnit } from './types.ts';
import { classify, flag, int, jsonInString, org, priceDetail, text, time, vnd } from './values.ts';

/** Result fields deliberately not mapped: ids, audit stamps, flags, English copies, contact data. */
const RESULT_IGNORED = [
  'bidId',
  'status',
  'createdDate',
  'lastModifiedDate',
  'createdBy',
  'lastModifiedBy',
  'decisionFileId',
  'reportFileId',
  'bidEstimatePriceUnit',
  'isMultiLot',
  'isRented',
  'medicalType',
  'baseMedicine',
  'isGoods',
  'isMedicine',
  'isAttachFlowEnabled',
  'deliveryCapability',
  'versionDTOS',
  'decisionNoEn',
  'decisionAgencyEn',
  'decisionFileIdEn',
  'decisionFileNameEn',
  'reportFileIdEn',
  'reportFileNameEn',
  'repPhone',
  'receiverPhone',
  'receiverEmail',
  'officeDis',
  'officeWar',
  'officeAdd',
  'officePro',
];

/**
 * Maps a parsed KQLCNT response to the facts of its notice.
 * @throws ShapeError when the response names no notice or result version.
 */
export function parseKqlcnt(json: JsonObject, label: string, notes: Notes): ParsedUnit[] {
  const top = new Rec(json, 'kqlcnt', notes);
  const r = top.rec('bideContractorInputResultDTO');
  if (!r) throw new ShapeError('KQLCNT response without bideContractorInputResultDTO');
  r.ignore(...RESULT_IGNORED);
  const { notifyNo, version: fromNo } = splitNotifyNo(text(r, 'notifyNo'), 'KQLCNT notifyNo');
  const resultVersion = text(r, 'resultVersion');
  if (!resultVersion) throw new ShapeError(`KQLCNT of ${notifyNo} without resultVersion`);
  const noticeVersion = text(r, 'notifyVersion') ?? fromNo;
  const plan = top.rec('bidpPlanDetailDTO') ?? r.rec('bidpPlanDetailDTO');
  // Without the plan line, the package is named by the result itself (number and name).
  const pkg = plan ? packageOfPlan(plan) : packageOfResult(r);
  const lots = plan ? lotsOfPlan(plan) : [];
  if (pkg && !pkg.priceDetail) pkg.priceDetail = priceDetail(r, 'bidPriceDetail');
  else if (pkg) r.ignore('bidPriceDetail');
  const investor = org(r, 'investorCode', 'investorName');
  const planNo = text(r, 'planNo') ?? (plan ? text(plan, 'planNo') : null);

  const bidders: ResultBidderFacts[] = [];
  const items: ResultItemFacts[] = [];
  for (const lot of r.list('lotResultDTO')) lotResult(lot, bidders, items);
  const opening: OpeningBidderFacts[] = r
    .list('lotOpenDetails')
    .map(openingBidderOfDetailRow)
    .filter((b): b is OpeningBidderFacts => b !== null);

  const result: KqlcntFacts = {
    version: resultVersion,
    publishedAt: time(r, 'publicDate'),
    decisionNo: text(r, 'decisionNo'),
    decisionDate: time(r, 'decisionDate'),
    decisionAgency: text(r, 'decisionAgency'),
    decisionFile: text(r, 'decisionFileName'),
    reportFile: text(r, 'reportFileName') ?? evalReportFile(r),
    sourceId: text(r, 'id'),
    bidders,
    items,
  };
  const facts: TbmtFacts = {
    notifyNo,
    firstPublishedAt: time(r, 'originalPublicDate'),
    sourceId: text(r, 'notifyId'),
    khlcnt: planNo
      ? {
          planNo,
          planVersion: plan ? text(plan, 'planVersion') : null,
          planType: text(r, 'planType'),
          projectName: text(r, 'projectName'),
          investor,
          decisionDate: time(r, 'planDecisionDate') ?? (plan ? time(plan, 'planDecisionDate') : null),
        }
      : null,
    package: pkg,
    results: [result],
    cancellation: cancellationOf(r),
  };
  if (opening.length > 0) facts.opening = { bidders: opening };
  const name = text(r, 'bidName');
  if (noticeVersion && name) {
    const classification = classify(r, {
      field: 'bidField',
      method: 'bidForm',
      procedure: 'bidMode',
      contractType: 'ctype',
    });
    facts.versions = [
      {
        version: noticeVersion,
        name,
        investor,
        procuringEntity: org(r, 'procuringEntityCode', 'procuringEntityName'),
        ...classification,
        contractPeriod: int(r, 'cperiod'),
        contractPeriodUnit: text(r, 'cperiodUnit'),
        isDomestic: flag(r, 'isDomestic'),
        isInternet: flag(r, 'isInternet'),
        priceVnd: (text(r, 'bidPriceUnit') ?? 'VND').toUpperCase() === 'VND' ? vnd(r, 'bidPrice') : null,
        estimateVnd: vnd(r, 'bidEstimatePrice'),
        bidOpenAt: time(r, 'openDate'),
        lots,
      },
    ];
  }
  if (facts.package && !facts.package.bidNo) facts.package.bidNo = text(r, 'bidNo');
  else if (facts.package) r.ignore('bidNo');
  plan?.done();
  r.done();
  top.done();
  return [{ label, facts }];
}

/** Package facts from the result record alone (`bidNo`, `bidName`), or null without a name. */
function packageOfResult(r: Rec): PackageFacts | null {
  const name = text(r, 'bidName');
  return name ? { bidNo: text(r, 'bidNo'), name } : null;
}

/** File name of the evaluation report from `evalReportFileInfo` (JSON in a string). */
function evalReportFile(r: Rec): string | null {
  const files = jsonInString(r, 'evalReportFileInfo');
  if (!Array.isArray(files)) return null;
  const report = files.find((f) => isObject(f) && f.type === 'EVAL_REPORT') ?? files[0];
  return isObject(report) && typeof report.fileName === 'string' ? nfc(report.fileName) : null;
}

/** A cancellation recorded on the result (reason or date present). */
function cancellationOf(r: Rec): CancellationFacts | null {
  r.ignore('cancelBy', 'cancelFileAttachId', 'cancelHistoryDTOS', 'cancelTypeSub');
  const reason = text(r, 'cancelReason');
  const cancelledAt = time(r, 'cancelDate');
  if (!reason && !cancelledAt) {
    r.ignore('cancelDecisionNo', 'cancelDecisionDate', 'cancelDecisionAgency', 'cancelFileAttachName');
    r.ignore('cancelType', 'notifyCancelInfo', 'cancelInfos');
    return null;
  }
  return {
    cancelledAt,
    reason,
    decisionNo: text(r, 'cancelDecisionNo'),
    decisionDate: time(r, 'cancelDecisionDate'),
    decisionAgency: text(r, 'cancelDecisionAgency'),
    decisionFile: text(r, 'cancelFileAttachName'),
    cancelTypeSrc: text(r, 'cancelType'),
  };
}
