import fs from 'node:fs';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { deriveMergeRules } from '../ocds/merge/index.ts';
import {
  compileStream,
  releasesOf,
  type CompiledGroup,
  type LocatedMessage,
  type SourcedRelease,
} from '../ocds/merge/stream/compile.ts';
import { OcdsReadError, readOcds } from '../ocds/read/index.ts';
import { defaultSchemaDir, loadSchemaSet, OcdsSchemaError } from '../ocds/schema/load.ts';
import { CliError } from './errors.ts';

/** Options of `minhbach ocds compile`. */
interface CompileOptions {
  versioned?: boolean;
  package?: boolean;
  linkedReleases?: boolean;
  schema?: string;
  schemaDir?: string;
  extension?: string[];
  uri?: string;
  publishedDate?: string;
  publisherName?: string;
  tmpDir?: string;
  memoryBudget?: string;
}

/**
 * A full garbage collection on demand. V8 lets its heap grow in proportion to what is already live,
 * and the `minhbach` process has much loaded (the whole portal), so without this the heap of a long
 * compile grows far past what the compile holds; one collection every {@link GC_EVERY} releases keeps
 * peak RSS flat. Falls back to nothing when the flag cannot be set.
 */
function fullGc(): () => void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // not available: rely on V8's own pacing
  }
  return () => {};
}
const GC_EVERY = 5_000;

/** At most this many warnings are printed one by one; the rest are counted by code. */
const MAX_PRINTED = 50;

/**
 * Adds `compile` to the `minhbach ocds` command group: reads releases (release packages, record
 * packages with embedded releases, JSON Lines, concatenated JSON; files or stdin) and writes to
 * stdout one compiled release per ocid as JSON Lines (`--versioned`: versioned releases instead), or
 * with `--package` one record package (`--versioned` adds versioned releases, `--linked-releases`
 * links releases as `{url, date, tag}` instead of embedding them). Merge rules come from the release
 * schema: `--schema FILE`, else `--schema-dir DIR`, else `MINHBACH_OCDS_SCHEMA_DIR`, else the cache
 * filled by `minhbach ocds schema fetch`; `--extension DIR` applies local extensions.
 * Problems go to stderr as `file[:line] pointer: message [code]`; a progress line on a terminal.
 * Exit codes: 0 ok (warnings allowed), 1 data invalid (unreadable input, merge errors, releases
 * without ocid — the other ocids are still written), 2 usage or I/O error (no schema, missing file).
 */
export function addCompileCommand(ocds: Command): Command {
  return ocds
    .command('compile')
    .description(
      'Gộp các bản phát hành OCDS theo ocid (compile OCDS releases into compiled/versioned releases or a record package)',
    )
    .argument('[files...]', 'input files (default: stdin; "-" is stdin)')
    .option('--versioned', 'versioned releases (with --package: added to each record)')
    .option('--package', 'write one record package instead of JSON Lines')
    .option('--linked-releases', 'with --package: link releases ({url, date, tag}) instead of embedding them')
    .option('--schema <file>', 'release schema file (merge rules)')
    .option(
      '--schema-dir <dir>',
      'folder holding release-schema.json (default: MINHBACH_OCDS_SCHEMA_DIR or the cache)',
    )
    .addOption(new Option('--extension <dir...>', 'local extension folders to apply to the schema'))
    .option('--uri <uri>', 'with --package: the package uri', '')
    .option('--published-date <date>', 'with --package: publishedDate (default: now, UTC)')
    .option('--publisher-name <name>', 'with --package: publisher name (default: that of the input)')
    .addOption(
      new Option('--tmp-dir <dir>', 'where to spill large inputs (default: the OS temp dir)').hideHelp(),
    )
    .addOption(new Option('--memory-budget <bytes>', 'releases held in memory before spilling').hideHelp())
    .action(async (files: string[], opts: CompileOptions) => {
      await runCompile(files, opts);
    });
}

