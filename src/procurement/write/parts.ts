import type {
  BidOpeningFacts,
  CancellationFacts,
  ContractFacts,
  ExtensionFacts,
  KqlcntFacts,
  Source,
  TbmtVersionFacts,
} from '../facts.ts';
import { resolveOrg } from './orgs.ts';
import type { Writer } from './writer.ts';

/** Saves each notice version with its locations and lots, keyed by (notice, version). */
export async function saveVersions(w: Writer, tbmtId: number, versions: TbmtVersionFacts[], source: Source) {
  for (const v of versions) {
    const versionId = await w.upsert(
      'tbmt_version',
      { tbmt_id: tbmtId, version: v.version },
      {
        published_at: v.publishedAt,
        name: v.name,
        investor_id: await resolveOrg(w, v.investor, source),
        procuring_entity_id: await resolveOrg(w, v.procuringEntity, source),
        field: v.field,
        field_code_src: v.fieldCodeSrc,
        method: v.method,
        method_code_src: v.methodCodeSrc,
        procedure: v.procedure,
        contract_type: v.contractType,
        contract_period: v.contractPeriod,
        contract_period_unit: v.contractPeriodUnit,
        is_domestic: v.isDomestic,
        is_internet: v.isInternet,
        price_vnd: v.priceVnd,
        estimate_vnd: v.estimateVnd,
        funding: v.funding,
        bid_close_at: v.bidCloseAt,
        bid_open_at: v.bidOpenAt,
        bid_validity_days: v.bidValidityDays,
        bid_security_vnd: v.bidSecurityVnd,
        bid_security_form: v.bidSecurityForm,
        fee_type: v.feeType,
        fee_vnd: v.feeVnd,
        issue_location: v.issueLocation,
        receive_location: v.receiveLocation,
        open_location: v.openLocation,
        documents_decision_no: v.documentsDecisionNo,
        documents_decision_date: v.documentsDecisionDate,
        documents_decision_agency: v.documentsDecisionAgency,
        documents_decision_file: v.documentsDecisionFile,
        amendment_reason: v.amendmentReason,
        status_code_src: v.statusCodeSrc,
        source,
      },
    );
    for (const l of v.locations ?? []) {
      await w.upsert(
        'tbmt_location',
        {
          tbmt_version_id: versionId,
          province_code: l.provinceCode ?? null,
          district_code: l.districtCode ?? null,
          ward_code: l.wardCode ?? null,
        },
        { province_name: l.provinceName, district_name: l.districtName, ward_name: l.wardName },
      );
    }
    for (const lot of v.lots ?? []) {
      await w.upsert(
        'tbmt_lot',
        { tbmt_version_id: versionId, lot_no: lot.lotNo },
        { name: lot.name, price_vnd: lot.priceVnd },
      );
    }
  }
}

/** Saves extensions of the closing/opening time, keyed by (notice, publication time). */
export async function saveExtensions(
  w: Writer,
  tbmtId: number,
  extensions: ExtensionFacts[],
  source: Source,
) {
  for (const e of extensions) {
    await w.upsert(
      'tbmt_extension',
      { tbmt_id: tbmtId, published_at: e.publishedAt },
      {
        old_close_at: e.oldCloseAt,
        new_close_at: e.newCloseAt,
        old_open_at: e.oldOpenAt,
        new_open_at: e.newOpenAt,
        reason: e.reason,
        source,
      },
    );
  }
}

/** Saves the cancellation of a notice (at most one per notice). */
export async function saveCancellation(
  w: Writer,
  tbmtId: number,
  c: CancellationFacts | null | undefined,
  source: Source,
) {
  if (!c) return;
  await w.upsert(
    'tbmt_cancellation',
    { tbmt_id: tbmtId },
    {
      cancelled_at: c.cancelledAt,
      reason: c.reason,
      decision_no: c.decisionNo,
      decision_date: c.decisionDate,
      decision_agency: c.decisionAgency,
      decision_file: c.decisionFile,
      cancel_type_src: c.cancelTypeSrc,
      source,
    },
  );
}

