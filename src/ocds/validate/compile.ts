import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { escapePointer, typeName } from '../read/classify.ts';
import type { OcdsSchemaSet } from '../schema/load.ts';
import type { OcdsFinding } from './finding.ts';
import { buildModel, PATTERNS_MOVED, SKIP_WALK, type FieldModel, type PatternCheck } from './model.ts';
import { uniqueItems } from './unique.ts';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** A JSON Schema compiled by Ajv plus the field model of the same schema. */
export interface Checker {
  validate: ValidateFunction;
  model: FieldModel;
}

/** Everything compiled once from an {@link OcdsSchemaSet} and reused for every item. */
export interface CompiledSet {
  release: Checker;
  /** A record without its `releases` (checked one by one, embedded or linked). */
  record?: Checker;
  /** A linked release `{url, date, tag}` of a record. */
  linked?: Checker;
  /** Package metadata without `releases`/`records`. */
  releasePackageMeta?: Checker;
  recordPackageMeta?: Checker;
}

type Json = Record<string, unknown>;

/**
 * Compiles the schemas of `set` with Ajv (draft-04, all errors, formats date-time/uri/email…).
 * @throws Error when a schema does not compile (e.g. a pattern JavaScript cannot read).
 */
export function compileSet(set: OcdsSchemaSet): CompiledSet {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    validateSchema: false,
    unicodeRegExp: true,
  });
  addFormats(ajv);
  // RFC 3986 allows an empty hier-part ("placeholder:"), which ajv-formats' uri rejects.
  const uri = ajv.formats.uri as { validate?: (s: string) => boolean } | ((s: string) => boolean) | RegExp;
  const base =
    typeof uri === 'function' ? uri : uri instanceof RegExp ? (s: string) => uri.test(s) : uri.validate!;
  ajv.addFormat('uri', (s: string) => base(s) || /^[A-Za-z][A-Za-z0-9+.-]*:$/.test(s));
  // uniqueItems in O(n) when array objects have distinct ids (Ajv compares every pair deeply).
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    validate: (on: boolean, data: unknown[]) => !on || uniqueItems(data),
  });
  const release = structuredClone(set.release) as Json;
  markCodelistEnums(release, set.codelists);
  movePatternProperties(release);
  const patternCheck = (schema: unknown): PatternCheck => {
    const validate = ajv.compile(schema as Json);
    return (value, pointer, out) => schemaFindings({ validate, model: {} }, value, pointer, out);
  };
  const releaseId = typeof release.id === 'string' ? release.id : 'release-schema.json';
  release.id = releaseId;
  ajv.addSchema(release, releaseId);
  let versionedId: string | undefined;
  if (set.versionedRelease) {
    const v = structuredClone(set.versionedRelease) as Json;
    versionedId = typeof v.id === 'string' ? v.id : 'versioned-release-validation-schema.json';
    v.id = versionedId;
    ajv.addSchema(v, versionedId);
  }
  const resolve = (ref: string, root: unknown): { node: unknown; root: unknown } | undefined => {
    if (ref.startsWith('#')) return { node: pointerGet(root, ref.slice(1)), root };
    if (ref === releaseId || ref.endsWith('/release-schema.json') || ref === 'release-schema.json')
      return { node: release, root: release };
    const hash = ref.indexOf('#');
    if (hash > 0 && ref.slice(0, hash) === releaseId)
      return { node: pointerGet(release, ref.slice(hash + 1)), root: release };
    return undefined;
  };
  const releaseChecker: Checker = {
    validate: ajv.getSchema(releaseId)!,
    model: buildModel(release, resolve, patternCheck),
  };
  const out: CompiledSet = { release: releaseChecker };

  const fixRefs = (node: unknown): unknown => {
    // Absolute refs to the release schema point to the (patched) schema added above; a missing
    // versioned-release schema accepts anything.
    if (Array.isArray(node)) return node.map(fixRefs);
    if (typeof node !== 'object' || node === null) return node;
    const n: Json = {};
    for (const [k, v] of Object.entries(node as Json)) n[k] = fixRefs(v);
    if (typeof n.$ref === 'string') {
      if (n.$ref.endsWith('release-schema.json') && !n.$ref.includes('versioned')) n.$ref = releaseId;
      else if (n.$ref.includes('versioned-release')) {
        if (versionedId === undefined) return {};
        n.$ref = versionedId;
      }
    }
    return n;
  };

  const meta = (pkg: object | undefined, list: 'releases' | 'records'): Checker | undefined => {
    if (!pkg) return undefined;
    const s = fixRefs(structuredClone(pkg)) as Json;
    delete s.id;
    const props = { ...(s.properties as Json | undefined) };
    delete props[list];
    s.properties = props;
    if (Array.isArray(s.required)) s.required = s.required.filter((r) => r !== list);
    return { validate: ajv.compile(s), model: buildModel(s, resolve) };
  };
  out.releasePackageMeta = meta(set.releasePackage, 'releases');
  out.recordPackageMeta = meta(set.recordPackage, 'records');

  const recordDef =
    (set.recordPackage as { definitions?: { record?: Json } } | undefined)?.definitions?.record ??
    (set.record as Json | undefined);
  if (recordDef) {
    const rec = fixRefs(structuredClone(recordDef)) as Json;
    delete rec.id;
    delete rec.$schema;
    const props = { ...(rec.properties as Json | undefined) };
    const releasesNode = props.releases as Json | undefined;
    const oneOf = Array.isArray(releasesNode?.oneOf) ? (releasesNode.oneOf as Json[]) : [];
    const linkedItems = oneOf.find((b) => {
      const items = b.items as Json | undefined;
      return items !== undefined && typeof items.$ref !== 'string';
    })?.items as Json | undefined;
    props.releases = { type: 'array', minItems: 1, [SKIP_WALK]: true };
    rec.properties = props;
    out.record = { validate: ajv.compile(rec), model: buildModel(rec, resolve) };
    if (linkedItems)
      out.linked = { validate: ajv.compile(linkedItems), model: buildModel(linkedItems, resolve) };
  }
  return out;
}

