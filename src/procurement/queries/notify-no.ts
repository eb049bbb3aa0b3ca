/**
 * Notice numbers of the national system (procurement-domain.md §6): `IB` + 2-digit year + 8 digits,
 * optionally followed by a version suffix `-00`, `-01`… (one per amendment).
 */

const NOTIFY_NO = /^(IB\d{10})(?:-(\d{2}))?$/;

/** A notice number split into the stored key and the optional version suffix. */
export interface ParsedNotifyNo {
  /** Notice number without version, upper case: the key of `tbmt.notify_no`. */
  notifyNo: string;
  /** The `NN` of a `-NN` suffix, when given. */
  version: string | null;
}

/**
 * Parses a notice number as a user may type it: `IB2600077452`, `IB2600077452-00`, lower case, with
 * spaces around. Returns `null` when the text is not a notice number (callers then search as text).
 */
export function parseNotifyNo(text: string): ParsedNotifyNo | null {
  const m = NOTIFY_NO.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { notifyNo: m[1]!, version: m[2] ?? null };
}

/**
 * Orders version numbers (`00`, `01`, … `10`) numerically, falling back to text order for anything
 * that is not a number. The current version of a notice is the highest one.
 */
export function compareVersions(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True for the original version of a notice (`00`). A notice whose earliest stored version is not the
 * original was imported from an amendment on: its earlier versions are not known here.
 */
export function isOriginalVersion(version: string): boolean {
  return /^0+$/.test(version);
}
