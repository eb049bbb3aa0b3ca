import { fold } from '../text/fold.ts';
import { FieldReader, type SourceFile } from './source-file.ts';
import {
  canonicalUnitType,
  CODE_DIGITS,
  namePrefix,
  POST2025_VALID_FROM,
  shortName,
  unitTypeFromName,
  type AdminUnitMappingRow,
  type AdminUnitRow,
} from './units.ts';

/** Where the two-tier list and the old → new mapping live inside the imported folder. */
export const POST2025_FILE = 'post-2025/address.json';

/** What was read from the post-2025 file and what had to be set aside or repaired. */
export interface Post2025Data {
  /** The 34 provinces, then the communes, in file order. */
  units: AdminUnitRow[];
  /** Distinct old → new pairs, in file order. */
  mappings: AdminUnitMappingRow[];
  mappingStats: {
    /** Rows of `ward_mappings`. */
    rowsInFile: number;
    /** Rows equal to an earlier row (same old commune and new commune): kept once. */
    duplicates: number;
    /** Rows naming no old commune at all (no code, no name): nothing to map, left out. */
    withoutOldCommune: number;
    /**
     * Rows whose new code was repaired: leading zeros restored (`7081` → `07081`), or the code was
     * not a post-2025 commune of the stated new province and the stated new name was found there.
     */
    codeCorrected: number;
    /** Rows whose new commune could not be found by code or by name: left out. */
    unresolved: number;
  };
}

/**
 * Reads the two-tier list (address.json, a phpMyAdmin JSON export whose tables are `provinces`
 * `{province_code, name, place_type}`, `wards` `{ward_code, name, province_code}` and
 * `ward_mappings` `{old_ward_code, old_ward_name, old_district_name, old_province_name,
 * new_ward_code, new_ward_name, new_province_name}`) into rows of era `post2025`, valid from
 * 2025-07-01 (Resolution 202/2025/QH15), and old → new commune pairs.
 *
 * Names are stored in full: a province the file names without its type (`Cao Bằng`) becomes
 * `Tỉnh Cao Bằng`. A commune's type is the first word(s) of its name (Phường, Xã, Đặc khu).
 * Mapping codes are repaired where the source is visibly wrong: a code that lost its leading zeros
 * is padded to 5 digits; a code that is not a commune of the stated new province (the source put the
 * old code of a same-named commune on some name-matched rows) is replaced by the commune of that
 * province with the stated new name, when exactly one has it; `new_commune_code_src` keeps what the
 * source said. Rows that cannot be repaired are left out and counted.
 * @throws AdminUnitsSourceError naming the file and the place of the first problem.
 */
