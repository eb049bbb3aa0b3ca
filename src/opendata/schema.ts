/**
 * The OCDS schema the portal compiles its records with: the 1.1.5 release schema (not shipped in
 * the repository: MINHBACH_OCDS_SCHEMA_DIR, else the data directory's cache filled by
 * `minhbach ocds schema fetch`) patched with the extensions its releases use (local folders under
 * MINHBACH_OCDS_EXTENSIONS_DIR, else `<data dir>/cache/ocds-extensions/`: `bid/`, `bidOpening/`, `lots/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { deriveMergeRules, type MergeRules } from '../ocds/merge/index.ts';
import { defaultSchemaDir, loadSchemaSet, type OcdsSchemaSet } from '../ocds/schema/load.ts';
import { OWN_EXTENSION_FOLDERS } from './config.ts';

/** Where the schema and the extension folders are. */
export interface PortalSchemaLocation {
  schemaDir: string;
  /** The extension folders that exist, in `OWN_EXTENSIONS` order. */
  extensions: string[];
}

/** Folder holding the extension folders (env MINHBACH_OCDS_EXTENSIONS_DIR or the data directory's cache). */
export function extensionsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MINHBACH_OCDS_EXTENSIONS_DIR) return path.resolve(env.MINHBACH_OCDS_EXTENSIONS_DIR);
  return path.join(loadConfig(env).dataDir, 'cache', 'ocds-extensions');
}

/** The configured schema folder and the extension folders found. */
export function portalSchemaLocation(env: NodeJS.ProcessEnv = process.env): PortalSchemaLocation {
  const dir = extensionsDir(env);
  return {
    schemaDir: defaultSchemaDir({ env }),
    extensions: OWN_EXTENSION_FOLDERS.map((f) => path.join(dir, f)).filter((p) => fs.existsSync(p)),
  };
}

/**
 * Loads the patched schema set of the portal's releases.
 * @throws OcdsSchemaError `schema-not-found` when no schema is configured or cached.
 */
export async function loadPortalSchemaSet(env: NodeJS.ProcessEnv = process.env): Promise<OcdsSchemaSet> {
  const loc = portalSchemaLocation(env);
  return loadSchemaSet({ schemaDir: loc.schemaDir, extensions: loc.extensions });
}

/**
 * Merge rules for compiled releases, or `null` (with the reason) when no schema is available: the
 * records are then served without `compiledRelease`, which OCDS allows.
 */
export async function loadPortalMergeRules(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ rules: MergeRules | null; reason?: string }> {
  try {
    const set = await loadPortalSchemaSet(env);
    return { rules: deriveMergeRules(set.release) };
  } catch (err) {
    return { rules: null, reason: err instanceof Error ? err.message : String(err) };
  }
}
