/**
 * `importMuasamcong()`: imports files of the national e-procurement system (muasamcong) and of the
 * community dataset tbyt-2026 into the database, callable from the CLI and from tests.
 *
 * 1. Paths are expanded (folders walked recursively for `*.json`, in sorted order; walk.ts).
 * 2. Every file is read and recognised from its content (detect.ts), then parsed into units: facts
 *    about one notice each. Files that cannot be imported are reported with the reason and the rest
 *    go on.
 * 3. Units are applied in source-authority order (types.ts `APPLY_RANK`), each in ONE transaction:
 *    a file of the national system is one unit, so it is applied whole or rolled back whole; the
 *    community `tenders.json` / `bidders.json` hold many notices and are applied one transaction per
 *    notice (`tenders.json#IB…`), so a bad notice does not keep the others out.
 * 4. Saving is fill-only (save.ts), so importing the same data again changes nothing.
 */
import fs from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import { addStats, emptyStats, type SaveStats } from '../../procurement/save.ts';
import { applyUnit, indexRun } from './apply.ts';
import { parseJsonBytes, recognise } from './detect.ts';
import { Notes, type JsonObject } from './fields.ts';
import { parseKqlcnt } from './kqlcnt.ts';
import { parseLotOpenRows } from './lot-open.ts';
import type { ConflictSummary, FileOutcome, ImportReport } from './report.ts';
import { parseSearchResponse } from './search-hit.ts';
import { parseTbmtDetail } from './tbmt-detail.ts';
import { parseTbytBidders } from './tbyt-bidders.ts';
import { isEmptyTbytDetail, parseTbytDetail } from './tbyt-detail.ts';
import { parseTbytTenders } from './tbyt-tenders.ts';
import { APPLY_RANK, type FileKind, type ParsedFile, type ParsedUnit } from './types.ts';
import { expandPaths, type InputFile } from './walk.ts';

export type { ImportReport } from './report.ts';

