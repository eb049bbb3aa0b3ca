import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  applyExtension,
  defaultSchemaDir,
  loadSchemaSet,
  OcdsSchemaError,
} from '../src/ocds/schema/index.ts';
import { createValidator } from '../src/ocds/validate/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const SCHEMA = sharedPath('ocds-data', 'schema', '1.1.5');
const COVE = sharedPath('ocds-data', 'fixtures', 'cove-ocds');
const skip = skipWithoutShared('ocds-data');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

test('applyExtension is RFC 7396 JSON Merge Patch and changes neither argument', () => {
  const target = { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2] };
  const patch = { a: 'z', c: { f: null, h: 1 }, list: [3], n: { x: null } };
  const copy = structuredClone(target);
  assert.deepEqual(applyExtension(target, patch), { a: 'z', c: { d: 'e', h: 1 }, list: [3], n: {} });
  assert.deepEqual(target, copy);
  // RFC 7396 appendix A examples
  assert.deepEqual(applyExtension({ a: [{ b: 'c' }] }, { a: [1] }), { a: [1] });
  assert.deepEqual(applyExtension({ e: null }, { a: 1 }), { e: null, a: 1 });
});

test('defaultSchemaDir: option, then MINHBACH_OCDS_SCHEMA_DIR, then <data dir>/cache/ocds-schema/<version>', () => {
  assert.equal(defaultSchemaDir({ schemaDir: '/x/y' }), '/x/y');
  assert.equal(defaultSchemaDir({ env: { MINHBACH_OCDS_SCHEMA_DIR: '/s' } }), '/s');
  assert.equal(
    defaultSchemaDir({ env: { MINHBACH_DATA_DIR: '/d' }, version: '1.0.3' }),
    '/d/cache/ocds-schema/1.0.3',
  );
  assert.equal(defaultSchemaDir({ env: { MINHBACH_DATA_DIR: '/d' } }), '/d/cache/ocds-schema/1.1.5');
});

