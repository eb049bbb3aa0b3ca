/**
 * Agencies (org units that publish): validation of what an administrator types or imports, saving by
 * code (create, or update what changed — every change audited old → new in the caller's transaction),
 * listing as a tree, and validity on a given day.
 *
 * An agency is a row of `org` with `unit_kind` set; an organisation first seen in procurement data
 * (e.g. an investor imported from the national system) becomes an agency when an administrator adds
 * it with the same code.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { agencyAncestorCodes } from '../procurement/queries/agency-tree.ts';
import { fold } from '../text/fold.ts';
import { nfc } from '../text/normalize.ts';
import { vnParts } from '../text/time.ts';
import { isUnitKind, UNIT_KIND_CODES, type UnitKind } from './agency-kinds.ts';
import { audit, type Tx } from './audit.ts';
import { AccountError, invalidField } from './errors.ts';

/** Agency codes: lower-case letters, digits, `.`, `_`, `-`; 2–64 characters (e.g. `vn0101234567`, `hn-so-tc`). */
export const AGENCY_CODE = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** What is typed or imported for an agency; every value is text as given (CSV cell, form field, option). */
export interface AgencyInput {
  code?: string | null;
  name?: string | null;
  kind?: string | null;
  parentCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  successorCode?: string | null;
  nameEn?: string | null;
}

/** A checked agency. Dates are Vietnam calendar dates `YYYY-MM-DD`; `validTo` is the last day, inclusive. */
export interface AgencyFields {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  nameEn: string | null;
}

/** An agency as stored. */
export interface Agency extends AgencyFields {
  /** Depth in the tree (0 at the top), set by `listAgencies`. */
  depth: number;
}

const MAX_NAME = 300;

