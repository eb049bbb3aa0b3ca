/**
 * The merge's own documented rules (docs/ocds-merge.md): date order with mixed UTC offsets, `1` vs
 * `"1"`, errors and warnings with pointers, `null` over objects, rule derivation and overrides.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  compileRelease,
  deriveMergeRules,
  describeMergeRules,
  MergeError,
  versionRelease,
} from '../src/ocds/merge/index.ts';
import { applyExtension } from '../src/ocds/schema/merge-patch.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

/** A small schema: `items` merged by id, `tags` a list of strings, `period` an object. */
const SCHEMA = {
  type: 'object',
  definitions: {
    Item: { type: 'object', properties: { id: { type: ['string', 'integer'] }, name: { type: 'string' } } },
    Period: { type: 'object', properties: { startDate: { type: 'string' }, endDate: { type: 'string' } } },
  },
  properties: {
    ocid: { type: 'string' },
    id: { type: 'string', omitWhenMerged: true },
    date: { type: 'string', omitWhenMerged: true },
    tag: { type: 'array', items: { type: 'string' }, omitWhenMerged: true },
    title: { type: 'string' },
    items: { type: 'array', items: { $ref: '#/definitions/Item' } },
    tags: { type: 'array', items: { type: 'string' } },
    period: { $ref: '#/definitions/Period' },
  },
};
const rules = deriveMergeRules(SCHEMA);
const rel = (id: string, date: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ocid: 'ocds-abc123-1',
  id,
  date,
  tag: ['tender'],
  ...extra,
});

describe('order of releases by date', () => {
  test('mixed UTC offsets are ordered by instant, not as strings', () => {
    // 09:00+07:00 is 02:00Z: earlier than 05:00Z although its string sorts later.
    const a = rel('a', '2020-01-01T09:00:00+07:00', { title: 'A' });
    const b = rel('b', '2020-01-01T05:00:00Z', { title: 'B' });
    for (const input of [
      [a, b],
      [b, a],
    ]) {
      const { value, warnings } = compileRelease(input, rules);
      assert.equal(value.title, 'B');
      assert.equal(value.date, '2020-01-01T05:00:00Z');
      assert.equal(value.id, 'ocds-abc123-1-2020-01-01T05:00:00Z');
      assert.deepEqual(warnings, []);
    }
    const versioned = versionRelease([b, a], rules).value as { title: { releaseID: string }[] };
    assert.deepEqual(
      versioned.title.map((v) => v.releaseID),
      ['a', 'b'],
    );
  });

  test('the same instant keeps the input order and warns repeated-date', () => {
    const a = rel('a', '2020-01-01T07:00:00+07:00', { title: 'A' });
    const b = rel('b', '2020-01-01T00:00:00Z', { title: 'B' });
    const ab = compileRelease([a, b], rules);
    assert.equal(ab.value.title, 'B');
    assert.deepEqual(
      ab.warnings.map((w) => [w.code, w.pointer]),
      [['repeated-date', '/1/date']],
    );
    assert.equal(compileRelease([b, a], rules).value.title, 'A');
  });

  test('digits beyond milliseconds count', () => {
    const a = rel('a', '2020-01-01T00:00:00.0002Z', { title: 'A' });
    const b = rel('b', '2020-01-01T00:00:00.0001Z', { title: 'B' });
    const { value, warnings } = compileRelease([a, b], rules);
    assert.equal(value.title, 'A');
    assert.deepEqual(warnings, []);
  });

  test('an unparseable date falls back to string order with a warning', () => {
    const a = rel('a', 'yesterday', { title: 'A' });
    const b = rel('b', '2020-01-01T00:00:00Z', { title: 'B' });
    const { value, warnings } = compileRelease([a, b], rules);
    assert.equal(value.title, 'A'); // "y" > "2"
    assert.equal(warnings[0]?.code, 'unparseable-date');
    assert.equal(warnings[0]?.pointer, '/0/date');
  });
});

