/**
 * What an agency publishes as a procurement plan (KHLCNT, Law 22/2023 Art. 39) with its packages, and
 * its validation. Pure: no HTTP, no database. The same checker serves the JSON API, the web form and
 * the Excel upload; every error names its field by JSON pointer (`/packages/2/priceVnd`) so each
 * channel can show it where it belongs (the Excel parser maps pointers to cells).
 */
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES, type CodeEntry } from '../procurement/codes.ts';
import { nfc } from '../text/normalize.ts';

/** One package (gói thầu) of the plan, as checked. Money in VND (integer). */
export interface PlanPackage {
  /** National package number (BP + yy + 8 digits) when the agency has one. */
  bidNo: string | null;
  name: string;
  /** Normalised codes of src/procurement/codes.ts. */
  field: string;
  method: string;
  procedure: string;
  contractType: string;
  isDomestic: boolean;
  isInternet: boolean;
  priceVnd: number;
  funding: string;
  /** Planned start of selection: `Quý 2/2026` or `Tháng 5/2026`. */
  selectionStart: string;
  contractPeriod: number;
  /** D days, M months, Y years. */
  contractPeriodUnit: 'D' | 'M' | 'Y';
}

/** A plan (KHLCNT) as checked, ready to save. */
export interface PlanInput {
  /** National plan number (PL + yy + 8 digits); null → minhbach issues one (docs/plans.md). */
  planNo: string | null;
  /** `00` for a first publication; `01`, `02`… for a correction of an already published plan. */
  version: string;
  name: string;
  projectName: string;
  /** org.code of the investor: the publisher's agency or one of its sub-units. */
  investorCode: string;
  decisionNo: string;
  /** Day of the approval decision in the Vietnamese calendar, `YYYY-MM-DD`. */
  decisionDate: string;
  decisionAgency: string;
  packages: PlanPackage[];
}

/** One problem of an input: where (JSON pointer) and what, in Vietnamese and English. */
export interface PlanError {
  path: string;
  messageVi: string;
  messageEn: string;
}

/** The result of {@link checkPlanInput}: the plan, or every error found. */
export type PlanCheck = { ok: true; plan: PlanInput } | { ok: false; errors: PlanError[] };

/** National plan number: `PL` + 2-digit year + 8 digits. */
export const PLAN_NO = /^PL\d{10}$/;
/** National package number: `BP` + 2-digit year + 8 digits. */
export const BID_NO = /^BP\d{10}$/;
/** At most this many packages in one plan. */
export const MAX_PACKAGES = 500;
/** Largest accepted package price, VND (10^15: far above any package, below 2^53). */
export const MAX_PRICE_VND = 1e15;

const PERIOD_UNITS: Record<string, 'D' | 'M' | 'Y'> = {
  D: 'D',
  NGAY: 'D',
  NGÀY: 'D',
  M: 'M',
  THANG: 'M',
  THÁNG: 'M',
  Y: 'Y',
  NAM: 'Y',
  NĂM: 'Y',
};

type Obj = Record<string, unknown>;

/**
 * Checks a plan given as JSON (API), form fields or cells (Excel). Accepts for each code its value
 * (`HH`) or its Vietnamese label (`Hàng hóa`); booleans as true/false, 1/0, có/không; amounts as
 * numbers or digit strings with `.`/space thousands separators; dates as `YYYY-MM-DD` or `DD/MM/YYYY`.
 * Text is stored NFC with collapsed spaces. Never throws.
 * @param today the current day in Vietnam (`YYYY-MM-DD`): an approval decision cannot be later.
 */
