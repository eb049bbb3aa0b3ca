/**
 * A downloaded copy of the ledger: writing it (`minhbach ledger export`, JSON Lines) and reading it back
 * for `minhbach ledger verify --file`. One entry per line, in seq order:
 *
 *   {"seq":1,"kind":"ocds-release","ref":"…","publishedAt":"…Z","contentHash":"…","prevHash":"000…","hash":"…","document":{…}}
 *
 * The reader also accepts pages of `GET /api/ledger` (an object with an `entries` array), one per line
 * or a single (pretty-printed) page as the whole file.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { LedgerError, canonicalJson } from './ledger.ts';
import type { StoredLedgerEntry } from './ledger-store.ts';
import type { VerifyEntry } from './ledger-verify.ts';

/** One export line for a stored entry: its document written as the stored canonical JSON, byte for byte. */
export function exportLine(e: StoredLedgerEntry): string {
  const meta = JSON.stringify({
    seq: e.seq,
    kind: e.kind,
    ref: e.ref,
    publishedAt: e.publishedAt,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    hash: e.hash,
  });
  return `${meta.slice(0, -1)},"document":${e.documentText}}`;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks one parsed entry of a copy and turns it into a `VerifyEntry`.
 * @throws LedgerError `bad-file` naming `where` and the field.
 */
export function toVerifyEntry(value: unknown, where: string): VerifyEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LedgerError('bad-file', `${where}: not a ledger entry (an object is expected)`);
  }
  const v = value as Record<string, unknown>;
  const field = (name: string, ok: (x: unknown) => boolean, expected: string) => {
    if (!ok(v[name]))
      throw new LedgerError(
        'bad-file',
        `${where}: /${name} must be ${expected}, got ${JSON.stringify(v[name]) ?? 'nothing'}`,
      );
  };
  field('seq', (x) => Number.isInteger(x) && (x as number) >= 1, 'a whole number ≥ 1');
  field('kind', (x) => typeof x === 'string', 'a string');
  field('ref', (x) => typeof x === 'string', 'a string');
  field('publishedAt', (x) => typeof x === 'string', 'an ISO-8601 UTC string');
  for (const h of ['contentHash', 'prevHash', 'hash'])
    field(h, (x) => typeof x === 'string' && HEX64.test(x), '64 lower-case hex digits');
  let documentText: string | null = null;
  if ('document' in v) {
    try {
      documentText = canonicalJson(v.document);
    } catch (err) {
      throw new LedgerError(
        'bad-file',
        `${where}: /document ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return {
    seq: v.seq as number,
    kind: v.kind as string,
    ref: v.ref as string,
    publishedAt: v.publishedAt as string,
    contentHash: v.contentHash as string,
    prevHash: v.prevHash as string,
    hash: v.hash as string,
    documentText,
  };
}

/**
 * The entries of a copy at `file`, streamed (JSON Lines of entries or of API pages; or one JSON page).
 * @throws LedgerError `bad-file` naming the file, the line and the field for anything unreadable.
 */
export function readLedgerFile(file: string): () => AsyncIterable<VerifyEntry> {
  return async function* entries() {
    const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    let first = true;
    for await (const raw of lines) {
      n++;
      const line = first ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        if (first) {
          // Not JSON Lines: a single (pretty-printed) API page.
          lines.close();
          let whole: unknown;
          try {
            whole = JSON.parse(stripBom(await fs.promises.readFile(file, 'utf8')));
          } catch {
            throw new LedgerError(
              'bad-file',
              `${file}:${n}: not JSON (${err instanceof Error ? err.message : String(err)})`,
            );
          }
          yield* pageEntries(whole, file);
          return;
        }
        throw new LedgerError(
          'bad-file',
          `${file}:${n}: not JSON (${err instanceof Error ? err.message : String(err)})`,
        );
      }
      first = false;
      yield* pageEntries(value, `${file}:${n}`);
    }
  };
}

function stripBom(s: string): string {
  return s.replace(/^\uFEFF/, '');
}

function* pageEntries(value: unknown, where: string): Generator<VerifyEntry> {
  if (value && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)) {
    const list = (value as { entries: unknown[] }).entries;
    for (let i = 0; i < list.length; i++) yield toVerifyEntry(list[i], `${where} /entries/${i}`);
    return;
  }
  yield toVerifyEntry(value, where);
}
