/**
 * Conversions of the national system's JSON values into the units of `TbmtFacts` (facts.ts): text in
 * NFC, VND as integers, instants parsed as Vietnam time when they carry no offset, 0/1 flags as
 * booleans, and national codes mapped through the tables of codes.ts with the raw code kept.
 * A value that is present but cannot be converted is reported through the record's notes, never
 * guessed.
 */
import {
  CONTRACT_TYPES,
  FIELDS,
  fromSourceCode,
  METHODS,
  PROCEDURES,
  type CodeEntry,
} from '../../procurement/codes.ts';
import type { OrgRef, PriceDetail } from '../../procurement/facts.ts';
import { NATIONAL_ORG_CODE, TAX_CODE, taxCodeOfOrgCode } from '../../procurement/identifiers.ts';
import { hasUnstorable, nfc } from '../../text/normalize.ts';
import { parseVnTime } from '../../text/time.ts';
import { hasContent, isObject, type Rec } from './fields.ts';

/** Search hits wrap single values in arrays (`"bidName": ["…"]`, `"bidPrice": [4.1256E8]`). */
function unwrap(r: Rec, key: string, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const present = value.filter(hasContent);
  if (present.length > 1) r.note(`${key} (${present.length} values, only a single value is mapped)`);
  return present.length === 1 ? present[0] : undefined;
}

/** Text of `key` in NFC (numbers are turned into text), or null. */
export function text(r: Rec, key: string): string | null {
  const v = unwrap(r, key, r.get(key));
  if (typeof v === 'string') {
    if (hasUnstorable(v)) r.note(`${key} (control characters or lone surrogates removed)`);
    return nfc(v);
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (hasContent(v)) r.note(`${key} (not text)`);
  return null;
}

/** A number of `key` (number or numeric text), or null; unparseable values are reported. */
export function num(r: Rec, key: string): number | null {
  const v = unwrap(r, key, r.get(key));
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  if (!Number.isFinite(n)) {
    r.note(`${key} (not a number)`);
    return null;
  }
  return n;
}

/**
 * An amount of money in VND of `key`, rounded to an integer (search hits send floats such as
 * `[4.1256E8]`). Amounts are stored as `bigint` and read back as JS numbers, so an amount must be a
 * safe integer (below 2^53 ≈ 9 × 10^15 VND, far above any real package): negative amounts and larger
 * ones are reported with the field name and dropped, keeping the rest of the record.
 */
export function vnd(r: Rec, key: string): number | null {
  const n = num(r, key);
  if (n === null) return null;
  const rounded = Math.round(n);
  if (rounded < 0) {
    r.note(`${key} (negative amount, dropped)`);
    return null;
  }
  if (!Number.isSafeInteger(rounded)) {
    r.note(`${key} (amount too large to be a VND amount, dropped)`);
    return null;
  }
  return rounded;
}

/**
 * Like `vnd`, but 0 means "not filled in" (the portal sends `lotFinalPrice: 0` next to a real bid
 * price, and `winningPrice: 0` for bidders who did not win): returns null for 0.
 */
export function vndPositive(r: Rec, key: string): number | null {
  const n = vnd(r, key);
  return n === 0 ? null : n;
}

/** The range of PostgreSQL `integer` columns (periods, validity and security days…). */
const INT4_MIN = -2_147_483_648;
const INT4_MAX = 2_147_483_647;

/**
 * An integer of `key` (rounded), or null. Values outside the PostgreSQL `integer` range (which the
 * database would reject, sinking the whole file) are reported with the field name and dropped.
 */
export function int(r: Rec, key: string): number | null {
  const n = num(r, key);
  if (n === null) return null;
  const i = Math.round(n);
  if (i < INT4_MIN || i > INT4_MAX) {
    r.note(`${key} (number out of the integer range, dropped)`);
    return null;
  }
  return i;
}

/**
 * Marks yes/no flags as read when they say "no" (0, false, "N"): a "no" carries nothing to store, while
 * a "yes" (e.g. concentrated procurement, online shopping) is left for `done()` to report as unmapped.
 */
export function ignoreWhenNo(r: Rec, ...keys: string[]): void {
  for (const k of keys) {
    const v = r.obj[k];
    if (v === 0 || v === '0' || v === false || v === 'N') r.ignore(k);
  }
}

/** A 0/1 (or true/false, "Y"/"N") flag of `key` as a boolean, or null; other values are reported. */
export function flag(r: Rec, key: string): boolean | null {
  const v = unwrap(r, key, r.get(key));
  if (v === null || v === undefined || v === '') return null;
  if (v === 1 || v === '1' || v === true || v === 'Y') return true;
  if (v === 0 || v === '0' || v === false || v === 'N') return false;
  r.note(`${key}=${JSON.stringify(v)} (not a 0/1 flag)`);
  return null;
}

/**
 * An instant of `key`: times without an offset are Vietnam local time (`2026-03-24T15:00:00` →
 * 08:00Z), times with one are taken as given (`…+0000` is UTC). See `parseVnTime`, which also
 * rejects impossible dates (`2026-02-30`) and years outside 1900–2199: those are reported as
 * `key (unparseable time)` and dropped, keeping the rest of the record.
 */
export function time(r: Rec, key: string): Date | null {
  const v = unwrap(r, key, r.get(key));
  if (v === null || v === undefined || v === '') return null;
  const d = typeof v === 'string' ? parseVnTime(v) : null;
  if (!d) r.note(`${key} (unparseable time)`);
  return d;
}

/**
 * A value the portal sends as JSON inside a string (`goodsList`, `bidPriceDetail`, `linkNotifyInfo`);
 * an already parsed value is returned as is. Unparseable strings are reported and give undefined.
 */
export function jsonInString(r: Rec, key: string): unknown {
  const v = r.get(key);
  if (typeof v !== 'string') return v ?? undefined;
  if (v.trim() === '') return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    r.note(`${key} (JSON in the string does not parse)`);
    return undefined;
  }
}

