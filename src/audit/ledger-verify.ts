/**
 * Verifying the ledger's hash chain (pure: the entries come from a database, a file or the API).
 *
 * Pass 1 streams the entries in seq order and checks each one: its document against `contentHash`, its
 * fields against `hash`, its seq and `prevHash` against the entry before. Memory stays constant. Only
 * when the chain is broken does pass 2 read the entries' hashes again (memory proportional to the
 * ledger) and rebuild the chain by following `prevHash` links from the start, which tells apart:
 *
 * - `reordered`: an entry is in the chain but at another seq than it was published at;
 * - `removed`: the chain continues after a missing entry (seqs skipped, or closed up);
 * - `inserted`: an entry that is not part of the chain;
 * - `entry-altered`: an entry whose fields (kind, ref, publishedAt, contentHash) no longer give its hash;
 * - `document-altered`: a document that no longer gives its `contentHash`.
 *
 * Removing the last entries, or rewriting the whole chain from some point on, leaves a valid chain:
 * only a copy kept by someone else (`compareWithCopy`) or the live publications (resolvers) show it.
 */
import { GENESIS_HASH, computeEntryHash, sha256Hex, type LedgerEntry } from './ledger.ts';

/** An entry to verify: its fields, and its document as canonical JSON text (`null` when absent). */
export interface VerifyEntry extends Omit<LedgerEntry, 'document'> {
  documentText: string | null;
}

/** Stable codes of findings. */
export type FindingCode =
  | 'document-altered'
  | 'entry-altered'
  | 'reordered'
  | 'removed'
  | 'inserted'
  | 'bad-entry'
  | 'live-altered'
  | 'live-missing'
  | 'live-unledgered'
  | 'copy-differs'
  | 'copy-missing';

/** One thing found wrong, naming the entry. */
export interface Finding {
  code: FindingCode;
  /** The entry's current seq (null when the finding is not about one entry). */
  seq: number | null;
  kind?: string;
  ref?: string;
  /** What differs, in English. */
  message: string;
}

/** The result of a verification. */
export interface ChainReport {
  /** Entries read. */
  entries: number;
  /** The last entry read. */
  head: { seq: number; hash: string } | null;
  findings: Finding[];
}

const short = (h: string) => `${h.slice(0, 12)}…`;
const who = (e: { seq: number; kind: string; ref: string }) => `seq ${e.seq} (${e.kind} ${e.ref})`;

/**
 * Verifies a chain. `source` is called once, or twice when the chain is broken, and must yield the
 * same entries in seq order each time. `onEntry` sees each entry of the first pass (for the live
 * comparison of resolvers).
 */
export async function verifyChain(
  source: () => AsyncIterable<VerifyEntry>,
  onEntry?: (e: VerifyEntry) => Promise<void> | void,
): Promise<ChainReport> {
  const findings: Finding[] = [];
  let prev: VerifyEntry | null = null;
  let entries = 0;
  let broken = false;
  for await (const e of source()) {
    entries++;
    if (e.documentText !== null && sha256Hex(e.documentText) !== e.contentHash) {
      findings.push({
        code: 'document-altered',
        seq: e.seq,
        kind: e.kind,
        ref: e.ref,
        message: `${who(e)}: the document was altered (it hashes to ${short(sha256Hex(e.documentText))}, the entry says ${short(e.contentHash)})`,
      });
    }
    if (computeEntryHash(e) !== e.hash) broken = true;
    if (
      prev === null
        ? e.seq !== 1 || e.prevHash !== GENESIS_HASH
        : e.seq !== prev.seq + 1 || e.prevHash !== prev.hash
    ) {
      broken = true;
    }
    if (onEntry) await onEntry(e);
    prev = e;
  }
  if (broken) findings.push(...(await diagnose(source)));
  return {
    entries,
    head: prev ? { seq: prev.seq, hash: prev.hash } : null,
    findings: sortFindings(findings),
  };
}

interface Node {
  seq: number;
  kind: string;
  ref: string;
  publishedAt: string;
  contentHash: string;
  prevHash: string;
  hash: string;
  /** Seq at which it sits in the rebuilt chain. */
  chainSeq?: number;
}

