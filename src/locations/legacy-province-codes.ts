/**
 * Legacy province codes of the national e-procurement system (Hệ thống mạng đấu thầu quốc gia,
 * muasamcong.mpi.gov.vn) → official statistical (GSO) province codes.
 *
 * Most location records of the national system carry the GSO code (Hà Nội `01`, Quảng Ngãi `51`),
 * but some older records carry a code of the system's own (procurement-domain.md §6). Only codes
 * seen in real data with an unambiguous province name are listed; the GSO code is the one of the
 * unit named at the time the record was made (pre-2025 codes for records made before 1 July 2025).
 *
 * Known: `223` — record `bidpBidLocationList` of IB2600022089 (created 2025-06-26, provName
 * "Tỉnh Bắc Ninh"; shared/real-data/muasamcong/api/ib2600022089_tbmt.json) → `27`, the GSO code of
 * Bắc Ninh until 30 June 2025 (since 1 July 2025 Bắc Ninh, merged with Bắc Giang by Resolution
 * 202/2025/QH15, has code `24`; use currentProvinceFor to follow the merger).
 *
 * Deliberately left out: every other legacy code. The pattern (three digits) suggests a whole
 * table of the system's own, but no source we hold publishes it, and guessing would file notices
 * under the wrong province. Unknown codes are reported by normaliseProvinceCode as `undefined`, so
 * importers can keep the raw code and flag the record.
 */
export const LEGACY_PROVINCE_CODES: ReadonlyMap<string, { gsoCode: string; name: string; evidence: string }> =
  new Map([
    [
      '223',
      {
        gsoCode: '27',
        name: 'Tỉnh Bắc Ninh',
        evidence:
          'IB2600022089 bidpBidLocationList (createDate 2025-06-26): provCode 223, provName "Tỉnh Bắc Ninh"',
      },
    ],
  ]);

/**
 * The GSO province code for a code as the national system gives it: a two-digit code is returned
 * as is (whether it names a unit at a given date is for the lookups to say), a known legacy code is
 * translated (see LEGACY_PROVINCE_CODES), anything else gives `undefined`. Surrounding spaces are
 * ignored.
 */
export function normaliseProvinceCode(code: string | null | undefined): string | undefined {
  if (code === null || code === undefined) return undefined;
  const c = code.trim();
  if (/^[0-9]{2}$/.test(c)) return c;
  return LEGACY_PROVINCE_CODES.get(c)?.gsoCode;
}
