/**
 * The columns of a notice export (CSV and XLSX share them): Vietnamese headers with the unit, money as
 * whole VND numbers, times as Vietnam local time (Asia/Ho_Chi_Minh, UTC+7).
 */
import { FIELDS, labelVi, METHODS, NOTICE_STATES, PROCEDURES } from '../procurement/codes.ts';
import type { ExportRow } from '../procurement/queries/search-export.ts';
import { vnParts } from '../text/time.ts';

/** How a column's value is written: text, a VND amount (number), or a Vietnam local date-time. */
export type ColumnKind = 'text' | 'vnd' | 'datetime';

/** One column of an export. */
export interface ExportColumn {
  key: string;
  /** Vietnamese header (with the unit where there is one). */
  header: string;
  kind: ColumnKind;
  /** Width in characters (XLSX). */
  width: number;
  /** The cell value: text, VND amount, instant (written in Vietnam time), or null for an empty cell. */
  value(row: ExportRow, baseUrl: string): string | number | Date | null;
}

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? null : v ? yes : no);
const orgName = (o: ExportRow['investor']) => o?.name ?? null;

/** The columns, in order. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'notifyNo', header: 'Số TBMT', kind: 'text', width: 16, value: (r) => r.notifyNo },
  { key: 'name', header: 'Tên gói thầu', kind: 'text', width: 60, value: (r) => r.name },
  { key: 'investor', header: 'Chủ đầu tư', kind: 'text', width: 40, value: (r) => orgName(r.investor) },
  {
    key: 'investorCode',
    header: 'Mã chủ đầu tư',
    kind: 'text',
    width: 16,
    value: (r) => r.investor?.code ?? null,
  },
  {
    key: 'procuringEntity',
    header: 'Bên mời thầu',
    kind: 'text',
    width: 40,
    value: (r) => orgName(r.procuringEntity),
  },
  {
    key: 'field',
    header: 'Lĩnh vực',
    kind: 'text',
    width: 14,
    value: (r) => labelVi(FIELDS, r.field) || null,
  },
  {
    key: 'method',
    header: 'Hình thức lựa chọn nhà thầu',
    kind: 'text',
    width: 28,
    value: (r) => labelVi(METHODS, r.method) || null,
  },
  {
    key: 'procedure',
    header: 'Phương thức',
    kind: 'text',
    width: 28,
    value: (r) => labelVi(PROCEDURES, r.procedure) || null,
  },
  {
    key: 'domestic',
    header: 'Trong nước / Quốc tế',
    kind: 'text',
    width: 12,
    value: (r) => yesNo(r.domestic, 'Trong nước', 'Quốc tế'),
  },
  {
    key: 'online',
    header: 'Qua mạng',
    kind: 'text',
    width: 10,
    value: (r) => yesNo(r.online, 'Có', 'Không'),
  },
  { key: 'priceVnd', header: 'Giá gói thầu (VND)', kind: 'vnd', width: 18, value: (r) => r.priceVnd },
  {
    key: 'publishedAt',
    header: 'Ngày đăng tải (giờ Việt Nam)',
    kind: 'datetime',
    width: 17,
    value: (r) => r.publishedAt,
  },
  {
    key: 'bidCloseAt',
    header: 'Thời điểm đóng thầu (giờ Việt Nam)',
    kind: 'datetime',
    width: 17,
    value: (r) => r.bidCloseAt,
  },
  {
    key: 'resultPublishedAt',
    header: 'Ngày đăng kết quả (giờ Việt Nam)',
    kind: 'datetime',
    width: 17,
    value: (r) => r.resultPublishedAt,
  },
  {
    key: 'state',
    header: 'Trạng thái',
    kind: 'text',
    width: 22,
    value: (r) => labelVi(NOTICE_STATES, r.state) || r.state,
  },
  {
    key: 'provinces',
    header: 'Tỉnh/thành phố',
    kind: 'text',
    width: 20,
    value: (r) => r.provinces.join('; ') || null,
  },
  {
    key: 'demo',
    header: 'Dữ liệu minh họa',
    kind: 'text',
    width: 10,
    value: (r) => (r.isDemo ? 'Minh họa' : null),
  },
  {
    key: 'url',
    header: 'Liên kết',
    kind: 'text',
    width: 40,
    value: (r, base) => `${base}/tbmt/${encodeURIComponent(r.notifyNo)}`,
  },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as Vietnam local `YYYY-MM-DD HH:mm` (what CSV cells hold; Excel reads it as a date). */
export function vnLocalText(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The same instant shifted so that its UTC fields are the Vietnam local ones: spreadsheet files store
 * date-times without a zone, and exceljs writes a Date's UTC fields.
 */
export function vnLocalForSpreadsheet(at: Date): Date {
  return new Date(at.getTime() + 7 * 3_600_000);
}
