/**
 * The Excel template (.xlsx) an agency downloads to prepare a plan (KHLCNT) offline: an instruction
 * sheet, the plan sheet, the packages sheet with drop-down lists (Vietnamese labels of
 * src/procurement/codes.ts) and VND number formats. Written with exceljs.
 */
import ExcelJS from 'exceljs';
import {
  FIRST_PACKAGE_ROW,
  PACKAGE_COLUMNS,
  PACKAGE_ROWS,
  PLAN_ROWS,
  SHEET_HELP,
  SHEET_LISTS,
  SHEET_PACKAGES,
  SHEET_PLAN,
} from './excel-layout.ts';
import { MAX_PACKAGES } from './input.ts';

const HELP_LINES = [
  'MẪU ĐĂNG TẢI KẾ HOẠCH LỰA CHỌN NHÀ THẦU (KHLCNT) — minhbach',
  'Template for publishing a contractor-selection plan (KHLCNT) on minhbach.',
  '',
  '1. Điền thông tin kế hoạch vào cột B của trang “Kế hoạch” (dòng 2–9).',
  '2. Mỗi gói thầu một dòng trên trang “Gói thầu”, bắt đầu từ dòng 2; không đổi tên trang, không đổi dòng tiêu đề.',
  '3. Các cột Lĩnh vực, Hình thức, Phương thức, Loại hợp đồng, Trong nước/Quốc tế, Qua mạng và Đơn vị thời gian: chọn từ danh sách.',
  '4. Giá gói thầu: số tiền VND, chỉ gồm chữ số (ví dụ 1250000000).',
  '5. Thời gian bắt đầu tổ chức LCNT: “Quý 2/2026” hoặc “Tháng 5/2026”.',
  `6. Tối đa ${MAX_PACKAGES} gói thầu; tệp .xlsx, tối đa 2 MB.`,
  '7. Tải tệp lên tại /dang-tai/khlcnt: minhbach kiểm tra từng ô, liệt kê mọi lỗi (trang, ô, cột) và chưa lưu gì cho đến khi bạn xác nhận đăng tải.',
  '8. KHLCNT phải đăng tải trong 5 ngày làm việc kể từ ngày phê duyệt (Luật Đấu thầu 22/2023, Điều 8.4); đăng muộn vẫn được nhận nhưng được ghi là muộn.',
  '9. KHLCNT đã đăng tải không sửa được: muốn điều chỉnh, đăng tải phiên bản mới (01, 02…) cùng Số KHLCNT.',
];

/** The template as an .xlsx file (bytes). */
export async function planTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'minhbach';
  wb.created = new Date(0);

  const help = wb.addWorksheet(SHEET_HELP);
  help.getColumn(1).width = 120;
  HELP_LINES.forEach((line, i) => {
    help.getCell(i + 1, 1).value = line;
  });
  help.getCell(1, 1).font = { bold: true, size: 14 };

  const plan = wb.addWorksheet(SHEET_PLAN);
  plan.columns = [{ width: 34 }, { width: 50 }, { width: 80 }];
  plan.getRow(1).values = ['Thông tin', 'Giá trị', 'Ghi chú'];
  plan.getRow(1).font = { bold: true };
  for (const r of PLAN_ROWS) {
    plan.getCell(r.row, 1).value = r.required ? `${r.label} *` : r.label;
    plan.getCell(r.row, 3).value = r.note;
    if (r.key === 'decisionDate') plan.getCell(r.row, 2).numFmt = 'dd/mm/yyyy';
    if (r.key === 'version' || r.key === 'planNo' || r.key === 'investorCode')
      plan.getCell(r.row, 2).numFmt = '@';
  }

  const lists = wb.addWorksheet(SHEET_LISTS, { state: 'hidden' });
  const pk = wb.addWorksheet(SHEET_PACKAGES, { views: [{ state: 'frozen', ySplit: 1 }] });
  pk.getRow(1).values = PACKAGE_COLUMNS.map((c) => c.header);
  pk.getRow(1).font = { bold: true };
  const last = FIRST_PACKAGE_ROW + PACKAGE_ROWS - 1;
  PACKAGE_COLUMNS.forEach((c, i) => {
    const col = pk.getColumn(c.letter);
    col.width = c.width;
    if (c.numFmt)
      for (let r = FIRST_PACKAGE_ROW; r <= last; r++) pk.getCell(`${c.letter}${r}`).numFmt = c.numFmt;
    if (c.key === 'bidNo')
      for (let r = FIRST_PACKAGE_ROW; r <= last; r++) pk.getCell(`${c.letter}${r}`).numFmt = '@';
    if (!c.list) return;
    const listCol = i + 1;
    lists.getCell(1, listCol).value = c.header;
    c.list.forEach((v, j) => {
      lists.getCell(j + 2, listCol).value = v;
    });
    const listLetter = lists.getColumn(listCol).letter;
    // exceljs types lack `dataValidations.add` for ranges; it exists at runtime (worksheet model).
    (
      pk as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${c.letter}${FIRST_PACKAGE_ROW}:${c.letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${SHEET_LISTS}'!$${listLetter}$2:$${listLetter}$${c.list.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'error',
      errorTitle: c.header,
      error: `Chọn một giá trị trong danh sách (${c.header}).`,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
