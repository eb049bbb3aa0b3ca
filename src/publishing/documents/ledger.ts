/**
 * Published bidding documents in the public ledger (kind `tbmt-document`, ref = document id): each
 * file's notice, version, name, type, size and the SHA-256 **of its stored bytes**, computed by the
 * database from the bytes themselves — the same function at publication and at `ledger verify`, so a
 * file whose bytes (or name, or version) were changed after publication no longer matches its entry.
 * Importing this module registers the kind (listed in `KIND_MODULES` of src/cli/ledger.ts).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { registerLedgerKind } from '../../audit/ledger-kinds.ts';
import type { DB } from '../../db/generated/db.ts';

/** Ledger kind of a published bidding document. */
export const DOCUMENT_LEDGER_KIND = 'tbmt-document';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The ledger documents of the published files `ids` (drafts' files have none): `{notifyNo, version,
 * fileName, mediaType, sizeBytes, sha256 (hex, of the bytes), publishedAt (ISO UTC)}`.
 */
export async function documentLedgerDocuments(db: Db, ids: readonly string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const numeric = ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  if (numeric.length === 0) return out;
  const rows = await db
    .selectFrom('publication_document')
    .select([
      'id',
      'notify_no',
      'version',
      'file_name',
      'media_type',
      'size_bytes',
      'published_at',
      sql<string>`encode(sha256(content), 'hex')`.as('bytes_sha256'),
    ])
    .where('id', 'in', numeric)
    .where('published_at', 'is not', null)
    .execute();
  for (const r of rows) {
    out.set(String(r.id), {
      notifyNo: r.notify_no,
      version: r.version,
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.bytes_sha256,
      publishedAt: new Date(r.published_at!).toISOString(),
    });
  }
  return out;
}

/** Every published document, in id order, 1000 at a time. */
async function* listRefs(db: Kysely<DB>): AsyncIterable<string> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('publication_document')
      .select('id')
      .where('published_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    for (const r of rows) yield String(r.id);
    if (rows.length < 1000) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

registerLedgerKind({ kind: DOCUMENT_LEDGER_KIND, load: documentLedgerDocuments, listRefs });
