/**
 * Bidding documents (hồ sơ mời thầu, HSMT/E-HSMT) of drafts: upload, list, delete while the draft is a
 * draft, read back. Bytes live in `publication_document` (bytea) and every write is audited in the
 * same transaction (entity `publication_document`), so a file is stored whole with its audit row or
 * not at all. Who may act is the drafts' rule (src/publishing/drafts.ts): a publisher of the draft's
 * agency or of a unit above it writes; a monitor reads. Publication: `./publish-hook.ts`.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Principal } from '../../accounts/access.ts';
import { audit } from '../../db/audit-log.ts';
import type { DB, PublicationDocument } from '../../db/generated/db.ts';
import { assertDraft, assertPublisherOf, getDraft, toDraft, type Draft } from '../drafts.ts';
import { draftNotFound, PublishError } from '../errors.ts';
import { documentNotFound, DocumentError, tooLargeDraft, tooManyFiles } from './errors.ts';
import { inspectFile, urlName, type InspectedFile } from './inspect.ts';
import { DOCUMENT_KINDS, DOCUMENT_LIMITS, type DocumentLimits } from './limits.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A stored document without its bytes. Sizes in bytes; times UTC. */
export interface DocumentView {
  id: number;
  draftId: number;
  agencyCode: string;
  fileName: string;
  /** ASCII form of the name used in download URLs. */
  urlName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  /** Set once published with its notice version. */
  notifyNo: string | null;
  version: string | null;
  publishedAt: Date | null;
  /** Absolute URL recorded at publication when the portal's public URL is configured. */
  publicUrl: string | null;
  /** Where it is downloaded on the portal: the public path once published, the draft's path before. */
  path: string;
}

/** The columns of a view (never `content`). */
export const VIEW_COLUMNS = [
  'id',
  'draft_id',
  'agency_code',
  'file_name',
  'media_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'uploaded_at',
  'notify_no',
  'version',
  'published_at',
  'public_url',
] as const;

type ViewRow = Pick<Selectable<PublicationDocument>, (typeof VIEW_COLUMNS)[number]>;

/** Public download path of a published document: `/tbmt/{no}/tai-lieu/{id}/{url-name}`. */
export function publicDocumentPath(notifyNo: string, id: number, fileName: string): string {
  return `/tbmt/${notifyNo}/tai-lieu/${id}/${urlName(fileName)}`;
}

/** Download path of a draft's document (signed-in agency accounts): `/dang-tai/ban-nhap/{d}/tai-lieu/{id}/{name}`. */
export function draftDocumentPath(draftId: number, id: number, fileName: string): string {
  return `/dang-tai/ban-nhap/${draftId}/tai-lieu/${id}/${urlName(fileName)}`;
}

/** Row → view. */
export function toDocumentView(r: ViewRow): DocumentView {
  const id = Number(r.id);
  return {
    id,
    draftId: Number(r.draft_id),
    agencyCode: r.agency_code,
    fileName: r.file_name,
    urlName: urlName(r.file_name),
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(r.uploaded_at as unknown as string),
    notifyNo: r.notify_no,
    version: r.version,
    publishedAt: r.published_at ? new Date(r.published_at as unknown as string) : null,
    publicUrl: r.public_url,
    path: r.notify_no
      ? publicDocumentPath(r.notify_no, id, r.file_name)
      : draftDocumentPath(Number(r.draft_id), id, r.file_name),
  };
}

/** The documents of draft `draftId`, in upload order (no access check: call after `getDraft`). */
export async function listDraftDocuments(db: Db, draftId: number): Promise<DocumentView[]> {
  const rows = await db
    .selectFrom('publication_document')
    .select(VIEW_COLUMNS)
    .where('draft_id', '=', draftId)
    .orderBy('id')
    .execute();
  return rows.map(toDocumentView);
}

/** How much a draft holds: files and bytes. */
export interface DraftUsage {
  files: number;
  bytes: number;
}

async function usageOf(db: Db, draftId: number): Promise<DraftUsage> {
  const r = await db
    .selectFrom('publication_document')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string | null>('size_bytes').as('total')])
    .where('draft_id', '=', draftId)
    .executeTakeFirstOrThrow();
  return { files: Number(r.n), bytes: Number(r.total ?? 0) };
}

/** @throws DocumentError `wrong-kind` unless the draft is a TBMT or an amendment. */
function assertKind(draft: Draft): void {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(draft.kind)) {
    throw new DocumentError(
      'wrong-kind',
      `Draft ${draft.id} is a ${draft.kind}: bidding documents go with a TBMT or an amendment.`,
      `Bản nháp số ${draft.id} không phải thông báo mời thầu hoặc sửa đổi: hồ sơ mời thầu chỉ đính kèm hai loại này.`,
    );
  }
}

/**
 * What draft `draftId` can still take, checked before any byte is read: the caller may write it, it is
 * still a draft, of a kind with documents.
 * @throws PublishError `not-found`, `forbidden-agency`, `illegal-transition`; DocumentError `wrong-kind`.
 */
