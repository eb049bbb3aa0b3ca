/**
 * The law as data: every procurement rule minhbach checks, one row each, keyed by regime.
 * Figures and citations come from procurement-domain.md §2–§3 (its sources: Law 43/2013, Law
 * 22/2023 and its amendments, Decrees 63/2014, 24/2024, 214/2025, Circular 79/2025). Rows marked
 * `confirmed: false` are the figures that document marks *unconfirmed*: configurable defaults, and
 * every message built from them says so. A new regime is new rows, never a new `if`.
 *
 * Ordering matters only inside one (regime, topic): the checker takes the first row whose scope
 * matches, so narrower rows come first.
 */
import {
  CHCT,
  OPEN_RESTRICTED,
  CANCEL,
  CONTRACT,
  KHLCNT,
  KQLCNT,
  OPEN_E,
  OPEN_PAPER,
  SHORT_LIST,
  amendmentRows,
  bidSecurityRows,
  biddingPeriodRows,
  chctPeriodRow,
  directAppointmentRow,
  eoiPeriodRows,
  extensionRows,
  publicationRow,
  smallPackageRows,
} from './rule-builders.ts';
import type { LawRule } from './types.ts';

const D214 = 'Nghị định 214/2025/NĐ-CP';
const L22_ART45 = 'Luật Đấu thầu 22/2023/QH15, Điều 45';

