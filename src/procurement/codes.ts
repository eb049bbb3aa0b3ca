/**
 * Procurement enumerations, each defined once: our normalised value, the Vietnamese label (source of
 * truth, as the law names it), an English gloss, and the codes the national system uses for it.
 * Source: Law 22/2023/QH15 Art. 20–29 (methods), Art. 64 (contract types); procurement-domain.md §5.
 * Codes not confirmed on the national system are marked `unconfirmed`.
 */

export interface CodeEntry {
  /** Our normalised value, stored in the database. */
  value: string;
  vi: string;
  en: string;
  /** Codes seen on the national system for this value. */
  srcCodes: readonly string[];
  unconfirmed?: boolean;
}

/** Field (lĩnh vực), `investField` / `bidField`. */
export const FIELDS = [
  { value: 'HH', vi: 'Hàng hóa', en: 'Goods', srcCodes: ['HH'] },
  { value: 'XL', vi: 'Xây lắp', en: 'Works', srcCodes: ['XL'] },
  { value: 'TV', vi: 'Tư vấn', en: 'Consulting services', srcCodes: ['TV'] },
  { value: 'PTV', vi: 'Phi tư vấn', en: 'Non-consulting services', srcCodes: ['PTV'] },
  { value: 'HON_HOP', vi: 'Hỗn hợp', en: 'Mixed', srcCodes: ['HON_HOP', 'HH_XL', 'EPC', 'EP', 'EC', 'PC'] },
] as const satisfies readonly CodeEntry[];

/** Selection method (hình thức lựa chọn nhà thầu), `bidForm`. Law 22/2023 Art. 20–29. */
export const METHODS = [
  { value: 'DTRR', vi: 'Đấu thầu rộng rãi', en: 'Open bidding', srcCodes: ['DTRR'] },
  { value: 'DTHC', vi: 'Đấu thầu hạn chế', en: 'Restricted bidding', srcCodes: ['DTHC'] },
  { value: 'CDT', vi: 'Chỉ định thầu', en: 'Direct appointment', srcCodes: ['CDT'], unconfirmed: true },
  {
    value: 'CDT_RG',
    vi: 'Chỉ định thầu rút gọn',
    en: 'Direct appointment (shortened)',
    srcCodes: ['CDTRG'],
  },
  { value: 'CHCT', vi: 'Chào hàng cạnh tranh', en: 'Competitive quotation', srcCodes: ['CHCT'] },
  {
    value: 'CHCT_RG',
    vi: 'Chào hàng cạnh tranh rút gọn',
    en: 'Competitive quotation (shortened)',
    srcCodes: ['CHCTRG'],
  },
  { value: 'MSTT', vi: 'Mua sắm trực tiếp', en: 'Direct procurement', srcCodes: ['MSTT'] },
  {
    value: 'CGTT',
    vi: 'Chào giá trực tuyến',
    en: 'Online price quotation',
    srcCodes: ['CGTT'],
    unconfirmed: true,
  },
  {
    value: 'CGTT_RG',
    vi: 'Chào giá trực tuyến rút gọn',
    en: 'Online price quotation (shortened)',
    srcCodes: ['CGTTRG'],
  },
  { value: 'TTH', vi: 'Tự thực hiện', en: 'Self-performance', srcCodes: ['TTH'], unconfirmed: true },
  {
    value: 'CONG_DONG',
    vi: 'Tham gia thực hiện của cộng đồng',
    en: 'Community participation',
    srcCodes: [],
    unconfirmed: true,
  },
  { value: 'DPG', vi: 'Đàm phán giá', en: 'Price negotiation', srcCodes: [], unconfirmed: true },
  {
    value: 'DAC_BIET',
    vi: 'Lựa chọn nhà thầu trong trường hợp đặc biệt',
    en: 'Selection in special cases',
    srcCodes: [],
    unconfirmed: true,
  },
  { value: 'DAT_HANG', vi: 'Đặt hàng', en: 'Ordering', srcCodes: [], unconfirmed: true },
  {
    value: 'TVCN',
    vi: 'Tuyển chọn tư vấn cá nhân',
    en: 'Individual consultant selection',
    srcCodes: ['TCTVCN', 'TVCN'],
  },
] as const satisfies readonly CodeEntry[];

