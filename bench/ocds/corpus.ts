/**
 * Benchmark corpus: the real OCDS samples in ../shared/ocds-data (ProZorro, Moldova) and the
 * standard's worked examples, grouped by ocid, repeated with fresh ocids and release ids and written
 * as JSON Lines into a temporary directory (never into the repository).
 */
import fs from 'node:fs';
import path from 'node:path';

/** One contracting process to repeat: its releases in file order. */
export type Template = Record<string, unknown>[];

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Releases of a parsed file: a release package, a record package (embedded releases), a record or a release. */
function releasesIn(doc: unknown): Record<string, unknown>[] {
  if (!isObj(doc)) return [];
  if (Array.isArray(doc.releases) && !('ocid' in doc)) return doc.releases.filter(isObj);
  if (Array.isArray(doc.records)) return doc.records.flatMap((r) => releasesIn(r));
  if ('ocid' in doc && Array.isArray(doc.releases))
    return doc.releases.filter((r) => isObj(r) && 'id' in r) as Record<string, unknown>[];
  if ('ocid' in doc && 'date' in doc) return [doc];
  return [];
}

/** The sample files the corpus is made from (relative to ocds-data). */
export const SAMPLE_FILES = [
  'real/ukraine-prozorro-ocdsapi-2019/releases.json',
  'real/ukraine-prozorro-ocdsapi-2019/release.json',
  'real/moldova-2017/release-ocds-ngfbwp-18610708-18610708.json',
  'examples/sample-data-fictional-1.1/ocds-213czf-000-00001.json',
  'examples/standard-1.1/merging/updates/tender1.json',
  'examples/standard-1.1/merging/updates/tender2.json',
  'examples/standard-1.1/merging/updates/tender3.json',
  'examples/standard-1.1/merging/updates/award1.json',
  'examples/standard-1.1/merging/updates/award2.json',
  'examples/standard-1.1/merging/deletions/array_award.json',
  'examples/standard-1.1/merging/deletions/array_awardAmendment.json',
  'examples/standard-1.1/merging/deletions/field_tender.json',
  'examples/standard-1.1/merging/deletions/field_tenderUpdate.json',
  'examples/standard-1.1/merging/deletions/object_tender.json',
  'examples/standard-1.1/merging/deletions/object_tenderAmendment.json',
  'examples/standard-1.1/merging/embedded_releases.json',
];

/** Templates (one per ocid) from the sample files; release ids unique within each template. */
export function loadTemplates(dataDir: string): Template[] {
  const byOcid = new Map<string, Record<string, unknown>[]>();
  for (const f of SAMPLE_FILES) {
    const doc = JSON.parse(fs.readFileSync(path.join(dataDir, f), 'utf8')) as unknown;
    for (const r of releasesIn(doc)) {
      const ocid = String(r.ocid);
      const list = byOcid.get(ocid) ?? [];
      if (!list.some((x) => x.id === r.id)) list.push(r);
      byOcid.set(ocid, list);
    }
  }
  return [...byOcid.values()];
}

/** Copy `n` of a template: ocid `ocds-bnch01-<n>-<i>` and release ids prefixed with `<n>-`. */
export function instantiate(t: Template, n: number, i: number): Record<string, unknown>[] {
  const ocid = `ocds-bnch01-${n}-${i}`;
  return t.map((r) => ({ ...r, ocid, id: `${n}-${String(r.id)}` }));
}

/**
 * Writes JSON Lines of whole processes (releases grouped by ocid) until at least `minReleases`
 * releases and `minBytes` bytes are written.
 * @returns releases and bytes written.
 */
export function writeCorpus(
  file: string,
  templates: Template[],
  minReleases: number,
  minBytes = 0,
): { releases: number; bytes: number; ocids: number } {
  const fd = fs.openSync(file, 'w');
  let releases = 0;
  let bytes = 0;
  let ocids = 0;
  let buf = '';
  try {
    for (let n = 0; releases < minReleases || bytes < minBytes; n++) {
      for (let i = 0; i < templates.length; i++) {
        ocids++;
        for (const r of instantiate(templates[i]!, n, i)) {
          const line = JSON.stringify(r) + '\n';
          buf += line;
          bytes += Buffer.byteLength(line);
          releases++;
        }
        if (buf.length > 1 << 20) {
          fs.writeSync(fd, buf);
          buf = '';
        }
      }
    }
    if (buf) fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
  return { releases, bytes, ocids };
}
