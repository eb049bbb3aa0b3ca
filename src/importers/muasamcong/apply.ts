/**
 * Saving one parsed unit in its transaction: finding the notice of rows that do not name it, leaving
 * out summary bidder lists when detailed ones exist, completing facts that need the stored notice,
 * then `saveTbmtFacts()`.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import type { TbmtFacts } from '../../procurement/facts.ts';
import { saveTbmtFacts, type SaveStats } from '../../procurement/save.ts';
import type { Notes } from './fields.ts';
import type { Locator, ParsedUnit } from './types.ts';

/** Who writes, for the audit log. */
/**
 * The audit actor of one import run: `import:muasamcong#<run id>`, so the audit log tells which run
 * wrote each row (and a run's summary counts only its own writes, even beside another import).
 */
export function importActor(): string {
  return `import:muasamcong#${crypto.randomUUID().slice(0, 8)}`;
}

/** Notices for which some input of the run brings detailed (coded) bidders. */
export interface RunIndex {
  results: Set<string>;
  opening: Set<string>;
}

/** Facts that cannot be completed from the database (e.g. rows of a notice not stored yet). */
export class PrepareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrepareError';
  }
}

/** Builds the run index from the units that are not summaries. */
export function indexRun(units: readonly ParsedUnit[]): RunIndex {
  const index: RunIndex = { results: new Set(), opening: new Set() };
  for (const u of units) {
    const n = u.facts.notifyNo;
    if (!n) continue;
    if (!u.summary?.results && u.facts.results?.some((r) => r.bidders.length > 0)) index.results.add(n);
    if (!u.summary?.opening && (u.facts.opening?.bidders.length ?? 0) > 0) index.opening.add(n);
  }
  return index;
}

/**
 * Completes `unit`'s facts inside `tx` and saves them.
 * @returns the save statistics and the notice number saved.
 * @throws PrepareError when the notice cannot be found or is not stored yet; FactsError (save.ts)
 * when the facts are inconsistent; database errors as they come.
 */
export async function applyUnit(
  tx: Transaction<DB>,
  unit: ParsedUnit,
  index: RunIndex,
  notes: Notes,
  actor: string,
): Promise<{ stats: SaveStats; notifyNo: string }> {
  const facts: TbmtFacts = { ...unit.facts };
  if (unit.locate) facts.notifyNo = await locate(tx, unit.locate);
  const stored = await tx
    .selectFrom('tbmt')
    .select(['id'])
    .where('notify_no', '=', facts.notifyNo)
    .executeTakeFirst();
  if (unit.needsExisting && !stored) {
    throw new PrepareError(
      `notice ${facts.notifyNo} is not stored yet and ${unit.needsExisting}: import the notice first`,
    );
  }
  if (stored) await fillVersionNames(tx, stored.id, facts, notes);
  if (unit.summary?.results && facts.results?.length) {
    if (index.results.has(facts.notifyNo) || (stored && (await hasRows(tx, 'kqlcnt', stored.id)))) {
      facts.results = null;
    }
  }
  if (unit.summary?.opening && facts.opening) {
    if (index.opening.has(facts.notifyNo) || (stored && (await hasOpeningBidders(tx, stored.id)))) {
      facts.opening = null;
    }
  }
  const stats = await saveTbmtFacts(tx, facts, { actor, source: 'muasamcong' });
  return { stats, notifyNo: facts.notifyNo };
}

/**
 * The notice that bid-opening rows belong to, from the package number, lot numbers and notice ids
 * they name.
 * @throws PrepareError when no stored notice or several match.
 */
async function locate(tx: Transaction<DB>, l: Locator): Promise<string> {
  const found = new Set<string>();
  if (l.notifyIds.length > 0) {
    const rows = await tx
      .selectFrom('tbmt')
      .select('notify_no')
      .where('source_id', 'in', l.notifyIds)
      .execute();
    rows.forEach((r) => found.add(r.notify_no));
  }
  if (found.size === 0 && l.bidNos.length > 0) {
    const rows = await tx
      .selectFrom('tbmt')
      .innerJoin('package', 'package.id', 'tbmt.package_id')
      .select('tbmt.notify_no')
      .where('package.bid_no', 'in', l.bidNos)
      .execute();
    rows.forEach((r) => found.add(r.notify_no));
  }
  if (found.size === 0 && l.lotNos.length > 0) {
    const rows = await tx
      .selectFrom('tbmt_lot')
      .innerJoin('tbmt_version', 'tbmt_version.id', 'tbmt_lot.tbmt_version_id')
      .innerJoin('tbmt', 'tbmt.id', 'tbmt_version.tbmt_id')
      .select('tbmt.notify_no')
      .where('tbmt_lot.lot_no', 'in', l.lotNos)
      .execute();
    rows.forEach((r) => found.add(r.notify_no));
  }
  const named = [...l.bidNos, ...l.lotNos].join(', ') || l.notifyIds.join(', ');
  if (found.size === 0) {
    throw new PrepareError(
      `bid-opening rows of package/lot ${named}: no stored notice has it (import the notice's TBMT detail or KQLCNT first)`,
    );
  }
  if (found.size > 1) {
    throw new PrepareError(
      `bid-opening rows of ${named} match several notices: ${[...found].sort().join(', ')}`,
    );
  }
  return [...found][0]!;
}

/** Versions given without a name (tbyt detail lots) take the stored version's name, or are left out. */
async function fillVersionNames(tx: Transaction<DB>, tbmtId: number, facts: TbmtFacts, notes: Notes) {
  if (!facts.versions?.some((v) => !v.name)) return;
  const stored = await tx
    .selectFrom('tbmt_version')
    .select(['version', 'name'])
    .where('tbmt_id', '=', tbmtId)
    .execute();
  const names = new Map(stored.map((s) => [s.version, s.name]));
  facts.versions = facts.versions.flatMap((v) => {
    if (v.name) return [v];
    const name = names.get(v.version);
    if (name) return [{ ...v, name }];
    notes.add(`tbyt-detail.requirements (version ${v.version} of the notice not stored: lots left out)`);
    return [];
  });
}

async function hasRows(tx: Transaction<DB>, table: 'kqlcnt', tbmtId: number): Promise<boolean> {
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('tbmt_id', '=', tbmtId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function hasOpeningBidders(tx: Transaction<DB>, tbmtId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('bid_opening_bidder')
    .innerJoin('bid_opening', 'bid_opening.id', 'bid_opening_bidder.bid_opening_id')
    .select('bid_opening_bidder.id')
    .where('bid_opening.tbmt_id', '=', tbmtId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
