/**
 * Ordering of the releases of one ocid by `date` (OCDS 1.1 "Merging" §Merge routine: "order the
 * releases in chronological order by `date`").
 *
 * Rule: dates are compared as instants (an RFC 3339 date-time with `Z` or an offset; a date-time
 * without offset or a bare `YYYY-MM-DD` is taken as UTC), to the full precision written (digits
 * beyond milliseconds count); releases at the same instant keep their input order (stable sort) and
 * give a `repeated-date` warning. The Python reference sorts the strings instead, which orders
 * `2020-01-01T09:00:00+07:00` after `2020-01-01T05:00:00Z` although it is earlier; for dates that
 * all use the same offset and format the two orders agree. When a date cannot be parsed, the whole
 * group falls back to the reference's string order, with an `unparseable-date` warning.
 */
import { isJsonObject } from '../json.ts';
import { MergeError, type MergeWarning } from './errors.ts';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** An instant: milliseconds since the epoch plus the sub-millisecond digits as written. */
interface Instant {
  ms: number;
  sub: string;
}

/** The instant of an RFC 3339 date-time (or date), or `undefined` when it is not one. */
export function parseInstant(date: string): Instant | undefined {
  const m = DATE_TIME.exec(date);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
    Number(x ?? 0),
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const frac = m[7] ?? '';
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, Number((frac + '000').slice(0, 3)));
  if (m[9]) ms -= (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  return { ms, sub: frac.slice(3).replace(/0+$/, '') };
}

function compareInstants(a: Instant, b: Instant): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.sub === b.sub) return 0;
  const n = Math.max(a.sub.length, b.sub.length);
  const x = a.sub.padEnd(n, '0');
  const y = b.sub.padEnd(n, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Checks the releases and returns their indexes in merge order.
 * @throws MergeError `release-not-object`, `missing-date`, `null-date`, `non-string-date` (pointer
 *   `/i` or `/i/date` into `releases`).
 */
export function mergeOrder(releases: readonly unknown[], warnings: MergeWarning[]): number[] {
  const dates: string[] = [];
  for (let i = 0; i < releases.length; i++) {
    const r = releases[i];
    if (!isJsonObject(r)) {
      throw new MergeError('release-not-object', `the release is ${describe(r)}, not an object`, `/${i}`, i);
    }
    const d = r.date;
    if (d === undefined) throw new MergeError('missing-date', 'the release has no "date"', `/${i}`, i);
    if (d === null) throw new MergeError('null-date', 'the release has "date": null', `/${i}/date`, i);
    if (typeof d !== 'string') {
      throw new MergeError(
        'non-string-date',
        `the release has a "date" that is ${describe(d)}, not a string`,
        `/${i}/date`,
        i,
      );
    }
    dates.push(d);
  }
  const order = dates.map((_, i) => i);
  if (order.length < 2) return order;
  const instants: Instant[] = [];
  for (let i = 0; i < dates.length; i++) {
    const t = parseInstant(dates[i]!);
    if (!t) {
      warnings.push({
        code: 'unparseable-date',
        message: `"date" ${JSON.stringify(dates[i])} is not an RFC 3339 date-time: the releases of this ocid are ordered by their date strings`,
        pointer: `/${i}/date`,
      });
      order.sort((a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0));
      return order;
    }
    instants.push(t);
  }
  order.sort((a, b) => compareInstants(instants[a]!, instants[b]!));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (compareInstants(instants[prev]!, instants[cur]!) === 0) {
      warnings.push({
        code: 'repeated-date',
        message: `same date instant as another release of this ocid (${dates[cur]} = ${dates[prev]}): their input order is kept`,
        pointer: `/${cur}/date`,
      });
    }
  }
  return order;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
