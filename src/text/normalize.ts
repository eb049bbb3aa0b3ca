/** U+0000 (PostgreSQL text cannot hold it), other C0 controls but tab/newline, and lone surrogates. */
const UNSTORABLE_PATTERN =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Unicode normalisation of text from sources. The national system mixes NFC and decomposed (NFD)
 * Vietnamese; everything we store is NFC with trimmed ends and single inner spaces, without control
 * characters or lone surrogates (which PostgreSQL cannot store).
 * Returns `null` for null/undefined or a string that is empty after cleaning.
 */
export function nfc(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = String(text).replace(UNSTORABLE_PATTERN, '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * `nfc()` for text written in lines (a question, an answer): the same cleaning, but line breaks are
 * kept — each line trimmed and single-spaced, CR LF as LF, at most one empty line in a row.
 */
export function nfcMultiline(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = String(text)
    .replace(UNSTORABLE_PATTERN, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return t === '' ? null : t;
}

/** True when `text` holds characters that `nfc()` removes because PostgreSQL cannot store them. */
export function hasUnstorable(text: string): boolean {
  return new RegExp(UNSTORABLE_PATTERN.source).test(text);
}
