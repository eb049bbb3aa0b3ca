/**
 * The calendar's rules where no official decision is needed: the Vietnamese lunar calendar (UTC+7),
 * year boundaries, give-back days, overrides, working-day arithmetic and Civil Code deadlines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Holidays from 'date-holidays';
import {
  WorkingCalendar,
  addDays,
  hungKingsDate,
  lunarToSolar,
  parseIsoDate,
  solarToLunar,
  tetDate,
} from '../src/calendar/index.ts';

const calendar = new WorkingCalendar();

test('Tết dates of the Vietnamese calendar, including years where China differs (1985, 2007)', () => {
  // Vietnamese Tết dates (Hồ Ngọc Đức's tables; 1985 and 2007 are the textbook differences with China).
  const vietnam: Record<number, string> = {
    1985: '1985-01-21',
    2007: '2007-02-17',
    2020: '2020-01-25',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
  };
  for (const [year, date] of Object.entries(vietnam))
    assert.equal(tetDate(Number(year)), date, `Tết ${year}`);
  // The same algorithm at China's meridian (UTC+8) gives China's dates: the time zone is what differs.
  assert.equal(lunarToSolar({ day: 1, month: 1, year: 1985, leap: false }, 8), '1985-02-20');
  assert.equal(lunarToSolar({ day: 1, month: 1, year: 2007, leap: false }, 8), '2007-02-18');
});

/**
 * An independent check: the `VN` calendar of date-holidays (another implementation). From 1968 — when
 * North Vietnam moved its calendar to UTC+7 (before, Vietnamese Tết followed China's UTC+8 dates,
 * hence the split Tết Mậu Thân 1968 in North and South) — every Tết agrees. Hùng Kings' day differs in
 * 2050 and 2083, where the new moon of the 3rd month falls within minutes of midnight and the two
 * astronomical approximations round to different days; ours follows Hồ Ngọc Đức's published tables.
 * Such a year is settled by the official notice (override table) anyway.
 */
test("Tết and Hùng Kings' day agree with date-holidays' VN calendar for 1968–2100", () => {
  const hd = new Holidays('VN');
  const differ: string[] = [];
  for (let y = 1968; y <= 2100; y++) {
    const days = hd.getHolidays(y);
    const find = (name: string) => days.find((h) => h.name === name)?.date.slice(0, 10);
    if (find('Tết Nguyên Đán') !== tetDate(y))
      differ.push(`Tết ${y}: ${find('Tết Nguyên Đán')} vs ${tetDate(y)}`);
    if (find('Giỗ tổ Hùng Vương') !== hungKingsDate(y))
      differ.push(`Hùng ${y}: ${find('Giỗ tổ Hùng Vương')} vs ${hungKingsDate(y)}`);
  }
  assert.deepEqual(differ, ['Hùng 2050: 2050-03-31 vs 2050-04-01', 'Hùng 2083: 2083-04-25 vs 2083-04-26']);
});

test("Hùng Kings' day (10/3 lunar) and leap months", () => {
  assert.equal(hungKingsDate(2024), '2024-04-18');
  assert.equal(hungKingsDate(2025), '2025-04-07');
  assert.equal(hungKingsDate(2026), '2026-04-26');
  // 2023 had a leap 2nd month (tháng 2 nhuận) in Vietnam.
  assert.deepEqual(solarToLunar('2023-04-10'), { day: 20, month: 2, year: 2023, leap: true });
  assert.throws(() => lunarToSolar({ day: 1, month: 5, year: 2023, leap: true }), /no leap month 5/);
});

test('solar → lunar → solar round-trips every day of 2000–2040', () => {
  for (let d = '2000-01-01'; d < '2041-01-01'; d = addDays(d, 1)) {
    const l = solarToLunar(d);
    if (lunarToSolar(l) !== d) assert.fail(`${d} → ${JSON.stringify(l)} → ${lunarToSolar(l)}`);
  }
});

test('year boundaries: counting over New Year 2026 (1 Jan holiday, 2 Jan swapped, weekend)', () => {
  assert.equal(calendar.addWorkingDays('2025-12-31', 1), '2026-01-05');
  assert.equal(calendar.addWorkingDays('2026-01-05', -1), '2025-12-31');
  assert.equal(calendar.workingDaysBetween('2025-12-29', '2026-01-05'), 3);
  assert.equal(calendar.workingDaysBetween('2026-01-05', '2025-12-29'), -3);
  // Sat 10 Jan 2026 is worked (make-up), so the 5th working day after Mon 5 Jan is Sat 10 Jan.
  assert.equal(calendar.addWorkingDays('2026-01-05', 5), '2026-01-10');
  // 1 January on a Saturday is given back on Monday 3 January (2022, 2028).
  assert.equal(calendar.isWorkingDay('2022-01-03'), false);
  assert.equal(calendar.isWorkingDay('2028-01-03'), false);
  assert.equal(calendar.isWorkingDay('2028-01-04'), true);
});

test('Tết spanning weekends: counting across Tết 2024 and 2025', () => {
  assert.equal(calendar.addWorkingDays('2024-02-07', 1), '2024-02-15');
  assert.equal(calendar.workingDaysBetween('2024-02-07', '2024-02-15'), 1);
  assert.equal(calendar.addWorkingDays('2025-01-24', 1), '2025-02-03');
  assert.equal(calendar.addWorkingDays('2026-02-13', 3), '2026-02-25');
  for (let n = 0; n <= 40; n++)
    assert.equal(calendar.workingDaysBetween('2024-01-25', calendar.addWorkingDays('2024-01-25', n)), n);
});

