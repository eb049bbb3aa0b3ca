/**
 * Kinds of publishing agency (org unit). One list, the Vietnamese label its source of truth; the
 * database CHECK of `org.unit_kind` (migration 0005) holds the same codes.
 */
export const UNIT_KINDS = [
  { code: 'ubnd-tinh', vi: 'UBND thành phố / tỉnh', en: "City / provincial People's Committee" },
  { code: 'so', vi: 'Sở, ban, ngành', en: 'Department' },
  { code: 'ubnd-huyen', vi: 'UBND quận, huyện, thị xã', en: "District People's Committee" },
  { code: 'ubnd-xa', vi: 'UBND phường, xã, thị trấn', en: "Commune / ward People's Committee" },
  { code: 'don-vi-su-nghiep', vi: 'Đơn vị sự nghiệp công lập', en: 'Public service unit' },
  { code: 'ban-qlda', vi: 'Ban quản lý dự án', en: "Investors' project management board" },
  { code: 'khac', vi: 'Khác', en: 'Other' },
] as const;

/** A unit kind code, e.g. `so`. */
export type UnitKind = (typeof UNIT_KINDS)[number]['code'];

/** The unit kind codes, in display order. */
export const UNIT_KIND_CODES: readonly UnitKind[] = UNIT_KINDS.map((k) => k.code);

/** True when `value` is a unit kind code. */
export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KIND_CODES as readonly string[]).includes(value);
}

/** Vietnamese label of a unit kind (the code itself when unknown). */
export function unitKindLabel(code: string | null): string {
  return UNIT_KINDS.find((k) => k.code === code)?.vi ?? code ?? '';
}
