/**
 * Why a bidding-document action is refused, with the HTTP status the web layer answers:
 * `too-large` 413 (a file or the draft's total over its limit), `unsupported-type` 415 (extension or
 * content not accepted, or the two disagree), `too-many-files` 413, `invalid-file` 400 (empty, no
 * name, a malformed upload), `wrong-kind` 409 (the draft's kind carries no documents). Each message
 * names the file and the limit, in Vietnamese and English. Nothing has been written.
 */

import { limitMb, type DocumentLimits } from './limits.ts';

/** Stable codes of document refusals. */
export type DocumentErrorCode =
  'too-large' | 'too-many-files' | 'unsupported-type' | 'invalid-file' | 'wrong-kind' | 'not-found';

const STATUS: Record<DocumentErrorCode, number> = {
  'too-large': 413,
  'too-many-files': 413,
  'unsupported-type': 415,
  'invalid-file': 400,
  'wrong-kind': 409,
  'not-found': 404,
};

/** A refused upload, deletion or download. */
export class DocumentError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    /** Vietnamese message for pages (and `messageVi` in the API). */
    readonly messageVi: string,
    /** The file concerned (its cleaned name), when there is one. */
    readonly fileName?: string,
  ) {
    super(message);
    this.name = 'DocumentError';
    this.status = STATUS[code];
  }
}

/** No document `id` on this draft or notice (or one the caller may not see). */
export function documentNotFound(id: number | string): DocumentError {
  const shown = String(id).slice(0, 20);
  return new DocumentError('not-found', `No document ${shown} here.`, `Không tìm thấy tài liệu số ${shown}.`);
}

/** 413 for a draft whose files would go over its total, naming the file and the limit. */
export function tooLargeDraft(fileName: string, limits: DocumentLimits): DocumentError {
  return new DocumentError(
    'too-large',
    `"${fileName}" would bring the draft's documents over ${limitMb(limits.draftBytes)} in total.`,
    `Tệp “${fileName}” làm tổng dung lượng hồ sơ của bản nháp vượt ${limitMb(limits.draftBytes)}.`,
    fileName,
  );
}

/** 413 for a draft that would hold more files than allowed, naming the file and the limit. */
export function tooManyFiles(fileName: string, limits: DocumentLimits): DocumentError {
  if (!fileName) {
    return new DocumentError(
      'too-many-files',
      `Too many files: a draft holds at most ${limits.files} files.`,
      `Quá nhiều tệp: mỗi bản nháp có tối đa ${limits.files} tệp.`,
    );
  }
  return new DocumentError(
    'too-many-files',
    `"${fileName}": a draft holds at most ${limits.files} files.`,
    `Tệp “${fileName}”: mỗi bản nháp có tối đa ${limits.files} tệp.`,
    fileName,
  );
}
