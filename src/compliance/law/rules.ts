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
import type { LawRule } from './types.ts';

const OPEN_RESTRICTED = ['DTRR', 'DTHC'] as const;
const CHCT = ['CHCT', 'CHCT_RG'] as const;
const DIRECT = ['CDT', 'CDT_RG'] as const;
const SECURITY_FIELDS = ['HH', 'XL', 'PTV', 'HON_HOP'] as const;

/** Small packages: works/mixed ≤ 20 bn VND, goods/non-consulting ≤ 10 bn VND (consulting never). */
function smallPackageRows(regime: LawRule['regime'], citation: string, confirmed: boolean): LawRule[] {
  return [
    {
      id: `${regime}.small-package.works`,
      regime,
      topic: 'small-package',
      effect: 'flag',
      citation,
      confirmed,
      scope: { fields: ['XL', 'HON_HOP'] },
      max: 20_000_000_000,
      unit: 'vnd',
      vi: 'Gói thầu quy mô nhỏ: xây lắp, hỗn hợp có giá gói thầu không quá 20 tỷ đồng',
      en: 'Small package: works or mixed, package price at most 20 bn VND',
    },
    {
      id: `${regime}.small-package.goods`,
      regime,
      topic: 'small-package',
      effect: 'flag',
      citation,
      confirmed,
      scope: { fields: ['HH', 'PTV'] },
      max: 10_000_000_000,
      unit: 'vnd',
      vi: 'Gói thầu quy mô nhỏ: hàng hóa, phi tư vấn có giá gói thầu không quá 10 tỷ đồng',
      en: 'Small package: goods or non-consulting services, package price at most 10 bn VND',
    },
  ];
}

/** Minimum time from issuing the documents to bid closing for open and restricted bidding. */
function biddingPeriodRows(
  regime: LawRule['regime'],
  citation: string,
  f: { domestic: number; international: number; smallDomestic: number; smallInternational: number },
  confirmed: { normal: boolean; small: boolean },
): LawRule[] {
  const row = (key: string, small: boolean, domestic: boolean, min: number): LawRule => ({
    id: `${regime}.bidding-period.${key}`,
    regime,
    topic: 'bidding-period',
    effect: 'block',
    citation,
    confirmed: small ? confirmed.small : confirmed.normal,
    scope: { methods: OPEN_RESTRICTED, noticeKinds: ['TBMT'], small, domestic },
    min,
    unit: 'day',
    vi: `Thời gian chuẩn bị hồ sơ dự thầu tối thiểu ${min} ngày (${small ? 'gói thầu quy mô nhỏ, ' : ''}đấu thầu ${domestic ? 'trong nước' : 'quốc tế'})`,
    en: `Bid preparation at least ${min} days (${small ? 'small package, ' : ''}${domestic ? 'domestic' : 'international'} bidding)`,
  });
  return [
    row('small.domestic', true, true, f.smallDomestic),
    row('small.international', true, false, f.smallInternational),
    row('domestic', false, true, f.domestic),
    row('international', false, false, f.international),
  ];
}

function chctPeriodRow(
  regime: LawRule['regime'],
  min: number,
  citation: string,
  confirmed: boolean,
  window: { from?: string; to?: string } = {},
): LawRule {
  return {
    id: `${regime}.bidding-period.chct${window.from ? '.from-' + window.from : ''}${window.to ? '.to-' + window.to : ''}`,
    regime,
    topic: 'bidding-period',
    effect: 'block',
    citation,
    confirmed,
    ...window,
    scope: { methods: CHCT, noticeKinds: ['TBMT'] },
    min,
    unit: 'working-day',
    vi: `Thời gian chuẩn bị hồ sơ đề xuất chào hàng cạnh tranh tối thiểu ${min} ngày làm việc`,
    en: `Competitive quotation: at least ${min} working days to prepare proposals`,
  };
}

function eoiPeriodRows(regime: LawRule['regime'], citation: string, confirmed: boolean): LawRule[] {
  return [true, false].map((domestic) => ({
    id: `${regime}.bidding-period.eoi-prequal.${domestic ? 'domestic' : 'international'}`,
    regime,
    topic: 'bidding-period' as const,
    effect: 'block' as const,
    citation,
    confirmed,
    scope: { noticeKinds: ['TBMST', 'TBMQT'] as const, domestic },
    min: domestic ? 9 : 18,
    unit: 'day' as const,
    vi: `Thời gian chuẩn bị hồ sơ quan tâm / dự sơ tuyển tối thiểu ${domestic ? 9 : 18} ngày (${domestic ? 'trong nước' : 'quốc tế'})`,
    en: `EOI / prequalification submissions: at least ${domestic ? 9 : 18} days (${domestic ? 'domestic' : 'international'})`,
  }));
}

