import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The schema files `minhbach ocds schema fetch` downloads, besides the codelists they name. */
export const SCHEMA_FILES = [
  'release-schema.json',
  'record-package-schema.json',
  'release-package-schema.json',
  'versioned-release-validation-schema.json',
] as const;

/** The official schema folder of a version: `1.1.5` → `https://standard.open-contracting.org/schema/1__1__5/`. */
export function officialSchemaUrl(version: string): string {
  return `https://standard.open-contracting.org/schema/${version.replace(/\./g, '__')}/`;
}

/** A download failed (network, HTTP status, not JSON); nothing was written to the destination. */
export class SchemaFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaFetchError';
  }
}

/**
 * Downloads the schema files of one OCDS version (release, record and package schemas, the
 * versioned-release validation schema, `record-schema.json` when the server has it, and every
 * codelist the schemas name, into `codelists/`) into `dest`. Files go to a temporary folder beside
 * `dest` that replaces `dest` only once everything arrived: a failure leaves `dest` as it was.
 * @param opts.baseUrl folder URL (default {@link officialSchemaUrl})
 * @param opts.timeoutMs per request (default 30 s)
 * @returns the files written, relative to `dest`.
 * @throws SchemaFetchError naming the URL and the reason: network error, HTTP status, a body not
 *   complete within `timeoutMs` or over 20 MB, not UTF-8, a schema file that is not a JSON object
 *   with `properties`, a codelist without a `Code` column.
 */
export async function fetchSchema(opts: {
  version: string;
  dest: string;
  baseUrl?: string;
  timeoutMs?: number;
}): Promise<string[]> {
  let base = opts.baseUrl ?? officialSchemaUrl(opts.version);
  if (!base.endsWith('/')) base += '/';
  const dest = path.resolve(opts.dest);
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await fs.mkdir(path.join(tmp, 'codelists'), { recursive: true });
  const written: string[] = [];
  try {
    const schemas: unknown[] = [];
    for (const file of SCHEMA_FILES) {
      const text = await download(base + file, opts.timeoutMs);
      schemas.push(parseSchema(text, base + file));
      await fs.writeFile(path.join(tmp, file), text);
      written.push(file);
    }
    const record = await download(`${base}record-schema.json`, opts.timeoutMs, true);
    if (record !== undefined) {
      parseSchema(record, `${base}record-schema.json`);
      await fs.writeFile(path.join(tmp, 'record-schema.json'), record);
      written.push('record-schema.json');
    }
    const codelists = new Set<string>();
    for (const s of schemas) collectCodelists(s, codelists);
    for (const name of [...codelists].sort()) {
      if (!/^[\w.-]+\.csv$/.test(name)) continue; // never a path outside the folder
      const text = await download(`${base}codelists/${name}`, opts.timeoutMs);
      checkCodelist(text, `${base}codelists/${name}`);
      await fs.writeFile(path.join(tmp, 'codelists', name), text);
      written.push(`codelists/${name}`);
    }
    const old = `${dest}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    const exists = await fs.stat(dest).then(
      () => true,
      () => false,
    );
    if (exists) await fs.rename(dest, old);
    try {
      await fs.rename(tmp, dest);
    } catch (err) {
      if (exists) await fs.rename(old, dest); // put the previous cache back: all or nothing
      throw err;
    }
    if (exists) await fs.rm(old, { recursive: true, force: true });
    return written;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

async function download(url: string, timeoutMs?: number): Promise<string>;
async function download(
  url: string,
  timeoutMs: number | undefined,
  optional: true,
): Promise<string | undefined>;
async function download(url: string, timeoutMs = 30_000, optional = false): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new SchemaFetchError(
      `cannot download ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
    );
  }
  if (optional && res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new SchemaFetchError(`cannot download ${url}: HTTP ${res.status}`);
  }
  // The body too can fail: the server stops, trickles past the timeout, or sends without end.
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    for (;;) {
      const part = reader ? await reader.read() : { done: true as const, value: undefined };
      if (part.done) break;
      size += part.value.byteLength;
      if (size > MAX_FILE_BYTES) {
        await reader?.cancel();
        throw new SchemaFetchError(`cannot download ${url}: larger than ${MAX_FILE_BYTES} bytes`);
      }
      chunks.push(part.value);
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch (err) {
    if (err instanceof SchemaFetchError) throw err;
    const e = err as Error & { cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError' ? `no complete answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    throw new SchemaFetchError(`cannot download ${url}: ${why}`);
  }
}

/** Largest schema or codelist file accepted (the largest official one is well under 1 MB). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The file as a JSON Schema: a JSON object with `properties` (every OCDS schema file has them). */
function parseSchema(text: string, url: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new SchemaFetchError(`${url} is not JSON`);
  }
  const props = (value as { properties?: unknown } | null)?.properties;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    typeof props !== 'object' ||
    props === null
  ) {
    throw new SchemaFetchError(`${url} is not a JSON Schema (a JSON object with "properties")`);
  }
  return value;
}

/** A codelist is a CSV file whose header has a `Code` column (an error page is not). */
function checkCodelist(text: string, url: string): void {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!header.split(',').some((c) => c.trim().replace(/^"(.*)"$/, '$1') === 'Code')) {
    throw new SchemaFetchError(`${url} is not a codelist (a CSV file with a "Code" column)`);
  }
}

function collectCodelists(node: unknown, out: Set<string>): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const v of node) collectCodelists(v, out);
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'codelist' && typeof v === 'string') out.add(v);
    else collectCodelists(v, out);
  }
}
