/**
 * Names for the demo dataset: real Hà Nội public bodies as investors and procuring entities (with
 * invented codes), real post-July-2025 wards and communes of Hà Nội (GSO codes, province 01), and
 * INVENTED contractors. Contractor names are composed from generic syllables and trade words so that
 * they read like Vietnamese companies without naming any real brand; their tax codes use the unused
 * `0199…` (companies) and `8099…` (individuals) ranges with a valid check digit, so they cannot
 * collide with real codes on the national system.
 */

/** A ward or commune of Hà Nội after 1 July 2025 (GSO code, as listed by the statistics office). */
export interface Ward {
  code: string;
  name: string;
}

export const HANOI = { provinceCode: '01', provinceName: 'Thành phố Hà Nội' } as const;

export const WARDS: readonly Ward[] = [
  { code: '00070', name: 'Phường Hoàn Kiếm' },
  { code: '00082', name: 'Phường Cửa Nam' },
  { code: '00004', name: 'Phường Ba Đình' },
  { code: '00025', name: 'Phường Giảng Võ' },
  { code: '00256', name: 'Phường Hai Bà Trưng' },
  { code: '00292', name: 'Phường Bạch Mai' },
  { code: '00235', name: 'Phường Đống Đa' },
  { code: '00229', name: 'Phường Kim Liên' },
  { code: '00199', name: 'Phường Láng' },
  { code: '00097', name: 'Phường Hồng Hà' },
  { code: '00331', name: 'Phường Hoàng Mai' },
  { code: '00316', name: 'Phường Định Công' },
  { code: '00367', name: 'Phường Thanh Xuân' },
  { code: '00166', name: 'Phường Cầu Giấy' },
  { code: '00160', name: 'Phường Nghĩa Đô' },
  { code: '00103', name: 'Phường Tây Hồ' },
  { code: '00592', name: 'Phường Từ Liêm' },
  { code: '00145', name: 'Phường Long Biên' },
  { code: '00127', name: 'Phường Việt Hưng' },
  { code: '09556', name: 'Phường Hà Đông' },
  { code: '09574', name: 'Phường Sơn Tây' },
  { code: '00376', name: 'Xã Sóc Sơn' },
  { code: '00433', name: 'Xã Nội Bài' },
  { code: '00454', name: 'Xã Đông Anh' },
  { code: '00466', name: 'Xã Phúc Thịnh' },
  { code: '00565', name: 'Xã Gia Lâm' },
  { code: '00577', name: 'Xã Bát Tràng' },
  { code: '09700', name: 'Xã Ba Vì' },
  { code: '10183', name: 'Xã Thường Tín' },
  { code: '10354', name: 'Xã Vân Đình' },
  { code: '09988', name: 'Xã Hòa Lạc' },
];

/** Ward by GSO code. @throws Error for a code not in `WARDS` (a bug in this file). */
export function ward(code: string): Ward {
  const w = WARDS.find((x) => x.code === code);
  if (!w) throw new Error(`demo: unknown ward ${code}`);
  return w;
}

/** What an agency is, which decides the packages it buys. */
export type AgencyKind = 'so' | 'ban' | 'benhvien' | 'truong' | 'ubnd';

/** A public body acting as investor (chủ đầu tư) and procuring entity (bên mời thầu). */
export interface Agency {
  name: string;
  /** Suffix of its decision numbers, e.g. `QĐ-SYT`. */
  abbr: string;
  kind: AgencyKind;
  /** Ward codes where its packages are carried out. */
  wards: readonly string[];
}

const CENTRE = ['00070', '00082', '00004', '00025', '00235', '00166'];

