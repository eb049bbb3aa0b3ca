/**
 * The publishing forms' fields ↔ payloads: an HTML form sends strings (`priceVnd=15.000.000.000`,
 * `bidCloseAt=2026-12-20T09:00` from a `datetime-local` input, read as Vietnam time); a payload has
 * numbers, booleans and ISO instants with +07:00. Dates (`decisionDate=29/12/2026`) are typed as
 * `dd/mm/yyyy` or `yyyy-mm-dd`, as in the plan form, and stored as `YYYY-MM-DD`. Empty fields are left
 * out, so validation names them.
 */
import type { FieldError } from '../../publishing/schemas.ts';
import { noticeRowsToForm, noticeRowsToPayload, rowErrorField } from './publish-notice-form.ts';

/** Fields of the notice forms (TBMT and amendment), in form order. */
export const NOTICE_FIELDS = [
  'name',
  'field',
  'method',
  'procedure',
  'contractType',
  'contractPeriod',
  'contractPeriodUnit',
  'isDomestic',
  'isInternet',
  'priceVnd',
  'estimateVnd',
  'funding',
  'bidCloseAt',
  'bidOpenAt',
  'bidValidityDays',
  'bidSecurityVnd',
  'bidSecurityValidityDays',
  'bidSecurityForm',
  'issueLocation',
  'receiveLocation',
  'openLocation',
] as const;

const INTEGERS = new Set([
  'contractPeriod',
  'priceVnd',
  'estimateVnd',
  'bidValidityDays',
  'bidSecurityVnd',
  'bidSecurityValidityDays',
  'valueVnd',
]);
const INSTANTS = new Set([
  'bidCloseAt',
  'bidOpenAt',
  'newCloseAt',
  'newOpenAt',
  'openedAt',
  'signedAt',
  'effectiveAt',
]);
const BOOLEANS = new Set(['isDomestic', 'isInternet']);
/** Vietnam calendar dates of the forms (`YYYY-MM-DD` in a payload). */
const DATES = new Set(['decisionDate', 'requestReceivedDate', 'documentDate']);

/** The hint of a date field: the two forms {@link vnDayToIso} accepts. */
export const DATE_HINT = 'Dạng ngày/tháng/năm, ví dụ 30/11/2026 (hoặc 2026-11-30)';

/**
 * A typed day → `YYYY-MM-DD`: `29/12/2026` (also `1/2/2026`, `29-12-2026`, `29.12.2026`) is turned
 * around; anything else (`2026-12-29`, or text that validation will name) is returned unchanged.
 */
export function vnDayToIso(raw: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : raw;
}

/** Form strings → payload: numbers without thousands separators, booleans, instants in VN time. */
export function formToPayload(
  form: Record<string, string | undefined>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    const raw = (form[key] ?? '').trim();
    if (raw === '') continue;
    if (INTEGERS.has(key)) {
      const digits = raw.replace(/[.\s,_]/g, '');
      out[key] = /^-?\d+$/.test(digits) ? Number(digits) : raw;
    } else if (BOOLEANS.has(key)) {
      out[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
    } else if (INSTANTS.has(key)) {
      out[key] = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw) ? `${raw}:00+07:00` : raw;
    } else if (DATES.has(key)) {
      out[key] = vnDayToIso(raw);
    } else {
      out[key] = raw;
    }
  }
  return out;
}

/**
 * A notice form (TBMT, or amendment with `extra: ['reason']`) → payload: the fields, the lot and
 * location rows and, for a TBMT (`plan`), the plan package.
 */
export function noticeFormToPayload(
  form: Record<string, string | undefined>,
  opts: { plan: boolean; extra?: readonly string[] } = { plan: true },
): Record<string, unknown> {
  return {
    ...formToPayload(form, [...NOTICE_FIELDS, ...(opts.extra ?? [])]),
    ...noticeRowsToPayload(form, { plan: opts.plan }),
  };
}

/** VND as typed in a form, `219.994.920` (the forms read the dots back). */
function moneyField(vnd: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(vnd);
}

