/**
 * Local calendar days of Vietnam as ISO strings (`YYYY-MM-DD`) and instants (UTC `Date`s).
 * Vietnam's legal time is Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving (since 1975).
 */

/** A local Vietnam calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Vietnam's offset from UTC in milliseconds. */
export const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks that `value` is an existing calendar day written `YYYY-MM-DD` (years 1800–2199).
 * @throws RangeError naming the value otherwise (e.g. `2026-02-30`, `1/1/2026`).
 */
export function parseIsoDate(value: string): IsoDate {
  const m = ISO_DATE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (y >= 1800 && y <= 2199 && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return value;
  }
  throw new RangeError(`not a date YYYY-MM-DD (1800–2199): ${JSON.stringify(value)}`);
}

/** Days since 1970-01-01 of a valid ISO date. */
export function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The ISO date `n` days since 1970-01-01. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday, the weekly rest days of state agencies (40-hour week, Decision 188/1999/QĐ-TTg). */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The Vietnam local day of an instant. */
export function vnDateOf(at: Date): IsoDate {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam local day ends: 24:00 of `date` in UTC+7 (= 17:00 UTC of the same date). */
export function endOfVnDay(date: IsoDate): Date {
  return new Date((toDayNumber(date) + 1) * DAY_MS - VN_OFFSET_MS);
}

/** Vietnamese weekday names, 0 = Chủ nhật. */
export const WEEKDAY_VI = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
] as const;

/** `dd/mm/yyyy`, as Vietnamese documents write dates. */
export function formatVnDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
