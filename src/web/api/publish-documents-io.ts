/**
 * The HTTP side of bidding documents shared by the API and the pages: reading a multipart upload
 * (the `_csrf` field checked before any file byte is read; each file and the draft's total stopped as
 * soon as they pass their limit, so an oversized upload is never held whole in memory) and sending a
 * stored document (RFC 5987/6266 Content-Disposition, its media type, nosniff, cache headers).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentError } from '../../publishing/documents/errors.ts';
import { tooLargeFile } from '../../publishing/documents/inspect.ts';
import { DOCUMENT_LIMITS, MAX_FILES_PER_DRAFT, MAX_FILE_BYTES } from '../../publishing/documents/limits.ts';
import type { DocumentFile } from '../../publishing/documents/read.ts';
import type { DocumentView } from '../../publishing/documents/store.ts';
import { tooLargeDraft, tooManyFiles } from '../../publishing/documents/errors.ts';
import { verifyCsrf } from '../auth/csrf.ts';
import { HttpError } from '../errors.ts';
import { toJson } from './schemas/common.ts';

/** Options of `@fastify/multipart` for the document routes (limits one past ours: we refuse first). */
export const MULTIPART_OPTIONS = {
  limits: { fileSize: MAX_FILE_BYTES, files: MAX_FILES_PER_DRAFT + 1, fields: 5, fieldSize: 1000, parts: 40 },
};

/** A file as read from the request. */
export interface UploadedFile {
  name: string;
  content: Buffer;
}

/**
 * Reads the files of a multipart request (any field name), checking CSRF on the `_csrf` field (or the
 * header) before the first file. `room` is what the draft can still take (files, bytes).
 * @throws HttpError 403 `csrf-invalid`; DocumentError `invalid-file` (not multipart, malformed),
 *   `too-large`, `too-many-files`.
 */
export async function readUploads(
  request: FastifyRequest,
  room: { files: number; bytes: number },
): Promise<UploadedFile[]> {
  if (!request.isMultipart()) {
    throw new DocumentError(
      'invalid-file',
      'Send the files as multipart/form-data.',
      'Hãy chọn tệp và gửi bằng biểu mẫu tải lên (multipart/form-data).',
    );
  }
  const files: UploadedFile[] = [];
  let csrfChecked = false;
  let total = 0;
  const checkCsrf = async () => {
    if (csrfChecked) return;
    await verifyCsrf(request);
    csrfChecked = true;
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf' && !csrfChecked) {
          (request as { body: unknown }).body = { _csrf: String(part.value) };
          await checkCsrf();
        }
        continue;
      }
      await checkCsrf();
      if (!part.filename) {
        // An empty file input of a form sent without choosing a file.
        for await (const chunk of part.file) void chunk;
        continue;
      }
      if (files.length + 1 > room.files) throw tooManyFiles(part.filename, DOCUMENT_LIMITS);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (total + size > room.bytes) throw tooLargeDraft(part.filename, DOCUMENT_LIMITS);
        chunks.push(chunk);
      }
      if (part.file.truncated) throw tooLargeFile(part.filename, MAX_FILE_BYTES);
      total += size;
      files.push({ name: part.filename, content: Buffer.concat(chunks, size) });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const name = (e as { part?: { filename?: string } }).part?.filename ?? '';
      throw tooLargeFile(name, MAX_FILE_BYTES);
    }
    if (code === 'FST_FILES_LIMIT') throw tooManyFiles('', DOCUMENT_LIMITS);
    // Our own refusals pass as they are: DocumentError, and HttpError 403 `csrf-invalid` from checkCsrf.
    if (e instanceof DocumentError || e instanceof HttpError) throw e;
    // Anything else thrown while the multipart body is read is the body's fault (no boundary, a
    // boundary that does not match, a body cut short, garbage part headers): the parser's own errors
    // carry no code.
    throw new DocumentError(
      'invalid-file',
      `The upload is malformed (${code ?? (e as Error).message}).`,
      'Biểu mẫu tải lên không hợp lệ; hãy chọn lại tệp và gửi lại.',
    );
  }
  await checkCsrf();
  return files;
}

/** `filename*` value of RFC 5987: UTF-8, percent-encoded. */
function rfc5987(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/**
 * Sends `file` as a download: its media type, `Content-Disposition: attachment` with an ASCII
 * `filename` and the real name in `filename*` (RFC 6266/5987), `X-Content-Type-Options: nosniff`, a
 * sandboxing CSP, `ETag` = its SHA-256 (304 on a match). A published document never changes: cached a
 * year (`immutable`); a draft's: `private, no-store`.
 */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, file: DocumentFile) {
  const v = file.view;
  const etag = `"${v.sha256}"`;
  reply
    .header('content-type', v.mediaType)
    .header('content-disposition', `attachment; filename="${v.urlName}"; filename*=${rfc5987(v.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('etag', etag)
    .header('cache-control', v.publishedAt ? 'public, max-age=31536000, immutable' : 'private, no-store');
  if (v.publishedAt && matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.header('content-length', String(v.sizeBytes)).send(file.content);
}

/** A document in API answers: without bytes, with its download URL (path on the portal). */
export function documentJson(d: DocumentView) {
  const { path, ...rest } = d;
  return toJson({ ...rest, url: path });
}

/**
 * True when an `If-None-Match` header (RFC 9110 §13.1.2: `*`, or a list of entity tags compared
 * weakly) matches `etag`.
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}
