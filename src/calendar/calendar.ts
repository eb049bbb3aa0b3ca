/**
 * Working days of Vietnamese state agencies and legal deadlines (pure: no database, no clock).
 *
 * A working day is Monday–Friday that is not a day off of `yearSchedule` (Labour Code 2019 Art. 111–112
 * and the yearly decisions), or a make-up Saturday; an administrator's override of a date (from the
 * `calendar_override` table, passed in by the caller) wins over both. Dates are Vietnam local days as
 * ISO `YYYY-MM-DD`; instants are UTC `Date`s; Vietnam is UTC+7 all year.
 */
import {
  addDays,
  endOfVnDay,
  isWeekend,
  parseIsoDate,
  toDayNumber,
  vnDateOf,
  type IsoDate,
} from './dates.ts';
import { yearSchedule, type SpecialDay, type YearSchedule } from './rules.ts';

/** An administrator's decision about one date (table `calendar_override`). */
export interface CalendarOverride {
  date: IsoDate;
  /** True: a working day (e.g. a make-up Saturday); false: a day off. */
  working: boolean;
  /** Why, in Vietnamese, ideally citing the official notice. */
  reason: string;
}

/** What a date is. */
export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** `weekday`/`weekend` for ordinary days, the kind of a special day, or `override`. */
  kind: 'weekday' | 'weekend' | SpecialDay['kind'] | 'override';
  /** Vietnamese reason for special days and overrides. */
  reason?: string;
  /** Legal source for special days; `quản trị viên` (administrator) for overrides. */
  source?: string;
}

/** A year's special days with the overrides applied. */
export interface YearListing extends Omit<YearSchedule, 'days'> {
  days: DayInfo[];
}

/** Units of `deadline`. */
export type DeadlineUnit = 'day' | 'working-day' | 'hour';

/** The largest count `addWorkingDays` and `deadline` accept (about 40 years of working days). */
const MAX_COUNT = 10_000;

/** The working-day calendar of Vietnamese state agencies, with an administrator's overrides. */
export class WorkingCalendar {
  private readonly overrides = new Map<IsoDate, CalendarOverride>();
  private readonly years = new Map<number, Map<IsoDate, SpecialDay>>();
  private readonly schedules = new Map<number, YearSchedule>();

  /** @throws RangeError when an override's date is not a valid ISO date. */
  constructor(overrides: readonly CalendarOverride[] = []) {
    for (const o of overrides) this.overrides.set(parseIsoDate(o.date), o);
  }

  private schedule(year: number): YearSchedule {
    let s = this.schedules.get(year);
    if (!s) {
      s = yearSchedule(year);
      this.schedules.set(year, s);
      this.years.set(year, new Map(s.days.map((d) => [d.date, d])));
    }
    return s;
  }

  /** What `date` is and why. @throws RangeError for an invalid date. */
  dayInfo(date: IsoDate): DayInfo {
    parseIsoDate(date);
    const o = this.overrides.get(date);
    if (o) return { date, working: o.working, kind: 'override', reason: o.reason, source: 'quản trị viên' };
    const year = Number(date.slice(0, 4));
    this.schedule(year);
    const special = this.years.get(year)!.get(date);
    // A holiday on a weekend is off anyway; its give-back day carries the effect.
    if (special)
      return {
        date,
        working: special.working,
        kind: special.kind,
        reason: special.reason,
        source: special.source,
      };
    return isWeekend(date)
      ? { date, working: false, kind: 'weekend' }
      : { date, working: true, kind: 'weekday' };
  }

  /** True when `date` is a working day. @throws RangeError for an invalid date. */
  isWorkingDay(date: IsoDate): boolean {
    return this.dayInfo(date).working;
  }

  /**
   * The date `n` working days after `date`: counting starts the day after `date` (Civil Code 2015
   * Art. 147.2), so the result is always a working day for n ≥ 1. A negative `n` counts back (the date
   * `|n|` working days before, e.g. for "at least 3 working days before closing"); `n = 0` is `date`.
   * @throws RangeError for an invalid date, a non-integer `n` or |n| > 10000.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    parseIsoDate(date);
    checkCount(n);
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let d = date;
    while (left > 0) {
      d = addDays(d, step);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /**
   * The number of working days in the period after `from` up to and including `to` (Civil Code 2015
   * Art. 147.2: the event's day is not counted). Negative when `to` is before `from`; 0 when equal.
   * So `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   * @throws RangeError for invalid dates or a span of more than 100 years.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toDayNumber(parseIsoDate(from));
    const b = toDayNumber(parseIsoDate(to));
    if (Math.abs(b - a) > 36_600) throw new RangeError(`span too long: ${from} … ${to}`);
    const [lo, hi, sign] = a <= b ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return sign * count;
  }

  /**
   * The instant a legal period ends (Civil Code 2015, Bộ luật Dân sự 91/2015/QH13):
   * - `hour`: starts at the event (Art. 147.1) and ends `n` hours later.
   * - `day`: starts the day after the event (Art. 147.2); ends at the end of the `n`-th calendar day
   *   (Art. 148.1); when that day is a weekend or a holiday, at the end of the next working day
   *   (Art. 148.5).
   * - `working-day`: ends at the end of the `n`-th working day after the event's day.
   * A day ends at 24:00 Vietnam time (Art. 148.6), i.e. 17:00 UTC.
   * @param event the instant of the event (UTC).
   * @param n a whole number ≥ 1 (≥ 0 for hours).
   * @returns the end instant (UTC).
   * @throws RangeError for an invalid instant, `n` or unit.
   */
  deadline(event: Date, n: number, unit: DeadlineUnit): Date {
    if (!(event instanceof Date) || Number.isNaN(event.getTime()))
      throw new RangeError('event must be a valid Date');
    checkCount(n);
    if (n < 0 || (n === 0 && unit !== 'hour')) throw new RangeError(`n must be ≥ 1, got ${n}`);
    const day = vnDateOf(event);
    switch (unit) {
      case 'hour':
        return new Date(event.getTime() + n * 3_600_000);
      case 'day': {
        let last = addDays(day, n);
        while (!this.isWorkingDay(last)) last = addDays(last, 1);
        return endOfVnDay(last);
      }
      case 'working-day':
        return endOfVnDay(this.addWorkingDays(day, n));
      default:
        throw new RangeError(`unknown unit ${String(unit)}: use day, working-day or hour`);
    }
  }

  /**
   * The special days of `year` — holidays (also on weekends), give-back days, swapped days off,
   * make-up Saturdays — with the administrator's overrides of that year applied, sorted by date.
   * @throws RangeError for a year outside 1800–2199.
   */
  year(year: number): YearListing {
    if (!Number.isInteger(year) || year < 1800 || year > 2199)
      throw new RangeError(`year must be 1800–2199, got ${year}`);
    const s = this.schedule(year);
    const byDate = new Map<IsoDate, DayInfo>(
      s.days.map((d) => [
        d.date,
        { date: d.date, working: d.working, kind: d.kind, reason: d.reason, source: d.source },
      ]),
    );
    for (const o of this.overrides.values()) {
      if (o.date.startsWith(`${year}-`)) byDate.set(o.date, this.dayInfo(o.date));
    }
    const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return { year, provisional: s.provisional, sources: s.sources, days };
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || Math.abs(n) > MAX_COUNT) {
    throw new RangeError(`count must be a whole number from -${MAX_COUNT} to ${MAX_COUNT}, got ${n}`);
  }
}
