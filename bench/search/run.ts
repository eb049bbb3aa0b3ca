/**
 * `npm run bench:search` — the search benchmark (docs/bench-search.md). Generates N synthetic packages
 * (deterministic seed), loads them into a PostgreSQL server database (created by the benchmark) and
 * into PGlite (data directory under /tmp), then runs the fixed mixed query set through the app's
 * `searchTbmt`, warm, and prints p50/p95/p99 and rows per query kind and overall. `--explain` prints
 * `EXPLAIN (ANALYZE, BUFFERS)` of every statement of every query shape and flags sequential scans on
 * big tables. A database already holding the same N and seed is reused (`--reload` to rebuild).
 *
 * Options (environment in brackets):
 *   --n N            packages on PostgreSQL [BENCH_N], default 1000000
 *   --pglite-n N     packages on PGlite [BENCH_PGLITE_N], default 100000
 *   --db pg|pglite|both   which databases, default both
 *   --pg-url URL     server database [BENCH_PG_URL], default postgres://postgres@127.0.0.1:5432/minhbach_bench
 *   --pglite-dir DIR PGlite data directory [BENCH_PGLITE_DIR], default /tmp/minhbach-bench-pglite-N
 *   --seed S         generator seed, default 20260101
 *   --rounds R       timed rounds over the query set (after one warm-up round), default 5
 *   --explain        print the plans instead of timing
 *   --reload         drop and reload the data even when it matches
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { PGliteDialect } from '../../src/db/pglite-dialect.ts';
import { explainQuery, type ExplainFinding } from './explain.ts';
import { universe } from './generate.ts';
import { loadBench, type Exec } from './load.ts';
import { querySet } from './queries.ts';
import { report, timeQueries } from './report.ts';

/** Bumped when the generator changes, so that stored data is rebuilt. */
const GENERATOR_VERSION = 1;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string' },
    'pglite-n': { type: 'string' },
    db: { type: 'string', default: 'both' },
    'pg-url': { type: 'string' },
    'pglite-dir': { type: 'string' },
    seed: { type: 'string', default: '20260101' },
    rounds: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    reload: { type: 'boolean', default: false },
  },
});

function int(name: string, text: string | undefined, fallback: number): number {
  const v = text ?? String(fallback);
  if (!/^\d+$/.test(v) || Number(v) < 1) {
    process.stderr.write(`bench:search: --${name} must be a positive whole number (got "${v}")\n`);
    process.exit(2);
  }
  return Number(v);
}

const N = int('n', args.n ?? process.env.BENCH_N, 1_000_000);
const PGLITE_N = int('pglite-n', args['pglite-n'] ?? process.env.BENCH_PGLITE_N, 100_000);
const SEED = int('seed', args.seed, 20260101);
const ROUNDS = int('rounds', args.rounds, 5);
const PG_URL =
  args['pg-url'] ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/minhbach_bench';
if (!['pg', 'pglite', 'both'].includes(args.db!)) {
  process.stderr.write(`bench:search: --db must be pg, pglite or both (got "${args.db}")\n`);
  process.exit(2);
}

/** An open benchmark database: the app's Kysely handle and the loading session. */
interface Target {
  label: string;
  db: Kysely<DB>;
  exec: Exec;
  /** Empties the database for a reload. */
  reset(): Promise<Target>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

async function openPostgres(url: string, fresh: boolean): Promise<Target> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`bench: database name "${name}" must be a plain identifier`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  // int8 and numeric as JS numbers, as the app reads them (src/db/connect.ts).
  pg.types.setTypeParser(INT8, (v) => Number(v));
  pg.types.setTypeParser(NUMERIC, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  await loader.query(`SET maintenance_work_mem = '256MB'`);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    label: `PostgreSQL (${u.host}/${name})`,
    db,
    exec: (text, params) => loader.query(text, params as unknown[]),
    async reset() {
      await loader.end();
      await db.destroy();
      return openPostgres(url, true);
    },
    async close() {
      await loader.end();
      await db.destroy();
    },
  };
}

