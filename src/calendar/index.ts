/**
 * `src/calendar`: Vietnamese working days and legal deadlines (pure library, no database or HTTP).
 * See docs/calendar.md.
 */
export {
  WorkingCalendar,
  type CalendarOverride,
  type DayInfo,
  type DeadlineUnit,
  type YearListing,
} from './calendar.ts';
export {
  addDays,
  endOfVnDay,
  formatVnDate,
  parseIsoDate,
  vnDateOf,
  weekday,
  WEEKDAY_VI,
  type IsoDate,
} from './dates.ts';
export { hungKingsDate, lunarToSolar, solarToLunar, tetDate, type LunarDate } from './lunar.ts';
export { OFFICIAL_YEARS, officialYear, type Citation, type OfficialYear } from './official.ts';
export { yearSchedule, type SpecialDay, type YearSchedule } from './rules.ts';
