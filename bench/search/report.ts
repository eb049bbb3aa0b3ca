/** Timing the query set warm and printing percentiles per query kind and overall. */
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/connect.ts';
import { searchTbmt } from '../../src/procurement/queries/search.ts';
import { QUERY_KINDS, type BenchQuery } from './queries.ts';

/** One timed run of one query: milliseconds, rows returned, total matches. */
export interface Sample {
  query: number;
  ms: number;
  rows: number;
  total: number;
}

/** Runs every query once to warm up, then `rounds` timed rounds (query order fixed). */
export async function timeQueries(db: Kysely<DB>, queries: BenchQuery[], rounds: number): Promise<Sample[]> {
  const run = async (q: BenchQuery) => searchTbmt(db, q.params, { facets: q.facets });
  for (const q of queries) await run(q);
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, q] of queries.entries()) {
      const t0 = performance.now();
      const res = await run(q);
      samples.push({ query: i, ms: performance.now() - t0, rows: res.items.length, total: res.total });
    }
  }
  return samples;
}

/** The `p`-th percentile (nearest rank) of `values`, 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ms = (v: number) => v.toFixed(1);

/** The report: one line per kind and overall, then the median of each query. */
export function report(title: string, queries: BenchQuery[], samples: Sample[]): string {
  const lines = [`\n${title}`];
  lines.push(
    `${pad('kind', 17)}${lpad('queries', 8)}${lpad('samples', 8)}${lpad('p50 ms', 9)}${lpad('p95 ms', 9)}${lpad('p99 ms', 9)}${lpad('max ms', 9)}${lpad('rows', 7)}${lpad('matches', 10)}`,
  );
  const line = (label: string, s: Sample[], nq: number) => {
    const t = s.map((x) => x.ms);
    const avg = (f: (x: Sample) => number) => (s.length ? s.reduce((a, x) => a + f(x), 0) / s.length : 0);
    lines.push(
      `${pad(label, 17)}${lpad(String(nq), 8)}${lpad(String(s.length), 8)}${lpad(ms(percentile(t, 50)), 9)}` +
        `${lpad(ms(percentile(t, 95)), 9)}${lpad(ms(percentile(t, 99)), 9)}${lpad(ms(Math.max(0, ...t)), 9)}` +
        `${lpad(avg((x) => x.rows).toFixed(1), 7)}${lpad(Math.round(avg((x) => x.total)).toLocaleString('en'), 10)}`,
    );
  };
  for (const kind of QUERY_KINDS) {
    const ids = new Set(queries.flatMap((q, i) => (q.kind === kind ? [i] : [])));
    line(
      kind,
      samples.filter((s) => ids.has(s.query)),
      ids.size,
    );
  }
  line('overall', samples, queries.length);
  lines.push(
    '',
    `${pad('query', 60)}${lpad('p50 ms', 9)}${lpad('max ms', 9)}${lpad('rows', 6)}${lpad('matches', 10)}`,
  );
  for (const [i, q] of queries.entries()) {
    const s = samples.filter((x) => x.query === i);
    const t = s.map((x) => x.ms);
    lines.push(
      `${pad(`${q.kind} · ${q.label}`.slice(0, 59), 60)}${lpad(ms(percentile(t, 50)), 9)}${lpad(ms(Math.max(0, ...t)), 9)}` +
        `${lpad(String(s[0]?.rows ?? 0), 6)}${lpad((s[0]?.total ?? 0).toLocaleString('en'), 10)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
