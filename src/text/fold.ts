/**
 * Folds Vietnamese text for diacritic- and case-insensitive search: lower case, no combining marks,
 * đ → d. `Máy biến điện áp` and `may bien dien ap` fold to the same string.
 *
 * The same function folds the indexed text and the query, so both sides agree on every database
 * (PGlite and PostgreSQL) without depending on the `unaccent` dictionary of the server.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase();
}

/**
 * Splits folded text into search words: letters and digits only, everything else separates.
 * Used to build `tsquery` terms that cannot contain tsquery operators.
 */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
