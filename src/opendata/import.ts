/**
 * Importing other publishers' OCDS into the release store (`minhbach import ocds FILE...`): streamed
 * with the OCDS reader (memory holds one release and one batch), idempotent, every problem reported
 * with its file and JSON pointer, and every usable release kept.
 *
 * A release is stored when it is an object with a string `ocid`, an `id` (string or integer) and a
 * `date` that is an ISO-8601 date-time and a `tag` list: what merging and the record endpoint need.
 * Releases of a record are stored when embedded; linked releases (URLs) are not fetched (the portal
 * makes no network requests) and a record's `compiledRelease` is a merged view, not a release: a
 * record with only linked releases imports nothing and is reported as a warning.
 * Imported releases are marked with their package's publisher and `is_own = false`: they never appear
 * in the portal's own packages, feed or bulk download, and an ocid with the portal's own prefix is
 * refused. A release already stored with the same content is unchanged; with another content it is
 * a conflict (the stored one is kept: a release is immutable). Every row stored is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { OcdsReadError, readOcds, type ReadItem } from '../ocds/read/index.ts';
import type { OcdsValidator } from '../ocds/validate/index.ts';
import { Writer } from '../procurement/write/writer.ts';
import { loadOcdsConfig } from './config.ts';
import type { OcdsRelease } from './mapping/index.ts';
import { digestOf } from './mapping/json.ts';
import { storeRelease } from './store.ts';

/** One problem, located. `severity` error: the release was not stored; warning: stored anyway. */
export interface ImportProblem {
  file: string;
  pointer: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line where the JSON document holding the release starts, when known (JSON Lines). */
  line?: number;
}

/** What importing one file did. */
export interface ImportFileReport {
  file: string;
  /** Releases found (bare, in packages, or embedded in records). */
  read: number;
  stored: number;
  unchanged: number;
  /** Not stored: unusable, conflicting, or with the portal's own prefix. */
  rejected: number;
  problems: ImportProblem[];
  /** Set when the file could not be read to its end (what was read before is kept). */
  readError?: string;
}

