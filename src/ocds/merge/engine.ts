/**
 * The merge routine (OCDS 1.1 "Merging" §Merge routine) applied to one release at a time, straight
 * into the output tree: no flattening, no deep copy of the input (literal values, including whole
 * lists, are shared with the input releases — treat results as read-only).
 *
 * Rules, in order, for each field of an object in a release:
 * - skipped when its schema node says `omitWhenMerged`; the top-level `id`, `date`, `tag`, `ocid`
 *   are always release metadata, and the `id` of an object in an identifier-merged array is set once;
 * - `null` removes the field (compiled) or records a `null` version (versioned) — on an object this
 *   removes (nulls) everything below it, as the standard says (the reference keeps the object);
 * - a literal, an array under `wholeListMerge` or holding a non-object, replaces the value;
 * - an empty object, or an empty array not under `wholeListMerge`, changes nothing;
 * - an object merges recursively; an array of objects merges by `id` (strict JSON equality: `1` and
 *   `"1"` are different objects), new ids are appended, objects without an `id` are always appended;
 *   a per-path override may append every object or match them by position.
 * A member named `__proto__` is ignored (no OCDS field; unsafe to assign).
 * Objects and arrays only appear in the output once something is written below them (like the
 * reference: `{"budget": {}}` adds nothing, `{"period": {"endDate": null}}` leaves `"period": {}`).
 */
import { isJsonObject, jsonEqual, pointerOf } from '../json.ts';
import { MergeError, type MergeWarning } from './errors.ts';
import type { RuleNode } from './rules.ts';

type Obj = Record<string, unknown>;

/** One entry of a versioned field (OCDS 1.1 "Merging" §Versioned values). */
export interface VersionedValue {
  releaseID: unknown;
  releaseDate: unknown;
  releaseTag: unknown;
  value: unknown;
}

/** Which keys of an object the merge skips: none, the `id` of an array item, or the release metadata. */
const Skip = { None: 0, ItemId: 1, Top: 2 } as const;
type Skip = (typeof Skip)[keyof typeof Skip];

function isMergeKey(id: unknown): boolean {
  return typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean';
}

/**
 * The member `key` of an output object. Members inherited from `Object.prototype` (`constructor`,
 * `toString`, …) are functions, which JSON never holds: they read as absent.
 */
function own(o: Obj | undefined, key: string): unknown {
  if (o === undefined) return undefined;
  const v = o[key];
  return typeof v === 'function' ? undefined : v;
}

function allObjects(arr: unknown[]): boolean {
  for (let i = 0; i < arr.length; i++) if (!isJsonObject(arr[i])) return false;
  return true;
}

/** Merges releases, one call to {@link mergeRelease} per release in date order. */
export class MergeEngine {
  /** Reference tokens from the release array to the value being merged (for pointers). */
  private path: (string | number)[] = [];
  private meta: { id: unknown; date: unknown; tag: unknown } = { id: null, date: null, tag: null };
  /**
   * Output arrays built by identifier merge, with their objects by key (id, or position for the
   * override). A plain Map per merge: a module-level WeakMap made garbage collection dominate.
   */
  private readonly idArrays = new Map<object, Map<unknown, Obj>>();

  constructor(
    private readonly versioned: boolean,
    readonly warnings: MergeWarning[],
  ) {}

  /** Merges one release (at `index` in the input array) into `out`. */
  mergeRelease(out: Obj, release: Obj, root: RuleNode, index: number): void {
    this.path = [index];
    this.meta = { id: release.id ?? null, date: release.date ?? null, tag: release.tag ?? null };
    this.mergeObject(out, release, root, Skip.Top);
  }

  private fail(key: string | number, message: string): never {
    const pointer = pointerOf([...this.path, key]);
    throw new MergeError(
      'inconsistent-type',
      `${message} at ${pointer.replace(/^\/\d+/, '') || '/'}`,
      pointer,
      this.path[0] as number,
    );
  }

  private version(value: unknown): VersionedValue {
    const m = this.meta;
    return { releaseID: m.id, releaseDate: m.date, releaseTag: m.tag, value };
  }

