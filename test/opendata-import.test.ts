/**
 * `minhbach import ocds`: other publishers' OCDS into the release store — the real packages of
 * ../shared/ocds-data/real import without a crash, re-importing changes nothing, every problem names
 * its file and JSON pointer, what is usable is kept, and imported releases stay out of the portal's
 * own feed while their records are served.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Command } from 'commander';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/connect.ts';
import { registerImportOcds } from '../src/cli/import-ocds.ts';
import { importOcdsFiles } from '../src/opendata/import.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import { snapshot } from './helpers/snapshot.ts';
import { useSharedSchema } from './helpers/opendata.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';
import { saveFacts, amendedNotice } from './helpers/facts-fixtures.ts';

const skip = skipWithoutShared('ocds-data', 'real');
const REAL = () =>
  fs
    .readdirSync(sharedPath('ocds-data', 'real'))
    .flatMap((d) =>
      fs.readdirSync(sharedPath('ocds-data', 'real', d)).map((f) => sharedPath('ocds-data', 'real', d, f)),
    )
    .filter((f) => f.endsWith('.json'))
    .sort();

const UA_OCID = 'ocds-be6bcu-UA-2019-02-25-000920-c';

describe('importing other publishers’ OCDS', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  let tmp: string;
  before(async () => {
    useSharedSchema();
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice()]);
    app = await buildApp({ database });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minhbach-ocds-import-'));
  });
  after(async () => {
    await app?.close();
    await database?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the real packages import without a crash; linked-only records are reported, not guessed', async () => {
    const reports = await importOcdsFiles(database.db, REAL());
    const byName = Object.fromEntries(reports.map((r) => [path.basename(r.file), r]));
    assert.equal(reports.length, 7);
    for (const r of reports) assert.equal(r.readError, undefined, r.file);
    assert.equal(
      byName['release.json']!.stored + byName['releases.json']!.stored,
      2,
      'ProZorro: 2 distinct releases',
    );
    assert.equal(byName['releases.json']!.read, 2);
    const jalisco = byName['record-package-ocds-xs1qbl-02-0070-00-2017.json']!;
    assert.equal(jalisco.read, 0);
    assert.deepEqual(
      jalisco.problems.map((p) => [p.code, p.pointer, p.severity]),
      [['linked-releases', '/records/0/releases', 'warning']],
    );
    const stored = await sql<{ publisher: string; n: number }>`
      SELECT publisher, count(*)::int AS n FROM ocds_release WHERE NOT is_own GROUP BY 1 ORDER BY 1`.execute(
      database.db,
    );
    assert.deepEqual(stored.rows, [
      { publisher: 'Public Procurement Agency', n: 1 },
      { publisher: 'SE "Prozorro"', n: 2 },
    ]);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE entity = 'ocds_release' AND actor = 'import:ocds'`.execute(
      database.db,
    );
    assert.equal(audited.rows[0]!.n, 3, 'every stored release is audited');
  });

  test('importing again changes nothing', async () => {
    const before = await snapshot(database.db);
    const reports = await importOcdsFiles(database.db, REAL());
    assert.equal(
      reports.reduce((n, r) => n + r.stored, 0),
      0,
    );
    assert.deepEqual((await snapshot(database.db)).dump, before.dump);
  });

  test('imported releases are not in the portal’s feed; their record is served', async () => {
    const feed = JSON.parse((await app.inject({ url: '/api/ocds/feed?limit=1000' })).body) as {
      releases: { ocid: string }[];
    };
    assert.ok(feed.releases.length > 0);
    assert.ok(feed.releases.every((r) => r.ocid.startsWith('ocds-mbhn01-')));
    const res = await app.inject({ url: `/api/ocds/records/${UA_OCID}` });
    assert.equal(res.statusCode, 200);
    const pkg = JSON.parse(res.body) as {
      extensions?: unknown;
      records: { releases: unknown[]; compiledRelease: { ocid: string } }[];
    };
    assert.equal(pkg.extensions, undefined, 'the foreign publisher’s extensions are not claimed as ours');
    assert.equal(pkg.records[0]!.releases.length, 1);
    assert.equal(pkg.records[0]!.compiledRelease.ocid, UA_OCID);
  });

  test('unusable releases are reported with file and pointer; the usable ones are kept', async () => {
    const file = path.join(tmp, 'mixed.jsonl');
    const good = {
      ocid: 'ocds-abcdef-1',
      id: 'r1',
      date: '2026-01-02T03:04:05Z',
      tag: ['tender'],
      initiationType: 'tender',
    };
    fs.writeFileSync(
      file,
      [
        good,
        { ...good, id: 'r2', date: 'yesterday' },
        { ...good, id: 'r3', ocid: 'ocds-mbhn01-BP2600105679' },
        { ...good, id: 'r4', tag: 'tender' },
        { ...good, id: 5 },
        { ...good, tender: { id: 'changed' } },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n') + '\n',
    );
    const [r] = await importOcdsFiles(database.db, [file]);
    assert.equal(r!.read, 6);
    assert.equal(r!.stored, 2, 'r1 and the integer id 5');
    assert.deepEqual(
      r!.problems.map((p) => [p.code, p.pointer]),
      [
        ['bad-date', '/date'],
        ['own-prefix', '/ocid'],
        ['bad-tag', '/tag'],
        ['release-conflict', ''],
      ],
    );
    for (const p of r!.problems) assert.equal(p.file, file);
    const five = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ocds_release WHERE ocid = 'ocds-abcdef-1' AND release_id = '5'`.execute(
      database.db,
    );
    assert.equal(five.rows[0]!.n, 1);
  });

  test('a file that is not OCDS keeps what was read before the problem', async () => {
    const file = path.join(tmp, 'broken.jsonl');
    const ok = { ocid: 'ocds-abcdef-2', id: 'a', date: '2026-01-02T03:04:05Z', tag: ['planning'] };
    fs.writeFileSync(file, `${JSON.stringify(ok)}\n{"ocid": "ocds-abcdef-2", "id": \n`);
    const [r] = await importOcdsFiles(database.db, [file]);
    assert.match(r!.readError ?? '', /^not-json/);
    assert.equal(r!.stored, 1);
  });

  test('the command prints each problem with its pointer and exits 1 when a release was rejected', async () => {
    const out: string[] = [];
    const program = new Command().exitOverride();
    const importCmd = program.command('import');
    registerImportOcds(importCmd, {
      out: (t) => void out.push(t),
      err: () => {},
      openDatabase: async () => ({ ...database, close: async () => {} }),
    });
    const file = path.join(tmp, 'mixed.jsonl');
    await assert.rejects(
      program.parseAsync(['node', 'minhbach', 'import', 'ocds', file]),
      /had releases not imported/,
    );
    const text = out.join('');
    assert.match(text, /error bad-date at .*mixed\.jsonl:2#\/date/);
    assert.match(text, /0 stored, 2 unchanged, 4 rejected/);
    await assert.rejects(
      program.parseAsync(['node', 'minhbach', 'import', 'ocds', path.join(tmp, 'missing.json')]),
      /file not found, nothing imported/,
    );
  });
});
