import { Assembler } from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import {
  escapePointer,
  eventsOfObject,
  eventsOfValue,
  PACKAGE_KEYS,
  topLevelScalarError,
  typeName,
} from './classify.ts';
import { OcdsReadError } from './errors.ts';
import type { ReadEvent } from './types.ts';

/** Lines up to this length (UTF-16 code units) that hold a whole document take the `JSON.parse` fast path. */
const FAST_LINE_MAX = 4 * 1024 * 1024;

interface ArrayFrame {
  t: 'array';
  count: number;
}
interface ObjectFrame {
  t: 'object';
  pointer: string;
  topLevel: boolean;
  line: number;
  meta: Record<string, unknown>;
  key: string | null;
  /** Set once `releases`/`records` was met as an array and streamed (or buffered). */
  list?: 'releases' | 'records';
  /** Elements kept while it is unknown whether the object is a package or a record. */
  buffer?: { value: unknown; line: number }[];
  count: number;
}
interface ItemsFrame {
  t: 'items';
  parent: ObjectFrame;
  count: number;
}
type Frame = ArrayFrame | ObjectFrame | ItemsFrame;

/**
 * The token-level reader: gets the text line by line, turns it into {@link ReadEvent}s in `out`.
 * Only the item being assembled (one release or record) and the package metadata are held in
 * memory, so memory does not grow with the number of items. A line that holds a whole document
 * (JSON Lines) is parsed with `JSON.parse` instead, which is several times faster.
 * @throws OcdsReadError from {@link feedLine} and {@link end}.
 */
export class ReadEngine {
  readonly out: ReadEvent[] = [];
  /** 1-based line of the text being fed. */
  line = 1;
  private document = 0;
  private readonly parser = jsonParser({ jsonStreaming: true, packValues: true, streamValues: false });
  private readonly stack: Frame[] = [];
  private asm: Assembler | null = null;
  private asmDeliver: ((value: unknown) => void) | null = null;

  constructor(private readonly file: string) {}

  /** Feeds one line (with its `\n`, except maybe the last); `continued` when it follows a partial feed. */
  feedLine(text: string, continued: boolean): void {
    if (!continued && this.stack.length === 0 && this.asm === null && text.length <= FAST_LINE_MAX) {
      const c = firstNonSpace(text);
      if (c === '{' || c === '[') {
        let value: unknown;
        let parsed = false;
        try {
          value = JSON.parse(text);
          parsed = true;
        } catch {
          // not a whole document on this line: the tokenizer reads it (and names the error)
        }
        if (parsed) {
          this.document++;
          eventsOfValue(value, { file: this.file, document: this.document, line: this.line }, this.out);
          return;
        }
      }
    }
    this.feed(text);
  }

  /** Feeds text that is not a whole line (a very long line in pieces). */
  feed(text: string): void {
    let result;
    try {
      result = this.parser(text);
    } catch (err) {
      throw this.syntaxError(err);
    }
    this.tokens(result);
  }

  /** Ends the input. @throws OcdsReadError when the text ends inside a document or holds none. */
  end(): void {
    let result;
    try {
      result = (this.parser as unknown as (chunk: typeof none) => unknown)(none);
    } catch (err) {
      throw this.syntaxError(err);
    }
    this.tokens(result);
    if (this.stack.length > 0 || this.asm !== null) {
      throw new OcdsReadError(
        'not-json',
        'not well-formed JSON: the text ends inside a document',
        this.where(),
      );
    }
    if (this.document === 0) {
      throw new OcdsReadError(
        'empty-input',
        'the input holds no JSON document (it is empty or only whitespace)',
        {
          file: this.file,
        },
      );
    }
  }

  private tokens(result: unknown): void {
    if (result === none) return;
    if (isMany(result)) for (const t of getManyValues(result) as Token[]) this.token(t);
    else this.token(result as Token);
  }

