/**
 * The publication ledger's hashing (pure: no database, no HTTP). Every publication becomes an entry
 * of a hash chain:
 *
 * - `contentHash` = sha256 of the UTF-8 bytes of the document's canonical JSON (RFC 8785, JSON
 *   Canonicalization Scheme, via the `canonicalize` package);
 * - `hash` (the entry hash) = sha256 of the UTF-8 bytes of {@link entryHashInput}: the format tag and
 *   seq, kind, ref, publishedAt, contentHash, prevHash, each on its own line;
 * - `prevHash` = the `hash` of the entry at `seq - 1`, or {@link GENESIS_HASH} for seq 1.
 *
 * All hashes are 64 lower-case hexadecimal digits. The exact layout is in docs/ledger.md so that anyone
 * can re-implement the check.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** `prevHash` of the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** First line of every entry-hash input: names the layout, so that a future layout gets a new tag. */
export const LEDGER_FORMAT = 'minhbach-ledger-v1' as const;

/** Allowed `kind`: lower-case letters, digits, `.` and `-`, starting with a letter or digit, ≤ 64. */
export const KIND_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;

/** One entry of the ledger as published (API, `minhbach ledger export`) and as verified. */
export interface LedgerEntry {
  /** Position in the chain: 1, 2, 3, … */
  seq: number;
  /** What was published, e.g. `ocds-release`. */
  kind: string;
  /** Key of the publication within its kind, e.g. `<ocid>/<release id>`. */
  ref: string;
  /** When it was appended: ISO-8601 UTC with milliseconds, `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  publishedAt: string;
  /** sha256 (hex) of the canonical JSON of `document`. */
  contentHash: string;
  /** `hash` of the previous entry ({@link GENESIS_HASH} for seq 1). */
  prevHash: string;
  /** The entry hash (see {@link entryHashInput}). */
  hash: string;
  /** The published document (any JSON value). */
  document: unknown;
}

/** The fields the entry hash covers. */
export type EntryHashFields = Pick<
  LedgerEntry,
  'seq' | 'kind' | 'ref' | 'publishedAt' | 'contentHash' | 'prevHash'
>;

/** A ledger input that cannot be hashed or stored; `code` is stable. */
export class LedgerError extends Error {
  constructor(
    readonly code: 'bad-kind' | 'bad-ref' | 'bad-document' | 'ref-conflict' | 'unknown-kind' | 'bad-file',
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/**
 * The RFC 8785 canonical JSON of `document`: object keys sorted by UTF-16 code units, no whitespace,
 * numbers in ECMAScript shortest form, strings minimally escaped.
 * @throws LedgerError `bad-document` for values JSON cannot represent (undefined, functions, NaN,
 *   Infinity, BigInt, lone surrogates, cycles).
 */
export function canonicalJson(document: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(document);
  } catch (err) {
    throw new LedgerError(
      'bad-document',
      `document is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (text === undefined) throw new LedgerError('bad-document', `document is not JSON (${typeof document})`);
  return text;
}

/** sha256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `contentHash` of a document: sha256 of its canonical JSON. @throws LedgerError `bad-document`. */
export function contentHash(document: unknown): string {
  return sha256Hex(canonicalJson(document));
}

/**
 * The exact text whose sha256 is the entry hash: seven lines joined by LF (U+000A), no final LF —
 * `minhbach-ledger-v1`, seq in decimal without leading zeros, kind, ref, publishedAt
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`), contentHash, prevHash. kind and ref hold no control characters, so the
 * layout is unambiguous.
 */
export function entryHashInput(e: EntryHashFields): string {
  return [LEDGER_FORMAT, String(e.seq), e.kind, e.ref, e.publishedAt, e.contentHash, e.prevHash].join('\n');
}

/** The entry hash of `e` (sha256 hex of {@link entryHashInput}). */
export function computeEntryHash(e: EntryHashFields): string {
  return sha256Hex(entryHashInput(e));
}

/** @throws LedgerError `bad-kind` unless `kind` matches {@link KIND_PATTERN}. */
export function checkKind(kind: string): void {
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    throw new LedgerError('bad-kind', `kind must match ${KIND_PATTERN.source}, got ${JSON.stringify(kind)}`);
  }
}

/** @throws LedgerError `bad-ref` unless `ref` is 1–500 characters without control characters. */
export function checkRef(ref: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > 500 || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw new LedgerError(
      'bad-ref',
      `ref must be 1–500 characters without control characters, got ${JSON.stringify(ref)}`,
    );
  }
}

/** An instant in the ledger's form: ISO-8601 UTC with milliseconds (`Date.toISOString`). */
export function ledgerInstant(at: Date): string {
  return at.toISOString();
}