/** Progress of an import: files read, then units (notices) saved. */
export interface ImportProgress {
  phase: 'read' | 'save';
  done: number;
  total: number;
  /** The file or unit just handled. */
  label: string;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Imports `paths` (files or folders) into `db`.
 * @returns the report: files read / imported / skipped / failed (with reasons), rows created /
 * updated / unchanged per table, conflicts and unmapped source fields. Never throws for bad input
 * files (they are reported); throws only when the database itself fails outside a file's transaction.
 */
export async function importMuasamcong(
  db: Kysely<DB>,
  paths: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const expanded = await expandPaths(paths);
  const outcomes: FileOutcome[] = expanded.missing.map((m) => ({
    file: m.display,
    kind: null,
    status: 'failed',
    reason: m.reason,
    notices: [],
    failures: [],
  }));
  const notes = new Notes();
  const work: { outcome: FileOutcome; kind: FileKind; unit: ParsedUnit; order: number }[] = [];
  let read = 0;
  for (const file of expanded.files) {
    const outcome: FileOutcome = {
      file: file.display,
      kind: null,
      status: 'imported',
      notices: [],
      failures: [],
    };
    outcomes.push(outcome);
    const parsed = await readAndParse(file, outcome);
    if (parsed) {
      notes.merge(parsed.notes);
      if (parsed.nothing) Object.assign(outcome, { status: 'skipped', reason: parsed.nothing });
      parsed.units.forEach((unit) => work.push({ outcome, kind: parsed.kind, unit, order: work.length }));
    }
    opts.onProgress?.({ phase: 'read', done: ++read, total: expanded.files.length, label: file.display });
  }

  work.sort((a, b) => APPLY_RANK[a.kind] - APPLY_RANK[b.kind] || a.order - b.order);
  const index = indexRun(work.map((w) => w.unit));
  const total = emptyStats();
  const saved = new Set<string>();
  const conflicts = new Map<string, ConflictSummary>();
  let done = 0;
  for (const w of work) {
    try {
      const unitNotes = new Notes();
      const { stats, notifyNo } = await db
        .transaction()
        .execute((tx) => applyUnit(tx, w.unit, index, unitNotes));
      notes.merge(unitNotes);
      addStats(total, stats);
      countConflicts(conflicts, stats, notifyNo, w.unit.label);
      saved.add(notifyNo);
      if (!w.outcome.notices.includes(notifyNo)) w.outcome.notices.push(notifyNo);
    } catch (err) {
      w.outcome.failures.push({
        label: w.unit.label,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
    opts.onProgress?.({ phase: 'save', done: ++done, total: work.length, label: w.unit.label });
  }

  for (const o of outcomes) settle(o, work.filter((w) => w.outcome === o).length);
  return {
    filesRead: expanded.files.length,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    files: outcomes,
    notices: saved.size,
    byEntity: total.byEntity,
    conflicts: [...conflicts.values()].sort((a, b) => (a.column < b.column ? -1 : 1)),
    unmapped: Object.fromEntries(notes.unmapped),
  };
}

/** Reads, recognises and parses one file; on failure sets the outcome and returns null. */
async function readAndParse(file: InputFile, outcome: FileOutcome): Promise<ParsedFile | null> {
  const fail = (reason: string) => {
    Object.assign(outcome, { status: 'failed', reason });
    return null;
  };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file.abs);
  } catch (err) {
    return fail(`cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (bytes.length === 0) return fail('empty file');
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok) return fail(parsed.reason);
  const recognised = recognise(parsed.json);
  if (!recognised.ok) return fail(recognised.reason);
  outcome.kind = recognised.kind;
  try {
    return parseKind(recognised.kind, recognised.json, file);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

/** Runs the parser of `kind`. */
function parseKind(kind: FileKind, json: unknown, file: InputFile): ParsedFile {
  const notes = new Notes();
  const o = json as JsonObject;
  const label = file.display;
  const result = (units: ParsedUnit[], nothing?: string): ParsedFile => ({ kind, units, notes, nothing });
  switch (kind) {
    case 'search': {
      const units = parseSearchResponse(o, label, notes);
      return result(units, units.length === 0 ? 'search response with no hits' : undefined);
    }
    case 'tbmt':
      return result(parseTbmtDetail(o, label, notes));
    case 'kqlcnt':
      return result(parseKqlcnt(o, label, notes));
    case 'lot-open':
    case 'lot-open-detail':
      return result(parseLotOpenRows(json as unknown[], label, notes, kind === 'lot-open-detail'));
    case 'bid-open': {
      // Only the empty response (all members null) has been seen; anything in it is reported.
      const filled = Object.keys(o).filter((k) => o[k] !== null);
      for (const k of filled) notes.add(`bid-open.${k} (shape not known yet)`);
      return result(
        [],
        filled.length === 0
          ? 'empty bid-opening response (no bid-opening data published)'
          : 'bid-opening response of a shape not known yet: nothing imported (see unmapped fields)',
      );
    }
    case 'tbyt-tenders':
      return result(parseTbytTenders(o, label, notes));
    case 'tbyt-bidders':
      return result(parseTbytBidders(o, label, notes));
    case 'tbyt-detail':
      return isEmptyTbytDetail(o)
        ? result([], `no public data (${disclosure(o)})`)
        : result(parseTbytDetail(o, file.abs, label, notes));
  }
}

function disclosure(o: JsonObject): string {
  const get = (k: string) => (o[k] as { disclosure?: unknown } | null)?.disclosure;
  return [get('requirements'), get('technicalRequirements')].filter((d) => typeof d === 'string').join(', ');
}

/** Final status of a file from the results of its units. */
function settle(o: FileOutcome, units: number): void {
  if (o.status !== 'imported' || o.failures.length === 0) return;
  o.status = 'failed';
  o.reason =
    units === 1 && o.failures.length === 1
      ? o.failures[0]!.reason
      : `${o.failures.length} of ${units} notices could not be saved`;
  if (units === 1) o.failures = [];
}

/** Counts the conflicts of one save per `table.column`, keeping the first as the example. */
function countConflicts(
  into: Map<string, ConflictSummary>,
  stats: SaveStats,
  notifyNo: string,
  label: string,
) {
  for (const c of stats.conflicts) {
    const column = `${c.entity}.${c.column}`;
    const s = into.get(column) ?? {
      column,
      count: 0,
      example: `${notifyNo}: stored ${show(c.stored)}, offered ${show(c.offered)} (${label})`,
    };
    s.count++;
    into.set(column, s);
  }
}

function show(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? String(v);
}
