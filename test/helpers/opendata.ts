/**
 * Helpers of the OCDS open-data tests: B's validator loaded with the 1.1.5 schema and the extensions
 * the portal's releases declare (all from ../shared), and a counter of findings by severity and code.
 */
import type { FastifyInstance } from 'fastify';
import { loadSchemaSet } from '../../src/ocds/schema/load.ts';
import { createValidator, type OcdsFinding, type OcdsValidator } from '../../src/ocds/validate/index.ts';
import { sharedPath } from './shared.ts';

/** The schema folder and the extension folders of the portal's releases, in ../shared. */
export const SCHEMA_DIR = sharedPath('ocds-data', 'schema', '1.1.5');
export const EXTENSIONS_DIR = sharedPath('ocds-data', 'extensions');

/** Points the app's record compilation at the shared schema and extensions (env read by src/opendata/schema.ts). */
export function useSharedSchema(): void {
  process.env.MINHBACH_OCDS_SCHEMA_DIR = SCHEMA_DIR;
  process.env.MINHBACH_OCDS_EXTENSIONS_DIR = EXTENSIONS_DIR;
}

/**
 * The validator, and the findings that are about the schema set itself (an extension referring to a
 * definition of another extension that is not loaded) rather than about any data.
 */
export async function portalValidator(): Promise<{ validator: OcdsValidator; setFindings: OcdsFinding[] }> {
  const set = await loadSchemaSet({
    schemaDir: SCHEMA_DIR,
    extensions: ['bid', 'bidOpening', 'lots'].map((e) => sharedPath('ocds-data', 'extensions', e)),
  });
  return { validator: createValidator(set), setFindings: set.findings };
}

/** Findings of the data: every finding except those repeating a finding of the schema set. */
export function dataFindings(findings: OcdsFinding[], setFindings: OcdsFinding[]): OcdsFinding[] {
  const ofSet = new Set(setFindings.map((f) => `${f.code}|${f.message}`));
  return findings.filter((f) => !ofSet.has(`${f.code}|${f.message}`));
}

/** `{ "error schema-format": 3, … }` of findings. */
export function tally(findings: OcdsFinding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[`${f.severity} ${f.code}`] = (out[`${f.severity} ${f.code}`] ?? 0) + 1;
  return out;
}

/**
 * Validates everything the portal exports: every page of /api/ocds/releases (following links.next),
 * the record package of every ocid, and every line of the bulk download.
 * @returns the data findings, the number of releases and of records checked.
 */
export async function validateExports(
  app: FastifyInstance,
  v: { validator: OcdsValidator; setFindings: OcdsFinding[] },
  gunzip: (b: Buffer) => string,
): Promise<{ findings: OcdsFinding[]; releases: number; records: number; compiled: number; lines: number }> {
  const findings: OcdsFinding[] = [];
  const ocids = new Set<string>();
  let releases = 0;
  let url: string | undefined = '/api/ocds/releases?limit=50';
  while (url) {
    const res = await app.inject({ url });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const pkg = JSON.parse(res.body) as { releases: { ocid: string }[]; links?: { next?: string } };
    findings.push(...v.validator.validatePackage(pkg));
    for (const r of pkg.releases) ocids.add(r.ocid);
    releases += pkg.releases.length;
    url = pkg.links?.next;
  }
  let compiled = 0;
  for (const ocid of ocids) {
    const res = await app.inject({ url: `/api/ocds/records/${encodeURIComponent(ocid)}` });
    const pkg = JSON.parse(res.body) as { records: { compiledRelease?: unknown }[] };
    if (pkg.records[0]?.compiledRelease) compiled++;
    findings.push(...v.validator.validatePackage(pkg));
  }
  const bulk = await app.inject({ url: '/api/ocds/releases.jsonl.gz' });
  const lines = gunzip(bulk.rawPayload).split('\n').filter(Boolean);
  lines.forEach((line, i) =>
    findings.push(...v.validator.validateRelease(JSON.parse(line), `/line/${i + 1}`)),
  );
  return {
    findings: dataFindings(findings, v.setFindings),
    releases,
    records: ocids.size,
    compiled,
    lines: lines.length,
  };
}