/** Pass 2: rebuilds the chain from the `prevHash` links and says what happened to each entry. */
async function diagnose(source: () => AsyncIterable<VerifyEntry>): Promise<Finding[]> {
  const nodes: Node[] = [];
  for await (const e of source()) {
    nodes.push({
      seq: e.seq,
      kind: e.kind,
      ref: e.ref,
      publishedAt: e.publishedAt,
      contentHash: e.contentHash,
      prevHash: e.prevHash,
      hash: e.hash,
    });
  }
  const byHash = new Map<string, Node>();
  const children = new Map<string, Node[]>();
  for (const n of nodes) {
    byHash.set(n.hash, n);
    const list = children.get(n.prevHash);
    if (list) list.push(n);
    else children.set(n.prevHash, [n]);
  }
  const verifiesAt = (n: Node, seq: number) => computeEntryHash({ ...n, seq }) === n.hash;
  const placed = new Set<Node>();
  // Follows the chain from `start` (a hash), giving each entry its seq in the chain.
  const walk = (startHash: string, firstSeq: number) => {
    let hash = startHash;
    let seq = firstSeq;
    for (;;) {
      const candidates = (children.get(hash) ?? []).filter((c) => !placed.has(c));
      if (candidates.length === 0) return seq - 1;
      // The genuine successor has a hash that verifies at this seq; among several, the one the chain
      // goes on from; an inserted entry is the one left over.
      const ranked = [...candidates].sort(
        (a, b) =>
          Number(verifiesAt(b, seq)) - Number(verifiesAt(a, seq)) ||
          Number(children.has(b.hash)) - Number(children.has(a.hash)) ||
          a.seq - b.seq,
      );
      const next = ranked[0]!;
      next.chainSeq = seq;
      placed.add(next);
      hash = next.hash;
      seq++;
    }
  };
  const findings: Finding[] = [];
  let lastSeq = walk(GENESIS_HASH, 1);
  // Segments whose predecessor is gone: the chain goes on after removed (or rewritten) entries.
  const sorted = [...nodes].sort((a, b) => a.seq - b.seq);
  for (const n of sorted) {
    if (placed.has(n) || byHash.has(n.prevHash) || n.prevHash === GENESIS_HASH) continue;
    const seq = verifiesAt(n, n.seq) ? n.seq : Math.max(n.seq, lastSeq + 1);
    const missing = seq - lastSeq - 1;
    findings.push({
      code: 'removed',
      seq: n.seq,
      kind: n.kind,
      ref: n.ref,
      message:
        missing > 0
          ? `${missing === 1 ? `the entry published as seq ${lastSeq + 1} was` : `the entries published as seq ${lastSeq + 1}–${seq - 1} were`} removed: ${who(n)} follows ${missing === 1 ? 'it' : 'them'} in the chain (its previous hash ${short(n.prevHash)} is not in the ledger)`
          : `the entry before ${who(n)} in the chain (hash ${short(n.prevHash)}) is not in the ledger: it was removed and the seqs closed up, or it was rewritten`,
    });
    n.chainSeq = seq;
    placed.add(n);
    lastSeq = walk(n.hash, seq + 1);
  }
  for (const n of sorted) {
    if (!placed.has(n)) {
      findings.push({
        code: 'inserted',
        seq: n.seq,
        kind: n.kind,
        ref: n.ref,
        message: `${who(n)} is not part of the chain: it was inserted (its previous hash ${short(n.prevHash)} is ${byHash.has(n.prevHash) ? `that of seq ${byHash.get(n.prevHash)!.seq}, whose genuine successor is another entry` : 'not in the ledger'})`,
      });
      continue;
    }
    const at = n.chainSeq!;
    if (at !== n.seq && verifiesAt(n, at)) {
      findings.push({
        code: 'reordered',
        seq: n.seq,
        kind: n.kind,
        ref: n.ref,
        message: `${who(n)} was published as seq ${at}: the entries were reordered or renumbered`,
      });
    } else if (!verifiesAt(n, n.seq)) {
      findings.push({
        code: 'entry-altered',
        seq: n.seq,
        kind: n.kind,
        ref: n.ref,
        message: `${who(n)}: the entry was altered — its seq, kind, ref, publishedAt (${n.publishedAt}) or contentHash no longer give its hash ${short(n.hash)}`,
      });
    }
  }
  return findings;
}

/** Findings in seq order (null seqs last), stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.seq ?? Infinity) - (b.f.seq ?? Infinity) || a.i - b.i)
    .map(({ f }) => f);
}
