/**
 * Bidding documents on the web (Vietnamese, no JavaScript needed, every POST with its `_csrf`):
 * - `GET /dang-tai/ban-nhap/:id/tai-lieu` the draft's files and the upload form (publisher or monitor);
 * - `POST /dang-tai/ban-nhap/:id/tai-lieu` multipart upload → 303 back, or the page with the refusal
 *   (400/409/413/415) naming the file and the limit;
 * - `POST /dang-tai/ban-nhap/:id/tai-lieu/:docId/xoa` delete while a draft → 303 back;
 * - `GET /dang-tai/ban-nhap/:id/tai-lieu/:docId/:name` a draft's file (its agency's accounts, monitors);
 * - `GET /tbmt/:no/tai-lieu/:docId/:name` a published file (public).
 * Also registers the JSON API of documents (`/api/v1/publish/drafts/:id/documents…`).
 */
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { DocumentError } from '../../publishing/documents/errors.ts';
import {
  addDocuments,
  deleteDocument,
  listDraftDocuments,
  uploadAllowance,
} from '../../publishing/documents/store.ts';
import { DOCUMENT_KINDS } from '../../publishing/documents/limits.ts';
import { readDraftDocument, readPublishedDocument } from '../../publishing/documents/read.ts';
import { getDraft } from '../../publishing/drafts.ts';
import { PublishError } from '../../publishing/errors.ts';
import { MULTIPART_OPTIONS, readUploads, sendDocument } from '../api/publish-documents-io.ts';
import { publishDocumentsApiRoutes } from '../api/publish-documents.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { forbiddenAgency } from '../auth/errors.ts';
import { principalOf, requireAccount, requireRole } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import { DraftDocumentsPage } from '../pages/publish-documents.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the documents pages plugin. */
export interface PublishDocumentsRouteOptions {
  database: Database;
}

const HTML = 'text/html; charset=utf-8';
const Id = Type.String({ pattern: '^[0-9]{1,15}$' });
const DraftParams = Type.Object({ id: Id });
const DocParams = Type.Object({ id: Id, docId: Id });
const FileParams = Type.Object({ id: Id, docId: Id, name: Type.String({ maxLength: 200 }) });
const PublicParams = Type.Object({
  no: Type.String({ pattern: '^IB[0-9]{10}$' }),
  docId: Id,
  name: Type.String({ maxLength: 200 }),
});

/** Registers the documents pages, the public download and the documents API. */
export const publishDocumentsRoutes: FastifyPluginAsyncTypebox<PublishDocumentsRouteOptions> = async (
  app,
  { database },
) => {
  await app.register(publishDocumentsApiRoutes, { database, prefix: '/api/v1/publish' });
  await app.register(multipart, MULTIPART_OPTIONS);
  const db = database.db;
  const read = { onRequest: [requireAccount, requireRole('publisher', 'monitor')] };
  const write = { onRequest: [requireAccount, requireRole('publisher')] };

  /** A refusal as the web answers it: 403/404 through the error page; the rest on the page. */
  const pageError = (e: unknown): string => {
    if (e instanceof PublishError) {
      if (e.detail.code === 'forbidden-agency') throw forbiddenAgency(e.detail.refusal);
      if (e.detail.code === 'not-found') throw notFound('draft', 'bản nháp');
      return e.messageVi;
    }
    if (e instanceof DocumentError) {
      if (e.code === 'not-found') throw notFound('document', 'tài liệu');
      return e.messageVi;
    }
    throw e;
  };
  const statusOf = (e: unknown) =>
    e instanceof DocumentError ? e.status : e instanceof PublishError ? 409 : 500;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { error?: string; uploaded?: number } = {},
    status = 200,
  ) => {
    const who = principalOf(request);
    let draft;
    try {
      draft = await getDraft(db, who, id);
    } catch (e) {
      pageError(e);
      throw e;
    }
    const documents = await listDraftDocuments(db, id);
    const canWrite =
      who.role === 'publisher' &&
      draft.status === 'draft' &&
      (DOCUMENT_KINDS as readonly string[]).includes(draft.kind);
    return reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <DraftDocumentsPage
            ctx={await pageContext(database, request)}
            csrf={csrfToken(request, reply)}
            draft={draft}
            documents={documents}
            canWrite={canWrite}
            {...extra}
          />,
        ),
      );
  };

  app.get(
    '/dang-tai/ban-nhap/:id/tai-lieu',
    {
      ...read,
      schema: {
        hide: true,
        params: DraftParams,
        querystring: Type.Object({ 'da-tai': Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }),
      },
    },
    async (request, reply) => {
      const uploaded = Number(request.query['da-tai'] ?? 0) || undefined;
      return page(request, reply, Number(request.params.id), { uploaded });
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id/tai-lieu',
    { ...write, schema: { hide: true, params: DraftParams } },
    async (request, reply) => {
      const who = principalOf(request);
      const id = Number(request.params.id);
      try {
        const room = await uploadAllowance(db, who, id);
        const files = await readUploads(request, room);
        const stored = await addDocuments(db, who, id, files);
        return reply.redirect(`/dang-tai/ban-nhap/${id}/tai-lieu?da-tai=${stored.length}`, 303);
      } catch (e) {
        const error = pageError(e);
        return page(request, reply, id, { error }, statusOf(e));
      }
    },
  );

  app.post(
    '/dang-tai/ban-nhap/:id/tai-lieu/:docId/xoa',
    { ...write, preValidation: verifyCsrf, schema: { hide: true, params: DocParams } },
    async (request, reply) => {
      const id = Number(request.params.id);
      try {
        await deleteDocument(db, principalOf(request), id, Number(request.params.docId));
        return reply.redirect(`/dang-tai/ban-nhap/${id}/tai-lieu`, 303);
      } catch (e) {
        const error = pageError(e);
        return page(request, reply, id, { error }, statusOf(e));
      }
    },
  );

  app.get(
    '/dang-tai/ban-nhap/:id/tai-lieu/:docId/:name',
    { ...read, schema: { hide: true, params: FileParams } },
    async (request, reply) => {
      const p = request.params;
      try {
        const file = await readDraftDocument(db, principalOf(request), Number(p.id), Number(p.docId));
        return sendDocument(request, reply, file);
      } catch (e) {
        pageError(e);
        throw e;
      }
    },
  );

  app.get(
    '/tbmt/:no/tai-lieu/:docId/:name',
    { schema: { hide: true, params: PublicParams } },
    async (request, reply) => {
      const p = request.params;
      const file = await readPublishedDocument(db, p.no, Number(p.docId));
      if (!file) throw notFound(`document ${p.docId} of ${p.no}`, `tài liệu số ${p.docId} của ${p.no}`);
      // One address per file: another name segment is sent to the canonical one.
      if (p.name !== file.view.urlName) return reply.redirect(file.view.path, 301);
      return sendDocument(request, reply, file);
    },
  );
};
