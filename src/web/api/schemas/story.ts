/** Schema of `GET /api/v1/tbmt/{notifyNo}`: the whole story of a notice (the read side's `TbmtStory`). */
import { Type } from '@fastify/type-provider-typebox';
import { CONTRACT_TYPES, FIELDS, METHODS, NOTICE_STATES, PROCEDURES } from '../../../procurement/codes.ts';
import { CodeValue, codeEnum, Instant, Nullable, OrgLinkSchema, Text, Vnd } from './common.ts';

const Int = (description: string) => Nullable(Type.Integer({ description }));
const Num = (description: string) => Nullable(Type.Number({ description }));
const Bool = (description: string) => Nullable(Type.Boolean({ description }));
const OrgOrNull = Nullable(OrgLinkSchema);

const Plan = Type.Object(
  {
    planNo: Type.String({ description: 'Plan number (PL + yy + 8 digits)' }),
    planVersion: Text('Plan version (00, 01, …)'),
    name: Text('Plan name'),
    planType: Text('TX recurrent spending, DTPT development investment'),
    projectName: Text('Project or procurement estimate the plan belongs to'),
    investor: OrgOrNull,
    decisionNo: Text('Approval decision number'),
    decisionDate: Instant('Approval decision date'),
    publishedAt: Instant('Publication of the plan'),
  },
  { description: 'Contractor-selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT)' },
);

const Package = Type.Object(
  {
    bidNo: Text('Package number in the plan (BP + yy + 8 digits)'),
    name: Type.String({ description: 'Package name' }),
    selectionStart: Text('Planned start of selection, as published'),
    selectionDuration: Text('Planned duration of selection, as published'),
    summary: Text('Short description of the work'),
    planLine: Type.Optional(
      Nullable(
        Type.Integer({
          description: 'Line of the package in its plan (1-based, as the plan page lists them)',
        }),
      ),
    ),
  },
  { description: 'Package (gói thầu) as listed in the plan' },
);

const Change = Type.Object(
  {
    field: Type.String({ description: 'Field of the version that changed (a property name of the version)' }),
    before: Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    after: Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  },
  { description: 'A field that differs from the previous version (times as ISO strings, money VND)' },
);

const Version = Type.Object(
  {
    version: Type.String({ description: 'Version number: 00 original, 01… amendments' }),
    publishedAt: Instant('Publication of this version'),
    name: Type.String({ description: 'Package name' }),
    investor: OrgOrNull,
    procuringEntity: OrgOrNull,
    field: CodeValue(FIELDS, 'Field (lĩnh vực)'),
    method: CodeValue(METHODS, 'Selection method (hình thức)'),
    procedure: CodeValue(PROCEDURES, 'Procedure (phương thức)'),
    contractType: CodeValue(CONTRACT_TYPES, 'Contract type'),
    contractPeriod: Int('Contract period length'),
    contractPeriodUnit: Text('D days, M months, Y years'),
    isDomestic: Bool('True domestic, false international'),
    isInternet: Bool('True when bids are submitted online'),
    priceVnd: Vnd('Package price (giá gói thầu)'),
    estimateVnd: Vnd('Estimate (dự toán)'),
    funding: Text('Funding source'),
    bidCloseAt: Instant('Bid closing time of this version'),
    bidOpenAt: Instant('Bid opening time of this version'),
    bidValidityDays: Int('Bid validity, days'),
    bidSecurityVnd: Vnd('Bid security'),
    bidSecurityForm: Text('Form of bid security'),
    feeType: Text('Fee type of the bidding documents (F free)'),
    feeVnd: Vnd('Fee for the bidding documents'),
    issueLocation: Text('Where bidding documents are issued'),
    receiveLocation: Text('Where bids are received'),
    openLocation: Text('Where bids are opened'),
    documentsDecisionNo: Text('Decision approving the bidding documents: number'),
    documentsDecisionDate: Instant('Decision approving the bidding documents: date'),
    documentsDecisionAgency: Text('Decision approving the bidding documents: agency'),
    documentsDecisionFile: Text('Decision approving the bidding documents: file name'),
    amendmentReason: Text('Why this version amends the previous one'),
    statusCodeSrc: Text('Status code on the source system (01 published, 03 cancelled)'),
    locations: Type.Array(
      Type.Object({
        provinceCode: Text('GSO province code (Hà Nội = 01)'),
        provinceName: Text('Province'),
        districtName: Text('District'),
        wardName: Text('Ward / commune'),
      }),
      { description: 'Places where the package is carried out' },
    ),
    lots: Type.Array(
      Type.Object({
        lotNo: Type.String({ description: 'Lot number' }),
        name: Text('Lot name'),
        priceVnd: Vnd('Lot price'),
      }),
      { description: 'Lots (phần) of a multi-lot notice' },
    ),
    changes: Type.Array(Change, { description: 'Differences from the previous version; empty for 00' }),
  },
  { description: 'One published version of the notice' },
);

