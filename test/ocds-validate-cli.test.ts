import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const BIN = path.resolve('bin/minhbach.mjs');
const SCHEMA = sharedPath('ocds-data', 'schema', '1.1.5');
const FIX = sharedPath('ocds-data', 'fixtures');
const skip = skipWithoutShared('ocds-data');

function run(
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'ocds', 'validate', ...args], {
    input: opts.input ?? '',
    env: { ...process.env, MINHBACH_OCDS_SCHEMA_DIR: SCHEMA, ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a valid package: exit 0 and a summary saying valid', { skip }, () => {
  const file = path.join(FIX, 'ocdskit', 'release-package_minimal.json');
  const r = run([file]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(
    r.stdout,
    `${file}: hợp lệ / valid — 1 releases, 0 records; 0 errors, 0 warnings, 0 notices\n`,
  );
});

test(
  'invalid data: exit 1, one line per finding with file, line, severity, code and pointer',
  { skip },
  () => {
    const file = path.join(FIX, 'cove-ocds', 'badfile_all_validation_errors.json');
    const r = run(['--schema-dir', SCHEMA, file], { env: { MINHBACH_OCDS_SCHEMA_DIR: '/nonexistent' } });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(
      lines.includes(
        `${file}:9: error schema-required /releases/0/initiationType — "initiationType" is missing but required`,
      ),
      r.stdout,
    );
    assert.ok(
      lines.includes(
        `${file}:9: error codelist-closed /releases/0/tender/value/currency — "badCurrencyCode" is not a code of the closed codelist currency.csv`,
      ),
    );
    assert.ok(lines.some((l) => l.startsWith(`${file}:1: error schema-format /uri — `)));
    assert.match(
      lines.at(-1)!,
      /KHÔNG hợp lệ \/ INVALID — 1 releases, 0 records; 14 errors, 3 warnings, 0 notices$/,
    );
  },
);

test(
  '--format json: one JSON object per file with the findings, their lines and the counts',
  { skip },
  () => {
    const a = path.join(FIX, 'lib-cove-ocds', 'common_checks', 'releases_non_unique.json');
    const b = path.join(FIX, 'ocdskit', 'release-package_minimal.json');
    const r = run(['--format', 'json', a, b]);
    assert.equal(r.code, 1, r.stderr);
    const [ra, rb] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(ra.file, a);
    assert.equal(ra.valid, false);
    assert.equal(ra.releases, 5);
    assert.equal(ra.schemaVersion, '1.1.5');
    assert.deepEqual(
      ra.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { code: string; pointer: string; line: number }) => [f.code, f.pointer, f.line]),
      [
        ['release-duplicate-id', '/releases/1', 16],
        ['release-duplicate-id', '/releases/3', 30],
        ['release-duplicate-id', '/releases/4', 37],
      ],
    );
    assert.deepEqual(rb.counts, { error: 0, warning: 0, notice: 0 });
    assert.equal(rb.valid, true);
  },
);

test('stdin (JSON Lines) is read when no file is given', { skip }, () => {
  const rel = (id: string, ocid = 'ocds-213czf-1') =>
    JSON.stringify({ ocid, id, date: '2001-02-03T04:05:06Z', tag: ['tender'], initiationType: 'tender' });
  const ok = run([], { input: `${rel('1')}\n${rel('2')}\n` });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /<stdin>:1: notice unpackaged (\(root\)) — /);
  assert.match(ok.stdout, /<stdin>: hợp lệ \/ valid — 2 releases/);
  const dup = run(['-'], { input: `${rel('1')}\n${rel('1')}\n${rel('3', 'bad')}\n` });
  assert.equal(dup.code, 1);
  assert.match(
    dup.stdout,
    /<stdin>:2: error release-duplicate-id \(root\) — another release has ocid "ocds-213czf-1" and id "1": the same as at \(root\) of document 1 \(line 1\)/,
  );
  assert.match(dup.stdout, /<stdin>:3: warning ocid-prefix \/ocid — /);
});

