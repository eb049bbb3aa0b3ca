import { escapePointer } from '../read/classify.ts';
import type { OcdsFinding } from './finding.ts';

/**
 * What the checks beyond JSON Schema need to know of one schema node, precomputed once from the
 * (patched) release schema so that a release is walked in one pass.
 */
export interface FieldModel {
  /** Known properties (`properties`), when the node describes an object with properties. */
  props?: Map<string, FieldModel>;
  /** `patternProperties` (e.g. language variants `title_fr`). */
  patterns?: { re: RegExp; model: FieldModel; check?: PatternCheck }[];
  /** Model of the items of an array. */
  items?: FieldModel;
  /** True when the items are objects with an `id` property (array merged by id). */
  itemsHaveId?: boolean;
  deprecated?: string;
  codelist?: string;
  openCodelist?: boolean;
  /** Not walked (a record's `releases`, checked one by one as embedded or linked releases). */
  skip?: boolean;
}

/** Validates the value of a property matched by a `patternProperties` pattern, adding findings. */
export type PatternCheck = (value: unknown, pointer: string, out: OcdsFinding[]) => void;

/**
 * Where `patternProperties` are moved to in the schema Ajv compiles (see `compile.ts`): Ajv would
 * test every key of such objects against the language-tag patterns; the walk only tests unknown keys.
 */
export const PATTERNS_MOVED = 'x-minhbach-pattern-properties';

/** Schema keyword (ignored by Ajv) that marks a node {@link walk} must not enter. */
export const SKIP_WALK = 'x-minhbach-skip-walk';

/** A free node: anything goes below it (no properties known, so no additional fields reported). */
const FREE: FieldModel = {};

/**
 * Builds the model of `schema`; `$ref`s are resolved with `resolve` (local `#/definitions/X` and the
 * release schema's URL); recursive definitions share one model.
 */
export function buildModel(
  schema: unknown,
  resolve: (ref: string, root: unknown) => { node: unknown; root: unknown } | undefined,
  patternCheck?: (schema: unknown) => PatternCheck | undefined,
): FieldModel {
  const memo = new Map<unknown, FieldModel>();
  const build = (node: unknown, root: unknown): FieldModel => {
    if (typeof node !== 'object' || node === null) return FREE;
    const n = node as Record<string, unknown>;
    if (typeof n.$ref === 'string') {
      const target = resolve(n.$ref, root);
      if (target === undefined) return FREE;
      return build(target.node, target.root);
    }
    const cached = memo.get(n);
    if (cached) return cached;
    const model: FieldModel = {};
    memo.set(n, model);
    if (n[SKIP_WALK] === true) model.skip = true;
    if (typeof n.deprecated === 'object' && n.deprecated !== null) {
      const d = n.deprecated as { deprecatedVersion?: unknown; description?: unknown };
      model.deprecated = `deprecated in OCDS ${String(d.deprecatedVersion ?? '')}${typeof d.description === 'string' ? `: ${d.description}` : ''}`;
    }
    if (typeof n.codelist === 'string') {
      model.codelist = n.codelist;
      model.openCodelist = n.openCodelist !== false;
    }
    if (typeof n.properties === 'object' && n.properties !== null) {
      model.props = new Map();
      for (const [k, v] of Object.entries(n.properties as Record<string, unknown>))
        model.props.set(k, build(v, root));
    }
    const moved = typeof n[PATTERNS_MOVED] === 'object' && n[PATTERNS_MOVED] !== null;
    const patterns = moved ? n[PATTERNS_MOVED] : n.patternProperties;
    if (typeof patterns === 'object' && patterns !== null) {
      model.patterns = Object.entries(patterns as Record<string, unknown>).map(([p, v]) => {
        const check = moved ? patternCheck?.(v) : undefined;
        return { re: new RegExp(p, 'u'), model: build(v, root), ...(check ? { check } : {}) };
      });
    }
    if (typeof n.items === 'object' && n.items !== null && !Array.isArray(n.items)) {
      model.items = build(n.items, root);
      model.itemsHaveId = model.items.props?.has('id') === true;
    }
    // Combinators: take the union of what the branches know (OCDS core schemas do not use them).
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = n[key];
      if (!Array.isArray(list)) continue;
      for (const branch of list) {
        const b = build(branch, root);
        if (b.props) {
          model.props ??= new Map();
          for (const [k, v] of b.props) if (!model.props.has(k)) model.props.set(k, v);
        }
        if (b.items && !model.items) {
          model.items = b.items;
          model.itemsHaveId = b.itemsHaveId;
        }
      }
    }
    return model;
  };
  return build(schema, schema);
}