/** Payload → form strings (for showing a draft again; money with vi-VN dots). */
export function payloadToForm(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = noticeRowsToForm(payload);
  for (const [key, v] of Object.entries(payload)) {
    if (v === null || v === undefined) continue;
    if (INSTANTS.has(key) && typeof v === 'string') {
      const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:00)?\+07:00$/.exec(v);
      out[key] = m ? m[1]! : v;
    } else if (DATES.has(key) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      out[key] = v.split('-').reverse().join('/');
    } else if (key.endsWith('Vnd') && typeof v === 'number') {
      out[key] = moneyField(v);
    } else if (typeof v !== 'object') {
      out[key] = String(v);
    }
  }
  return out;
}

/** Validation errors → form errors by field name (`/locations/1/provinceName` → `loc1_provinceName`, `/packageNo` → `planPackage`). */
export function fieldErrorsToForm(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const parts = e.path.split('/');
    const top = parts[1] || '_form';
    const row = rowErrorField(parts);
    if (row) {
      out[row.name] ??= `${row.label}: ${e.messageVi}`;
      continue;
    }
    // `/bidders/2/reason` → the row field `b2_reason` of the result form.
    const name =
      top === 'planNo' || top === 'packageNo'
        ? 'planPackage'
        : top === 'bidders' && parts[2] !== undefined
          ? `b${parts[2]}_${parts[3] ?? 'name'}`
          : top;
    const label = /^b\d+_/.test(name)
      ? `Nhà thầu dòng ${Number(name.slice(1, name.indexOf('_'))) + 1}, ${ROW_LABELS[name.slice(name.indexOf('_') + 1)] ?? ''}`
      : (LABELS[name] ?? name);
    out[name] ??= `${label}: ${e.messageVi}`;
  }
  return out;
}

/** Vietnamese labels of the form fields. */
export const LABELS: Record<string, string> = {
  name: 'Tên gói thầu',
  field: 'Lĩnh vực',
  method: 'Hình thức lựa chọn nhà thầu',
  procedure: 'Phương thức',
  contractType: 'Loại hợp đồng',
  contractPeriod: 'Thời gian thực hiện hợp đồng',
  contractPeriodUnit: 'Đơn vị thời gian thực hiện',
  isDomestic: 'Trong nước / quốc tế',
  isInternet: 'Đấu thầu qua mạng',
  priceVnd: 'Giá gói thầu (đồng)',
  estimateVnd: 'Dự toán (đồng)',
  funding: 'Nguồn vốn',
  bidCloseAt: 'Thời điểm đóng thầu (giờ Việt Nam)',
  bidOpenAt: 'Thời điểm mở thầu (giờ Việt Nam)',
  bidValidityDays: 'Hiệu lực hồ sơ dự thầu (ngày)',
  bidSecurityVnd: 'Giá trị bảo đảm dự thầu (đồng)',
  bidSecurityValidityDays: 'Hiệu lực bảo đảm dự thầu (ngày)',
  bidSecurityForm: 'Hình thức bảo đảm dự thầu',
  issueLocation: 'Địa điểm phát hành hồ sơ mời thầu',
  receiveLocation: 'Địa điểm nhận hồ sơ dự thầu',
  openLocation: 'Địa điểm mở thầu',
  province: 'Tỉnh/thành phố thực hiện gói thầu',
  reason: 'Lý do',
  newCloseAt: 'Thời điểm đóng thầu mới (giờ Việt Nam)',
  newOpenAt: 'Thời điểm mở thầu mới (giờ Việt Nam)',
  openedAt: 'Thời điểm mở thầu thực tế (giờ Việt Nam)',
  decisionNo: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  decisionAgency: 'Cơ quan ban hành quyết định',
  taxCode: 'Mã số thuế',
  isWinner: 'Kết quả',
  bidPriceVnd: 'Giá dự thầu (đồng)',
  winningPriceVnd: 'Giá trúng thầu (đồng)',
  bidders: 'Nhà thầu',
  notifyNo: 'Số thông báo mời thầu',
  contractNo: 'Số hợp đồng',
  supplierName: 'Tên nhà thầu ký hợp đồng',
  supplierTaxCode: 'Mã số thuế nhà thầu',
  lotNo: 'Số hiệu phần (lô) (nếu có)',
  valueVnd: 'Giá hợp đồng (đồng)',
  signedAt: 'Thời điểm ký hợp đồng (giờ Việt Nam)',
  effectiveAt: 'Thời điểm hợp đồng có hiệu lực (giờ Việt Nam)',
  period: 'Thời gian thực hiện hợp đồng',
  planPackage: 'Gói thầu trong kế hoạch lựa chọn nhà thầu (KHLCNT)',
  planNo: 'Số KHLCNT',
  packageNo: 'Gói thầu trong KHLCNT',
  lots: 'Phần (lô)',
  locations: 'Địa điểm thực hiện',
  agencyCode: 'Đơn vị đăng tải',
  _form: 'Biểu mẫu',
};

