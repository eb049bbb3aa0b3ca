/**
 * Bidding documents in the publishing API (`/api/v1/publish/drafts/{id}/documents…`, OpenAPI tag
 * `publish`): upload (multipart, one or more files, all or none), list, download and delete while the
 * draft is a draft. By API token, or by session with the `X-CSRF-Token` header (or a `_csrf` field
 * sent before the files). Answers: 201, 400 `invalid-file`, 403, 404, 409 (`illegal-transition` once
 * published, `wrong-kind`), 413 `too-large` / `too-many-files`, 415 `unsupported-type`; every refusal
 * names the file and the limit, in English and Vietnamese. See docs/documents.md.
 */
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { getDraft } from '../../publishing/drafts.ts';
import { DocumentError } from '../../publishing/documents/errors.ts';
import {
  addDocuments,
  deleteDocument,
  listDraftDocuments,
  uploadAllowance,
} from '../../publishing/documents/store.ts';
import { readDraftDocument } from '../../publishing/documents/read.ts';
import { PublishError } from '../../publishing/errors.ts';
import { verifyCsrf } from '../auth/csrf.ts';
import { principalOf, requirePrincipal, requirePublisher, requireRole } from '../auth/guards.ts';
import { documentJson, MULTIPART_OPTIONS, readUploads, sendDocument } from './publish-documents-io.ts';
import { sendPublishError } from './publish.ts';

/** Options of the documents API plugin. */
export interface PublishDocumentsApiOptions {
  database: Database;
}

/** The JSON answer of a refused document action. */
export function sendDocumentError(reply: FastifyReply, e: DocumentError) {
  return reply.code(e.status).send({
    error: {
      code: e.code,
      message: e.message,
      messageVi: e.messageVi,
      ...(e.fileName ? { fileName: e.fileName } : {}),
    },
  });
}

const Params = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const DocParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,15}$' }),
  docId: Type.String({ pattern: '^[0-9]{1,15}$' }),
});

/** Registers the document routes (prefix `/api/v1/publish`). */
export const publishDocumentsApiRoutes: FastifyPluginAsyncTypebox<PublishDocumentsApiOptions> = async (
  app,
  { database },
) => {
  await app.register(multipart, MULTIPART_OPTIONS);
  const db = database.db;
  const read = { onRequest: [requirePrincipal, requireRole('publisher', 'monitor')] };

  const run = async <T>(reply: FastifyReply, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof PublishError) {
        await sendPublishError(reply, e);
        return undefined;
      }
      if (e instanceof DocumentError) {
        await sendDocumentError(reply, e);
        return undefined;
      }
      throw e;
    }
  };

  app.post(
    '/drafts/:id/documents',
    {
      onRequest: requirePublisher,
      schema: {
        tags: ['publish'],
        summary: 'Attach bidding documents (HSMT) to a TBMT or amendment draft',
        description:
          'multipart/form-data, one or more file parts (any field name). Each file ≤ 20 MB; ≤ 30 files and ' +
          '≤ 200 MB per draft; PDF, DOC/DOCX, XLS/XLSX, ZIP, RAR, 7Z, JPG/PNG, checked by extension and by ' +
          'content. All files stored or none. Published with the draft, then immutable.',
        params: Params,
      },
    },
    async (request, reply) => {
      const who = principalOf(request);
      const id = Number(request.params.id);
      const stored = await run(reply, async () => {
        const room = await uploadAllowance(db, who, id);
        const files = await readUploads(request, room);
        return addDocuments(db, who, id, files);
      });
      if (stored) return reply.code(201).send({ documents: stored.map(documentJson) });
    },
  );

  app.get(
    '/drafts/:id/documents',
    { ...read, schema: { tags: ['publish'], summary: 'The documents of a draft', params: Params } },
    async (request, reply) => {
      const id = Number(request.params.id);
      const docs = await run(reply, async () => {
        await getDraft(db, principalOf(request), id);
        return listDraftDocuments(db, id);
      });
      if (docs) return { documents: docs.map(documentJson) };
    },
  );

  app.get(
    '/drafts/:id/documents/:docId',
    { ...read, schema: { tags: ['publish'], summary: 'Download a document of a draft', params: DocParams } },
    async (request, reply) => {
      const p = request.params;
      const file = await run(reply, () =>
        readDraftDocument(db, principalOf(request), Number(p.id), Number(p.docId)),
      );
      if (file) return sendDocument(request, reply, file);
    },
  );

  app.delete(
    '/drafts/:id/documents/:docId',
    {
      onRequest: requirePublisher,
      preValidation: verifyCsrf,
      schema: {
        tags: ['publish'],
        summary: 'Remove a document from a draft (not once published: 409)',
        params: DocParams,
      },
    },
    async (request, reply) => {
      const p = request.params;
      const done = await run(reply, () =>
        deleteDocument(db, principalOf(request), Number(p.id), Number(p.docId)),
      );
      if (done) return reply.code(204).send();
    },
  );
};