/** Codes of the codelists, and which of them are closed. */
export interface CodelistIndex {
  codelists: Map<string, Set<string>>;
  closed: Set<string>;
}

/**
 * Walks `value` along `model`, adding the findings of the checks beyond the schema: empty values
 * (`empty-value`), unknown fields (`additional-field`), deprecated fields (`deprecated-field`), codes
 * outside codelists (`codelist-closed`, `codelist-open`) and array objects without `id`
 * (`array-item-missing-id`). `pointer` is the JSON pointer of `value`.
 */
export function walk(
  value: unknown,
  model: FieldModel,
  pointer: string,
  cl: CodelistIndex,
  out: OcdsFinding[],
): void {
  if (model.skip) return;
  if (typeof value === 'string') {
    if (value.trim() === '') {
      out.push({
        code: 'empty-value',
        severity: 'warning',
        message: `empty string${value === '' ? '' : ' (only whitespace)'}: omit the field instead`,
        pointer,
      });
    } else if (model.codelist !== undefined) {
      checkCode(value, model, pointer, cl, out);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push({
        code: 'empty-value',
        severity: 'warning',
        message: 'empty array []: omit the field instead',
        pointer,
      });
      return;
    }
    const items = model.items ?? FREE;
    for (let i = 0; i < value.length; i++) {
      const el = value[i];
      const p = `${pointer}/${i}`;
      if (typeof el === 'string' && items.codelist === undefined && model.codelist !== undefined) {
        if (el.trim() === '')
          out.push({
            code: 'empty-value',
            severity: 'warning',
            message: 'empty string: omit the value instead',
            pointer: p,
          });
        else checkCode(el, model, p, cl, out);
        continue;
      }
      if (model.itemsHaveId && typeof el === 'object' && el !== null && !Array.isArray(el) && !('id' in el)) {
        out.push({
          code: 'array-item-missing-id',
          severity: 'warning',
          message: 'this object has no "id": it cannot be merged with the same object in other releases',
          pointer: p,
        });
      }
      walk(el, items, p, cl, out);
    }
    return;
  }
  const obj = value as Record<string, unknown>;
  let empty = true;
  for (const key in obj) {
    empty = false;
    const child = obj[key];
    const p = `${pointer}/${escapePointer(key)}`;
    let m = model.props?.get(key);
    if (m === undefined && model.patterns !== undefined) {
      for (const pat of model.patterns) {
        if (pat.re.test(key)) {
          m = pat.model;
          pat.check?.(child, p, out);
          break;
        }
      }
    }
    if (m === undefined) {
      if (model.props !== undefined) {
        out.push({
          code: 'additional-field',
          severity: 'warning',
          message: `"${key}" is not in the schema (nor in the extensions given)`,
          pointer: p,
        });
      }
      walkFree(child, p, out);
      continue;
    }
    if (m.deprecated !== undefined && child !== null && child !== undefined) {
      out.push({
        code: 'deprecated-field',
        severity: 'warning',
        message: `"${key}" is ${m.deprecated}`,
        pointer: p,
      });
    }
    walk(child, m, p, cl, out);
  }
  if (empty)
    out.push({
      code: 'empty-value',
      severity: 'warning',
      message: 'empty object {}: omit the field instead',
      pointer,
    });
}

/** Below an unknown field only empty values are reported. */
function walkFree(value: unknown, pointer: string, out: OcdsFinding[]): void {
  walk(value, FREE, pointer, NO_CODELISTS, out);
}

const NO_CODELISTS: CodelistIndex = { codelists: new Map(), closed: new Set() };

function checkCode(
  code: string,
  model: FieldModel,
  pointer: string,
  cl: CodelistIndex,
  out: OcdsFinding[],
): void {
  const name = model.codelist!;
  const codes = cl.codelists.get(name);
  if (codes === undefined || codes.has(code)) return;
  const closed = cl.closed.has(name) || model.openCodelist === false;
  out.push(
    closed
      ? {
          code: 'codelist-closed',
          severity: 'error',
          message: `"${code}" is not a code of the closed codelist ${name}`,
          pointer,
        }
      : {
          code: 'codelist-open',
          severity: 'notice',
          message: `"${code}" is not a code of the open codelist ${name} (allowed, but check it)`,
          pointer,
        },
  );
}
