/**
 * The streaming multi-ocid compiler: groups by ocid in memory or through temporary partition files
 * (spill), gives the same results either way, cleans up its files, and locates errors in the input.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { compileRelease, deriveMergeRules } from '../src/ocds/merge/index.ts';
import { compileStream, groupByOcid, type SourcedRelease } from '../src/ocds/merge/stream/compile.ts';

const SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', omitWhenMerged: true },
    date: { type: 'string', omitWhenMerged: true },
    tag: { type: 'array', items: { type: 'string' }, omitWhenMerged: true },
    awards: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
  },
};
const rules = deriveMergeRules(SCHEMA);

/** `n` ocids × `k` releases, interleaved (not grouped), with non-ASCII text to cross chunk borders. */
function interleaved(n: number, k: number): SourcedRelease[] {
  const out: SourcedRelease[] = [];
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      out.push({
        value: {
          ocid: `ocds-abc123-${i}`,
          id: `${i}-${j}`,
          date: `2020-01-0${j + 1}T00:00:00+07:00`,
          tag: ['award'],
          title: `Gói thầu số ${i} — lần ${j} ${'đ'.repeat(50)}`,
          awards: [{ id: `a${j % 2}`, value: { amount: i * 10 + j } }],
        },
        file: 'mem.jsonl',
        pointer: '',
        line: out.length + 1,
      });
    }
  }
  return out;
}

async function* iterate<T>(xs: T[]): AsyncGenerator<T> {
  for (const x of xs) yield x;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-compile-test-'));
}

describe('groupByOcid', () => {
  test('in memory: groups in order of first appearance, releases in input order', async () => {
    const groups = [];
    for await (const g of groupByOcid(iterate(interleaved(5, 3)))) groups.push(g);
    assert.deepEqual(
      groups.map((g) => g.ocid),
      [0, 1, 2, 3, 4].map((i) => `ocds-abc123-${i}`),
    );
    assert.deepEqual(
      groups[2]!.releases.map((r) => (r.value as { id: string }).id),
      ['2-0', '2-1', '2-2'],
    );
  });

  test('spilled and re-partitioned: same groups, temporary files removed', async () => {
    const tmp = tempDir();
    const input = interleaved(200, 3);
    let spilled = '';
    const groups = new Map<string, SourcedRelease[]>();
    for await (const g of groupByOcid(iterate(input), {
      memoryBudget: 10_000,
      partitions: 4,
      maxPartitionBytes: 20_000,
      tmpDir: tmp,
      onSpill: (d) => (spilled = d),
    })) {
      assert.equal(groups.has(g.ocid), false, `ocid ${g.ocid} handed out twice`);
      groups.set(g.ocid, g.releases);
    }
    assert.ok(spilled.startsWith(tmp), 'the input was spilled to the temporary directory');
    assert.equal(groups.size, 200);
    for (const [ocid, releases] of groups) {
      const expected = input.filter((r) => (r.value as { ocid: string }).ocid === ocid);
      assert.deepEqual(releases, expected);
    }
    assert.deepEqual(fs.readdirSync(tmp), [], 'temporary files are removed');
    fs.rmSync(tmp, { recursive: true });
  });

  test('a consumer stopping early still removes the temporary files', async () => {
    const tmp = tempDir();
    for await (const _g of groupByOcid(iterate(interleaved(50, 2)), { memoryBudget: 1000, tmpDir: tmp }))
      break;
    assert.deepEqual(fs.readdirSync(tmp), []);
    fs.rmSync(tmp, { recursive: true });
  });
});

describe('compileStream', () => {
  test('spilling gives the same compiled releases as compiling in memory', async () => {
    const input = interleaved(100, 3);
    const tmp = tempDir();
    const results = new Map<string, unknown>();
    for await (const g of compileStream(iterate(input), { rules, memoryBudget: 5000, tmpDir: tmp })) {
      assert.equal(g.error, undefined);
      results.set(g.ocid, g.compiledRelease);
    }
    assert.equal(results.size, 100);
    const seven = input
      .filter((r) => (r.value as { ocid: string }).ocid === 'ocds-abc123-7')
      .map((r) => r.value);
    assert.deepEqual(results.get('ocds-abc123-7'), compileRelease(seven, rules).value);
    assert.deepEqual((results.get('ocds-abc123-7') as { awards: unknown[] }).awards, [
      { id: 'a0', value: { amount: 72 } },
      { id: 'a1', value: { amount: 71 } },
    ]);
    fs.rmSync(tmp, { recursive: true });
  });

  test('a merge error names the input file and the pointer inside it; other ocids go on', async () => {
    const input: SourcedRelease[] = [
      {
        value: { ocid: 'o-1', id: '1', date: '2020-01-01T00:00:00Z', awards: 'none' },
        file: 'a.json',
        pointer: '/releases/0',
      },
      {
        value: { ocid: 'o-1', id: '2', date: '2020-01-02T00:00:00Z', awards: { id: 'x' } },
        file: 'b.json',
        pointer: '/releases/4',
        line: 9,
      },
      {
        value: { ocid: 'o-2', id: '3', date: '2020-01-02T00:00:00Z' },
        file: 'b.json',
        pointer: '/releases/5',
      },
      { value: { id: '4', date: '2020-01-02T00:00:00Z' }, file: 'b.json', pointer: '/releases/6' },
    ];
    const out = [];
    for await (const g of compileStream(iterate(input), { rules })) out.push(g);
    assert.deepEqual(out[0]!.error, {
      code: 'inconsistent-type',
      message: out[0]!.error!.message,
      file: 'b.json',
      pointer: '/releases/4/awards',
      line: 9,
    });
    assert.equal(out[0]!.compiledRelease, undefined);
    assert.equal(out[1]!.compiledRelease?.ocid, 'o-2');
    assert.equal(out[2]!.error?.code, 'missing-ocid');
    assert.equal(out[2]!.error?.pointer, '/releases/6');
  });
});
