/**
 * What an uploaded file is: its cleaned name, its type checked both by extension and by content
 * (magic bytes, read by the `file-type` library), its size and its SHA-256. Pure apart from hashing.
 */
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { fold } from '../../text/fold.ts';
import { DocumentError } from './errors.ts';
import { ACCEPTED_EXTENSIONS, limitMb, typeOfExtension, type DocumentLimits } from './limits.ts';

/** Longest file name kept, characters (the extension is kept when shortening). */
export const MAX_NAME_CHARS = 200;

/** A file that passed every check, ready to store. */
export interface InspectedFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** Lower-case hex. */
  sha256: string;
  content: Buffer;
}

// Control characters (C0, DEL, C1), bidirectional overrides and lone surrogates are dropped.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * A file name as stored and shown: the last part of any path (`/` or `\`), without control
 * characters, with `<>:"|?*` replaced by `_`, NFC (Vietnamese letters kept), single spaces, no
 * leading or trailing dots or spaces, at most `MAX_NAME_CHARS` characters (extension kept).
 * E.g. `../../Hồ sơ mời thầu\u0000.pdf` → `Hồ sơ mời thầu.pdf`. Returns `''` when nothing is left.
 */
export function cleanFileName(raw: string): string {
  let name = String(raw).replace(CONTROL, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .normalize('NFC')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (RESERVED.test(name)) name = `_${name}`;
  const chars = [...name];
  if (chars.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name =
      chars
        .slice(0, MAX_NAME_CHARS - ext.length)
        .join('')
        .trimEnd() + ext;
  }
  return name;
}

/**
 * An ASCII form of a cleaned name for URLs: `Hồ sơ mời thầu (bản 2).pdf` → `Ho-so-moi-thau-ban-2.pdf`,
 * at most 80 characters; `tai-lieu` when nothing is left.
 */
export function urlName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot + 1)] : [fileName, ''];
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const s = ascii(stem).slice(0, 70).replace(/-+$/, '') || 'tai-lieu';
  const e = ascii(ext).toLowerCase().slice(0, 8);
  return e ? `${s}.${e}` : s;
}

/** The extension of a cleaned name, lower case without the dot (`''` when none). */
function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fold(fileName.slice(dot + 1)) : '';
}

/**
 * Checks one uploaded file: a name with an accepted extension, not empty, not larger than
 * `limits.fileBytes`, content of the type its extension says.
 * @throws DocumentError `invalid-file` (400: no name, empty), `too-large` (413), `unsupported-type`
 *   (415: extension not accepted, content not recognised or of another type).
 */
export async function inspectFile(
  rawName: string,
  content: Buffer,
  limits: DocumentLimits,
): Promise<InspectedFile> {
  const fileName = cleanFileName(rawName);
  const shown = fileName || String(rawName).slice(0, 100);
  if (!fileName) {
    throw new DocumentError(
      'invalid-file',
      'The file has no usable name.',
      'Tệp không có tên hợp lệ; hãy đặt tên tệp có phần mở rộng (ví dụ .pdf).',
    );
  }
  const type = typeOfExtension(extensionOf(fileName));
  const accepted = ACCEPTED_EXTENSIONS.join(', ');
  if (!type) {
    throw new DocumentError(
      'unsupported-type',
      `"${shown}": this type of file is not accepted; accepted: ${accepted}.`,
      `Tệp “${shown}”: loại tệp này không được nhận; chỉ nhận ${accepted}.`,
      fileName,
    );
  }
  if (content.length === 0) {
    throw new DocumentError(
      'invalid-file',
      `"${shown}" is empty.`,
      `Tệp “${shown}” rỗng (0 byte).`,
      fileName,
    );
  }
  if (content.length > limits.fileBytes) {
    throw tooLargeFile(fileName, limits.fileBytes);
  }
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !type.detected.includes(detected.ext)) {
    const what = detected ? `a ${detected.ext.toUpperCase()} file` : 'not a recognisable file';
    const whatVi = detected ? `là tệp ${detected.ext.toUpperCase()}` : 'không phải định dạng nhận dạng được';
    throw new DocumentError(
      'unsupported-type',
      `"${shown}": the name says ${type.label} but the content is ${what}; the file is refused.`,
      `Tệp “${shown}”: tên tệp là ${type.label} nhưng nội dung ${whatVi}; tệp không được nhận.`,
      fileName,
    );
  }
  return {
    fileName,
    mediaType: type.mediaType,
    sizeBytes: content.length,
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    content,
  };
}

/** 413 for a file over the per-file limit, naming the file (cleaned) and the limit. */
export function tooLargeFile(rawName: string, limit: number): DocumentError {
  const name = cleanFileName(rawName) || 'tệp';
  return new DocumentError(
    'too-large',
    `"${name}" is larger than ${limitMb(limit)}, the largest file accepted.`,
    `Tệp “${name}” lớn hơn ${limitMb(limit)}, dung lượng tối đa của một tệp.`,
    name,
  );
}
