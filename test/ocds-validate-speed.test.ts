import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isObject, readOcds } from '../src/ocds/read/index.ts';
import { loadSchemaSet } from '../src/ocds/schema/index.ts';
import { createValidator } from '../src/ocds/validate/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

/** Every release of the real samples: releases, and the releases embedded in records. */
async function realReleases(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const real = sharedPath('ocds-data', 'real');
  for (const dir of fs.readdirSync(real)) {
    for (const f of fs.readdirSync(path.join(real, dir))) {
      for await (const item of readOcds(path.join(real, dir, f))) {
        if (item.kind === 'release' && isObject(item.value)) out.push(item.value);
        if (item.kind === 'record' && isObject(item.value)) {
          const rec = item.value;
          if (Array.isArray(rec.releases))
            for (const r of rec.releases) if (isObject(r) && 'id' in r) out.push(r);
        }
      }
    }
  }
  return out;
}

test(
  'validateRelease: at least 10,000 real releases per second of CPU time (one core)',
  { skip: skipWithoutShared('ocds-data', 'real') },
  async () => {
    const set = await loadSchemaSet({ schemaDir: sharedPath('ocds-data', 'schema', '1.1.5') });
    const v = createValidator(set);
    const samples = await realReleases();
    assert.ok(samples.length >= 5, `${samples.length} real releases`);
    // Fresh ids, as the benchmark corpus does; built before timing.
    const corpus = Array.from({ length: 30_000 }, (_, i) => ({
      ...samples[i % samples.length],
      id: `r-${i}`,
      ocid: `ocds-abcdef-${i}`,
    }));
    for (const r of corpus.slice(0, 2000)) v.validateRelease(r); // warm-up (JIT)
    // CPU time of this process, not wall time: the test machine is shared, and one core is the target.
    const start = process.cpuUsage();
    let findings = 0;
    for (const r of corpus) findings += v.validateRelease(r).length;
    const cpu = process.cpuUsage(start);
    const seconds = (cpu.user + cpu.system) / 1e6;
    const rate = corpus.length / seconds;
    console.log(
      `validateRelease: ${Math.round(rate)} releases/s of CPU (${corpus.length} in ${seconds.toFixed(2)} s, ${findings} findings)`,
    );
    assert.ok(findings > 0, 'the real data does have findings (extensions not given)');
    assert.ok(rate >= 10_000, `${Math.round(rate)} releases/s`);
  },
);
