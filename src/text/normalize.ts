/**
 * Unicode normalisation of text from sources. The national system mixes NFC and decomposed (NFD)
 * Vietnamese; everything we store is NFC with trimmed ends and single inner spaces.
 * Returns `null` for null/undefined or a string that is empty after trimming.
 */
export function nfc(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = String(text).normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}
