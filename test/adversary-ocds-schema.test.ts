/**
 * `ocds schema fetch` against a hostile or broken server on loopback: answers that are JSON but not a
 * schema, an HTML page where a codelist should be, a body that trickles past the timeout or never
 * ends. Each must fail with a clear SchemaFetchError (CLI exit 2) and leave the cache as it was.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fetchSchema, SchemaFetchError } from '../src/ocds/schema/fetch.ts';

const BIN = path.resolve('bin/minhbach.mjs');
type Mode = 'not-schema' | 'html-codelist' | 'trickle' | 'endless';
let mode: Mode = 'not-schema';
let server: http.Server;
let base = '';
const open = new Set<http.ServerResponse>();

before(async () => {
  server = http.createServer((req, res) => {
    const csv = (req.url ?? '').endsWith('.csv');
    if (mode === 'not-schema') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[1, 2, 3]');
    } else if (mode === 'html-codelist') {
      res.writeHead(200);
      res.end(
        csv ? '<html><body>Maintenance</body></html>' : '{"properties":{"c":{"codelist":"currency.csv"}}}',
      );
    } else if (mode === 'trickle') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"properties":');
      open.add(res); // never finished
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(() => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  server.close();
});

/** A cache folder holding one marker file, to see that a failed fetch leaves it as it was. */
function cacheWithMarker(): { root: string; dest: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'adv-schema-'));
  const dest = path.join(root, 'cache', '1.1.5');
  fs.mkdirSync(dest, { recursive: true });
  fs.writeFileSync(path.join(dest, 'marker'), 'old cache');
  return { root, dest };
}

function assertUntouched(root: string, dest: string): void {
  assert.deepEqual(fs.readdirSync(dest), ['marker'], 'the old cache is still there, unchanged');
  assert.deepEqual(fs.readdirSync(path.dirname(dest)), ['1.1.5'], 'no temporary folder is left behind');
  fs.rmSync(root, { recursive: true, force: true });
}

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('JSON that is not a schema does not replace the cache: exit 2 naming the file', async () => {
  mode = 'not-schema';
  const { root, dest } = cacheWithMarker();
  const r = await runCli(['ocds', 'schema', 'fetch', '--base-url', base, '--dir', dest]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /release-schema\.json is not a JSON Schema/);
  assertUntouched(root, dest);
});

test('an HTML page served as a codelist is refused: exit 2, cache unchanged', async () => {
  mode = 'html-codelist';
  const { root, dest } = cacheWithMarker();
  const r = await runCli(['ocds', 'schema', 'fetch', '--base-url', base, '--dir', dest]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /codelists\/currency\.csv is not a codelist/);
  assertUntouched(root, dest);
});

test('a body that stops half-way past the timeout is a SchemaFetchError, not a stray exception', async () => {
  mode = 'trickle';
  const { root, dest } = cacheWithMarker();
  await assert.rejects(
    fetchSchema({ version: '1.1.5', dest, baseUrl: base, timeoutMs: 300 }),
    (err: Error) =>
      err instanceof SchemaFetchError &&
      /release-schema\.json: no complete answer within 300 ms/.test(err.message),
  );
  assertUntouched(root, dest);
});

test('a body without end is cut at the size limit', async () => {
  mode = 'endless';
  const { root, dest } = cacheWithMarker();
  await assert.rejects(
    fetchSchema({ version: '1.1.5', dest, baseUrl: base, timeoutMs: 60_000 }),
    (err: Error) => err instanceof SchemaFetchError && /larger than \d+ bytes/.test(err.message),
  );
  assertUntouched(root, dest);
});
