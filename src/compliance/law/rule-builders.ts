/**
 * Builders of the rule rows of `rules.ts`: one function per kind of rule, so that each regime's rows
 * in the table differ only by their figures and citations. Pure data, no logic.
 */
import type { LawRule } from './types.ts';

export const OPEN_RESTRICTED = ['DTRR', 'DTHC'] as const;
export const CHCT = ['CHCT', 'CHCT_RG'] as const;
const DIRECT = ['CDT', 'CDT_RG'] as const;
const SECURITY_FIELDS = ['HH', 'XL', 'PTV', 'HON_HOP'] as const;

/** Small packages: works/mixed ≤ 20 bn VND, goods/non-consulting ≤ 10 bn VND (consulting never). */
export function smallPackageRows(regime: LawRule['regime'], citation: string, confirmed: boolean): LawRule[] {
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
export function biddingPeriodRows(
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

export function chctPeriodRow(
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

export function eoiPeriodRows(regime: LawRule['regime'], citation: string, confirmed: boolean): LawRule[] {
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
export function amendmentRows(
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

export function publicationRow(
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

export const KHLCNT = {
  vi: 'kế hoạch lựa chọn nhà thầu sau khi được phê duyệt',
  en: 'the plan after its approval',
};
export const SHORT_LIST = {
  vi: 'danh sách ngắn sau khi được phê duyệt',
  en: 'the short list after its approval',
};
export const KQLCNT = {
  vi: 'kết quả lựa chọn nhà thầu sau khi được phê duyệt',
  en: 'the selection result after its approval',
};
export const CANCEL = { vi: 'quyết định hủy thầu sau khi ký', en: 'the cancellation decision after signing' };
export const CONTRACT = {
  vi: 'thông tin chủ yếu của hợp đồng sau khi hợp đồng có hiệu lực',
  en: 'the main contract information after the contract takes effect',
};
export const OPEN_E = {
  vi: 'biên bản mở thầu qua mạng sau thời điểm đóng thầu',
  en: 'the e-bid opening record after bid closing',
};
export const OPEN_PAPER = {
  vi: 'biên bản mở thầu (không qua mạng) sau khi mở thầu',
  en: 'the paper bid-opening minutes after the opening',
};

export function bidSecurityRows(
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

export function directAppointmentRow(
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
export function extensionRows(regime: LawRule['regime'], citation: string): LawRule[] {
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
export function pctVi(n: number): string {
  return `${n.toLocaleString('vi-VN')}%`;
}

/** `500 triệu đồng`, `2 tỷ đồng`. */
export function vndWordsVi(n: number): string {
  return n >= 1e9
    ? `${(n / 1e9).toLocaleString('vi-VN')} tỷ đồng`
    : `${(n / 1e6).toLocaleString('vi-VN')} triệu đồng`;
}

/**
 * Clarification of the bidding documents (làm rõ HSMT): the bidder's request reaches the entity at
 * least 3 working days before closing (5 international) — flagged, the entity may still answer —, and
 * an answer published after closing blocks (the documents can no longer be clarified: bids are in).
 * `answerLead` adds the answer-lead row (≥ 2 WD before closing, flagged) for a regime whose table
 * does not have one yet.
 */
export function clarificationRows(
  regime: LawRule['regime'],
  citation: string,
  confirmed: boolean,
  answerLead = false,
): LawRule[] {
  const request = (domestic: boolean): LawRule => ({
    id: `${regime}.clarification-request-lead.${domestic ? 'domestic' : 'international'}`,
    regime,
    topic: 'clarification-request-lead',
    effect: 'flag',
    citation,
    confirmed,
    scope: { domestic },
    min: domestic ? 3 : 5,
    unit: 'working-day',
    vi: `Nhà thầu gửi đề nghị làm rõ hồ sơ mời thầu tối thiểu ${domestic ? 3 : 5} ngày làm việc trước ngày có thời điểm đóng thầu (đấu thầu ${domestic ? 'trong nước' : 'quốc tế'})`,
    en: `Clarification requests at least ${domestic ? 3 : 5} working days before the closing day (${domestic ? 'domestic' : 'international'} bidding)`,
  });
  const rows: LawRule[] = [request(true), request(false)];
  if (answerLead) {
    rows.push({
      id: `${regime}.clarification-answer-lead`,
      regime,
      topic: 'clarification-answer-lead',
      effect: 'flag',
      citation,
      confirmed: false,
      scope: {},
      min: 2,
      unit: 'working-day',
      vi: 'Trả lời yêu cầu làm rõ hồ sơ mời thầu tối thiểu 2 ngày làm việc trước thời điểm đóng thầu',
      en: 'Answer clarification requests at least 2 working days before bid closing',
    });
  }
  rows.push({
    id: `${regime}.clarification-after-closing`,
    regime,
    topic: 'clarification-after-closing',
    effect: 'block',
    citation,
    confirmed,
    scope: {},
    min: 0,
    unit: 'working-day',
    vi: 'Làm rõ hồ sơ mời thầu chỉ được đăng tải trước thời điểm đóng thầu; sau đó hồ sơ mời thầu không còn được làm rõ',
    en: 'Clarifications of the bidding documents are published before bid closing only; after it the documents can no longer be clarified',
  });
  return rows;
}
