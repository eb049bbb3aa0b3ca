/**
 * `ledger verify` against a database: the hash chain of `ledger_entry` (see `ledger-verify.ts`), each
 * entry against its live publication through the registered resolvers (`ledger-kinds.ts`), and —
 * given a copy someone downloaded earlier — the copy against the database.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { contentHash, sha256Hex } from './ledger.ts';
import { ledgerKindResolver, ledgerKindResolvers } from './ledger-kinds.ts';
import { readLedgerPage, streamLedger } from './ledger-store.ts';
import {
  sortFindings,
  verifyChain,
  type ChainReport,
  type Finding,
  type VerifyEntry,
} from './ledger-verify.ts';

/** The outcome of `ledger verify`. */
export interface LedgerReport extends ChainReport {
  /** True when nothing was found. */
  intact: boolean;
  /** Entries compared with their live publication, by kind. */
  liveChecked: Record<string, number>;
  /** Kinds in the ledger without a registered resolver (their live publications were not checked). */
  unresolvedKinds: string[];
}

const BATCH = 500;

/** `VerifyEntry`s of the database's ledger, in seq order. */
export function databaseEntries(db: Kysely<DB>): () => AsyncIterable<VerifyEntry> {
  return async function* entries() {
    for await (const e of streamLedger(db, BATCH)) {
      const { documentText, ...rest } = e;
      yield { ...rest, documentText };
    }
  };
}

/**
 * Verifies the ledger of `db`: the chain, the stored documents, and every entry whose kind has a
 * resolver against its live publication (altered or missing), plus live publications that have no
 * ledger entry (when the resolver can list its refs).
 */
export async function verifyLedgerDatabase(db: Kysely<DB>): Promise<LedgerReport> {
  const live: Finding[] = [];
  const liveChecked: Record<string, number> = {};
  const unresolved = new Set<string>();
  const pending = new Map<string, VerifyEntry[]>();
  const flush = async (kind: string) => {
    const batch = pending.get(kind) ?? [];
    pending.delete(kind);
    const resolver = ledgerKindResolver(kind);
    if (!resolver || batch.length === 0) return;
    const docs = await resolver.load(
      db,
      batch.map((e) => e.ref),
    );
    for (const e of batch) {
      liveChecked[kind] = (liveChecked[kind] ?? 0) + 1;
      live.push(...compareLive(e, docs.has(e.ref), docs.get(e.ref)));
    }
  };
  const chain = await verifyChain(databaseEntries(db), async (e) => {
    if (!ledgerKindResolver(e.kind)) {
      unresolved.add(e.kind);
      return;
    }
    const list = pending.get(e.kind) ?? [];
    list.push(e);
    pending.set(e.kind, list);
    if (list.length >= BATCH) await flush(e.kind);
  });
  for (const kind of [...pending.keys()]) await flush(kind);
  for (const resolver of ledgerKindResolvers()) {
    if (!resolver.listRefs) continue;
    let refs: string[] = [];
    const check = async () => {
      const known = new Set(
        (
          await db
            .selectFrom('ledger_entry')
            .select('ref')
            .where('kind', '=', resolver.kind)
            .where('ref', 'in', refs)
            .execute()
        ).map((r) => r.ref),
      );
      for (const ref of refs) {
        if (!known.has(ref)) {
          live.push({
            code: 'live-unledgered',
            seq: null,
            kind: resolver.kind,
            ref,
            message: `${resolver.kind} ${ref} is published but has no ledger entry: its entry was removed, or it was published behind the ledger's back`,
          });
        }
      }
      refs = [];
    };
    for await (const ref of resolver.listRefs(db)) {
      refs.push(ref);
      if (refs.length >= BATCH) await check();
    }
    if (refs.length > 0) await check();
  }
  const findings = sortFindings([...chain.findings, ...live]);
  return {
    ...chain,
    findings,
    intact: findings.length === 0,
    liveChecked,
    unresolvedKinds: [...unresolved].sort(),
  };
}

/** Findings for one entry against its live document (`exists` false when the publication is gone). */
function compareLive(e: VerifyEntry, exists: boolean, document: unknown): Finding[] {
  const base = { seq: e.seq, kind: e.kind, ref: e.ref };
  if (!exists) {
    return [
      {
        ...base,
        code: 'live-missing',
        message: `seq ${e.seq} (${e.kind} ${e.ref}): the live publication is missing (deleted from its table)`,
      },
    ];
  }
  const liveHash = contentHash(document);
  if (liveHash === e.contentHash) return [];
  let where = '';
  if (e.documentText !== null && sha256Hex(e.documentText) === e.contentHash) {
    const paths = differences(JSON.parse(e.documentText) as unknown, document, '', []);
    if (paths.length > 0)
      where = ` at ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`;
  }
  return [
    {
      ...base,
      code: 'live-altered',
      message: `seq ${e.seq} (${e.kind} ${e.ref}): the live publication differs from what was published${where} (it hashes to ${liveHash.slice(0, 12)}…, the ledger says ${e.contentHash.slice(0, 12)}…)`,
    },
  ];
}

/** JSON pointers where `a` and `b` differ (objects by key, arrays by position). */
function differences(a: unknown, b: unknown, at: string, out: string[]): string[] {
  if (out.length > 20) return out;
  const isObj = (x: unknown) => x !== null && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of [...keys].sort())
      differences(ao[k], bo[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at === '' ? '/' : at);
  return out;
}

/**
 * Compares a copy of the ledger (e.g. downloaded last month) with the database's: every entry of the
 * copy must still be in the database at the same seq with the same hash. This catches what the chain
 * alone cannot — the last entries removed, or the whole chain rewritten from some point on.
 */
export async function compareWithCopy(
  db: Kysely<DB>,
  copy: () => AsyncIterable<VerifyEntry>,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  let batch: VerifyEntry[] = [];
  const check = async () => {
    const first = batch[0]!.seq;
    const last = batch[batch.length - 1]!.seq;
    const stored = new Map(
      (await readLedgerPage(db, first - 1, Math.max(last - first + 1, 1))).map((e) => [e.seq, e] as const),
    );
    for (const e of batch) {
      const s = stored.get(e.seq);
      if (!s) {
        findings.push({
          code: 'copy-missing',
          seq: e.seq,
          kind: e.kind,
          ref: e.ref,
          message: `seq ${e.seq} (${e.kind} ${e.ref}) of the copy is not in the database: removed`,
        });
        continue;
      }
      if (s.hash === e.hash) continue;
      const fields = (['kind', 'ref', 'publishedAt', 'contentHash', 'prevHash', 'hash'] as const).filter(
        (f) => s[f] !== e[f],
      );
      findings.push({
        code: 'copy-differs',
        seq: e.seq,
        kind: e.kind,
        ref: e.ref,
        message: `seq ${e.seq} (${e.kind} ${e.ref}) differs between the copy and the database in ${fields.join(', ')} (database: ${s.kind} ${s.ref}, hash ${s.hash.slice(0, 12)}…)`,
      });
    }
    batch = [];
  };
  for await (const e of copy()) {
    if (batch.length > 0 && (e.seq !== batch[batch.length - 1]!.seq + 1 || batch.length >= BATCH))
      await check();
    batch.push(e);
  }
  if (batch.length > 0) await check();
  return findings;
}