async function loadRules(opts: CompileOptions): Promise<ReturnType<typeof deriveMergeRules>> {
  try {
    const set = await loadSchemaSet({
      ...(opts.schema
        ? { schemaFile: opts.schema }
        : { schemaDir: defaultSchemaDir({ schemaDir: opts.schemaDir }) }),
      extensions: opts.extension ?? [],
    });
    for (const f of set.findings) process.stderr.write(`warning: schema: ${f.message} [${f.code}]\n`);
    return deriveMergeRules(set.release);
  } catch (err) {
    if (err instanceof OcdsSchemaError) {
      throw new CliError(
        `${err.message}\n  no release schema to derive the merge rules from: give --schema FILE or --schema-dir DIR, ` +
          'set MINHBACH_OCDS_SCHEMA_DIR, or download the schema once with "minhbach ocds schema fetch"',
        2,
      );
    }
    throw err;
  }
}

function where(m: { file: string; line?: number; pointer: string }): string {
  return `${m.file}${m.line !== undefined ? `:${m.line}` : ''} ${m.pointer || '/'}`;
}

/** Buffered writes to stdout with back-pressure. */
class Out {
  private buf = '';
  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 65536) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf) return;
    const ok = process.stdout.write(this.buf);
    this.buf = '';
    if (!ok) await once(process.stdout, 'drain');
  }
}

/** Package metadata gathered from the input, for the record package. */
interface InputMeta {
  publisher?: unknown;
  license?: unknown;
  publicationPolicy?: unknown;
  extensions: Set<string>;
  packages: Set<string>;
}

async function runCompile(files: string[], opts: CompileOptions): Promise<void> {
  if (opts.linkedReleases && !opts.package) throw new CliError('--linked-releases needs --package', 2);
  if (opts.publishedDate && Number.isNaN(Date.parse(opts.publishedDate))) {
    throw new CliError(`--published-date is not a date: ${opts.publishedDate}`, 2);
  }
  const budget = opts.memoryBudget === undefined ? undefined : Number(opts.memoryBudget);
  if (budget !== undefined && !(budget >= 0))
    throw new CliError(`--memory-budget is not a number: ${opts.memoryBudget}`, 2);
  const inputs = files.length === 0 ? ['-'] : files;
  for (const f of inputs) {
    if (f !== '-' && !fs.existsSync(f)) throw new CliError(`no such file: ${f}`, 2);
  }
  const rules = await loadRules(opts);
  const meta: InputMeta = { extensions: new Set(), packages: new Set() };
  const warnings: LocatedMessage[] = [];
  let warningCount = 0;
  const warn = (m: LocatedMessage): void => {
    warningCount++;
    if (warnings.length < MAX_PRINTED) warnings.push(m);
  };
  let readFailed = false;
  let ioFailed = false;
  let count = 0;
  const progress = progressLine();
  const gc = fullGc();

  async function* source(): AsyncGenerator<SourcedRelease> {
    for (const f of inputs) {
      const name = f === '-' ? '<stdin>' : f;
      const items = readOcds(f === '-' ? process.stdin : f, { name });
      const seenMeta = new WeakSet<object>();
      const tapped = (async function* () {
        for await (const item of items) {
          const pm = item.packageMeta;
          if (pm && !seenMeta.has(pm)) {
            seenMeta.add(pm);
            takeMeta(meta, pm);
          }
          yield item;
        }
      })();
      try {
        for await (const r of releasesOf(tapped, name, warn)) {
          count++;
          if (count % GC_EVERY === 0) gc();
          progress.tick(count);
          yield r;
        }
      } catch (err) {
        if (!(err instanceof OcdsReadError)) throw err;
        if (err.code === 'io-error') ioFailed = true;
        else readFailed = true;
        process.stderr.write(`error: ${err.message} [${err.code}]\n`);
      }
    }
  }

  const out = new Out();
  let wroteRecord = false;
  let groups = 0;
  let failedGroups = 0;
  try {
    for await (const g of compileStream(source(), {
      rules,
      compiled: !opts.versioned || !!opts.package,
      versioned: !!opts.versioned,
      ...(opts.tmpDir ? { tmpDir: opts.tmpDir } : {}),
      ...(budget !== undefined ? { memoryBudget: budget } : {}),
      onSpill: () => progress.note('large input: grouping by ocid through temporary files'),
    })) {
      groups++;
      progress.written(groups);
      if (groups % GC_EVERY === 0) gc();
      for (const w of g.warnings) warn(w);
      if (g.error) {
        failedGroups++;
        process.stderr.write(
          `error: ${where(g.error)}: ${g.error.message} [${g.error.code}]${g.ocid ? ` (ocid ${g.ocid}, not written)` : ''}\n`,
        );
        continue;
      }
      if (!opts.package) {
        await out.write(JSON.stringify(opts.versioned ? g.versionedRelease : g.compiledRelease) + '\n');
        continue;
      }
      if (!wroteRecord) await out.write(packageHead(opts, meta));
      await out.write((wroteRecord ? ',' : '') + JSON.stringify(recordOf(g, !!opts.linkedReleases)));
      wroteRecord = true;
    }
    if (opts.package) await out.write((wroteRecord ? '' : packageHead(opts, meta)) + ']}\n');
    await out.flush();
  } finally {
    progress.stop();
  }
  for (const w of warnings) process.stderr.write(`warning: ${where(w)}: ${w.message} [${w.code}]\n`);
  if (warningCount > warnings.length)
    process.stderr.write(`warning: … ${warningCount - warnings.length} more warnings not shown\n`);
  if (ioFailed) throw new CliError('some input could not be read (see above)', 2);
  if (readFailed || failedGroups > 0) {
    throw new CliError(
      `${failedGroups} of ${groups} ocids could not be compiled${readFailed ? ', some input is not valid OCDS' : ''} (see above)`,
      1,
    );
  }
}

