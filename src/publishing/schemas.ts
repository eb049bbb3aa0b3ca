/**
 * What an agency sends to publish, one TypeBox schema per kind (`PublicationKind`): the body of the
 * JSON API and the shape the web forms are converted to. Validation errors come back as JSON pointers
 * (`/bidders/0/name`) with a Vietnamese and an English message. Pure: no HTTP, no database.
 *
 * Units: money VND integers (`…Vnd`); instants ISO-8601 with an offset (`2026-12-01T09:00:00+07:00`);
 * days (`…Days`) calendar days; dates (`…Date`) Vietnam calendar dates `YYYY-MM-DD`.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { CONTRACT_TYPES, FIELDS, METHODS, NOTICE_TYPES, PROCEDURES } from '../procurement/codes.ts';

/** The kinds of publication, in the order of a procurement. */
export const PUBLICATION_KINDS = [
  'tbmt',
  'amendment',
  'extension',
  'clarification',
  'cancellation',
  'opening',
  'result',
  'contract',
] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Vietnamese names of the kinds. */
export const KIND_VI: Record<PublicationKind, string> = {
  tbmt: 'Thông báo mời thầu',
  amendment: 'Sửa đổi thông báo mời thầu',
  extension: 'Gia hạn thời điểm đóng thầu',
  clarification: 'Làm rõ hồ sơ mời thầu',
  cancellation: 'Hủy thầu',
  opening: 'Biên bản mở thầu',
  result: 'Kết quả lựa chọn nhà thầu',
  contract: 'Thông tin hợp đồng',
};

const codes = <T extends string>(table: readonly { value: T }[], description: string) =>
  Type.Enum(
    table.map((c) => c.value),
    { description },
  );

/** An instant with an explicit offset (Z or ±hh:mm). */
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO-8601 instant with offset, e.g. 2026-12-01T09:00:00+07:00',
});
const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Vietnam date YYYY-MM-DD' });
const Vnd = Type.Integer({ minimum: 0, maximum: 1e15, description: 'VND' });
const Text = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const NotifyNo = Type.String({ pattern: '^IB\\d{10}$', description: 'Notice number IB + yy + 8 digits' });

