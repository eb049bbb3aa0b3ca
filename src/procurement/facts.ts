/**
 * What a source (the national system's API, the demo generator, later our own publishing forms) tells
 * us about one notice and its package: the input of `saveTbmtFacts()`.
 *
 * Every field except the keys is optional: a source often knows only part of the story (a search hit
 * knows the winner's name but not the losers). `undefined` or `null` means "this source does not say",
 * never "erase": saving merges what is said into what is stored.
 *
 * Units: money in VND as integers; times as `Date` instants (parse Vietnam local times with
 * `parseVnTime`); text already Unicode-normalised to NFC (`nfc()`).
 */

/** Where data came from. */
export type Source = 'muasamcong' | 'demo' | 'minhbach';

/** An organisation as a source names it. */
export interface OrgRef {
  /** Code on the national system: `vn` + tax code (contractors, most agencies) or `vnz…` units. */
  code?: string | null;
  /** Tax code (mã số thuế), digits. */
  taxCode?: string | null;
  /** Name as published. Required: an organisation without a name is not recorded. */
  name: string;
  nameEn?: string | null;
}

/** A price in one currency, as published for multi-currency packages. */
export interface PriceDetail {
  currency: string;
  amount: number;
  /** VND per unit of `currency`, when published. */
  exchangeRate?: number | null;
}

/** Contractor-selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT). */
export interface KhlcntFacts {
  /** `PL` + yy + 8 digits. */
  planNo: string;
  planVersion?: string | null;
  name?: string | null;
  /** TX recurrent spending, DTPT development investment. */
  planType?: string | null;
  projectName?: string | null;
  investor?: OrgRef | null;
  decisionNo?: string | null;
  decisionDate?: Date | null;
  publishedAt?: Date | null;
}

/** A package (gói thầu) as listed in the plan. */
export interface PackageFacts {
  /** The stored package row this notice is for (a plan's line chosen when publishing on minhbach). */
  id?: number | null;
  /** `BP` + yy + 8 digits; absent when the source does not give it. */
  bidNo?: string | null;
  name: string;
  /** Normalised field, see `FIELDS` in codes.ts. */
  field?: string | null;
  fieldCodeSrc?: string | null;
  /** Normalised method, see `METHODS` in codes.ts. */
  method?: string | null;
  methodCodeSrc?: string | null;
  /** 1_MTHS, 1_HTHS, 2_MTHS, 2_HTHS. */
  procedure?: string | null;
  contractType?: string | null;
  contractPeriod?: number | null;
  /** D, M or Y. */
  contractPeriodUnit?: string | null;
  priceVnd?: number | null;
  estimateVnd?: number | null;
  priceDetail?: PriceDetail[] | null;
  funding?: string | null;
  isDomestic?: boolean | null;
  isInternet?: boolean | null;
  selectionStart?: string | null;
  selectionDuration?: string | null;
  summary?: string | null;
}

/** A place where the package is carried out. */
export interface LocationFacts {
  /** GSO province code (Hà Nội = 01). */
  provinceCode?: string | null;
  provinceName?: string | null;
  districtCode?: string | null;
  districtName?: string | null;
  wardCode?: string | null;
  wardName?: string | null;
}

export interface LotFacts {
  lotNo: string;
  name?: string | null;
  priceVnd?: number | null;
}

/** One published version of a notice (00 original, 01… amendments). */
export interface TbmtVersionFacts {
  /** Two digits: `00`, `01`, … */
  version: string;
  publishedAt?: Date | null;
  name: string;
  investor?: OrgRef | null;
  procuringEntity?: OrgRef | null;
  field?: string | null;
  fieldCodeSrc?: string | null;
  method?: string | null;
  methodCodeSrc?: string | null;
  procedure?: string | null;
  contractType?: string | null;
  contractPeriod?: number | null;
  contractPeriodUnit?: string | null;
  isDomestic?: boolean | null;
  isInternet?: boolean | null;
  priceVnd?: number | null;
  estimateVnd?: number | null;
  funding?: string | null;
  bidCloseAt?: Date | null;
  bidOpenAt?: Date | null;
  bidValidityDays?: number | null;
  bidSecurityVnd?: number | null;
  bidSecurityForm?: string | null;
  feeType?: string | null;
  feeVnd?: number | null;
  issueLocation?: string | null;
  receiveLocation?: string | null;
  openLocation?: string | null;
  documentsDecisionNo?: string | null;
  documentsDecisionDate?: Date | null;
  documentsDecisionAgency?: string | null;
  documentsDecisionFile?: string | null;
  amendmentReason?: string | null;
  statusCodeSrc?: string | null;
  locations?: LocationFacts[] | null;
  lots?: LotFacts[] | null;
}

