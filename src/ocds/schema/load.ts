import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config.ts';
import type { OcdsFinding } from '../validate/finding.ts';
import { codelistFields, readCodelistCsv, rewriteClosedEnums } from './codelists.ts';
import { applyExtension } from './merge-patch.ts';

/** The schemas, codelists and extensions that data is validated against. Schemas are JSON Schema draft-04. */
export interface OcdsSchemaSet {
  /** Schema version, e.g. "1.1.5" (from the release schema's `id`, else the folder name, else "unknown"). */
  version: string;
  /** The release schema, with the extensions applied. */
  release: object;
  record?: object;
  releasePackage?: object;
  recordPackage?: object;
  versionedRelease?: object;
  /** Codes of every codelist by file name (e.g. "method.csv"), with the extensions' changes. */
  codelists: Map<string, Set<string>>;
  /** Names of the closed codelists (`"openCodelist": false` in the schema). */
  closedCodelists: Set<string>;
  /** The extension folders applied, in order. */
  extensions: string[];
  /** Problems met while loading extensions (broken JSON, unresolvable `$ref`, bad codelists). */
  findings: OcdsFinding[];
}

/** The schema folder or file cannot be used. `code`: `schema-not-found` or `schema-invalid`. */
export class OcdsSchemaError extends Error {
  constructor(
    readonly code: 'schema-not-found' | 'schema-invalid',
    message: string,
  ) {
    super(`${message} [${code}]`);
    this.name = 'OcdsSchemaError';
  }
}

/** The newest schema version we know of for an OCDS `major.minor` (`version` of a package). */
export const LATEST_PATCH: Readonly<Record<string, string>> = { '1.0': '1.0.3', '1.1': '1.1.5' };

/**
 * Where the schemas of a version are: `schemaDir` when given, else env `MINHBACH_OCDS_SCHEMA_DIR`, else
 * `<data dir>/cache/ocds-schema/<version>` (filled by `minhbach ocds schema fetch`). The folder may not exist.
 */
export function defaultSchemaDir(
  opts: { schemaDir?: string; version?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  if (opts.schemaDir) return path.resolve(opts.schemaDir);
  const env = opts.env ?? process.env;
  if (env.MINHBACH_OCDS_SCHEMA_DIR) return path.resolve(env.MINHBACH_OCDS_SCHEMA_DIR);
  return path.join(loadConfig(env).dataDir, 'cache', 'ocds-schema', opts.version ?? '1.1.5');
}

/**
 * Loads the release (and, from a folder, record, package and versioned-release) schemas and the
 * codelists, then applies each extension folder in order: its `release-schema.json` (and package
 * schemas) as JSON Merge Patch, its `codelists/+X.csv` (add codes), `-X.csv` (remove codes) and `X.csv`
 * (replace the codelist). Closed codelists changed by an extension get their schema `enum` rewritten.
 * A broken extension does not stop loading: it becomes a finding in `findings`.
 * @param opts.schemaDir a folder holding `release-schema.json` etc. and `codelists/`
 * @param opts.schemaFile a single release schema file (no packages, no codelists)
 * @throws OcdsSchemaError when the schema folder or file is missing or not JSON.
 */
export async function loadSchemaSet(opts: {
  schemaDir?: string;
  schemaFile?: string;
  extensions?: string[];
}): Promise<OcdsSchemaSet> {
  const findings: OcdsFinding[] = [];
  let release: Record<string, unknown>;
  const others: Partial<Record<'record' | 'releasePackage' | 'recordPackage' | 'versionedRelease', object>> =
    {};
  const codelists = new Map<string, Set<string>>();
  let dirName = '';
  if (opts.schemaFile) {
    release = readSchemaFile(path.resolve(opts.schemaFile), true)!;
  } else {
    const dir = defaultSchemaDir({ schemaDir: opts.schemaDir });
    dirName = path.basename(dir);
    if (!fs.existsSync(path.join(dir, 'release-schema.json'))) {
      throw new OcdsSchemaError(
        'schema-not-found',
        `no OCDS schema in ${dir} (release-schema.json missing): give --schema-dir, set MINHBACH_OCDS_SCHEMA_DIR or run "minhbach ocds schema fetch"`,
      );
    }
    release = readSchemaFile(path.join(dir, 'release-schema.json'), true)!;
    const files = {
      releasePackage: 'release-package-schema.json',
      recordPackage: 'record-package-schema.json',
      versionedRelease: 'versioned-release-validation-schema.json',
      record: 'record-schema.json',
    } as const;
    for (const [key, file] of Object.entries(files) as [keyof typeof files, string][]) {
      const s = readSchemaFile(path.join(dir, file), false);
      if (s) others[key] = s;
    }
    const cdir = path.join(dir, 'codelists');
    if (fs.existsSync(cdir)) {
      for (const f of fs.readdirSync(cdir).sort()) {
        if (f.endsWith('.csv')) codelists.set(f, readCodelistCsv(path.join(cdir, f)));
      }
    }
  }
  release = structuredClone(release);
  const changed = new Set<string>();
  const extensions: string[] = [];
  for (const ext of opts.extensions ?? []) {
    const dir = path.resolve(ext.endsWith('.json') ? path.dirname(ext) : ext);
    extensions.push(dir);
    if (!fs.existsSync(dir)) {
      findings.push(extFinding('extension-not-found', `extension folder ${dir} does not exist`));
      continue;
    }
    release = patchFrom(release, path.join(dir, 'release-schema.json'), findings) as Record<string, unknown>;
    for (const [key, file] of [
      ['releasePackage', 'release-package-schema.json'],
      ['recordPackage', 'record-package-schema.json'],
    ] as const) {
      const target = others[key];
      if (target) others[key] = patchFrom(target, path.join(dir, file), findings);
    }
    applyCodelistFiles(dir, codelists, changed, findings);
  }
  unresolvedRefs(release, findings);
  const fields = codelistFields(release);
  rewriteClosedEnums(fields, codelists, changed);
  const closedCodelists = new Set(fields.filter((f) => !f.open).map((f) => f.codelist));
  return {
    version: schemaVersion(release) ?? (/^\d+\.\d+\.\d+$/.test(dirName) ? dirName : 'unknown'),
    release,
    ...others,
    codelists,
    closedCodelists,
    extensions,
    findings,
  };
}

/** "1.1.5" from a schema `id` like `https://standard.open-contracting.org/schema/1__1__5/release-schema.json`. */
export function schemaVersion(schema: object): string | undefined {
  const id = (schema as { id?: unknown }).id;
  const m = typeof id === 'string' ? /\/(\d+)__(\d+)__(\d+)\//.exec(id) : null;
  return m ? `${m[1]}.${m[2]}.${m[3]}` : undefined;
}

function readSchemaFile(file: string, required: boolean): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    if (required) throw new OcdsSchemaError('schema-not-found', `cannot read the schema ${file}`);
    return undefined;
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (err) {
    throw new OcdsSchemaError('schema-invalid', `${file} is not a JSON schema: ${(err as Error).message}`);
  }
}

