/**
 * The whole story of one notice (TBMT, thông báo mời thầu) as the read side returns it: the single shape
 * that both the public page and the JSON API render.
 *
 * Units: money in VND as integers (`…Vnd`); times as `Date` instants (UTC; shown in Asia/Ho_Chi_Minh);
 * `null` means "not published / not known".
 */
import type { NoticeState } from '../codes.ts';
import type { StoryDocument } from './story-documents.ts';

/** An organisation as a link target: its code is the key of `/to-chuc/{code}`. */
export interface OrgLink {
  code: string;
  name: string;
  taxCode: string | null;
  /**
   * True when `code` is a local minhbach code (`mb-…`, made from the name because the source gave
   * no code): it is not a code of the national system and must not be shown as one.
   */
  codeIsLocal: boolean;
}

/** Contractor-selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT) the package belongs to. */
export interface PlanView {
  planNo: string;
  planVersion: string | null;
  name: string | null;
  /** TX recurrent spending, DTPT development investment. */
  planType: string | null;
  projectName: string | null;
  investor: OrgLink | null;
  decisionNo: string | null;
  decisionDate: Date | null;
  publishedAt: Date | null;
}

/** The package (gói thầu) as listed in the plan. */
export interface PackageView {
  /** `BP` + yy + 8 digits, when known. */
  bidNo: string | null;
  name: string;
  selectionStart: string | null;
  selectionDuration: string | null;
  summary: string | null;
  /** Line number of the package in its plan (1-based, as the plan page lists them); null without a plan. */
  planLine?: number | null;
}

/** A place where the package is carried out (names as published). */
export interface LocationView {
  provinceCode: string | null;
  provinceName: string | null;
  districtName: string | null;
  wardName: string | null;
}

/** A lot (phần) of a multi-lot notice; price VND. */
export interface LotView {
  lotNo: string;
  name: string | null;
  priceVnd: number | null;
}

/** A value in a version comparison: text, number, boolean or instant. */
export type ChangeValue = string | number | boolean | Date | null;

/** One field that differs from the previous version (an amendment, sửa đổi). */
export interface VersionChange {
  /** Key of the field, see `VERSION_FIELDS`. */
  field: string;
  before: ChangeValue;
  after: ChangeValue;
}

/** One published version of the notice (00 original, 01… amendments). */
export interface VersionView {
  version: string;
  publishedAt: Date | null;
  name: string;
  investor: OrgLink | null;
  procuringEntity: OrgLink | null;
  /** Normalised codes, see codes.ts (FIELDS, METHODS, PROCEDURES, CONTRACT_TYPES). */
  field: string | null;
  method: string | null;
  procedure: string | null;
  contractType: string | null;
  contractPeriod: number | null;
  /** D days, M months, Y years. */
  contractPeriodUnit: string | null;
  isDomestic: boolean | null;
  isInternet: boolean | null;
  priceVnd: number | null;
  estimateVnd: number | null;
  funding: string | null;
  bidCloseAt: Date | null;
  bidOpenAt: Date | null;
  bidValidityDays: number | null;
  bidSecurityVnd: number | null;
  bidSecurityForm: string | null;
  feeType: string | null;
  feeVnd: number | null;
  issueLocation: string | null;
  receiveLocation: string | null;
  openLocation: string | null;
  documentsDecisionNo: string | null;
  documentsDecisionDate: Date | null;
  documentsDecisionAgency: string | null;
  documentsDecisionFile: string | null;
  amendmentReason: string | null;
  statusCodeSrc: string | null;
  locations: LocationView[];
  lots: LotView[];
  /** Differences from the previous version; empty for the first version. */
  changes: VersionChange[];
}

/** Extension of the closing/opening time (gia hạn). */
export interface ExtensionView {
  publishedAt: Date;
  oldCloseAt: Date | null;
  newCloseAt: Date | null;
  oldOpenAt: Date | null;
  newOpenAt: Date | null;
  reason: string | null;
}

/** A clarification of the bidding documents (làm rõ HSMT): question, answer, law flags. */
export interface ClarificationView {
  /** Number within the notice: 1, 2, … */
  seq: number;
  question: string;
  /** VN calendar day the request was received (`YYYY-MM-DD`). */
  requestReceivedOn: string;
  answer: string;
  /** When the answer was published (UTC). */
  answeredAt: Date;
  documentNo: string | null;
  /** VN calendar day of the clarification letter (`YYYY-MM-DD`). */
  documentDate: string | null;
  /** Law flags recorded when it was published (late request, late answer), with their messages. */
  flags: { ruleId: string; citation: string; messageVi: string; shortBy: number | null }[];
}