/** Result of mapping a national code: our value (undefined when unknown) and the raw code. */
export interface MappedCode {
  value: string | null;
  src: string | null;
}

/**
 * Maps the code of `key` through `table` (codes.ts). The raw code is always kept; an unknown code is
 * reported as `key="CODE" (unknown code)` and gives value null — never a guess.
 */
export function code(r: Rec, key: string, table: readonly CodeEntry[]): MappedCode {
  const src = text(r, key);
  if (!src) return { value: null, src: null };
  const value = fromSourceCode(table, src) ?? null;
  if (!value) r.note(`${key}="${src}" (unknown code)`);
  return { value, src };
}

/** Source keys of the four classification codes of a notice or plan line (absent: not given). */
export interface ClassificationKeys {
  field: string;
  method: string;
  procedure: string;
  contractType?: string;
}

/** The classification of a package as `TbmtVersionFacts`/`PackageFacts` fields, raw codes kept. */
export interface Classification {
  field: string | null;
  fieldCodeSrc: string | null;
  method: string | null;
  methodCodeSrc: string | null;
  procedure: string | null;
  contractType?: string | null;
}

/**
 * Maps field (FIELDS), method (METHODS), procedure (PROCEDURES) and contract type (CONTRACT_TYPES)
 * from their source keys. Unknown procedure and contract-type codes are kept as given (they are
 * already the national codes); unknown field and method codes give null with the raw code kept.
 */
export function classify(r: Rec, keys: ClassificationKeys): Classification {
  const field = code(r, keys.field, FIELDS);
  const method = code(r, keys.method, METHODS);
  const procedure = code(r, keys.procedure, PROCEDURES);
  const out: Classification = {
    field: field.value,
    fieldCodeSrc: field.src,
    method: method.value,
    methodCodeSrc: method.src,
    procedure: procedure.value ?? procedure.src,
  };
  if (keys.contractType) {
    const contractType = code(r, keys.contractType, CONTRACT_TYPES);
    out.contractType = contractType.value ?? contractType.src;
  }
  return out;
}

