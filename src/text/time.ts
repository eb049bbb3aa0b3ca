/** The legal time zone of Vietnam: UTC+7, no daylight saving (procurement-domain.md §4). */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 3_600_000;

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a time from a source. A time without an offset (`2026-03-24T15:00:00`) is Vietnam local time;
 * one with an offset (`…+0000`, `…Z`) is taken as given. Also accepts `dd/mm/yyyy` and
 * `HH:mm dd/mm/yyyy` as shown on Vietnamese pages.
 * Returns `null` for null, empty or unparseable input (callers report unparseable values).
 */
export function parseVnTime(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  if (s === '') return null;
  const vnDisplay = /^(?:(\d{1,2}):(\d{2})\s+)?(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s);
  if (vnDisplay) {
    const [, hh = '00', mi = '00', dd, mm, yyyy] = vnDisplay;
    return checked(
      `${yyyy}-${mm!.padStart(2, '0')}-${dd!.padStart(2, '0')}T${hh.padStart(2, '0')}:${mi}:00${VN_OFFSET}`,
    );
  }
  if (OFFSET.test(s)) {
    if (!WITH_OFFSET.test(s)) return null;
    // `+0000` → `+00:00` for Date.parse.
    return checked(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  }
  const m = NAIVE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = ''] = m;
  return checked(`${y}-${mo}-${d}T${h}:${mi}:${sec}${frac.slice(0, 4)}${VN_OFFSET}`);
}

/** Years outside this range are data errors, not procurement dates (and outside what we store). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/**
 * Parses an ISO string and rejects calendar dates that do not exist (`2026-02-29`, `2026-04-31`,
 * hour 24…) instead of letting them roll over, and years outside 1900–2199.
 */
function checked(iso: string): Date | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) return null;
  const [y, mo, d, h, mi, s = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (y! < MIN_YEAR || y! > MAX_YEAR || h! > 23 || mi! > 59 || s > 59) return null;
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate()) return null;
  return new Date(t);
}

/** Vietnam local calendar fields of an instant (month 1–12, weekday 0 = Sunday). */
export function vnParts(at: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
} {
  const l = new Date(at.getTime() + VN_OFFSET_MS);
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    day: l.getUTCDate(),
    hour: l.getUTCHours(),
    minute: l.getUTCMinutes(),
    weekday: l.getUTCDay(),
  };
}

/** The instant of a Vietnam local date and time (month 1–12). */
export function vnTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - VN_OFFSET_MS);
}
