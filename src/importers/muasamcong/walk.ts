/** Expanding the paths given to the import into the list of files to read. */
import fs from 'node:fs/promises';
import path from 'node:path';

/** A file to read: the name shown in reports and its absolute path. */
export interface InputFile {
  display: string;
  abs: string;
}

/** The files to read, and the given paths that do not exist or cannot be listed. */
export interface Expanded {
  files: InputFile[];
  missing: { display: string; reason: string }[];
}

/**
 * Expands `paths` in the order given: a file is read whatever its extension; a folder is walked
 * recursively for `*.json` files, sorted by their path inside it (byte order, so the order is stable
 * across machines), and shown as `folder/sub/file.json` (the folder's own name first). A file reached
 * twice is read once.
 */
export async function expandPaths(paths: readonly string[]): Promise<Expanded> {
  const out: Expanded = { files: [], missing: [] };
  const seen = new Set<string>();
  const add = (display: string, abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.files.push({ display, abs });
  };
  for (const given of paths) {
    const abs = path.resolve(given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      out.missing.push({
        display: given,
        reason: code === 'ENOENT' ? 'path not found' : `cannot read path (${code})`,
      });
      continue;
    }
    if (!stat.isDirectory()) {
      add(given, abs);
      continue;
    }
    const base = path.basename(abs);
    try {
      for (const rel of await jsonFilesUnder(abs, '')) add(path.posix.join(base, rel), path.join(abs, rel));
    } catch (err) {
      out.missing.push({ display: given, reason: `cannot list folder (${(err as Error).message})` });
    }
  }
  return out;
}

/** Relative posix paths of the `*.json` files under `dir`, sorted. */
async function jsonFilesUnder(root: string, rel: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const s = await fs.stat(path.join(root, child)).catch(() => null);
      isDir = s?.isDirectory() ?? false;
      isFile = s?.isFile() ?? false;
    }
    if (isDir) found.push(...(await jsonFilesUnder(root, child)));
    else if (isFile && e.name.toLowerCase().endsWith('.json')) found.push(child);
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
