/**
 * What an agency sends to publish, one TypeBox schema per kind (`PublicationKind`): the body of the
 * JSON API and the shape the web forms are converted to. Validation errors come back as JSON pointers
 * (`/bidders/0/name`) with a Vietnamese and an English message. Pure: no HTTP, no database.
 *
 * Units: money VND integers (`…Vnd`); instants ISO-8601 with an offset (`2026-12-01T09:00:00+07:00`);
 * days (`…Days`) calendar days; dates (`…Date`) Vietnam calendar dates `YYYY-MM-DD`.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import Value from 'typebox/value';
import { CONTRACT_TYPES, FIELDS, METHODS, NOTICE_TYPES, PROCEDURES } from '../procurement/codes.ts';

/** The kinds of publication, in the order of a procurement. */
export const PUBLICATION_KINDS = [
  'tbmt',
  'amendment',
  'extension',
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

const VI: Record<string, string> = {
  required: 'bắt buộc',
  minLength: 'không được để trống',
  maxLength: 'quá dài',
  pattern: 'sai định dạng',
  minimum: 'quá nhỏ',
  maximum: 'quá lớn',
  type: 'sai kiểu dữ liệu',
  minItems: 'cần ít nhất một dòng',
  maxItems: 'quá nhiều dòng',
  additionalProperties: 'trường không được hỗ trợ',
  anyOf: 'không thuộc danh mục cho phép',
  enum: 'không thuộc danh mục cho phép',
};

/**
 * Checks `payload` against the schema of `kind`, then the rules between fields (opening after closing,
 * a result with a winner, losers with reasons, instants that exist). Returns every problem; empty = valid.
 */
export function validatePayload(kind: PublicationKind, payload: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  // Report every problem, not TypeBox's default first 8 (the setting is global: restored at once).
  const saved = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 200 });
  let found;
  try {
    found = [...Value.Errors(PAYLOAD_SCHEMAS[kind], payload)];
  } finally {
    Settings.Set({ maxErrors: saved });
  }
  for (const e of found) {
    if (e.keyword === 'boolean') continue; // reported by additionalProperties with its name
    let path = e.instancePath;
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    if (e.keyword === 'required' && params.requiredProperties?.length) {
      for (const p of params.requiredProperties) add(`${path}/${p}`, 'required', `${p} is required`);
      continue;
    }
    if (e.keyword === 'additionalProperties' && params.additionalProperties?.length) {
      path = `${path}/${params.additionalProperties[0]}`;
    }
    add(path, e.keyword, e.message);
  }
  if (errors.length > 0) return errors;
  crossFieldChecks(kind, payload as Record<string, unknown>, errors);
  return errors;

  function add(path: string, keyword: string, en: string) {
    // A union of literals reports once per member: keep one message per path.
    if (seen.has(path)) return;
    seen.add(path);
    errors.push({ path: path || '/', messageVi: VI[keyword] ?? 'không hợp lệ', messageEn: en });
  }
}

/** A pattern-valid instant whose date and time exist (no 30 February, no 24:61) in 2000–2100. */
function realInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 2000 &&
    y <= 2100 &&
    day.getUTCMonth() === mo - 1 &&
    day.getUTCDate() === d &&
    h <= 23 &&
    mi <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

function crossFieldChecks(kind: PublicationKind, p: Record<string, unknown>, errors: FieldError[]): void {
  const bad = (path: string, vi: string, en: string) => errors.push({ path, messageVi: vi, messageEn: en });
  for (const key of [
    'bidCloseAt',
    'bidOpenAt',
    'newCloseAt',
    'newOpenAt',
    'openedAt',
    'signedAt',
    'effectiveAt',
  ]) {
    if (typeof p[key] === 'string' && !realInstant(p[key])) {
      bad(`/${key}`, 'thời điểm không tồn tại (năm 2000–2100)', 'not a real instant in 2000–2100');
    }
  }
  if (typeof p.decisionDate === 'string' && !realInstant(`${p.decisionDate}T00:00+07:00`)) {
    bad('/decisionDate', 'ngày không tồn tại (năm 2000–2100)', 'not a real date in 2000–2100');
  }
  if (errors.length > 0) return;
  if (
    (kind === 'tbmt' || kind === 'amendment') &&
    Date.parse(String(p.bidOpenAt)) < Date.parse(String(p.bidCloseAt))
  ) {
    bad('/bidOpenAt', 'thời điểm mở thầu phải sau thời điểm đóng thầu', 'opening must not be before closing');
  }
  if (
    kind === 'extension' &&
    p.newOpenAt &&
    Date.parse(String(p.newOpenAt)) < Date.parse(String(p.newCloseAt))
  ) {
    bad('/newOpenAt', 'thời điểm mở thầu phải sau thời điểm đóng thầu', 'opening must not be before closing');
  }
  if ((kind === 'tbmt' || kind === 'amendment') && Array.isArray(p.lots)) {
    const seenLots = new Set<string>();
    (p.lots as { lotNo: string }[]).forEach((l, i) => {
      if (seenLots.has(l.lotNo)) bad(`/lots/${i}/lotNo`, 'số phần (lô) bị trùng', 'duplicate lot number');
      seenLots.add(l.lotNo);
    });
  }
  if (kind === 'result') {
    const bidders = p.bidders as ResultInput['bidders'];
    if (!bidders.some((b) => b.isWinner)) {
      bad('/bidders', 'cần ít nhất một nhà thầu trúng thầu', 'at least one bidder must win');
    }
    bidders.forEach((b, i) => {
      if (!b.isWinner && !b.reason) {
        bad(
          `/bidders/${i}/reason`,
          'nêu lý do nhà thầu không trúng thầu',
          'a losing bidder needs the reason',
        );
      }
    });
  }
}
