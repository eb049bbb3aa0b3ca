/**
 * Validation of OCDS data: the JSON Schemas (draft-04, with Ajv) plus the checks of the Data Review
 * Tool beyond the schema (duplicate releases and records, mixed linked/embedded releases, ocid
 * prefix, empty values, codelists, deprecated and additional fields, array objects without `id`).
 * Every finding has a stable code; the list is in `docs/ocds-validate.md`.
 */
import { eventsOfDocument, isObject, OcdsReadError, type PackageEnd, type ReadEvent } from '../read/index.ts';
import { LATEST_PATCH, type OcdsSchemaSet } from '../schema/load.ts';
import { compileSet, schemaFindings, type CompiledSet } from './compile.ts';
import type { OcdsFinding } from './finding.ts';
import { walk, type CodelistIndex } from './model.ts';

export type { OcdsFinding } from './finding.ts';

/** Accumulates the cross-item checks (duplicates) over the events of one or more inputs. */
export interface ValidationSession {
  /** Findings of one event of `readOcdsEvents` (pointers inside its document). */
  event(ev: ReadEvent): OcdsFinding[];
  /** The finding for an input that cannot be read (code = the `OcdsReadError` code). */
  readError(err: OcdsReadError): OcdsFinding;
}

/** A validator compiled once from a schema set and reused for any number of documents. */
export interface OcdsValidator {
  /** All findings of one whole JSON document held in memory (package, release, record, array, …). */
  validatePackage(doc: unknown): OcdsFinding[];
  /** Fast path: schema and field checks of one release (no package, no duplicate checks). */
  validateRelease(release: unknown, pointer?: string): OcdsFinding[];
  /** A session for streamed input (see `readOcdsEvents`). */
  session(): ValidationSession;
  readonly set: OcdsSchemaSet;
}

const OCID_PREFIX = /^ocds-[a-z0-9]{6}/;

/**
 * Compiles the schemas of `set` (once) and returns the validator.
 * @throws Error when a schema of the set does not compile.
 */