/** Runs `checker` on `value` and turns Ajv's errors into findings under `pointer`. */
export function schemaFindings(checker: Checker, value: unknown, pointer: string, out: OcdsFinding[]): void {
  if (checker.validate(value)) return;
  for (const e of checker.validate.errors ?? []) {
    // Errors of single branches of anyOf/oneOf: the anyOf/oneOf error itself says it.
    if (BRANCH.test(e.schemaPath)) continue;
    const f = toFinding(e, pointer);
    if (f) out.push(f);
  }
}

const BRANCH = /\/(anyOf|oneOf)\/\d+\//;

function toFinding(e: ErrorObject, prefix: string): OcdsFinding | undefined {
  const at = prefix + e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return {
        code: 'schema-required',
        severity: 'error',
        message: `"${field}" is missing but required`,
        pointer: `${at}/${escapePointer(field)}`,
      };
    }
    case 'enum': {
      // A code outside a closed codelist is reported once, as codelist-closed, by the walk.
      const parent = e.parentSchema as Json | undefined;
      if (parent && (typeof parent.codelist === 'string' || parent[CODELIST_ITEMS] === true))
        return undefined;
      return {
        code: 'schema-enum',
        severity: 'error',
        message: `${show(e.data)} is not one of the allowed values`,
        pointer: at,
      };
    }
    case 'type':
      return {
        code: 'schema-type',
        severity: 'error',
        message: `${lastKey(at)} is ${typeName(e.data)}; expected ${String(params.type).replace(/,/g, ' or ')}`,
        pointer: at,
      };
    case 'format':
      return {
        code: 'schema-format',
        severity: 'error',
        message: `${show(e.data)} is not a valid ${String(params.format)}`,
        pointer: at,
      };
    case 'uniqueItems':
      return {
        code: 'schema-uniqueItems',
        severity: 'error',
        message: `${lastKey(at)} has items that are the same: each must be unique`,
        pointer: at,
      };
    case 'additionalProperties':
      return {
        code: 'schema-additionalProperties',
        severity: 'error',
        message: `"${String(params.additionalProperty)}" is not allowed here`,
        pointer: `${at}/${escapePointer(String(params.additionalProperty))}`,
      };
    default:
      return {
        code: `schema-${e.keyword}`,
        severity: 'error',
        message: `${lastKey(at)} ${e.message ?? 'is not valid'}${e.keyword === 'pattern' || e.keyword === 'minLength' ? ` (${show(e.data)})` : ''}`,
        pointer: at,
      };
  }
}

/** Marks the `items` of array fields with a codelist (e.g. `tag`), whose `enum` errors the walk reports. */
const CODELIST_ITEMS = 'x-minhbach-codelist-items';

/**
 * Codelist fields are checked by the walk (`codelist-closed`, one finding per bad code), so their
 * `enum` is dropped from what Ajv compiles when the codelist's codes are known (Ajv scans a long
 * enum like currency's 300 codes value by value); otherwise the enum stays and is marked so that
 * its errors are not reported twice.
 */
function markCodelistEnums(node: unknown, codelists: Map<string, Set<string>>): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((n) => markCodelistEnums(n, codelists));
    return;
  }
  const n = node as Json;
  if (typeof n.codelist === 'string') {
    const known = codelists.has(n.codelist);
    const items =
      typeof n.items === 'object' && n.items !== null && !Array.isArray(n.items)
        ? (n.items as Json)
        : undefined;
    if (known) {
      delete n.enum;
      if (items) delete items.enum;
    } else if (items) {
      items[CODELIST_ITEMS] = true;
    }
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'enum') markCodelistEnums(v, codelists);
}

/**
 * Moves `patternProperties` (language variants like `title_fr`) out of Ajv's sight where that
 * changes nothing else: no sibling `additionalProperties` and no `$ref` in the pattern schemas. The
 * walk then checks matching keys with the same schemas (see `PatternCheck`).
 */
function movePatternProperties(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach(movePatternProperties);
    return;
  }
  const n = node as Json;
  if (
    typeof n.patternProperties === 'object' &&
    n.patternProperties !== null &&
    !('additionalProperties' in n) &&
    !JSON.stringify(n.patternProperties).includes('"$ref"')
  ) {
    n[PATTERNS_MOVED] = n.patternProperties;
    delete n.patternProperties;
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== PATTERNS_MOVED) movePatternProperties(v);
}

function lastKey(pointer: string): string {
  const k = pointer.slice(pointer.lastIndexOf('/') + 1);
  return k === '' ? 'the value' : `"${k.replace(/~1/g, '/').replace(/~0/g, '~')}"`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function pointerGet(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[token];
  }
  return node;
}
