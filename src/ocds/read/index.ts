/**
 * Streaming reader of OCDS input: release packages, record packages, a bare release or record, an
 * array of releases or of packages, JSON Lines and concatenated JSON documents, in UTF-8 with or
 * without a byte-order mark. Anything else is an {@link OcdsReadError} with a stable code.
 * Memory holds one release or record at a time (plus the package metadata), whatever the input size.
 */
import fs from 'node:fs';
import { eventsOfValue } from './classify.ts';
import { ReadEngine } from './engine.ts';
import { OcdsReadError } from './errors.ts';
import type { ReadEvent, ReadItem } from './types.ts';

export { OcdsReadError, READ_ERROR_CODES, type OcdsReadErrorCode } from './errors.ts';
export type { PackageEnd, ReadEvent, ReadItem } from './types.ts';
export { escapePointer, isObject, typeName } from './classify.ts';

/** Options of {@link readOcds}. */
export interface ReadOptions {
  /** Name of the input in messages (default: the path, or `<stdin>` for a stream). */
  name?: string;
}

/** A file path, or a byte stream (e.g. `process.stdin`), or any async iterable of byte chunks or text. */
export type OcdsInput = string | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

/** A partial line longer than this is handed to the tokenizer without waiting for its end. */
const MAX_PENDING = 1024 * 1024;

/**
 * Streams the releases and records of an OCDS input.
 * @param input a file path, a readable byte stream (e.g. `process.stdin`) or an async iterable of chunks.
 * @throws OcdsReadError (thrown by the generator, after the items read before the problem) — see
 *   `READ_ERROR_CODES`; a file that cannot be opened or read gives code `io-error`.
 */
export async function* readOcds(input: OcdsInput, opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  for await (const ev of readOcdsEvents(input, opts)) if (ev.kind !== 'package') yield ev;
}

/**
 * Like {@link readOcds}, also yielding a `package` event after the last item of each package, with
 * the complete package metadata (for validating `uri`, `publisher`, `version`, `extensions`, …).
 */
export async function* readOcdsEvents(input: OcdsInput, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const file = opts.name ?? (typeof input === 'string' ? input : '<stdin>');
  const stream = typeof input === 'string' ? fs.createReadStream(input) : input;
  const engine = new ReadEngine(file);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let pending = '';
  let continued = false;

  const feedText = (text: string): void => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        pending += text.slice(start);
        if (pending.length > MAX_PENDING) {
          engine.feed(pending);
          pending = '';
          continued = true;
        }
        return;
      }
      const lineText = pending + text.slice(start, nl + 1);
      pending = '';
      engine.feedLine(lineText, continued);
      continued = false;
      engine.line++;
      start = nl + 1;
    }
  };

  try {
    try {
      for await (const chunk of stream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
        if (first && bytes.length > 0) {
          first = false;
          checkUtf16(bytes, file);
        }
        let text: string;
        try {
          text = decoder.decode(bytes, { stream: true });
        } catch {
          throw notUtf8(bytes, engine.line + countNewlines(pending), file);
        }
        feedText(text);
        if (engine.out.length > 0) yield* drain(engine.out);
      }
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new OcdsReadError('not-utf8', 'the file ends inside a UTF-8 character: it is not UTF-8', {
          file,
          line: engine.line,
        });
      }
      feedText(tail);
      if (pending.length > 0) engine.feedLine(pending, continued);
      pending = '';
      engine.end();
    } catch (err) {
      if (err instanceof OcdsReadError) throw err;
      const e = err as NodeJS.ErrnoException;
      if (e && typeof e.code === 'string') {
        throw new OcdsReadError('io-error', `cannot read the file: ${e.message}`, { file });
      }
      throw err;
    }
  } catch (err) {
    if (engine.out.length > 0) yield* drain(engine.out);
    throw err;
  } finally {
    if (typeof input === 'string') (stream as fs.ReadStream).destroy();
  }
  if (engine.out.length > 0) yield* drain(engine.out);
}

/**
 * The events of one already parsed JSON value, with the same rules as the streaming reader (for a
 * document held in memory).
 * @throws OcdsReadError for a top-level shape that is no OCDS.
 */
export function eventsOfDocument(
  value: unknown,
  opts: { name?: string; document?: number } = {},
): ReadEvent[] {
  const out: ReadEvent[] = [];
  eventsOfValue(value, { file: opts.name ?? '<document>', document: opts.document ?? 1 }, out);
  return out;
}

function* drain(out: ReadEvent[]): Generator<ReadEvent> {
  const items = out.splice(0, out.length);
  yield* items;
}

/** UTF-16 with a byte-order mark, or without one (a NUL byte among the first two). */
function checkUtf16(bytes: Uint8Array, file: string): void {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (
    (b0 === 0xff && b1 === 0xfe) ||
    (b0 === 0xfe && b1 === 0xff) ||
    b0 === 0 ||
    (bytes.length > 1 && b1 === 0)
  ) {
    throw new OcdsReadError('utf16', 'the file is UTF-16 (or UTF-32), not UTF-8: re-encode it as UTF-8', {
      file,
      line: 1,
    });
  }
}

function notUtf8(bytes: Uint8Array, lineAtChunk: number, file: string): OcdsReadError {
  const offset = firstInvalidUtf8(bytes);
  let line = lineAtChunk;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  const byte = bytes[offset];
  const hex = byte === undefined ? '' : ` (byte 0x${byte.toString(16).padStart(2, '0')})`;
  return new OcdsReadError(
    'not-utf8',
    `the file is not UTF-8${hex}; it may be Latin-1 or Windows-1252: re-encode it as UTF-8`,
    { file, line },
  );
}

/** Offset of the first byte that does not start a valid UTF-8 sequence in `bytes` (or its length). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i; // cut at the chunk end: reported where it starts
      if ((c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return i;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