test('input that is not OCDS JSON: exit 1 with the read error code; a missing file: exit 2', { skip }, () => {
  const bad = run([path.join(FIX, 'cove-ocds', 'latin1.json')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /latin1\.json:3: error not-utf8 \(root\) — the file is not UTF-8/);
  const notJson = run([], { input: '{"releases": [' });
  assert.equal(notJson.code, 1);
  assert.match(notJson.stdout, /error not-json/);
  const missing = run(['/nonexistent/x.json']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /file not found: \/nonexistent\/x\.json/);
  assert.equal(missing.stdout, '');
});

test('no schema: exit 2 naming where it looked and how to fetch it', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-cli-'));
  try {
    const r = run([], { input: '{}', env: { MINHBACH_OCDS_SCHEMA_DIR: '', MINHBACH_DATA_DIR: dataDir } });
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(path.join(dataDir, 'cache', 'ocds-schema', '1.1.5')), r.stderr);
    assert.match(r.stderr, /minhbach ocds schema fetch/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('--extension: the fields of a local extension are no longer additional fields', { skip }, () => {
  const file = path.join(FIX, 'cove-ocds', 'badfile_extension_validation_errors.json');
  const without = run([file]);
  assert.match(without.stdout, /warning additional-field \/releases\/0\/bids /);
  const withExt = run([
    '--extension',
    sharedPath('ocds-data', 'extensions', 'bid'),
    path.join(FIX, 'cove-ocds', 'evil'),
    '--',
    file,
  ]);
  assert.doesNotMatch(withExt.stdout, /additional-field \/releases\/0\/bids /);
  assert.doesNotMatch(withExt.stdout, /additional-field \/releases\/0\/newfield /);
  // the URLs in the data (…/ocds_bid_extension/…, …/evil/extension.json) match the local folders
  assert.doesNotMatch(withExt.stdout, /extension-not-available/);
  assert.match(without.stdout, /warning extension-not-available \/extensions\/0 /);
  // and the extension's rules apply (the Data Review Tool's errors for this fixture)
  for (const e of [
    'schema-type /releases/0/bids/statistics',
    'schema-format /releases/0/bids/details/0/date',
    'schema-type /releases/0/newfield',
    'codelist-closed /releases/0/bids/details/0/status',
  ]) {
    assert.ok(withExt.stdout.includes(`error ${e} `), e);
  }
  assert.equal(withExt.code, 1);
});

test(
  'a progress bar on stderr for a large file when stderr is a terminal, none otherwise',
  { skip: skip || (!fs.existsSync('/usr/bin/script') && 'needs /usr/bin/script for a terminal') },
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-cli-'));
    try {
      const file = path.join(dir, 'big.jsonl');
      const rel = (i: number) =>
        JSON.stringify({
          ocid: `ocds-213czf-${i}`,
          id: String(i),
          date: '2001-02-03T04:05:06Z',
          tag: ['tender'],
          initiationType: 'tender',
          tender: { id: 't', description: 'x'.repeat(1000) },
        });
      fs.writeFileSync(file, Array.from({ length: 11_000 }, (_, i) => rel(i)).join('\n'));
      const plain = run([file]);
      assert.equal(plain.code, 0, plain.stdout);
      assert.equal(plain.stderr, '');
      // `script` runs the command on a pseudo-terminal (its output is the terminal's)
      const cmd = [process.execPath, BIN, 'ocds', 'validate', file].map((a) => `'${a}'`).join(' ');
      const tty = spawnSync('/usr/bin/script', ['-qec', `${cmd} > /dev/null`, '/dev/null'], {
        env: { ...process.env, MINHBACH_OCDS_SCHEMA_DIR: SCHEMA },
        encoding: 'utf8',
      });
      assert.equal(tty.status, 0, tty.stdout + tty.stderr);
      assert.match(tty.stdout, /validating \[[█░]+\] 100% (\d+)\/\1 MB/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