  private token(tok: Token): void {
    if (this.asm !== null) {
      this.asm.consume(tok);
      if (this.asm.done) {
        const value = this.asm.current;
        const deliver = this.asmDeliver!;
        this.asm = null;
        this.asmDeliver = null;
        deliver(value);
      }
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return this.documentStart(tok);
    if (top.t === 'array') return this.arrayToken(top, tok);
    if (top.t === 'object') return this.objectToken(top, tok);
    return this.itemsToken(top, tok);
  }

  private documentStart(tok: Token): void {
    this.document++;
    if (tok.name === 'startObject') {
      this.stack.push(newObject('', true, this.line));
    } else if (tok.name === 'startArray') {
      this.stack.push({ t: 'array', count: 0 });
    } else {
      throw topLevelScalarError(scalarOf(tok), this.place());
    }
  }

  private arrayToken(frame: ArrayFrame, tok: Token): void {
    if (tok.name === 'endArray') {
      this.stack.pop();
      if (frame.count === 0) eventsOfValue([], this.place(), this.out); // throws empty-array
      return;
    }
    const index = frame.count++;
    if (tok.name === 'startObject') {
      this.stack.push(newObject(`/${index}`, false, this.line));
      return;
    }
    const what = tok.name === 'startArray' ? 'an array' : typeName(scalarOf(tok));
    throw new OcdsReadError(
      'array-item-not-object',
      `element ${index} of the top-level array is ${what}, not an object`,
      {
        ...this.place(),
        pointer: `/${index}`,
      },
    );
  }

  private objectToken(frame: ObjectFrame, tok: Token): void {
    if (tok.name === 'keyValue') {
      frame.key = tok.value;
      return;
    }
    if (tok.name === 'endObject') {
      this.stack.pop();
      this.finishObject(frame);
      return;
    }
    const key = frame.key!;
    const isList = key === 'records' || (key === 'releases' && !('ocid' in frame.meta));
    if (isList && tok.name === 'startArray' && frame.list === undefined) {
      frame.list = key as 'releases' | 'records';
      const decided = key === 'records' || Object.keys(frame.meta).some((k) => PACKAGE_KEYS.has(k));
      if (!decided) {
        frame.buffer = [];
        frame.meta[key] = frame.buffer; // keeps the key's place in case this is a record
      }
      this.stack.push({ t: 'items', parent: frame, count: 0 });
      return;
    }
    this.assemble(tok, (value) => {
      frame.meta[key] = value;
    });
  }

  private itemsToken(frame: ItemsFrame, tok: Token): void {
    if (tok.name === 'endArray') {
      this.stack.pop();
      return;
    }
    const parent = frame.parent;
    const index = frame.count++;
    parent.count = frame.count;
    const line = this.line;
    this.assemble(tok, (value) => {
      if (parent.buffer !== undefined) {
        parent.buffer.push({ value, line });
        return;
      }
      this.out.push({
        kind: parent.list === 'releases' ? 'release' : 'record',
        value,
        pointer: `${parent.pointer}/${parent.list}/${index}`,
        document: this.document,
        line,
        packageMeta: parent.meta,
      });
    });
  }

  /** Builds the value starting with `tok` (a scalar at once, a container through the Assembler). */
  private assemble(tok: Token, deliver: (value: unknown) => void): void {
    if (tok.name === 'startObject' || tok.name === 'startArray') {
      this.asm = new Assembler();
      this.asmDeliver = deliver;
      this.asm.consume(tok);
      return;
    }
    deliver(scalarOf(tok));
  }

  private finishObject(frame: ObjectFrame): void {
    const place = { file: this.file, document: this.document, line: frame.line };
    if (frame.list !== undefined && frame.buffer === undefined) {
      const packageType = frame.list === 'releases' ? 'release' : 'record';
      this.out.push({
        kind: 'package',
        packageType,
        meta: frame.meta,
        pointer: frame.pointer,
        document: this.document,
        line: frame.line,
        count: frame.count,
      });
      return;
    }
    if (frame.list !== undefined && frame.buffer !== undefined && !('ocid' in frame.meta)) {
      // A release package whose metadata came after its releases: emit what was kept.
      const buffer = frame.buffer;
      delete frame.meta[frame.list];
      buffer.forEach(({ value, line }, i) => {
        this.out.push({
          kind: 'release',
          value,
          pointer: `${frame.pointer}/releases/${i}`,
          document: this.document,
          line,
          packageMeta: frame.meta,
        });
      });
      this.out.push({
        kind: 'package',
        packageType: 'release',
        meta: frame.meta,
        pointer: frame.pointer,
        ...place,
        count: buffer.length,
      });
      return;
    }
    if (frame.buffer !== undefined) frame.meta[frame.list!] = frame.buffer.map((b) => b.value);
    eventsOfObject(frame.meta, frame.pointer, frame.topLevel, place, this.out);
  }

  private place(): { file: string; document: number; line: number } {
    return { file: this.file, document: this.document, line: this.line };
  }

  /** File, line and the JSON pointer of the value being read, for an error. */
  private where(): { file: string; line: number; pointer: string } {
    let pointer = '';
    for (const f of this.stack) {
      if (f.t === 'array') pointer += `/${Math.max(0, f.count - 1)}`;
      else if (f.t === 'object')
        pointer = f.pointer + (f.key !== null && f.list === undefined ? `/${escapePointer(f.key)}` : '');
      else pointer = `${f.parent.pointer}/${f.parent.list}/${Math.max(0, f.count - 1)}`;
    }
    if (this.asm !== null) {
      for (const p of this.asm.path) pointer += `/${escapePointer(p)}`;
    }
    return { file: this.file, line: this.line, pointer };
  }

  private syntaxError(err: unknown): OcdsReadError {
    const msg = err instanceof Error ? err.message : String(err);
    const detail = msg.replace(/^Parser (cannot parse input: |has )/, '');
    // The tokenizer gives no tokens of a line it fails on: the pointer is where the reading was
    // when the line started, so it is named as "in" the value being read, and the line is exact.
    const { file, line, pointer } = this.where();
    return new OcdsReadError(
      'not-json',
      `not well-formed JSON: ${detail}${pointer ? ` (in or after ${pointer})` : ''}`,
      {
        file,
        line,
      },
    );
  }
}

function newObject(pointer: string, topLevel: boolean, line: number): ObjectFrame {
  return { t: 'object', pointer, topLevel, line, meta: {}, key: null, count: 0 };
}

function scalarOf(tok: Token): unknown {
  switch (tok.name) {
    case 'stringValue':
      return tok.value;
    case 'numberValue':
      return Number(tok.value);
    case 'nullValue':
      return null;
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return undefined;
  }
}

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return text[i]!;
  }
  return '';
}
