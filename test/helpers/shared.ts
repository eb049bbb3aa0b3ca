import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `shared/` folder beside the repository (or MINHBACH_SHARED), holding real data and docs. */
export const SHARED_DIR = path.resolve(process.env.MINHBACH_SHARED ?? path.join(repoRoot, '..', 'shared'));

/** Path of a file or folder under shared/. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/**
 * `false` when the shared data is present, else the reason to give `test(..., { skip })`,
 * so that `npm test` passes on a fresh machine without ../shared.
 */
export function skipWithoutShared(...parts: string[]): string | false {
  const p = sharedPath(...parts);
  return fs.existsSync(p)
    ? false
    : `skipped: real data not found at ${p} (needs ../shared beside the repository)`;
}
