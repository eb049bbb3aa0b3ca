/**
 * `npm run bench:ocds` — OCDS benchmark (issue 3): compile and validation throughput on a corpus of
 * ≥ 100,000 releases built from the real samples, and the peak RSS of `minhbach ocds compile` on a
 * ≥ 1 GB JSON Lines file. Targets on one core: compile ≥ 30,000 releases/s, validate ≥ 10,000
 * releases/s, peak RSS ≤ 256 MB.
 *
 * Options (environment): BENCH_OCDS_RELEASES (default 100000), BENCH_OCDS_BIG_MB (default 1024;
 * 0 skips the CLI run), BENCH_OCDS_TMP (default the OS temp dir), MINHBACH_SHARED (../shared).
 * `npm run bench:ocds -- --quick`: 10,000 releases and a 64 MB file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compileRelease, deriveMergeRules, versionRelease } from '../../src/ocds/merge/index.ts';
import { loadSchemaSet } from '../../src/ocds/schema/load.ts';
import { createValidator } from '../../src/ocds/validate/index.ts';
import { loadTemplates, writeCorpus } from './corpus.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(process.env.MINHBACH_SHARED ?? path.join(repo, '..', 'shared'));
const dataDir = path.join(shared, 'ocds-data');
const schemaDir = path.join(dataDir, 'schema', '1.1.5');
const quick = process.argv.includes('--quick');
const nReleases = Number(process.env.BENCH_OCDS_RELEASES ?? (quick ? 10_000 : 100_000));
const bigMb = Number(process.env.BENCH_OCDS_BIG_MB ?? (quick ? 64 : 1024));

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const line = (label: string, value: string, target = ''): void => {
  process.stdout.write(`${label.padEnd(44)} ${value.padStart(30)}  ${target}\n`);
};

/** Reads a JSON Lines corpus, calling `onGroup` with the parsed releases of each ocid (the corpus is grouped). */
async function forEachGroup(
  file: string,
  onGroup: (releases: Record<string, unknown>[]) => void,
): Promise<void> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let group: Record<string, unknown>[] = [];
  for await (const text of rl) {
    if (!text) continue;
    const r = JSON.parse(text) as Record<string, unknown>;
    if (group.length > 0 && group[0]!.ocid !== r.ocid) {
      onGroup(group);
      group = [];
    }
    group.push(r);
  }
  if (group.length > 0) onGroup(group);
}

/** Accumulates the CPU time (user + system, of this process) and the wall time of calls. */
class Meter {
  private cpuMs = 0;
  private wallMs = 0;
  run(f: () => unknown): void {
    const w = performance.now();
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    this.cpuMs += (d.user + d.system) / 1000;
    this.wallMs += performance.now() - w;
  }
  /** `N rel/s` per CPU second, with the wall-clock rate (lower on a busy machine) in brackets. */
  rate(n: number): string {
    return `${fmt(n / (this.cpuMs / 1000))} rel/s (wall ${fmt(n / (this.wallMs / 1000))})`;
  }
}

/** User + system CPU seconds reported by `/usr/bin/time -v`. */
function cpuSeconds(timeOutput: string): number {
  const user = /User time \(seconds\): ([\d.]+)/.exec(timeOutput)?.[1];
  const sys = /System time \(seconds\): ([\d.]+)/.exec(timeOutput)?.[1];
  return Number(user ?? 0) + Number(sys ?? 0);
}

async function main(): Promise<void> {
  if (!fs.existsSync(schemaDir))
    throw new Error(`the benchmark needs ${schemaDir} (../shared beside the repository)`);
  const tmp = fs.mkdtempSync(path.join(process.env.BENCH_OCDS_TMP ?? os.tmpdir(), 'minhbach-bench-ocds-'));
  try {
    process.stdout.write(
      `OCDS benchmark — node ${process.version}, ${os.cpus()[0]?.model ?? '?'}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}\n`,
    );
    const templates = loadTemplates(dataDir);
    const corpus = path.join(tmp, 'corpus.jsonl');
    const t0 = performance.now();
    const written = writeCorpus(corpus, templates, nReleases);
    line(
      'corpus (JSON Lines, grouped by ocid)',
      `${fmt(written.releases)} rel`,
      `${fmt(written.ocids)} ocids, ${(written.bytes / 1e6).toFixed(0)} MB, ${templates.length} templates, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const set = await loadSchemaSet({ schemaDir });
    const rules = deriveMergeRules(set.release);
    const validator = createValidator(set);

    const compile = new Meter();
    const version = new Meter();
    const validate = new Meter();
    let count = 0;
    let findings = 0;
    const tAll = performance.now();
    await forEachGroup(corpus, (group) => {
      count += group.length;
      compile.run(() => compileRelease(group, rules));
      version.run(() => versionRelease(group, rules));
      validate.run(() => {
        for (const r of group) findings += validator.validateRelease(r).length;
      });
    });
    const wall = (performance.now() - tAll) / 1000;
    line('compile (compiledRelease, in memory)', compile.rate(count), 'target ≥ 30,000');
    line('versioned release (in memory)', version.rate(count));
    line(
      'validate (validateRelease, schema + checks)',
      validate.rate(count),
      `target ≥ 10,000 (${fmt(findings)} findings)`,
    );
    line('read + parse + all of the above', `${fmt(count / wall)} rel/s`);

    if (bigMb > 0) {
      const big = path.join(tmp, 'big.jsonl');
      const t1 = performance.now();
      const b = writeCorpus(big, templates, 0, bigMb * 1024 * 1024);
      fs.rmSync(corpus);
      line(
        'big file (JSON Lines)',
        `${(b.bytes / 1e9).toFixed(2)} GB`,
        `${fmt(b.releases)} rel, ${fmt(b.ocids)} ocids, built in ${((performance.now() - t1) / 1000).toFixed(0)} s`,
      );
      const r = spawnSync(
        '/usr/bin/time',
        [
          '-v',
          process.execPath,
          path.join(repo, 'bin', 'minhbach.mjs'),
          'ocds',
          'compile',
          '--schema',
          path.join(schemaDir, 'release-schema.json'),
          '--tmp-dir',
          tmp,
          big,
        ],
        {
          stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'pipe'],
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const stderr = r.stderr ?? '';
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr);
      if (r.status !== 0 || !rss) {
        process.stdout.write(
          `CLI run failed (exit ${r.status}):\n${stderr.split('\n').slice(0, 20).join('\n')}\n`,
        );
        process.exitCode = 1;
      } else {
        const secs = elapsed![1]!.split(':').reduce((acc, x) => acc * 60 + Number(x), 0);
        line(
          'CLI compile of the big file: peak RSS',
          `${(Number(rss[1]) / 1024).toFixed(0)} MB`,
          'target ≤ 256 MB',
        );
        line(
          'CLI compile of the big file: throughput',
          `${fmt(b.releases / secs)} rel/s`,
          `wall ${secs.toFixed(0)} s, ${(b.bytes / 1e6 / secs).toFixed(1)} MB/s (read, spill, compile, write)`,
        );
        const cpu = cpuSeconds(stderr);
        line('  per CPU second (user + system)', `${fmt(b.releases / cpu)} rel/s`, `${cpu.toFixed(0)} CPU s`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