/** The Vietnam calendar date (`YYYY-MM-DD`) of an instant. */
export function vnDate(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * A calendar date given as `YYYY-MM-DD` or `DD/MM/YYYY` (as Excel shows it in Vietnam), as
 * `YYYY-MM-DD`; null for empty. @throws AccountError (`invalid-input`, field) for anything else or an
 * impossible date such as 31/02/2025.
 */
export function parseCalendarDate(value: string | null | undefined, field: string): string | null {
  const text = nfc(value);
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vn
      ? [Number(vn[3]), Number(vn[2]), Number(vn[1])]
      : [NaN, NaN, NaN];
  const ok =
    y >= 1945 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!ok) {
    throw invalidField(
      field,
      `"${text.slice(0, 40)}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`,
      `“${text.slice(0, 40)}” không phải ngày hợp lệ (dạng YYYY-MM-DD hoặc DD/MM/YYYY)`,
    );
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function code(value: string | null | undefined, field: string, required: boolean): string | null {
  const text = nfc(value)?.toLowerCase() ?? null;
  if (!text) {
    if (required) throw invalidField(field, 'is required', 'không được để trống');
    return null;
  }
  if (!AGENCY_CODE.test(text)) {
    throw invalidField(
      field,
      `"${text.slice(0, 40)}" is not a code (2–64 letters a–z, digits, . _ -)`,
      `“${text.slice(0, 40)}” không phải mã hợp lệ (2–64 ký tự a–z, 0–9, . _ -)`,
    );
  }
  return text;
}

/**
 * Checks an agency as typed. Field names in errors are the CSV column names (`code`, `name`, `kind`,
 * `parent_code`, `valid_from`, `valid_to`, `successor_code`, `name_en`).
 * @throws AccountError (`invalid-input`) naming the first bad field.
 */
export function checkAgencyInput(input: AgencyInput): AgencyFields {
  const c = code(input.code, 'code', true)!;
  const name = nfc(input.name);
  if (!name) throw invalidField('name', 'is required', 'không được để trống');
  if (name.length > MAX_NAME) {
    throw invalidField('name', `is longer than ${MAX_NAME} characters`, `dài quá ${MAX_NAME} ký tự`);
  }
  const kind = nfc(input.kind)?.toLowerCase() ?? '';
  if (!isUnitKind(kind)) {
    throw invalidField(
      'kind',
      `"${kind.slice(0, 40)}" is not one of ${UNIT_KIND_CODES.join(', ')}`,
      `“${kind.slice(0, 40)}” không thuộc các loại ${UNIT_KIND_CODES.join(', ')}`,
    );
  }
  const parentCode = code(input.parentCode, 'parent_code', false);
  if (parentCode === c) throw invalidField('parent_code', 'is the agency itself', 'trùng với chính đơn vị');
  const successorCode = code(input.successorCode, 'successor_code', false);
  if (successorCode === c) {
    throw invalidField('successor_code', 'is the agency itself', 'trùng với chính đơn vị');
  }
  const validFrom = parseCalendarDate(input.validFrom, 'valid_from');
  const validTo = parseCalendarDate(input.validTo, 'valid_to');
  if (validFrom && validTo && validTo < validFrom) {
    throw invalidField('valid_to', `is before valid_from ${validFrom}`, `trước ngày bắt đầu ${validFrom}`);
  }
  const nameEn = nfc(input.nameEn);
  if (nameEn && nameEn.length > MAX_NAME) {
    throw invalidField('name_en', `is longer than ${MAX_NAME} characters`, `dài quá ${MAX_NAME} ký tự`);
  }
  return { code: c, name, kind, parentCode, validFrom, validTo, successorCode, nameEn };
}

const AGENCY_COLUMNS = sql`code, name, unit_kind AS kind, parent_code AS "parentCode",
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo",
  successor_code AS "successorCode", name_en AS "nameEn"`;

/** The agency with `code` (an org with a unit kind), or null. */
export async function getAgency(db: Tx, agencyCode: string): Promise<AgencyFields | null> {
  // PostgreSQL refuses a NUL character in a text parameter (an error, i.e. a 500): no code has one.
  if (agencyCode.includes('\u0000')) return null;
  const r = await sql<AgencyFields>`SELECT ${AGENCY_COLUMNS} FROM org
    WHERE code = ${agencyCode} AND unit_kind IS NOT NULL`.execute(db);
  return r.rows[0] ?? null;
}

/** Every agency, in tree order (each unit after its parent, siblings by name), with its depth. */
export async function listAgencies(db: Kysely<DB> | Tx): Promise<Agency[]> {
  const r = await sql<AgencyFields>`SELECT ${AGENCY_COLUMNS} FROM org
    WHERE unit_kind IS NOT NULL ORDER BY name_folded, code`.execute(db);
  const byParent = new Map<string | null, AgencyFields[]>();
  const codes = new Set(r.rows.map((a) => a.code));
  for (const a of r.rows) {
    const key = a.parentCode && codes.has(a.parentCode) ? a.parentCode : null;
    const siblings = byParent.get(key);
    if (siblings) siblings.push(a);
    else byParent.set(key, [a]);
  }
  const out: Agency[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const a of byParent.get(parent) ?? []) {
      if (seen.has(a.code)) continue;
      seen.add(a.code);
      out.push({ ...a, depth });
      walk(a.code, depth + 1);
    }
  };
  walk(null, 0);
  // Units caught in a cycle (impossible through this module) are still listed, at the top.
  for (const a of r.rows) if (!seen.has(a.code)) out.push({ ...a, depth: 0 });
  return out;
}

/** True when the agency exists on `day` (`YYYY-MM-DD`, Vietnam date): valid_from ≤ day ≤ valid_to. */
export function isAgencyCurrent(a: Pick<AgencyFields, 'validFrom' | 'validTo'>, day: string): boolean {
  return (a.validFrom === null || a.validFrom <= day) && (a.validTo === null || day <= a.validTo);
}

/** What `saveAgency` did. */
export type SaveAgencyOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates the agency, or updates the organisation with that code to these values (an existing
 * investor imported from procurement data becomes an agency). Every change is audited old → new as
 * `actor` in `tx`. Parent and successor must be agencies that exist in `tx` or are listed in
 * `pendingCodes` (saved later in the same transaction: the foreign keys are checked at commit); the
 * parent chain must not come back to the agency.
 * @throws AccountError (`not-found` for a missing parent/successor, `invalid-input` for a cycle).
 */
export async function saveAgency(
  tx: Tx,
  a: AgencyFields,
  actor: string,
  pendingCodes: ReadonlySet<string> = new Set(),
): Promise<SaveAgencyOutcome> {
  for (const [field, ref] of [
    ['parent_code', a.parentCode],
    ['successor_code', a.successorCode],
  ] as const) {
    if (!ref || pendingCodes.has(ref)) continue;
    if (!(await getAgency(tx, ref))) {
      throw new AccountError(
        'not-found',
        field,
        `agency "${ref}" does not exist`,
        `không có đơn vị mã “${ref}”`,
      );
    }
  }
  const existing = await tx
    .selectFrom('org')
    .select(['id', 'name', 'unit_kind', 'parent_code', 'successor_code', 'name_en'])
    .select(sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'))
    .select(sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'))
    .where('code', '=', a.code)
    .executeTakeFirst();
  const row = {
    name: a.name,
    unit_kind: a.kind,
    parent_code: a.parentCode,
    valid_from: a.validFrom,
    valid_to: a.validTo,
    successor_code: a.successorCode,
    name_en: a.nameEn,
  };
  if (!existing) {
    const inserted = await tx
      .insertInto('org')
      .values({ code: a.code, ...row, name_folded: fold(a.name), source: 'minhbach' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'create', 'org', inserted.id, null, { code: a.code, ...row });
    return 'created';
  }
  const oldValue: Record<string, unknown> = {};
  const newValue: Record<string, unknown> = {};
  for (const [col, value] of Object.entries(row)) {
    const stored = existing[col as keyof typeof existing] ?? null;
    if (stored !== value) {
      oldValue[col] = stored;
      newValue[col] = value;
    }
  }
  if (Object.keys(newValue).length === 0) return 'unchanged';
  const set: Record<string, unknown> = { ...newValue };
  if ('name' in newValue) set.name_folded = fold(a.name);
  await tx.updateTable('org').set(set).where('id', '=', existing.id).execute();
  if (a.parentCode && (await agencyAncestorCodes(tx, a.code)).includes(a.code)) {
    throw invalidField(
      'parent_code',
      `"${a.parentCode}" is below "${a.code}": the hierarchy would loop`,
      `“${a.parentCode}” là đơn vị cấp dưới của “${a.code}”: cây đơn vị sẽ bị vòng lặp`,
    );
  }
  await audit(tx, actor, 'update', 'org', existing.id, oldValue, newValue);
  return 'updated';
}