const Extension = Type.Object(
  {
    publishedAt: Type.String({ format: 'date-time', description: 'Publication of the extension (UTC)' }),
    oldCloseAt: Instant('Closing time before'),
    newCloseAt: Instant('Closing time after'),
    oldOpenAt: Instant('Opening time before'),
    newOpenAt: Instant('Opening time after'),
    reason: Text('Reason given'),
  },
  { description: 'Extension of the closing/opening time (gia hạn)' },
);

const OpeningBidder = Type.Object({
  contractor: OrgLinkSchema,
  lotNo: Type.String({ description: 'Lot number; empty when the package has no lots' }),
  lotName: Text('Lot name'),
  bidPriceVnd: Vnd('Bid price (giá dự thầu)'),
  discountPercent: Num('Discount, percent'),
  finalPriceVnd: Vnd('Bid price after discount'),
  bidSecurityVnd: Vnd('Bid security'),
  bidSecurityDays: Int('Validity of the bid security, days'),
  bidValidityDays: Int('Validity of the bid, days'),
  executionPeriod: Text('Execution period offered, as published'),
  submittedAt: Instant('When the bid was submitted'),
});

const ResultBidder = Type.Object({
  contractor: OrgLinkSchema,
  lotNo: Type.String({ description: 'Lot number; empty when none' }),
  lotName: Text('Lot name'),
  isWinner: Type.Boolean({ description: 'True for the winning bidder(s)' }),
  reason: Text('Reason for not winning, as published'),
  bidPriceVnd: Vnd('Bid price'),
  finalPriceVnd: Vnd('Bid price after discount'),
  evaluatedPriceVnd: Vnd('Evaluated price (giá đánh giá)'),
  techScore: Num('Technical score'),
  winningPriceVnd: Vnd('Winning price (giá trúng thầu)'),
  contractPeriod: Text('Contract period, as published'),
});

const ResultItem = Type.Object({
  contractor: OrgOrNull,
  lotNo: Type.String({ description: 'Lot number; empty when none' }),
  position: Type.Integer({ description: 'Order in the table, from 1' }),
  name: Type.String({ description: 'Item name' }),
  model: Text('Model / code (ký mã hiệu)'),
  brand: Text('Brand'),
  year: Text('Year of manufacture'),
  origin: Text('Country of origin'),
  manufacturer: Text('Manufacturer'),
  configuration: Text('Configuration / technical features'),
  unit: Text('Unit of measure'),
  quantity: Num('Quantity'),
  hsCode: Text('HS code'),
  unitPriceVnd: Vnd('Unit price'),
  amountVnd: Vnd('Line amount'),
});

const Result = Type.Object(
  {
    version: Type.String({ description: 'Result version (00, 01, …)' }),
    publishedAt: Instant('Publication of the result'),
    decisionNo: Text('Approval decision number'),
    decisionDate: Instant('Approval decision date'),
    decisionAgency: Text('Agency that approved the result'),
    decisionFile: Text('File name of the decision'),
    reportFile: Text('File name of the evaluation report'),
    bidders: Type.Array(ResultBidder),
    items: Type.Array(ResultItem, { description: 'Goods item table (goods packages)' }),
  },
  { description: 'Contractor-selection result (KQLCNT)' },
);

const Contract = Type.Object(
  {
    contractNo: Type.String({ description: 'Contract number' }),
    supplier: OrgOrNull,
    lotNo: Type.String({ description: 'Lot number; empty when none' }),
    valueVnd: Vnd('Contract value'),
    signedAt: Instant('Signing date'),
    effectiveAt: Instant('Effective date'),
    period: Text('Performance period, as published'),
    publishedAt: Instant('Publication of the contract information'),
  },
  { description: 'Main contract information' },
);

