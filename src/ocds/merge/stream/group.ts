/**
 * Groups a stream of releases by `ocid` with memory bounded whatever the input size.
 *
 * Design: releases are held in memory, grouped by ocid, while their estimated size stays under
 * `memoryBudget`. When it is exceeded, everything held so far and every later release is written
 * ("spilled") as lines `"<ocid>"\t[file, pointer, line, uri, release]` to one of `partitions`
 * temporary files chosen by a hash of the ocid, so all releases of one ocid land in the same file.
 * At the end each file is read back alone, twice: first only the ocid prefixes, to learn the last
 * line of each ocid; then line by line, handing a group out as soon as its last line is read. Input
 * grouped by ocid thus holds one group at a time; shuffled input at worst one partition. A file
 * larger than `maxPartitionBytes` is first split again with another hash seed (up to 3 levels).
 * Memory is bounded by the budget, the write buffers (64 KiB per partition) and the open groups of
 * one partition, not by the input. Groups come out in order of first appearance (no spill), or
 * partition by partition in the order of their last release (after a spill). Temporary files live in
 * a fresh directory under `tmpDir` (default: the OS temp dir) and are removed at the end, also when
 * the consumer stops early or an error is thrown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { isJsonObject } from '../../json.ts';

/** A release and where it came from (for messages and linked releases). */
export interface SourcedRelease {
  value: unknown;
  /** Input file name (or `<stdin>`). */
  file: string;
  /** JSON pointer of the release inside its document. */
  pointer: string;
  /** 1-based line of its document, when known (JSON Lines). */
  line?: number;
  /** `uri` of the enclosing package, when any (for linked releases). */
  uri?: string;
}

/** All releases of one ocid, in input order. `ocid` is `""` for releases without a string ocid. */
export interface ReleaseGroup {
  ocid: string;
  releases: SourcedRelease[];
}

/** Options of {@link groupByOcid}. */
export interface GroupOptions {
  /** Estimated bytes of releases held in memory before spilling (default 8 MiB). */
  memoryBudget?: number;
  /** Number of spill files (default 64). */
  partitions?: number;
  /** A spill file bigger than this is split again before being loaded (default 64 MiB). */
  maxPartitionBytes?: number;
  /** Where to create the temporary directory (default `os.tmpdir()`). */
  tmpDir?: string;
  /** Told once when the first spill starts (for progress messages). */
  onSpill?: (dir: string) => void;
}

const WRITE_BUFFER = 64 * 1024;

/** Rough size in bytes of a JSON value once serialised (cheap; used only for the memory budget). */
export function approxSize(v: unknown): number {
  if (typeof v === 'string') return v.length + 2;
  if (typeof v !== 'object' || v === null) return 8;
  let n = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += approxSize(v[i]) + 1;
  } else {
    for (const k in v) n += k.length + 4 + approxSize((v as Record<string, unknown>)[k]);
  }
  return n;
}

function ocidOf(value: unknown): string {
  return isJsonObject(value) && typeof value.ocid === 'string' ? value.ocid : '';
}

/** FNV-1a of a string with a seed. */
function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Buffered synchronous writers of N partition files. */
class PartitionWriter {
  private readonly fds: number[] = [];
  private readonly bufs: string[] = [];
  readonly files: string[] = [];

  constructor(dir: string, prefix: string, n: number) {
    for (let i = 0; i < n; i++) {
      const file = path.join(dir, `${prefix}-${i}.jsonl`);
      this.files.push(file);
      this.fds.push(fs.openSync(file, 'w'));
      this.bufs.push('');
    }
  }

  write(i: number, line: string): void {
    const b = (this.bufs[i] += line + '\n');
    if (b.length >= WRITE_BUFFER) {
      fs.writeSync(this.fds[i]!, b);
      this.bufs[i] = '';
    }
  }

  close(): void {
    for (let i = 0; i < this.fds.length; i++) {
      if (this.bufs[i]) fs.writeSync(this.fds[i]!, this.bufs[i]!);
      this.bufs[i] = '';
      fs.closeSync(this.fds[i]!);
    }
    this.fds.length = 0;
  }
}

/**
 * Spilled line: the ocid as a JSON string, a tab, then `[file index, pointer, line, uri, release]`.
 * The ocid prefix (JSON-escaped, so without raw tabs or newlines) is read without parsing the release.
 */
type Spilled = [number, string, number | null, string | null, unknown];

function ocidOfLine(line: string): string {
  return JSON.parse(line.slice(0, line.indexOf('\t'))) as string;
}