function takeMeta(meta: InputMeta, pm: Record<string, unknown>): void {
  meta.publisher ??= pm.publisher;
  meta.license ??= pm.license;
  meta.publicationPolicy ??= pm.publicationPolicy;
  if (Array.isArray(pm.extensions))
    for (const e of pm.extensions) if (typeof e === 'string') meta.extensions.add(e);
  if (typeof pm.uri === 'string' && pm.uri) meta.packages.add(pm.uri);
}

/** The record package up to the opening of `records`. */
function packageHead(opts: CompileOptions, meta: InputMeta): string {
  const head: Record<string, unknown> = {
    uri: opts.uri ?? '',
    version: '1.1',
    publishedDate: opts.publishedDate ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    publisher: opts.publisherName ? { name: opts.publisherName } : (meta.publisher ?? {}),
  };
  if (meta.license !== undefined) head.license = meta.license;
  if (meta.publicationPolicy !== undefined) head.publicationPolicy = meta.publicationPolicy;
  if (meta.extensions.size > 0) head.extensions = [...meta.extensions];
  if (meta.packages.size > 0) head.packages = [...meta.packages];
  const json = JSON.stringify({ ...head, records: [] });
  return json.slice(0, -2);
}

function recordOf(g: CompiledGroup, linked: boolean): Record<string, unknown> {
  const releases = g.releases.map((r) => {
    if (!linked) return r.value;
    const v = r.value as Record<string, unknown>;
    return { url: `${r.uri ?? ''}#${String(v.id)}`, date: v.date, tag: v.tag };
  });
  const record: Record<string, unknown> = { ocid: g.ocid, releases, compiledRelease: g.compiledRelease };
  if (g.versionedRelease) record.versionedRelease = g.versionedRelease;
  return record;
}

/**
 * Progress on stderr when it is a terminal and the input is large (≥ 5,000 releases): releases read,
 * then ocids written, and a note when the input is spilled to temporary files.
 */
function progressLine(): {
  tick: (releases: number) => void;
  written: (ocids: number) => void;
  note: (s: string) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { tick() {}, written() {}, note() {}, stop() {} };
  let bar: cliProgress.SingleBar | null = null;
  let note = '';
  let releases = 0;
  const show = (ocids: number): void => {
    if (!bar) {
      bar = new cliProgress.SingleBar({
        stream: process.stderr,
        format: 'compiling: {releases} releases read, {value} ocids written {note}',
      });
      bar.start(0, ocids, { releases, note });
    }
    bar.update(ocids, { releases, note });
  };
  return {
    tick(n) {
      releases = n;
      if (n >= 5000 && n % 1000 === 0) show(0);
    },
    written(n) {
      if (releases >= 5000 && n % 100 === 0) show(n);
    },
    note(s) {
      note = `(${s})`;
      bar?.update({ note });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