export async function uploadAllowance(
  db: Db,
  principal: Principal,
  draftId: number,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<{ draft: Draft; files: number; bytes: number }> {
  const draft = await getDraft(db, principal, draftId);
  await assertPublisherOf(db, principal, draft.agencyCode);
  assertDraft(draft);
  assertKind(draft);
  const used = await usageOf(db, draftId);
  return { draft, files: limits.files - used.files, bytes: limits.draftBytes - used.bytes };
}

/**
 * Stores `files` (name as sent, bytes) on draft `draftId`, all or none, in one transaction that locks
 * the draft: every file checked (`inspectFile`: type by extension and content, size), then the
 * draft's totals (`limits.files`, `limits.draftBytes`), then each row inserted with its audit row.
 * @returns the stored documents (without bytes).
 * @throws PublishError `not-found`, `forbidden-agency`, `illegal-transition`; DocumentError
 *   `wrong-kind`, `invalid-file`, `unsupported-type`, `too-large`, `too-many-files`.
 */
export async function addDocuments(
  db: Kysely<DB>,
  principal: Principal,
  draftId: number,
  files: { name: string; content: Buffer }[],
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<DocumentView[]> {
  if (files.length === 0) {
    throw new DocumentError('invalid-file', 'No file was sent.', 'Chưa chọn tệp nào để tải lên.');
  }
  const checked: InspectedFile[] = [];
  for (const f of files) checked.push(await inspectFile(f.name, f.content, limits));
  return db.transaction().execute(async (tx) => {
    const draft = await lockOwnDraft(tx, principal, draftId);
    assertDraft(draft);
    assertKind(draft);
    const used = await usageOf(tx, draftId);
    let count = used.files;
    let bytes = used.bytes;
    for (const f of checked) {
      count += 1;
      bytes += f.sizeBytes;
      if (count > limits.files) throw tooManyFiles(f.fileName, limits);
      if (bytes > limits.draftBytes) throw tooLargeDraft(f.fileName, limits);
    }
    const out: DocumentView[] = [];
    for (const f of checked) {
      const stored = await tx
        .insertInto('publication_document')
        .values({
          draft_id: draftId,
          agency_code: draft.agencyCode,
          file_name: f.fileName,
          media_type: f.mediaType,
          size_bytes: f.sizeBytes,
          sha256: f.sha256,
          // As base64 text: PGlite's binary parameter path is ~25× slower for megabytes.
          content: sql<Buffer>`decode(${f.content.toString('base64')}, 'base64')`,
          uploaded_by: principal.actor,
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await audit(tx, principal.actor, 'create', 'publication_document', Number(stored.id), null, {
        draft_id: draftId,
        file_name: f.fileName,
        media_type: f.mediaType,
        size_bytes: f.sizeBytes,
        sha256: f.sha256,
      });
      out.push(toDocumentView(stored));
    }
    return out;
  });
}

/**
 * Deletes document `docId` of draft `draftId` while the draft is a draft (audited, old values kept in
 * the audit row). A published document is never deleted (the table's trigger refuses it too).
 * @throws PublishError `not-found`, `forbidden-agency`, `illegal-transition`; DocumentError `not-found`.
 */
export async function deleteDocument(
  db: Kysely<DB>,
  principal: Principal,
  draftId: number,
  docId: number,
): Promise<DocumentView> {
  return db.transaction().execute(async (tx) => {
    const draft = await lockOwnDraft(tx, principal, draftId);
    const doc = await tx
      .selectFrom('publication_document')
      .select(VIEW_COLUMNS)
      .where('id', '=', docId)
      .where('draft_id', '=', draftId)
      .executeTakeFirst();
    if (!doc) throw documentNotFound(docId);
    const view = toDocumentView(doc);
    if (view.publishedAt) {
      throw new PublishError(
        { code: 'illegal-transition', status: 'published', allowed: [] },
        `Document ${docId} is published with ${view.notifyNo}-${view.version}; published documents are never ` +
          'deleted — publish an amendment with new documents instead.',
        `Tài liệu số ${docId} đã được đăng tải cùng ${view.notifyNo}-${view.version}; tài liệu đã đăng không ` +
          'được xóa — hãy đăng sửa đổi kèm tài liệu mới.',
      );
    }
    assertDraft(draft);
    await tx.deleteFrom('publication_document').where('id', '=', docId).execute();
    await audit(
      tx,
      principal.actor,
      'delete',
      'publication_document',
      docId,
      {
        draft_id: draftId,
        file_name: view.fileName,
        media_type: view.mediaType,
        size_bytes: view.sizeBytes,
        sha256: view.sha256,
      },
      { deleted: true },
    );
    return view;
  });
}

/**
 * Draft `draftId`, locked for the rest of `tx` (uploads and deletions of one draft queue), after
 * checking that `principal` publishes for its agency.
 * @throws PublishError `not-found`, `forbidden-agency`.
 */
async function lockOwnDraft(tx: Transaction<DB>, principal: Principal, draftId: number): Promise<Draft> {
  const row = await tx
    .selectFrom('publication_draft')
    .selectAll()
    .where('id', '=', draftId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw draftNotFound(draftId);
  const draft = toDraft(row);
  await assertPublisherOf(tx, principal, draft.agencyCode);
  return draft;
}