describe('identifier merge', () => {
  test('id 1 and id "1" are different objects (strict JSON equality)', () => {
    const { value } = compileRelease(
      [
        rel('a', '2020-01-01T00:00:00Z', { items: [{ id: 1, name: 'number' }] }),
        rel('b', '2020-01-02T00:00:00Z', {
          items: [
            { id: '1', name: 'string' },
            { id: 1, name: 'number 2' },
          ],
        }),
      ],
      rules,
    );
    assert.deepEqual(value.items, [
      { id: 1, name: 'number 2' },
      { id: '1', name: 'string' },
    ]);
  });

  test('a duplicate id in one release warns with a pointer; later fields win', () => {
    const { value, warnings } = compileRelease(
      [
        rel('a', '2020-01-01T00:00:00Z', {
          items: [
            { id: 'x', name: 'first' },
            { id: 'x', name: 'second' },
          ],
        }),
      ],
      rules,
    );
    assert.deepEqual(value.items, [{ id: 'x', name: 'second' }]);
    assert.deepEqual(
      warnings.map((w) => [w.code, w.pointer]),
      [['duplicate-id', '/0/items/1/id']],
    );
    assert.match(warnings[0]!.message, /`id` value "x" in the `items` array/);
  });

  test('overrides: append and merge by position', () => {
    const input = [
      rel('a', '2020-01-01T00:00:00Z', { items: [{ id: 'x', name: 'a' }] }),
      rel('b', '2020-01-02T00:00:00Z', { items: [{ id: 'y', name: 'b' }] }),
    ];
    const append = compileRelease(input, deriveMergeRules(SCHEMA, { append: ['items'] })).value;
    assert.deepEqual(append.items, [
      { id: 'x', name: 'a' },
      { id: 'y', name: 'b' },
    ]);
    const position = compileRelease(input, deriveMergeRules(SCHEMA, { mergeByPosition: ['items'] })).value;
    assert.deepEqual(position.items, [{ id: 'x', name: 'b' }]);
    assert.deepEqual(describeMergeRules(deriveMergeRules(SCHEMA, { append: ['items'] })).items, 'append');
  });
});

describe('errors', () => {
  const expectError = (releases: unknown[], code: string, pointer: string): void => {
    assert.throws(
      () => compileRelease(releases, rules),
      (err: unknown) => err instanceof MergeError && err.code === code && err.pointer === pointer,
    );
  };
  test('release without date, with null date, with a number date, not an object', () => {
    expectError([rel('a', '2020-01-01T00:00:00Z'), { ocid: 'o', id: 'b' }], 'missing-date', '/1');
    expectError([rel('a', null)], 'null-date', '/0/date');
    expectError([rel('a', 20200101)], 'non-string-date', '/0/date');
    expectError([rel('a', '2020-01-01T00:00:00Z'), 'a string'], 'release-not-object', '/1');
  });
  test('an object where another release has a literal, and the reverse', () => {
    expectError(
      [
        rel('a', '2020-01-01T00:00:00Z', { period: 'soon' }),
        rel('b', '2020-01-02T00:00:00Z', { period: { endDate: 'x' } }),
      ],
      'inconsistent-type',
      '/1/period',
    );
    expectError(
      [
        rel('a', '2020-01-01T00:00:00Z', { period: { endDate: 'x' } }),
        rel('b', '2020-01-02T00:00:00Z', { period: 'soon' }),
      ],
      'inconsistent-type',
      '/1/period',
    );
    assert.throws(
      () =>
        versionRelease(
          [
            rel('a', '2020-01-01T00:00:00Z', { items: [{ id: 1, name: { x: 1 } }] }),
            rel('b', '2020-01-02T00:00:00Z', { items: [{ id: 1, name: 'n' }] }),
          ],
          rules,
        ),
      (err: unknown) =>
        err instanceof MergeError &&
        err.pointer === '/1/items/0/name' &&
        /\/items\/0\/name/.test(err.message),
    );
  });
});

