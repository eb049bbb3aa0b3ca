/**
 * Releases after the closing of bids for one notice (TBMT): the bid-opening record (`tenderUpdate`
 * with the bids and bidOpening extensions), each result version (KQLCNT → `award`, later versions
 * `awardUpdate`) and each contract (`contract`). docs/ocds-mapping.md has the field table.
 */
import type {
  OrgLink,
  ResultBidderView,
  ResultItemView,
  ResultView,
  TbmtStory,
} from '../../procurement/queries/story-types.ts';
import { isOriginalVersion } from '../../procurement/queries/notify-no.ts';
import { orgRef, type DraftRelease, type SkippedEvent } from './draft.ts';
import { daysOf, idPart, iso, vnd, type Obj } from './json.ts';

/** Id of the bid of `contractor` (for lot `lotNo`, '' when none): the same in opening and result. */
export function bidId(lotNo: string, contractor: OrgLink): string {
  return lotNo ? `${lotNo}/${contractor.code}` : contractor.code;
}

/** Id of the award to `supplier` (for lot `lotNo`): the same in every result version and contract. */
export function awardId(notifyNo: string, lotNo: string, supplier: OrgLink): string {
  return `${notifyNo}${lotNo ? `/${lotNo}` : ''}/${supplier.code}`;
}

/** The bid-opening record as a `tenderUpdate` release. */
export function openingRelease(story: TbmtStory): DraftRelease | SkippedEvent | null {
  const o = story.opening;
  if (!o || o.bidders.length === 0) return null;
  const key = `opening-${story.notifyNo}`;
  // The record is published ≤ 2 h after closing (Circular 79/2025 Art. 29): when neither the actual
  // nor the planned opening time is known, the closing time dates the release (not tender.bidOpening).
  const openedAt = o.openedAt ?? story.bidOpenAt;
  const date = openedAt ?? story.bidCloseAt;
  if (!date) return { key, reason: `the bid opening of ${story.notifyNo} has no date` };
  const bidders = new Map<string, OrgLink>();
  for (const b of o.bidders) bidders.set(b.contractor.code, b.contractor);
  return {
    key,
    date,
    tag: ['tenderUpdate'],
    roles: [...bidders.values()].map((org) => [org, 'tenderer']),
    body: {
      tender: {
        id: story.notifyNo,
        bidOpening: { date: iso(openedAt) },
        numberOfTenderers: bidders.size,
        tenderers: [...bidders.values()].map(orgRef),
      },
      bids: {
        statistics: [
          { id: 'bids', measure: 'bids', value: o.bidders.length, date: iso(openedAt) },
          { id: 'bidders', measure: 'bidders', value: bidders.size, date: iso(openedAt) },
        ],
        details: o.bidders.map((b) => ({
          id: bidId(b.lotNo, b.contractor),
          date: iso(b.submittedAt),
          tenderers: [orgRef(b.contractor)],
          value: vnd(b.finalPriceVnd ?? b.bidPriceVnd),
          relatedLots: b.lotNo ? [b.lotNo] : null,
          validityPeriod: b.bidValidityDays !== null ? { durationInDays: b.bidValidityDays } : null,
          description: [
            b.lotName && `Phần (lot): ${b.lotName}`,
            b.bidPriceVnd !== null && `Giá dự thầu (bid price): ${b.bidPriceVnd} VND`,
            b.discountPercent !== null && `Giảm giá (discount): ${b.discountPercent}%`,
            b.finalPriceVnd !== null && `Giá sau giảm giá (after discount): ${b.finalPriceVnd} VND`,
            b.bidSecurityVnd !== null &&
              `Bảo đảm dự thầu (bid security): ${b.bidSecurityVnd} VND${b.bidSecurityDays !== null ? `, ${b.bidSecurityDays} ngày` : ''}`,
            b.executionPeriod && `Thời gian thực hiện (execution period): ${b.executionPeriod}`,
          ]
            .filter(Boolean)
            .join('; '),
        })),
      },
    },
  };
}

/** One `award` (first version) or `awardUpdate` (later versions) release per result version. */
export function resultReleases(story: TbmtStory): (DraftRelease | SkippedEvent)[] {
  return story.results.map((r, i) => {
    const key = `award-${story.notifyNo}-${idPart(r.version)}`;
    const date = r.publishedAt ?? r.decisionDate;
    if (!date) return { key, reason: `result ${r.version} of ${story.notifyNo} has no date` };
    const winners = r.bidders.filter((b) => b.isWinner);
    const roles: DraftRelease['roles'] = [];
    for (const b of r.bidders) roles.push([b.contractor, 'tenderer']);
    for (const b of winners) roles.push([b.contractor, 'supplier']);
    return {
      key,
      date,
      tag: [i === 0 || isOriginalVersion(r.version) ? 'award' : 'awardUpdate'],
      roles,
      body: {
        tender: { id: story.notifyNo, status: winners.length > 0 ? 'complete' : 'unsuccessful' },
        awards: winners.map((b) => awardOf(story, r, b)),
        bids: {
          details: r.bidders.map((b) => ({
            id: bidId(b.lotNo, b.contractor),
            tenderers: [orgRef(b.contractor)],
            value: vnd(b.finalPriceVnd ?? b.bidPriceVnd),
            status: b.isWinner ? 'valid' : null,
            relatedLots: b.lotNo ? [b.lotNo] : null,
            description: [
              b.isWinner ? 'Trúng thầu (winner)' : 'Không trúng thầu (not awarded)',
              b.reason,
              b.evaluatedPriceVnd !== null && `Giá đánh giá (evaluated price): ${b.evaluatedPriceVnd} VND`,
              b.techScore !== null && `Điểm kỹ thuật (technical score): ${b.techScore}`,
            ]
              .filter(Boolean)
              .join('; '),
          })),
        },
      },
    };
  });
}