async function openPglite(dir: string, fresh: boolean): Promise<Target> {
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({
    dataDir: dir,
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    label: `PGlite (${dir})`,
    db,
    exec: async (text, params) => ({
      rows: (await client.query(text, params)).rows as Record<string, unknown>[],
    }),
    async reset() {
      await client.close();
      return openPglite(dir, true);
    },
    async close() {
      await client.close();
    },
  };
}

/** Makes sure `target` holds exactly the `n` packages of `SEED`, loading them when not. */
async function prepare(target: Target, n: number): Promise<Target> {
  let t = target;
  const migrated = await migrate(t.db).then(
    () => null,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  const want = { n, seed: SEED, generator: GENERATOR_VERSION };
  const stored = await t.exec(`SELECT value FROM app_meta WHERE key = 'bench'`).catch(() => ({ rows: [] }));
  const have = stored.rows[0]?.value;
  if (!args.reload && have && JSON.stringify(have) === JSON.stringify(want)) {
    process.stderr.write(`${t.label}: reusing ${n.toLocaleString('en')} packages already loaded\n`);
    // Data loaded under an earlier version of the migrations is still measured, with a warning.
    if (migrated)
      process.stdout.write(
        `${t.label}: note: schema not up to date (${migrated.message}); --reload rebuilds\n`,
      );
    return t;
  }
  if (migrated) throw migrated;
  const any = await t.exec(`SELECT EXISTS (SELECT 1 FROM tbmt) AS any`);
  if (any.rows[0]?.any || args.reload) {
    t = await t.reset();
    await migrate(t.db);
  }
  process.stderr.write(`${t.label}: loading ${n.toLocaleString('en')} packages…\n`);
  const u = universe(n, SEED);
  const r = await loadBench(t.exec, u, n, {
    progress: (done) => {
      if (done % 50_000 === 0 || done === n)
        process.stderr.write(`  ${done.toLocaleString('en')} / ${n.toLocaleString('en')}\n`);
    },
  });
  await t.exec(
    `INSERT INTO app_meta (key, value) VALUES ('bench', $1::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(want)],
  );
  const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${t.label}: loaded ${n.toLocaleString('en')} packages, ${total.toLocaleString('en')} rows in ` +
      `${r.insertSeconds.toFixed(1)} s (${Math.round(total / r.insertSeconds).toLocaleString('en')} rows/s), ` +
      `indexes + ANALYZE ${r.indexSeconds.toFixed(1)} s\n  rows: ${Object.entries(r.rows)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}\n`,
  );
  if (r.unfilledSearchColumns.length > 0) {
    process.stdout.write(
      `  note: tbmt_search columns left at their defaults: ${r.unfilledSearchColumns.join(', ')}\n`,
    );
  }
  return t;
}

async function bench(target: Target, n: number): Promise<void> {
  const t = await prepare(target, n);
  try {
    const u = universe(n, SEED);
    const queries = querySet(u, n);
    if (args.explain) {
      const findings: ExplainFinding[] = [];
      for (const q of queries)
        findings.push(...(await explainQuery(t.db, q, (s) => process.stdout.write(s))));
      process.stdout.write(`\n${t.label}: sequential scans on big tables\n`);
      if (findings.length === 0)
        process.stdout.write('  none: every statement of every query shape uses an index\n');
      for (const f of findings)
        process.stdout.write(`  ${f.kind} · ${f.label} · statement ${f.statement}: ${f.detail}\n`);
      return;
    }
    const before = os.loadavg()[0]!;
    const samples = await timeQueries(t.db, queries, ROUNDS);
    // The machine's load tells how far the figures are from an idle machine's.
    const load = `load average ${before.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
    process.stdout.write(
      report(
        `${t.label} — ${n.toLocaleString('en')} packages, ${ROUNDS} warm rounds (${load})`,
        queries,
        samples,
      ),
    );
  } finally {
    await t.close();
  }
}

async function main(): Promise<void> {
  if (args.db === 'pg' || args.db === 'both') await bench(await openPostgres(PG_URL, false), N);
  if (args.db === 'pglite' || args.db === 'both') {
    const dir =
      args['pglite-dir'] ?? process.env.BENCH_PGLITE_DIR ?? `/tmp/minhbach-bench-pglite-${PGLITE_N}`;
    await bench(await openPglite(dir, false), PGLITE_N);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:search: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
