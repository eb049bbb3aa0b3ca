/**
 * Input → `TbmtFacts`: what a validated publication says, in the shape `saveTbmtFacts` merges into the
 * procurement tables (and from there into OCDS releases and the ledger). Pure.
 */
import type { OrgRef, TbmtFacts, TbmtVersionFacts } from '../procurement/facts.ts';
import { nfc } from '../text/normalize.ts';
import { vnDayStart } from './law.ts';
import type { NoticeState } from './notice-state.ts';
import type {
  AmendmentInput,
  CancellationInput,
  ContractInput,
  ExtensionInput,
  NoticeContent,
  OpeningInput,
  PublicationKind,
  ResultInput,
} from './schemas.ts';

/** What the mapping needs besides the payload. */
export interface MapContext {
  notifyNo: string;
  /** The publication instant (UTC). */
  now: Date;
  /** The publishing agency, named as investor and procuring entity of a new notice. */
  agency: OrgRef;
  /** The notice being changed (null for a new notice). */
  state: NoticeState | null;
  /** A new notice's plan package row (`package.id`), checked by `resolvePlanPackage`. */
  planPackageId?: number | null;
}

const t = (s: string | undefined | null): string | null => nfc(s ?? null) ?? null;

function versionFacts(version: string, c: NoticeContent, ctx: MapContext, reason?: string): TbmtVersionFacts {
  return {
    version,
    publishedAt: ctx.now,
    name: t(c.name)!,
    investor: ctx.agency,
    procuringEntity: ctx.agency,
    field: c.field,
    method: c.method,
    procedure: c.procedure,
    contractType: c.contractType,
    contractPeriod: c.contractPeriod ?? null,
    contractPeriodUnit: c.contractPeriodUnit ?? null,
    isDomestic: c.isDomestic,
    isInternet: c.isInternet,
    priceVnd: c.priceVnd,
    estimateVnd: c.estimateVnd ?? null,
    funding: t(c.funding),
    bidCloseAt: new Date(c.bidCloseAt),
    bidOpenAt: new Date(c.bidOpenAt),
    bidValidityDays: c.bidValidityDays,
    bidSecurityVnd: c.bidSecurityVnd ?? null,
    bidSecurityForm: t(c.bidSecurityForm),
    issueLocation: t(c.issueLocation),
    receiveLocation: t(c.receiveLocation),
    openLocation: t(c.openLocation),
    amendmentReason: t(reason),
    locations: (c.locations ?? []).map((l) => ({
      provinceCode: l.provinceCode ?? null,
      provinceName: t(l.provinceName),
      districtName: t(l.districtName),
      wardName: t(l.wardName),
    })),
    lots: (c.lots ?? []).map((l) => ({ lotNo: l.lotNo, name: t(l.name), priceVnd: l.priceVnd ?? null })),
  };
}

/** The next two-digit version after `version` (`00` → `01`). */
export function nextVersion(version: string): string {
  return String(Number(version) + 1).padStart(2, '0');
}

/** The facts to save for a validated `payload` of `kind`. */
export function toFacts(kind: PublicationKind, payload: Record<string, unknown>, ctx: MapContext): TbmtFacts {
  const base = { notifyNo: ctx.notifyNo };
  const contractor = (name: string, taxCode?: string): OrgRef => ({
    name: t(name)!,
    taxCode: taxCode ?? null,
  });
  switch (kind) {
    case 'tbmt': {
      const c = payload as NoticeContent;
      return {
        ...base,
        noticeType: c.noticeType ?? 'TBMT',
        firstPublishedAt: ctx.now,
        package: {
          id: ctx.planPackageId ?? null,
          name: t(c.name)!,
          field: c.field,
          method: c.method,
          procedure: c.procedure,
          contractType: c.contractType,
          contractPeriod: c.contractPeriod ?? null,
          contractPeriodUnit: c.contractPeriodUnit ?? null,
          priceVnd: c.priceVnd,
          estimateVnd: c.estimateVnd ?? null,
          funding: t(c.funding),
          isDomestic: c.isDomestic,
          isInternet: c.isInternet,
        },
        versions: [versionFacts('00', c, ctx)],
      };
    }
    case 'amendment': {
      const a = payload as AmendmentInput;
      return { ...base, versions: [versionFacts(nextVersion(ctx.state!.version), a, ctx, a.reason)] };
    }
    case 'clarification': // saved by clarification.ts (its own table), nothing here
      return base;
    case 'extension': {
      const e = payload as ExtensionInput;
      return {
        ...base,
        extensions: [
          {
            publishedAt: ctx.now,
            oldCloseAt: ctx.state!.bidCloseAt,
            newCloseAt: new Date(e.newCloseAt),
            oldOpenAt: ctx.state!.bidOpenAt,
            newOpenAt: e.newOpenAt ? new Date(e.newOpenAt) : null,
            reason: t(e.reason),
          },
        ],
      };
    }
    case 'cancellation': {
      const c = payload as CancellationInput;
      return {
        ...base,
        cancellation: {
          cancelledAt: ctx.now,
          reason: t(c.reason),
          decisionNo: t(c.decisionNo),
          decisionDate: vnDayStart(c.decisionDate),
          decisionAgency: t(c.decisionAgency),
        },
      };
    }
    case 'opening': {
      const o = payload as OpeningInput;
      return {
        ...base,
        opening: {
          openedAt: new Date(o.openedAt),
          bidders: o.bidders.map((b) => ({
            contractor: contractor(b.name, b.taxCode),
            lotNo: b.lotNo ?? null,
            bidPriceVnd: b.bidPriceVnd,
            // No discount entered means no discount: 0 %, the price after discount is the bid price.
            discountPercent: b.discountPercent ?? 0,
            finalPriceVnd: b.finalPriceVnd ?? (b.discountPercent ? null : b.bidPriceVnd),
            bidSecurityVnd: b.bidSecurityVnd ?? null,
            bidValidityDays: b.bidValidityDays ?? null,
          })),
        },
      };
    }
    case 'result': {
      const r = payload as ResultInput;
      return {
        ...base,
        results: [
          {
            version: String(ctx.state!.resultCount).padStart(2, '0'),
            publishedAt: ctx.now,
            decisionNo: t(r.decisionNo),
            decisionDate: vnDayStart(r.decisionDate),
            decisionAgency: t(r.decisionAgency),
            bidders: r.bidders.map((b) => ({
              contractor: contractor(b.name, b.taxCode),
              lotNo: b.lotNo ?? null,
              isWinner: b.isWinner,
              reason: t(b.reason),
              bidPriceVnd: b.bidPriceVnd ?? null,
              winningPriceVnd: b.winningPriceVnd ?? null,
            })),
          },
        ],
      };
    }
    case 'contract': {
      const c = payload as ContractInput;
      return {
        ...base,
        contracts: [
          {
            contractNo: t(c.contractNo)!,
            supplier: contractor(c.supplierName, c.supplierTaxCode),
            lotNo: c.lotNo ?? null,
            valueVnd: c.valueVnd,
            signedAt: new Date(c.signedAt),
            effectiveAt: c.effectiveAt ? new Date(c.effectiveAt) : null,
            period: t(c.period),
            publishedAt: ctx.now,
          },
        ],
      };
    }
  }
}