/** One bidder (per lot) of the bid-opening record. */
export interface OpeningBidderView {
  contractor: OrgLink;
  lotNo: string;
  lotName: string | null;
  bidPriceVnd: number | null;
  /** Percent, e.g. 2.5 for 2,5 %. */
  discountPercent: number | null;
  finalPriceVnd: number | null;
  bidSecurityVnd: number | null;
  bidSecurityDays: number | null;
  bidValidityDays: number | null;
  executionPeriod: string | null;
  submittedAt: Date | null;
}

/** Bid-opening record (biên bản mở thầu). */
export interface OpeningView {
  openedAt: Date | null;
  bidders: OpeningBidderView[];
}

/** One bidder of a result: the winner(s) and the others with the published reason. */
export interface ResultBidderView {
  contractor: OrgLink;
  lotNo: string;
  lotName: string | null;
  isWinner: boolean;
  reason: string | null;
  bidPriceVnd: number | null;
  finalPriceVnd: number | null;
  evaluatedPriceVnd: number | null;
  techScore: number | null;
  winningPriceVnd: number | null;
  contractPeriod: string | null;
}

/** One line of the goods table of a result. */
export interface ResultItemView {
  contractor: OrgLink | null;
  lotNo: string;
  position: number;
  name: string;
  model: string | null;
  brand: string | null;
  year: string | null;
  origin: string | null;
  manufacturer: string | null;
  configuration: string | null;
  unit: string | null;
  quantity: number | null;
  hsCode: string | null;
  unitPriceVnd: number | null;
  amountVnd: number | null;
}

/** Contractor-selection result (kết quả lựa chọn nhà thầu, KQLCNT). */
export interface ResultView {
  version: string;
  publishedAt: Date | null;
  decisionNo: string | null;
  decisionDate: Date | null;
  decisionAgency: string | null;
  decisionFile: string | null;
  reportFile: string | null;
  bidders: ResultBidderView[];
  items: ResultItemView[];
}

/** Main contract information. */
export interface ContractView {
  contractNo: string;
  supplier: OrgLink | null;
  lotNo: string;
  valueVnd: number | null;
  signedAt: Date | null;
  effectiveAt: Date | null;
  period: string | null;
  publishedAt: Date | null;
}

/** Cancellation (hủy thầu). */
export interface CancellationView {
  cancelledAt: Date | null;
  reason: string | null;
  decisionNo: string | null;
  decisionDate: Date | null;
  decisionAgency: string | null;
  decisionFile: string | null;
}

/** Everything published about one notice, in the order of the procurement. */
export interface TbmtStory {
  /** `IB` + yy + 8 digits, without version suffix. */
  notifyNo: string;
  /** TBMT, TBMST (prequalification) or TBMQT (expression of interest). */
  noticeType: string;
  /** muasamcong, demo or minhbach. */
  source: string;
  /** True when the notice is demo data (source `demo`). */
  isDemo: boolean;
  /** State as shown to the public, at the time of the query. */
  state: NoticeState;
  /** First publication (originalPublicDate); null when unknown (not guessed from a later version). */
  firstPublishedAt: Date | null;
  /** Closing time in force: the latest extension's new time when published after the current version. */
  bidCloseAt: Date | null;
  /** Opening time in force, by the same rule. */
  bidOpenAt: Date | null;
  plan: PlanView | null;
  package: PackageView | null;
  /** OCDS contracting-process id of the package (`/api/ocds/records/{ocid}`); null when not in OCDS yet. */
  ocid?: string | null;
  /** The current version: the highest version number. */
  current: VersionView;
  /**
   * Every version stored, oldest first. The first is the original (`00`) unless the notice was
   * imported from an amendment on (see `isOriginalVersion`).
   */
  versions: VersionView[];
  /** Extensions, oldest first. */
  extensions: ExtensionView[];
  /** Clarifications of the bidding documents, oldest first (absent: none loaded). */
  clarifications?: ClarificationView[];
  opening: OpeningView | null;
  /** Results, oldest version first. */
  results: ResultView[];
  contracts: ContractView[];
  cancellation: CancellationView | null;
  /** Bidding documents published on minhbach, per version (src/publishing/documents/). */
  documents?: StoryDocument[];
}