/** Amendments of the bidding documents: small packages ≥ 3 WD before closing, others ≥ 10 days. */
function amendmentRows(
  regime: LawRule['regime'],
  citation: string,
  confirmed: { normal: boolean; small: boolean },
): LawRule[] {
  return [
    {
      id: `${regime}.amendment-lead.small`,
      regime,
      topic: 'amendment-lead',
      effect: 'block',
      citation,
      confirmed: confirmed.small,
      scope: { small: true },
      min: 3,
      unit: 'working-day',
      vi: 'Sửa đổi hồ sơ mời thầu phải gửi tối thiểu 3 ngày làm việc trước thời điểm đóng thầu (gói thầu quy mô nhỏ); nếu không, phải gia hạn thời điểm đóng thầu',
      en: 'Amendments at least 3 working days before bid closing (small packages); otherwise extend the closing',
    },
    {
      id: `${regime}.amendment-lead.normal`,
      regime,
      topic: 'amendment-lead',
      effect: 'block',
      citation,
      confirmed: confirmed.normal,
      scope: {},
      min: 10,
      unit: 'day',
      vi: 'Sửa đổi hồ sơ mời thầu phải gửi tối thiểu 10 ngày trước thời điểm đóng thầu; nếu không, phải gia hạn thời điểm đóng thầu',
      en: 'Amendments at least 10 days before bid closing; otherwise extend the closing',
    },
  ];
}

function publicationRow(
  regime: LawRule['regime'],
  item: NonNullable<LawRule['scope']['item']>,
  max: number,
  unit: 'working-day' | 'hour' | 'day',
  citation: string,
  confirmed: boolean,
  what: { vi: string; en: string },
): LawRule {
  const u = {
    'working-day': ['ngày làm việc', 'working days'],
    hour: ['giờ', 'hours'],
    day: ['ngày', 'days'],
  }[unit];
  return {
    id: `${regime}.publication-deadline.${item}`,
    regime,
    topic: 'publication-deadline',
    effect: 'flag',
    citation,
    confirmed,
    scope: { item },
    max,
    unit,
    vi: `Đăng tải ${what.vi} chậm nhất ${max} ${u[0]}`,
    en: `Publish ${what.en} within ${max} ${u[1]}`,
  };
}

const KHLCNT = { vi: 'kế hoạch lựa chọn nhà thầu sau khi được phê duyệt', en: 'the plan after its approval' };
const SHORT_LIST = { vi: 'danh sách ngắn sau khi được phê duyệt', en: 'the short list after its approval' };
const KQLCNT = {
  vi: 'kết quả lựa chọn nhà thầu sau khi được phê duyệt',
  en: 'the selection result after its approval',
};
const CANCEL = { vi: 'quyết định hủy thầu sau khi ký', en: 'the cancellation decision after signing' };
const CONTRACT = {
  vi: 'thông tin chủ yếu của hợp đồng sau khi hợp đồng có hiệu lực',
  en: 'the main contract information after the contract takes effect',
};
const OPEN_E = {
  vi: 'biên bản mở thầu qua mạng sau thời điểm đóng thầu',
  en: 'the e-bid opening record after bid closing',
};
const OPEN_PAPER = {
  vi: 'biên bản mở thầu (không qua mạng) sau khi mở thầu',
  en: 'the paper bid-opening minutes after the opening',
};

