/**
 * `--explain`: every SQL statement a query of the set runs (captured by a Kysely plugin while the
 * real `searchTbmt` runs) is run again under `EXPLAIN (ANALYZE, BUFFERS)`; the plan is printed and any
 * sequential scan on a big table (more than `BIG_TABLE_ROWS` rows by the planner's statistics) is
 * reported.
 */
import {
  CompiledQuery,
  createQueryId,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { DB } from '../../src/db/connect.ts';
import { searchTbmt } from '../../src/procurement/queries/search.ts';
import type { BenchQuery } from './queries.ts';

/** Tables with more rows than this are "big": a sequential scan on them is flagged. */
export const BIG_TABLE_ROWS = 10_000;

/** A sequential scan on a big table in the plan of one statement of one query. */
export interface ExplainFinding {
  kind: string;
  label: string;
  statement: number;
  detail: string;
}

class Capture implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Prints the plans of query `q` through `out`; returns the sequential scans on big tables. */
export async function explainQuery(
  db: Kysely<DB>,
  q: BenchQuery,
  out: (s: string) => void,
): Promise<ExplainFinding[]> {
  const capture = new Capture();
  await searchTbmt(db.withPlugin(capture), q.params, { facets: q.facets });
  const sizes = await sql<{ relname: string; n: number }>`
    SELECT relname, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r' AND reltuples > ${BIG_TABLE_ROWS}`.execute(
    db,
  );
  const big = new Set(sizes.rows.map((r) => r.relname));
  const findings: ExplainFinding[] = [];
  out(`\n=== ${q.kind} · ${q.label}${q.facets ? ' (facets)' : ''}\n`);
  for (const [i, node] of capture.nodes.entries()) {
    const compiled = db.getExecutor().compileQuery(node, createQueryId());
    const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]),
    );
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    out(`--- statement ${i + 1}: ${compiled.sql.replace(/\s+/g, ' ').slice(0, 300)}\n${text}\n`);
    const lines = text.split('\n');
    for (const [k, line] of lines.entries()) {
      const m = /Seq Scan on (\w+)/.exec(line);
      if (!m || !big.has(m[1]!)) continue;
      // Rows read = rows returned + rows removed by the filter (the next lines of the node), per loop.
      const a = /actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+) loops=(\d+)/.exec(line);
      const removedLine = lines.slice(k + 1, k + 4).find((l) => l.includes('Rows Removed by Filter'));
      const removed = Number(/Rows Removed by Filter: ([\d.]+)/.exec(removedLine ?? '')?.[1] ?? 0);
      const read = a ? (Number(a[1]) + removed) * Number(a[2]) : Number.NaN;
      const early = read < BIG_TABLE_ROWS / 10 ? ' — stopped early (LIMIT), harmless' : '';
      findings.push({
        kind: q.kind,
        label: q.label,
        statement: i + 1,
        detail: `Seq Scan on ${m[1]} read ${Number.isNaN(read) ? '?' : read.toLocaleString('en')} rows${early}`,
      });
    }
  }
  return findings;
}
