import { fold } from '../text/fold.ts';
import { FieldReader, type SourceFile } from './source-file.ts';
import {
  canonicalUnitType,
  CODE_DIGITS,
  PRE2025_VALID_TO,
  shortName,
  type AdminUnitRow,
  type Level,
} from './units.ts';

/** Where the three-tier list lives inside the imported folder. */
export const PRE2025_FILE = 'pre-2025/dvhcvn.json';

/** The pre-2025 units read from one file. */
export interface Pre2025Units {
  /** Provinces, then districts, then communes, each in file order. */
  units: AdminUnitRow[];
  /** Date of the GSO data (`data_date`), `YYYY-MM-DD`. */
  dataDate: string;
}

/**
 * Reads the three-tier GSO list (dvhcvn.json, `{data_date, stats, data:[{level1_id, name, type,
 * level2s:[{level2_id, name, type, level3s:[{level3_id, name, type}]}]}]}`) into rows of era
 * `pre2025`, valid until 2025-06-30 (the day before Resolution 202/2025/QH15 took effect). Text is NFC
 * with single spaces; unit types are checked against UNIT_TYPES; counts are checked against `stats`.
 * @throws AdminUnitsSourceError naming the file and the place of the first problem.
 */
export function readPre2025(file: SourceFile): Pre2025Units {
  const f = new FieldReader(file.fullPath);
  const root = f.object(file.json, 'top level');
  const dataDate = parseDataDate(f, f.text(root, 'data_date', 'top level'));
  const units: AdminUnitRow[] = [];
  const seen = new Set<string>();
  const add = (
    level: Level,
    obj: Record<string, unknown>,
    idKey: string,
    where: string,
    parent: string | null,
    province: string | null,
  ): AdminUnitRow => {
    const code = f.code(obj, idKey, CODE_DIGITS[level], where);
    if (seen.has(`${level}:${code}`)) throw f.fail(where, `duplicate ${level} code ${code}`);
    seen.add(`${level}:${code}`);
    const name = f.text(obj, 'name', where);
    const typeSrc = f.text(obj, 'type', where);
    const unitType = canonicalUnitType(level, typeSrc);
    if (!unitType) throw f.fail(where, `unknown ${level} type "${typeSrc}"`);
    const short = shortName(name, unitType);
    const row: AdminUnitRow = {
      era: 'pre2025',
      level,
      code,
      name,
      short_name: short,
      name_folded: fold(short),
      unit_type: unitType,
      parent_code: parent,
      province_code: province ?? code,
      valid_from: null,
      valid_to: PRE2025_VALID_TO,
      source: file.relPath,
    };
    units.push(row);
    return row;
  };

  const provinces = f.array(root, 'data', 'top level');
  const districts: { obj: Record<string, unknown>; where: string; province: string }[] = [];
  provinces.forEach((p, i) => {
    const where = `data[${i}]`;
    const obj = f.object(p, where);
    const province = add('province', obj, 'level1_id', where, null, null);
    f.array(obj, 'level2s', where).forEach((d, j) => {
      const dWhere = `${where}.level2s[${j}]`;
      districts.push({ obj: f.object(d, dWhere), where: dWhere, province: province.code });
    });
  });
  const communes: { obj: Record<string, unknown>; where: string; district: string; province: string }[] = [];
  for (const d of districts) {
    const district = add('district', d.obj, 'level2_id', d.where, d.province, d.province);
    f.array(d.obj, 'level3s', d.where).forEach((c, k) => {
      const cWhere = `${d.where}.level3s[${k}]`;
      communes.push({
        obj: f.object(c, cWhere),
        where: cWhere,
        district: district.code,
        province: d.province,
      });
    });
  }
  for (const c of communes) add('commune', c.obj, 'level3_id', c.where, c.district, c.province);

  checkStats(f, root, units);
  return { units, dataDate };
}

/** `dd/mm/yyyy` → `yyyy-mm-dd`. */
function parseDataDate(f: FieldReader, text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!m) throw f.fail('top level', `"data_date" must be dd/mm/yyyy, got "${text}"`);
  const [, dd, mm, yyyy] = m;
  return `${yyyy}-${mm!.padStart(2, '0')}-${dd!.padStart(2, '0')}`;
}

/** When the file states its counts (`stats.level1_count` …), they must match what was read. */
function checkStats(f: FieldReader, root: Record<string, unknown>, units: AdminUnitRow[]): void {
  if (root.stats === undefined || root.stats === null) return;
  const stats = f.object(root.stats, 'stats');
  const levels: [string, Level][] = [
    ['level1_count', 'province'],
    ['level2_count', 'district'],
    ['level3_count', 'commune'],
  ];
  for (const [key, level] of levels) {
    const stated = stats[key];
    if (stated === undefined) continue;
    const read = units.filter((u) => u.level === level).length;
    if (stated !== read) throw f.fail('stats', `"${key}" says ${String(stated)} but ${read} were read`);
  }
}