export const AGENCIES: readonly Agency[] = [
  { name: 'Sở Y tế Hà Nội', abbr: 'SYT', kind: 'so', wards: CENTRE },
  { name: 'Sở Giáo dục và Đào tạo Hà Nội', abbr: 'SGDĐT', kind: 'so', wards: CENTRE },
  { name: 'Sở Xây dựng Hà Nội', abbr: 'SXD', kind: 'so', wards: CENTRE },
  { name: 'Sở Khoa học và Công nghệ Hà Nội', abbr: 'SKHCN', kind: 'so', wards: CENTRE },
  { name: 'Sở Nông nghiệp và Môi trường Hà Nội', abbr: 'SNNMT', kind: 'so', wards: CENTRE },
  {
    name: 'Ban Quản lý dự án đầu tư xây dựng công trình dân dụng thành phố Hà Nội',
    abbr: 'BQLDA-DD',
    kind: 'ban',
    wards: ['00256', '00367', '00145', '09556', '00454', '00592'],
  },
  {
    name: 'Ban Quản lý dự án đầu tư xây dựng công trình giao thông thành phố Hà Nội',
    abbr: 'BQLDA-GT',
    kind: 'ban',
    wards: ['00166', '00331', '00145', '00454', '00565', '09988'],
  },
  {
    name: 'Ban Quản lý dự án đầu tư xây dựng công trình cấp nước, thoát nước và môi trường thành phố Hà Nội',
    abbr: 'BQLDA-CTM',
    kind: 'ban',
    wards: ['00331', '00103', '00592', '00466', '10183'],
  },
  { name: 'Bệnh viện Đa khoa Đức Giang', abbr: 'BVĐG', kind: 'benhvien', wards: ['00127'] },
  { name: 'Bệnh viện Thanh Nhàn', abbr: 'BVTN', kind: 'benhvien', wards: ['00292'] },
  { name: 'Bệnh viện Đa khoa Xanh Pôn', abbr: 'BVXP', kind: 'benhvien', wards: ['00004'] },
  { name: 'Bệnh viện Tim Hà Nội', abbr: 'BVT', kind: 'benhvien', wards: ['00082', '00103'] },
  { name: 'Bệnh viện Đa khoa Hà Đông', abbr: 'BVHĐ', kind: 'benhvien', wards: ['09556'] },
  { name: 'Bệnh viện Đa khoa Sóc Sơn', abbr: 'BVSS', kind: 'benhvien', wards: ['00376'] },
  { name: 'Trung tâm Kiểm soát bệnh tật thành phố Hà Nội', abbr: 'KSBT', kind: 'benhvien', wards: ['00199'] },
  {
    name: 'Trường Trung học phổ thông Chu Văn An',
    abbr: 'THPTCVA',
    kind: 'truong',
    wards: ['00103'],
  },
  {
    name: 'Trường Trung học phổ thông Việt Đức',
    abbr: 'THPTVĐ',
    kind: 'truong',
    wards: ['00082'],
  },
  { name: 'Ủy ban nhân dân phường Hoàn Kiếm', abbr: 'UBND', kind: 'ubnd', wards: ['00070'] },
  { name: 'Ủy ban nhân dân phường Cầu Giấy', abbr: 'UBND', kind: 'ubnd', wards: ['00166'] },
  { name: 'Ủy ban nhân dân phường Hà Đông', abbr: 'UBND', kind: 'ubnd', wards: ['09556'] },
  { name: 'Ủy ban nhân dân phường Long Biên', abbr: 'UBND', kind: 'ubnd', wards: ['00145'] },
  { name: 'Ủy ban nhân dân phường Tây Hồ', abbr: 'UBND', kind: 'ubnd', wards: ['00103'] },
  { name: 'Ủy ban nhân dân xã Sóc Sơn', abbr: 'UBND', kind: 'ubnd', wards: ['00376'] },
  { name: 'Ủy ban nhân dân xã Đông Anh', abbr: 'UBND', kind: 'ubnd', wards: ['00454'] },
  { name: 'Ủy ban nhân dân xã Gia Lâm', abbr: 'UBND', kind: 'ubnd', wards: ['00565'] },
  { name: 'Ủy ban nhân dân xã Ba Vì', abbr: 'UBND', kind: 'ubnd', wards: ['09700'] },
  { name: 'Ủy ban nhân dân xã Thường Tín', abbr: 'UBND', kind: 'ubnd', wards: ['10183'] },
];

/**
 * Invented organisation code of an agency: `vnz099` + 6 digits (real `vnz` unit codes are far below).
 * Stable: derived from the agency's position in `AGENCIES`.
 */
export function agencyCode(agency: Agency): string {
  const i = AGENCIES.indexOf(agency);
  return `vnz099${String(100 + Math.max(i, 0)).padStart(6, '0')}`;
}