/** Every rule, grouped by regime. */
export const LAW_RULES: readonly LawRule[] = [
  // ── L43: Law 43/2013, Decree 63/2014 ──
  ...smallPackageRows('L43', 'Nghị định 63/2014/NĐ-CP, Điều 63', false),
  ...biddingPeriodRows(
    'L43',
    'Luật Đấu thầu 43/2013/QH13, Điều 12; Nghị định 63/2014/NĐ-CP',
    { domestic: 20, international: 40, smallDomestic: 10, smallInternational: 10 },
    { normal: false, small: true },
  ),
  chctPeriodRow('L43', 5, 'Nghị định 63/2014/NĐ-CP, Điều 58', true),
  ...amendmentRows('L43', 'Nghị định 63/2014/NĐ-CP, Điều 14', { normal: false, small: true }),
  ...bidSecurityRows('L43', 'Luật Đấu thầu 43/2013/QH13, Điều 11', { normal: [1, 3] }, false),
  {
    id: 'L43.documents-release-delay',
    regime: 'L43',
    topic: 'documents-release-delay',
    effect: 'flag',
    citation: 'Nghị định 63/2014/NĐ-CP, Điều 7–8',
    confirmed: true,
    scope: { noticeKinds: ['TBMT'] },
    min: 3,
    unit: 'working-day',
    vi: 'Hồ sơ mời thầu phát hành sớm nhất 3 ngày làm việc sau khi thông báo mời thầu được đăng tải lần đầu',
    en: 'Bidding documents released no earlier than 3 working days after the notice was first published',
  },
  publicationRow('L43', 'khlcnt', 7, 'working-day', 'Nghị định 63/2014/NĐ-CP, Điều 7–8', true, KHLCNT),
  publicationRow(
    'L43',
    'short-list',
    7,
    'working-day',
    'Nghị định 63/2014/NĐ-CP, Điều 7–8',
    true,
    SHORT_LIST,
  ),
  publicationRow('L43', 'kqlcnt', 7, 'working-day', 'Nghị định 63/2014/NĐ-CP, Điều 7–8', true, KQLCNT),

  // ── L22: Law 22/2023, Decree 24/2024 (1 Jan 2024 – 30 Jun 2025) ──
  ...smallPackageRows('L22', L22_ART45, false),
  ...biddingPeriodRows(
    'L22',
    L22_ART45,
    { domestic: 18, international: 35, smallDomestic: 9, smallInternational: 18 },
    { normal: false, small: false },
  ),
  ...eoiPeriodRows('L22', L22_ART45, false),
  chctPeriodRow('L22', 5, 'Nghị định 24/2024/NĐ-CP (chào hàng cạnh tranh)', true),
  ...amendmentRows('L22', L22_ART45, { normal: false, small: false }),
  {
    id: 'L22.clarification-answer-lead',
    regime: 'L22',
    topic: 'clarification-answer-lead',
    effect: 'flag',
    citation: L22_ART45,
    confirmed: false,
    scope: {},
    min: 2,
    unit: 'working-day',
    vi: 'Trả lời yêu cầu làm rõ hồ sơ mời thầu tối thiểu 2 ngày làm việc trước thời điểm đóng thầu',
    en: 'Answer clarification requests at least 2 working days before bid closing',
  },
  ...bidSecurityRows(
    'L22',
    'Luật Đấu thầu 22/2023/QH15, Điều 14',
    { small: [1, 1.5], normal: [1.5, 3] },
    true,
  ),
  publicationRow('L22', 'khlcnt', 5, 'working-day', 'Luật Đấu thầu 22/2023/QH15, Điều 8.4', true, KHLCNT),
  publicationRow(
    'L22',
    'short-list',
    5,
    'working-day',
    'Luật Đấu thầu 22/2023/QH15, Điều 8.4',
    true,
    SHORT_LIST,
  ),
  publicationRow('L22', 'kqlcnt', 5, 'working-day', 'Luật Đấu thầu 22/2023/QH15, Điều 8.4', true, KQLCNT),
  publicationRow('L22', 'contract', 5, 'working-day', 'Luật Đấu thầu 22/2023/QH15, Điều 8.4', true, CONTRACT),
  publicationRow('L22', 'cancellation', 5, 'working-day', 'Nghị định 24/2024/NĐ-CP', false, CANCEL),
  publicationRow('L22', 'bid-opening-online', 2, 'hour', 'Thông tư 06/2024/TT-BKHĐT', false, OPEN_E),
  publicationRow('L22', 'bid-opening-paper', 24, 'hour', 'Nghị định 24/2024/NĐ-CP', false, OPEN_PAPER),

  // ── L22A: Law 22/2023 as amended by Law 90/2025, Decree 214/2025, Circular 79/2025 (from 1 Jul 2025) ──
  ...smallPackageRows('L22A', `${L22_ART45} (sửa đổi bởi Luật 90/2025/QH15)`, false),
  ...biddingPeriodRows(
    'L22A',
    `${D214}, Điều 28.2a`,
    { domestic: 18, international: 35, smallDomestic: 9, smallInternational: 18 },
    { normal: true, small: true },
  ),
  ...eoiPeriodRows('L22A', `${D214}, Điều 25, 62`, true),
  chctPeriodRow(
    'L22A',
    5,
    'Nghị định 24/2024/NĐ-CP (còn áp dụng đến khi Nghị định 214/2025 có hiệu lực)',
    false,
    { to: '2025-08-03' },
  ),
  chctPeriodRow('L22A', 7, `${D214}, Điều 81`, true, { from: '2025-08-04' }),
  ...amendmentRows('L22A', `${D214}, Điều 28`, { normal: true, small: true }),
  ...extensionRows('L22A', `${D214}, Điều 140`),
  {
    id: 'L22A.clarification-answer-lead',
    regime: 'L22A',
    topic: 'clarification-answer-lead',
    effect: 'flag',
    citation: `${D214}, Điều 28`,
    confirmed: false,
    scope: {},
    min: 2,
    unit: 'working-day',
    vi: 'Trả lời yêu cầu làm rõ hồ sơ mời thầu tối thiểu 2 ngày làm việc trước thời điểm đóng thầu',
    en: 'Answer clarification requests at least 2 working days before bid closing',
  },
  ...bidSecurityRows(
    'L22A',
    'Luật Đấu thầu 22/2023/QH15, Điều 14',
    { small: [1, 1.5], normal: [1.5, 3] },
    true,
  ),
  directAppointmentRow('estimate', { inProject: false }, 500_000_000, {
    vi: 'gói thầu thuộc dự toán mua sắm',
    en: 'a package of a procurement estimate',
  }),
  directAppointmentRow('project.consulting', { inProject: true, fields: ['TV'] }, 800_000_000, {
    vi: 'gói thầu tư vấn thuộc dự án',
    en: 'a consulting package within a project',
  }),
  directAppointmentRow(
    'project.other',
    { inProject: true, fields: ['HH', 'XL', 'PTV', 'HON_HOP'] },
    2_000_000_000,
    {
      vi: 'gói thầu hàng hóa, xây lắp, phi tư vấn, hỗn hợp thuộc dự án',
      en: 'a goods, works, non-consulting or mixed package within a project',
    },
  ),
  {
    id: 'L22A.online-mandatory',
    regime: 'L22A',
    topic: 'online-mandatory',
    effect: 'flag',
    citation: `${D214}, Điều 98.10`,
    confirmed: true,
    scope: { methods: [...OPEN_RESTRICTED, ...CHCT], domestic: true, procedures: ['1_MTHS', '1_HTHS'] },
    unit: 'day',
    vi: 'Đấu thầu rộng rãi, hạn chế, chào hàng cạnh tranh trong nước (một giai đoạn) phải tổ chức lựa chọn nhà thầu qua mạng',
    en: 'Domestic one-stage open, restricted bidding and competitive quotation must be run online',
  },
  publicationRow(
    'L22A',
    'khlcnt',
    5,
    'working-day',
    `Luật Đấu thầu 22/2023/QH15, Điều 8.4; ${D214}, Điều 16.5; Thông tư 79/2025/TT-BTC, Điều 13`,
    true,
    KHLCNT,
  ),
  publicationRow(
    'L22A',
    'short-list',
    5,
    'working-day',
    'Luật Đấu thầu 22/2023/QH15, Điều 8.4',
    true,
    SHORT_LIST,
  ),
  publicationRow(
    'L22A',
    'kqlcnt',
    5,
    'working-day',
    `Luật Đấu thầu 22/2023/QH15, Điều 8.4; ${D214}, Điều 33.5; Thông tư 79/2025/TT-BTC, Điều 20`,
    true,
    KQLCNT,
  ),
  publicationRow('L22A', 'cancellation', 5, 'working-day', `${D214}, Điều 33.4`, true, CANCEL),
  publicationRow(
    'L22A',
    'contract',
    5,
    'working-day',
    'Luật Đấu thầu 22/2023/QH15, Điều 8.4; Thông tư 79/2025/TT-BTC, Điều 12',
    true,
    CONTRACT,
  ),
  publicationRow(
    'L22A',
    'bid-opening-online',
    2,
    'hour',
    `Thông tư 79/2025/TT-BTC, Điều 29; ${D214}, Điều 81.2d`,
    true,
    OPEN_E,
  ),
  publicationRow('L22A', 'bid-opening-paper', 24, 'hour', `${D214}, Điều 28.4`, true, OPEN_PAPER),
];
