/**
 * `importMuasamcong()`: imports files of the national e-procurement system (muasamcong) and of the
 * community dataset tbyt-2026 into the database, callable from the CLI and from tests.
 *
 * 1. Paths are expanded (folders walked recursively for `*.json`, in sorted order; only regular
 *    files up to 256 MiB; symbolic-link loops reported and not followed; walk.ts).
 * 2. Every file is read and recognised from its content (detect.ts), then parsed into units: facts
 *    about one notice each. Files that cannot be imported are reported with the reason and the rest
 *    go on.
 * 3. Files are applied in source-authority order (types.ts `APPLY_RANK`), each file in ONE
 *    transaction: all its units (e.g. the several hits of a search response) are saved, or none is.
 *    Only the community `tenders.json` / `bidders.json`, which hold hundreds of unrelated notices,
 *    are applied one transaction per notice (`tenders.json#IB…`), so a bad notice does not keep the
 *    others out; a row of them that cannot even be read is rejected alone with its JSON pointer.
 * 4. Saving is fill-only (save.ts), so importing the same data again changes nothing.
 */
import fs from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import { addStats, emptyStats, type SaveStats } from '../../procurement/save.ts';
import { applyUnit, importActor, indexRun } from './apply.ts';
import { parseJsonBytes, recognise } from './detect.ts';
import { Notes, type JsonObject } from './fields.ts';
import { parseKqlcnt } from './kqlcnt.ts';
import { parseLotOpenRows } from './lot-open.ts';
import type { ConflictSummary, FileOutcome, ImportReport, RowChanges } from './report.ts';
import { parseSearchResponse } from './search-hit.ts';
import { parseTbmtDetail } from './tbmt-detail.ts';
import { parseTbytBidders } from './tbyt-bidders.ts';
import { isEmptyTbytDetail, parseTbytDetail } from './tbyt-detail.ts';
import { parseTbytTenders } from './tbyt-tenders.ts';
import { APPLY_RANK, type FileKind, type ParsedFile, type ParsedUnit } from './types.ts';
import { expandPaths, fileProblem, MAX_FILE_BYTES, type Expanded, type InputFile } from './walk.ts';

export type { ImportReport } from './report.ts';

/** Progress of an import: files read, then files (or notices of tbyt files) saved. */
export interface ImportProgress {
  phase: 'read' | 'save';
  done: number;
  total: number;
  /** The file or unit just handled. */
  label: string;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** The paths already expanded by `expandPaths()` (the CLI checks them before opening the database). */
  expanded?: Expanded;
  /** Largest file to read, in bytes (default `MAX_FILE_BYTES`, 256 MiB). */
  maxFileBytes?: number;
}

/** Kinds whose files hold many notices, applied one transaction per notice. */
const PER_NOTICE: ReadonlySet<FileKind> = new Set(['tbyt-tenders', 'tbyt-bidders']);

/** One transaction: a whole file, or one notice of a community file (`PER_NOTICE`). */
interface Work {
  outcome: FileOutcome;
  kind: FileKind;
  label: string;
  units: ParsedUnit[];
  order: number;
}

/**
 * Imports `paths` (files or folders) into `db`.
 * @returns the report: files read / imported / skipped / failed (with reasons), notices new / updated,
 * rows created and filled in per table, conflicts and unmapped source fields (with an example file).
 * Never throws for bad input files (they are reported); throws only when the database itself fails
 * outside a file's transaction.
 */
