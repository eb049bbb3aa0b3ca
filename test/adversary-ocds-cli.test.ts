/**
 * `minhbach ocds validate` used carelessly or fed hostile files: stdin named twice, a 0-byte file,
 * a directory, `__proto__` keys (which must stay plain data, never an object's prototype), nesting
 * deep enough to overflow a recursive walk. Exit codes as docs/ocds-validate.md says: 1 for bad data,
 * 2 for usage and unreadable input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const BIN = path.resolve('bin/minhbach.mjs');
const SCHEMA = sharedPath('ocds-data', 'schema', '1.1.5');
const skip = skipWithoutShared('ocds-data', 'schema', '1.1.5');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adv-ocds-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function validate(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, 'ocds', 'validate', ...args], {
    input,
    env: { ...process.env, MINHBACH_OCDS_SCHEMA_DIR: SCHEMA },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('stdin named twice is a usage error before anything is read (exit 2)', { skip }, () => {
  const r = validate(['-', '-'], '{"ocid":"ocds-abcdef-1","id":"1"}');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '', 'no half report');
  assert.match(r.stderr, /stdin \("-"\) can be read only once/);
});

test('a 0-byte file is invalid data (exit 1), a directory is unreadable input (exit 2)', { skip }, () => {
  const empty = path.join(dir, 'empty.json');
  fs.writeFileSync(empty, '');
  const r = validate([empty]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /error empty-input/);
  const d = validate([dir]);
  assert.equal(d.code, 2);
  assert.match(d.stdout, /error io-error .*EISDIR/);
});

test(
  '"__proto__" keys are plain unknown fields: no inherited values, no polluted prototype',
  { skip },
  () => {
    const file = path.join(dir, 'proto.json');
    fs.writeFileSync(
      file,
      '{"ocid":"ocds-abcdef-1","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"],"initiationType":"tender",' +
        '"tender":{"__proto__":{"id":"t-1"}},"__proto__":{"polluted":true}}',
    );
    const r = validate(['--format', 'json', file]);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { code: string; pointer: string }[] };
    const codes = report.findings.map((f) => `${f.code} ${f.pointer}`);
    assert.ok(
      codes.includes('schema-required /tender/id'),
      'tender.id is not inherited from a forged prototype',
    );
    assert.ok(codes.includes('additional-field /__proto__'));
  },
);