/** Procedure (phương thức), `bidMode`. */
export const PROCEDURES = [
  { value: '1_MTHS', vi: 'Một giai đoạn một túi hồ sơ', en: 'One stage, one envelope', srcCodes: ['1_MTHS'] },
  {
    value: '1_HTHS',
    vi: 'Một giai đoạn hai túi hồ sơ',
    en: 'One stage, two envelopes',
    srcCodes: ['1_HTHS'],
  },
  {
    value: '2_MTHS',
    vi: 'Hai giai đoạn một túi hồ sơ',
    en: 'Two stages, one envelope',
    srcCodes: ['2_MTHS'],
  },
  {
    value: '2_HTHS',
    vi: 'Hai giai đoạn hai túi hồ sơ',
    en: 'Two stages, two envelopes',
    srcCodes: ['2_HTHS'],
  },
] as const satisfies readonly CodeEntry[];

/** Contract type (loại hợp đồng), Law 22/2023 Art. 64. */
export const CONTRACT_TYPES = [
  { value: 'TG', vi: 'Trọn gói', en: 'Lump sum', srcCodes: ['TG'] },
  { value: 'DGCD', vi: 'Theo đơn giá cố định', en: 'Fixed unit price', srcCodes: ['DGCD'] },
  { value: 'DGDC', vi: 'Theo đơn giá điều chỉnh', en: 'Adjustable unit price', srcCodes: ['DGDC'] },
  { value: 'TGIAN', vi: 'Theo thời gian', en: 'Time-based', srcCodes: [], unconfirmed: true },
  { value: 'CPCP', vi: 'Theo chi phí cộng phí', en: 'Cost plus fee', srcCodes: [], unconfirmed: true },
  { value: 'KQDR', vi: 'Theo kết quả đầu ra', en: 'Output-based', srcCodes: [], unconfirmed: true },
  { value: 'TLPT', vi: 'Theo tỷ lệ phần trăm', en: 'Percentage-based', srcCodes: [], unconfirmed: true },
  { value: 'HON_HOP', vi: 'Hỗn hợp', en: 'Mixed', srcCodes: [], unconfirmed: true },
] as const satisfies readonly CodeEntry[];

/** Notice kinds. */
export const NOTICE_TYPES = [
  { value: 'TBMT', vi: 'Thông báo mời thầu', en: 'Invitation to bid', srcCodes: ['TBMT'] },
  { value: 'TBMST', vi: 'Thông báo mời sơ tuyển', en: 'Prequalification notice', srcCodes: ['TBMST'] },
  { value: 'TBMQT', vi: 'Thông báo mời quan tâm', en: 'Expression of interest', srcCodes: ['TBMQT'] },
] as const satisfies readonly CodeEntry[];

/** State of a notice as shown to the public, derived from its records (see search index). */
export const NOTICE_STATES = [
  { value: 'open', vi: 'Đang mời thầu', en: 'Open for bids', srcCodes: [] },
  { value: 'closed', vi: 'Đã đóng thầu', en: 'Closed', srcCodes: [] },
  { value: 'opened', vi: 'Đã mở thầu', en: 'Bids opened', srcCodes: [] },
  { value: 'awarded', vi: 'Có kết quả lựa chọn nhà thầu', en: 'Awarded', srcCodes: [] },
  { value: 'cancelled', vi: 'Đã hủy thầu', en: 'Cancelled', srcCodes: [] },
] as const satisfies readonly CodeEntry[];

export type Field = (typeof FIELDS)[number]['value'];
export type Method = (typeof METHODS)[number]['value'];
export type Procedure = (typeof PROCEDURES)[number]['value'];
export type NoticeState = (typeof NOTICE_STATES)[number]['value'];

/**
 * Maps a source code to our normalised value in `table`, or `undefined` when the code is unknown
 * (callers keep the raw code and report it as unmapped; never guess).
 */
export function fromSourceCode(
  table: readonly CodeEntry[],
  code: string | null | undefined,
): string | undefined {
  if (code === null || code === undefined || code === '') return undefined;
  const c = code.trim().toUpperCase();
  return table.find((e) => e.srcCodes.includes(c) || e.value === c)?.value;
}

/** Vietnamese label of a normalised value, or the value itself when unknown. */
export function labelVi(table: readonly CodeEntry[], value: string | null | undefined): string {
  if (!value) return '';
  return table.find((e) => e.value === value)?.vi ?? value;
}

/** English label of a normalised value, or the value itself when unknown. */
export function labelEn(table: readonly CodeEntry[], value: string | null | undefined): string {
  if (!value) return '';
  return table.find((e) => e.value === value)?.en ?? value;
}
