/**
 * The records that follow a notice (TBMT): extensions, cancellation, bid-opening record, results
 * (KQLCNT) with bidders and goods items, contracts. Loaded as rows, then turned into views once the
 * organisations they name are known.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type {
  BidOpeningBidder,
  Contract,
  Kqlcnt,
  KqlcntBidder,
  KqlcntItem,
  TbmtCancellation,
  TbmtExtension,
} from '../../db/generated/db.ts';
import { compareVersions } from './notify-no.ts';
import { orgOf, type OrgMap } from './orgs.ts';
import type { OrgLink, TbmtStory } from './story-types.ts';

/** Rows of the records of one notice, and how to build their views. */
export interface StoryRecords {
  extensions: Selectable<TbmtExtension>[];
  cancellation: Selectable<TbmtCancellation> | null;
  opening: { opened_at: Date | null; bidders: Selectable<BidOpeningBidder>[] } | null;
  results: {
    row: Selectable<Kqlcnt>;
    bidders: Selectable<KqlcntBidder>[];
    items: Selectable<KqlcntItem>[];
  }[];
  contracts: Selectable<Contract>[];
  build(orgs: OrgMap): Pick<TbmtStory, 'extensions' | 'cancellation' | 'opening' | 'results' | 'contracts'>;
}

/** Loads the records of the notice with surrogate id `tbmtId` (a few queries, no N+1). */
export async function loadRecords(db: Kysely<DB>, tbmtId: number): Promise<StoryRecords> {
  const [extensions, cancellation, opening, resultRows, contracts] = await Promise.all([
    db
      .selectFrom('tbmt_extension')
      .selectAll()
      .where('tbmt_id', '=', tbmtId)
      .orderBy('published_at')
      .execute(),
    db.selectFrom('tbmt_cancellation').selectAll().where('tbmt_id', '=', tbmtId).executeTakeFirst(),
    db.selectFrom('bid_opening').selectAll().where('tbmt_id', '=', tbmtId).executeTakeFirst(),
    db.selectFrom('kqlcnt').selectAll().where('tbmt_id', '=', tbmtId).execute(),
    db
      .selectFrom('contract')
      .selectAll()
      .where('tbmt_id', '=', tbmtId)
      .orderBy('signed_at')
      .orderBy('id')
      .execute(),
  ]);
  const openingBidders = opening
    ? await db
        .selectFrom('bid_opening_bidder')
        .selectAll()
        .where('bid_opening_id', '=', opening.id)
        .orderBy('lot_no')
        .orderBy('final_price_vnd')
        .orderBy('bid_price_vnd')
        .orderBy('id')
        .execute()
    : [];
  const resultIds = resultRows.map((r) => r.id);
  const [resultBidders, resultItems] =
    resultIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('kqlcnt_bidder')
            .selectAll()
            .where('kqlcnt_id', 'in', resultIds)
            .execute()
            .then((rows) => rows.sort(compareResultBidders)),
          db
            .selectFrom('kqlcnt_item')
            .selectAll()
            .where('kqlcnt_id', 'in', resultIds)
            .orderBy('lot_no')
            .orderBy('position')
            .execute(),
        ]);
  const results = resultRows
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((row) => ({
      row,
      bidders: resultBidders.filter((b) => b.kqlcnt_id === row.id),
      items: resultItems.filter((i) => i.kqlcnt_id === row.id),
    }));
  const records: StoryRecords = {
    extensions,
    cancellation: cancellation ?? null,
    opening: opening ? { opened_at: opening.opened_at, bidders: openingBidders } : null,
    results,
    contracts,
    build: (orgs) => buildViews(records, orgs),
  };
  return records;
}

/**
 * The price a result ranks a bidder by: the evaluated price (giá đánh giá) when published, else the
 * price after discount, else the bid price; `null` when none is published.
 */
export function rankingPriceVnd(
  b: Pick<Selectable<KqlcntBidder>, 'evaluated_price_vnd' | 'final_price_vnd' | 'bid_price_vnd'>,
): number | null {
  return b.evaluated_price_vnd ?? b.final_price_vnd ?? b.bid_price_vnd ?? null;
}

/**
 * Order of the bidders of a result, as ranked: by lot, winners first, then by `rankingPriceVnd`
 * ascending (unknown prices last), then in the order they were recorded.
 */