/** Extension of the closing/opening time (gia hạn). */
export interface ExtensionFacts {
  publishedAt: Date;
  oldCloseAt?: Date | null;
  newCloseAt?: Date | null;
  oldOpenAt?: Date | null;
  newOpenAt?: Date | null;
  reason?: string | null;
}

/** Cancellation (hủy thầu). */
export interface CancellationFacts {
  cancelledAt?: Date | null;
  reason?: string | null;
  decisionNo?: string | null;
  decisionDate?: Date | null;
  decisionAgency?: string | null;
  decisionFile?: string | null;
  cancelTypeSrc?: string | null;
}

/** One bidder (per lot) in the bid-opening record. */
export interface OpeningBidderFacts {
  contractor: OrgRef;
  /** Lot number; omit or '' for a package without lots. */
  lotNo?: string | null;
  lotName?: string | null;
  bidPriceVnd?: number | null;
  discountPercent?: number | null;
  finalPriceVnd?: number | null;
  bidSecurityVnd?: number | null;
  bidSecurityDays?: number | null;
  bidValidityDays?: number | null;
  executionPeriod?: string | null;
  submittedAt?: Date | null;
}

/** Bid-opening record (biên bản mở thầu). */
export interface BidOpeningFacts {
  openedAt?: Date | null;
  bidders: OpeningBidderFacts[];
}

/** One bidder in a result. */
export interface ResultBidderFacts {
  contractor: OrgRef;
  lotNo?: string | null;
  lotName?: string | null;
  isWinner: boolean;
  reason?: string | null;
  bidPriceVnd?: number | null;
  finalPriceVnd?: number | null;
  evaluatedPriceVnd?: number | null;
  techScore?: number | null;
  winningPriceVnd?: number | null;
  contractPeriod?: string | null;
  priceDetail?: PriceDetail[] | null;
}

/** One line of the goods table of a result. */
export interface ResultItemFacts {
  /** Contractor offering the item (usually the winner). */
  contractor?: OrgRef | null;
  lotNo?: string | null;
  /** 1-based order in the table. */
  position: number;
  name: string;
  model?: string | null;
  brand?: string | null;
  year?: string | null;
  origin?: string | null;
  manufacturer?: string | null;
  configuration?: string | null;
  unit?: string | null;
  quantity?: number | null;
  hsCode?: string | null;
  unitPriceVnd?: number | null;
  amountVnd?: number | null;
}

/** Contractor-selection result (KQLCNT). */
export interface KqlcntFacts {
  /** Result version: `00`, `01`, … */
  version: string;
  publishedAt?: Date | null;
  decisionNo?: string | null;
  decisionDate?: Date | null;
  decisionAgency?: string | null;
  decisionFile?: string | null;
  reportFile?: string | null;
  sourceId?: string | null;
  bidders: ResultBidderFacts[];
  items?: ResultItemFacts[] | null;
}

/** Main contract information. */
export interface ContractFacts {
  contractNo: string;
  supplier?: OrgRef | null;
  lotNo?: string | null;
  valueVnd?: number | null;
  signedAt?: Date | null;
  effectiveAt?: Date | null;
  period?: string | null;
  publishedAt?: Date | null;
}

/** Everything a source says about one notice (TBMT) and its package. */
export interface TbmtFacts {
  /** Notice number without version: `IB` + yy + 8 digits. */
  notifyNo: string;
  /** TBMT (default), TBMST prequalification, TBMQT expression of interest. */
  noticeType?: string | null;
  /** First publication (originalPublicDate). */
  firstPublishedAt?: Date | null;
  /** Identifier on the source system (notifyId). */
  sourceId?: string | null;
  khlcnt?: KhlcntFacts | null;
  /** The package; required the first time a notice is saved (its name may come from the version). */
  package?: PackageFacts | null;
  versions?: TbmtVersionFacts[] | null;
  extensions?: ExtensionFacts[] | null;
  cancellation?: CancellationFacts | null;
  opening?: BidOpeningFacts | null;
  results?: KqlcntFacts[] | null;
  contracts?: ContractFacts[] | null;
}
