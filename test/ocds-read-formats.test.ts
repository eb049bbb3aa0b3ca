import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import {
  OcdsReadError,
  readOcds,
  readOcdsEvents,
  type ReadEvent,
  type ReadItem,
} from '../src/ocds/read/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

/** Reads a string (or bytes) as if it were a file, in chunks of `chunk` bytes. */
async function read(input: string | Buffer, chunk = 7): Promise<ReadEvent[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const out: ReadEvent[] = [];
  for await (const ev of readOcdsEvents(Readable.from(parts), { name: 'test.json' })) out.push(ev);
  return out;
}

async function readError(input: string | Buffer): Promise<OcdsReadError> {
  try {
    await read(input);
  } catch (err) {
    assert.ok(err instanceof OcdsReadError, `expected OcdsReadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an OcdsReadError');
}

const REL = (id: string) =>
  `{"ocid":"ocds-213czf-1","id":"${id}","date":"2001-02-03T04:05:06Z","tag":["tender"],"initiationType":"tender"}`;

test('a release package gives its releases with pointers and the package metadata, also after the array', async () => {
  const events = await read(
    `{"uri":"u","releases":[\n${REL('1')},\n${REL('2')}\n],"publisher":{"name":"P"},"version":"1.1"}`,
  );
  const items = events.filter((e): e is ReadItem => e.kind !== 'package');
  assert.deepEqual(
    items.map((i) => [i.kind, i.pointer, i.line, (i.value as { id: string }).id]),
    [
      ['release', '/releases/0', 2, '1'],
      ['release', '/releases/1', 3, '2'],
    ],
  );
  const pkg = events.at(-1)!;
  assert.equal(pkg.kind, 'package');
  assert.deepEqual(pkg.kind === 'package' && pkg.meta, {
    uri: 'u',
    publisher: { name: 'P' },
    version: '1.1',
  });
  assert.equal(pkg.kind === 'package' && pkg.count, 2);
});

test('releases before any package key are kept until the object ends, then read as a package', async () => {
  const events = await read(`{"releases":[${REL('1')}],"uri":"u"}`);
  assert.deepEqual(
    events.map((e) => [e.kind, e.pointer]),
    [
      ['release', '/releases/0'],
      ['package', ''],
    ],
  );
  assert.deepEqual((events[0] as ReadItem).packageMeta, { uri: 'u' });
});

test('a record whose releases come before its ocid is one record, not a package', async () => {
  const events = await read(
    `{"releases":[{"url":"http://x","date":"2001-02-03T04:05:06Z"}],"ocid":"ocds-213czf-1"}`,
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]!.kind, 'record');
  assert.deepEqual(Object.keys((events[0] as ReadItem).value as object).sort(), ['ocid', 'releases']);
});

test('JSON Lines, concatenated documents, arrays of releases and of packages, with a BOM', async () => {
  const jsonl = await read(`\uFEFF${REL('1')}\n${REL('2')}\r\n\n${REL('3')}`);
  assert.deepEqual(
    jsonl.map((e) => [e.kind, e.document, e.line, e.pointer]),
    [
      ['release', 1, 1, ''],
      ['release', 2, 2, ''],
      ['release', 3, 4, ''],
    ],
  );
  const concat = await read(`${REL('1')}${REL('2')} {"uri":"u","releases":[${REL('3')}]}`);
  assert.deepEqual(
    concat.map((e) => [e.kind, e.document, e.pointer]),
    [
      ['release', 1, ''],
      ['release', 2, ''],
      ['release', 3, '/releases/0'],
      ['package', 3, ''],
    ],
  );
  const array = await read(`[${REL('1')}, {"uri":"u","records":[{"ocid":"ocds-213czf-1","releases":[]}]}]`);
  assert.deepEqual(
    array.map((e) => [e.kind, e.pointer]),
    [
      ['release', '/0'],
      ['record', '/1/records/0'],
      ['package', '/1'],
    ],
  );
});

test('the byte-by-byte stream gives the same items as whole chunks (multi-byte UTF-8 split across chunks)', async () => {
  const text = `{"uri":"u","releases":[{"ocid":"ocds-213czf-1","id":"Gói thầu số 1 — Hà Nội ₫"}]}`;
  const a = await read(text, 1);
  const b = await read(text, 1 << 16);
  assert.deepEqual(a, b);
  assert.equal(((a[0] as ReadItem).value as { id: string }).id, 'Gói thầu số 1 — Hà Nội ₫');
});

test('bad inputs are OcdsReadErrors with a stable code, the file, the line and the pointer', async () => {
  const cases: [string | Buffer, string, RegExp][] = [
    ['null', 'top-level-null', /document 1 is null/],
    ['42', 'top-level-number', /a number 42/],
    ['"x"', 'top-level-string', /a string/],
    ['true', 'top-level-boolean', /a boolean/],
    ['[]', 'empty-array', /empty array/],
    ['[1]', 'array-item-not-object', /element 0 .* a number/],
    ['{}', 'unknown-format', /neither a package/],
    ['', 'empty-input', /no JSON document/],
    ['  \n ', 'empty-input', /no JSON document/],
    ['{"uri":"u","releases":{}}', 'releases-not-array', /"releases" is an object/],
    ['{"uri":"u","releases":5}', 'releases-not-array', /"releases" is a number/],
    ['{"records":"x"}', 'records-not-array', /"records" is a string/],
    [`{"releases":[\n${REL('1')},\n{"ocid": }]}`, 'not-json', /not well-formed JSON/],
    [`{"releases":[${REL('1')}`, 'not-json', /not well-formed JSON/],
    [Buffer.from('{"a":"caf\xe9"}', 'latin1'), 'not-utf8', /not UTF-8 \(byte 0xe9\)/],
    [Buffer.from('\ufeff{"a":1}', 'utf16le'), 'utf16', /UTF-16/],
  ];
  for (const [input, code, message] of cases) {
    const err = await readError(input);
    assert.equal(err.code, code, `${JSON.stringify(String(input))} → ${err.message}`);
    assert.match(err.message, message);
    assert.match(err.message, /^test\.json/);
    assert.match(err.message, new RegExp(`\\[${code}\\]$`));
  }
  const syntax = await readError(`{"uri":"u","releases":[\n${REL('1')},\n{"ocid": }]}`);
  assert.equal(syntax.line, 3);
  assert.match(
    syntax.message,
    /line 3: not well-formed JSON: expected a value \(in or after \/releases\/0\)/,
  );
  const latin = await readError(Buffer.from('{\n"a":\n"caf\xe9"}', 'latin1'));
  assert.equal(latin.line, 3);
});

test('items read before a bad document are still given, then the error', async () => {
  const got: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const it of readOcds(Readable.from([Buffer.from(`${REL('1')}\n1\n`)]))) got.push(it.pointer);
    })(),
    (err: unknown) => err instanceof OcdsReadError && err.code === 'top-level-number' && err.line === 2,
  );
  assert.deepEqual(got, ['']);
});

test('a missing file is an io-error naming it', async () => {
  await assert.rejects(
    (async () => {
      for await (const _ of readOcds('/nonexistent/file.json')) void _;
    })(),
    (err: unknown) =>
      err instanceof OcdsReadError &&
      err.code === 'io-error' &&
      err.message.includes('/nonexistent/file.json'),
  );
});

const FIX = 'ocds-data/fixtures';

test(
  'ocdskit and Data Review Tool fixtures: formats read, bad ones rejected with the right code',
  { skip: skipWithoutShared(FIX) },
  async () => {
    const expected: Record<string, string | number> = {
      'ocdskit/release-package_minimal.json': 1,
      'ocdskit/record-package_minimal.json': 1,
      'ocdskit/release_minimal_pretty.json': 1,
      'ocdskit/record_minimal.json': 1,
      'ocdskit/release-packages.json': 2,
      'ocdskit/release-packages.jsonl': 4,
      'ocdskit/detect-format_whitespace.json': 1,
      'ocdskit/detect-format_array.json': 'empty-array',
      'ocdskit/detect-format_null.json': 'top-level-null',
      'ocdskit/detect-format_number.json': 'top-level-number',
      'ocdskit/detect-format_string.json': 'top-level-string',
      'ocdskit/detect-format_true.json': 'top-level-boolean',
      'ocdskit/detect-format_false.json': 'top-level-boolean',
      'ocdskit/detect-format_object.json': 'unknown-format',
      'ocdskit/detect-format_mixed.json': 'top-level-number',
      'ocdskit/detect-format_empty.json': 0,
      'cove-ocds/latin1.json': 'not-utf8',
      'cove-ocds/utf-16.json': 'utf16',
      'cove-ocds/bad_toplevel_list.json': 'empty-array',
      'cove-ocds/utf8.json': 'releases-not-array',
      'cove-ocds/tenders_releases_2_releases_not_json.json': 'not-json',
      'cove-ocds/non_dict_json.json': 1,
      'cove-ocds/1001_empty_releases.json': 1001,
      'cove-ocds/30_records.json': 30,
    };
    for (const [file, want] of Object.entries(expected)) {
      let count = 0;
      let code: string | undefined;
      try {
        for await (const _ of readOcds(sharedPath(FIX, file))) count++;
      } catch (err) {
        assert.ok(err instanceof OcdsReadError, `${file}: ${String(err)}`);
        code = err.code;
        assert.ok(err.message.includes(file), `${file}: message names the file: ${err.message}`);
      }
      assert.equal(code ?? count, want, file);
    }
  },
);
