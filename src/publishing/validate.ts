/**
 * Validation of a publication payload against the schema of its kind (`schemas.ts`), then the rules
 * between fields. Errors are JSON pointers into the payload (`/bidders/0/name`, `/lots/2/lotNo`) with a
 * Vietnamese and an English message; every problem is returned, not the first. Pure.
 */
import { Settings } from 'typebox/system';
import Value from 'typebox/value';
import { PAYLOAD_SCHEMAS, type FieldError, type PublicationKind, type ResultInput } from './schemas.ts';

const VI: Record<string, string> = {
  required: 'bắt buộc',
  minLength: 'không được để trống',
  maxLength: 'quá dài',
  pattern: 'sai định dạng',
  minimum: 'quá nhỏ',
  maximum: 'quá lớn',
  type: 'sai kiểu dữ liệu',
  minItems: 'cần ít nhất một dòng',
  maxItems: 'quá nhiều dòng',
  additionalProperties: 'trường không được hỗ trợ',
  anyOf: 'không thuộc danh mục cho phép',
  enum: 'không thuộc danh mục cho phép',
};

/**
 * Checks `payload` against the schema of `kind`, then the rules between fields (opening after closing,
 * a result with a winner, losers with reasons, instants that exist). Returns every problem; empty = valid.
 */
export function validatePayload(kind: PublicationKind, payload: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  // Report every problem, not TypeBox's default first 8 (the setting is global: restored at once).
  const saved = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: 200 });
  let found;
  try {
    found = [...Value.Errors(PAYLOAD_SCHEMAS[kind], payload)];
  } finally {
    Settings.Set({ maxErrors: saved });
  }
  for (const e of found) {
    if (e.keyword === 'boolean') continue; // reported by additionalProperties with its name
    let path = e.instancePath;
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    if (e.keyword === 'required' && params.requiredProperties?.length) {
      for (const p of params.requiredProperties) add(`${path}/${p}`, 'required', `${p} is required`);
      continue;
    }
    if (e.keyword === 'additionalProperties' && params.additionalProperties?.length) {
      path = `${path}/${params.additionalProperties[0]}`;
    }
    add(path, e.keyword, e.message);
  }
  if (errors.length > 0) return errors;
  crossFieldChecks(kind, payload as Record<string, unknown>, errors);
  return errors;

  function add(path: string, keyword: string, en: string) {
    // A union of literals reports once per member: keep one message per path.
    if (seen.has(path)) return;
    seen.add(path);
    errors.push({ path: path || '/', messageVi: VI[keyword] ?? 'không hợp lệ', messageEn: en });
  }
}

/** A pattern-valid instant whose date and time exist (no 30 February, no 24:61) in 2000–2100. */
function realInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 2000 &&
    y <= 2100 &&
    day.getUTCMonth() === mo - 1 &&
    day.getUTCDate() === d &&
    h <= 23 &&
    mi <= 59 &&
    !Number.isNaN(Date.parse(value))
  );
}

function crossFieldChecks(kind: PublicationKind, p: Record<string, unknown>, errors: FieldError[]): void {
  const bad = (path: string, vi: string, en: string) => errors.push({ path, messageVi: vi, messageEn: en });
  for (const key of [
    'bidCloseAt',
    'bidOpenAt',
    'newCloseAt',
    'newOpenAt',
    'openedAt',
    'signedAt',
    'effectiveAt',
  ]) {
    if (typeof p[key] === 'string' && !realInstant(p[key])) {
      bad(`/${key}`, 'thời điểm không tồn tại (năm 2000–2100)', 'not a real instant in 2000–2100');
    }
  }
  if (typeof p.decisionDate === 'string' && !realInstant(`${p.decisionDate}T00:00+07:00`)) {
    bad('/decisionDate', 'ngày không tồn tại (năm 2000–2100)', 'not a real date in 2000–2100');
  }
  if (errors.length > 0) return;
  if (
    (kind === 'tbmt' || kind === 'amendment') &&
    Date.parse(String(p.bidOpenAt)) < Date.parse(String(p.bidCloseAt))
  ) {
    bad('/bidOpenAt', 'thời điểm mở thầu phải sau thời điểm đóng thầu', 'opening must not be before closing');
  }
  if (
    kind === 'extension' &&
    p.newOpenAt &&
    Date.parse(String(p.newOpenAt)) < Date.parse(String(p.newCloseAt))
  ) {
    bad('/newOpenAt', 'thời điểm mở thầu phải sau thời điểm đóng thầu', 'opening must not be before closing');
  }
  if ((kind === 'tbmt' || kind === 'amendment') && Array.isArray(p.lots)) {
    const seenLots = new Set<string>();
    (p.lots as { lotNo: string }[]).forEach((l, i) => {
      if (seenLots.has(l.lotNo)) bad(`/lots/${i}/lotNo`, 'số phần (lô) bị trùng', 'duplicate lot number');
      seenLots.add(l.lotNo);
    });
  }
  if ((kind === 'tbmt' || kind === 'amendment') && Array.isArray(p.locations)) {
    // Places are stored by their codes (tbmt_location's key): two with the same codes would be one.
    const seenPlaces = new Map<string, number>();
    (p.locations as { provinceCode?: string }[]).forEach((l, i) => {
      const key = l.provinceCode ?? '';
      const first = seenPlaces.get(key);
      if (first === undefined) seenPlaces.set(key, i);
      else {
        bad(
          `/locations/${i}/provinceCode`,
          `trùng mã tỉnh/thành phố với địa điểm dòng ${first + 1}: ghi mã tỉnh/thành phố (2 chữ số, ví dụ Hà Nội 01) để phân biệt`,
          `same place codes as location ${first}: give each location its province code`,
        );
      }
    });
  }
  if (kind === 'result') {
    const bidders = p.bidders as ResultInput['bidders'];
    if (!bidders.some((b) => b.isWinner)) {
      bad('/bidders', 'cần ít nhất một nhà thầu trúng thầu', 'at least one bidder must win');
    }
    bidders.forEach((b, i) => {
      if (!b.isWinner && !b.reason) {
        bad(
          `/bidders/${i}/reason`,
          'nêu lý do nhà thầu không trúng thầu',
          'a losing bidder needs the reason',
        );
      }
    });
  }
}
