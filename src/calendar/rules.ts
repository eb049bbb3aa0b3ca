/**
 * The days off of one year for state agencies, from the Labour Code 2019 (Bộ luật Lao động 45/2019/QH14)
 * and the yearly decisions of `official.ts`:
 *
 * - Art. 112.1 public holidays: 1 January; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương (10/3 lunar);
 *   30 April; 1 May; 2 September and one day next to it. Lunar days come from `lunar.ts` (UTC+7).
 * - Art. 112.3: the Prime Minister fixes the five days of Tết and the day next to 2 September each year.
 *   Without a decision the defaults are: Tết = the last day of the lunar year and the first four days
 *   of the new one; the day next to 2 September = 3 September when 2 September is a Monday or a
 *   Thursday (bridging to the weekend), otherwise 1 September. Such years are marked provisional.
 * - Art. 111.3: a holiday on a weekly rest day (Saturday/Sunday for state agencies) is given back on
 *   the next working day.
 * - Government swaps (hoán đổi ngày làm việc): a weekday off, worked back on a Saturday.
 */
import { addDays, formatVnDate, isWeekend, toDayNumber, weekday, WEEKDAY_VI, type IsoDate } from './dates.ts';
import { hungKingsDate, solarToLunar, tetDate } from './lunar.ts';
import { officialYear, type Citation } from './official.ts';

/** Why a day is not an ordinary day. */
export type SpecialKind = 'holiday' | 'give-back' | 'swap-off' | 'make-up';

/** A day that is off although a weekday, or worked although a Saturday, or a holiday on a weekend. */
export interface SpecialDay {
  date: IsoDate;
  /** True for a make-up working day (a Saturday worked), false for every day off. */
  working: boolean;
  kind: SpecialKind;
  /** The reason in Vietnamese, e.g. `Tết Âm lịch (mùng 1 tháng Giêng)`. */
  reason: string;
  /** The legal basis: an article or the official decision. */
  source: string;
}

/** All special days of a year. */
export interface YearSchedule {
  year: number;
  /** True when no official decision for the year is known: Tết and 2/9 days come from the default rules. */
  provisional: boolean;
  /** Sorted by date. */
  days: SpecialDay[];
  /** The official documents used. */
  sources: Citation[];
}

const LC = 'BLLĐ 2019';

function lunarLabel(date: IsoDate): string {
  const l = solarToLunar(date);
  const month = l.month === 1 ? 'tháng Giêng' : l.month === 12 ? 'tháng Chạp' : `tháng ${l.month}`;
  return `${l.day === 1 ? 'mùng 1' : l.day <= 10 ? `mùng ${l.day}` : String(l.day)} ${month}`;
}

/** The default day next to 2 September when no decision is known (see the module comment). */
export function defaultNationalDayAdjacent(year: number): IsoDate {
  const w = weekday(`${year}-09-02`);
  return w === 1 || w === 4 ? `${year}-09-03` : `${year}-09-01`;
}

/** The default five days of Tết: the last day of the old lunar year and the first four of the new. */
export function defaultTetDays(year: number): IsoDate[] {
  const tet = tetDate(year);
  return [-1, 0, 1, 2, 3].map((d) => addDays(tet, d));
}

/**
 * The special days of `year` (1800–2199): holidays (also those on weekends), give-back days, swapped
 * days and make-up Saturdays, each with its reason and legal source.
 */
export function yearSchedule(year: number): YearSchedule {
  const official = officialYear(year);
  const holidays: SpecialDay[] = [];
  const holiday = (date: IsoDate, reason: string, article: string) =>
    holidays.push({ date, working: false, kind: 'holiday', reason, source: `${LC} Điều ${article}` });

  holiday(`${year}-01-01`, 'Tết Dương lịch', '112.1a');
  const tetSource = official
    ? official.sources[official.tetSource]!.document
    : `${LC} Điều 112.1b (mặc định, chưa có quyết định)`;
  for (const date of official?.tet ?? defaultTetDays(year)) {
    holidays.push({
      date,
      working: false,
      kind: 'holiday',
      reason: `Tết Âm lịch (${lunarLabel(date)})`,
      source: tetSource,
    });
  }
  holiday(hungKingsDate(year), 'Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch)', '112.1e');
  holiday(`${year}-04-30`, 'Ngày Chiến thắng (30/4)', '112.1c');
  holiday(`${year}-05-01`, 'Ngày Quốc tế Lao động (1/5)', '112.1d');
  holiday(`${year}-09-02`, 'Quốc khánh (2/9)', '112.1đ');
  const adjacent = official?.nationalDayAdjacent ?? defaultNationalDayAdjacent(year);
  holidays.push({
    date: adjacent,
    working: false,
    kind: 'holiday',
    reason: `Quốc khánh (ngày liền kề ${adjacent < `${year}-09-02` ? 'trước' : 'sau'} 2/9)`,
    source: official
      ? official.sources[official.nationalDaySource]!.document
      : `${LC} Điều 112.1đ (mặc định, chưa có quyết định)`,
  });

  const taken = new Set(holidays.map((h) => h.date));
  const swaps = official?.swaps ?? [];
  for (const s of swaps) taken.add(s.off);
  const days: SpecialDay[] = [...holidays];
  // Art. 111.3: each holiday on a weekend is given back on the next day that is neither a weekend,
  // a holiday, a swapped day off nor already a give-back day; in date order.
  for (const h of [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    days.push({
      date: d,
      working: false,
      kind: 'give-back',
      reason: `Nghỉ bù ${h.reason} (trùng ${WEEKDAY_VI[weekday(h.date)]} ${formatVnDate(h.date)})`,
      source: `${LC} Điều 111.3`,
    });
  }
  for (const s of swaps) {
    const source = official!.sources[s.source]!.document;
    days.push({
      date: s.off,
      working: false,
      kind: 'swap-off',
      reason: `Nghỉ hoán đổi dịp ${s.occasion} (làm bù ${WEEKDAY_VI[weekday(s.makeUp)]} ${formatVnDate(s.makeUp)})`,
      source,
    });
    days.push({
      date: s.makeUp,
      working: true,
      kind: 'make-up',
      reason: `Làm bù cho ngày nghỉ ${WEEKDAY_VI[weekday(s.off)]} ${formatVnDate(s.off)} (dịp ${s.occasion})`,
      source,
    });
  }
  days.sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
  return { year, provisional: !official, days, sources: official?.sources ?? [] };
}
