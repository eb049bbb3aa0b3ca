/**
 * Locations of a notice (`bidpBidLocationList`, search-hit `locations`) as `LocationFacts`, with
 * province codes normalised to GSO codes (Hà Nội = `01`; procurement-domain.md §6).
 *
 * The portal mostly sends GSO codes (two digits), but older records carry legacy portal codes of three
 * digits. The table of legacy codes confirmed from real data is `LEGACY_PROVINCE_CODES` in
 * src/locations/legacy-province-codes.ts (`223` → `27`, Bắc Ninh before the 2025 merger); here a
 * legacy code is only mapped when the published province name agrees with the table. Any other
 * non-GSO code is stored as no code (the raw name is kept) and reported as unmapped — never guessed.
 * Province names are not used to infer codes: since the 1 July 2025 merger the same name can stand for
 * two different GSO codes (Bắc Ninh 27 before, 24 after).
 */
import type { LocationFacts } from '../../procurement/facts.ts';
import { LEGACY_PROVINCE_CODES, normaliseProvinceCode } from '../../locations/legacy-province-codes.ts';
import { fold } from '../../text/fold.ts';
import type { Rec } from './fields.ts';
import { text } from './values.ts';

/**
 * The GSO code of a province given its code on the portal and its published name: two-digit codes are
 * GSO codes already; a known legacy code (`normaliseProvinceCode`) is mapped when the published name,
 * if any, is the table's; anything else gives null (the caller reports it).
 */
export function gsoProvinceCode(raw: string | null, name: string | null): string | null {
  if (!raw) return null;
  const gso = normaliseProvinceCode(raw);
  if (!gso) return null;
  const legacy = LEGACY_PROVINCE_CODES.get(raw.trim());
  if (legacy && name && provinceKey(name) !== provinceKey(legacy.name)) return null;
  return gso;
}

/** A province name without its unit type, folded: "Tỉnh Bắc Ninh" and "Bắc Ninh" → "bac ninh". */
function provinceKey(name: string): string {
  return fold(name)
    .trim()
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, '');
}

/**
 * One location record (`provCode`, `provName`, `districtCode`, `districtName`, `wardCode`,
 * `wardName`) as `LocationFacts`, or null when it names no place. Unmappable province codes are
 * reported as `provCode="223" (legacy province code not in the table)`.
 */
export function locationOf(r: Rec): LocationFacts | null {
  const provRaw = text(r, 'provCode');
  const provinceName = text(r, 'provName');
  const provinceCode = gsoProvinceCode(provRaw, provinceName);
  if (provRaw && !provinceCode) r.note(`provCode="${provRaw}" (legacy province code not in the table)`);
  const loc: LocationFacts = {
    provinceCode,
    provinceName,
    districtCode: text(r, 'districtCode'),
    districtName: text(r, 'districtName'),
    wardCode: text(r, 'wardCode'),
    wardName: text(r, 'wardName'),
  };
  r.done();
  return Object.values(loc).some((v) => v !== null) ? loc : null;
}

/** All locations of a list of location records, without empty ones. */
export function locationsOf(records: Rec[]): LocationFacts[] {
  return records.map(locationOf).filter((l): l is LocationFacts => l !== null);
}