function bidSecurityRows(
  regime: LawRule['regime'],
  citation: string,
  ranges: { small?: [number, number]; normal: [number, number] },
  confirmed: boolean,
): LawRule[] {
  const scope = { methods: [...OPEN_RESTRICTED, ...CHCT], fields: SECURITY_FIELDS };
  const rows: LawRule[] = [];
  if (ranges.small) {
    rows.push({
      id: `${regime}.bid-security.small`,
      regime,
      topic: 'bid-security',
      effect: 'block',
      citation,
      confirmed,
      scope: { ...scope, small: true },
      min: ranges.small[0],
      max: ranges.small[1],
      unit: 'percent',
      vi: `Bảo đảm dự thầu từ ${pctVi(ranges.small[0])} đến ${pctVi(ranges.small[1])} giá gói thầu (gói thầu quy mô nhỏ)`,
      en: `Bid security ${ranges.small[0]}–${ranges.small[1]}% of the package price (small package)`,
    });
  }
  rows.push({
    id: `${regime}.bid-security.normal`,
    regime,
    topic: 'bid-security',
    effect: 'block',
    citation,
    confirmed,
    scope,
    min: ranges.normal[0],
    max: ranges.normal[1],
    unit: 'percent',
    vi: `Bảo đảm dự thầu từ ${pctVi(ranges.normal[0])} đến ${pctVi(ranges.normal[1])} giá gói thầu`,
    en: `Bid security ${ranges.normal[0]}–${ranges.normal[1]}% of the package price`,
  });
  rows.push({
    id: `${regime}.bid-security-validity`,
    regime,
    topic: 'bid-security-validity',
    effect: 'flag',
    citation,
    confirmed,
    scope,
    min: 30,
    unit: 'day',
    vi: 'Hiệu lực bảo đảm dự thầu bằng hiệu lực hồ sơ dự thầu cộng thêm 30 ngày',
    en: 'Bid security valid for the bid validity plus 30 days',
  });
  return rows;
}

function directAppointmentRow(
  id: string,
  scope: LawRule['scope'],
  max: number,
  what: { vi: string; en: string },
): LawRule {
  return {
    id: `L22A.direct-appointment-limit.${id}`,
    regime: 'L22A',
    topic: 'direct-appointment-limit',
    effect: 'flag',
    citation: 'Nghị định 214/2025/NĐ-CP, Điều 78.4',
    confirmed: true,
    from: '2025-08-04',
    scope: { methods: DIRECT, ...scope },
    max,
    unit: 'vnd',
    vi: `Chỉ định thầu theo hạn mức: ${what.vi} không quá ${vndWordsVi(max)} (ngoài các trường hợp khác của Luật Đấu thầu Điều 23)`,
    en: `Direct appointment by value: ${what.en} at most ${max >= 1e9 ? `${max / 1e9} bn` : `${max / 1e6} million`} VND (unless another ground of Law 22 Art. 23 applies)`,
  };
}

/**
 * Extensions of bid closing: the new closing at least 5 WD after the extension notice for EOI,
 * prequalification, small packages and competitive quotation; at least 10 days otherwise.
 */
function extensionRows(regime: LawRule['regime'], citation: string): LawRule[] {
  const short = (key: string, scope: LawRule['scope']): LawRule => ({
    id: `${regime}.extension-lead.${key}`,
    regime,
    topic: 'extension-lead',
    effect: 'block',
    citation,
    confirmed: true,
    scope,
    min: 5,
    unit: 'working-day',
    vi: 'Gia hạn thời điểm đóng thầu: thời điểm đóng thầu mới cách ngày thông báo gia hạn tối thiểu 5 ngày làm việc (mời quan tâm, sơ tuyển, gói thầu quy mô nhỏ, chào hàng cạnh tranh)',
    en: 'Extension: the new closing at least 5 working days after the extension notice (EOI, prequalification, small packages, competitive quotation)',
  });
  return [
    short('eoi-prequal', { noticeKinds: ['TBMST', 'TBMQT'] }),
    short('chct', { methods: CHCT }),
    short('small', { small: true }),
    {
      id: `${regime}.extension-lead.normal`,
      regime,
      topic: 'extension-lead',
      effect: 'block',
      citation,
      confirmed: true,
      scope: {},
      min: 10,
      unit: 'day',
      vi: 'Gia hạn thời điểm đóng thầu: thời điểm đóng thầu mới cách ngày thông báo gia hạn tối thiểu 10 ngày',
      en: 'Extension: the new closing at least 10 days after the extension notice',
    },
  ];
}

/** `1,5%` — Vietnamese decimal comma. */
function pctVi(n: number): string {
  return `${n.toLocaleString('vi-VN')}%`;
}

/** `500 triệu đồng`, `2 tỷ đồng`. */
function vndWordsVi(n: number): string {
  return n >= 1e9
    ? `${(n / 1e9).toLocaleString('vi-VN')} tỷ đồng`
    : `${(n / 1e6).toLocaleString('vi-VN')} triệu đồng`;
}

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
