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
  /** For files holding several notices (tbyt), the notices that could not be saved. */
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

/** Summary of `importMuasamcong()`. */
export interface ImportReport {
  filesRead: number;
  imported: number;
  skipped: number;
  failed: number;
  /** Every file in the order read. */
  files: FileOutcome[];
  /** Distinct notices saved. */
  notices: number;
  /** Rows per table: created, filled in (updated), already as given (unchanged). */
  byEntity: Record<string, SaveCounts>;
  conflicts: ConflictSummary[];
  /** Source fields or values that could not be mapped → number of records they occurred in. */
  unmapped: Record<string, number>;
}

/**
 * Renders the report as plain text (for stdout): counts, each failed file with its reason, rows per
 * table, conflicts and unmapped source fields.
 */
export function formatReport(r: ImportReport): string {
  const lines: string[] = [];
  const unread = r.files.length - r.filesRead;
  lines.push(
    `Files: ${r.filesRead} read, ${r.imported} imported, ${r.skipped} skipped (nothing to import), ` +
      `${r.failed} failed${unread > 0 ? ` (${unread} of them paths not found)` : ''}`,
  );
  lines.push(`Notices: ${r.notices}`);
  const skipped = r.files.filter((f) => f.status === 'skipped');
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const f of skipped) lines.push(`  ${f.file}: ${f.reason ?? ''}`);
  }
  const failed = r.files.filter((f) => f.status === 'failed');
  if (failed.length > 0) {
    lines.push('', 'Failed:');
    for (const f of failed) {
      lines.push(`  ${f.file}: ${f.reason ?? ''}`);
      for (const u of f.failures.slice(0, 20)) lines.push(`    ${u.label}: ${u.reason}`);
      if (f.failures.length > 20) lines.push(`    … ${f.failures.length - 20} more`);
    }
  }
  lines.push('', 'Rows (created / updated / unchanged):');
  const entities = Object.keys(r.byEntity).sort();
  if (entities.length === 0) lines.push('  (none)');
  const width = Math.max(0, ...entities.map((e) => e.length));
  for (const e of entities) {
    const c = r.byEntity[e]!;
    lines.push(`  ${e.padEnd(width)}  ${c.created} / ${c.updated} / ${c.unchanged}`);
  }
  if (r.conflicts.length > 0) {
    lines.push('', 'Conflicts (stored value kept, differing value offered):');
    for (const c of r.conflicts) lines.push(`  ${c.column} ×${c.count}, e.g. ${c.example}`);
  }
  const unmapped = Object.entries(r.unmapped).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  lines.push('', `Source fields not mapped (${unmapped.length}):`);
  if (unmapped.length === 0) lines.push('  (none)');
  for (const [k, n] of unmapped) lines.push(`  ${k} ×${n}`);
  return `${lines.join('\n')}\n`;
}

/** Short label of a kind, for progress lines. */
export function kindLabel(kind: FileKind | null): string {
  return kind ? KIND_LABELS[kind] : 'not recognised';
}
