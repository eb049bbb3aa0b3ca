import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { readOcds } from '../src/ocds/read/index.ts';

const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, so that heapUsed shows what is retained, not garbage not yet collected. */
const gc = vm.runInNewContext('gc') as () => void;

/** A release of about 1 KB, with a fresh id. */
function release(i: number): Record<string, unknown> {
  return {
    ocid: `ocds-213czf-${i}`,
    id: `r-${i}`,
    date: '2026-01-02T03:04:05Z',
    tag: ['tender'],
    initiationType: 'tender',
    tender: {
      id: `t-${i}`,
      title: 'Mua sắm thiết bị y tế cho bệnh viện đa khoa — gói thầu số '.repeat(4) + i,
      items: Array.from({ length: 5 }, (_, k) => ({
        id: String(k),
        description: 'Máy siêu âm màu',
        quantity: k,
      })),
    },
  };
}

/** A generated input of about `bytes` bytes in 64 KB chunks: a pretty-printed release package, or JSON Lines. */
function generate(
  bytes: number,
  format: 'package' | 'jsonl',
): { stream: AsyncIterable<Buffer>; count: () => number } {
  let i = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    let produced = 0;
    let batch = format === 'package' ? '{"uri":"http://example.com","version":"1.1","releases":[\n' : '';
    while (produced < bytes) {
      const text =
        format === 'package'
          ? `${i > 0 ? ',\n' : ''}${JSON.stringify(release(i), null, 2)}`
          : `${JSON.stringify(release(i))}\n`;
      produced += text.length;
      i++;
      batch += text;
      if (batch.length >= 64 * 1024) {
        yield Buffer.from(batch);
        batch = '';
      }
    }
    if (format === 'package') batch += '\n],"publisher":{"name":"P"}}\n';
    yield Buffer.from(batch);
  }
  return { stream: chunks(), count: () => i };
}

for (const format of ['package', 'jsonl'] as const) {
  test(`streaming a generated ${format} of 60 MB retains a bounded heap`, async () => {
    const input = generate(60 * MB, format);
    gc();
    const base = process.memoryUsage().heapUsed;
    const retained: number[] = [];
    let n = 0;
    for await (const item of readOcds(input.stream)) {
      n++;
      assert.equal((item.value as { id: string }).id, `r-${n - 1}`);
      if (n % 10_000 === 0) {
        gc();
        retained.push(process.memoryUsage().heapUsed - base);
      }
    }
    assert.equal(n, input.count());
    assert.ok(n > 40_000, `${n} releases`);
    // Holding what was read would grow the heap by tens of MB: it stays within a few MB throughout.
    const mb = retained.map((r) => Math.round((10 * r) / MB) / 10);
    assert.ok(Math.max(...retained) < 8 * MB, `retained heap (MB) every 10,000 releases: ${mb.join(', ')}`);
    assert.ok(
      retained.at(-1)! - retained[0]! < 4 * MB,
      `the retained heap grows with input: ${mb.join(', ')}`,
    );
  });
}
