/**
 * Import of agencies from a CSV file (as exported from Excel): one agency per row, by code.
 *
 * Columns (header row, any order, case-insensitive): `code`, `name`, `kind` required;
 * `parent_code`, `valid_from`, `valid_to`, `successor_code`, `name_en` optional. Separator `,` or
 * `;`; UTF-8 with or without BOM; dates `YYYY-MM-DD` or `DD/MM/YYYY`.
 *
 * Transactions: every row is checked first (fields, duplicates, references to agencies in the
 * database or in valid rows of the file, loops in the hierarchy); each bad row is reported with its
 * line and column and left out, together with rows that depend on it; then all valid rows are
 * written in ONE transaction (a crash writes nothing; rows may name parents defined further down),
 * in chunks of multi-row statements (`saveAgencies`; references and loops are resolved in memory).
 * Importing the same file again changes nothing (every row `unchanged`). 100,000 rows take seconds
 * (`npm run bench:agency-import`).
 */
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { checkAgencyInput, type AgencyFields } from './agencies.ts';
import { saveAgencies, type BatchProgress } from './agency-batch.ts';
import { AccountError } from './errors.ts';

/** Columns a file may have; the first three are required. */
export const AGENCY_CSV_COLUMNS = [
  'code',
  'name',
  'kind',
  'parent_code',
  'valid_from',
  'valid_to',
  'successor_code',
  'name_en',
] as const;
const REQUIRED = ['code', 'name', 'kind'];

/** A row (or the file, line 0/1) that was not imported. */
export interface CsvRowError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** Column concerned, or null for the whole row/file. */
  column: string | null;
  message: string;
  messageVi: string;
}

/** What an import did. */
export interface AgencyCsvResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: CsvRowError[];
}

interface Row {
  line: number;
  fields: AgencyFields;
}

/** Options of {@link importAgencyCsv}. */
export interface AgencyCsvOptions {
  /** Called after each chunk of rows written (rows written so far, valid rows in all). */
  onProgress?: BatchProgress;
}

/**
 * Imports the agencies of CSV `text` into `db` as `actor`; see the file comment for columns and
 * transactions. Never throws for bad content: it is all in `errors` (a malformed file — unclosed quote,
 * missing required column — is one error at its line, and nothing is written).
 */
