import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const SCHEMA = sharedPath('ocds-data', 'schema', '1.1.5');
const skip = skipWithoutShared('ocds-data', 'schema', '1.1.5');
const BIN = path.resolve('bin/minhbach.mjs');

/** Runs the CLI as a child process (asynchronously: the loopback server lives in this process). */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: http.Server;
let base = '';
/** Paths the server answers with HTTP 500 (to simulate a failure half-way). */
const failing = new Set<string>();
const requested: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(url);
    if (failing.has(url)) {
      res.writeHead(500).end('boom');
      return;
    }
    const file = path.join(SCHEMA, url.replace(/^\/schema\/1__1__5\//, ''));
    if (!file.startsWith(SCHEMA) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema/1__1__5/`;
});

after(() => {
  server.close();
});

test(
  'schema fetch downloads the schemas and codelists into the data dir cache; validate then works offline',
  { skip },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-fetch-'));
    const env = { MINHBACH_DATA_DIR: dataDir, MINHBACH_OCDS_SCHEMA_DIR: '' };
    try {
      const r = await run(['ocds', 'schema', 'fetch', '--version', '1.1.5', '--base-url', base], env);
      assert.equal(r.code, 0, r.stderr);
      const dest = path.join(dataDir, 'cache', 'ocds-schema', '1.1.5');
      assert.match(r.stdout, /downloaded 23 files of OCDS 1\.1\.5/);
      for (const f of [
        'release-schema.json',
        'release-package-schema.json',
        'record-package-schema.json',
        'versioned-release-validation-schema.json',
        'codelists/method.csv',
        'codelists/currency.csv',
      ]) {
        assert.ok(fs.existsSync(path.join(dest, f)), f);
      }
      assert.equal(fs.readdirSync(path.join(dest, 'codelists')).length, 19);
      assert.deepEqual(
        fs.readdirSync(path.join(dataDir, 'cache', 'ocds-schema')),
        ['1.1.5'],
        'no temporary folder left',
      );
      // validate without --schema-dir uses the cache
      const fixture = sharedPath(
        'ocds-data',
        'fixtures',
        'cove-ocds',
        'tenders_releases_2_releases_codelists.json',
      );
      const v = await run(['ocds', 'validate', fixture], env);
      assert.equal(v.code, 1, v.stderr);
      assert.match(v.stdout, /codelist-closed \/releases\/0\/tag\/1/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

test(
  'a failure half-way (HTTP 500 on a codelist) exits 2 and leaves the cache as it was',
  { skip },
  async () => {
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-fetch-'));
    fs.writeFileSync(path.join(dest, 'marker.txt'), 'old cache');
    failing.add('/schema/1__1__5/codelists/releaseTag.csv');
    try {
      const r = await run(['ocds', 'schema', 'fetch', '--base-url', base, '--dir', dest], {});
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot download .*codelists\/releaseTag\.csv: HTTP 500.*nothing changed/);
      assert.deepEqual(fs.readdirSync(dest), ['marker.txt']);
      assert.deepEqual(
        fs.readdirSync(path.dirname(dest)).filter((f) => f.startsWith(`${path.basename(dest)}.`)),
        [],
        'no temporary folder left',
      );
    } finally {
      failing.clear();
      fs.rmSync(dest, { recursive: true, force: true });
    }
  },
);

test('no server listening: a clear network error, exit 2, nothing written', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-fetch-'));
  const dest = path.join(parent, '1.1.5');
  try {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const r = await run(
      ['ocds', 'schema', 'fetch', '--base-url', `http://127.0.0.1:${port}/`, '--dir', dest],
      {},
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot download http:\/\/127\.0\.0\.1:\d+\/release-schema\.json: ECONNREFUSED/);
    assert.deepEqual(fs.readdirSync(parent), []);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a version that is not major.minor.patch is a usage error', async () => {
  const r = await run(['ocds', 'schema', 'fetch', '--version', '1.1'], {});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--version must look like 1\.1\.5/);
});