const Cancellation = Type.Object(
  {
    cancelledAt: Instant('Publication of the cancellation'),
    reason: Text('Reason for cancelling'),
    decisionNo: Text('Cancellation decision number'),
    decisionDate: Instant('Cancellation decision date'),
    decisionAgency: Text('Agency that signed the decision'),
    decisionFile: Text('File name of the decision'),
  },
  { description: 'Cancellation (hủy thầu)' },
);

const BiddingDocument = Type.Object(
  {
    id: Type.Integer(),
    version: Type.String({ description: 'Notice version it was published with (00, 01, …)' }),
    fileName: Type.String(),
    mediaType: Type.String({ description: 'IANA media type, checked from the content' }),
    sizeBytes: Type.Integer({ description: 'Size in bytes' }),
    sha256: Type.String({ description: 'SHA-256 of the file, lower-case hex (also in the public ledger)' }),
    publishedAt: Instant('Publication (with its notice version)'),
    publicUrl: Nullable(
      Type.String({ description: 'Absolute URL when the portal has a public URL configured' }),
    ),
    url: Type.String({ description: 'Download path on this portal' }),
  },
  { description: 'A bidding document (HSMT) file published with a notice version' },
);

const Clarification = Type.Object(
  {
    seq: Type.Integer({ description: 'Number within the notice: 1, 2, …' }),
    question: Type.String({ description: "The bidder's question (never the bidder's name)" }),
    requestReceivedOn: Type.String({ description: 'Vietnam day the request was received, YYYY-MM-DD' }),
    answer: Type.String(),
    answeredAt: Instant('Publication of the answer'),
    documentNo: Nullable(Type.String({ description: 'Clarification letter number' })),
    documentDate: Nullable(Type.String({ description: 'Vietnam day of the letter, YYYY-MM-DD' })),
    flags: Type.Array(
      Type.Object({
        ruleId: Type.String(),
        citation: Type.String(),
        messageVi: Type.String(),
        shortBy: Nullable(Type.Number({ description: 'Working days short of the legal lead time' })),
      }),
      { description: 'Law flags recorded at publication (late request, late answer)' },
    ),
  },
  { description: 'A clarification of the bidding documents (làm rõ HSMT)' },
);

/** The whole story of a notice. */
export const TbmtStorySchema = Type.Object(
  {
    notifyNo: Type.String({ description: 'Notice number without version (IB + yy + 8 digits)' }),
    noticeType: Type.String({ description: 'TBMT invitation, TBMST prequalification, TBMQT EOI' }),
    source: Type.String({ description: 'muasamcong, demo or minhbach' }),
    isDemo: Type.Boolean({ description: 'True for demo data (not a real notice)' }),
    state: codeEnum(NOTICE_STATES, 'Public state at the time of the request'),
    firstPublishedAt: Instant('First publication'),
    bidCloseAt: Instant('Closing time in force (after extensions)'),
    bidOpenAt: Instant('Opening time in force (after extensions)'),
    plan: Nullable(Plan),
    package: Nullable(Package),
    ocid: Type.Optional(
      Nullable(
        Type.String({
          description:
            'OCDS contracting-process id (see /api/ocds/records/{ocid}); null when not in OCDS yet',
        }),
      ),
    ),
    current: Version,
    versions: Type.Array(Version, { description: 'Every version, oldest first; the last is current' }),
    extensions: Type.Array(Extension),
    opening: Nullable(
      Type.Object(
        { openedAt: Instant('When bids were opened'), bidders: Type.Array(OpeningBidder) },
        { description: 'Bid-opening record (biên bản mở thầu)' },
      ),
    ),
    results: Type.Array(Result, { description: 'Results, oldest version first' }),
    contracts: Type.Array(Contract),
    cancellation: Nullable(Cancellation),
    documents: Type.Optional(
      Type.Array(BiddingDocument, { description: 'Bidding documents, oldest version first' }),
    ),
    clarifications: Type.Optional(Type.Array(Clarification, { description: 'Clarifications, in order' })),
  },
  { description: 'Everything published about one notice (TBMT), from plan to contract' },
);
