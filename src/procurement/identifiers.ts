/**
 * Identifier formats of the national e-procurement system (procurement-domain.md §6), defined once.
 */

/** Notice (TBMT) number without version: `IB` + 2-digit year + 8 digits. */
export const NOTIFY_NO = /^IB\d{10}$/;

/** Tax code (mã số thuế): 10 digits, or 13 for a branch (a dash before the last 3 allowed). */
export const TAX_CODE = /^(\d{10})(?:-?(\d{3}))?$/;

/**
 * National organisation code, lower case: `vn` + tax code (contractors, most agencies) or `vnz…`
 * (units without a tax code); at most 20 characters. Anything else is not used as an identity.
 */
export const NATIONAL_ORG_CODE = /^(?=.{3,20}$)vnz?[0-9a-z]+(-[0-9]+)?$/;

/** The tax code inside a national organisation code (`vn0317079577` → `0317079577`), or null. */
export function taxCodeOfOrgCode(code: string | null | undefined): string | null {
  const m = /^vn(\d{10}(?:-?\d{3})?)$/.exec(code ?? '');
  return m ? m[1]! : null;
}
