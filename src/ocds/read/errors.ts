/**
 * Stable codes of {@link OcdsReadError}: why an input cannot be read as OCDS at all.
 * Documented in `docs/ocds-validate.md`.
 */
export const READ_ERROR_CODES = {
  'not-utf8': 'the file is not UTF-8 (e.g. Latin-1 or Windows-1252): re-encode it as UTF-8',
  utf16: 'the file is UTF-16: re-encode it as UTF-8',
  'not-json': 'the text is not well-formed JSON',
  'empty-input': 'the input holds no JSON document',
  'top-level-null': 'a JSON document is `null`, not a package, release or record',
  'top-level-number': 'a JSON document is a number, not a package, release or record',
  'top-level-string': 'a JSON document is a string, not a package, release or record',
  'top-level-boolean': 'a JSON document is `true` or `false`, not a package, release or record',
  'empty-array': 'a JSON document is an empty array `[]`: no release, record or package',
  'array-item-not-object': 'an element of a top-level array is not an object',
  'unknown-format':
    'an object that is neither a package (`releases`/`records`) nor a release or record (`ocid`)',
  'releases-not-array': '`releases` of a package or record is not an array',
  'records-not-array': '`records` of a record package is not an array',
  'io-error': 'the file could not be read',
} as const;

/** One of the stable codes listed in {@link READ_ERROR_CODES}. */
export type OcdsReadErrorCode = keyof typeof READ_ERROR_CODES;

/**
 * The input cannot be read as OCDS: wrong encoding, not JSON, or a top-level shape that is no
 * package, release or record. `message` names the problem, the file, the line and the JSON pointer
 * when known; `code` is stable (see {@link READ_ERROR_CODES}).
 */
export class OcdsReadError extends Error {
  readonly code: OcdsReadErrorCode;
  readonly file?: string;
  readonly pointer?: string;
  readonly line?: number;
  /** The bare problem, without the file/line/pointer location. */
  readonly detail: string;

  constructor(
    code: OcdsReadErrorCode,
    detail: string,
    where: { file?: string; line?: number; pointer?: string } = {},
  ) {
    const loc = [
      where.file,
      where.line !== undefined ? `line ${where.line}` : undefined,
      where.pointer !== undefined ? `pointer "${where.pointer}"` : undefined,
    ].filter((x) => x !== undefined);
    super(`${loc.length > 0 ? `${loc.join(', ')}: ` : ''}${detail} [${code}]`);
    this.name = 'OcdsReadError';
    this.code = code;
    this.detail = detail;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.pointer !== undefined) this.pointer = where.pointer;
  }
}