export function compareResultBidders(a: Selectable<KqlcntBidder>, b: Selectable<KqlcntBidder>): number {
  if (a.lot_no !== b.lot_no) return a.lot_no < b.lot_no ? -1 : 1;
  if (a.is_winner !== b.is_winner) return a.is_winner ? -1 : 1;
  const pa = rankingPriceVnd(a);
  const pb = rankingPriceVnd(b);
  if (pa !== pb) {
    if (pa === null) return 1;
    if (pb === null) return -1;
    return pa - pb;
  }
  return a.id - b.id;
}

/** Every organisation id the records name. */
export function recordOrgIds(r: StoryRecords): (number | null)[] {
  return [
    ...(r.opening?.bidders.map((b) => b.contractor_id) ?? []),
    ...r.results.flatMap((x) => [
      ...x.bidders.map((b) => b.contractor_id),
      ...x.items.map((i) => i.contractor_id),
    ]),
    ...r.contracts.map((c) => c.supplier_id),
  ];
}

const UNKNOWN_ORG: OrgLink = { code: '', name: '(không rõ)', taxCode: null, codeIsLocal: false };

function buildViews(r: StoryRecords, orgs: OrgMap): ReturnType<StoryRecords['build']> {
  const must = (id: number): OrgLink => orgOf(orgs, id) ?? UNKNOWN_ORG;
  return {
    extensions: r.extensions.map((e) => ({
      publishedAt: e.published_at,
      oldCloseAt: e.old_close_at,
      newCloseAt: e.new_close_at,
      oldOpenAt: e.old_open_at,
      newOpenAt: e.new_open_at,
      reason: e.reason,
    })),
    cancellation: r.cancellation && {
      cancelledAt: r.cancellation.cancelled_at,
      reason: r.cancellation.reason,
      decisionNo: r.cancellation.decision_no,
      decisionDate: r.cancellation.decision_date,
      decisionAgency: r.cancellation.decision_agency,
      decisionFile: r.cancellation.decision_file,
    },
    opening: r.opening && {
      openedAt: r.opening.opened_at,
      bidders: r.opening.bidders.map((b) => ({
        contractor: must(b.contractor_id),
        lotNo: b.lot_no,
        lotName: b.lot_name,
        bidPriceVnd: b.bid_price_vnd,
        discountPercent: b.discount_percent,
        finalPriceVnd: b.final_price_vnd,
        bidSecurityVnd: b.bid_security_vnd,
        bidSecurityDays: b.bid_security_days,
        bidValidityDays: b.bid_validity_days,
        executionPeriod: b.execution_period,
        submittedAt: b.submitted_at,
      })),
    },
    results: r.results.map(({ row, bidders, items }) => ({
      version: row.version,
      publishedAt: row.published_at,
      decisionNo: row.decision_no,
      decisionDate: row.decision_date,
      decisionAgency: row.decision_agency,
      decisionFile: row.decision_file,
      reportFile: row.report_file,
      bidders: bidders.map((b) => ({
        contractor: must(b.contractor_id),
        lotNo: b.lot_no,
        lotName: b.lot_name,
        isWinner: b.is_winner,
        reason: b.reason,
        bidPriceVnd: b.bid_price_vnd,
        finalPriceVnd: b.final_price_vnd,
        evaluatedPriceVnd: b.evaluated_price_vnd,
        techScore: b.tech_score,
        winningPriceVnd: b.winning_price_vnd,
        contractPeriod: b.contract_period,
      })),
      items: items.map((i) => ({
        contractor: orgOf(orgs, i.contractor_id),
        lotNo: i.lot_no,
        position: i.position,
        name: i.name,
        model: i.model,
        brand: i.brand,
        year: i.year,
        origin: i.origin,
        manufacturer: i.manufacturer,
        configuration: i.configuration,
        unit: i.unit,
        quantity: i.quantity,
        hsCode: i.hs_code,
        unitPriceVnd: i.unit_price_vnd,
        amountVnd: i.amount_vnd,
      })),
    })),
    contracts: r.contracts.map((c) => ({
      contractNo: c.contract_no,
      supplier: orgOf(orgs, c.supplier_id),
      lotNo: c.lot_no,
      valueVnd: c.value_vnd,
      signedAt: c.signed_at,
      effectiveAt: c.effective_at,
      period: c.period,
      publishedAt: c.published_at,
    })),
  };
}
