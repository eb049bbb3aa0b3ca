/** The outcome of an import and its text summary. */
import type { SaveCounts } from '../../procurement/save.ts';
import { KIND_LABELS, type FileKind } from './types.ts';

/** What happened to one input file. */
export interface FileOutcome {
  /** Name as shown: `api/ib2600077452_kqlcnt.json` (folder name first) or the path as given. */
  file: string;
  /** Kind recognised from the content, or null when it was not recognised. */
  kind: FileKind | null;
  /** imported: everything in it saved; skipped: valid but nothing to import; failed: see `reason`. */
  status: 'imported' | 'skipped' | 'failed';
  reason?: string;
  /** Notices saved from this file. */
  notices: string[];
  /**
   * For files holding several notices (tbyt tenders/bidders): the notices that could not be saved
   * (`file#IB…`) and the rows that could not be read (JSON pointer `/tenders/5/notifyNo`).
   */
  failures: { label: string; reason: string }[];
}

/** A value offered by a source that differs from the stored one (kept), summarised per column. */
export interface ConflictSummary {
  /** `table.column`, e.g. `tbmt_version.price_vnd`. */
  column: string;
  count: number;
  /** One example: `IB2600022089: stored 88698500000, offered 95300000000 (api/…_search.json)`. */
  example: string;
}

/** Distinct rows of one table written by an import. */
export interface RowChanges {
  /** Rows created by this import. */
  created: number;
  /** Rows that existed before this import and were filled in by it (fill-only merge). */
  updated: number;
}

/** Summary of `importMuasamcong()`. */
export interface ImportReport {
  filesRead: number;
  imported: number;
  skipped: number;
  failed: number;
  /** Every file in the order read (paths that could not be read first). */
  files: FileOutcome[];
  /** Not failures: e.g. a symbolic-link loop in a folder, reported once and not followed. */
  warnings: { path: string; reason: string }[];
  /** Distinct notices saved. */
  notices: number;
  /** Of them, notices this import created. */
  noticesCreated: number;
  /** Of them, notices stored before this import that it changed (rows added or filled in). */
  noticesUpdated: number;
  /**
   * Per table and per save: created, filled in (updated), already as given (unchanged). A row one
   * file creates and a later file fills in counts in both; see `changes` for distinct rows.
   */
  byEntity: Record<string, SaveCounts>;
  /** Per table, distinct rows this import created, and rows stored before it that it filled in. */
  changes: Record<string, RowChanges>;
  conflicts: ConflictSummary[];
  /** Source fields or values that could not be mapped → number of records they occurred in. */
  unmapped: Record<string, number>;
  /** Source fields not mapped → the first file they occurred in. */
  unmappedExamples: Record<string, string>;
}

/** Where the import wrote, for the summary. */
export interface ReportContext {
  database?: { kind: 'pglite' | 'postgres'; location: string };
  /** The database held demo data before the import. */
  demo?: boolean;
}

/** Tables in the order of a notice's story, with what they hold in plain words (vi / en). */
const TABLE_WORDS: readonly [string, string][] = [
  ['tbmt', 'gói thầu (thông báo mời thầu) / notices'],
  ['package', 'thông tin gói thầu / package records'],
  ['khlcnt', 'kế hoạch lựa chọn nhà thầu / procurement plans'],
  ['tbmt_version', 'phiên bản thông báo / notice versions'],
  ['tbmt_location', 'địa điểm thực hiện / places'],
  ['tbmt_lot', 'phần (lô) / lots'],
  ['tbmt_extension', 'gia hạn / extensions'],
  ['tbmt_cancellation', 'hủy thầu / cancellations'],
  ['bid_opening', 'biên bản mở thầu / bid openings'],
  ['bid_opening_bidder', 'nhà thầu tham dự / opening bidders'],
  ['kqlcnt', 'kết quả lựa chọn nhà thầu / results'],
  ['kqlcnt_bidder', 'nhà thầu trong kết quả / result bidders'],
  ['kqlcnt_item', 'hàng hóa trúng thầu / awarded goods items'],
  ['contract', 'hợp đồng / contracts'],
  ['org', 'tổ chức (chủ đầu tư, bên mời thầu, nhà thầu) / organisations'],
];

/** At most this many failed files are listed one by one. */
const MAX_LISTED = 40;

/**
 * Renders the report as plain text for stdout, Vietnamese first and English second: the database
 * written to, the files that failed (each with its reason) and those skipped, then the counts — files,
 * notices new / updated / unchanged, rows created and filled in per kind of record — conflicts,
 * unmapped source fields with an example file, and a last line saying whether anything changed.
 */
