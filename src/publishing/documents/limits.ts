/**
 * Limits and accepted types of the bidding documents (hồ sơ mời thầu, HSMT/E-HSMT) an agency attaches
 * to a TBMT or amendment draft. The figures are minhbach's own (the law only says the documents are
 * published free with the notice, Circular 79/2025/TT-BTC Art. 18.1): large enough for real HSMT
 * packages (PDF volumes, drawings, Excel bills of quantities), small enough for one database row each.
 * docs/documents.md lists them.
 */

/** Largest file, bytes (20 MB = 20 × 1024 × 1024). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Most files per draft. */
export const MAX_FILES_PER_DRAFT = 30;
/** Largest total of a draft's files, bytes (200 MB). */
export const MAX_DRAFT_BYTES = 200 * 1024 * 1024;

/** The limits checked by `addDocuments` (tests pass smaller ones). */
export interface DocumentLimits {
  fileBytes: number;
  files: number;
  draftBytes: number;
}

/** The limits in force. */
export const DOCUMENT_LIMITS: DocumentLimits = {
  fileBytes: MAX_FILE_BYTES,
  files: MAX_FILES_PER_DRAFT,
  draftBytes: MAX_DRAFT_BYTES,
};

/** Draft kinds that carry bidding documents. */
export const DOCUMENT_KINDS = ['tbmt', 'amendment'] as const;

/** One accepted type: its extensions, the media type served, and what the content may be detected as. */
export interface AcceptedType {
  /** Lower-case extensions without the dot. */
  extensions: string[];
  /** Media type stored and sent (Content-Type, OCDS `format`). */
  mediaType: string;
  /** `file-type` extensions the content may be detected as. */
  detected: string[];
  /** Short label for pages. */
  label: string;
}

/**
 * The accepted types. A file is accepted when its extension is listed and its content (magic bytes,
 * read by `file-type`) is one of the row's `detected` kinds. Old Office files (DOC, XLS) are
 * Compound File Binary containers (`cfb`); DOCX/XLSX are ZIP containers that `file-type` usually
 * recognises as such, and a plain `zip` is tolerated for them (some generators order the entries so
 * that the kind cannot be told).
 */
export const ACCEPTED_TYPES: AcceptedType[] = [
  { extensions: ['pdf'], mediaType: 'application/pdf', detected: ['pdf'], label: 'PDF' },
  { extensions: ['doc'], mediaType: 'application/msword', detected: ['cfb'], label: 'Word (DOC)' },
  {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: ['docx', 'zip'],
    label: 'Word (DOCX)',
  },
  { extensions: ['xls'], mediaType: 'application/vnd.ms-excel', detected: ['cfb'], label: 'Excel (XLS)' },
  {
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: ['xlsx', 'zip'],
    label: 'Excel (XLSX)',
  },
  { extensions: ['zip'], mediaType: 'application/zip', detected: ['zip'], label: 'ZIP' },
  { extensions: ['rar'], mediaType: 'application/vnd.rar', detected: ['rar'], label: 'RAR' },
  { extensions: ['7z'], mediaType: 'application/x-7z-compressed', detected: ['7z'], label: '7Z' },
  { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', detected: ['jpg'], label: 'JPEG' },
  { extensions: ['png'], mediaType: 'image/png', detected: ['png'], label: 'PNG' },
];

/** `.pdf, .doc, …` for messages and the `accept` attribute. */
export const ACCEPTED_EXTENSIONS = ACCEPTED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`));

/** The accepted type of extension `ext` (lower case, no dot), if any. */
export function typeOfExtension(ext: string): AcceptedType | undefined {
  return ACCEPTED_TYPES.find((t) => t.extensions.includes(ext));
}

/** The label of media type `mediaType` (e.g. `PDF`), or the media type itself. */
export function typeLabel(mediaType: string): string {
  return ACCEPTED_TYPES.find((t) => t.mediaType === mediaType)?.label ?? mediaType;
}

/** `20 MB` style size of a limit in bytes (binary megabytes, as the limits are set). */
export function limitMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`.replace('.', ',');
}
