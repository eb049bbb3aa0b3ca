/**
 * TBMT detail response (invitation to bid, `bidoNotifyContractorM` + attachments) → `TbmtFacts`:
 * the plan (KHLCNT), the package, the notice version with its locations and lots, the approval of the
 * bidding documents, the cancellation (status `03`) and the actual bid-opening time.
 * Field meanings: procurement-domain.md §7; shapes: ../shared/real-data/muasamcong/api/*_tbmt.json.
 */
import { NOTICE_TYPES } from '../../procurement/codes.ts';
import type {
  CancellationFacts,
  KhlcntFacts,
  LotFacts,
  TbmtFacts,
  TbmtVersionFacts,
} from '../../procurement/facts.ts';
import { Rec, type JsonObject, type Notes } from './fields.ts';
import { locationsOf } from './places.ts';
import { packageOfPlan } from './plan.ts';
import { ShapeError, splitNotifyNo, type ParsedUnit } from './types.ts';
import { classify, code, flag, int, org, text, time, vnd } from './values.ts';

/** Fields of the notice record deliberately not mapped: ids, audit stamps, UI and category flags. */
const NOTICE_IGNORED = [
  'bidId',
  'createdBy',
  'getVersionDTOS',
  'bidNoType',
  'isMultiLot',
  'isMedicine',
  'isRented',
  'medicalType',
  'baseMedicine',
  'bidBefore',
  'deliveryCapability',
  'isAttachFlowEnabled',
  'isPriorityBidForm',
  'isElig29B',
  'isSustainably',
  'isEarly',
  'isGoods',
  'isPrequalification',
];

/** Top-level members that only repeat what other members say, or are empty in every response seen. */
const TOP_IGNORED = ['cancelBidHistoryList'];

/**
 * Maps a parsed TBMT detail response to the facts of its notice.
 * @throws ShapeError when the response names no notice (`bidoNotifyContractorM.notifyNo`).
 */
export function parseTbmtDetail(json: JsonObject, label: string, notes: Notes): ParsedUnit[] {
  const top = new Rec(json, 'tbmt', notes);
  top.ignore(...TOP_IGNORED);
  const wrapper = top.rec('bidNoContractorResponse');
  const notification = wrapper?.rec('bidNotification') ?? null;
  const m = top.rec('bidoNotifyContractorM') ?? notification;
  if (!m) throw new ShapeError('TBMT detail without bidoNotifyContractorM');
  const { notifyNo, version: fromNo } = splitNotifyNo(text(m, 'notifyNo'), 'TBMT detail notifyNo');
  const version = text(m, 'notifyVersion') ?? fromNo;
  if (!version) throw new ShapeError(`TBMT detail of ${notifyNo} without notifyVersion`);
  m.ignore(...NOTICE_IGNORED);

  const investor = org(m, 'investorCode', 'investorName');
  const khlcnt = planOf(m, top.rec('bidpPlanDetail'), investor);
  const v = versionOf(m, version, investor);
  v.locations = locationsOf(top.list('bidpBidLocationList').map(ignoreLocationIds));
  v.lots = lotsOf(m, notification, text(m, 'bidNo'));
  documentsDecision(top.rec('bidInvContractorOfflineDTO'), v);
  wrapper?.done();

  const facts: TbmtFacts = {
    notifyNo,
    noticeType: code(m, 'notifyType', NOTICE_TYPES).value,
    firstPublishedAt: time(m, 'originalPublicDate'),
    sourceId: text(m, 'id'),
    khlcnt: khlcnt.facts,
    package: khlcnt.pkg,
    versions: [v],
    cancellation: cancellationOf(top.rec('bidCancelingResponse')),
  };
  if (facts.package && !facts.package.bidNo) facts.package.bidNo = text(m, 'bidNo');
  const openedAt = openedAtOf(top.rec('bidoBidStatus'));
  if (openedAt) facts.opening = { openedAt, bidders: [] };
  m.done();
  top.done();
  return [{ label, facts }];
}

function versionOf(m: Rec, version: string, investor: ReturnType<typeof org>): TbmtVersionFacts {
  const name = text(m, 'bidName');
  if (!name) throw new ShapeError('TBMT detail without bidName');
  const classification = classify(m, {
    field: 'investField',
    method: 'bidForm',
    procedure: 'bidMode',
    contractType: 'contractType',
  });
  const priceUnit = text(m, 'bidPriceUnit');
  const price = vnd(m, 'bidPrice');
  if (priceUnit && priceUnit.toUpperCase() !== 'VND' && price !== null) m.note(`bidPrice (in ${priceUnit})`);
  const validityUnit = text(m, 'bidValidityPeriodUnit')?.toUpperCase() ?? 'D';
  const validity = int(m, 'bidValidityPeriod');
  if (validity !== null && validityUnit !== 'D') m.note(`bidValidityPeriod (unit ${validityUnit}, not days)`);
  return {
    version,
    publishedAt: time(m, 'publicDate'),
    name,
    investor,
    procuringEntity: org(m, 'procuringEntityCode', 'procuringEntityName'),
    ...classification,
    contractPeriod: int(m, 'contractPeriod'),
    contractPeriodUnit: text(m, 'contractPeriodUnit'),
    isDomestic: flag(m, 'isDomestic'),
    isInternet: flag(m, 'isInternet'),
    priceVnd: priceUnit && priceUnit.toUpperCase() !== 'VND' ? null : price,
    estimateVnd: vnd(m, 'bidEstimatePrice'),
    funding: text(m, 'capitalDetail'),
    bidCloseAt: time(m, 'bidCloseDate'),
    bidOpenAt: time(m, 'bidOpenDate'),
    bidValidityDays: validityUnit === 'D' ? validity : null,
    bidSecurityVnd: vnd(m, 'guaranteeValue'),
    bidSecurityForm: text(m, 'guaranteeForm'),
    feeType: text(m, 'feeType'),
    feeVnd: vnd(m, 'feeValue'),
    issueLocation: text(m, 'issueLocation'),
    receiveLocation: text(m, 'receiveLocation'),
    openLocation: text(m, 'bidOpenLocation'),
    statusCodeSrc: text(m, 'status'),
  };
}