export function formatReport(r: ImportReport, ctx: ReportContext = {}): string {
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title);
  if (ctx.database) {
    const kind = ctx.database.kind === 'pglite' ? 'PGlite (nhúng / embedded)' : 'PostgreSQL';
    lines.push(`Cơ sở dữ liệu / database: ${kind}, ${ctx.database.location}`);
  }
  if (ctx.demo) {
    lines.push(
      'Cảnh báo: cơ sở dữ liệu này có dữ liệu minh họa; gói thầu thật được trộn lẫn với chúng.',
      'warning: this database holds the demo dataset; the real notices are mixed with it.',
    );
  }

  const failed = r.files.filter((f) => f.status === 'failed');
  if (failed.length > 0) {
    section(`Tệp không nhập được / files that failed (${failed.length}):`);
    for (const f of failed.slice(0, MAX_LISTED)) {
      lines.push(`  ${f.file}: ${f.reason ?? ''}`);
      for (const u of f.failures.slice(0, 20)) lines.push(`    ${shortLabel(u.label, f.file)}: ${u.reason}`);
      if (f.failures.length > 20) lines.push(`    … ${f.failures.length - 20} nữa / more`);
    }
    if (failed.length > MAX_LISTED) lines.push(`  … ${failed.length - MAX_LISTED} tệp nữa / more files`);
  }
  const skipped = r.files.filter((f) => f.status === 'skipped');
  if (skipped.length > 0) {
    section(`Tệp bỏ qua, không có gì để nhập / files skipped, nothing to import (${skipped.length}):`);
    const byReason = new Map<string, string[]>();
    for (const f of skipped) byReason.set(f.reason ?? '', [...(byReason.get(f.reason ?? '') ?? []), f.file]);
    for (const [reason, files] of byReason) {
      lines.push(
        files.length === 1
          ? `  ${files[0]}: ${reason}`
          : `  ${reason}: ${files.length} tệp / files, ví dụ / e.g. ${files[0]}`,
      );
    }
  }
  if (r.warnings.length > 0) {
    section('Cảnh báo / warnings:');
    for (const w of r.warnings) lines.push(`  ${w.path}: ${w.reason}`);
  }

  section(
    `Tệp / files: ${r.filesRead} đã đọc / read, ${r.imported} đã nhập / imported, ` +
      `${r.skipped} bỏ qua / skipped, ${r.failed} lỗi / failed`,
  );
  const unchanged = r.notices - r.noticesCreated - r.noticesUpdated;
  lines.push(
    `Gói thầu / notices: ${r.notices} — ${r.noticesCreated} mới / new, ${r.noticesUpdated} cập nhật / updated, ` +
      `${unchanged} không đổi / unchanged`,
  );
  const tables = rowTables(r.changes);
  if (tables.length > 0) {
    const width = Math.max(...tables.map(([, words]) => words.length));
    section(`${'Dữ liệu đã ghi / records written'.padEnd(width + 2)}  mới / new  bổ sung / filled in`);
    for (const [table, words] of tables) {
      const c = r.changes[table]!;
      lines.push(
        `  ${words.padEnd(width)}  ${String(c.created).padStart(9)}  ${String(c.updated).padStart(18)}`,
      );
    }
    if (tables.some(([t]) => r.changes[t]!.updated > 0)) {
      lines.push(
        '  (bổ sung = bản ghi đã có trước lần nhập này được điền thêm ô còn trống / filled in = records ' +
          'stored before this import whose empty fields it filled)',
      );
    }
  }
  if (r.conflicts.length > 0) {
    section(
      `Giá trị khác với dữ liệu đã lưu, giữ giá trị đã lưu / differing values, stored value kept (${r.conflicts.length}):`,
    );
    const words = new Map(TABLE_WORDS);
    for (const c of r.conflicts) {
      const [table = '', column = ''] = c.column.split('.');
      const what = words.has(table) ? `${words.get(table)!}: ${column}` : c.column;
      lines.push(`  ${what} ×${c.count}, ví dụ / e.g. ${c.example}`);
    }
  }
  const unmapped = Object.entries(r.unmapped).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (unmapped.length > 0) {
    section(`Trường nguồn chưa ánh xạ / source fields not mapped (${unmapped.length}):`);
    for (const [k, n] of unmapped) {
      const example = r.unmappedExamples[k];
      lines.push(`  ${k} ×${n}${example ? `, ví dụ / e.g. ${example}` : ''}`);
    }
  }
  lines.push('', lastLine(r));
  return `${lines.join('\n')}\n`;
}

/** Tables with rows created or filled in, in story order (tables not in `TABLE_WORDS` last). */
function rowTables(changes: Record<string, RowChanges>): [string, string][] {
  const known = new Map(TABLE_WORDS);
  const written = Object.keys(changes).filter((t) => changes[t]!.created + changes[t]!.updated > 0);
  return [
    ...TABLE_WORDS.filter(([t]) => written.includes(t)),
    ...written
      .filter((t) => !known.has(t))
      .sort()
      .map((t): [string, string] => [t, t]),
  ];
}

/** `file#IB…` of a unit in its own file's list is shown as `#IB…`. */
function shortLabel(label: string, file: string): string {
  return label.startsWith(`${file}#`) ? label.slice(file.length) : label;
}

/** Whether anything changed, in one line. */
function lastLine(r: ImportReport): string {
  let created = 0;
  let updated = 0;
  for (const c of Object.values(r.changes)) {
    created += c.created;
    updated += c.updated;
  }
  if (created + updated === 0) {
    return r.notices > 0
      ? `Không có thay đổi — nothing changed (all ${r.notices} notices already up to date)`
      : 'Không có thay đổi — nothing changed (no notice imported)';
  }
  return (
    `Đã thay đổi / changed: ${r.noticesCreated} gói thầu mới / new notices, ` +
    `${r.noticesUpdated} gói thầu cập nhật / updated notices ` +
    `(${created} bản ghi mới / new records, ${updated} bản ghi bổ sung / records filled in)`
  );
}

/** Short label of a kind, for progress lines. */
export function kindLabel(kind: FileKind | null): string {
  return kind ? KIND_LABELS[kind] : 'not recognised';
}
