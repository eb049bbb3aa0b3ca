/**
 * Publishing a draft's bidding documents with it: called by `publishDraft` inside its transaction,
 * before the facts are saved, so the notice version's OCDS release (derived from the stored story)
 * already lists them. The bidding documents are published free, at the same moment as the notice
 * (Circular 79/2025/TT-BTC Art. 18.1); an amendment's documents supersede the earlier ones (the
 * public keeps seeing every version's documents).
 */
import type { Transaction } from 'kysely';
import { appendToLedger } from '../../audit/ledger-store.ts';
import { audit } from '../../db/audit-log.ts';
import type { DB } from '../../db/generated/db.ts';
import { loadOcdsConfig } from '../../opendata/config.ts';
import type { Draft } from '../drafts.ts';
import { nextVersion } from '../map.ts';
import { DOCUMENT_LEDGER_KIND, documentLedgerDocuments } from './ledger.ts';
import { DOCUMENT_KINDS } from './limits.ts';
import { publicDocumentPath } from './store.ts';

/**
 * Marks the documents of `draft` as published with notice `notifyNo` at `now`: version `00` for a
 * TBMT, the next version after `state.version` for an amendment; the absolute URL is recorded when
 * `MINHBACH_PUBLIC_URL` is set. Each document audited (`publish`) and appended to the public ledger
 * (kind `tbmt-document`, with the SHA-256 of its bytes). Other kinds: nothing.
 * @returns how many documents were published.
 */
export async function publishDraftDocuments(
  tx: Transaction<DB>,
  draft: Draft,
  notifyNo: string,
  state: { version: string } | null,
  now: Date,
  actor: string,
): Promise<number> {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(draft.kind)) return 0;
  const version = draft.kind === 'tbmt' || !state ? '00' : nextVersion(state.version);
  const rows = await tx
    .selectFrom('publication_document')
    .select(['id', 'file_name'])
    .where('draft_id', '=', draft.id)
    .where('published_at', 'is', null)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return 0;
  const base = loadOcdsConfig().baseUrl;
  for (const r of rows) {
    const id = Number(r.id);
    const url = base ? `${base}${publicDocumentPath(notifyNo, id, r.file_name)}` : null;
    await tx
      .updateTable('publication_document')
      .set({ notify_no: notifyNo, version, published_at: now, public_url: url })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, 'publish', 'publication_document', id, null, {
      notify_no: notifyNo,
      version,
      published_at: now.toISOString(),
      public_url: url,
    });
  }
  const ledgered = await documentLedgerDocuments(
    tx,
    rows.map((r) => String(r.id)),
  );
  for (const [ref, document] of ledgered) {
    await appendToLedger(tx, { kind: DOCUMENT_LEDGER_KIND, ref, document, publishedAt: now });
  }
  return rows.length;
}