/** Trade words of invented contractors, by the kind of work they bid for. */
export const TRADES = {
  med: ['Thiết bị Y tế', 'Trang thiết bị Y tế và Thương mại', 'Công nghệ Y sinh', 'Vật tư Y tế'],
  lab: ['Hóa chất Xét nghiệm', 'Sinh phẩm và Thiết bị Phòng thí nghiệm', 'Thiết bị Khoa học'],
  edu: ['Thiết bị Giáo dục', 'Sách và Thiết bị Trường học', 'Đồ dùng Dạy học'],
  it: ['Công nghệ Thông tin', 'Giải pháp Công nghệ', 'Tin học và Viễn thông', 'Hệ thống Số'],
  works: [
    'Xây dựng',
    'Đầu tư và Xây dựng',
    'Xây dựng và Thương mại',
    'Xây lắp và Hạ tầng',
    'Công trình Đô thị',
  ],
  roads: ['Xây dựng Công trình Giao thông', 'Cầu đường và Hạ tầng', 'Đầu tư Hạ tầng Giao thông'],
  consult: ['Tư vấn Thiết kế Xây dựng', 'Tư vấn Đầu tư và Xây dựng', 'Tư vấn Giám sát', 'Tư vấn Kỹ thuật'],
  services: ['Dịch vụ Vệ sinh Công nghiệp', 'Dịch vụ Bảo vệ', 'Môi trường và Cây xanh', 'Dịch vụ Kỹ thuật'],
  insurance: ['Bảo hiểm Phi nhân thọ', 'Bảo hiểm'],
  mixed: ['Kỹ thuật Môi trường', 'Cơ điện và Xây dựng', 'Giải pháp Hạ tầng', 'Kỹ thuật Cơ điện lạnh'],
} as const;

export type Trade = keyof typeof TRADES;

/** Invented name stems (a company name is a form, a trade and a stem). */
export const STEMS = [
  'Minh Khang',
  'Hưng Thịnh Phát',
  'Thăng Long Xanh',
  'An Phú Gia',
  'Đông Đô Việt',
  'Hòa Bình Lạc',
  'Trường Sơn Á',
  'Phúc Lộc Thành',
  'Việt Tiến Phong',
  'Bắc Hà Long',
  'Sao Mai Kinh Bắc',
  'Ánh Dương Thủ Đô',
  'Kim Ngân Hà',
  'Tân Đại Việt',
  'Hồng Hà Tiến',
  'Long Giang Xanh',
  'Nam Thái Sơn',
  'Bảo Tín Gia',
  'Lạc Hồng Việt',
  'Vạn Xuân Phát',
  'Thành Công Mới',
  'Quang Minh Tâm',
  'Gia Bảo Phúc',
  'Hải Đăng Việt',
  'Đức Thành Tín',
  'Ngọc Khánh An',
  'Tây Hồ Xanh',
  'Hoàng Long Hưng',
  'Trí Đức Việt',
  'Thiên Phú Lộc',
  'Mai Linh Sơn',
  'Hà Thành Việt',
] as const;

export const COMPANY_FORMS = ['Công ty Cổ phần', 'Công ty TNHH', 'Công ty TNHH Một thành viên'] as const;

/** Invented foreign contractors for international packages (`origin` in Vietnamese). */
export const FOREIGN_CONTRACTORS = [
  { name: 'Nordlys Medisin Systems AB', origin: 'Thụy Điển', medical: true },
  { name: 'Heilbrunn Medizintechnik GmbH', origin: 'Đức', medical: true },
  { name: 'Sakuragi Iryō Kiki Co., Ltd.', origin: 'Nhật Bản', medical: true },
  { name: 'Hanbit Mediworks Co., Ltd.', origin: 'Hàn Quốc', medical: true },
  { name: 'Aquaterra Process Engineering Pte. Ltd.', origin: 'Singapore', medical: false },
  { name: 'Rheinwasser Anlagenbau GmbH', origin: 'Đức', medical: false },
  { name: 'Lumenta Infra Solutions S.p.A.', origin: 'Ý', medical: false },
] as const;

/** Family, middle and given names for invented individual consultants. */
export const PERSON_NAMES = {
  family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'],
  middle: ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Thanh', 'Hữu'],
  given: ['Hùng', 'Lan', 'Tuấn', 'Hương', 'Dũng', 'Hà', 'Sơn', 'Nga', 'Khoa', 'Phương', 'Long', 'Trang'],
} as const;

/**
 * A 10-digit tax code (mã số thuế) with the official check digit: `prefix` + serial digits + check.
 * Returns `null` when no valid check digit exists for those nine digits (the rule then skips them).
 */
export function taxCode(prefix: string, serial: number): string | null {
  const nine = (prefix + String(serial).padStart(9 - prefix.length, '0')).slice(0, 9);
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((s, w, i) => s + w * Number(nine[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : `${nine}${check}`;
}