test("Hùng Kings' day, 30/4 and 1/5 running into each other over a weekend (2023): give-backs queue up", () => {
  // 2023: Hùng Kings' day Sat 29/4, 30/4 Sun, 1/5 Mon → given back Tue 2/5 and Wed 3/5; off 29/4–3/5
  // (as announced for state agencies that year, e.g. https://todaycnews.com/thaonguyen/nghi-le-30-4).
  for (const d of ['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']) {
    assert.equal(calendar.isWorkingDay(d), false, d);
  }
  assert.equal(calendar.isWorkingDay('2023-04-28'), true);
  assert.equal(calendar.isWorkingDay('2023-05-04'), true);
  const reasons = calendar
    .year(2023)
    .days.filter((d) => d.kind === 'give-back')
    .map((d) => `${d.date} ${d.reason}`);
  assert.ok(
    reasons.includes('2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương (10 tháng 3 âm lịch) (trùng Thứ Bảy 29/04/2023)'),
    reasons.join('; '),
  );
  assert.ok(
    reasons.includes('2023-05-03 Nghỉ bù Ngày Chiến thắng (30/4) (trùng Chủ nhật 30/04/2023)'),
    reasons.join('; '),
  );
});

test('a year without an official decision is computed from the default rules and marked provisional', () => {
  const y = calendar.year(2027);
  assert.equal(y.provisional, true);
  // Tết 2027 is Sat 6 Feb: the default 5 days are 5–9 Feb; mùng 1 and 2 on the weekend are given back
  // on Wed 10 and Thu 11 Feb.
  const off = y.days.filter((d) => !d.working).map((d) => d.date);
  for (const d of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'])
    assert.ok(off.includes(d), d);
  assert.equal(calendar.isWorkingDay('2027-02-12'), true);
  // 2 Sep 2027 is a Thursday: the adjacent day defaults to Friday 3 Sep.
  assert.equal(calendar.isWorkingDay('2027-09-03'), false);
  assert.match(y.days.find((d) => d.date === '2027-09-03')!.source!, /mặc định/);
});

test("an administrator's overrides win over the rules", () => {
  const c = new WorkingCalendar([
    { date: '2027-02-05', working: true, reason: 'Thông báo (giả định): làm việc 29 Tết' },
    { date: '2027-02-12', working: false, reason: 'Nghỉ theo thông báo (giả định)' },
  ]);
  assert.equal(c.isWorkingDay('2027-02-05'), true);
  assert.equal(c.isWorkingDay('2027-02-12'), false);
  assert.equal(c.dayInfo('2027-02-12').kind, 'override');
  const listed = c.year(2027).days.find((d) => d.date === '2027-02-05')!;
  assert.equal(listed.working, true);
  assert.equal(listed.source, 'quản trị viên');
  assert.throws(() => new WorkingCalendar([{ date: '2027-02-30', working: true, reason: '' }]), /2027-02-30/);
});

test('deadlines follow Civil Code Art. 147–148 in Vietnam time', () => {
  // 'working-day': event Wed 7 Feb 2024 10:00 VN; 1 working day → end of Thu 15 Feb (24:00 VN = 17:00 UTC).
  assert.equal(
    calendar.deadline(new Date('2024-02-07T03:00:00Z'), 1, 'working-day').toISOString(),
    '2024-02-15T17:00:00.000Z',
  );
  // 'day': Mon 5 Feb 2024 + 5 days = Sat 10 Feb (Tết) → moves to the end of the next working day, 15 Feb.
  assert.equal(
    calendar.deadline(new Date('2024-02-05T02:00:00Z'), 5, 'day').toISOString(),
    '2024-02-15T17:00:00.000Z',
  );
  // 'day' ending on a working day stays: Mon 4 Mar 2024 + 10 days = Thu 14 Mar.
  assert.equal(
    calendar.deadline(new Date('2024-03-04T02:00:00Z'), 10, 'day').toISOString(),
    '2024-03-14T17:00:00.000Z',
  );
  // The event's day is the Vietnam day: 18:00 UTC on Fri 25 Apr 2025 is 01:00 on Sat 26 Apr in Vietnam
  // (a make-up working day); counting starts on Sun 27 Apr, so 1 working day ends Mon 28 Apr.
  assert.equal(
    calendar.deadline(new Date('2025-04-25T18:00:00Z'), 1, 'working-day').toISOString(),
    '2025-04-28T17:00:00.000Z',
  );
  assert.equal(
    calendar.deadline(new Date('2025-04-25T16:00:00Z'), 1, 'working-day').toISOString(),
    '2025-04-26T17:00:00.000Z',
  );
  // 'hour' starts at the event itself.
  assert.equal(
    calendar.deadline(new Date('2025-04-25T18:00:00Z'), 24, 'hour').toISOString(),
    '2025-04-26T18:00:00.000Z',
  );
  assert.throws(() => calendar.deadline(new Date('2025-04-25T18:00:00Z'), 0, 'day'), /n must be ≥ 1/);
  assert.throws(() => calendar.deadline(new Date('x'), 1, 'day'), /valid Date/);
});

test('invalid input is refused with the value named', () => {
  assert.throws(() => parseIsoDate('2026-02-29'), /2026-02-29/);
  assert.throws(() => calendar.isWorkingDay('1/1/2026'), /1\/1\/2026/);
  assert.throws(() => calendar.addWorkingDays('2026-01-01', 1.5), /whole number/);
  assert.throws(() => calendar.year(1700), /1800–2199/);
});
