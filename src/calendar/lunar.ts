/**
 * The Vietnamese lunisolar calendar (âm lịch), computed for the meridian of Vietnam (UTC+7).
 *
 * Algorithm: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (2004, https://www.informatik.uni-leipzig.de/~duc/amlich/),
 * which follows Jean Meeus, "Astronomical Algorithms" (1998) for new moons and the sun's longitude.
 * A lunar month starts on the local day (UTC+7) of the new moon; month 11 is the month containing the
 * winter solstice; in a 13-month year the leap month is the first month without a major solar term.
 *
 * Why not a Chinese calendar: China computes new moons at UTC+8. When a new moon falls between 23:00 and
 * 24:00 Vietnam time the month starts a day earlier in Vietnam — e.g. Tết 1985 was 21 January in
 * Vietnam but 20 February in China (another leap-month placement), Tết 2007 was 17 February in
 * Vietnam, 18 February in China. Vietnam has used UTC+7 for its calendar since 1968 (before, its
 * lunar dates followed China's); dates before 1968 are computed at UTC+7 all the same. Valid for years
 * 1800–2199.
 */
import { type IsoDate, fromDayNumber, toDayNumber } from './dates.ts';

/** Vietnam's offset from UTC in hours, used for the local day of each new moon. */
export const VN_LUNAR_TIME_ZONE = 7;

/** A date of the lunar calendar. */
export interface LunarDate {
  /** Day of the lunar month, 1–30. */
  day: number;
  /** Lunar month, 1–12 (1 = tháng Giêng, 12 = tháng Chạp). */
  month: number;
  /** Lunar year, named by the Gregorian year in which it mostly falls (Tết 2026 starts lunar year 2026). */
  year: number;
  /** True in a leap month (tháng nhuận). */
  leap: boolean;
}

const INT = Math.floor;
const PI = Math.PI;
/** Julian day number of 1 January 1900 (the epoch of the mean new moon series). */
const NEW_MOON_EPOCH = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;

/** Julian day number of a Gregorian date (Hồ Ngọc Đức's `jdFromDate`). */
function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
}

/** Julian day (fractional) of the k-th new moon after 1 January 1900 (Meeus, ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** The sun's apparent longitude in radians (0…2π) at Julian day `jdn` (Meeus, ch. 25, low accuracy). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Major solar term (0–11, each 30° of longitude) at the start of local day `dayNumber`. */
function solarTerm(dayNumber: number, tz: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

/** Julian day number of the local day of the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

/** Julian day number of the first day of lunar month 11 of (Gregorian) year `yy`. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return solarTerm(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** Offset (in months after month 11 starting on `a11`) of the leap month of a 13-month year. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let last: number;
  let i = 1;
  let arc = solarTerm(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = solarTerm(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Julian day number ↔ ISO date: our day numbers count days since 1970-01-01 (JD 2440588). */
const JD_UNIX_EPOCH = 2440588;

/**
 * The lunar date of a Gregorian day, computed at UTC+7.
 * @throws RangeError for an invalid ISO date.
 */
export function solarToLunar(date: IsoDate, tz = VN_LUNAR_TIME_ZONE): LunarDate {
  const dayNumber = toDayNumber(date) + JD_UNIX_EPOCH;
  const yy = Number(date.slice(0, 4));
  const k = INT((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * The Gregorian day of a lunar date, computed at UTC+7.
 * @throws RangeError when `leap` is asked for a month that is not the leap month of that year.
 */
export function lunarToSolar(lunar: LunarDate, tz = VN_LUNAR_TIME_ZONE): IsoDate {
  const { day, month, year, leap } = lunar;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`lunar year ${year} has no leap month ${month}`);
    } else if (leap || off >= leapOff) {
      off += 1;
    }
  } else if (leap) {
    throw new RangeError(`lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, tz);
  return fromDayNumber(monthStart + day - 1 - JD_UNIX_EPOCH);
}

/** Tết Nguyên đán: the first day of lunar month 1 of lunar year `year`, in Vietnam (UTC+7). */
export function tetDate(year: number): IsoDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false });
}

/** Giỗ Tổ Hùng Vương: the 10th day of lunar month 3 of lunar year `year`, in Vietnam (UTC+7). */
export function hungKingsDate(year: number): IsoDate {
  return lunarToSolar({ day: 10, month: 3, year, leap: false });
}
