/**
 * Small JSON helpers of the OCDS mapping: pruning empty values (the Data Review Tool reports `""`,
 * `{}`, `[]` and whitespace-only strings), instants as ISO-8601 UTC, VND amounts, digests.
 */
import { contentHash } from '../../audit/ledger.ts';

/** A JSON object under construction: `null`/`undefined` members are dropped by {@link prune}. */
export type Obj = Record<string, unknown>;

/**
 * A deep copy of `value` without `null`, `undefined`, empty or whitespace-only strings, empty arrays
 * and empty objects (recursively: an object whose members all prune away is dropped too).
 * Returns `undefined` when nothing is left.
 */
export function prune<T>(value: T): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => prune(v)).filter((v) => v !== undefined);
    return (items.length > 0 ? items : undefined) as T | undefined;
  }
  if (typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return (Object.keys(out).length > 0 ? out : undefined) as T | undefined;
  }
  return value;
}

/** An instant as OCDS `date-time`: ISO-8601 UTC without milliseconds when they are zero. */
export function iso(date: Date | null | undefined): string | null {
  if (!date) return null;
  const s = date.toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** OCDS `Value` of a VND amount (integer), or null when the amount is not published. */
export function vnd(amount: number | null | undefined): { amount: number; currency: 'VND' } | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return null;
  return { amount: Math.round(amount), currency: 'VND' };
}

/** sha256 (hex) of the canonical JSON (RFC 8785) of `value`: the same digest as the ledger's. */
export function digestOf(value: unknown): string {
  return contentHash(value);
}

/** Days in a period written as published ("195 ngày", "30 days"), or null for months/years/other. */
export function daysOf(text: string | null | undefined): number | null {
  const m = /^\s*(\d{1,5})\s*(ngày|ngay|days?|d)\s*$/i.exec(text ?? '');
  return m ? Number(m[1]) : null;
}

/** A text usable inside an id: anything but letters, digits, `.`, `_`, `-` becomes `_`. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}