const Location = Type.Object(
  {
    provinceCode: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
    provinceName: Type.Optional(Text(200)),
    districtName: Type.Optional(Text(200)),
    wardName: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

const Lot = Type.Object(
  { lotNo: Text(20), name: Text(1000), priceVnd: Type.Optional(Vnd) },
  { additionalProperties: false },
);

/** The content of a notice: a new TBMT, and every amendment (which repeats the whole content). */
const noticeContent = {
  noticeType: Type.Optional(codes(NOTICE_TYPES, 'TBMT (default), TBMST prequalification, TBMQT EOI')),
  name: Text(1000, 'Package name (tên gói thầu)'),
  field: codes(FIELDS, 'Field (lĩnh vực)'),
  method: codes(METHODS, 'Selection method (hình thức lựa chọn nhà thầu)'),
  procedure: codes(PROCEDURES, 'Procedure (phương thức)'),
  contractType: codes(CONTRACT_TYPES, 'Contract type (loại hợp đồng)'),
  contractPeriod: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  contractPeriodUnit: Type.Optional(Type.Union([Type.Literal('D'), Type.Literal('M'), Type.Literal('Y')])),
  isDomestic: Type.Boolean({ description: 'Domestic (trong nước) or international bidding' }),
  isInternet: Type.Boolean({ description: 'Bids submitted online (qua mạng)' }),
  priceVnd: Vnd,
  estimateVnd: Type.Optional(Vnd),
  funding: Type.Optional(Text(500, 'Funding source (nguồn vốn)')),
  bidCloseAt: Instant,
  bidOpenAt: Instant,
  bidValidityDays: Type.Integer({ minimum: 1, maximum: 1000 }),
  bidSecurityVnd: Type.Optional(Vnd),
  bidSecurityValidityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  bidSecurityForm: Type.Optional(Text(200)),
  issueLocation: Type.Optional(Text(1000, 'Where the documents are issued')),
  receiveLocation: Type.Optional(Text(1000, 'Where bids are received')),
  openLocation: Type.Optional(Text(1000, 'Where bids are opened')),
  locations: Type.Optional(Type.Array(Location, { maxItems: 100 })),
  lots: Type.Optional(Type.Array(Lot, { maxItems: 500 })),
};

/** A new notice (TBMT, prequalification, EOI) for a package of the agency. */
export const TbmtPayload = Type.Object(
  {
    notifyNo: Type.Optional({
      ...NotifyNo,
      description: 'The national IB number when the agency has one; omitted: minhbach issues IByy9nnnnnnn',
    }),
    ...noticeContent,
    planNo: Type.Optional(
      Type.String({
        pattern: '^PL\\d{10}(-\\d{2})?$',
        description:
          'The published plan (KHLCNT) of the package: PL + 10 digits, -NN for a corrected version',
      }),
    ),
    packageNo: Type.Optional(
      Type.String({
        pattern: '^(BP\\d{10}|[1-9]\\d{0,2})$',
        description: 'The package in that plan: its BP number, or its line number in the plan (1, 2, …)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** An amendment: the whole new content of the notice, with the reason. */
export const AmendmentPayload = Type.Object(
  { notifyNo: NotifyNo, reason: Text(2000, 'Reason of the amendment'), ...noticeContent },
  { additionalProperties: false },
);

/** Extension of closing (and opening). */
export const ExtensionPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    newCloseAt: Instant,
    newOpenAt: Type.Optional(Instant),
    reason: Text(2000),
  },
  { additionalProperties: false },
);

/** A clarification of the bidding documents (làm rõ HSMT): the question, never the bidder's name. */
export const ClarificationPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    question: Text(10000, 'The clarification request, without the name of the bidder who asked'),
    requestReceivedDate: { ...IsoDay, description: 'Vietnam date the request was received' },
    answer: Text(10000, 'The answer of the procuring entity'),
    documentNo: Type.Optional(Text(200, 'Number of the clarification letter (văn bản làm rõ)')),
    documentDate: Type.Optional(IsoDay),
  },
  { additionalProperties: false },
);

/** Cancellation with its decision. */
export const CancellationPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    reason: Text(2000),
    decisionNo: Text(200),
    decisionDate: IsoDay,
    decisionAgency: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

const Contractor = {
  name: Text(500, 'Contractor name'),
  taxCode: Type.Optional(Type.String({ pattern: '^\\d{10}(-?\\d{3})?$' })),
  lotNo: Type.Optional(Text(20)),
};

/** The bid-opening record: every bidder with price, discount, security and validity. */
export const OpeningPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    openedAt: Instant,
    bidders: Type.Array(
      Type.Object(
        {
          ...Contractor,
          bidPriceVnd: Vnd,
          discountPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          finalPriceVnd: Type.Optional(Vnd),
          bidSecurityVnd: Type.Optional(Vnd),
          bidValidityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

/** The result: winners and losers (a loser needs the reason). */
export const ResultPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    decisionNo: Text(200),
    decisionDate: IsoDay,
    decisionAgency: Type.Optional(Text(500)),
    bidders: Type.Array(
      Type.Object(
        {
          ...Contractor,
          isWinner: Type.Boolean(),
          reason: Type.Optional(Text(2000, 'Why a bidder did not win')),
          bidPriceVnd: Type.Optional(Vnd),
          winningPriceVnd: Type.Optional(Vnd),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

/** The main contract. */
export const ContractPayload = Type.Object(
  {
    notifyNo: NotifyNo,
    contractNo: Text(200),
    supplierName: Text(500),
    supplierTaxCode: Type.Optional(Type.String({ pattern: '^\\d{10}(-?\\d{3})?$' })),
    lotNo: Type.Optional(Text(20)),
    valueVnd: Vnd,
    signedAt: Instant,
    effectiveAt: Type.Optional(Instant),
    period: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

export type TbmtInput = Static<typeof TbmtPayload>;
export type AmendmentInput = Static<typeof AmendmentPayload>;
export type ExtensionInput = Static<typeof ExtensionPayload>;
export type ClarificationInput = Static<typeof ClarificationPayload>;
export type CancellationInput = Static<typeof CancellationPayload>;
export type OpeningInput = Static<typeof OpeningPayload>;
export type ResultInput = Static<typeof ResultPayload>;
export type ContractInput = Static<typeof ContractPayload>;
export type NoticeContent = Omit<TbmtInput, 'notifyNo'>;

/** Schema of each kind's payload. */
export const PAYLOAD_SCHEMAS: Record<PublicationKind, TSchema> = {
  tbmt: TbmtPayload,
  amendment: AmendmentPayload,
  extension: ExtensionPayload,
  clarification: ClarificationPayload,
  cancellation: CancellationPayload,
  opening: OpeningPayload,
  result: ResultPayload,
  contract: ContractPayload,
};

/** One problem of a payload: where (JSON pointer into the payload) and what. */
export interface FieldError {
  path: string;
  messageVi: string;
  messageEn: string;
}

// The checks of a payload against these schemas live in validate.ts (re-exported here).
export { validatePayload } from './validate.ts';
