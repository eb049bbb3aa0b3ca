/**
 * Administrative units of Viet Nam (đơn vị hành chính) in the two eras minhbach must know.
 *
 * Until 30 June 2025 local government had three tiers: province (cấp tỉnh, 63 units), district
 * (cấp huyện, 696) and commune (cấp xã, 10,047 in the GSO list of 1 March 2025). From 1 July 2025 it
 * has two: 34 provinces and 3,321 communes; districts are abolished (Resolution 202/2025/QH15 on
 * provinces, Resolutions 1654…1687/NQ-UBTVQH15 on communes). Codes are the official statistical codes
 * (province 2 digits, district 3, commune 5, strings with leading zeros); the commune codes in force
 * from 1 July 2025 are those of Official letter 1027/CTK-CSCL of 25 June 2025 (Cục Thống kê).
 */

/** The two eras, as stored in `admin_unit.era`. */
export const ERAS = ['pre2025', 'post2025'] as const;
export type Era = (typeof ERAS)[number];

/** The tiers, as stored in `admin_unit.level`; `district` exists only in the pre2025 era. */
export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

/** Last day of the three-tier era (Vietnam calendar date). */
export const PRE2025_VALID_TO = '2025-06-30';
/** First day of the two-tier era (Vietnam calendar date), Resolution 202/2025/QH15. */
export const POST2025_VALID_FROM = '2025-07-01';

/** Number of digits of a code at each level. */
export const CODE_DIGITS: Record<Level, number> = { province: 2, district: 3, commune: 5 };

/**
 * Unit types (loại đơn vị hành chính) by level, with the spelling we store. The first word(s) of a
 * unit's full name are its type, except a centrally-run city whose name starts with `Thành phố`.
 */
export const UNIT_TYPES = {
  province: ['Thành phố Trung ương', 'Tỉnh'],
  district: ['Quận', 'Huyện', 'Thị xã', 'Thành phố'],
  commune: ['Phường', 'Xã', 'Thị trấn', 'Đặc khu'],
} as const satisfies Record<Level, readonly string[]>;

/** One unit as written to `admin_unit` (dates are Vietnam calendar dates `YYYY-MM-DD`). */
export interface AdminUnitRow {
  era: Era;
  level: Level;
  code: string;
  name: string;
  short_name: string;
  name_folded: string;
  unit_type: string;
  parent_code: string | null;
  province_code: string;
  valid_from: string | null;
  valid_to: string | null;
  source: string;
}

/** One old → new commune pair as written to `admin_unit_mapping`. */
export interface AdminUnitMappingRow {
  old_commune_code: string | null;
  old_commune_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_commune_code: string;
  new_commune_code_src: string;
  new_commune_name_src: string | null;
  source: string;
}

/**
 * The stored spelling of a unit type given by a source (case-insensitive: the sources write both
 * `Thành phố Trung ương` and `Thành phố Trung Ương`, `Thị trấn` and `Thị Trấn`), or `undefined`
 * when it is not a type of that level.
 */
export function canonicalUnitType(level: Level, type: string): string | undefined {
  const wanted = type.normalize('NFC').toLocaleLowerCase('vi');
  return UNIT_TYPES[level].find((t) => t.toLocaleLowerCase('vi') === wanted);
}

/** The word(s) a full name starts with for a unit type (`Thành phố Trung ương` → `Thành phố`). */
export function namePrefix(unitType: string): string {
  return unitType === 'Thành phố Trung ương' ? 'Thành phố' : unitType;
}

/**
 * The unit type a full name starts with (`Phường Ba Đình` → `Phường`, `Đặc khu Côn Đảo` →
 * `Đặc khu`), case-insensitive; `undefined` when the name starts with no type of that level.
 */
export function unitTypeFromName(level: Level, name: string): string | undefined {
  const lower = name.toLocaleLowerCase('vi');
  return UNIT_TYPES[level].find((t) => lower.startsWith(`${namePrefix(t).toLocaleLowerCase('vi')} `));
}

/**
 * The name without its unit-type prefix (`Quận Ba Đình` → `Ba Đình`); the full name when the rest is
 * only a number (`Phường 12`, `Quận 1`) or the name does not start with the prefix.
 */
export function shortName(name: string, unitType: string): string {
  const prefix = `${namePrefix(unitType)} `;
  if (!name.toLocaleLowerCase('vi').startsWith(prefix.toLocaleLowerCase('vi'))) return name;
  const rest = name.slice(prefix.length).trim();
  return rest === '' || /^\d+$/.test(rest) ? name : rest;
}
