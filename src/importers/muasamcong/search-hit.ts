/**
 * Search response of the national system (`POST …/smart/search`, Elasticsearch-backed:
 * `{page: {content: [hits]}, agg: [facets]}`) → one `TbmtFacts` per hit.
 *
 * A hit summarises a notice: the current version (name, investor, method, dates, places, price), the
 * plan number, the notice status, the actual opening time and — once a result is published — the
 * winner. Single values arrive wrapped in arrays and amounts as floats (`"bidPrice": [4.1256E8]`).
 * Search hits are applied after TBMT and KQLCNT details (types.ts `APPLY_RANK`): for IB2600022089 the
 * hit's `bidPrice` is the estimate (95.3 bn), not the package price of the detail (88.7 bn), and the
 * stored detail value wins (the difference is reported as a conflict).
 */
import type { KqlcntFacts, TbmtFacts, TbmtVersionFacts } from '../../procurement/facts.ts';
import { Rec, type JsonObject, type Notes } from './fields.ts';
import { locationsOf } from './places.ts';
import { ShapeError, splitNotifyNo, type ParsedUnit } from './types.ts';
import { classify, flag, org, text, time, vnd } from './values.ts';

/** Fields of a hit deliberately not mapped: ids, index bookkeeping, derived counters and labels. */
const HIT_IGNORED = [
  'id',
  'bidId',
  'bidOpenId',
  'createdBy',
  'score',
  'type',
  'stepCode',
  'statusForNotify',
  'notifyNoStand',
  'isMedicine',
  'numPetition',
  'numClarifyReq',
  'numBidderTech',
  'numBidderJoin',
  'numPetitionHsmt',
  'numPetitionLcnt',
  'numPetitionKqlcnt',
];

/**
 * Maps a parsed search response to one unit per hit. Units are labelled `file#IB…` when the response
 * has several hits.
 * @throws ShapeError when a hit has no notice number or name.
 */
export function parseSearchResponse(json: JsonObject, label: string, notes: Notes): ParsedUnit[] {
  const top = new Rec(json, 'search', notes);
  top.ignore('agg');
  const page = top.rec('page');
  page?.ignore('totalPages', 'pageSize', 'currentPage', 'totalElements', 'sort', 'first', 'last', 'empty');
  const hits = page ? page.list('content') : [];
  page?.done();
  top.done();
  return hits.map((hit) => {
    const facts = factsOfHit(hit);
    return {
      label: hits.length > 1 ? `${label}#${facts.notifyNo}` : label,
      facts,
      summary: { results: true },
    };
  });
}

function factsOfHit(h: Rec): TbmtFacts {
  h.ignore(...HIT_IGNORED);
  const { notifyNo, version: fromNo } = splitNotifyNo(text(h, 'notifyNo'), 'search hit notifyNo');
  const version = text(h, 'notifyVersion') ?? fromNo;
  if (!version) throw new ShapeError(`search hit ${notifyNo} without notifyVersion`);
  const name = text(h, 'bidName');
  if (!name) throw new ShapeError(`search hit ${notifyNo} without bidName`);
  const investor = org(h, 'investorCode', 'investorName');
  const classification = classify(h, {
    field: h.obj.investField ? 'investField' : 'bidField',
    method: 'bidForm',
    procedure: 'bidMode',
  });
  h.ignore('bidField');
  // `status` holds the notice status (01 published, 03 cancelled) or, once later steps are published,
  // a publication flag such as IS_PUBLISH: only the two-digit notice codes are stored.
  const status = text(h, 'status');
  const noticeStatus = status && /^\d{2}$/.test(status) ? status : null;
  const v: TbmtVersionFacts = {
    version,
    publishedAt: time(h, 'publicDate'),
    name,
    investor,
    ...classification,
    isDomestic: flag(h, 'isDomestic'),
    isInternet: flag(h, 'isInternet'),
    priceVnd: vnd(h, 'bidPrice'),
    bidCloseAt: time(h, 'bidCloseDate'),
    bidOpenAt: time(h, 'bidOpenDate'),
    statusCodeSrc: noticeStatus,
    locations: locationsOf(h.list('locations')),
  };
  const planNo = text(h, 'planNo');
  const facts: TbmtFacts = {
    notifyNo,
    firstPublishedAt: time(h, 'originalPublicDate'),
    sourceId: text(h, 'notifyId'),
    khlcnt: planNo ? { planNo, planType: text(h, 'planType') } : null,
    versions: [v],
  };
  if (noticeStatus === '03') facts.cancellation = {};
  const openedAt = time(h, 'bidRealityOpenDate');
  if (openedAt) facts.opening = { openedAt, bidders: [] };
  const result = winnerOf(h);
  if (result) facts.results = [result];
  h.done();
  return facts;
}

/**
 * The winner a hit names once the result is published (`winningCode`, `winningContractorName`,
 * `bidWinningPrice`, `decisionDate`, `publicDateKqlcnt`), as result `00`: a hit does not say the result
 * version. Hits naming several winners (one per lot, without lot numbers) are reported, not mapped.
 */
function winnerOf(h: Rec): KqlcntFacts | null {
  const codes = h.get('winningCode');
  const names = h.first('winningContractorName', 'contractorName');
  const count = Array.isArray(codes) ? codes.length : codes ? 1 : 0;
  if (count === 0) {
    h.ignore('bidWinningPrice', 'decisionDate', 'publicDateKqlcnt', 'inputResultId');
    return null;
  }
  if (count > 1 || (Array.isArray(names) && names.length !== 1)) {
    h.note(`winningCode (${count} winners without lot numbers)`);
    h.ignore('bidWinningPrice', 'decisionDate', 'publicDateKqlcnt', 'inputResultId');
    return null;
  }
  const winner = new Rec(
    { code: Array.isArray(codes) ? codes[0] : codes, name: Array.isArray(names) ? names[0] : names },
    `${h.path}.winner`,
    h.notes,
  );
  const contractor = org(winner, 'code', 'name');
  if (!contractor) return null;
  return {
    version: '00',
    publishedAt: time(h, 'publicDateKqlcnt'),
    decisionDate: time(h, 'decisionDate'),
    sourceId: text(h, 'inputResultId'),
    bidders: [{ contractor, lotNo: '', isWinner: true, winningPriceVnd: vnd(h, 'bidWinningPrice') }],
  };
}
