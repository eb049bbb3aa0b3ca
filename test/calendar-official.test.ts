/**
 * The working-day calendar against the official holiday schedules of 2024, 2025 and 2026, day by day.
 * The expected days below are typed from the sources, not from the code:
 *
 * 2024
 * - Tết: off Thu 8 – Wed 14 Feb 2024 (29 Chạp Quý Mão – mùng 5 Giáp Thìn), 5 Tết days + 2 days given
 *   back for mùng 1–2 on Sat/Sun (BLLĐ Art. 111.3). Notice of the Ministry of Labour (MOLISA), quoted
 *   at https://sucsongtre.vn/doi-song/can-bo-cong-chuc-vien-chuc-nguoi-lao-dong-nghi-tet-nguyen-dan-giap-thin-7-ngay.html
 *   and https://en.baochinhphu.vn/next-years-lunar-new-year-holiday-may-span-9-days-111240917145201754.htm
 *   ("The 2024 Lunar New Year holiday lasted seven days from February 8-14, 2024").
 * - Hùng Kings: Thu 18 Apr 2024 (https://xaydungchinhsach.chinhphu.vn/nguoi-lao-dong.html).
 * - 30/4–1/5: off Sat 27 Apr – Wed 1 May, Mon 29 Apr swapped with Sat 4 May (make-up): Công văn
 *   2450/VPCP-KGVX of 12/4/2024 (https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html).
 *   (The make-up day is 4 May, not 27 April.)
 * - Quốc khánh: off Sat 31 Aug – Tue 3 Sep (2 and 3 Sep) — same MOLISA notice;
 *   http://m.btv.org.vn/tin-tuc/le-quoc-khanh-29-nguoi-lao-dong-duoc-nghi-4-ngay-lien-tiep-95086.html
 *
 * 2025
 * - Tết: off Sat 25 Jan – Sun 2 Feb 2025 (26 Chạp Giáp Thìn – mùng 5 Ất Tỵ), the 5 days Mon 27 – Fri 31
 *   Jan: Công văn 8726/VPCP-KGVX of 26/11/2024 and MOLISA notice,
 *   https://dantocmiennui.baotintuc.vn/nghi-tet-nguyen-dan-at-ty-2025-keo-dai-9-ngay-post356984.html,
 *   https://en.sggp.org.vn/prime-minister-approves-9-day-tet-break-for-2025-post114084.html
 * - Hùng Kings: Mon 7 Apr 2025 (10/3 Ất Tỵ; from the lunar calendar — no stored page found).
 * - 30/4–1/5: off Wed 30 Apr – Sun 4 May, Fri 2 May swapped with Sat 26 Apr (make-up): same sources,
 *   and https://tracuuquyhoach.com/tin-tuc/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-30-4-1-5-2025-51994339
 * - Quốc khánh: off Sat 30 Aug – Tue 2 Sep (1 and 2 Sep): same sources and
 *   https://vietnamnews.vn/society/1722634/national-day-holiday-to-last-four-days.html
 *
 * 2026
 * - Tết Dương lịch: off Thu 1 – Sun 4 Jan 2026, Fri 2 Jan swapped with Sat 10 Jan: Công văn
 *   12729/VPCP-KGVX of 25/12/2025 (https://baohiemxahoi.gov.vn/tintuc/audio/Pages/default.aspx?CateID=0&ItemID=25908&OtItem=date).
 * - Tết: the 5 days Mon 16 – Fri 20 Feb 2026 (29 Chạp Ất Tỵ – mùng 4 Bính Ngọ), off Sat 14 – Sun 22
 *   Feb: Thông báo 9441/TB-BNV of 16/10/2025
 *   (https://vietbao.vn/bo-noi-vu-thong-bao-lich-nghi-tet-nguyen-dan-va-quoc-khanh-nam-2026-568329.html,
 *   https://english.luatvietnam.vn/noticeno9441-tb-bnvdatedoctober162025oftheministryofhomeaffairsonthe2026lunarnewyearholidayandnationaldayholidayschedulefor-415220-doc6.html).
 * - Hùng Kings: Sun 26 Apr 2026, given back Mon 27 Apr; 30/4 Thu and 1/5 Fri, off 30 Apr – 3 May
 *   (https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm).
 * - Quốc khánh: 1 and 2 Sep, Mon 31 Aug swapped with Sat 22 Aug, off Sat 29 Aug – Wed 2 Sep:
 *   Thông báo 9441/TB-BNV (https://vietnamnews.vn/politics-laws/1727514/ministry-of-home-affairs-announces-2026-holiday-schedule-for-lunar-new-year-national-day.html,
 *   https://www.vietnam.vn/en/cong-chuc-vien-chuc-nguoi-lao-dong-hai-phong-duoc-nghi-tet-binh-ngo-lien-tuc-9-ngay).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkingCalendar, addDays, weekday } from '../src/calendar/index.ts';

/** Weekdays (Mon–Fri) that are days off, and Saturdays that are worked, per the sources above. */
const OFFICIAL: Record<number, { offWeekdays: string[]; makeUpSaturdays: string[] }> = {
  2024: {
    offWeekdays: [
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ],
    makeUpSaturdays: ['2024-05-04'],
  },
  2025: {
    offWeekdays: [
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ],
    makeUpSaturdays: ['2025-04-26'],
  },
  2026: {
    offWeekdays: [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ],
    makeUpSaturdays: ['2026-01-10', '2026-08-22'],
  },
};

