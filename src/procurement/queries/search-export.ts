/**
 * Reading a whole result set for the exports (CSV, XLSX) and the Atom feed: the ordered ids of the
 * search first (integers only, at most the row limit), then the rows in batches, so memory holds one
 * batch of rows at a time whatever the size of the result.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import {
  fromIndex,
  toNoticeRow,
  withNoticeColumns,
  type NoticeColumns,
  type NoticeRow,
} from './notice-rows.ts';
import type { SearchParams, SearchSort } from './search-params.ts';
import { provinceNames, searchIds } from './search.ts';

/** Most rows one export holds (CSV, XLSX); documented in docs/search.md and on the search page. */
export const EXPORT_ROW_LIMIT = 50_000;
/** Rows read from the database at a time. */
export const EXPORT_BATCH_SIZE = 500;

/** A notice in an export: the list row and the other filter columns of the index. */
export interface ExportRow extends NoticeRow {
  procedure: string | null;
  /** true domestic, false international, null not published. */
  domestic: boolean | null;
  /** true online (qua mạng), false offline, null not published. */
  online: boolean | null;
  /** Province names (else codes) of its places. */
  provinces: string[];
}

/** An export being read: how many rows it has, whether the limit cut it, and the rows in order. */
export interface SearchExport {
  /** Rows that `rows` yields (at most the limit). */
  count: number;
  /** True when the search has more results than the limit. */
  truncated: boolean;
  sort: SearchSort;
  /** The moment that decided open vs closed. */
  now: Date;
  rows: AsyncGenerator<ExportRow>;
}

/**
 * Opens the export of the results of `params` in their order (`page`/`pageSize` ignored), at most
 * `limit` rows, read `batchSize` at a time.
 */
export async function openSearchExport(
  db: Kysely<DB>,
  params: SearchParams,
  limit: number = EXPORT_ROW_LIMIT,
  batchSize: number = EXPORT_BATCH_SIZE,
): Promise<SearchExport> {
  const { ids, truncated, now, sort } = await searchIds(db, params, limit);
  const names = new Map<string, string>();
  async function* rows(): AsyncGenerator<ExportRow> {
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize);
      const read = await withNoticeColumns(fromIndex(db).where('s.tbmt_id', 'in', batch))
        .select(['s.procedure', 's.is_domestic', 's.is_internet', 's.province_codes'])
        .execute();
      const missing = [...new Set(read.flatMap((r) => r.province_codes))].filter((c) => !names.has(c));
      for (const [code, name] of await provinceNames(db, missing)) names.set(code, name);
      const byId = new Map(read.map((r) => [Number(r.tbmt_id), r]));
      for (const id of batch) {
        const r = byId.get(id);
        if (!r) continue;
        yield {
          ...toNoticeRow(r as NoticeColumns, now),
          procedure: r.procedure,
          domestic: r.is_domestic,
          online: r.is_internet,
          provinces: r.province_codes.map((c) => names.get(c) ?? c),
        };
      }
    }
  }
  return { count: ids.length, truncated, sort, now, rows: rows() };
}