  /** Merges the fields of `src` into `tgt` (created when first written); returns `tgt`. */
  mergeObject(tgt: Obj | undefined, src: Obj, node: RuleNode | undefined, skip: Skip): Obj | undefined {
    const children = node === undefined ? null : node.children;
    for (const key in src) {
      // `__proto__` can be no OCDS field, and assigning it would change an object's prototype.
      if (key === '__proto__') continue;
      if (skip !== Skip.None) {
        if (key === 'id') continue;
        if (skip === Skip.Top && (key === 'date' || key === 'tag' || key === 'ocid')) continue;
      }
      const rule = children === null ? undefined : children[key];
      if (rule !== undefined && rule.omit) continue;
      const v = src[key];
      if (v === null) {
        tgt ??= {};
        this.setNull(tgt, key);
      } else if (typeof v !== 'object' || (rule !== undefined && rule.whole)) {
        tgt ??= {};
        this.setLeaf(tgt, key, v, rule !== undefined && rule.whole);
      } else if (Array.isArray(v)) {
        if (v.length === 0) continue;
        if (!allObjects(v)) {
          tgt ??= {};
          this.setLeaf(tgt, key, v, false);
          continue;
        }
        let cur = this.structureAt(tgt, key);
        if (cur !== undefined && !this.idArrays.has(cur as object)) {
          if (this.versioned || isJsonObject(cur)) {
            this.fail(
              key,
              `an array of objects where an earlier release has ${isJsonObject(cur) ? 'an object' : 'a literal'}`,
            );
          }
          cur = undefined; // compiled: an array of objects replaces an earlier literal list
        }
        this.path.push(key);
        const arr = this.mergeArray(cur as Obj[] | undefined, v as Obj[], rule);
        this.path.pop();
        if (arr !== undefined && cur === undefined) (tgt ??= {})[key] = arr;
      } else {
        const cur = this.structureAt(tgt, key);
        if (cur !== undefined && !isJsonObject(cur)) {
          this.fail(
            key,
            `an object where an earlier release has ${Array.isArray(cur) && !this.versioned ? 'an array' : 'a literal or an array'}`,
          );
        }
        this.path.push(key);
        const child = this.mergeObject(cur as Obj | undefined, v as Obj, rule, Skip.None);
        this.path.pop();
        if (child !== undefined && cur === undefined) (tgt ??= {})[key] = child;
      }
    }
    return tgt;
  }

  /**
   * The member where an object or an array of objects is about to be merged. Versioned: a history
   * holding only `null`s (the field was null, then gets a structure) gives way to the structure.
   */
  private structureAt(tgt: Obj | undefined, key: string): unknown {
    const cur = own(tgt, key);
    if (
      this.versioned &&
      Array.isArray(cur) &&
      !this.idArrays.has(cur) &&
      cur.every((x: VersionedValue) => x.value === null)
    ) {
      delete tgt![key];
      return undefined;
    }
    return cur;
  }

  private setLeaf(tgt: Obj, key: string, v: unknown, whole: boolean): void {
    const cur = own(tgt, key);
    if (!this.versioned) {
      if (!whole && isJsonObject(cur))
        this.fail(key, 'a literal or an array where an earlier release has an object');
      tgt[key] = v;
      return;
    }
    if (cur === undefined) {
      tgt[key] = [this.version(v)];
      return;
    }
    if (isJsonObject(cur) || this.idArrays.has(cur as object)) {
      this.fail(
        key,
        `a literal or an array where an earlier release has ${isJsonObject(cur) ? 'an object' : 'an array of objects'}`,
      );
    }
    const list = cur as VersionedValue[];
    if (!jsonEqual(list[list.length - 1]!.value, v)) list.push(this.version(v));
  }

  private setNull(tgt: Obj, key: string): void {
    if (!this.versioned) {
      delete tgt[key];
      return;
    }
    const cur = own(tgt, key);
    if (cur === undefined) tgt[key] = [this.version(null)];
    else this.nullify(cur);
  }

  /** Versioned: records `null` for every field below `node` whose latest value is not already `null`. */
  private nullify(node: unknown): void {
    if (isJsonObject(node)) {
      for (const k in node) this.nullify(node[k]);
      return;
    }
    if (!Array.isArray(node)) return;
    if (this.idArrays.has(node)) {
      for (const item of node as Obj[]) {
        for (const k in item) if (k !== 'id') this.nullify(item[k]);
      }
      return;
    }
    const list = node as VersionedValue[];
    if (list[list.length - 1]!.value !== null) list.push(this.version(null));
  }

  /** Identifier merge of an array of objects; returns the output array (created when first written). */
  private mergeArray(arr: Obj[] | undefined, src: Obj[], rule: RuleNode | undefined): Obj[] | undefined {
    const strategy = rule === undefined ? undefined : rule.strategy;
    let map = arr === undefined ? undefined : this.idArrays.get(arr);
    let seen: Set<unknown> | undefined;
    for (let i = 0; i < src.length; i++) {
      const item = src[i]!;
      const id = item.id;
      const keyed = isMergeKey(id);
      if (keyed && src.length > 1) {
        seen ??= new Set();
        if (seen.has(id)) this.warnDuplicate(id, i);
        else seen.add(id);
      }
      const key = strategy === 'position' ? i : strategy === 'append' || !keyed ? undefined : id;
      const existing = key === undefined || map === undefined ? undefined : map.get(key);
      this.path.push(i);
      if (existing !== undefined) {
        this.mergeObject(existing, item, rule, Skip.ItemId);
      } else {
        const start: Obj | undefined = id === undefined || id === null ? undefined : { id };
        const obj = this.mergeObject(start, item, rule, Skip.ItemId);
        if (obj !== undefined) {
          if (arr === undefined) {
            arr = [];
            map = new Map();
            this.idArrays.set(arr, map);
          }
          arr.push(obj);
          if (key !== undefined) map!.set(key, obj);
        }
      }
      this.path.pop();
    }
    return arr;
  }

  private warnDuplicate(id: unknown, index: number): void {
    const arrayPointer = pointerOf(this.path);
    const fields = this.path.slice(1).filter((t) => typeof t === 'string');
    this.warnings.push({
      code: 'duplicate-id',
      message: `Multiple objects have the \`id\` value ${JSON.stringify(id)} in the \`${fields.join('.')}\` array; their fields are merged, later ones win`,
      pointer: `${arrayPointer}/${index}/id`,
    });
  }
}