export async function importMuasamcong(
  db: Kysely<DB>,
  paths: readonly string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const maxFileBytes = opts.maxFileBytes ?? MAX_FILE_BYTES;
  const expanded = opts.expanded ?? (await expandPaths(paths, { maxFileBytes }));
  const outcomes: FileOutcome[] = expanded.failed.map((m) => ({
    file: m.display,
    kind: null,
    status: 'failed',
    reason: m.reason,
    notices: [],
    failures: [],
  }));
  const notes = new Notes();
  const work: Work[] = [];
  const rowsOf = new Map<FileOutcome, NonNullable<ParsedFile['rows']>>();
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
    const parsed = await readAndParse(file, outcome, maxFileBytes);
    if (parsed) {
      notes.merge(parsed.notes, file.display);
      if (parsed.nothing) Object.assign(outcome, { status: 'skipped', reason: parsed.nothing });
      if (parsed.rows) {
        rowsOf.set(outcome, parsed.rows);
        for (const r of parsed.rows.rejected) outcome.failures.push({ label: r.pointer, reason: r.reason });
      }
      const groups = PER_NOTICE.has(parsed.kind)
        ? parsed.units.map((u) => ({ label: u.label, units: [u] }))
        : parsed.units.length > 0
          ? [{ label: file.display, units: parsed.units }]
          : [];
      for (const g of groups) work.push({ outcome, kind: parsed.kind, ...g, order: work.length });
    }
    opts.onProgress?.({ phase: 'read', done: ++read, total: expanded.files.length, label: file.display });
  }

  work.sort((a, b) => APPLY_RANK[a.kind] - APPLY_RANK[b.kind] || a.order - b.order);
  const index = indexRun(work.flatMap((w) => w.units));
  const auditMark = await lastAuditId(db);
  const actor = importActor();
  const total = emptyStats();
  const saved = new Set<string>();
  const created = new Set<string>();
  const changed = new Set<string>();
  const conflicts = new Map<string, ConflictSummary>();
  const saveFailures = new Map<FileOutcome, number>();
  let done = 0;
  for (const w of work) {
    const unitNotes = new Notes();
    try {
      // The whole group in ONE transaction: a failure of any unit rolls back every unit of the file.
      const results = await db.transaction().execute(async (tx) => {
        const out: { stats: SaveStats; notifyNo: string; label: string }[] = [];
        for (const unit of w.units) {
          try {
            out.push({ ...(await applyUnit(tx, unit, index, unitNotes, actor)), label: unit.label });
          } catch (err) {
            throw new UnitFailure(unit, w.units.length, err);
          }
        }
        return out;
      });
      notes.merge(unitNotes, w.outcome.file);
      for (const { stats, notifyNo, label } of results) {
        addStats(total, stats);
        countConflicts(conflicts, stats, notifyNo, label);
        saved.add(notifyNo);
        if ((stats.byEntity.tbmt?.created ?? 0) > 0) created.add(notifyNo);
        if (Object.values(stats.byEntity).some((c) => c.created + c.updated > 0)) changed.add(notifyNo);
        if (!w.outcome.notices.includes(notifyNo)) w.outcome.notices.push(notifyNo);
      }
    } catch (err) {
      w.outcome.failures.push({ label: w.label, reason: err instanceof Error ? err.message : String(err) });
      saveFailures.set(w.outcome, (saveFailures.get(w.outcome) ?? 0) + 1);
    }
    opts.onProgress?.({ phase: 'save', done: ++done, total: work.length, label: w.label });
  }

  for (const o of outcomes) {
    settle(o, work.filter((w) => w.outcome === o).length, saveFailures.get(o) ?? 0, rowsOf.get(o));
  }
  return {
    filesRead: expanded.files.length,
    imported: outcomes.filter((o) => o.status === 'imported').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    files: outcomes,
    warnings: expanded.warnings.map((w) => ({ path: w.display, reason: w.reason })),
    notices: saved.size,
    noticesCreated: created.size,
    noticesUpdated: [...changed].filter((n) => !created.has(n)).length,
    byEntity: total.byEntity,
    changes: await rowChanges(db, auditMark, actor),
    conflicts: [...conflicts.values()].sort((a, b) => (a.column < b.column ? -1 : 1)),
    unmapped: Object.fromEntries(notes.unmapped),
    unmappedExamples: Object.fromEntries(notes.examples),
  };
}