describe('null and empty values', () => {
  test('null on an object removes it (compiled) and nulls its fields (versioned)', () => {
    const input = [
      rel('a', '2020-01-01T00:00:00Z', { period: { startDate: 's', endDate: 'e' } }),
      rel('b', '2020-01-02T00:00:00Z', { period: null }),
    ];
    assert.equal('period' in compileRelease(input, rules).value, false);
    const v = versionRelease(input, rules).value as { period: Record<string, { value: unknown }[]> };
    assert.deepEqual(
      v.period.startDate!.map((x) => x.value),
      ['s', null],
    );
    assert.deepEqual(
      v.period.endDate!.map((x) => x.value),
      ['e', null],
    );
  });
  test('versioned: a field that was null, then gets an object or array of objects', () => {
    const input = [
      rel('a', '2020-01-01T00:00:00Z', { items: null, period: null }),
      rel('b', '2020-01-02T00:00:00Z', { items: [{ id: 'x', name: 'n' }], period: { endDate: 'e' } }),
    ];
    const v = JSON.parse(JSON.stringify(versionRelease(input, rules).value)) as Record<string, unknown>;
    const b = { releaseID: 'b', releaseDate: '2020-01-02T00:00:00Z', releaseTag: ['tender'] };
    assert.deepEqual(v.items, [{ id: 'x', name: [{ ...b, value: 'n' }] }]);
    assert.deepEqual(v.period, { endDate: [{ ...b, value: 'e' }] });
    assert.deepEqual(compileRelease(input, rules).value.period, { endDate: 'e' });
  });
  test('an empty list of strings replaces (whole list), an empty object changes nothing', () => {
    const { value } = compileRelease(
      [
        rel('a', '2020-01-01T00:00:00Z', { tags: ['x'], period: { startDate: 's' } }),
        rel('b', '2020-01-02T00:00:00Z', { tags: [], period: {} }),
      ],
      rules,
    );
    assert.deepEqual(value.tags, []);
    assert.deepEqual(value.period, { startDate: 's' });
  });
  test('members named like Object.prototype ones merge as fields; __proto__ is ignored', () => {
    const input = [
      JSON.parse(
        '{"ocid":"o","id":"a","date":"2020-01-01T00:00:00Z","constructor":{"a":1},"toString":"x","__proto__":{"polluted":true}}',
      ) as Record<string, unknown>,
      rel('b', '2020-01-02T00:00:00Z', { constructor: { b: 2 }, hasOwnProperty: ['y'] }),
    ];
    const compiled = compileRelease(input, rules).value;
    assert.deepEqual(compiled.constructor, { a: 1, b: 2 });
    assert.equal(compiled.toString, 'x');
    assert.deepEqual(compiled.hasOwnProperty, ['y']);
    assert.equal(Object.getPrototypeOf(compiled), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const versioned = versionRelease(input, rules).value;
    assert.deepEqual(JSON.parse(JSON.stringify(versioned)).constructor.a, [
      { releaseID: 'a', releaseDate: '2020-01-01T00:00:00Z', releaseTag: null, value: 1 },
    ]);
  });
  test('the input releases are not modified', () => {
    const input = [
      rel('a', '2020-01-01T00:00:00Z', { items: [{ id: 1, name: 'a' }], period: { startDate: 's' } }),
      rel('b', '2020-01-02T00:00:00Z', { items: [{ id: 1, name: 'b' }], period: null }),
    ];
    const before = JSON.stringify(input);
    compileRelease(input, rules);
    versionRelease(input, rules);
    assert.equal(JSON.stringify(input), before);
  });
});

describe('rules from real schemas', { skip: skipWithoutShared('ocds-data', 'schema', '1.1.5') }, () => {
  const core = JSON.parse(
    fs.readFileSync(sharedPath('ocds-data', 'schema', '1.1.5', 'release-schema.json'), 'utf8'),
  ) as object;
  test('OCDS 1.1.5: omitted metadata, whole lists, identifier-merged arrays', () => {
    const described = describeMergeRules(deriveMergeRules(core));
    assert.equal(described.id, 'omitWhenMerged');
    assert.equal(described.date, 'omitWhenMerged');
    assert.equal(described.tag, 'omitWhenMerged');
    assert.equal(described['parties.roles'], 'wholeListMerge');
    assert.equal(described['tender.items.additionalClassifications'], 'wholeListMerge');
    assert.equal(described['parties.additionalIdentifiers'], 'wholeListMerge');
    assert.equal(described.awards, undefined); // identifier merge: no rule of its own
  });
  test('an extension patch (bid extension) changes the rules', () => {
    const patch = JSON.parse(
      fs.readFileSync(sharedPath('ocds-data', 'extensions', 'bid', 'release-schema.json'), 'utf8'),
    ) as object;
    const patched = applyExtension(core, patch);
    const described = describeMergeRules(deriveMergeRules(patched));
    assert.equal(
      describeMergeRules(deriveMergeRules(core))['bids.details.tenderers.additionalIdentifiers'],
      undefined,
    );
    assert.equal(described['bids.details.tenderers.additionalIdentifiers'], 'wholeListMerge');
  });
});
