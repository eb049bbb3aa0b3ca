/**
 * The OCDS endpoints on the demo dataset: release packages paged by links.next, the change feed,
 * record packages with a compiled release, the gzipped JSON Lines download, 400s for bad queries —
 * and everything exported validates with zero errors against OCDS 1.1.5 + bids/bidOpening/lots.
 */
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { loadDemo } from '../src/demo/load.ts';
import { DEMO_REFERENCE_DATE } from '../src/demo/generate.ts';
import { OWN_EXTENSIONS } from '../src/opendata/config.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { portalValidator, tally, useSharedSchema, validateExports } from './helpers/opendata.ts';
import { skipWithoutShared } from './helpers/shared.ts';

const skipSchema = skipWithoutShared('ocds-data', 'schema', '1.1.5');

type Pkg = {
  releases: { ocid: string; id: string; tag: string[] }[];
  links?: { next?: string };
  uri: string;
};

describe('OCDS API on the demo data', () => {
  let database: Database;
  let app: FastifyInstance;
  let total = 0;
  before(async () => {
    useSharedSchema();
    database = await createTestDatabase();
    await loadDemo(database.db, { referenceDate: DEMO_REFERENCE_DATE });
    app = await buildApp({ database });
    total = Number(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM ocds_release WHERE is_own`.execute(
          database.db,
        )
      ).rows[0]!.n,
    );
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('the demo publishes every stage of the procurement', async () => {
    const tags = await sql<{ t: string; n: number }>`
      SELECT tags[1] AS t, count(*)::int AS n FROM ocds_release GROUP BY 1 ORDER BY 1`.execute(database.db);
    const byTag = Object.fromEntries(tags.rows.map((r) => [r.t, r.n]));
    for (const t of [
      'planning',
      'tender',
      'tenderAmendment',
      'tenderUpdate',
      'tenderCancellation',
      'award',
      'contract',
    ])
      assert.ok(byTag[t]! > 0, `some ${t} release (got ${JSON.stringify(byTag)})`);
    assert.ok(total > 200);
  });

  test('/api/ocds/releases pages through every release once with links.next', async () => {
    const ids: string[] = [];
    let url: string | undefined = '/api/ocds/releases?limit=40';
    let pages = 0;
    while (url) {
      const res = await get(url);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const pkg = JSON.parse(res.body) as Pkg & Record<string, unknown>;
      assert.equal(pkg.version, '1.1');
      assert.deepEqual(pkg.extensions, [...OWN_EXTENSIONS]);
      assert.match(pkg.uri, /^http:\/\/localhost(:80)?\/api\/ocds\/releases/);
      ids.push(...pkg.releases.map((r) => `${r.ocid}/${r.id}`));
      url = pkg.links?.next;
      pages++;
    }
    assert.equal(pages, Math.ceil(total / 40) + (total % 40 === 0 ? 1 : 0));
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
  });

  test('/api/ocds/feed always gives links.next; an empty page keeps the cursor', async () => {
    const first = JSON.parse((await get('/api/ocds/feed?limit=1000')).body) as Pkg;
    assert.equal(first.releases.length, total);
    const next = first.links!.next!;
    const empty = JSON.parse((await get(next)).body) as Pkg;
    assert.equal(empty.releases.length, 0);
    assert.equal(
      new URL(empty.links!.next!).searchParams.get('cursor'),
      new URL(next).searchParams.get('cursor'),
    );
  });

  test('bad queries are 400 with a stable code, never 500', async () => {
    for (const url of [
      '/api/ocds/feed?cursor=not-a-cursor',
      '/api/ocds/feed?cursor=' + Buffer.from('f1.1.x').toString('base64url'),
      '/api/ocds/feed?limit=1001',
      '/api/ocds/feed?limit=0',
      '/api/ocds/feed?limit=abc',
      '/api/ocds/releases?limit=1e2',
      '/api/ocds/releases?cursor=' + 'A'.repeat(65),
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, url);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'invalid-parameter', url);
    }
  });

  test('/api/ocds/records/{ocid} gives every release of the process and its compiled release', async () => {
    const row = await sql<{ ocid: string; n: number }>`
      SELECT ocid, count(*)::int AS n FROM ocds_release GROUP BY ocid ORDER BY count(*) DESC, ocid LIMIT 1`.execute(
      database.db,
    );
    const { ocid, n } = row.rows[0]!;
    const res = await get(`/api/ocds/records/${ocid}`);
    assert.equal(res.statusCode, 200);
    const pkg = JSON.parse(res.body) as {
      records: { ocid: string; releases: { date: string }[]; compiledRelease: Record<string, unknown> }[];
    };
    const rec = pkg.records[0]!;
    assert.equal(rec.ocid, ocid);
    assert.equal(rec.releases.length, n);
    assert.deepEqual(rec.compiledRelease.tag, ['compiled']);
    assert.equal(rec.compiledRelease.date, rec.releases.at(-1)!.date);
    assert.ok((rec.compiledRelease.tender as { id: string }).id.startsWith('IB'));

    const missing = await get('/api/ocds/records/ocds-mbhn01-BP0000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal((JSON.parse(missing.body) as { error: { code: string } }).error.code, 'not-found');
  });

  test('/api/ocds/releases.jsonl.gz streams every release, one per line', async () => {
    const res = await get('/api/ocds/releases.jsonl.gz');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/gzip');
    const lines = zlib.gunzipSync(res.rawPayload).toString('utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a newline');
    assert.equal(lines.length, total);
    const ids = new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id));
    assert.equal(ids.size, total);
  });

  test('the OpenAPI description lists the OCDS routes under their tag', async () => {
    const doc = JSON.parse((await get('/api/docs/json')).body) as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    for (const p of [
      '/api/ocds/releases',
      '/api/ocds/feed',
      '/api/ocds/records/{ocid}',
      '/api/ocds/releases.jsonl.gz',
    ])
      assert.deepEqual(doc.paths[p]?.get?.tags, ['ocds'], p);
  });

  test(
    'everything exported validates with zero errors (OCDS 1.1.5 + bids, bidOpening, lots)',
    { skip: skipSchema },
    async () => {
      const v = await portalValidator();
      const r = await validateExports(app, v, (b) => zlib.gunzipSync(b).toString('utf8'));
      const errors = r.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.slice(0, 5), [], `errors: ${JSON.stringify(tally(errors))}`);
      assert.equal(r.releases, total);
      assert.equal(r.lines, total);
      assert.equal(r.compiled, r.records, 'every record has its compiled release');
      // The only warnings: `links` (next page, OCDS API guidance) is not a field of the 1.1 package schema.
      const warnings = r.findings.filter((f) => f.severity === 'warning');
      assert.deepEqual(
        [...new Set(warnings.map((f) => `${f.code} ${f.pointer}`))],
        warnings.length > 0 ? ['additional-field /links'] : [],
        JSON.stringify(tally(r.findings)),
      );
    },
  );
});