/** Labels of the bidder columns of the result and bid-opening forms. */
export const ROW_LABELS: Record<string, string> = {
  name: 'Tên nhà thầu',
  taxCode: 'Mã số thuế',
  isWinner: 'Kết quả',
  bidPriceVnd: 'Giá dự thầu (đồng)',
  winningPriceVnd: 'Giá trúng thầu (đồng)',
  reason: 'Lý do không trúng thầu',
  discountPercent: 'Giảm giá (%)',
  finalPriceVnd: 'Giá dự thầu sau giảm giá (đồng)',
  bidSecurityVnd: 'Bảo đảm dự thầu (đồng)',
  bidValidityDays: 'Hiệu lực hồ sơ dự thầu (ngày)',
};

/** Bidder rows of the result form. */
export const RESULT_ROWS = 6;
const RESULT_BIDDER_FIELDS = [
  'name',
  'taxCode',
  'isWinner',
  'bidPriceVnd',
  'winningPriceVnd',
  'reason',
] as const;

/** The result form (decision + one row per bidder, empty rows skipped) → a `result` payload. */
export function resultFormToPayload(form: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = formToPayload(form, ['decisionNo', 'decisionDate', 'decisionAgency']);
  const bidders: Record<string, unknown>[] = [];
  for (let i = 0; i < RESULT_ROWS; i++) {
    if (!(form[`b${i}_name`] ?? '').trim()) continue;
    const row: Record<string, unknown> = {};
    for (const f of RESULT_BIDDER_FIELDS) {
      const raw = (form[`b${i}_${f}`] ?? '').trim();
      if (raw === '') continue;
      if (f === 'isWinner') row[f] = raw === 'true';
      else if (f === 'bidPriceVnd' || f === 'winningPriceVnd') {
        const digits = raw.replace(/[.\s,_]/g, '');
        row[f] = /^\d+$/.test(digits) ? Number(digits) : raw;
      } else row[f] = raw;
    }
    row.isWinner ??= false;
    bidders.push(row);
  }
  out.bidders = bidders;
  return out;
}

/** A `result` payload → the result form's strings. */
export function resultPayloadToForm(payload: Record<string, unknown>): Record<string, string> {
  const out = payloadToForm(payload);
  const bidders = Array.isArray(payload.bidders) ? (payload.bidders as Record<string, unknown>[]) : [];
  bidders.slice(0, RESULT_ROWS).forEach((b, i) => {
    for (const f of RESULT_BIDDER_FIELDS)
      if (b?.[f] !== undefined && b[f] !== null)
        out[`b${i}_${f}`] = typeof b[f] === 'number' && f.endsWith('Vnd') ? moneyField(b[f]) : String(b[f]);
  });
  return out;
}

/**
 * The result form's bidder rows filled from the bid-opening record: each contractor once (its first
 * lot), with its tax code and its price after discount (else its bid price); winners left to choose.
 */
export function resultFormFromOpening(
  bidders: readonly {
    contractor: { name: string; taxCode: string | null };
    bidPriceVnd: number | null;
    finalPriceVnd: number | null;
  }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  let i = 0;
  for (const b of bidders) {
    const key = b.contractor.taxCode ?? b.contractor.name;
    if (seen.has(key) || i >= RESULT_ROWS) continue;
    seen.add(key);
    out[`b${i}_name`] = b.contractor.name;
    if (b.contractor.taxCode) out[`b${i}_taxCode`] = b.contractor.taxCode;
    const price = b.finalPriceVnd ?? b.bidPriceVnd;
    if (price !== null) out[`b${i}_bidPriceVnd`] = moneyField(price);
    i++;
  }
  return out;
}
