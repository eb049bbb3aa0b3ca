/** Shapes shared by the muasamcong parsers and the orchestrator. */
import type { TbmtFacts } from '../../procurement/facts.ts';
import type { Notes } from './fields.ts';

/** What a file holds, recognised from its content (see detect.ts). */
export type FileKind =
  | 'search'
  | 'tbmt'
  | 'kqlcnt'
  | 'lot-open'
  | 'lot-open-detail'
  | 'bid-open'
  | 'tbyt-tenders'
  | 'tbyt-bidders'
  | 'tbyt-detail';

/** Human-readable name of each kind, for the summary. */
export const KIND_LABELS: Readonly<Record<FileKind, string>> = {
  search: 'search response',
  tbmt: 'TBMT detail',
  kqlcnt: 'KQLCNT result',
  'lot-open': 'bid-opening rows',
  'lot-open-detail': 'bid-opening detail rows',
  'bid-open': 'bid-opening response',
  'tbyt-tenders': 'tbyt tenders',
  'tbyt-bidders': 'tbyt bidders',
  'tbyt-detail': 'tbyt tender detail',
};

/**
 * Order in which kinds are applied (files of one kind in path order). Saving is fill-only (the first
 * value stored wins, later differing values are reported as conflicts), so the most authoritative
 * source goes first: the TBMT detail, then the KQLCNT detail, then search hits (an index of the same
 * data, with the search-hit `bidPrice` sometimes being the estimate). In the community dataset the
 * bidder rows (with national codes) come before the tenders (contractors by name only), so that a name
 * finds the coded organisation instead of creating a second one; detail files, which cannot create a
 * notice (no name), come after the tenders. Bid-opening rows, which name only the package, come last,
 * once their notice is stored.
 */
export const APPLY_RANK: Readonly<Record<FileKind, number>> = {
  tbmt: 1,
  kqlcnt: 2,
  search: 3,
  'tbyt-bidders': 4,
  'tbyt-tenders': 5,
  'tbyt-detail': 6,
  'lot-open': 7,
  'lot-open-detail': 8,
  'bid-open': 9,
};

/** How to find the notice of facts that do not carry its number (bid-opening rows). */
export interface Locator {
  /** Package number (`BP…`) named by the rows. */
  bidNos: string[];
  /** Lot numbers (`PP…`) named by the rows. */
  lotNos: string[];
  /** Notice ids (`notifyId`) named by the rows. */
  notifyIds: string[];
}

/** One unit of work: facts about one notice, saved in one transaction. */
export interface ParsedUnit {
  /** Name in reports: the file's display name, or `file#IB…` for a notice of a multi-notice file. */
  label: string;
  /** The facts; `notifyNo` is '' when `locate` must find it first. */
  facts: TbmtFacts;
  locate?: Locator;
  /**
   * Bidder lists that only summarise (a search hit's winner, names without codes): left out when the
   * notice has detailed bidders stored, or when another input of the same run brings them.
   */
  summary?: { results?: boolean; opening?: boolean };
  /** Facts that need the notice to exist already (they carry no name): the reason, for the error. */
  needsExisting?: string;
}

/** A row of a multi-notice file that could not be read, rejected alone (the others import). */
export interface RejectedRow {
  /** JSON pointer of the row or of the field at fault: `/tenders/5/notifyNo`. */
  pointer: string;
  reason: string;
}

/** What a parser made of one recognised file. */
export interface ParsedFile {
  kind: FileKind;
  units: ParsedUnit[];
  notes: Notes;
  /** Set when the file is valid but holds nothing to import (e.g. an empty bid-opening response). */
  nothing?: string;
  /**
   * Community files holding many notices (`tenders.json`, `bidders.json`): the rows that could not be
   * read, each rejected alone, and how many rows the file has.
   */
  rows?: { total: number; rejected: RejectedRow[]; what: string };
}

/** A file whose content is recognised but malformed (e.g. a TBMT detail without notice number). */
export class ShapeError extends Error {
  /** The source field at fault (`notifyNo`), when one is. */
  readonly field: string | null;
  /** The problem without the context of the message (`"IB26" is not a notice number …`). */
  readonly problem: string;

  constructor(message: string, at?: { field: string; problem: string }) {
    super(message);
    this.name = 'ShapeError';
    this.field = at?.field ?? null;
    this.problem = at?.problem ?? message;
  }
}

export { NOTIFY_NO } from '../../procurement/identifiers.ts';

/**
 * Splits `IB2600084950-01` into number and version; a bare number gives version null.
 * @throws ShapeError when the text is not a notice number.
 */
export function splitNotifyNo(
  raw: string | null,
  what: string,
  field = 'notifyNo',
): { notifyNo: string; version: string | null } {
  const m = /^(IB\d{10})(?:-(\d{2}))?$/.exec((raw ?? '').trim().toUpperCase());
  if (!m) {
    const problem = `${JSON.stringify(raw ?? '')} is not a notice number (IB + 10 digits)`;
    throw new ShapeError(`${what}: ${problem}`, { field, problem });
  }
  return { notifyNo: m[1]!, version: m[2] ?? null };
}