function patchFrom(target: object, file: string, findings: OcdsFinding[]): object {
  if (!fs.existsSync(file)) return target;
  let patch: unknown;
  try {
    patch = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    findings.push(
      extFinding('extension-invalid', `${file} is not JSON (${(err as Error).message}); extension skipped`),
    );
    return target;
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    findings.push(extFinding('extension-invalid', `${file} is not a JSON object; extension skipped`));
    return target;
  }
  return applyExtension(target, patch);
}

function applyCodelistFiles(
  dir: string,
  codelists: Map<string, Set<string>>,
  changed: Set<string>,
  findings: OcdsFinding[],
): void {
  const cdir = path.join(dir, 'codelists');
  if (!fs.existsSync(cdir)) return;
  // Replacements first, then additions and removals, each in name order: the result does not depend on listing order.
  const files = fs
    .readdirSync(cdir)
    .filter((f) => f.endsWith('.csv'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const f of files) {
    let codes: Set<string>;
    try {
      codes = readCodelistCsv(path.join(cdir, f));
    } catch (err) {
      findings.push(
        extFinding('extension-codelist-invalid', `${(err as Error).message}; codelist change skipped`),
      );
      continue;
    }
    const op = f[0];
    const name = op === '+' || op === '-' ? f.slice(1) : f;
    if (op === '+' || op === '-') {
      const current = new Set(codelists.get(name) ?? []);
      for (const c of codes) {
        if (op === '+') current.add(c);
        else current.delete(c);
      }
      codelists.set(name, current);
    } else {
      codelists.set(name, codes);
    }
    changed.add(name);
  }
}

function rank(file: string): number {
  return file.startsWith('+') || file.startsWith('-') ? 1 : 0;
}

/** Replaces `$ref`s to missing local definitions by `{}` so that the schema compiles; each is a finding. */
function unresolvedRefs(schema: Record<string, unknown>, findings: OcdsFinding[]): void {
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const ref = (v as { $ref?: unknown }).$ref;
        if (typeof ref === 'string' && ref.startsWith('#') && resolveLocal(schema, ref) === undefined) {
          findings.push(
            extFinding(
              'extension-ref-error',
              `the schema at ${at}/${k} refers to ${ref}, which does not exist; that field is not checked`,
            ),
          );
          (node as Record<string, unknown>)[k] = {};
          continue;
        }
      }
      walk(v, `${at}/${k}`);
    }
  };
  walk(schema, '');
}

function resolveLocal(schema: unknown, ref: string): unknown {
  let node: unknown = schema;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(token in node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function extFinding(code: string, message: string): OcdsFinding {
  return { code, severity: code === 'extension-ref-error' ? 'error' : 'warning', message, pointer: '' };
}
