/**
 * The official yearly decisions on public holidays for state agencies (cán bộ, công chức, viên chức),
 * as data with their citations. The Labour Code fixes which holidays exist (Art. 112) but the
 * Prime Minister fixes each year the five days of Tết and the day next to 2 September (Labour Code 2019
 * Art. 112.3) and may swap working days (make-up Saturdays). A year not listed
 * here is computed from the default rules of `rules.ts` and marked provisional; an administrator
 * corrects it with the override table once the notice is out.
 */
import type { IsoDate } from './dates.ts';

/** One official source. */
export interface Citation {
  /** Number and date of the document, short, e.g. `Thông báo 9441/TB-BNV ngày 16/10/2025`. */
  document: string;
  /** What it decides, with its issuer. */
  title: string;
  /** Date of the document, ISO, when known. */
  date?: IsoDate;
  /** A public page quoting it (news pages where the document itself is not online). */
  url: string;
}

/** A swap of working days: `off` (a weekday) becomes a day off, `makeUp` (a Saturday) a working day. */
export interface DaySwap {
  off: IsoDate;
  makeUp: IsoDate;
  /** Which holiday the swap extends, Vietnamese (e.g. `Tết Dương lịch`). */
  occasion: string;
  /** Index in `sources` of the decision. */
  source: number;
}

/** What the government decided for one year. */
export interface OfficialYear {
  year: number;
  /** The five days of Tết (Art. 112.1b), in order. */
  tet: [IsoDate, IsoDate, IsoDate, IsoDate, IsoDate];
  /** Index in `sources` of the decision on Tết. */
  tetSource: number;
  /** The day next to 2 September (1 or 3 September, Art. 112.1đ). */
  nationalDayAdjacent: IsoDate;
  /** Index in `sources` of the decision on 2 September. */
  nationalDaySource: number;
  /** Working-day swaps. */
  swaps: DaySwap[];
  /** Where each decision was published. */
  sources: Citation[];
}

/** Official decisions of 2024, 2025 and 2026. */
export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2024,
    // 29 and 30 tháng Chạp Quý Mão, mùng 1–3 Giáp Thìn; mùng 1–2 fall on Saturday/Sunday and are
    // given back on 13 and 14 February (Art. 111.3): off 8–14 February.
    tet: ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12'],
    tetSource: 0,
    nationalDayAdjacent: '2024-09-03',
    nationalDaySource: 0,
    swaps: [{ off: '2024-04-29', makeUp: '2024-05-04', occasion: '30/4 và 1/5', source: 1 }],
    sources: [
      {
        document: 'Thông báo của Bộ LĐTBXH về nghỉ Tết và Quốc khánh 2024',
        title: 'Bộ Lao động – Thương binh và Xã hội: nghỉ Tết Âm lịch 8–14/2/2024, Quốc khánh 31/8–3/9/2024',
        url: 'https://sucsongtre.vn/doi-song/can-bo-cong-chuc-vien-chuc-nguoi-lao-dong-nghi-tet-nguyen-dan-giap-thin-7-ngay.html',
      },
      {
        document: 'Công văn 2450/VPCP-KGVX ngày 12/4/2024',
        title: 'Văn phòng Chính phủ: hoán đổi ngày làm việc dịp 30/4 và 1/5/2024 (nghỉ 29/4, làm bù 4/5)',
        date: '2024-04-12',
        url: 'https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html',
      },
    ],
  },
  {
    year: 2025,
    // 28 and 29 tháng Chạp Giáp Thìn, mùng 1–3 Ất Tỵ: Monday 27 to Friday 31 January; with the weekends
    // off 25 January – 2 February.
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    tetSource: 0,
    nationalDayAdjacent: '2025-09-01',
    nationalDaySource: 1,
    swaps: [{ off: '2025-05-02', makeUp: '2025-04-26', occasion: '30/4 và 1/5', source: 0 }],
    sources: [
      {
        document: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
        title:
          'Văn phòng Chính phủ, thông báo của Bộ LĐTBXH: nghỉ Tết 25/1–2/2/2025, 30/4–4/5/2025 (nghỉ 2/5, làm bù 26/4), Quốc khánh 30/8–2/9/2025',
        date: '2024-11-26',
        url: 'https://dantocmiennui.baotintuc.vn/nghi-tet-nguyen-dan-at-ty-2025-keo-dai-9-ngay-post356984.html',
      },
      {
        document: 'Thông báo của Bộ Nội vụ về Quốc khánh 2025',
        title: 'Bộ Nội vụ: nghỉ Quốc khánh 30/8–2/9/2025 (2/9 và 1/9), tin ngày 04/8/2025',
        url: 'https://vietnamnews.vn/society/1722634/national-day-holiday-to-last-four-days.html',
      },
    ],
  },
  {
    year: 2026,
    // 29 tháng Chạp Ất Tỵ, mùng 1–4 Bính Ngọ: Monday 16 to Friday 20 February; with the weekends off
    // 14–22 February.
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    tetSource: 0,
    nationalDayAdjacent: '2026-09-01',
    nationalDaySource: 0,
    swaps: [
      { off: '2026-01-02', makeUp: '2026-01-10', occasion: 'Tết Dương lịch', source: 1 },
      { off: '2026-08-31', makeUp: '2026-08-22', occasion: 'Quốc khánh 2/9', source: 0 },
    ],
    sources: [
      {
        document: 'Thông báo 9441/TB-BNV ngày 16/10/2025',
        title:
          'Bộ Nội vụ (theo Công văn 9859/VPCP-KGVX): nghỉ Tết 16–20/2/2026; Quốc khánh 1–2/9/2026, nghỉ 31/8, làm bù 22/8',
        date: '2025-10-16',
        url: 'https://vietnamnews.vn/politics-laws/1727514/ministry-of-home-affairs-announces-2026-holiday-schedule-for-lunar-new-year-national-day.html',
      },
      {
        document: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
        title: 'Văn phòng Chính phủ: nghỉ Tết Dương lịch 1–4/1/2026 (nghỉ 2/1, làm bù thứ Bảy 10/1)',
        date: '2025-12-25',
        url: 'https://baohiemxahoi.gov.vn/tintuc/audio/Pages/default.aspx?CateID=0&ItemID=25908&OtItem=date',
      },
    ],
  },
];

/** The official decisions for `year`, or undefined when the year is computed from the default rules. */
export function officialYear(year: number): OfficialYear | undefined {
  return OFFICIAL_YEARS.find((y) => y.year === year);
}
