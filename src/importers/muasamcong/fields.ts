/**
 * Reading the national system's JSON field by field while keeping track of what was used, so that the
 * import can say precisely which source fields it could not map (the API is undocumented and changes:
 * procurement-domain.md §7 "report what it could not map, never guess silently").
 */

/** Longest key of an unmapped field or value (they quote source values, e.g. unknown codes). */
const MAX_KEY = 200;

/** What one input taught us about the mapping: fields left unmapped, unknown codes, other remarks. */
export class Notes {
  /** `kind.path.field` (or `kind.path.field="CODE" (unknown code)`) → number of records it occurred in. */
  readonly unmapped = new Map<string, number>();
  /** The first input file each key was seen in, for the report (`key` → file name). */
  readonly examples = new Map<string, string>();

  /**
   * Counts one occurrence of an unmapped field or value under `key`. Keys quoting a source value
   * longer than the summary can show are shortened in the middle.
   */
  add(key: string, count = 1): void {
    const k = key.length > MAX_KEY ? `${key.slice(0, MAX_KEY - 60)}…${key.slice(-59)}` : key;
    this.unmapped.set(k, (this.unmapped.get(k) ?? 0) + count);
  }

  /**
   * Adds every count of `other` into this one. `file` names the input `other` was made from; its
   * own examples, when it has them, are kept first.
   */
  merge(other: Notes, file?: string): void {
    for (const [k, n] of other.unmapped) {
      this.add(k, n);
      const example = other.examples.get(k) ?? file;
      if (example !== undefined && !this.examples.has(k)) this.examples.set(k, example);
    }
  }
}

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a non-array, non-null object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `value` says something: not null/undefined, not an empty or blank string, not an empty
 * array, not an object whose members are all empty.
 */
export function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasContent);
  if (isObject(value)) return Object.values(value).some(hasContent);
  return true;
}

/**
 * One JSON object of a source with the fields read from it tracked. `path` names it in reports, e.g.
 * `kqlcnt.lotResultDTO[].contractorList[]`. Call `done()` once everything known was read: every other
 * field with content is counted in `notes` as unmapped.
 */
export class Rec {
  readonly #used = new Set<string>();

  constructor(
    readonly obj: JsonObject,
    readonly path: string,
    readonly notes: Notes,
  ) {}

  /** The raw value of `key`, marking it as used. */
  get(key: string): unknown {
    this.#used.add(key);
    return this.obj[key];
  }

  /** The first of `keys` that has content (all marked as used). */
  first(...keys: string[]): unknown {
    let found: unknown = undefined;
    for (const k of keys) {
      const v = this.get(k);
      if (found === undefined && hasContent(v)) found = v;
    }
    return found;
  }

  /** Marks fields as deliberately not mapped (known-ignored: ids, audit stamps, duplicates…). */
  ignore(...keys: string[]): void {
    for (const k of keys) this.#used.add(k);
  }

  /** The nested object at `key` as a tracked record, or null when absent. */
  rec(key: string): Rec | null {
    const v = this.get(key);
    if (!isObject(v)) {
      if (hasContent(v)) this.notes.add(`${this.path}.${key} (not an object)`);
      return null;
    }
    return new Rec(v, `${this.path}.${key}`, this.notes);
  }

  /** The objects of the array at `key` as tracked records ([] when absent; non-objects are reported). */
  list(key: string): Rec[] {
    const v = this.get(key);
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) {
      if (hasContent(v)) this.notes.add(`${this.path}.${key} (not an array)`);
      return [];
    }
    const out: Rec[] = [];
    for (const item of v) {
      if (isObject(item)) out.push(new Rec(item, `${this.path}.${key}[]`, this.notes));
      else if (hasContent(item)) this.notes.add(`${this.path}.${key}[] (not an object)`);
    }
    return out;
  }

  /** Reports an unmapped field or value of this record (e.g. an unknown code). */
  note(what: string): void {
    this.notes.add(`${this.path}.${what}`);
  }

  /** Counts every field with content that was neither read nor ignored as unmapped. */
  done(): void {
    for (const [k, v] of Object.entries(this.obj)) {
      if (!this.#used.has(k) && hasContent(v)) this.notes.add(`${this.path}.${k}`);
    }
  }
}
