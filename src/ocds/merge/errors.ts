/** Errors and warnings of the OCDS merge, each with a stable code and a JSON pointer. */

/** Stable codes of {@link MergeError}. */
export const MERGE_ERROR_CODES = [
  /** A release is not a JSON object. */
  'release-not-object',
  /** A release has no `date` field. */
  'missing-date',
  /** A release has `"date": null`. */
  'null-date',
  /** A release has a `date` that is not a string. */
  'non-string-date',
  /** A field is an object in one release and a literal or an array in another (or vice versa). */
  'inconsistent-type',
] as const;
export type MergeErrorCode = (typeof MERGE_ERROR_CODES)[number];

/** Stable codes of merge warnings. */
export const MERGE_WARNING_CODES = [
  /** Several objects of one array in one release share an `id` (identifier merge: later fields win). */
  'duplicate-id',
  /** Several releases have the same `date` instant (their input order is kept). */
  'repeated-date',
  /** A `date` is not an RFC 3339 date-time: the releases are ordered as strings, like the reference. */
  'unparseable-date',
  /** The releases given for one compiled release have different `ocid`s (the last one is used). */
  'mixed-ocid',
  /** A release has no string `ocid`. */
  'missing-ocid',
] as const;
export type MergeWarningCode = (typeof MERGE_WARNING_CODES)[number];

/** A warning: the merge went on. `pointer` points into the array of releases given to the merge. */
export interface MergeWarning {
  code: MergeWarningCode;
  message: string;
  pointer: string;
}

/**
 * The releases cannot be merged. `pointer` is a JSON pointer into the array of releases given to the
 * merge (e.g. `/2/date`, `/1/tender/items/0/unit`); `releaseIndex` the index of the offending
 * release in that array.
 */
export class MergeError extends Error {
  constructor(
    readonly code: MergeErrorCode,
    message: string,
    readonly pointer: string,
    readonly releaseIndex: number,
  ) {
    super(message);
    this.name = 'MergeError';
  }
}
