/**
 * The repeatable rows and the plan link of the notice form (TBMT and amendment) ↔ the payload:
 * - lots (phần/lô): rows `lot{i}_lotNo`, `lot{i}_name`, `lot{i}_priceVnd` → `lots[]`; a row with a
 *   name but no number gets its position ("1", "2"…);
 * - locations (địa điểm): rows `loc{i}_provinceName`, `loc{i}_provinceCode`, `loc{i}_districtName`,
 *   `loc{i}_wardName` → `locations[]` (the older single `province` field is still read when no row is
 *   sent). Locations are stored by their codes, so two of them need different province codes;
 * - the plan package (`planPackage` = `PL…|packageNo`, a select of the agency's plan packages without a
 *   notice) → `planNo` + `packageNo` (TBMT only).
 * Empty rows are skipped, so row `i` of a re-shown draft is `lots/i` of its payload and an error at
 * `/lots/2/name` lands on the field `lot2_name` ("Phần (lô) dòng 3, Tên phần (lô)").
 */

/** The two kinds of repeatable rows. */
export type RowGroup = 'lots' | 'locations';

interface GroupDef {
  prefix: string;
  fields: readonly string[];
  labels: Record<string, string>;
  legend: string;
  hint: string;
  rowVi: string;
  addVi: string;
  /** Empty rows shown after the filled ones; at least `min` rows in all; at most `max`. */
  spare: number;
  min: number;
  max: number;
}

/** Row groups of the notice form. */
export const ROW_GROUPS: Record<RowGroup, GroupDef> = {
  lots: {
    prefix: 'lot',
    fields: ['lotNo', 'name', 'priceVnd'],
    labels: { lotNo: 'Số hiệu phần (lô)', name: 'Tên phần (lô)', priceVnd: 'Giá phần (lô) (đồng)' },
    legend: 'Phần (lô) của gói thầu',
    hint: 'Chỉ điền khi gói thầu chia thành nhiều phần (lô); dòng để trống được bỏ qua. Bỏ trống số hiệu thì số hiệu là số thứ tự.',
    rowVi: 'Phần (lô)',
    addVi: 'Thêm dòng phần (lô)',
    spare: 2,
    min: 2,
    max: 500,
  },
  locations: {
    prefix: 'loc',
    fields: ['provinceName', 'provinceCode', 'districtName', 'wardName'],
    labels: {
      provinceName: 'Tỉnh/thành phố',
      provinceCode: 'Mã tỉnh/thành phố (2 chữ số)',
      districtName: 'Quận/huyện',
      wardName: 'Phường/xã',
    },
    legend: 'Địa điểm thực hiện gói thầu',
    hint: 'Mỗi địa điểm một dòng; dòng để trống được bỏ qua. Khi có từ hai địa điểm, ghi mã tỉnh/thành phố theo danh mục hành chính (ví dụ Hà Nội 01) để phân biệt; hai địa điểm trong cùng một tỉnh chưa được hỗ trợ trên biểu mẫu.',
    rowVi: 'Địa điểm',
    addVi: 'Thêm dòng địa điểm',
    spare: 1,
    min: 2,
    max: 100,
  },
};

/** More empty rows shown after "Thêm dòng". */
export const ADD_ROWS = 3;

const toAmount = (raw: string): number | string => {
  const digits = raw.replace(/[.\s,_]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : raw;
};

/** Row indices present in the form for `group`, ascending. */
function indices(form: Record<string, string | undefined>, group: RowGroup): number[] {
  const re = new RegExp(`^${ROW_GROUPS[group].prefix}(\\d{1,3})_`);
  const seen = new Set<number>();
  for (const k of Object.keys(form)) {
    const m = re.exec(k);
    if (m) seen.add(Number(m[1]));
  }
  return [...seen].sort((a, b) => a - b);
}

/** The rows and plan select of a notice form → `{lots?, locations?, planNo?, packageNo?}`. */
export function noticeRowsToPayload(
  form: Record<string, string | undefined>,
  opts: { plan: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of ['lots', 'locations'] as const) {
    const g = ROW_GROUPS[group];
    const rows: Record<string, unknown>[] = [];
    for (const i of indices(form, group).slice(0, g.max)) {
      const row: Record<string, unknown> = {};
      for (const f of g.fields) {
        const raw = (form[`${g.prefix}${i}_${f}`] ?? '').trim();
        if (raw !== '') row[f] = f === 'priceVnd' ? toAmount(raw) : raw;
      }
      if (Object.keys(row).length === 0) continue;
      if (group === 'lots' && row.lotNo === undefined && row.name !== undefined) {
        row.lotNo = String(rows.length + 1);
      }
      rows.push(row);
    }
    if (group === 'locations' && rows.length === 0 && form.province?.trim()) {
      rows.push({ provinceName: form.province.trim() });
    }
    if (rows.length > 0) out[group] = rows;
  }
  const plan = (form.planPackage ?? '').trim();
  if (opts.plan && plan !== '') {
    const [planNo, packageNo] = plan.split('|');
    out.planNo = planNo;
    if (packageNo) out.packageNo = packageNo;
  }
  return out;
}

/** A notice payload's lots, locations and plan link → the form's strings. */
export function noticeRowsToForm(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const group of ['lots', 'locations'] as const) {
    const g = ROW_GROUPS[group];
    const rows = Array.isArray(payload[group]) ? (payload[group] as Record<string, unknown>[]) : [];
    rows.slice(0, g.max).forEach((r, i) => {
      for (const f of g.fields) {
        const v = r?.[f];
        if (v !== undefined && v !== null && typeof v !== 'object') out[`${g.prefix}${i}_${f}`] = String(v);
      }
    });
  }
  if (typeof payload.planNo === 'string') {
    out.planPackage = `${payload.planNo}|${typeof payload.packageNo === 'string' ? payload.packageNo : ''}`;
  }
  return out;
}

/** How many rows of `group` to show: the filled ones (by highest index) + spare, at least `min`. */
export function rowCount(values: Record<string, string>, group: RowGroup, extra = 0): number {
  const g = ROW_GROUPS[group];
  const last = indices(values, group).filter((i) =>
    g.fields.some((f) => (values[`${g.prefix}${i}_${f}`] ?? '') !== ''),
  );
  const filled = last.length ? last[last.length - 1]! + 1 : 0;
  return Math.min(g.max, Math.max(g.min, filled + g.spare) + extra);
}

/**
 * A validation path into a row (`/lots/2/name`) → the form field and its Vietnamese label, or null
 * for another path.
 */
export function rowErrorField(parts: string[]): { name: string; label: string } | null {
  const group = parts[1] as RowGroup;
  const g = ROW_GROUPS[group];
  if (!g || parts[2] === undefined || !/^\d+$/.test(parts[2])) return null;
  const i = Number(parts[2]);
  const f = parts[3] && g.fields.includes(parts[3]) ? parts[3] : g.fields[group === 'lots' ? 1 : 0]!;
  return { name: `${g.prefix}${i}_${f}`, label: `${g.rowVi} dòng ${i + 1}, ${g.labels[f]}` };
}
