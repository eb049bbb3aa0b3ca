import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSchemaSet } from '../src/ocds/schema/index.ts';
import { createValidator, type OcdsValidator } from '../src/ocds/validate/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const skip = skipWithoutShared('ocds-data', 'schema', '1.1.5');
let v: OcdsValidator | undefined;
async function validator(): Promise<OcdsValidator> {
  v ??= createValidator(await loadSchemaSet({ schemaDir: sharedPath('ocds-data', 'schema', '1.1.5') }));
  return v;
}
const release = (extra: Record<string, unknown> = {}) => ({
  ocid: 'ocds-213czf-1',
  id: '1',
  date: '2001-02-03T04:05:06Z',
  tag: ['tender'],
  initiationType: 'tender',
  ...extra,
});
const codes = (fs: { code: string; pointer: string }[]) => fs.map((f) => `${f.code} ${f.pointer}`);

test('a minimal release and package have no finding', { skip }, async () => {
  const val = await validator();
  assert.deepEqual(val.validateRelease(release()), []);
  assert.deepEqual(
    val.validatePackage({
      uri: 'http://example.com',
      publisher: { name: 'P' },
      publishedDate: '2001-02-03T04:05:06Z',
      version: '1.1',
      releases: [release()],
    }),
    [],
  );
});

test('checks beyond the schema, each with its code and pointer', { skip }, async () => {
  const val = await validator();
  const found = val.validateRelease(
    release({
      ocid: 'vn-123',
      buyer: {},
      tender: {
        id: 't',
        title: '  ',
        items: [{ description: 'x' }],
        procurementMethod: 'auction',
        documents: [{ id: 'd', documentType: 'x_map' }],
        title_vi: 'Gói thầu',
        x_local: { a: [] },
      },
      parties: [],
    }),
    '/releases/0',
  );
  assert.deepEqual(codes(found).sort(), [
    'additional-field /releases/0/tender/x_local',
    'array-item-missing-id /releases/0/tender/items/0',
    'codelist-closed /releases/0/tender/procurementMethod',
    'codelist-open /releases/0/tender/documents/0/documentType',
    'empty-value /releases/0/buyer',
    'empty-value /releases/0/parties',
    'empty-value /releases/0/tender/title',
    'empty-value /releases/0/tender/x_local/a',
    'ocid-prefix /releases/0/ocid',
    'schema-required /releases/0/tender/items/0/id',
  ]);
  // a language variant (patternProperties) is known and its type is checked
  assert.deepEqual(codes(val.validateRelease(release({ tender: { id: 't', title_fr: 3 } }))), [
    'schema-type /tender/title_fr',
  ]);
});

test('data nested too deeply is one finding, not a crash', { skip }, async () => {
  const val = await validator();
  const deep = JSON.parse(`{"ocid":"ocds-213czf-1","id":"1","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
  assert.ok(codes(val.validateRelease(deep)).includes('too-deep '));
});