/**
 * An organisation named by a code field and a name field. Codes are lower-cased national codes
 * (`vn0317079577` contractors: `vn` + tax code; `vnz000022302` units); the tax code is the digits after
 * `vn` unless given separately. Returns null without a name (an organisation must have one).
 */
export function org(r: Rec, codeKey: string | null, nameKey: string, taxKey?: string): OrgRef | null {
  const name = text(r, nameKey);
  const given = codeKey ? (text(r, codeKey)?.toLowerCase() ?? null) : null;
  let tax = taxKey ? text(r, taxKey)?.replace(/\s/g, '') || null : null;
  if (!name) {
    if (given) r.note(`${codeKey} (organisation code without a name)`);
    return null;
  }
  // A value that does not look like a national code is not an identity (the organisation is then
  // found by its name): reported, not used.
  const orgCode = given && NATIONAL_ORG_CODE.test(given) ? given : null;
  if (given && !orgCode) r.note(`${codeKey} (not a national organisation code, not used)`);
  if (tax && !TAX_CODE.test(tax)) {
    r.note(`${taxKey} (not a tax code, not used)`);
    tax = null;
  }
  const taxCode = tax ?? taxCodeOfOrgCode(orgCode);
  return { code: orgCode, taxCode, name };
}

/**
 * Lot number as stored with bidders: a `BP…` "lot" is the package number itself, i.e. a package
 * without lots, stored as '' (facts.ts: "omit or '' for a package without lots"); `PP…` lots are kept.
 * This makes the bidders of a search hit, a KQLCNT and a bid-opening list of one package line up.
 */
export function bidderLotNo(lotNo: string | null | undefined): string {
  const l = nfc(lotNo);
  return !l || /^BP\d{10}$/i.test(l) ? '' : l;
}

/**
 * Lot name of `key` for a bidder row, or null when the bidder's lot is '' (the package itself: its
 * "lot name" just repeats the package name).
 */
export function lotName(r: Rec, key: string, lotNo: string): string | null {
  if (lotNo) return text(r, key);
  r.ignore(key);
  return null;
}

const PERIOD_UNITS: Record<string, string> = { D: 'ngày', M: 'tháng', Y: 'năm' };

/** A period as published (`195 ngày`) from a number and a D/M/Y unit, or null. */
export function periodText(value: number | null, unit: string | null): string | null {
  if (value === null) return null;
  const u = unit ? PERIOD_UNITS[unit.toUpperCase()] : undefined;
  return u ? `${value} ${u}` : String(value);
}

/**
 * Prices by currency from a `bidPriceDetail` list (`[{invest, exchangeRate, moneyType}]`, JSON in a
 * string): VND amounts rounded to integers, foreign amounts as published. Null when absent.
 */
export function priceDetail(r: Rec, key: string): PriceDetail[] | null {
  const parsed = jsonInString(r, key);
  if (parsed === undefined || parsed === null) return null;
  if (!Array.isArray(parsed)) {
    r.note(`${key} (not a list)`);
    return null;
  }
  const out: PriceDetail[] = [];
  for (const p of parsed) {
    const currency =
      isObject(p) && typeof p.moneyType === 'string' ? (nfc(p.moneyType)?.toUpperCase() ?? '') : '';
    const amount = isObject(p) ? Number(p.invest) : Number.NaN;
    if (!currency || !Number.isFinite(amount)) {
      r.note(`${key}[] (entry without moneyType/invest)`);
      continue;
    }
    if (currency === 'VND' && !Number.isSafeInteger(Math.round(amount))) {
      r.note(`${key}[].invest (amount too large to be a VND amount, dropped)`);
      continue;
    }
    const rate = isObject(p) && p.exchangeRate !== null ? Number(p.exchangeRate) : null;
    out.push({
      currency,
      amount: currency === 'VND' ? Math.round(amount) : amount,
      exchangeRate: rate !== null && Number.isFinite(rate) ? rate : null,
    });
  }
  return out.length > 0 ? out : null;
}