function awardOf(story: TbmtStory, r: ResultView, b: ResultBidderView): Obj {
  const items = r.items.filter(
    (it) => it.lotNo === b.lotNo && (it.contractor === null || it.contractor.code === b.contractor.code),
  );
  const days = daysOf(b.contractPeriod);
  return {
    id: awardId(story.notifyNo, b.lotNo, b.contractor),
    title: b.lotName ?? story.current.name,
    description: b.contractPeriod && `Thời gian thực hiện hợp đồng (contract period): ${b.contractPeriod}`,
    status: 'active',
    date: iso(r.decisionDate ?? r.publishedAt),
    value: vnd(b.winningPriceVnd ?? b.finalPriceVnd ?? b.bidPriceVnd),
    suppliers: [orgRef(b.contractor)],
    relatedLots: b.lotNo ? [b.lotNo] : null,
    relatedBids: [bidId(b.lotNo, b.contractor)],
    items: items.map(itemOf),
    contractPeriod: days !== null ? { durationInDays: days } : null,
    documents: [
      r.decisionNo || r.decisionFile
        ? {
            id: `${story.notifyNo}-${r.version}-kqlcnt`,
            documentType: 'awardNotice',
            title: r.decisionFile ?? `Quyết định phê duyệt KQLCNT số ${r.decisionNo}`,
            description: [
              r.decisionNo && `Quyết định số ${r.decisionNo}`,
              r.decisionDate && `ngày ${iso(r.decisionDate)}`,
              r.decisionAgency && `của ${r.decisionAgency}`,
            ]
              .filter(Boolean)
              .join(' '),
            datePublished: iso(r.publishedAt),
          }
        : null,
      r.reportFile
        ? {
            id: `${story.notifyNo}-${r.version}-bcdg`,
            documentType: 'evaluationReports',
            title: r.reportFile,
            datePublished: iso(r.publishedAt),
          }
        : null,
    ],
  };
}

function itemOf(it: ResultItemView): Obj {
  const details = [
    it.model && `Ký mã hiệu: ${it.model}`,
    it.brand && `Nhãn hiệu: ${it.brand}`,
    it.year && `Năm sản xuất: ${it.year}`,
    it.origin && `Xuất xứ: ${it.origin}`,
    it.manufacturer && `Hãng sản xuất: ${it.manufacturer}`,
    it.configuration && `Cấu hình: ${it.configuration}`,
  ].filter(Boolean);
  return {
    id: `${it.lotNo ? `${it.lotNo}/` : ''}${it.position}`,
    description: details.length > 0 ? `${it.name} (${details.join('; ')})` : it.name,
    classification: it.hsCode ? { scheme: 'HS', id: it.hsCode } : null,
    quantity: it.quantity,
    unit: { name: it.unit, value: vnd(it.unitPriceVnd) },
    relatedLot: it.lotNo || null,
  };
}

/** One `contract` release per contract. */
export function contractReleases(story: TbmtStory): (DraftRelease | SkippedEvent)[] {
  const winners = story.results.flatMap((r) => r.bidders.filter((b) => b.isWinner));
  return story.contracts.map((c) => {
    const key = `contract-${story.notifyNo}-${idPart(c.contractNo)}`;
    const date = c.publishedAt ?? c.effectiveAt ?? c.signedAt;
    if (!date) return { key, reason: `contract ${c.contractNo} of ${story.notifyNo} has no date` };
    const supplier = c.supplier ?? (winners.length === 1 ? winners[0]!.contractor : null);
    const award = supplier
      ? awardId(story.notifyNo, c.lotNo, supplier)
      : `${story.notifyNo}${c.lotNo ? `/${c.lotNo}` : ''}`;
    const days = daysOf(c.period);
    return {
      key,
      date,
      tag: ['contract'],
      roles: supplier ? [[supplier, 'supplier']] : [],
      body: {
        awards: supplier
          ? [
              {
                id: award,
                status: 'active',
                suppliers: [orgRef(supplier)],
                relatedLots: c.lotNo ? [c.lotNo] : null,
              },
            ]
          : null,
        contracts: [
          {
            id: c.contractNo,
            awardID: award,
            title: `Hợp đồng số ${c.contractNo}`,
            description: c.period && `Thời gian thực hiện (period): ${c.period}`,
            status: 'active',
            value: vnd(c.valueVnd),
            dateSigned: iso(c.signedAt),
            period: { startDate: iso(c.effectiveAt), durationInDays: days },
          },
        ],
      },
    };
  });
}