test('a missing or broken schema folder is an OcdsSchemaError with a code', async () => {
  await assert.rejects(
    loadSchemaSet({ schemaDir: '/nonexistent' }),
    (e: unknown) =>
      e instanceof OcdsSchemaError && e.code === 'schema-not-found' && /schema fetch/.test(e.message),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-schema-'));
  fs.writeFileSync(path.join(dir, 'release-schema.json'), '{not json');
  await assert.rejects(
    loadSchemaSet({ schemaDir: dir }),
    (e: unknown) => e instanceof OcdsSchemaError && e.code === 'schema-invalid',
  );
  fs.rmSync(dir, { recursive: true });
});

test('the 1.1.5 schema folder: version, schemas, codelists open and closed', { skip }, async () => {
  const set = await loadSchemaSet({ schemaDir: SCHEMA });
  assert.equal(set.version, '1.1.5');
  assert.ok(set.releasePackage && set.recordPackage && set.versionedRelease);
  assert.equal(set.codelists.size, 19);
  assert.ok(set.codelists.get('method.csv')!.has('open'));
  for (const closed of ['method.csv', 'currency.csv', 'releaseTag.csv', 'tenderStatus.csv'])
    assert.ok(set.closedCodelists.has(closed), closed);
  for (const open of ['documentType.csv', 'partyRole.csv', 'itemClassificationScheme.csv'])
    assert.ok(!set.closedCodelists.has(open), open);
  assert.deepEqual(set.findings, []);
});

test(
  'codelist_extension: +X adds, -X removes, X replaces; closed enums follow; a bad codelist file is a finding',
  { skip },
  async () => {
    const set = await loadSchemaSet({
      schemaDir: SCHEMA,
      extensions: [path.join(COVE, 'codelist_extension')],
    });
    const doc = set.codelists.get('documentType.csv')!;
    assert.ok(doc.has('newDocumentType'));
    assert.ok(!doc.has('needsAssessment') && !doc.has('tariffIllustration'));
    assert.ok(doc.has('tenderNotice'));
    assert.deepEqual([...set.codelists.get('awardStatus.csv')!], ['moo']);
    assert.deepEqual([...set.codelists.get('awardCriteria.csv')!], ['What']);
    const awardStatus = (set.release as Json).definitions.Award.properties.status;
    assert.deepEqual(awardStatus.enum, ['moo', null]);
    // +method.csv is not UTF-8: reported, and method.csv stays as it was.
    assert.deepEqual(
      set.findings.map((f) => f.code),
      ['extension-codelist-invalid'],
    );
    assert.ok(set.codelists.get('method.csv')!.has('open'));
    // The validator follows: "moo" is now the only award status; "active" is outside the closed codelist.
    const v = createValidator(set);
    const rel = {
      ocid: 'ocds-213czf-1',
      id: '1',
      date: '2001-02-03T04:05:06Z',
      tag: ['award'],
      initiationType: 'tender',
      awards: [
        { id: 'a', status: 'moo' },
        { id: 'b', status: 'active' },
      ],
    };
    const codes = v.validateRelease(rel).map((f) => `${f.code} ${f.pointer}`);
    assert.deepEqual(codes, ['codelist-closed /awards/1/status']);
  },
);

test(
  'extensions: local release-schema.json merged; a broken $ref and broken JSON are findings, not crashes',
  { skip },
  async () => {
    const lib = sharedPath('ocds-data', 'fixtures', 'lib-cove-ocds', 'extensions');
    const bid = sharedPath('ocds-data', 'extensions', 'bid');
    const set = await loadSchemaSet({
      schemaDir: SCHEMA,
      extensions: [
        bid,
        path.join(COVE, 'referror_extension'),
        path.join(lib, 'unresolvable'),
        path.join(COVE, 'evil'),
        '/nonexistent/ext',
      ],
    });
    const props = (set.release as Json).properties;
    assert.ok(props.bids, 'the bid extension adds release.bids');
    assert.ok(props.newfield, 'evil adds newfield');
    assert.deepEqual(props.broken, {});
    assert.ok(set.codelists.get('bidStatus.csv')?.has('valid'));
    assert.deepEqual(set.findings.map((f) => f.code).sort(), [
      'extension-not-found',
      'extension-ref-error',
      'extension-ref-error',
    ]);
    const v = createValidator(set);
    const rel = {
      ocid: 'ocds-213czf-1',
      id: '1',
      date: '2001-02-03T04:05:06Z',
      tag: ['tender'],
      initiationType: 'tender',
      newfield: 'x',
      broken: 1,
      bids: { details: [{ id: '1', status: 'valid' }] },
    };
    assert.deepEqual(
      v.validateRelease(rel).map((f) => `${f.code} ${f.pointer}`),
      ['schema-type /newfield'],
    );
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-ext-'));
    fs.writeFileSync(path.join(bad, 'release-schema.json'), '{"properties": ');
    const withBad = await loadSchemaSet({ schemaDir: SCHEMA, extensions: [bad] });
    assert.deepEqual(
      withBad.findings.map((f) => f.code),
      ['extension-invalid'],
    );
    fs.rmSync(bad, { recursive: true });
  },
);

test(
  'extension_many_jsonschema_keys: every JSON Schema keyword of the extension is enforced',
  { skip },
  async () => {
    const set = await loadSchemaSet({
      schemaDir: SCHEMA,
      extensions: [path.join(COVE, 'extension_many_jsonschema_keys')],
    });
    const v = createValidator(set);
    const doc = JSON.parse(fs.readFileSync(path.join(COVE, 'extended_many_jsonschema_keys.json'), 'utf8'));
    const codes = new Set(v.validatePackage(doc).map((f) => f.code));
    for (const c of [
      'minimum',
      'maximum',
      'minItems',
      'maxItems',
      'minLength',
      'maxLength',
      'maxProperties',
      'multipleOf',
      'not',
      'anyOf',
      'oneOf',
      'additionalItems',
      'additionalProperties',
      'dependencies',
      'format',
    ]) {
      assert.ok(codes.has(`schema-${c}`), `schema-${c} in ${[...codes].join(', ')}`);
    }
    assert.ok(!codes.has('additional-field'), 'the extension fields are known');
  },
);