/** A unit of a group that failed: names the notice when the group (a file) has several. */
class UnitFailure extends Error {
  constructor(unit: ParsedUnit, groupSize: number, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(
      groupSize > 1
        ? `${unit.facts.notifyNo || unit.label}: ${message} — nothing of the file was saved (one file, one transaction)`
        : message,
      { cause },
    );
    this.name = 'UnitFailure';
  }
}

/** The id of the last audit record, to tell the rows this run writes. */
async function lastAuditId(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ id: number | string | null }>`SELECT max(id) AS id FROM audit_log`.execute(db);
  return Number(rows[0]?.id ?? 0);
}

/**
 * Rows this run wrote, per table, from the audit log (every write is audited): rows created, and
 * rows that existed before the run and were filled in. A row created by one file and filled in by a
 * later file of the same run counts as created only. Each run has its own actor (`importActor()`), so
 * another import running at the same time is not counted.
 */
async function rowChanges(db: Kysely<DB>, since: number, actor: string): Promise<Record<string, RowChanges>> {
  const { rows } = await sql<{ entity: string; created: number | string; updated: number | string }>`
    SELECT a.entity,
           count(*) FILTER (WHERE a.action = 'create') AS created,
           count(DISTINCT a.entity_id) FILTER (
             WHERE a.action = 'update' AND NOT EXISTS (
               SELECT 1 FROM audit_log c
                WHERE c.id > ${since} AND c.action = 'create' AND c.actor = a.actor
                  AND c.entity = a.entity AND c.entity_id = a.entity_id)) AS updated
      FROM audit_log a
     WHERE a.id > ${since} AND a.actor = ${actor}
     GROUP BY a.entity`.execute(db);
  const out: Record<string, RowChanges> = {};
  for (const r of rows) out[r.entity] = { created: Number(r.created), updated: Number(r.updated) };
  return out;
}

/**
 * Reads, recognises and parses one file; on failure sets the outcome and returns null. The file is
 * opened without blocking and checked again on the open handle (a regular file, not larger than
 * `max`), so a path swapped for a FIFO or grown after the folder walk is still not read.
 */
async function readAndParse(file: InputFile, outcome: FileOutcome, max: number): Promise<ParsedFile | null> {
  const fail = (reason: string) => {
    Object.assign(outcome, { status: 'failed', reason });
    return null;
  };
  let bytes: Uint8Array;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file.abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const problem = fileProblem(await handle.stat(), max);
    if (problem) return fail(problem);
    bytes = await handle.readFile();
  } catch (err) {
    return fail(`cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    await handle?.close();
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
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return fail('JSON nested too deeply to be a response of the national system');
    }
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
    case 'tbyt-bidders': {
      const { units, rows } = (kind === 'tbyt-tenders' ? parseTbytTenders : parseTbytBidders)(
        o,
        label,
        notes,
      );
      const nothing = rows.total === 0 ? `no ${rows.what} in the file` : undefined;
      return { kind, units, notes, nothing, rows };
    }
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

/**
 * Final status of a file from the results of its transactions (`groups`: one for a file of the
 * national system, one per notice for tbyt tenders/bidders) and the rows rejected while reading.
 */
function settle(
  o: FileOutcome,
  groups: number,
  saveFailures: number,
  rows: NonNullable<ParsedFile['rows']> | undefined,
): void {
  if (o.status === 'failed' || o.failures.length === 0) return;
  o.status = 'failed';
  if (!rows) {
    // A file applied as one transaction: its one failure is the file's reason.
    o.reason = o.failures[0]!.reason;
    o.failures = [];
    return;
  }
  const parts: string[] = [];
  if (rows.rejected.length > 0) {
    parts.push(`${rows.rejected.length} of ${rows.total} ${rows.what} could not be read`);
  }
  if (saveFailures > 0) parts.push(`${saveFailures} of ${groups} notices could not be saved`);
  const rest = groups - saveFailures;
  o.reason = `${parts.join('; ')}${rest > 0 ? ` (the other ${rest} notices imported)` : ''}`;
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
