/**
 * Publication deadlines (procurement-domain.md §2): publishing late is allowed — better late than
 * never — but recorded as late, with the number of working days (or hours) it was late. Pure.
 */
import type { WorkingCalendar } from '../../calendar/index.ts';
import { amountEn, amountVi, dayOf, finding, findRule } from './match.ts';
import { regimeFor, type RegimeId } from './regimes.ts';
import { LAW_RULES } from './rules.ts';
import type { Finding, LawRule, PublicationItem, RuleUnit } from './types.ts';

/** A publication whose timeliness is checked. Instants UTC. */
export interface TimelinessFacts {
  item: PublicationItem;
  /**
   * The date that chooses the regime: the package's documents issue date (its plan's approval for
   * `khlcnt`).
   */
  regimeDate: Date;
  /** The event the deadline runs from: approval, signing, contract effect, bid closing, opening. */
  eventAt: Date;
  publishedAt: Date;
}

/** How a publication stands against its deadline. */
export interface Timeliness {
  regime: RegimeId;
  /** `null` when no deadline applies to this item under the regime. */
  deadline: Date | null;
  late: boolean;
  /** How late, in `unit` (working days for WD deadlines, whole hours rounded up for hour deadlines). */
  lateBy: number;
  unit: RuleUnit | null;
  finding: Finding | null;
}

/**
 * Whether `f.publishedAt` meets the deadline of `f.item`. WD deadlines end at 24:00 VN time of the
 * n-th working day after the event's day (Civil Code 2015 Art. 147–148); hour deadlines run from the
 * event itself.
 * @throws RangeError for invalid instants.
 */
export function checkTimeliness(
  f: TimelinessFacts,
  opts: { calendar: WorkingCalendar; rules?: readonly LawRule[] },
): Timeliness {
  const rules = opts.rules ?? LAW_RULES;
  const regimeDay = dayOf(f.regimeDate, 'regimeDate');
  dayOf(f.eventAt, 'eventAt');
  const pubDay = dayOf(f.publishedAt, 'publishedAt');
  const regime = regimeFor(regimeDay).id;
  const rule = findRule(rules, regime, 'publication-deadline', { item: f.item }, regimeDay);
  if (
    !rule ||
    rule.max === undefined ||
    (rule.unit !== 'working-day' && rule.unit !== 'hour' && rule.unit !== 'day')
  ) {
    return { regime, deadline: null, late: false, lateBy: 0, unit: null, finding: null };
  }
  const deadline = opts.calendar.deadline(f.eventAt, rule.max, rule.unit);
  if (f.publishedAt.getTime() <= deadline.getTime()) {
    return { regime, deadline, late: false, lateBy: 0, unit: rule.unit, finding: null };
  }
  // The deadline's last day: the deadline itself is 24:00 of that day, i.e. 00:00 of the next one.
  const lastDay = dayOf(new Date(deadline.getTime() - 1), 'deadline');
  const lateBy =
    rule.unit === 'hour'
      ? Math.ceil((f.publishedAt.getTime() - deadline.getTime()) / 3_600_000)
      : rule.unit === 'working-day'
        ? Math.max(1, opts.calendar.workingDaysBetween(lastDay, pubDay))
        : Math.max(1, Math.round((Date.parse(pubDay) - Date.parse(lastDay)) / 86_400_000));
  return {
    regime,
    deadline,
    late: true,
    lateBy,
    unit: rule.unit,
    finding: finding(
      rule,
      `Đăng tải muộn ${amountVi(lateBy, rule.unit)} (hạn chót: ${deadlineVi(deadline)}).`,
      `Published ${amountEn(lateBy, rule.unit)} late (deadline: ${deadlineEn(deadline)}, Vietnam time).`,
      { value: lateBy, unit: rule.unit },
    ),
  };
}

const VN_CLOCK = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const VN_DAY = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** True when `at` is 24:00 of a Vietnam day (a day-counted deadline). */
function isEndOfVnDay(at: Date): boolean {
  return (
    at.getUTCHours() === 17 &&
    at.getUTCMinutes() === 0 &&
    at.getUTCSeconds() === 0 &&
    at.getUTCMilliseconds() === 0
  );
}

/** `hết ngày 09/03/2026` for a day deadline, `15:00 ngày 24/03/2026` otherwise (Vietnam time). */
function deadlineVi(at: Date): string {
  return isEndOfVnDay(at)
    ? `hết ngày ${VN_DAY.format(new Date(at.getTime() - 1))}`
    : `${VN_CLOCK.format(at)} ngày ${VN_DAY.format(at)}`;
}

/** `end of 09/03/2026` or `15:00 on 24/03/2026`. */
function deadlineEn(at: Date): string {
  return isEndOfVnDay(at)
    ? `end of ${VN_DAY.format(new Date(at.getTime() - 1))}`
    : `${VN_CLOCK.format(at)} on ${VN_DAY.format(at)}`;
}