function planOf(
  m: Rec,
  plan: Rec | null,
  investor: ReturnType<typeof org>,
): { facts: KhlcntFacts | null; pkg: TbmtFacts['package'] } {
  const planNo = text(m, 'planNo') ?? (plan ? text(plan, 'planNo') : null);
  const pkg = plan ? packageOfPlan(plan) : null;
  const facts: KhlcntFacts | null = planNo
    ? {
        planNo,
        planVersion: plan ? text(plan, 'planVersion') : null,
        name: text(m, 'planName'),
        planType: text(m, 'planType'),
        projectName: text(m, 'projectName'),
        investor,
        decisionDate: time(m, 'planDecisionDate') ?? (plan ? time(plan, 'planDecisionDate') : null),
      }
    : null;
  plan?.done();
  return { facts, pkg };
}

/** Lots of the notice (`lotDTOList`, on the notice record or the `bidNotification` copy). */
function lotsOf(m: Rec, notification: Rec | null, bidNo: string | null): LotFacts[] {
  let records = m.list('lotDTOList');
  if (records.length === 0 && notification && notification !== m) records = notification.list('lotDTOList');
  const lots: LotFacts[] = [];
  for (const l of records) {
    l.ignore('id', 'bidNo', 'planNo', 'notifyNo', 'notifyId', 'actions');
    const lotNo = text(l, 'lotNo');
    // A "lot" numbered like the package is the package itself: its estimate, security and period
    // repeat the notice's own fields.
    if (lotNo && lotNo === bidNo) l.ignore('lotEstimatePrice', 'lotGuaranteeValue', 'cperiod', 'cperiodUnit');
    if (lotNo) lots.push({ lotNo, name: text(l, 'lotName'), priceVnd: vnd(l, 'lotPrice') });
    l.done();
  }
  return lots;
}

function ignoreLocationIds(l: Rec): Rec {
  l.ignore('id', 'action', 'createDate', 'createBy', 'bidDetailId', 'planId');
  return l;
}

/** The decision approving the bidding documents (HSMT): `bidInvContractorOfflineDTO`. */
function documentsDecision(d: Rec | null, v: TbmtVersionFacts): void {
  if (!d) return;
  d.ignore('id', 'notifyId', 'notifyNo', 'notifyVersion', 'fileId', 'decisionFileId', 'otherFileId');
  d.ignore('briefFileId', 'createdDate', 'createdBy', 'updatedDate', 'updatedBy');
  d.ignore('fileIdEn', 'decisionFileIdEn', 'briefFileIdEn', 'otherFileIdEn');
  v.documentsDecisionNo = text(d, 'decisionNo');
  v.documentsDecisionDate = time(d, 'decisionDate');
  v.documentsDecisionAgency = text(d, 'decisionAgency');
  v.documentsDecisionFile = text(d, 'decisionFileName');
  d.done();
}

/** Cancellation (`bidCancelingResponse`), when the notice status is `03` or a cancel date is given. */
function cancellationOf(c: Rec | null): CancellationFacts | null {
  if (!c) return null;
  // Repeats of the notice, ids and the account that cancelled.
  c.ignore('id', 'notifyNo', 'bidName', 'bidNo', 'bidCloseDate', 'bidStatus', 'publicDate');
  c.ignore('procuringEntityName', 'procuringEntityCode', 'cancelBy', 'cancelFileAttachId');
  c.ignore('reportFileId', 'appraisalFileId');
  const status = text(c, 'status');
  const cancelledAt = time(c, 'cancelDate');
  if (status !== '03' && !cancelledAt) {
    c.ignore(...Object.keys(c.obj));
    return null;
  }
  const facts: CancellationFacts = {
    cancelledAt,
    reason: text(c, 'cancelReason'),
    decisionNo: text(c, 'cancelDecisionNo'),
    decisionDate: time(c, 'cancelDecisionDate'),
    decisionAgency: text(c, 'cancelDecisionAgency'),
    decisionFile: text(c, 'cancelFileAttachName'),
    cancelTypeSrc: text(c, 'cancelType'),
  };
  c.done();
  return facts;
}

/**
 * Actual opening time (`bidoBidStatus.successBidOpenDate`). The package status codes there
 * (`OPEN_BID`, `PUB_KQLCNT`…) are derived from the records and not stored.
 */
function openedAtOf(s: Rec | null): Date | null {
  if (!s) return null;
  s.ignore('id', 'notifyNo', 'notifyVersion', 'bidNo', 'bidName', 'procuringEntityCode');
  s.ignore('procuringEntityName', 'bidCloseDate', 'bidOpenDate', 'quantity', 'status', 'isMultiLot');
  s.ignore('notifyType', 'packType', 'notifyId', 'beforeStatus', 'bidId', 'published');
  const openedAt = time(s, 'successBidOpenDate');
  s.done();
  return openedAt;
}