/**
 * Groups releases by ocid (see the file comment for the memory design).
 * @throws Error from the file system when the temporary files cannot be written or read.
 */
export async function* groupByOcid(
  source: AsyncIterable<SourcedRelease>,
  opts: GroupOptions = {},
): AsyncGenerator<ReleaseGroup> {
  const budget = opts.memoryBudget ?? 8 * 1024 * 1024;
  const nParts = opts.partitions ?? 64;
  const maxPart = opts.maxPartitionBytes ?? 64 * 1024 * 1024;
  let held = new Map<string, SourcedRelease[]>();
  let heldBytes = 0;
  let dir: string | undefined;
  let writer: PartitionWriter | undefined;
  const fileNames: string[] = [];
  const fileIndex = new Map<string, number>();

  const spill = (r: SourcedRelease, ocid: string): void => {
    let fi = fileIndex.get(r.file);
    if (fi === undefined) {
      fi = fileNames.push(r.file) - 1;
      fileIndex.set(r.file, fi);
    }
    const rec: Spilled = [fi, r.pointer, r.line ?? null, r.uri ?? null, r.value];
    writer!.write(hash(ocid, 0) % nParts, JSON.stringify(ocid) + '\t' + JSON.stringify(rec));
  };

  try {
    for await (const r of source) {
      const ocid = ocidOf(r.value);
      if (writer) {
        spill(r, ocid);
        continue;
      }
      let list = held.get(ocid);
      if (!list) held.set(ocid, (list = []));
      list.push(r);
      heldBytes += approxSize(r.value) + 64;
      if (heldBytes > budget) {
        dir = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'minhbach-ocds-'));
        opts.onSpill?.(dir);
        writer = new PartitionWriter(dir, 'p', nParts);
        for (const [o, rs] of held) for (const x of rs) spill(x, o);
        held = new Map();
        heldBytes = 0;
      }
    }
    if (!writer) {
      for (const [ocid, releases] of held) yield { ocid, releases };
      return;
    }
    writer.close();
    const files = writer.files;
    writer = undefined;
    for (const file of files) yield* readPartition(file, 1, dir!, fileNames, nParts, maxPart);
  } finally {
    writer?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function* readPartition(
  file: string,
  level: number,
  dir: string,
  fileNames: string[],
  nParts: number,
  maxPart: number,
): Generator<ReleaseGroup> {
  const size = fs.statSync(file).size;
  if (size === 0) {
    fs.rmSync(file);
    return;
  }
  if (size > maxPart && level <= 3) {
    // Split again with another seed; a single huge ocid still ends up in one file.
    const sub = new PartitionWriter(dir, `${path.basename(file, '.jsonl')}-${level}`, Math.min(nParts, 16));
    try {
      for (const line of linesOf(file)) sub.write(hash(ocidOfLine(line), level) % sub.files.length, line);
    } finally {
      sub.close();
    }
    fs.rmSync(file);
    for (const f of sub.files) yield* readPartition(f, level + 1, dir, fileNames, nParts, maxPart);
    return;
  }
  // Pass 1 (ocid prefixes only): the last line of each ocid. Pass 2: a group is handed out as soon
  // as its last line is read, so grouped input holds one group at a time.
  const last = new Map<string, number>();
  let n = 0;
  for (const line of linesOf(file)) last.set(ocidOfLine(line), n++);
  const open = new Map<string, SourcedRelease[]>();
  n = 0;
  for (const line of linesOf(file)) {
    const tab = line.indexOf('\t');
    const ocid = JSON.parse(line.slice(0, tab)) as string;
    const [fi, pointer, ln, uri, value] = JSON.parse(line.slice(tab + 1)) as Spilled;
    let list = open.get(ocid);
    if (!list) open.set(ocid, (list = []));
    const r: SourcedRelease = { value, file: fileNames[fi]!, pointer };
    if (ln !== null) r.line = ln;
    if (uri !== null) r.uri = uri;
    list.push(r);
    if (last.get(ocid) === n++) {
      open.delete(ocid);
      yield { ocid, releases: list };
    }
  }
  fs.rmSync(file);
}

/** The lines of a spill file, read in 1 MiB chunks. */
function* linesOf(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    // The decoder keeps a multi-byte character cut by a chunk boundary for the next chunk.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(buf.subarray(0, n));
      const nl = text.lastIndexOf('\n');
      if (nl < 0) {
        rest = text;
        continue;
      }
      for (const line of text.slice(0, nl).split('\n')) if (line) yield line;
      rest = text.slice(nl + 1);
    }
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}
