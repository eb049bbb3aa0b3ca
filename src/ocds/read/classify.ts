import { OcdsReadError } from './errors.ts';
import type { ReadEvent } from './types.ts';

/** Keys that only a package has (OCDS 1.0–1.1 release and record package schemas). */
export const PACKAGE_KEYS: ReadonlySet<string> = new Set([
  'uri',
  'publisher',
  'publishedDate',
  'version',
  'extensions',
  'license',
  'publicationPolicy',
  'packages',
]);

/** Keys that a release requires: an object with one of them at the top level is read as a release. */
const RELEASE_KEYS = ['ocid', 'id', 'date', 'tag', 'initiationType'];

/** Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointer(token: string | number): string {
  const s = String(token);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the reader is, for items and errors. */
export interface Place {
  file: string;
  document: number;
  line?: number;
}

/**
 * The kind of a complete object: a package of releases or records, a record (`ocid` with
 * `releases`, or a `compiledRelease`/`versionedRelease`), or a release. At the top level an object
 * with none of a release's required keys is `unknown`.
 */
export function classifyObject(
  obj: Record<string, unknown>,
  topLevel: boolean,
): 'release-package' | 'record-package' | 'record' | 'release' | 'unknown' {
  if ('records' in obj) return 'record-package';
  if ('releases' in obj) return 'ocid' in obj ? 'record' : 'release-package';
  if ('compiledRelease' in obj || 'versionedRelease' in obj) return 'record';
  if (!topLevel || RELEASE_KEYS.some((k) => k in obj)) return 'release';
  return 'unknown';
}

/**
 * Events of one complete, already parsed JSON document (the fast path of JSON Lines and the
 * in-memory validator): items of a package, a bare release or record, or the elements of an array.
 * @throws OcdsReadError for a top-level shape that is no OCDS (see `READ_ERROR_CODES`).
 */
export function eventsOfValue(value: unknown, place: Place, out: ReadEvent[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) throw topLevelError('empty-array', place, '');
    value.forEach((el, i) => {
      if (!isObject(el)) {
        throw new OcdsReadError(
          'array-item-not-object',
          `element ${i} of the top-level array is ${typeName(el)}, not an object`,
          {
            ...place,
            pointer: `/${i}`,
          },
        );
      }
      eventsOfObject(el, `/${i}`, false, place, out);
    });
    return;
  }
  if (!isObject(value)) throw topLevelScalarError(value, place);
  eventsOfObject(value, '', true, place, out);
}

/** Events of one complete object found at `pointer` (see {@link eventsOfValue}). */
export function eventsOfObject(
  obj: Record<string, unknown>,
  pointer: string,
  topLevel: boolean,
  place: Place,
  out: ReadEvent[],
): void {
  const kind = classifyObject(obj, topLevel);
  const base = {
    pointer,
    document: place.document,
    ...(place.line !== undefined ? { line: place.line } : {}),
  };
  if (kind === 'release-package' || kind === 'record-package') {
    const key = kind === 'release-package' ? 'releases' : 'records';
    const list = obj[key];
    if (!Array.isArray(list)) {
      throw new OcdsReadError(
        kind === 'release-package' ? 'releases-not-array' : 'records-not-array',
        `"${key}" is ${typeName(list)}, not an array`,
        { ...place, pointer: `${pointer}/${key}` },
      );
    }
    const meta: Record<string, unknown> = {};
    for (const k of Object.keys(obj)) if (k !== key) meta[k] = obj[k];
    const itemKind = key === 'releases' ? 'release' : 'record';
    list.forEach((v, i) => {
      out.push({ ...base, kind: itemKind, value: v, pointer: `${pointer}/${key}/${i}`, packageMeta: meta });
    });
    out.push({ ...base, kind: 'package', packageType: itemKind, meta, count: list.length });
    return;
  }
  if (kind === 'unknown' && Object.keys(obj).some((k) => PACKAGE_KEYS.has(k))) {
    // Package metadata without releases or records: an empty package (as ocdskit reads it).
    out.push({ ...base, kind: 'package', packageType: 'release', meta: obj, count: 0 });
    return;
  }
  if (kind === 'unknown') {
    throw new OcdsReadError(
      'unknown-format',
      'the object is neither a package (no "releases" or "records") nor a release or record (no "ocid")',
      { ...place, pointer },
    );
  }
  out.push({ ...base, kind, value: obj });
}

/** The error for a top-level `null`, number, string or boolean. */
export function topLevelScalarError(value: unknown, place: Place, pointer = ''): OcdsReadError {
  const code =
    value === null
      ? 'top-level-null'
      : typeof value === 'number'
        ? 'top-level-number'
        : typeof value === 'string'
          ? 'top-level-string'
          : 'top-level-boolean';
  return topLevelError(code, place, pointer, value);
}

function topLevelError(
  code: 'top-level-null' | 'top-level-number' | 'top-level-string' | 'top-level-boolean' | 'empty-array',
  place: Place,
  pointer: string,
  value?: unknown,
): OcdsReadError {
  const what =
    code === 'empty-array' ? 'an empty array []' : `${typeName(value)} ${JSON.stringify(value)}`.slice(0, 80);
  return new OcdsReadError(
    code,
    `JSON document ${place.document} is ${what}, not an OCDS package, release or record`,
    { ...place, pointer },
  );
}

/** A short English name of a JSON value's type, for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
