/**
 * The merge reproduces every expected output of the reference implementation's fixtures
 * (../shared/ocds-data/fixtures/ocds-merge) and the standard's worked examples, JSON-equal.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { compileRelease, deriveMergeRules, versionRelease } from '../src/ocds/merge/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const FIXTURES = sharedPath('ocds-data', 'fixtures', 'ocds-merge');
const EXAMPLES = sharedPath('ocds-data', 'examples');
const skip = skipWithoutShared('ocds-data', 'fixtures', 'ocds-merge');

const load = (p: string): unknown => JSON.parse(fs.readFileSync(p, 'utf8'));
const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Fixture folder → the schema its outputs were made with. */
const SCHEMAS: Record<string, string> = {
  '1.0': 'release-schema-1__0__3.json',
  '1.1': 'release-schema-1__1__4.json',
  schema: 'schema.json',
};

describe('ocds-merge fixtures', { skip }, () => {
  let count = 0;
  for (const [dir, schemaFile] of Object.entries(SCHEMAS)) {
    const files = skip ? [] : fs.readdirSync(path.join(FIXTURES, dir)).sort();
    for (const file of files) {
      const m = /^(.*)-(compiled|versioned|append|by-position)\.json$/.exec(file);
      if (!m) continue;
      count++;
      const [, base, kind] = m as unknown as [string, string, string];
      test(`${dir}/${file}`, () => {
        const schema = load(path.join(FIXTURES, schemaFile)) as object;
        const releases = load(path.join(FIXTURES, dir, `${base}.json`)) as unknown[];
        const expected = load(path.join(FIXTURES, dir, file));
        let actual: unknown;
        if (kind === 'compiled') actual = compileRelease(releases, deriveMergeRules(schema)).value;
        else if (kind === 'versioned') actual = versionRelease(releases, deriveMergeRules(schema)).value;
        // As in the reference's tests, the override outputs merge the releases twice.
        else if (kind === 'append') {
          actual = compileRelease(
            [...releases, ...releases],
            deriveMergeRules(schema, { append: ['nested.array'] }),
          ).value;
        } else {
          const rules = deriveMergeRules(schema, { mergeByPosition: ['/nested/array'] });
          actual = compileRelease([...releases, ...releases], rules).value;
        }
        assert.deepStrictEqual(roundTrip(actual), expected);
      });
    }
  }
  test('every expected output was compared (53 in the snapshot)', () => {
    assert.ok(count >= 53, `only ${count} expected outputs found`);
  });
});

describe('worked examples of the standard', { skip: skipWithoutShared('ocds-data', 'examples') }, () => {
  const rules = (): ReturnType<typeof deriveMergeRules> =>
    deriveMergeRules(load(sharedPath('ocds-data', 'schema', '1.1.5', 'release-schema.json')) as object);
  const checkRecord = (releases: unknown[], record: Record<string, unknown>): void => {
    const r = rules();
    assert.ok(record.compiledRelease, 'the record has a compiled release');
    assert.deepStrictEqual(roundTrip(compileRelease(releases, r).value), record.compiledRelease);
    if (record.versionedRelease) {
      assert.deepStrictEqual(roundTrip(versionRelease(releases, r).value), record.versionedRelease);
    }
  };

  test('merging/updates: tender1..3 + award1..2 → merged.json and versioned.json', () => {
    const dir = path.join(EXAMPLES, 'standard-1.1', 'merging', 'updates');
    const releases = ['tender1', 'tender2', 'tender3', 'award1', 'award2'].flatMap(
      (f) => (load(path.join(dir, `${f}.json`)) as { releases: unknown[] }).releases,
    );
    for (const out of ['merged', 'versioned']) {
      const pkg = load(path.join(dir, `${out}.json`)) as { records: Record<string, unknown>[] };
      checkRecord(releases, pkg.records[0]!);
    }
  });

  for (const name of ['array_record', 'field_record', 'object_record']) {
    test(`merging/deletions/${name}.json (null removes fields, containers stay)`, () => {
      const pkg = load(path.join(EXAMPLES, 'standard-1.1', 'merging', 'deletions', `${name}.json`)) as {
        records: { releases: unknown[] }[];
      };
      const record = pkg.records[0]!;
      checkRecord(record.releases, record as unknown as Record<string, unknown>);
    });
  }

  test('sample-data fictional 1.1: 6 releases → record with compiled and versioned release', () => {
    const dir = path.join(EXAMPLES, 'sample-data-fictional-1.1');
    const releases = (load(path.join(dir, 'ocds-213czf-000-00001.json')) as { releases: unknown[] }).releases;
    for (const f of ['ocds-213czf-000-00001-withversions.json', 'ocds-213czf-000-00001.json']) {
      const pkg = load(path.join(dir, 'record', f)) as { records: Record<string, unknown>[] };
      checkRecord(releases, pkg.records[0]!);
    }
  });

  test('merging/embedded_releases.json: equal except its three hand-written values', () => {
    // This record's compiled release was written by hand for the documentation, not merged: its `id`
    // is a release id, a party has roles ["buyer", "buyer"], and an amendment's amendsReleaseID
    // differs from every release. Everything else must be equal.
    const pkg = load(path.join(EXAMPLES, 'standard-1.1', 'merging', 'embedded_releases.json')) as {
      records: { releases: unknown[]; compiledRelease: Record<string, unknown> }[];
    };
    const record = pkg.records[0]!;
    const actual = roundTrip(compileRelease(record.releases, rules()).value) as Record<string, unknown>;
    const expected = structuredClone(record.compiledRelease) as {
      id: string;
      parties: { roles: string[] }[];
      tender: { amendments: { amendsReleaseID: string }[] };
    };
    assert.equal(expected.id, 'ocds-213czf-000-00001-06-implementation');
    expected.id = 'ocds-213czf-000-00001-2011-01-10T09:30:00Z';
    assert.deepEqual(expected.parties[0]!.roles, ['buyer', 'buyer']);
    expected.parties[0]!.roles = ['buyer'];
    assert.equal(expected.tender.amendments[1]!.amendsReleaseID, 'ocds-213czf-000-00001-02-tender');
    expected.tender.amendments[1]!.amendsReleaseID = 'ocds-213czf-000-00001-03-tenderUpdate';
    assert.deepStrictEqual(actual, expected);
  });
});
