/**
 * The ledger in the database (table `ledger_entry`, migration 0006): appending in the caller's
 * transaction, and reading it back in seq order. Hashing is in `ledger.ts`.
 *
 * Audit: a ledger entry is not written to `audit_log`. The ledger is itself an append-only audit record
 * (what, when, hash) of the publication that the caller writes — and audits, actor included — in the
 * same transaction; copying every document into `audit_log` as well would only duplicate it. The
 * table refuses UPDATE/DELETE/TRUNCATE (trigger) and any change behind the trigger's back is caught by
 * `verifyLedger`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import {
  GENESIS_HASH,
  LedgerError,
  canonicalJson,
  checkKind,
  checkRef,
  computeEntryHash,
  ledgerInstant,
  sha256Hex,
  type LedgerEntry,
} from './ledger.ts';

/** Key of the transaction-level advisory lock that serialises appends (migrations use 727001). */
export const LEDGER_LOCK_KEY = 727006;

/** What a publisher appends. */
export interface LedgerAppend {
  /** What is published, e.g. `ocds-release` (lower-case letters, digits, `.`, `-`). */
  kind: string;
  /** Key of the publication within its kind, e.g. `<ocid>/<release id>`. */
  ref: string;
  /** The published document: any JSON value; hashed as RFC 8785 canonical JSON. */
  document: unknown;
  /** When it was published (UTC); default now. Kept to the millisecond. */
  publishedAt?: Date;
}

/**
 * Appends one publication to the ledger inside the caller's transaction `tx` — so the entry exists if
 * and only if the publication does. Appends are serialised by a transaction-level advisory lock (the
 * lock is held until `tx` ends; keep publishing transactions short). Appending the same kind + ref
 * with the same document again returns the existing entry (idempotent re-imports).
 * @returns the entry's seq and hash.
 * @throws LedgerError `bad-kind`, `bad-ref`, `bad-document` (not JSON), or `ref-conflict` when the
 *   kind + ref is already in the ledger with a different document (a publication is never edited:
 *   publish a new version under a new ref).
 */
export async function appendToLedger(
  tx: Transaction<DB>,
  entry: LedgerAppend,
): Promise<{ seq: number; hash: string }> {
  checkKind(entry.kind);
  checkRef(entry.ref);
  const document = canonicalJson(entry.document);
  const contentHash = sha256Hex(document);
  await sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`.execute(tx);
  const existing = await tx
    .selectFrom('ledger_entry')
    .select(['seq', 'entry_hash', 'content_hash'])
    .where('kind', '=', entry.kind)
    .where('ref', '=', entry.ref)
    .executeTakeFirst();
  if (existing) {
    if (existing.content_hash === contentHash) return { seq: existing.seq, hash: existing.entry_hash };
    throw new LedgerError(
      'ref-conflict',
      `${entry.kind} ${entry.ref} is already in the ledger (seq ${existing.seq}) with another document; ` +
        'a publication is never changed — publish a new version under a new ref',
    );
  }
  const last = await tx
    .selectFrom('ledger_entry')
    .select(['seq', 'entry_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    kind: entry.kind,
    ref: entry.ref,
    publishedAt: ledgerInstant(entry.publishedAt ?? new Date()),
    contentHash,
    prevHash: last?.entry_hash ?? GENESIS_HASH,
  };
  const hash = computeEntryHash(fields);
  await tx
    .insertInto('ledger_entry')
    .values({
      seq: fields.seq,
      kind: fields.kind,
      ref: fields.ref,
      published_at: fields.publishedAt,
      content_hash: contentHash,
      prev_hash: fields.prevHash,
      entry_hash: hash,
      document,
    })
    .execute();
  return { seq: fields.seq, hash };
}

/** A stored entry with its document as the stored canonical JSON text (not parsed). */
export interface StoredLedgerEntry extends Omit<LedgerEntry, 'document'> {
  /** The stored document text: the canonical JSON that was hashed. */
  documentText: string;
}

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Entries with seq > `after`, in seq order, at most `limit` (1–1000).
 */
export async function readLedgerPage(db: Db, after: number, limit: number): Promise<StoredLedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind,
    ref: r.ref,
    publishedAt: ledgerInstant(r.published_at instanceof Date ? r.published_at : new Date(r.published_at)),
    contentHash: r.content_hash,
    prevHash: r.prev_hash,
    hash: r.entry_hash,
    documentText: r.document,
  }));
}

/** Every entry in seq order, read in pages of `batch` (memory does not grow with the ledger). */
export async function* streamLedger(db: Db, batch = 500): AsyncGenerator<StoredLedgerEntry> {
  let after = 0;
  for (;;) {
    const page = await readLedgerPage(db, after, batch);
    yield* page;
    if (page.length < batch) return;
    after = page[page.length - 1]!.seq;
  }
}

/** The last entry (seq and hash) and the number of entries; `null` head when the ledger is empty. */
export async function ledgerHead(
  db: Db,
): Promise<{ count: number; head: { seq: number; hash: string } | null }> {
  const last = await db
    .selectFrom('ledger_entry')
    .select(['seq', 'entry_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const count = await db
    .selectFrom('ledger_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { count: Number(count.n), head: last ? { seq: Number(last.seq), hash: last.entry_hash } : null };
}

export { registerLedgerKind, type LedgerKindResolver } from './ledger-kinds.ts';