export function createValidator(set: OcdsSchemaSet): OcdsValidator {
  const compiled = compileSet(set);
  const cl: CodelistIndex = { codelists: set.codelists, closed: set.closedCodelists };

  const releaseChecks = (r: unknown, p: string, out: OcdsFinding[]): void => {
    schemaFindings(compiled.release, r, p, out);
    walk(r, compiled.release.model, p, cl, out);
    if (isObject(r)) ocidPrefix(r.ocid, `${p}/ocid`, out);
  };

  const recordChecks = (rec: unknown, p: string, out: OcdsFinding[]): void => {
    if (compiled.record) {
      schemaFindings(compiled.record, rec, p, out);
      walk(rec, compiled.record.model, p, cl, out);
    }
    if (!isObject(rec)) return;
    ocidPrefix(rec.ocid, `${p}/ocid`, out);
    const releases = rec.releases;
    if (!Array.isArray(releases)) return;
    let embedded = 0;
    let linked = 0;
    releases.forEach((r, i) => {
      const rp = `${p}/releases/${i}`;
      if (isObject(r) && 'id' in r) {
        embedded++;
        releaseChecks(r, rp, out);
      } else {
        linked++;
        if (compiled.linked) {
          schemaFindings(compiled.linked, r, rp, out);
          walk(r, compiled.linked.model, rp, cl, out);
        }
      }
    });
    if (embedded > 0 && linked > 0) {
      out.push({
        code: 'record-mixed-releases',
        severity: 'error',
        message: `the record mixes ${embedded} embedded release(s) (with "id") and ${linked} linked release(s) (without): use one kind only`,
        pointer: `${p}/releases`,
      });
    }
  };

  const session = (): ValidationSession => {
    // Uniqueness is checked within each package (as the package schemas' uniqueItems), and across
    // all the bare releases/records of the input.
    const bare = {
      releases: new Map<string, string>(),
      records: new Map<string, string>(),
      whole: new Map<string, string>(),
    };
    let inPackage = {
      scope: '',
      releases: new Map<string, string>(),
      records: new Map<string, string>(),
      whole: new Map<string, string>(),
    };
    const scopeOf = (ev: Extract<ReadEvent, { kind: 'release' | 'record' }>): typeof bare => {
      if (ev.packageMeta === undefined) return bare;
      const scope = `${ev.document}|${ev.pointer.slice(0, ev.pointer.lastIndexOf('/'))}`;
      if (scope !== inPackage.scope)
        inPackage = { scope, releases: new Map(), records: new Map(), whole: new Map() };
      return inPackage;
    };
    const reportedExtensions = new Set<string>();
    let unpackagedReported = false;

    const duplicate = (
      map: Map<string, string>,
      key: string,
      pointer: string,
      where: string,
      code: string,
      what: string,
      out: OcdsFinding[],
    ): void => {
      const first = map.get(key);
      if (first === undefined) map.set(key, where);
      else out.push({ code, severity: 'error', message: `${what}: the same as at ${first}`, pointer });
    };

    const item = (ev: Extract<ReadEvent, { kind: 'release' | 'record' }>, out: OcdsFinding[]): void => {
      if (ev.packageMeta === undefined && !unpackagedReported) {
        unpackagedReported = true;
        out.push({
          code: 'unpackaged',
          severity: 'notice',
          message: `document ${ev.document} holds a bare ${ev.kind}, not a package: package metadata (uri, publisher, version…) is not checked`,
          pointer: ev.pointer,
        });
      }
      const v = ev.value;
      const maps = scopeOf(ev);
      const where = `${ev.pointer || '(root)'} of document ${ev.document}${ev.line !== undefined ? ` (line ${ev.line})` : ''}`;
      if (ev.kind === 'release') {
        releaseChecks(v, ev.pointer, out);
        if (!isObject(v)) return;
        if (
          (typeof v.ocid === 'string' || typeof v.ocid === 'number') &&
          (typeof v.id === 'string' || typeof v.id === 'number')
        ) {
          duplicate(
            maps.releases,
            `${v.ocid}\u0000${v.id}`,
            ev.pointer,
            where,
            'release-duplicate-id',
            `another release has ocid "${v.ocid}" and id "${v.id}"`,
            out,
          );
        } else {
          duplicate(
            maps.whole,
            `r${JSON.stringify(v)}`,
            ev.pointer,
            where,
            'release-duplicate',
            'an identical release (without ocid or id) was already read',
            out,
          );
        }
      } else {
        recordChecks(v, ev.pointer, out);
        if (!isObject(v)) return;
        if (typeof v.ocid === 'string') {
          duplicate(
            maps.records,
            v.ocid,
            ev.pointer,
            where,
            'record-duplicate-ocid',
            `another record has ocid "${v.ocid}"`,
            out,
          );
        } else {
          duplicate(
            maps.whole,
            `c${JSON.stringify(v)}`,
            ev.pointer,
            where,
            'record-duplicate',
            'an identical record (without ocid) was already read',
            out,
          );
        }
      }
    };

    const pkg = (ev: PackageEnd, out: OcdsFinding[]): void => {
      const checker = ev.packageType === 'release' ? compiled.releasePackageMeta : compiled.recordPackageMeta;
      if (checker) {
        const found: OcdsFinding[] = [];
        schemaFindings(checker, ev.meta, ev.pointer, found);
        // Without "version" the package is OCDS 1.0, where it was not required: the notice below says so.
        const noVersion = `${ev.pointer}/version`;
        for (const f of found)
          if (!(ev.meta.version === undefined && f.code === 'schema-required' && f.pointer === noVersion))
            out.push(f);
        // The metadata without its releases may be {}: that is not an empty value of the data.
        const metaFindings: OcdsFinding[] = [];
        walk(ev.meta, checker.model, ev.pointer, cl, metaFindings);
        for (const f of metaFindings)
          if (!(f.code === 'empty-value' && f.pointer === ev.pointer)) out.push(f);
      }
      const list = ev.packageType === 'release' ? 'releases' : 'records';
      if (ev.count === 0) {
        out.push({
          code: 'package-empty',
          severity: 'error',
          message: `the package has no ${list} (at least one is required)`,
          pointer: `${ev.pointer}/${list}`,
        });
      }
      versionFindings(ev.meta, ev.pointer, set.version, out);
      const exts = ev.meta.extensions;
      if (Array.isArray(exts)) {
        exts.forEach((url, i) => {
          if (typeof url !== 'string' || reportedExtensions.has(url) || matchesLocal(url, set.extensions))
            return;
          reportedExtensions.add(url);
          out.push({
            code: 'extension-not-available',
            severity: 'warning',
            message: `extension ${url} cannot be fetched here: its fields are reported as additional fields (give its folder with --extension)`,
            pointer: `${ev.pointer}/extensions/${i}`,
          });
        });
      }
    };

    return {
      event(ev) {
        const out: OcdsFinding[] = [];
        guardDepth(ev.pointer, out, () => (ev.kind === 'package' ? pkg(ev, out) : item(ev, out)));
        return out;
      },
      readError(err) {
        return { code: err.code, severity: 'error', message: err.detail, pointer: err.pointer ?? '' };
      },
    };
  };

  return {
    set,
    session,
    validateRelease(release, pointer = '') {
      const out: OcdsFinding[] = [];
      guardDepth(pointer, out, () => releaseChecks(release, pointer, out));
      return out;
    },
    validatePackage(doc) {
      const s = session();
      let events: ReadEvent[];
      try {
        events = eventsOfDocument(doc);
      } catch (err) {
        if (err instanceof OcdsReadError) return [...set.findings, s.readError(err)];
        throw err;
      }
      const out: OcdsFinding[] = [...set.findings];
      for (const ev of events) out.push(...s.event(ev));
      return out;
    },
  };
}

