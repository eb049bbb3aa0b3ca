/**
 * Vietnamese formatting for e-mails, the same conventions as the pages (`src/web/format.ts`, which the
 * domain must not import): money `219.994.920 ₫`, times `24/03/2026 15:00` in Asia/Ho_Chi_Minh.
 */
import { vnParts } from '../text/time.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An amount of VND rounded to whole dong, dots grouping thousands: `219.994.920 ₫`; `''` for null. */
export function mailVnd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const digits = String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${digits} ₫`;
}

/** An instant as Vietnam local date and time, `24/03/2026 15:00`; `''` for null. */
export function mailDateTime(at: Date | null | undefined): string {
  if (!at || Number.isNaN(at.getTime())) return '';
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** An instant as Vietnam local date, `24/03/2026`; `''` for null. */
export function mailDate(at: Date | null | undefined): string {
  if (!at || Number.isNaN(at.getTime())) return '';
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** The Vietnam-local calendar date of an instant as `YYYY-MM-DD`. */
export function vnIsoDate(at: Date): string {
  const p = vnParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