export async function importAgencyCsv(
  db: Kysely<DB>,
  text: string,
  actor: string,
  opts: AgencyCsvOptions = {},
): Promise<AgencyCsvResult> {
  const result: AgencyCsvResult = { rows: 0, created: 0, updated: 0, unchanged: 0, errors: [] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [',', ';'],
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    result.errors.push({
      line: e.lines ?? 0,
      column: null,
      message: `not a readable CSV file: ${String(e.message).slice(0, 200)}`,
      messageVi: `Không đọc được tệp CSV: ${String(e.message).slice(0, 200)}`,
    });
    return result;
  }
  const header = records.length > 0 ? Object.keys(records[0]!.record) : [];
  if (records.length === 0) {
    result.errors.push({
      line: 1,
      column: null,
      message: 'the file has no data rows',
      messageVi: 'Tệp không có dòng dữ liệu nào.',
    });
    return result;
  }
  const unknown = header.filter((h) => !(AGENCY_CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    const what = [
      ...missing.map((c) => `missing column "${c}"`),
      ...unknown.map((c) => `unknown column "${c}"`),
    ];
    const whatVi = [...missing.map((c) => `thiếu cột “${c}”`), ...unknown.map((c) => `cột lạ “${c}”`)];
    result.errors.push({
      line: 1,
      column: missing[0] ?? unknown[0] ?? null,
      message: `header: ${what.join(', ')}; columns are ${AGENCY_CSV_COLUMNS.join(', ')}`,
      messageVi: `Dòng tiêu đề: ${whatVi.join(', ')}; các cột là ${AGENCY_CSV_COLUMNS.join(', ')}.`,
    });
    return result;
  }

  // 1. Each row on its own.
  const valid = new Map<string, Row>();
  for (const { record, info } of records) {
    result.rows++;
    const line = info.lines;
    try {
      const fields = checkAgencyInput({
        code: record.code,
        name: record.name,
        kind: record.kind,
        parentCode: record.parent_code,
        validFrom: record.valid_from,
        validTo: record.valid_to,
        successorCode: record.successor_code,
        nameEn: record.name_en,
      });
      const first = valid.get(fields.code);
      if (first) {
        result.errors.push(
          rowError(
            line,
            'code',
            `code "${fields.code}" is already on line ${first.line}`,
            `mã “${fields.code}” đã có ở dòng ${first.line}`,
          ),
        );
        continue;
      }
      valid.set(fields.code, { line, fields });
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      result.errors.push(rowError(line, err.field, err.message, err.messageVi));
    }
  }

  // 2. References: to agencies in the database or to valid rows; repeat while removals cascade.
  const stored = await storedParents(db);
  // Each pass drops every row whose reference is missing; passes repeat while drops cascade.
  const dropUnresolved = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const [code, row] of valid) {
        const missing = (
          [
            ['parent_code', row.fields.parentCode],
            ['successor_code', row.fields.successorCode],
          ] as const
        ).find(([, ref]) => ref && !valid.has(ref) && !stored.has(ref));
        if (!missing) continue;
        const [column, ref] = missing;
        result.errors.push(
          rowError(
            row.line,
            column,
            `no agency "${ref}" in the database or in a valid row of the file`,
            `không có đơn vị “${ref}” trong cơ sở dữ liệu hay ở một dòng hợp lệ của tệp`,
          ),
        );
        valid.delete(code);
        changed = true;
      }
    }
  };
  dropUnresolved();

  // 3. Loops in the hierarchy as it would be after the import, however long: each chain of parents
  // is walked once (on the current walk → a loop closes; finished → known to end at a root).
  const parentOf = (code: string) =>
    valid.has(code) ? valid.get(code)!.fields.parentCode : (stored.get(code) ?? null);
  const walked = new Map<string, 'walking' | 'done'>();
  const looping: Row[] = [];
  for (const start of valid.keys()) {
    const path: string[] = [];
    let at: string | null = start;
    while (at && !walked.has(at)) {
      walked.set(at, 'walking');
      path.push(at);
      at = parentOf(at);
    }
    if (at && walked.get(at) === 'walking') {
      for (const code of path.slice(path.indexOf(at))) {
        const row = valid.get(code);
        if (row) looping.push(row);
      }
    }
    for (const code of path) walked.set(code, 'done');
  }
  for (const row of looping) {
    valid.delete(row.fields.code);
    result.errors.push(
      rowError(
        row.line,
        'parent_code',
        `"${row.fields.parentCode}" leads back to "${row.fields.code}": the hierarchy would loop`,
        `“${row.fields.parentCode}” dẫn ngược về “${row.fields.code}”: cây đơn vị sẽ bị vòng lặp`,
      ),
    );
  }
  // Rows under (or succeeded by) a looping row have lost their reference too.
  if (looping.length > 0) dropUnresolved();

  // 4. One transaction for every valid row, written in chunks.
  const rows = [...valid.values()].sort((a, b) => a.line - b.line).map((r) => r.fields);
  const counts = await db.transaction().execute((tx) => saveAgencies(tx, rows, actor, opts.onProgress));
  result.created += counts.created;
  result.updated += counts.updated;
  result.unchanged += counts.unchanged;
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}

/** Every stored agency's code → its parent's code (null at the top). */
async function storedParents(db: Kysely<DB>): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('org')
    .select(['code', 'parent_code'])
    .where('unit_kind', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.code, r.parent_code]));
}

function rowError(line: number, column: string | null, message: string, messageVi: string): CsvRowError {
  return { line, column, message, messageVi };
}