/** Saves the bid-opening record and each bidder, keyed by (opening, lot, contractor). */
export async function saveOpening(
  w: Writer,
  tbmtId: number,
  o: BidOpeningFacts | null | undefined,
  source: Source,
) {
  if (!o) return;
  const openingId = await w.upsert('bid_opening', { tbmt_id: tbmtId }, { opened_at: o.openedAt, source });
  for (const b of o.bidders) {
    const contractorId = await resolveOrg(w, b.contractor, source);
    if (contractorId === null) continue;
    await w.upsert(
      'bid_opening_bidder',
      { bid_opening_id: openingId, lot_no: b.lotNo ?? '', contractor_id: contractorId },
      {
        lot_name: b.lotName,
        bid_price_vnd: b.bidPriceVnd,
        discount_percent: b.discountPercent,
        final_price_vnd: b.finalPriceVnd,
        bid_security_vnd: b.bidSecurityVnd,
        bid_security_days: b.bidSecurityDays,
        bid_validity_days: b.bidValidityDays,
        execution_period: b.executionPeriod,
        submitted_at: b.submittedAt,
      },
    );
  }
}

/** Saves each result version with its bidders and goods items. */
export async function saveResults(w: Writer, tbmtId: number, results: KqlcntFacts[], source: Source) {
  for (const r of results) {
    const kqlcntId = await w.upsert(
      'kqlcnt',
      { tbmt_id: tbmtId, version: r.version },
      {
        published_at: r.publishedAt,
        decision_no: r.decisionNo,
        decision_date: r.decisionDate,
        decision_agency: r.decisionAgency,
        decision_file: r.decisionFile,
        report_file: r.reportFile,
        source_id: r.sourceId,
        source,
      },
    );
    for (const b of r.bidders) {
      const contractorId = await resolveOrg(w, b.contractor, source);
      if (contractorId === null) continue;
      await w.upsert(
        'kqlcnt_bidder',
        { kqlcnt_id: kqlcntId, lot_no: b.lotNo ?? '', contractor_id: contractorId },
        {
          lot_name: b.lotName,
          is_winner: b.isWinner,
          reason: b.reason,
          bid_price_vnd: b.bidPriceVnd,
          final_price_vnd: b.finalPriceVnd,
          evaluated_price_vnd: b.evaluatedPriceVnd,
          tech_score: b.techScore,
          winning_price_vnd: b.winningPriceVnd,
          contract_period: b.contractPeriod,
          price_detail: b.priceDetail,
        },
      );
    }
    for (const it of r.items ?? []) {
      await w.upsert(
        'kqlcnt_item',
        {
          kqlcnt_id: kqlcntId,
          contractor_id: await resolveOrg(w, it.contractor, source),
          lot_no: it.lotNo ?? '',
          position: it.position,
        },
        {
          name: it.name,
          model: it.model,
          brand: it.brand,
          year: it.year,
          origin: it.origin,
          manufacturer: it.manufacturer,
          configuration: it.configuration,
          unit: it.unit,
          quantity: it.quantity,
          hs_code: it.hsCode,
          unit_price_vnd: it.unitPriceVnd,
          amount_vnd: it.amountVnd,
        },
      );
    }
  }
}

/** Saves main contract information, keyed by (notice, contract number). */
export async function saveContracts(w: Writer, tbmtId: number, contracts: ContractFacts[], source: Source) {
  for (const c of contracts) {
    await w.upsert(
      'contract',
      { tbmt_id: tbmtId, contract_no: c.contractNo },
      {
        supplier_id: await resolveOrg(w, c.supplier, source),
        lot_no: c.lotNo ?? '',
        value_vnd: c.valueVnd,
        signed_at: c.signedAt,
        effective_at: c.effectiveAt,
        period: c.period,
        published_at: c.publishedAt,
        source,
      },
    );
  }
}
