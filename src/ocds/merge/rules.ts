/**
 * Merge rules derived from an OCDS release schema (OCDS 1.1 "Merging" §Whole list merge, §Discarded
 * fields; OCDS 1.0 `mergeStrategy`), precomputed once into a tree keyed by property name so that
 * merging a release costs one property lookup per field.
 */
import { isJsonObject, parsePointer } from '../json.ts';

/** What the merge does with the field at one schema path (array items share their array's node). */
export interface RuleNode {
  /** `omitWhenMerged: true` (1.1) or `mergeStrategy: "ocdsOmit"` (1.0): the field is dropped. */
  readonly omit: boolean;
  /**
   * The array is one literal value, replaced whole: `wholeListMerge: true` (1.1),
   * `mergeStrategy: "ocdsVersion"` (1.0), items that may be non-objects, or item objects without `id`.
   */
  readonly whole: boolean;
  /** Per-path override for an array of objects: `append` (never match), `position` (match by index). */
  strategy: 'append' | 'position' | undefined;
  /** Rules of the object's properties (or of the array items' properties); `null` when none. */
  children: Record<string, RuleNode> | null;
}

/** The merge rules of a release schema; build with {@link deriveMergeRules}, reuse for every ocid. */
export interface MergeRules {
  readonly root: RuleNode;
}

/** Per-path overrides, each path dotted (`nested.array`) or a JSON pointer (`/nested/array`). */
export interface MergeRuleOverrides {
  /** Arrays whose objects are always appended, never matched by `id`. */
  append?: string[];
  /** Arrays whose objects are matched by their position in each release, not by `id`. */
  mergeByPosition?: string[];
}

/** Deeper than this, a schema is treated as having no rules (guards against pathological nesting). */
const MAX_DEPTH = 64;

function newNode(omit = false, whole = false): RuleNode {
  return { omit, whole, strategy: undefined, children: null };
}

/**
 * Derives merge rules from a release schema (JSON Schema draft-04, possibly already patched with
 * extensions). Local `$ref`s (`#/definitions/…`) are resolved; as in the reference implementation
 * (which dereferences with jsonref), keywords beside a `$ref` are ignored and a `$ref` that cannot be
 * resolved (e.g. to another file) gives no rules below it. A recursive `$ref` stops where it repeats.
 *
 * Precedence for one property: `omitWhenMerged`/`ocdsOmit` > (on an array) `wholeListMerge`/
 * `ocdsVersion` > object `properties` (recursion) > array `items`: whole list when an item type is
 * not `object` or the item `properties` have no `id`, else recursion into the item properties.
 * Keyword values of `false` mean nothing; `wholeListMerge` on a non-array is ignored.
 * @throws Error when an override path is empty or not a valid path.
 */
export function deriveMergeRules(releaseSchema: object, overrides: MergeRuleOverrides = {}): MergeRules {
  const root = newNode();
  const props = isJsonObject(releaseSchema) ? deref(releaseSchema, releaseSchema).properties : undefined;
  if (isJsonObject(props)) root.children = deriveProperties(releaseSchema, props, [releaseSchema], 0);
  for (const p of overrides.append ?? []) nodeAt(root, p).strategy = 'append';
  for (const p of overrides.mergeByPosition ?? []) nodeAt(root, p).strategy = 'position';
  return { root };
}

function deriveProperties(
  doc: object,
  properties: Record<string, unknown>,
  stack: object[],
  depth: number,
): Record<string, RuleNode> | null {
  if (depth > MAX_DEPTH) return null;
  const out: Record<string, RuleNode> = Object.create(null) as Record<string, RuleNode>;
  let any = false;
  for (const key of Object.keys(properties)) {
    const raw = properties[key];
    if (!isJsonObject(raw)) continue;
    const value = deref(doc, raw);
    if (stack.includes(value)) continue;
    const node = deriveProperty(doc, value, [...stack, value], depth + 1);
    if (node) {
      out[key] = node;
      any = true;
    }
  }
  return any ? out : null;
}

function deriveProperty(
  doc: object,
  value: Record<string, unknown>,
  stack: object[],
  depth: number,
): RuleNode | null {
  const types = typesOf(value);
  if (value.omitWhenMerged === true || value.mergeStrategy === 'ocdsOmit') return newNode(true);
  if (types.includes('array') && (value.wholeListMerge === true || value.mergeStrategy === 'ocdsVersion')) {
    return newNode(false, true);
  }
  if (types.includes('object') && isJsonObject(value.properties)) {
    const children = deriveProperties(doc, value.properties, stack, depth);
    if (!children) return null;
    const node = newNode();
    node.children = children;
    return node;
  }
  if (types.includes('array') && isJsonObject(value.items)) {
    const items = deref(doc, value.items);
    const itemTypes = typesOf(items);
    if (itemTypes.some((t) => t !== 'object')) return newNode(false, true);
    if (itemTypes.includes('object') && isJsonObject(items.properties)) {
      if (!Object.prototype.hasOwnProperty.call(items.properties, 'id')) return newNode(false, true);
      if (stack.includes(items)) return null;
      const children = deriveProperties(doc, items.properties, [...stack, items], depth);
      if (!children) return null;
      const node = newNode();
      node.children = children;
      return node;
    }
  }
  return null;
}

/** The schema `type` as a list (absent → `[]`). */
function typesOf(schema: Record<string, unknown>): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Follows local `$ref`s (`#…`) until a schema without one; unresolvable → `{}`. */
function deref(doc: object, schema: Record<string, unknown>): Record<string, unknown> {
  let node = schema;
  for (let hops = 0; typeof node.$ref === 'string'; hops++) {
    const ref = node.$ref;
    if (hops > 32 || !ref.startsWith('#')) return {};
    let target: unknown = doc;
    try {
      for (const token of parsePointer(decodeURIComponent(ref.slice(1)))) {
        target = isJsonObject(target)
          ? target[token]
          : Array.isArray(target)
            ? target[Number(token)]
            : undefined;
      }
    } catch {
      return {};
    }
    if (!isJsonObject(target)) return {};
    node = target;
  }
  return node;
}

/** The node at an override path, created when the schema has none. */
function nodeAt(root: RuleNode, path: string): RuleNode {
  const tokens = path.startsWith('/') ? parsePointer(path) : path.split('.');
  if (tokens.length === 0 || tokens.some((t) => t === '')) {
    throw new Error(`invalid merge rule override path: ${JSON.stringify(path)}`);
  }
  let node = root;
  for (const t of tokens) {
    node.children ??= Object.create(null) as Record<string, RuleNode>;
    node = node.children[t] ??= newNode();
  }
  return node;
}

/**
 * The rules as a flat map, for documentation and tests: dotted path → `omitWhenMerged`,
 * `wholeListMerge`, `append` or `mergeByPosition` (paths without a rule are not listed).
 */
export function describeMergeRules(rules: MergeRules): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: RuleNode, path: string[]): void => {
    if (path.length > 0) {
      const key = path.join('.');
      if (node.omit) out[key] = 'omitWhenMerged';
      else if (node.whole) out[key] = 'wholeListMerge';
      else if (node.strategy) out[key] = node.strategy === 'append' ? 'append' : 'mergeByPosition';
    }
    if (node.children) for (const k of Object.keys(node.children)) walk(node.children[k]!, [...path, k]);
  };
  walk(rules.root, []);
  return out;
}
