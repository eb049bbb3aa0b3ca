/**
 * Compiled and versioned releases of one ocid (OCDS 1.1 "Merging"; reference implementation
 * open-contracting/ocds-merge, whose test fixtures these functions reproduce).
 */
import { isJsonObject } from '../json.ts';
import { MergeEngine } from './engine.ts';
import type { MergeWarning } from './errors.ts';
import { mergeOrder } from './order.ts';
import type { MergeRules } from './rules.ts';

/** A merge result and what the merge noticed on the way (pointers into the input release array). */
export interface MergeResult<T> {
  value: T;
  warnings: MergeWarning[];
}

/** A compiled release: the release fields plus `tag: ["compiled"]`, `id`, `date`, `ocid`. */
export type CompiledRelease = Record<string, unknown> & {
  tag: ['compiled'];
  id: string;
  date: string;
  ocid?: string;
};

/** A versioned release: `ocid` plain, every other leaf a list of versioned values. */
export type VersionedRelease = Record<string, unknown> & { ocid?: string };

function lastOcid(
  releases: readonly unknown[],
  order: number[],
  warnings: MergeWarning[],
): string | undefined {
  let ocid: string | undefined;
  let first: string | undefined;
  for (const i of order) {
    const o = (releases[i] as Record<string, unknown>).ocid;
    if (typeof o !== 'string') {
      warnings.push({ code: 'missing-ocid', message: 'the release has no string "ocid"', pointer: `/${i}` });
      ocid = undefined;
      continue;
    }
    if (first === undefined) first = o;
    else if (o !== first && o !== ocid) {
      warnings.push({
        code: 'mixed-ocid',
        message: `"ocid" ${JSON.stringify(o)} differs from ${JSON.stringify(first)} in another release: the latest release's ocid is used`,
        pointer: `/${i}/ocid`,
      });
    }
    ocid = o;
  }
  return ocid;
}

/**
 * The compiled release of the releases of one ocid: releases ordered by `date` (see `order.ts`),
 * merged with `rules`; then `tag: ["compiled"]`, `date` of the latest release, `ocid` of the latest
 * release and `id` = `<ocid>-<date>` (just `<date>` when the latest release has no ocid).
 * The result shares literal values with `releases` (no copy): do not mutate one and keep the other.
 * @throws MergeError `release-not-object`, `missing-date`, `null-date`, `non-string-date`,
 *   `inconsistent-type` — with a JSON pointer into `releases`.
 */
export function compileRelease(
  releases: readonly unknown[],
  rules: MergeRules,
): MergeResult<CompiledRelease> {
  const warnings: MergeWarning[] = [];
  const order = mergeOrder(releases, warnings);
  const ocid = lastOcid(releases, order, warnings);
  const out: Record<string, unknown> = { tag: ['compiled'], id: '', date: '' };
  if (ocid !== undefined) out.ocid = ocid;
  const engine = new MergeEngine(false, warnings);
  let date = '';
  for (const i of order) {
    const release = releases[i] as Record<string, unknown>;
    engine.mergeRelease(out, release, rules.root, i);
    date = release.date as string;
  }
  out.date = date;
  out.id = ocid === undefined ? date : `${ocid}-${date}`;
  return { value: out as CompiledRelease, warnings };
}

/**
 * The versioned release of the releases of one ocid: `ocid` plain (that of the latest release), every
 * other field a list of `{releaseID, releaseDate, releaseTag, value}` in date order, a new entry only
 * when the value changes (JSON equality); the `id`s of objects in identifier-merged arrays stay
 * plain; `null` is recorded as a value. `releaseTag` is the release's `tag` (or `null`).
 * @throws MergeError as {@link compileRelease}.
 */
export function versionRelease(
  releases: readonly unknown[],
  rules: MergeRules,
): MergeResult<VersionedRelease> {
  const warnings: MergeWarning[] = [];
  const order = mergeOrder(releases, warnings);
  const ocid = lastOcid(releases, order, warnings);
  const out: Record<string, unknown> = {};
  if (ocid !== undefined) out.ocid = ocid;
  const engine = new MergeEngine(true, warnings);
  for (const i of order) engine.mergeRelease(out, releases[i] as Record<string, unknown>, rules.root, i);
  return { value: out as VersionedRelease, warnings };
}

/** True when `value` looks like a release to merge (an object); for callers filtering input. */
export function isReleaseObject(value: unknown): value is Record<string, unknown> {
  return isJsonObject(value);
}
