/**
 * `minhbach ocds compile` run as a child process on real fixture files: JSON Lines and record
 * package output, stdin, spilling, exit codes and messages naming file and JSON pointer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'minhbach.mjs');
const SCHEMA = sharedPath('ocds-data', 'schema', '1.1.5', 'release-schema.json');
const FICTIONAL = sharedPath('ocds-data', 'examples', 'sample-data-fictional-1.1');
const UPDATES = sharedPath('ocds-data', 'examples', 'standard-1.1', 'merging', 'updates');
const skip = skipWithoutShared('ocds-data', 'schema', '1.1.5');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `minhbach ocds compile ARGS` with an empty data dir (no cached schema), optional stdin. */
function compile(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-compile-cli-'));
  const child = spawn(process.execPath, [BIN, 'ocds', 'compile', ...args], {
    env: { ...process.env, MINHBACH_DATA_DIR: dataDir, MINHBACH_OCDS_SCHEMA_DIR: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

const load = (p: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>;
const lines = (s: string): unknown[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);

describe('minhbach ocds compile', { skip }, () => {
  const record = (file: string): Record<string, unknown> =>
    (load(path.join(FICTIONAL, 'record', file)).records as Record<string, unknown>[])[0]!;

  test('a release package → one compiled release per ocid as JSON Lines', async () => {
    const r = await compile(['--schema', SCHEMA, path.join(FICTIONAL, 'ocds-213czf-000-00001.json')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [record('ocds-213czf-000-00001.json').compiledRelease]);
  });

  test('--versioned → versioned releases', async () => {
    const r = await compile([
      '--versioned',
      '--schema',
      SCHEMA,
      path.join(FICTIONAL, 'ocds-213czf-000-00001.json'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [record('ocds-213czf-000-00001-withversions.json').versionedRelease]);
  });

  test('several files on stdin (concatenated packages) → the worked example', async () => {
    const input = ['tender1', 'tender2', 'tender3', 'award1', 'award2']
      .map((f) => fs.readFileSync(path.join(UPDATES, `${f}.json`), 'utf8'))
      .join('\n');
    const r = await compile(['--schema', SCHEMA], input);
    assert.equal(r.code, 0, r.stderr);
    const merged = (load(path.join(UPDATES, 'merged.json')).records as Record<string, unknown>[])[0]!;
    assert.deepEqual(lines(r.stdout), [merged.compiledRelease]);
  });

  test('--package --versioned --linked-releases → a record package', async () => {
    const file = path.join(FICTIONAL, 'ocds-213czf-000-00001.json');
    const r = await compile([
      '--package',
      '--versioned',
      '--linked-releases',
      '--schema',
      SCHEMA,
      '--uri',
      'https://example.com/records.json',
      '--published-date',
      '2026-01-01T00:00:00Z',
      file,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const pkg = JSON.parse(r.stdout) as Record<string, unknown> & { records: Record<string, unknown>[] };
    const input = load(file);
    assert.equal(pkg.uri, 'https://example.com/records.json');
    assert.equal(pkg.publishedDate, '2026-01-01T00:00:00Z');
    assert.equal(pkg.version, '1.1');
    assert.deepEqual(pkg.publisher, input.publisher);
    assert.deepEqual(pkg.packages, [input.uri]);
    assert.equal(pkg.records.length, 1);
    const rec = pkg.records[0]!;
    assert.equal(rec.ocid, 'ocds-213czf-000-00001');
    assert.deepEqual(rec.compiledRelease, record('ocds-213czf-000-00001.json').compiledRelease);
    assert.deepEqual(
      rec.versionedRelease,
      record('ocds-213czf-000-00001-withversions.json').versionedRelease,
    );
    const releases = rec.releases as { url: string; date: string }[];
    assert.equal(releases.length, 6);
    assert.equal(releases[0]!.url, `${String(input.uri)}#ocds-213czf-000-00001-01-planning`);
  });

  test('a large unsorted JSON Lines input is spilled to temporary files and compiled right', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-compile-cli-spill-'));
    const releases = load(path.join(FICTIONAL, 'ocds-213czf-000-00001.json')).releases as Record<
      string,
      unknown
    >[];
    const input: string[] = [];
    for (const rel of releases)
      for (let i = 0; i < 40; i++) input.push(JSON.stringify({ ...rel, ocid: `ocds-213czf-${i}` }));
    const file = path.join(tmp, 'in.jsonl');
    fs.writeFileSync(file, input.join('\n') + '\n');
    const r = await compile(['--schema', SCHEMA, '--memory-budget', '20000', '--tmp-dir', tmp, file]);
    assert.equal(r.code, 0, r.stderr);
    const out = lines(r.stdout) as Record<string, unknown>[];
    assert.equal(out.length, 40);
    const expected = record('ocds-213czf-000-00001.json').compiledRelease as Record<string, unknown>;
    const seven = out.find((c) => c.ocid === 'ocds-213czf-7')!;
    assert.deepEqual(seven, {
      ...expected,
      ocid: 'ocds-213czf-7',
      id: `ocds-213czf-7-${String(expected.date)}`,
    });
    assert.deepEqual(fs.readdirSync(tmp), ['in.jsonl'], 'temporary files removed');
    fs.rmSync(tmp, { recursive: true });
  });

  test('a merge error → exit 1, file and JSON pointer named, other ocids still written', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-compile-cli-bad-'));
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        uri: 'u',
        publisher: { name: 'p' },
        publishedDate: '2020-01-01T00:00:00Z',
        version: '1.1',
        releases: [
          { ocid: 'ocds-a-1', id: '1', date: '2020-01-01T00:00:00Z', tag: ['tender'], tender: { id: 't' } },
          { ocid: 'ocds-a-1', id: '2', date: null, tag: ['tender'] },
          { ocid: 'ocds-a-2', id: '3', date: '2020-01-01T00:00:00Z', tag: ['tender'], tender: { id: 't' } },
        ],
      }),
    );
    const r = await compile(['--schema', SCHEMA, file]);
    assert.equal(r.code, 1);
    assert.ok(
      r.stderr.includes(`${file}:1 /releases/1/date: the release has "date": null [null-date]`),
      r.stderr,
    );
    assert.deepEqual(
      (lines(r.stdout) as { ocid: string }[]).map((c) => c.ocid),
      ['ocds-a-2'],
    );
    fs.rmSync(tmp, { recursive: true });
  });

  test('input that is not JSON → exit 1 naming the file', async () => {
    const r = await compile([
      '--schema',
      SCHEMA,
      sharedPath('ocds-data', 'fixtures', 'ocds-merge', 'README.md'),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /README\.md.*not-json/s);
  });

  test('usage and I/O errors → exit 2', async () => {
    const missing = await compile(['--schema', SCHEMA, '/nonexistent/releases.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file: \/nonexistent\/releases\.json/);
    const linked = await compile(['--linked-releases', '--schema', SCHEMA]);
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /--linked-releases needs --package/);
    const noSchema = await compile([path.join(FICTIONAL, 'ocds-213czf-000-00001.json')]);
    assert.equal(noSchema.code, 2);
    assert.match(noSchema.stderr, /minhbach ocds schema fetch/);
    assert.equal(noSchema.stdout, '');
  });

  test('the schema can come from MINHBACH_OCDS_SCHEMA_DIR', async () => {
    const r = await compile([path.join(FICTIONAL, 'ocds-213czf-000-00001-02-tender.json')], undefined, {
      MINHBACH_OCDS_SCHEMA_DIR: path.dirname(SCHEMA),
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((lines(r.stdout)[0] as { ocid: string }).ocid, 'ocds-213czf-000-00001');
  });
});
