/**
 * Time helpers for the demo generator. Every instant is a `Date` (UTC); days and hours are reckoned in
 * Vietnam local time (UTC+7, no daylight saving), as legal deadlines are (procurement-domain.md §4).
 */
import { vnParts, vnTime } from '../text/time.ts';

export { vnParts, vnTime };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Approximate public holidays (local dates `YYYY-MM-DD`) that demo deadlines avoid. Demo only, not the
 * legal calendar: the real one comes from the administrator-maintained calendar module.
 */
const DEMO_HOLIDAYS = new Set([
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
  '2027-01-01',
]);

/** `at` moved by a (possibly fractional or negative) number of days. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** `at` moved by a number of minutes. */
export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** The same Vietnam local day as `at`, at `hour:minute` local time. */
export function atVnClock(at: Date, hour: number, minute = 0): Date {
  const p = vnParts(at);
  return vnTime(p.year, p.month, p.day, hour, minute);
}

function localIsoDay(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** True on a Monday–Friday that is not one of the demo holidays (local date). */
export function isWorkingDay(at: Date): boolean {
  const p = vnParts(at);
  return p.weekday !== 0 && p.weekday !== 6 && !DEMO_HOLIDAYS.has(localIsoDay(at));
}

/** `at` if it falls on a working day, else the same clock time on the next working day. */
export function onOrAfterWorkingDay(at: Date): Date {
  let d = at;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** `at` if it falls on a working day, else the same clock time on the previous working day. */
export function onOrBeforeWorkingDay(at: Date): Date {
  let d = at;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** `at` moved forward by `n` working days (same clock time). */
export function addWorkingDays(at: Date, n: number): Date {
  let d = at;
  for (let i = 0; i < n; i++) d = onOrAfterWorkingDay(addDays(d, 1));
  return d;
}

/** Local date as `dd_mm_yyyy`, the form the national system puts in file names. */
export function fileDate(at: Date): string {
  const p = vnParts(at);
  return `${String(p.day).padStart(2, '0')}_${String(p.month).padStart(2, '0')}_${p.year}`;
}
