/**
 * Formatting for the public pages, Vietnamese conventions: money `219.994.920 ₫` (dots group
 * thousands), numbers `2,5` (comma decimals), times `24/03/2026 15:00` in Asia/Ho_Chi_Minh.
 * Pure functions; no dependency on the ICU data of the Node build.
 */

import { vnParts } from '../text/time.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Groups the digits of a non-negative integer string by thousands with dots: `219994920` → `219.994.920`. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * A number in Vietnamese notation: dots group thousands, a comma separates decimals, at most
 * `maxFractionDigits` decimals (trailing zeros dropped). `1234.5` → `1.234,5`. Empty string for null.
 */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const sign = value < 0 ? '-' : '';
  const [int = '0', frac = ''] = Math.abs(value).toFixed(maxFractionDigits).split('.');
  const decimals = frac.replace(/0+$/, '');
  return `${sign}${groupThousands(int)}${decimals ? `,${decimals}` : ''}`;
}

/**
 * An amount of VND: `219.994.920 ₫` (rounded to whole dong; a normal space before the sign — pages
 * keep it on one line with CSS `white-space: nowrap`). Empty string for null.
 */
export function formatVnd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return `${formatNumber(Math.round(value), 0)} ₫`;
}

/** A percentage in Vietnamese notation: `2,5%`. Empty string for null. */
export function formatPercent(value: number | null | undefined): string {
  const n = formatNumber(value);
  return n === '' ? '' : `${n}%`;
}

/** An instant as Vietnam local date and time, `24/03/2026 15:00`. Empty string for null or invalid. */
export function formatVnDateTime(instant: Date | null | undefined): string {
  if (!instant || Number.isNaN(instant.getTime())) return '';
  const p = vnParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** An instant as Vietnam local date, `24/03/2026`. Empty string for null or invalid. */
export function formatVnDate(instant: Date | null | undefined): string {
  if (!instant || Number.isNaN(instant.getTime())) return '';
  const p = vnParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

const PERIOD_UNITS: Record<string, string> = { D: 'ngày', M: 'tháng', Y: 'năm' };

/** A contract period, `90 ngày`, `6 tháng`; the raw unit is kept when unknown. Empty for null. */
export function formatPeriod(length: number | null | undefined, unit: string | null | undefined): string {
  if (length === null || length === undefined) return '';
  const u = unit ? (PERIOD_UNITS[unit.toUpperCase()] ?? unit) : '';
  return `${formatNumber(length, 0)}${u ? ` ${u}` : ''}`.trim();
}

/** A number of days, `120 ngày`. Empty for null. */
export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? '' : `${formatNumber(days, 0)} ngày`;
}

/** A yes/no flag with the given labels; empty for null (not published). */
export function formatFlag(value: boolean | null | undefined, yes: string, no: string): string {
  return value === null || value === undefined ? '' : value ? yes : no;
}
