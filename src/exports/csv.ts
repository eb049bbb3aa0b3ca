/**
 * CSV export of notices, streamed: UTF-8 with a byte-order mark (so Excel opens Vietnamese text
 * right), a header row of `EXPORT_COLUMNS`, RFC 4180 quoting by `csv-stringify`. VND amounts are plain
 * integers; times are Vietnam local `YYYY-MM-DD HH:mm`.
 */
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ExportRow } from '../procurement/queries/search-export.ts';
import { EXPORT_COLUMNS, vnLocalText } from './columns.ts';

/**
 * A readable stream of the CSV of `rows` (read as the stream is consumed). An error while reading the
 * rows destroys the stream with that error.
 */
export function csvStream(rows: AsyncIterable<ExportRow>, baseUrl: string): Readable {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: EXPORT_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    record_delimiter: 'windows',
  });
  async function* records() {
    for await (const row of rows) {
      const rec: Record<string, string | number | null> = {};
      for (const c of EXPORT_COLUMNS) {
        const v = c.value(row, baseUrl);
        rec[c.key] = v instanceof Date ? vnLocalText(v) : v;
      }
      yield rec;
    }
  }
  pipeline(Readable.from(records()), stringifier, () => {});
  return stringifier;
}
