/**
 * XLSX export of notices, streamed with exceljs's `WorkbookWriter` (each row committed as it is
 * written, never the whole sheet in memory): sheet “Kết quả” with a header row of `EXPORT_COLUMNS`,
 * VND amounts as numbers (`#,##0`), times as Vietnam local date-times; sheet “Thông tin” says what
 * the file holds (search, time, row count, the row limit and whether it cut the result).
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportRow } from '../procurement/queries/search-export.ts';
import { EXPORT_COLUMNS, vnLocalForSpreadsheet, vnLocalText } from './columns.ts';

/** What the “Thông tin” sheet says, as label → value rows. */
export type ExportInfo = [string, string | number][];

/**
 * A readable stream of the XLSX file of `rows`, then `info()` (called after the last row, so it can
 * report the number written). An error while reading destroys the stream with that error.
 */
export function xlsxStream(
  rows: AsyncIterable<ExportRow>,
  baseUrl: string,
  info: (written: number) => ExportInfo,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'minhbach';
  const write = async () => {
    const sheet = workbook.addWorksheet('Kết quả', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      width: c.width,
      style:
        c.kind === 'vnd' ? { numFmt: '#,##0' } : c.kind === 'datetime' ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let written = 0;
    for await (const row of rows) {
      const values: Record<string, string | number | Date | null> = {};
      for (const c of EXPORT_COLUMNS) {
        const v = c.value(row, baseUrl);
        values[c.key] = v instanceof Date ? vnLocalForSpreadsheet(v) : v;
      }
      sheet.addRow(values).commit();
      written++;
    }
    sheet.commit();
    const about = workbook.addWorksheet('Thông tin');
    about.columns = [{ width: 34 }, { width: 90 }];
    for (const [label, value] of info(written)) about.addRow([label, value]).commit();
    about.addRow(['Tạo lúc (giờ Việt Nam)', vnLocalText(new Date())]).commit();
    about.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
