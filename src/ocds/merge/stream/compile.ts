/**
 * Streaming multi-ocid compiler: releases (from `readOcds`) in, one compiled and/or versioned
 * release per ocid out, memory bounded by {@link groupByOcid}'s design.
 */
import { isJsonObject } from '../../json.ts';
import type { ReadItem } from '../../read/index.ts';
import { compileRelease, versionRelease, type CompiledRelease, type VersionedRelease } from '../compile.ts';
import { MergeError } from '../errors.ts';
import type { MergeRules } from '../rules.ts';
import { groupByOcid, type GroupOptions, type SourcedRelease } from './group.ts';

export type { SourcedRelease, ReleaseGroup, GroupOptions } from './group.ts';
export { groupByOcid } from './group.ts';

/** A message located in the input: file, JSON pointer inside its document, line of the document. */
export interface LocatedMessage {
  code: string;
  message: string;
  file: string;
  pointer: string;
  line?: number;
}

/** The result for one ocid. When `error` is set there is no compiled or versioned release. */
export interface CompiledGroup {
  ocid: string;
  releases: SourcedRelease[];
  compiledRelease?: CompiledRelease;
  versionedRelease?: VersionedRelease;
  warnings: LocatedMessage[];
  error?: LocatedMessage;
}

/** Options of {@link compileStream}. */
export interface CompileStreamOptions extends GroupOptions {
  rules: MergeRules;
  /** Make the compiled release (default true). */
  compiled?: boolean;
  /** Make the versioned release (default false). */
  versioned?: boolean;
}

/**
 * The releases of the items read by `readOcds`: releases as they are, and the embedded releases of
 * records (a record's linked releases — `{url, date, tag}` without `ocid` — cannot be compiled and
 * are reported once per record through `onSkip`).
 */
export async function* releasesOf(
  items: AsyncIterable<ReadItem>,
  file: string,
  onSkip?: (m: LocatedMessage) => void,
): AsyncGenerator<SourcedRelease> {
  for await (const item of items) {
    const uri = typeof item.packageMeta?.uri === 'string' ? item.packageMeta.uri : undefined;
    const base = { file, ...(item.line !== undefined ? { line: item.line } : {}), ...(uri ? { uri } : {}) };
    if (item.kind === 'release') {
      yield { value: item.value, pointer: item.pointer, ...base };
      continue;
    }
    const releases = isJsonObject(item.value) ? item.value.releases : undefined;
    if (!Array.isArray(releases)) continue;
    let linked = 0;
    for (let i = 0; i < releases.length; i++) {
      const r: unknown = releases[i];
      if (isJsonObject(r) && 'url' in r && !('ocid' in r)) linked++;
      else yield { value: r, pointer: `${item.pointer}/releases/${i}`, ...base };
    }
    if (linked > 0) {
      onSkip?.({
        code: 'linked-releases',
        message: `the record has ${linked} linked release(s) (only a url): they cannot be compiled and are left out`,
        file,
        pointer: `${item.pointer}/releases`,
        ...(item.line !== undefined ? { line: item.line } : {}),
      });
    }
  }
}

/** Maps a pointer into a group's release array (`/3/tender/x`) to the input location. */
function locate(group: SourcedRelease[], pointer: string, code: string, message: string): LocatedMessage {
  const m = /^\/(\d+)(.*)$/.exec(pointer);
  const r = m ? group[Number(m[1])] : undefined;
  if (!r || !m) return { code, message, file: group[0]?.file ?? '', pointer };
  return {
    code,
    message,
    file: r.file,
    pointer: r.pointer + m[2],
    ...(r.line !== undefined ? { line: r.line } : {}),
  };
}

/**
 * Compiles every ocid of a stream of releases; releases without a string `ocid` form the group `""`
 * and are reported as an error (`missing-ocid`). A merge error of one ocid does not stop the others.
 * @throws what the source throws (e.g. `OcdsReadError`), and file-system errors of the spill files.
 */
export async function* compileStream(
  source: AsyncIterable<SourcedRelease>,
  opts: CompileStreamOptions,
): AsyncGenerator<CompiledGroup> {
  const wantCompiled = opts.compiled ?? true;
  for await (const group of groupByOcid(source, opts)) {
    const values = group.releases.map((r) => r.value);
    const out: CompiledGroup = { ocid: group.ocid, releases: group.releases, warnings: [] };
    if (group.ocid === '') {
      const first = group.releases[0]!;
      out.error = {
        code: 'missing-ocid',
        message: `${group.releases.length} release(s) have no string "ocid" (the first one here); they are left out`,
        file: first.file,
        pointer: isJsonObject(first.value) ? first.pointer : first.pointer,
        ...(first.line !== undefined ? { line: first.line } : {}),
      };
      yield out;
      continue;
    }
    try {
      if (wantCompiled) {
        const c = compileRelease(values, opts.rules);
        out.compiledRelease = c.value;
        for (const w of c.warnings) out.warnings.push(locate(group.releases, w.pointer, w.code, w.message));
      }
      if (opts.versioned) {
        const v = versionRelease(values, opts.rules);
        out.versionedRelease = v.value;
        if (!wantCompiled)
          for (const w of v.warnings) out.warnings.push(locate(group.releases, w.pointer, w.code, w.message));
      }
    } catch (err) {
      if (!(err instanceof MergeError)) throw err;
      delete out.compiledRelease;
      out.error = locate(group.releases, err.pointer, err.code, err.message);
    }
    yield out;
  }
}