export function checkPlanInput(raw: unknown, today: string): PlanCheck {
  const errors: PlanError[] = [];
  const err = (path: string, vi: string, en: string) => errors.push({ path, messageVi: vi, messageEn: en });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          messageVi: 'Dữ liệu phải là một đối tượng JSON.',
          messageEn: 'The body must be a JSON object.',
        },
      ],
    };
  }
  const o = raw as Obj;
  const t = new Reader(o, '', err);

  const planNoRaw = t.text('planNo', 20, false);
  const planNo = planNoRaw ? planNoRaw.toUpperCase() : null;
  if (planNo && !PLAN_NO.test(planNo)) {
    err(
      '/planNo',
      'Số KHLCNT phải có dạng PL + 10 chữ số (ví dụ PL2600044908).',
      'Plan number must be PL + 10 digits (e.g. PL2600044908).',
    );
  }
  const version = t.text('version', 2, false) ?? '00';
  if (!/^\d{2}$/.test(version)) {
    err('/version', 'Phiên bản phải gồm 2 chữ số (00, 01, …).', 'Version must be two digits (00, 01, …).');
  } else if (version !== '00' && !planNo) {
    err(
      '/planNo',
      'Bản điều chỉnh (phiên bản khác 00) phải ghi số KHLCNT đã đăng tải.',
      'A correction (version other than 00) needs the number of the published plan.',
    );
  }
  const name = t.text('name', 1000, true);
  const projectName = t.text('projectName', 1000, true);
  const investorCode = t.text('investorCode', 200, true)?.toLowerCase() ?? null;
  const decisionNo = t.text('decisionNo', 200, true);
  const decisionAgency = t.text('decisionAgency', 1000, true);
  const decisionDate = t.date('decisionDate', today);

  const list = o.packages;
  const packages: PlanPackage[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    err('/packages', 'Kế hoạch phải có ít nhất một gói thầu.', 'The plan needs at least one package.');
  } else if (list.length > MAX_PACKAGES) {
    err('/packages', `Kế hoạch có quá ${MAX_PACKAGES} gói thầu.`, `More than ${MAX_PACKAGES} packages.`);
  } else {
    const seenBp = new Map<string, number>();
    list.forEach((p, i) => {
      const path = `/packages/${i}`;
      if (!p || typeof p !== 'object' || Array.isArray(p)) {
        err(path, 'Gói thầu phải là một đối tượng.', 'A package must be an object.');
        return;
      }
      const pkg = checkPackage(new Reader(p as Obj, path, err));
      if (pkg?.bidNo) {
        const first = seenBp.get(pkg.bidNo);
        if (first !== undefined) {
          err(
            `${path}/bidNo`,
            `Số gói thầu ${pkg.bidNo} trùng với gói thầu thứ ${first + 1}.`,
            `Package number ${pkg.bidNo} repeats package ${first + 1}.`,
          );
        } else seenBp.set(pkg.bidNo, i);
      }
      if (pkg) packages.push(pkg);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      planNo,
      version,
      name: name!,
      projectName: projectName!,
      investorCode: investorCode!,
      decisionNo: decisionNo!,
      decisionDate: decisionDate!,
      decisionAgency: decisionAgency!,
      packages,
    },
  };
}

function checkPackage(r: Reader): PlanPackage | null {
  const before = r.count();
  const bidNoRaw = r.text('bidNo', 20, false)?.toUpperCase() ?? null;
  if (bidNoRaw && !BID_NO.test(bidNoRaw)) {
    r.fail('bidNo', 'Số gói thầu phải có dạng BP + 10 chữ số.', 'Package number must be BP + 10 digits.');
  }
  const pkg = {
    bidNo: bidNoRaw,
    name: r.text('name', 1000, true),
    field: r.code('field', FIELDS, 'Lĩnh vực', 'field'),
    method: r.code('method', METHODS, 'Hình thức lựa chọn nhà thầu', 'selection method'),
    procedure: r.code('procedure', PROCEDURES, 'Phương thức', 'procedure'),
    contractType: r.code('contractType', CONTRACT_TYPES, 'Loại hợp đồng', 'contract type'),
    isDomestic: r.flag('isDomestic', ['trong nước', 'trong nuoc'], ['quốc tế', 'quoc te']),
    isInternet: r.flag('isInternet', ['qua mạng', 'qua mang'], ['không qua mạng', 'khong qua mang']),
    priceVnd: r.money('priceVnd'),
    funding: r.text('funding', 1000, true),
    selectionStart: r.selectionStart('selectionStart'),
    contractPeriod: r.integer('contractPeriod', 1, 100_000),
    contractPeriodUnit: r.periodUnit('contractPeriodUnit'),
  };
  if (r.count() > before) return null;
  return pkg as PlanPackage;
}

/** Reads typed values out of one object, reporting each problem at its pointer. */
class Reader {
  private n = 0;
  constructor(
    private readonly o: Obj,
    private readonly base: string,
    private readonly err: (path: string, vi: string, en: string) => void,
  ) {}

  count(): number {
    return this.n;
  }

  fail(key: string, vi: string, en: string): null {
    this.n++;
    this.err(`${this.base}/${key}`, vi, en);
    return null;
  }

  private raw(key: string): unknown {
    const v = this.o[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && v.trim() === '') return null;
    return v;
  }

  text(key: string, max: number, required: boolean): string | null {
    const v = this.raw(key);
    if (v === null) return required ? this.fail(key, 'Chưa nhập (bắt buộc).', 'Required.') : null;
    if (typeof v !== 'string' && typeof v !== 'number') {
      return this.fail(key, 'Phải là chuỗi ký tự.', 'Must be a string.');
    }
    const s = nfc(String(v));
    if (s === null) return required ? this.fail(key, 'Chưa nhập (bắt buộc).', 'Required.') : null;
    if (s.length > max) return this.fail(key, `Dài quá ${max} ký tự.`, `Longer than ${max} characters.`);
    return s;
  }

