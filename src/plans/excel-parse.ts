/**
 * Reading a filled plan template (.xlsx) cell by cell. Every problem names its sheet, cell (column
 * letter + row), column header and what is wrong — `Gói thầu!F7 (Giá gói thầu): Không phải số …`.
 * The values are checked by the same `checkPlanInput` as the API and the form; its JSON pointers are
 * mapped back to cells. Nothing here writes anything.
 */
import ExcelJS from 'exceljs';
import { FIRST_PACKAGE_ROW, PACKAGE_COLUMNS, PLAN_ROWS, SHEET_PACKAGES, SHEET_PLAN } from './excel-layout.ts';
import { checkPlanInput, MAX_PACKAGES, type PlanInput } from './input.ts';

/** One problem of an uploaded workbook, located to a cell. */
export interface CellError {
  sheet: string;
  /** Cell address, e.g. `F7`. */
  cell: string;
  /** Header of the column (packages) or label of the row (plan). */
  header: string;
  messageVi: string;
  messageEn: string;
}

/** The plan read from a workbook, or every cell error. */
export type ParsedWorkbook = { ok: true; plan: PlanInput } | { ok: false; errors: CellError[] };

/** The file is not a readable .xlsx workbook at all (the page says so; nothing is checked). */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/** `CellError` as one line: `Gói thầu!F7 (Giá gói thầu): Không phải số…`. */
export function cellErrorText(e: CellError): string {
  return `${e.sheet}!${e.cell} (${e.header}): ${e.messageVi}`;
}

type Cell = string | number | boolean | null;

/** The value of a cell as text/number/boolean: rich text joined, formulas by their cached result. */
function valueOf(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10); // date cells are UTC midnight of the day
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return valueOf({ value: o.result } as ExcelJS.Cell);
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return `#${String(o.error)}`;
  }
  return String(v);
}

/**
 * Reads and checks a filled template.
 * @param today the current day in Vietnam (`YYYY-MM-DD`), for the approval date check.
 * @throws WorkbookError when `bytes` is not an .xlsx file, is corrupt, or lacks the template's sheets.
 */
export async function parsePlanWorkbook(bytes: Buffer, today: string): Promise<ParsedWorkbook> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new WorkbookError(
      'The file is not an .xlsx workbook.',
      'Tệp không phải bảng tính Excel .xlsx (hãy dùng mẫu tải về từ minhbach và lưu dạng .xlsx).',
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError(
      'The .xlsx file is damaged and cannot be read.',
      'Tệp .xlsx bị hỏng, không đọc được. Hãy lưu lại tệp bằng Excel rồi tải lên lại.',
    );
  }
  const planSheet = wb.getWorksheet(SHEET_PLAN);
  const pkSheet = wb.getWorksheet(SHEET_PACKAGES);
  if (!planSheet || !pkSheet) {
    throw new WorkbookError(
      `The workbook lacks the sheet "${!planSheet ? SHEET_PLAN : SHEET_PACKAGES}" of the template.`,
      `Bảng tính không có trang “${!planSheet ? SHEET_PLAN : SHEET_PACKAGES}” của mẫu. Hãy dùng mẫu tải về từ minhbach, không đổi tên các trang.`,
    );
  }

  const errors: CellError[] = [];
  const where = new Map<string, { sheet: string; cell: string; header: string }>();
  // Headers must be the template's: a shifted column would put every value in the wrong field.
  for (const c of PACKAGE_COLUMNS) {
    const got = valueOf(pkSheet.getCell(`${c.letter}1`));
    if (
      String(got ?? '')
        .normalize('NFC')
        .trim() !== c.header
    ) {
      errors.push({
        sheet: SHEET_PACKAGES,
        cell: `${c.letter}1`,
        header: c.header,
        messageVi: `Tiêu đề cột phải là “${c.header}” như trong mẫu.`,
        messageEn: `Column header must be "${c.header}" as in the template.`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const input: Record<string, unknown> = {};
  for (const r of PLAN_ROWS) {
    const v = valueOf(planSheet.getCell(r.row, 2));
    // A version typed as a number (1) means "01": Excel drops the leading zero.
    input[r.key] =
      r.key === 'version' && typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100
        ? String(v).padStart(2, '0')
        : v;
    where.set(`/${r.key}`, { sheet: SHEET_PLAN, cell: `B${r.row}`, header: r.label });
  }
  const packages: Record<string, unknown>[] = [];
  const lastRow = pkSheet.actualRowCount > 0 ? pkSheet.rowCount : 0;
  for (let row = FIRST_PACKAGE_ROW; row <= lastRow; row++) {
    const p: Record<string, unknown> = {};
    let any = false;
    for (const c of PACKAGE_COLUMNS) {
      const v = valueOf(pkSheet.getCell(`${c.letter}${row}`));
      if (v !== null && String(v).trim() !== '') any = true;
      p[c.key] = v;
    }
    if (!any) continue; // empty rows between packages are allowed
    if (packages.length === MAX_PACKAGES) {
      errors.push({
        sheet: SHEET_PACKAGES,
        cell: `A${row}`,
        header: 'Gói thầu',
        messageVi: `Quá ${MAX_PACKAGES} gói thầu.`,
        messageEn: `More than ${MAX_PACKAGES} packages.`,
      });
      break;
    }
    const i = packages.length;
    packages.push(p);
    where.set(`/packages/${i}`, { sheet: SHEET_PACKAGES, cell: `A${row}`, header: `dòng ${row}` });
    for (const c of PACKAGE_COLUMNS) {
      where.set(`/packages/${i}/${c.key}`, {
        sheet: SHEET_PACKAGES,
        cell: `${c.letter}${row}`,
        header: c.header,
      });
    }
  }
  input.packages = packages;
  where.set('/packages', { sheet: SHEET_PACKAGES, cell: `A${FIRST_PACKAGE_ROW}`, header: 'Gói thầu' });
  if (errors.length > 0) return { ok: false, errors };

  const checked = checkPlanInput(input, today);
  if (checked.ok) return checked;
  return {
    ok: false,
    errors: checked.errors.map((e) => ({
      ...(where.get(e.path) ?? { sheet: SHEET_PLAN, cell: 'A1', header: e.path }),
      messageVi: e.messageVi,
      messageEn: e.messageEn,
    })),
  };
}
