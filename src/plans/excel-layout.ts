/**
 * The layout of the Excel template of a plan (KHLCNT), defined once for the template writer and the
 * upload parser: sheet names, the plan's rows and the packages' columns with their input keys.
 */
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES, type CodeEntry } from '../procurement/codes.ts';

export const SHEET_HELP = 'Hướng dẫn';
export const SHEET_PLAN = 'Kế hoạch';
export const SHEET_PACKAGES = 'Gói thầu';
/** Hidden sheet holding the lists that the drop-downs refer to. */
export const SHEET_LISTS = 'Danh mục';

/** First data row of the packages sheet (row 1 holds the headers). */
export const FIRST_PACKAGE_ROW = 2;
/** Rows of the packages sheet that carry drop-downs and formats (= MAX_PACKAGES). */
export const PACKAGE_ROWS = 500;

/** A row of the plan sheet: label in column A, value in column B, note in column C. */
export interface PlanRow {
  key: string;
  row: number;
  label: string;
  note: string;
  required: boolean;
}

export const PLAN_ROWS: PlanRow[] = [
  {
    key: 'planNo',
    row: 2,
    label: 'Số KHLCNT',
    note: 'PL + 10 chữ số, nếu đã có trên Hệ thống mạng đấu thầu quốc gia; để trống để minhbach cấp số.',
    required: false,
  },
  {
    key: 'version',
    row: 3,
    label: 'Phiên bản',
    note: '00 cho lần đăng tải đầu; 01, 02… cho bản điều chỉnh (ghi cả Số KHLCNT).',
    required: false,
  },
  { key: 'name', row: 4, label: 'Tên KHLCNT', note: 'Bắt buộc.', required: true },
  { key: 'projectName', row: 5, label: 'Tên dự án / dự toán mua sắm', note: 'Bắt buộc.', required: true },
  {
    key: 'investorCode',
    row: 6,
    label: 'Mã chủ đầu tư',
    note: 'Mã đơn vị trên minhbach: đơn vị của bạn hoặc đơn vị trực thuộc.',
    required: true,
  },
  {
    key: 'decisionNo',
    row: 7,
    label: 'Số quyết định phê duyệt',
    note: 'Bắt buộc, ví dụ 123/QĐ-UBND.',
    required: true,
  },
  {
    key: 'decisionDate',
    row: 8,
    label: 'Ngày phê duyệt',
    note: 'dd/mm/yyyy. Hạn đăng tải: 5 ngày làm việc sau ngày phê duyệt.',
    required: true,
  },
  { key: 'decisionAgency', row: 9, label: 'Cơ quan phê duyệt', note: 'Bắt buộc.', required: true },
];

/** A column of the packages sheet. */
export interface PackageColumn {
  key: string;
  letter: string;
  header: string;
  width: number;
  /** Drop-down values (Vietnamese labels). */
  list?: readonly string[];
  /** Excel number format. */
  numFmt?: string;
}

const labels = (t: readonly CodeEntry[]) => t.map((e) => e.vi);

/** Labels of the two flags and the period unit, as the drop-downs offer them. */
export const DOMESTIC_LABELS = ['Trong nước', 'Quốc tế'] as const;
export const INTERNET_LABELS = ['Qua mạng', 'Không qua mạng'] as const;
export const UNIT_LABELS = ['ngày', 'tháng', 'năm'] as const;

export const PACKAGE_COLUMNS: PackageColumn[] = [
  { key: 'bidNo', letter: 'A', header: 'Số gói thầu', width: 16 },
  { key: 'name', letter: 'B', header: 'Tên gói thầu', width: 40 },
  { key: 'field', letter: 'C', header: 'Lĩnh vực', width: 14, list: labels(FIELDS) },
  { key: 'method', letter: 'D', header: 'Hình thức lựa chọn nhà thầu', width: 30, list: labels(METHODS) },
  { key: 'procedure', letter: 'E', header: 'Phương thức', width: 28, list: labels(PROCEDURES) },
  { key: 'priceVnd', letter: 'F', header: 'Giá gói thầu', width: 20, numFmt: '#,##0 "₫"' },
  { key: 'funding', letter: 'G', header: 'Nguồn vốn', width: 24 },
  { key: 'contractType', letter: 'H', header: 'Loại hợp đồng', width: 24, list: labels(CONTRACT_TYPES) },
  { key: 'isDomestic', letter: 'I', header: 'Trong nước / Quốc tế', width: 16, list: DOMESTIC_LABELS },
  { key: 'isInternet', letter: 'J', header: 'Qua mạng', width: 16, list: INTERNET_LABELS },
  { key: 'selectionStart', letter: 'K', header: 'Thời gian bắt đầu tổ chức LCNT', width: 22 },
  { key: 'contractPeriod', letter: 'L', header: 'Thời gian thực hiện hợp đồng', width: 14, numFmt: '0' },
  { key: 'contractPeriodUnit', letter: 'M', header: 'Đơn vị thời gian', width: 12, list: UNIT_LABELS },
];