/** Options of {@link importOcdsFiles}. */
export interface ImportOcdsOptions {
  /** Audit actor (default `import:ocds`). */
  actor?: string;
  /** When given, schema findings (errors and warnings) of each release are reported as warnings. */
  validator?: OcdsValidator;
  /** Releases per transaction (default 200). */
  batchSize?: number;
  onProgress?: (file: string, read: number) => void;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

interface Candidate {
  release: OcdsRelease;
  pointer: string;
  publisher: string;
  line: number | undefined;
}

/**
 * Imports each file in turn; a file that cannot be read (not JSON, not UTF-8, …) is reported with
 * the reader's code and the releases read before the problem are kept.
 */
export async function importOcdsFiles(
  db: Kysely<DB>,
  files: string[],
  opts: ImportOcdsOptions = {},
): Promise<ImportFileReport[]> {
  const reports: ImportFileReport[] = [];
  for (const file of files) reports.push(await importFile(db, file, opts));
  return reports;
}

async function importFile(db: Kysely<DB>, file: string, opts: ImportOcdsOptions): Promise<ImportFileReport> {
  const report: ImportFileReport = { file, read: 0, stored: 0, unchanged: 0, rejected: 0, problems: [] };
  const ownPrefix = `${loadOcdsConfig().ocidPrefix}-`;
  const batch: Candidate[] = [];
  let line: number | undefined;
  const problem = (
    pointer: string,
    code: string,
    message: string,
    severity: ImportProblem['severity'] = 'error',
  ) =>
    report.problems.push({ file, pointer, code, severity, message, ...(line !== undefined ? { line } : {}) });

  const consider = (value: unknown, pointer: string, publisher: string) => {
    report.read++;
    const why = unusable(value);
    if (why) {
      report.rejected++;
      problem(why.pointer ? `${pointer}${why.pointer}` : pointer, why.code, why.message);
      return;
    }
    const release = value as OcdsRelease;
    if (release.ocid.startsWith(ownPrefix)) {
      report.rejected++;
      problem(
        `${pointer}/ocid`,
        'own-prefix',
        `ocid ${release.ocid} uses this portal's own prefix ${ownPrefix}: not imported`,
      );
      return;
    }
    for (const f of opts.validator?.validateRelease(release, pointer) ?? []) {
      if (f.severity !== 'notice') problem(f.pointer, `schema:${f.code}`, f.message, 'warning');
    }
    batch.push({ release: { ...release, id: String(release.id) }, pointer, publisher, line });
  };

  try {
    for await (const item of readOcds(file)) {
      line = item.line;
      const publisher = publisherOf(item);
      if (item.kind === 'release') consider(item.value, item.pointer, publisher);
      else considerRecord(item, publisher, consider, problem);
      if (batch.length >= (opts.batchSize ?? 200)) await flush(db, batch, report, opts, problem);
      opts.onProgress?.(file, report.read);
    }
  } catch (err) {
    if (!(err instanceof OcdsReadError)) throw err;
    line = err.line;
    report.readError = `${err.code}: ${err.message}`;
    problem(err.pointer ?? '', err.code, err.message);
  }
  await flush(db, batch, report, opts, problem);
  return report;
}

function considerRecord(
  item: ReadItem,
  publisher: string,
  consider: (value: unknown, pointer: string, publisher: string) => void,
  problem: (pointer: string, code: string, message: string, severity?: ImportProblem['severity']) => void,
): void {
  const rec = item.value;
  if (!isObject(rec)) {
    problem(item.pointer, 'record-not-object', 'a record must be an object');
    return;
  }
  const releases = Array.isArray(rec.releases) ? rec.releases : [];
  const embedded = releases.filter((r) => isObject(r) && 'id' in r);
  if (embedded.length > 0) {
    releases.forEach((r, i) => {
      if (isObject(r) && 'id' in r) consider(r, `${item.pointer}/releases/${i}`, publisher);
    });
    return;
  }
  problem(
    `${item.pointer}/releases`,
    'linked-releases',
    `the record has no embedded release (${releases.length} linked by URL, which the portal does not fetch): nothing imported from it` +
      (isObject(rec.compiledRelease)
        ? '; its compiledRelease is a merged view, not a release, and is not stored'
        : ''),
    'warning',
  );
}

/** Stores the batch in one transaction: new releases stored and audited, known ones compared. */
async function flush(
  db: Kysely<DB>,
  batch: Candidate[],
  report: ImportFileReport,
  opts: ImportOcdsOptions,
  problem: (pointer: string, code: string, message: string) => void,
): Promise<void> {
  // Problems of a batch carry the line of their release (the reader has moved on).
  const at = (c: Candidate, code: string, message: string) => {
    problem(c.pointer, code, message);
    const last = report.problems.at(-1)!;
    if (c.line !== undefined) last.line = c.line;
    else delete last.line;
  };
  if (batch.length === 0) return;
  const items = batch.splice(0, batch.length);
  await db.transaction().execute(async (tx) => {
    const w = new Writer(tx, opts.actor ?? 'import:ocds');
    const seen = new Map<string, string>();
    for (const c of items) {
      const { release, pointer, publisher } = c;
      const key = `${release.ocid}\u0000${release.id}`;
      const digest = digestOf(release);
      const stored =
        seen.get(key) ??
        (
          await tx
            .selectFrom('ocds_release')
            .select('digest')
            .where('ocid', '=', release.ocid)
            .where('release_id', '=', release.id)
            .executeTakeFirst()
        )?.digest;
      if (stored === undefined) {
        await storeRelease(w, release, { publisher, sourceFile: report.file, sourcePointer: pointer });
        seen.set(key, digest);
        report.stored++;
      } else if (stored === digest) {
        report.unchanged++;
      } else {
        report.rejected++;
        at(
          c,
          'release-conflict',
          `release ${release.id} of ${release.ocid} is already stored with other content; the stored release is kept (releases are immutable)`,
        );
      }
    }
  });
}

/** Why a value cannot be stored as a release, or null when it can. */
function unusable(v: unknown): { code: string; message: string; pointer?: string } | null {
  if (!isObject(v)) return { code: 'release-not-object', message: 'a release must be an object' };
  if (typeof v.ocid !== 'string' || v.ocid.trim() === '')
    return { code: 'missing-ocid', message: 'the release has no string "ocid"', pointer: '/ocid' };
  if (!(typeof v.id === 'string' && v.id.trim() !== '') && !Number.isInteger(v.id))
    return { code: 'missing-id', message: 'the release has no "id" (string or integer)', pointer: '/id' };
  if (typeof v.date !== 'string' || !ISO_DATE_TIME.test(v.date) || Number.isNaN(Date.parse(v.date)))
    return { code: 'bad-date', message: 'the release "date" is not an ISO-8601 date-time', pointer: '/date' };
  if (!Array.isArray(v.tag) || !v.tag.every((t) => typeof t === 'string'))
    return { code: 'bad-tag', message: 'the release "tag" is not a list of strings', pointer: '/tag' };
  return null;
}

function publisherOf(item: ReadItem): string {
  const p = item.packageMeta?.publisher;
  const name = isObject(p) && typeof p.name === 'string' ? p.name.trim() : '';
  return name || 'unknown';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
