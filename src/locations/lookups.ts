import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { normaliseProvinceCode } from './legacy-province-codes.ts';
import { CODE_DIGITS, LEVELS, POST2025_VALID_FROM, type Era, type Level } from './units.ts';

/** An administrative unit as the lookups return it (dates are Vietnam calendar dates `YYYY-MM-DD`). */
export interface AdminUnit {
  era: Era;
  level: Level;
  /** Official statistical code (Hà Nội `01`), string with leading zeros. */
  code: string;
  /** Full name with the unit type (`Thành phố Hà Nội`). */
  name: string;
  /** Name without the unit type (`Hà Nội`). */
  shortName: string;
  unitType: string;
  /** Unit one tier up in the same era; null for a province. */
  parentCode: string | null;
  provinceCode: string;
  /** First valid day; null when earlier than the list records. */
  validFrom: string | null;
  /** Last valid day; null while in force. */
  validTo: string | null;
}

/**
 * The era of a day: `pre2025` before 1 July 2025, `post2025` from then on (Resolution
 * 202/2025/QH15). A `Date` is read as the calendar day in Vietnam (UTC+7); a string must be
 * `YYYY-MM-DD` (already a Vietnam calendar day).
 * @throws RangeError on an invalid date or a string of another shape.
 */
export function eraAt(at: Date | string): Era {
  return vnDay(at) < POST2025_VALID_FROM ? 'pre2025' : 'post2025';
}

/**
 * The name of the province with GSO `code` (or a known legacy national-system code, see
 * normaliseProvinceCode) as valid on day `at`: `provinceName(db, '01', '2025-01-01')` →
 * `Thành phố Hà Nội`; `provinceName(db, '27', '2025-08-01')` → undefined (Bắc Ninh has code 24 since
 * the merger). Returns undefined for an unknown code or a code with no province on that day.
 * @throws RangeError on an invalid date (see eraAt).
 */
export async function provinceName(
  db: Kysely<DB>,
  code: string,
  at: Date | string,
): Promise<string | undefined> {
  const gso = normaliseProvinceCode(code);
  if (gso === undefined) return undefined;
  const day = vnDay(at);
  const row = await db
    .selectFrom('admin_unit')
    .select('name')
    .where('level', '=', 'province')
    .where('code', '=', gso)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', sql<Date>`${day}::date`)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', sql<Date>`${day}::date`)]))
    .executeTakeFirst();
  return row?.name;
}

/**
 * The unit with `code` in `era`. The level follows from the code's length (2 province, 3 district,
 * 5 commune) unless given. Returns undefined when there is no such unit.
 */
export async function findUnit(
  db: Kysely<DB>,
  q: { code: string; era: Era; level?: Level },
): Promise<AdminUnit | undefined> {
  const level = q.level ?? LEVELS.find((l) => CODE_DIGITS[l] === q.code.length);
  if (level === undefined) return undefined;
  const row = await unitQuery(db)
    .where('era', '=', q.era)
    .where('level', '=', level)
    .where('code', '=', q.code)
    .executeTakeFirst();
  return row && toUnit(row);
}

/**
 * The commune(s) in force from 1 July 2025 that took over the pre-2025 commune `oldCode`, from the
 * mapping of the reference data (Resolutions 1654…1687/NQ-UBTVQH15; codes of Official letter
 * 1027/CTK-CSCL): usually exactly one; several when the old commune was split; empty when the code
 * is unknown. Ordered by code. `currentCommuneFor(db, '00001')` (Phường Phúc Xá) → [Phường Hồng Hà].
 */
export async function currentCommuneFor(db: Kysely<DB>, oldCode: string): Promise<AdminUnit[]> {
  const rows = await unitQuery(db)
    .where('era', '=', 'post2025')
    .where('level', '=', 'commune')
    .where('code', 'in', (eb) =>
      eb.selectFrom('admin_unit_mapping').select('new_commune_code').where('old_commune_code', '=', oldCode),
    )
    .orderBy('code')
    .execute();
  return rows.map(toUnit);
}

/**
 * The province(s) in force from 1 July 2025 that took over the pre-2025 province `oldCode` (GSO or
 * known legacy code), derived from where its communes went: Resolution 202/2025/QH15 merged whole
 * provinces, so this is one province (`27` Bắc Ninh → `24` Bắc Ninh; `01` Hà Nội → `01`). Ordered
 * by the number of old communes that went there, most first; empty for an unknown code.
 */
export async function currentProvinceFor(db: Kysely<DB>, oldCode: string): Promise<AdminUnit[]> {
  const gso = normaliseProvinceCode(oldCode);
  if (gso === undefined) return [];
  const shares = await db
    .selectFrom('admin_unit as old')
    .innerJoin('admin_unit_mapping as m', 'm.old_commune_code', 'old.code')
    .innerJoin('admin_unit as new', (j) =>
      j
        .onRef('new.code', '=', 'm.new_commune_code')
        .on('new.era', '=', 'post2025')
        .on('new.level', '=', 'commune'),
    )
    .select(['new.province_code', (eb) => eb.fn.countAll<number>().as('communes')])
    .where('old.era', '=', 'pre2025')
    .where('old.level', '=', 'commune')
    .where('old.province_code', '=', gso)
    .groupBy('new.province_code')
    .execute();
  const order = new Map(shares.map((s) => [s.province_code, Number(s.communes)]));
  if (order.size === 0) return [];
  const rows = await unitQuery(db)
    .where('era', '=', 'post2025')
    .where('level', '=', 'province')
    .where('code', 'in', [...order.keys()])
    .execute();
  return rows
    .map(toUnit)
    .sort((a, b) => order.get(b.code)! - order.get(a.code)! || a.code.localeCompare(b.code));
}

function unitQuery(db: Kysely<DB>) {
  return db
    .selectFrom('admin_unit')
    .select(['era', 'level', 'code', 'name', 'short_name', 'unit_type', 'parent_code', 'province_code'])
    .select(sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'))
    .select(sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'));
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

function toUnit(r: UnitRow): AdminUnit {
  return {
    era: r.era as Era,
    level: r.level as Level,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    unitType: r.unit_type,
    parentCode: r.parent_code,
    provinceCode: r.province_code,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  };
}

/** The Vietnam calendar day of `at` as `YYYY-MM-DD`. */
function vnDay(at: Date | string): string {
  if (typeof at === 'string') {
    const m = /^\d{4}-\d{2}-\d{2}$/.exec(at);
    if (!m || Number.isNaN(Date.parse(`${at}T00:00:00Z`))) {
      throw new RangeError(`expected a day as YYYY-MM-DD, got "${at}"`);
    }
    return at;
  }
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid Date');
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
