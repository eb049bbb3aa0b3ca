/**
 * Reading a bidding document back with its bytes: a draft's (for the accounts that may see the draft)
 * or a published one (for everyone). Bytes travel as base64 text (fast on PGlite, same on PostgreSQL).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Principal } from '../../accounts/access.ts';
import type { DB } from '../../db/generated/db.ts';
import { getDraft } from '../drafts.ts';
import { documentNotFound } from './errors.ts';
import { toDocumentView, VIEW_COLUMNS, type DocumentView } from './store.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A document with its bytes, for a download. */
export interface DocumentFile {
  view: DocumentView;
  content: Buffer;
}

async function readFile(db: Db, where: { id: number; draftId?: number; notifyNo?: string }) {
  let q = db
    .selectFrom('publication_document')
    .select([...VIEW_COLUMNS, sql<string>`encode(content, 'base64')`.as('content_b64')])
    .where('id', '=', where.id);
  if (where.draftId !== undefined) q = q.where('draft_id', '=', where.draftId);
  if (where.notifyNo !== undefined)
    q = q.where('notify_no', '=', where.notifyNo).where('published_at', 'is not', null);
  const r = await q.executeTakeFirst();
  return r ? { view: toDocumentView(r), content: Buffer.from(r.content_b64, 'base64') } : null;
}

/**
 * Document `docId` of draft `draftId` with its bytes, for a caller who may see the draft (its agency's
 * publishers, monitors).
 * @throws PublishError `not-found`, `forbidden-agency`; DocumentError `not-found`.
 */
export async function readDraftDocument(
  db: Db,
  principal: Principal,
  draftId: number,
  docId: number,
): Promise<DocumentFile> {
  await getDraft(db, principal, draftId);
  const file = await readFile(db, { id: docId, draftId });
  if (!file) throw documentNotFound(docId);
  return file;
}

/**
 * Published document `docId` of notice `notifyNo` with its bytes (public); `null` when there is no
 * such published document (a draft's document is never returned here).
 */
export async function readPublishedDocument(
  db: Db,
  notifyNo: string,
  docId: number,
): Promise<DocumentFile | null> {
  if (!Number.isSafeInteger(docId) || docId <= 0) return null;
  return readFile(db, { id: docId, notifyNo });
}
