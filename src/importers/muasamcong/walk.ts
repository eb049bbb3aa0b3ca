/** Expanding the paths given to the import into the list of files to read. */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Largest file the import reads: 256 MiB. The biggest real input (tbyt-2026 `bidders.json`) is about
 * 1 MB and a national-system response a few hundred KB; a file is read whole and parsed as JSON in
 * memory, so anything this large is not a response and is reported without being read.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A file to read: the name shown in reports and its absolute path. */
export interface InputFile {
  display: string;
  abs: string;
}

/** A path that cannot be imported, with the reason to report. */
export interface PathProblem {
  display: string;
  reason: string;
  /** True for a path given to the import itself (not one found in a folder) that does not exist. */
  notFound?: boolean;
}

/** The files to read; the paths that cannot be read (failed); what was skipped while walking. */
export interface Expanded {
  files: InputFile[];
  /** Given paths that do not exist, and paths that are not regular files, too large, unlistable… */
  failed: PathProblem[];
  /** Not failures: symbolic-link loops met while walking folders (reported once, not followed). */
  warnings: PathProblem[];
}

export interface ExpandOptions {
  /** Largest file to read, in bytes (default `MAX_FILE_BYTES`). */
  maxFileBytes?: number;
}

/**
 * Expands `paths` in the order given: a file is read whatever its extension; a folder is walked
 * recursively for `*.json` files, sorted by their path inside it (byte order, so the order is stable
 * across machines), and shown as `folder/sub/file.json` (the folder's own name first).
 *
 * - Only regular files are read: a FIFO, device or socket (given, or named `*.json` in a folder) is
 *   reported `not a regular file (…)`, never opened; a broken symbolic link is reported too.
 * - A file larger than `maxFileBytes` is reported `too large (N MiB > 256 MiB)` without reading it.
 * - Symbolic links are followed, but a link leading back to a folder being walked (a loop) is not: it
 *   is reported once per folder it leads to, and the rest of the folder is walked. A folder or file
 *   reached twice (two links to it) is walked or read once: identity is the real path.
 * - A folder that cannot be listed is reported alone; the other folders are walked.
 */
export async function expandPaths(paths: readonly string[], opts: ExpandOptions = {}): Promise<Expanded> {
  const max = opts.maxFileBytes ?? MAX_FILE_BYTES;
  const out: Expanded = { files: [], failed: [], warnings: [] };
  const seenFiles = new Set<string>();
  const walkedDirs = new Set<string>();
  const add = (display: string, abs: string, real: string) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.files.push({ display, abs });
  };
  for (const given of paths) {
    const abs = path.resolve(given);
    let stat: Stats;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      const reason = await statProblem(abs, err);
      out.failed.push({ display: given, reason, notFound: reason === 'path not found' });
      continue;
    }
    if (!stat.isDirectory()) {
      const problem = fileProblem(stat, max);
      if (problem) out.failed.push({ display: given, reason: problem });
      else add(given, abs, await realPath(abs));
      continue;
    }
    const real = await realPath(abs);
    if (walkedDirs.has(real)) continue;
    const walk = new Walk(path.basename(abs), max, walkedDirs);
    await walk.dir(abs, '', [real]);
    walk.found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    for (const f of walk.found) add(walk.show(f.rel), f.abs, f.real);
    out.failed.push(...walk.failed);
    for (const [target, links] of walk.loops) {
      out.warnings.push({
        display: links.map((l) => walk.show(l)).join(', '),
        reason: `symbolic link back to folder ${walk.show(target) || given} (a loop): not followed`,
      });
    }
  }
  return out;
}

/** One walk of a given folder. */
class Walk {
  readonly found: { rel: string; abs: string; real: string }[] = [];
  readonly failed: PathProblem[] = [];
  /** Relative path of the folder a loop leads back to → the links that do. */
  readonly loops = new Map<string, string[]>();

  constructor(
    readonly base: string,
    readonly max: number,
    readonly walkedDirs: Set<string>,
  ) {}

  show(rel: string): string {
    return rel ? path.posix.join(this.base, rel) : this.base;
  }

  /**
   * Walks the folder `abs` (`rel` inside the given folder); `ancestors` are the real paths of the
   * folders from the given one down to this one, for loop detection, with their relative paths.
   */
  async dir(abs: string, rel: string, ancestors: string[], ancestorRels: string[] = ['']): Promise<void> {
    this.walkedDirs.add(ancestors.at(-1)!);
    let entries;
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (err) {
      this.failed.push({
        display: this.show(rel),
        reason: `cannot list folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      });
      return;
    }
    // In byte order, so that which of two links to one folder is walked does not depend on the disk.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const isJson = e.name.toLowerCase().endsWith('.json');
      if (!e.isDirectory() && !e.isSymbolicLink() && !isJson) continue;
      let stat: Stats;
      try {
        stat = await fs.stat(childAbs);
      } catch (err) {
        const reason = await statProblem(childAbs, err);
        // A broken link or unreadable entry matters only where a file to import was expected.
        if (isJson) this.failed.push({ display: this.show(childRel), reason });
        continue;
      }
      if (stat.isDirectory()) {
        const real = await realPath(childAbs);
        const at = ancestors.indexOf(real);
        if (at >= 0) {
          const target = ancestorRels[at]!;
          this.loops.set(target, [...(this.loops.get(target) ?? []), childRel]);
        } else if (!this.walkedDirs.has(real)) {
          await this.dir(childAbs, childRel, [...ancestors, real], [...ancestorRels, childRel]);
        }
        continue;
      }
      if (!isJson) continue;
      const problem = fileProblem(stat, this.max);
      if (problem) this.failed.push({ display: this.show(childRel), reason: problem });
      else this.found.push({ rel: childRel, abs: childAbs, real: await realPath(childAbs) });
    }
  }
}

/** The real path (symbolic links resolved); the path itself when it cannot be resolved. */
async function realPath(abs: string): Promise<string> {
  return fs.realpath(abs).catch(() => abs);
}

/** Why `stat` of a path failed, in words. */
async function statProblem(abs: string, err: unknown): Promise<string> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENOENT') {
    const link = await fs.lstat(abs).catch(() => null);
    return link?.isSymbolicLink() ? 'broken symbolic link (its target does not exist)' : 'path not found';
  }
  return `cannot read path (${code ?? (err as Error).message})`;
}

/**
 * Why a path that is not a folder cannot be read as a file to import, or null when it can: it must
 * be a regular file no larger than `max` bytes.
 */
export function fileProblem(stat: Stats, max: number): string | null {
  if (!stat.isFile()) return `not a regular file (${specialKind(stat)})`;
  if (stat.size > max) return `too large (${mib(stat.size)} MiB > ${mib(max)} MiB)`;
  return null;
}

function specialKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO, named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/** Bytes in MiB: whole when exact, else one decimal (rounded up, so it never reads "256 > 256"). */
function mib(bytes: number): string {
  const m = bytes / (1024 * 1024);
  return Number.isInteger(m) ? String(m) : (Math.ceil(m * 10) / 10).toFixed(1);
}