  date(key: string, today: string): string | null {
    const s = this.text(key, 30, true);
    if (s === null) return null;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    const [y, m, d] = iso ? [+iso[1]!, +iso[2]!, +iso[3]!] : vn ? [+vn[3]!, +vn[2]!, +vn[1]!] : [0, 0, 0];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (!y || day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
      return this.fail(
        key,
        'Không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).',
        'Not a valid date (dd/mm/yyyy or yyyy-mm-dd).',
      );
    }
    const out = day.toISOString().slice(0, 10);
    if (y < 2000) return this.fail(key, 'Ngày trước năm 2000.', 'Date before 2000.');
    if (out > today) return this.fail(key, 'Ngày phê duyệt ở tương lai.', 'Approval date is in the future.');
    return out;
  }

  code(key: string, table: readonly CodeEntry[], labelVi: string, labelEn: string): string | null {
    const s = this.text(key, 200, true);
    if (s === null) return null;
    const hit = table.find((e) => e.value === s.toUpperCase() || e.vi.toLowerCase() === s.toLowerCase());
    if (hit) return hit.value;
    return this.fail(
      key,
      `“${s.slice(0, 80)}” không phải ${labelVi.toLowerCase()} hợp lệ; chọn một trong: ${table.map((e) => e.vi).join('; ')}.`,
      `"${s.slice(0, 80)}" is not a valid ${labelEn}; one of: ${table.map((e) => e.value).join(', ')}.`,
    );
  }

  flag(key: string, yes: string[], no: string[]): boolean | null {
    const v = this.raw(key);
    if (v === null) return this.fail(key, 'Chưa nhập (bắt buộc).', 'Required.');
    if (typeof v === 'boolean') return v;
    const s = String(v).normalize('NFC').trim().toLowerCase();
    if (['true', '1', 'có', 'co', ...yes].includes(s)) return true;
    if (['false', '0', 'không', 'khong', ...no].includes(s)) return false;
    return this.fail(key, `Phải là “${yes[0]}” hoặc “${no[0]}” (hoặc có/không).`, 'Must be true or false.');
  }

  money(key: string): number | null {
    const v = this.raw(key);
    if (v === null) return this.fail(key, 'Chưa nhập (bắt buộc).', 'Required.');
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^\d{1,3}([. ]\d{3})*$|^\d+$/.test(v.trim()))
      n = Number(v.trim().replace(/[. ]/g, ''));
    else
      return this.fail(
        key,
        'Không phải số (số tiền VND, chỉ gồm chữ số).',
        'Not a number (an amount in VND).',
      );
    if (!Number.isInteger(n))
      return this.fail(key, 'Số tiền VND phải là số nguyên.', 'VND amounts are whole numbers.');
    if (n <= 0) return this.fail(key, 'Phải lớn hơn 0.', 'Must be greater than 0.');
    if (n > MAX_PRICE_VND) return this.fail(key, 'Số tiền quá lớn.', 'Amount too large.');
    return n;
  }

  integer(key: string, min: number, max: number): number | null {
    const v = this.raw(key);
    if (v === null) return this.fail(key, 'Chưa nhập (bắt buộc).', 'Required.');
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isInteger(n)) return this.fail(key, 'Không phải số nguyên.', 'Not a whole number.');
    if (n < min || n > max)
      return this.fail(key, `Phải từ ${min} đến ${max}.`, `Must be from ${min} to ${max}.`);
    return n;
  }

  periodUnit(key: string): 'D' | 'M' | 'Y' | null {
    const s = this.text(key, 20, true);
    if (s === null) return null;
    return (
      PERIOD_UNITS[s.toUpperCase()] ??
      this.fail(
        key,
        'Đơn vị phải là ngày, tháng hoặc năm (D/M/Y).',
        'Unit must be D, M or Y (days, months, years).',
      )
    );
  }

  selectionStart(key: string): string | null {
    const s = this.text(key, 40, true);
    if (s === null) return null;
    const month = /^(?:tháng\s*)?(\d{1,2})\s*\/\s*(\d{4})$/i.exec(s);
    if (month && +month[1]! >= 1 && +month[1]! <= 12) return `Tháng ${+month[1]!}/${month[2]}`;
    const quarter = /^(?:quý|quy|q)\s*([1-4]|IV|I{1,3})\s*\/\s*(\d{4})$/i.exec(s);
    if (quarter) {
      const q = { I: 1, II: 2, III: 3, IV: 4 }[quarter[1]!.toUpperCase()] ?? +quarter[1]!;
      return `Quý ${q}/${quarter[2]}`;
    }
    return this.fail(
      key,
      'Thời gian bắt đầu tổ chức lựa chọn nhà thầu phải có dạng “Quý 2/2026” hoặc “Tháng 5/2026”.',
      'Selection start must be like "Quý 2/2026" (quarter) or "Tháng 5/2026" (month).',
    );
  }
}