export function readPost2025(file: SourceFile): Post2025Data {
  const f = new FieldReader(file.fullPath);
  if (!Array.isArray(file.json)) throw f.fail('top level', 'expected a JSON array (phpMyAdmin export)');
  const table = (name: string): unknown[] => {
    const t = (file.json as unknown[]).find(
      (x) => typeof x === 'object' && x !== null && (x as Record<string, unknown>).name === name,
    );
    if (!t) throw f.fail('top level', `table "${name}" not found`);
    return f.array(f.object(t, `table ${name}`), 'data', `table ${name}`);
  };
  const provinceRows = table('provinces');
  const wardRows = table('wards');
  const mappingRows = table('ward_mappings');

  const units: AdminUnitRow[] = [];
  const provinceByName = new Map<string, string>();
  const provinceCodes = new Set<string>();
  provinceRows.forEach((raw, i) => {
    const where = `provinces[${i}]`;
    const obj = f.object(raw, where);
    const code = f.code(obj, 'province_code', CODE_DIGITS.province, where);
    if (provinceCodes.has(code)) throw f.fail(where, `duplicate province code ${code}`);
    const nameSrc = f.text(obj, 'name', where);
    const typeSrc = f.text(obj, 'place_type', where);
    const unitType = canonicalUnitType('province', typeSrc);
    if (!unitType) throw f.fail(where, `unknown province type "${typeSrc}"`);
    const prefix = namePrefix(unitType);
    const name = nameSrc.toLocaleLowerCase('vi').startsWith(`${prefix.toLocaleLowerCase('vi')} `)
      ? nameSrc
      : `${prefix} ${nameSrc}`;
    const short = shortName(name, unitType);
    provinceCodes.add(code);
    for (const n of [nameSrc, name, short]) provinceByName.set(fold(n), code);
    units.push(unit('province', code, name, unitType, null, code, file.relPath));
  });

  const wardProvince = new Map<string, string>();
  const wardByName = new Map<string, string[]>();
  wardRows.forEach((raw, i) => {
    const where = `wards[${i}]`;
    const obj = f.object(raw, where);
    const code = f.code(obj, 'ward_code', CODE_DIGITS.commune, where);
    if (wardProvince.has(code)) throw f.fail(where, `duplicate ward code ${code}`);
    const name = f.text(obj, 'name', where);
    const province = f.code(obj, 'province_code', CODE_DIGITS.province, where);
    if (!provinceCodes.has(province)) throw f.fail(where, `province_code ${province} is not in "provinces"`);
    const unitType = unitTypeFromName('commune', name);
    if (!unitType) throw f.fail(where, `name "${name}" does not start with a commune type (Phường, Xã, …)`);
    wardProvince.set(code, province);
    const key = `${province}|${name}`;
    wardByName.set(key, [...(wardByName.get(key) ?? []), code]);
    units.push(unit('commune', code, name, unitType, province, province, file.relPath));
  });

  const stats = {
    rowsInFile: mappingRows.length,
    duplicates: 0,
    withoutOldCommune: 0,
    codeCorrected: 0,
    unresolved: 0,
  };
  const mappings: AdminUnitMappingRow[] = [];
  const seen = new Set<string>();
  mappingRows.forEach((raw, i) => {
    const where = `ward_mappings[${i}]`;
    const obj = f.object(raw, where);
    const oldCode = padCode(f, obj, 'old_ward_code', where);
    const oldName = f.optionalText(obj, 'old_ward_name', where);
    const codeSrc = f.text(obj, 'new_ward_code', where);
    const newName = f.optionalText(obj, 'new_ward_name', where);
    const newProvinceName = f.optionalText(obj, 'new_province_name', where);
    if (oldCode === null && oldName === null) {
      stats.withoutOldCommune++;
      return;
    }
    const padded = padCode(f, obj, 'new_ward_code', where)!;
    const newProvince = newProvinceName === null ? undefined : provinceByName.get(fold(newProvinceName));
    let newCode: string | undefined = padded;
    const codeProvince = wardProvince.get(padded);
    if (codeProvince === undefined || (newProvince !== undefined && codeProvince !== newProvince)) {
      const found = newName === null ? undefined : wardByName.get(`${newProvince}|${newName}`);
      newCode = found?.length === 1 ? found[0] : undefined;
      if (newCode === undefined) {
        stats.unresolved++;
        return;
      }
    }
    const row: AdminUnitMappingRow = {
      old_commune_code: oldCode,
      old_commune_name: oldName,
      old_district_name: f.optionalText(obj, 'old_district_name', where),
      old_province_name: f.optionalText(obj, 'old_province_name', where),
      new_commune_code: newCode,
      new_commune_code_src: codeSrc,
      new_commune_name_src: newName,
      source: file.relPath,
    };
    const key = mappingKey(row);
    if (seen.has(key)) {
      stats.duplicates++;
      return;
    }
    seen.add(key);
    if (newCode !== codeSrc) stats.codeCorrected++;
    mappings.push(row);
  });
  return { units, mappings, mappingStats: stats };
}

/** The natural key of a mapping row (the unique constraint of `admin_unit_mapping`). */
export function mappingKey(r: {
  old_commune_code: string | null;
  old_commune_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_commune_code: string;
}): string {
  return JSON.stringify([
    r.old_commune_code,
    r.old_commune_name,
    r.old_district_name,
    r.old_province_name,
    r.new_commune_code,
  ]);
}

/**
 * A commune code of the mapping table, left-padded to 5 digits: the source lost the leading zeros
 * of some codes (`7081` for `07081`). Null when empty.
 */
function padCode(f: FieldReader, obj: Record<string, unknown>, key: string, where: string): string | null {
  const v = f.optionalText(obj, key, where);
  if (v === null) return null;
  if (!/^[0-9]{1,5}$/.test(v)) throw f.fail(where, `"${key}" must be up to 5 digits, got "${v}"`);
  return v.padStart(CODE_DIGITS.commune, '0');
}

function unit(
  level: 'province' | 'commune',
  code: string,
  name: string,
  unitType: string,
  parent: string | null,
  province: string,
  source: string,
): AdminUnitRow {
  const short = shortName(name, unitType);
  return {
    era: 'post2025',
    level,
    code,
    name,
    short_name: short,
    name_folded: fold(short),
    unit_type: unitType,
    parent_code: parent,
    province_code: province,
    valid_from: POST2025_VALID_FROM,
    valid_to: null,
    source,
  };
}