const calendar = new WorkingCalendar();

for (const [yearText, official] of Object.entries(OFFICIAL)) {
  const year = Number(yearText);
  test(`${year}: every day of the year is a working day exactly as the official schedule says`, () => {
    const wrong: string[] = [];
    let working = 0;
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const w = weekday(d);
      const expected =
        official.makeUpSaturdays.includes(d) || (w >= 1 && w <= 5 && !official.offWeekdays.includes(d));
      if (calendar.isWorkingDay(d) !== expected) wrong.push(`${d} expected ${expected ? 'working' : 'off'}`);
      if (expected) working++;
    }
    assert.deepEqual(wrong, []);
    assert.equal(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`), working);
    assert.equal(calendar.year(year).provisional, false);
  });
}

/** Each announced continuous break: every day in it off, the day before and after worked. */
const BREAKS: [string, string][] = [
  ['2024-02-08', '2024-02-14'],
  ['2024-04-27', '2024-05-01'],
  ['2024-08-31', '2024-09-03'],
  ['2025-01-25', '2025-02-02'],
  ['2025-04-30', '2025-05-04'],
  ['2025-08-30', '2025-09-02'],
  ['2026-01-01', '2026-01-04'],
  ['2026-02-14', '2026-02-22'],
  ['2026-04-25', '2026-04-27'],
  ['2026-04-30', '2026-05-03'],
  ['2026-08-29', '2026-09-02'],
];

test('the announced breaks are continuous and bounded by working days', () => {
  for (const [from, to] of BREAKS) {
    for (let d = from; d <= to; d = addDays(d, 1))
      assert.equal(calendar.isWorkingDay(d), false, `${d} in ${from}…${to}`);
    const before = addDays(from, -1);
    const after = addDays(to, 1);
    // The day before a break may be a weekend of its own only if the break starts on a Saturday.
    if (weekday(from) !== 6 && weekday(from) !== 0) assert.equal(calendar.isWorkingDay(before), true, before);
    if (weekday(after) !== 6 && weekday(after) !== 0) assert.equal(calendar.isWorkingDay(after), true, after);
  }
  // 2024: Fri 26 Apr works, Thu 2 May works, Sat 4 May is a make-up working day.
  assert.equal(calendar.isWorkingDay('2024-04-26'), true);
  assert.equal(calendar.isWorkingDay('2024-05-02'), true);
  assert.equal(calendar.isWorkingDay('2024-05-04'), true);
});

test('reasons are given for each special day, with the give-back and the swap explained', () => {
  const d2024 = calendar.year(2024).days;
  const reason = (date: string) => d2024.find((d) => d.date === date)?.reason;
  assert.match(reason('2024-02-10')!, /Tết Âm lịch \(mùng 1 tháng Giêng\)/);
  assert.match(
    reason('2024-02-13')!,
    /Nghỉ bù Tết Âm lịch \(mùng 1 tháng Giêng\) \(trùng Thứ Bảy 10\/02\/2024\)/,
  );
  assert.match(reason('2024-05-04')!, /Làm bù cho ngày nghỉ Thứ Hai 29\/04\/2024/);
  const d2026 = calendar.year(2026).days;
  const hung = d2026.find((d) => d.date === '2026-04-27')!;
  assert.equal(hung.kind, 'give-back');
  assert.match(hung.reason!, /Giỗ Tổ Hùng Vương.*trùng Chủ nhật 26\/04\/2026/);
  assert.match(hung.source!, /111\.3/);
  assert.match(d2026.find((d) => d.date === '2026-08-22')!.source!, /9441\/TB-BNV/);
});
