/**
 * Names of the search benchmark's synthetic data, built on the demo's vocabulary (`src/demo`): the
 * demo's Hà Nội agencies and post-2025 wards, plus invented sub-units (schools, health stations,
 * ward project units) under each ward committee and department, and a large pool of invented
 * contractors (company form + trade + stem + region). Codes use the demo's unused ranges, so they
 * cannot collide with real national codes. Deterministic: no randomness here.
 */
import {
  AGENCIES,
  COMPANY_FORMS,
  STEMS,
  TRADES,
  WARDS,
  agencyCode,
  taxCode,
  type Agency,
  type AgencyKind,
  type Trade,
} from '../../src/demo/names.ts';

/** An agency of the benchmark (investor and procuring entity), possibly a sub-unit. */
export interface BenchAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  /** Ward codes where its packages are carried out. */
  wards: readonly string[];
  /** Code of the unit it belongs to, or null at the top. */
  parentCode: string | null;
  /** Relative number of packages it publishes. */
  weight: number;
}

/** Streets of Hà Nội used in works package names (real street names, e.g. "Đường Láng"). */
export const STREETS = [
  'Đường Láng',
  'Phố Huế',
  'Đường Giải Phóng',
  'Đường Nguyễn Trãi',
  'Phố Kim Mã',
  'Đường Cầu Giấy',
  'Đường Trường Chinh',
  'Phố Bà Triệu',
  'Đường Võ Chí Công',
  'Đường Phạm Văn Đồng',
  'Đường Lê Duẩn',
  'Phố Tôn Đức Thắng',
  'Đường Hoàng Quốc Việt',
  'Đường Nguyễn Văn Cừ',
  'Đường Lạc Long Quân',
  'Đường Âu Cơ',
  'Phố Chùa Bộc',
  'Đường Xuân Thủy',
  'Đường Tố Hữu',
  'Đường Quang Trung',
] as const;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Sub-units invented under a ward committee: [name prefix, kind, weight]. */
const WARD_UNITS: readonly [string, AgencyKind, number][] = [
  ['Trường Mầm non', 'truong', 2],
  ['Trường Tiểu học', 'truong', 2],
  ['Trường Trung học cơ sở', 'truong', 2],
  ['Trạm Y tế', 'benhvien', 1],
  ['Ban Quản lý dự án đầu tư xây dựng khu vực', 'ban', 4],
];

/** Centres invented under each department (Sở). */
const DEPARTMENT_UNITS: readonly [string, AgencyKind][] = [
  ['Trung tâm Công nghệ thông tin', 'so'],
  ['Trung tâm Dịch vụ công', 'so'],
  ['Văn phòng', 'so'],
];

/**
 * Every agency of the benchmark: the demo's agencies (departments, project units, hospitals, schools,
 * ward committees), a committee for every demo ward without one, and their invented sub-units
 * (`parentCode` set). Codes `vnz099…` (demo) and `vnz0997…` (benchmark).
 */
export function benchAgencies(): BenchAgency[] {
  const out: BenchAgency[] = AGENCIES.map((a: Agency) => ({
    code: agencyCode(a),
    name: a.name,
    kind: a.kind,
    wards: a.wards,
    parentCode: null,
    weight: a.kind === 'ban' ? 12 : a.kind === 'so' ? 6 : a.kind === 'benhvien' ? 6 : 3,
  }));
  let serial = 100_000;
  const next = () => `vnz0997${String(serial++).padStart(6, '0')}`;
  for (const w of WARDS) {
    let committee = out.find((a) => a.kind === 'ubnd' && a.wards.length === 1 && a.wards[0] === w.code);
    if (!committee) {
      const kindWord = w.name.startsWith('Phường') ? 'phường' : 'xã';
      committee = {
        code: next(),
        name: `Ủy ban nhân dân ${kindWord} ${w.name.replace(/^(Phường|Xã) /, '')}`,
        kind: 'ubnd',
        wards: [w.code],
        parentCode: null,
        weight: 3,
      };
      out.push(committee);
    }
    for (const [prefix, kind, weight] of WARD_UNITS) {
      out.push({
        code: next(),
        name: `${prefix} ${lowerFirst(w.name)}`,
        kind,
        wards: [w.code],
        parentCode: committee.code,
        weight,
      });
    }
  }
  for (const dept of out.filter((a) => a.kind === 'so' && a.parentCode === null)) {
    for (const [prefix, kind] of DEPARTMENT_UNITS) {
      out.push({
        code: next(),
        name: `${prefix} ${dept.name.replace(/^Sở /, 'Sở ')}`,
        kind,
        wards: dept.wards,
        parentCode: dept.code,
        weight: 2,
      });
    }
  }
  return out;
}

/** Regions that, with a stem, make invented company names unique in large numbers. */
const REGIONS = [
  'Hà Nội',
  'Thủ Đô',
  'Việt Nam',
  'Miền Bắc',
  'Đông Dương',
  'Quốc tế',
  'Toàn Cầu',
  'Sông Hồng',
  'Kinh Bắc',
  'Thăng Long',
  'Hồng Lĩnh',
  'Tràng An',
  'Phương Đông',
  'Châu Á',
  'Bắc Bộ',
  'Đồng Bằng',
] as const;

/** An invented contractor. */
export interface BenchContractor {
  code: string;
  taxCode: string;
  name: string;
  trade: Trade;
}

/**
 * `count` invented contractors spread over the trades: names `form trade stem region` (unique), tax
 * codes in the `0196…`–`0199…` ranges with a valid check digit, codes `vn` + tax code.
 */
export function benchContractors(count: number): BenchContractor[] {
  const trades = Object.keys(TRADES) as Trade[];
  const out: BenchContractor[] = [];
  const used = new Set<string>();
  const prefixes = ['0199', '0198', '0197', '0196', '0195', '0194'];
  let prefix = 0;
  let serial = 0;
  const nextTax = (): string => {
    for (;;) {
      serial++;
      if (serial >= 100_000) {
        serial = 1;
        prefix++;
        if (prefix >= prefixes.length) throw new Error('bench: too many contractors for the tax-code ranges');
      }
      const t = taxCode(prefixes[prefix]!, serial);
      if (t) return t;
    }
  };
  for (let i = 0; out.length < count; i++) {
    const trade = trades[i % trades.length]!;
    const words = TRADES[trade];
    const k = Math.floor(i / trades.length);
    const form = COMPANY_FORMS[k % COMPANY_FORMS.length]!;
    const word = words[Math.floor(k / COMPANY_FORMS.length) % words.length]!;
    const stem = STEMS[Math.floor(k / (COMPANY_FORMS.length * words.length)) % STEMS.length]!;
    const region =
      REGIONS[Math.floor(k / (COMPANY_FORMS.length * words.length * STEMS.length)) % REGIONS.length]!;
    const round = Math.floor(k / (COMPANY_FORMS.length * words.length * STEMS.length * REGIONS.length));
    const name = `${form} ${word} ${stem} ${region}${round > 0 ? ` ${round + 1}` : ''}`;
    if (used.has(name)) continue;
    used.add(name);
    const tax = nextTax();
    out.push({ code: `vn${tax}`, taxCode: tax, name, trade });
  }
  return out;
}