/** Data nested so deeply that checking it overflows the stack is one finding, not a crash. */
function guardDepth(pointer: string, out: OcdsFinding[], fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    out.push({
      code: 'too-deep',
      severity: 'error',
      message: `the data is nested too deeply to be checked (${err.message})`,
      pointer,
    });
  }
}

function ocidPrefix(ocid: unknown, pointer: string, out: OcdsFinding[]): void {
  if (typeof ocid === 'string' && ocid !== '' && !OCID_PREFIX.test(ocid)) {
    out.push({
      code: 'ocid-prefix',
      severity: 'warning',
      message: `ocid "${ocid}" does not start with a registered prefix "ocds-" + 6 characters [a-z0-9]`,
      pointer,
    });
  }
}

/** No `version` ⇒ OCDS 1.0; a version we do not know, or of the wrong type, is a finding. */
function versionFindings(
  meta: Record<string, unknown>,
  pointer: string,
  schemaVersion: string,
  out: OcdsFinding[],
): void {
  const v = meta.version;
  const schemaMinor = schemaVersion.split('.').slice(0, 2).join('.');
  if (v === undefined) {
    out.push({
      code: 'version-1.0',
      severity: 'notice',
      message: `the package has no "version": it is OCDS 1.0${schemaMinor !== '1.0' ? ` (validated with the ${schemaVersion} schema given)` : ''}`,
      pointer: `${pointer}/version`,
    });
    return;
  }
  if (typeof v !== 'string') {
    out.push({
      code: 'version-invalid',
      severity: 'error',
      message: `"version" must be a string like "1.1", not ${JSON.stringify(v)}`,
      pointer: `${pointer}/version`,
    });
    return;
  }
  if (!(v in LATEST_PATCH)) {
    out.push({
      code: 'version-unknown',
      severity: 'warning',
      message: `unknown OCDS version "${v}" (known: ${Object.keys(LATEST_PATCH).join(', ')}); validated with the ${schemaVersion} schema`,
      pointer: `${pointer}/version`,
    });
    return;
  }
  if (schemaVersion !== 'unknown' && v !== schemaMinor) {
    out.push({
      code: 'schema-version-mismatch',
      severity: 'notice',
      message: `the package says OCDS ${v} but the schema given is ${schemaVersion}`,
      pointer: `${pointer}/version`,
    });
  }
}

/** True when an extension URL names one of the local extension folders (e.g. `…/ocds_lots_extension/…` and `lots/`). */
function matchesLocal(url: string, folders: string[]): boolean {
  const segments = url.toLowerCase().split(/[/?#]/);
  return folders.some((dir) => {
    const name = dir.split(/[\\/]/).pop()!.toLowerCase();
    return segments.some(
      (s) =>
        s === name || s === `ocds_${name}_extension` || s === `ocds_${name.replace(/-/g, '_')}_extension`,
    );
  });
}

export type { CompiledSet };
