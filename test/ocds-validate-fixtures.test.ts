/**
 * Our validator against the Data Review Tool's fixtures (lib-cove-ocds, cove-ocds, ocdskit): the
 * same errors found (verdicts, mapped to our codes), and never a crash on any fixture.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { OcdsReadError, readOcdsEvents } from '../src/ocds/read/index.ts';
import { loadSchemaSet, type OcdsSchemaSet } from '../src/ocds/schema/index.ts';
import { createValidator, type OcdsFinding, type OcdsValidator } from '../src/ocds/validate/index.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const FIX = sharedPath('ocds-data', 'fixtures');
const skip = skipWithoutShared('ocds-data', 'fixtures');

let cached: { set: OcdsSchemaSet; v: OcdsValidator } | undefined;
async function validator(): Promise<OcdsValidator> {
  if (!cached) {
    const set = await loadSchemaSet({ schemaDir: sharedPath('ocds-data', 'schema', '1.1.5') });
    cached = { set, v: createValidator(set) };
  }
  return cached.v;
}

/** All findings of a file, streamed as the CLI does. */
async function validateFile(v: OcdsValidator, file: string): Promise<OcdsFinding[]> {
  const s = v.session();
  const out: OcdsFinding[] = [];
  try {
    for await (const ev of readOcdsEvents(file)) out.push(...s.event(ev));
  } catch (err) {
    if (!(err instanceof OcdsReadError)) throw err;
    out.push(s.readError(err));
  }
  return out;
}

const errors = (fs: OcdsFinding[]): string[] =>
  [...new Set(fs.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.pointer}`))].sort();

test(
  'cove badfile_all_validation_errors: exactly the errors of the Data Review Tool results file',
  { skip },
  async () => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIX, 'cove-ocds', 'badfile_all_validation_errors_results.json'), 'utf8'),
    ) as {
      validation_errors: { type: string; path: string; description: string }[];
      additional_checks: { empty_field: { json_location: string }[] };
      additional_closed_codelist_values: Record<string, { path: string; field: string; values: string[] }>;
    };
    // The Data Review Tool's error types, in our codes: a required field is pointed at itself, a code
    // outside a closed codelist is codelist-closed (not a bare enum error).
    const want = expected.validation_errors.map((e) => {
      const p = `/${e.path}`;
      if (e.type === 'required')
        return `schema-required ${p}/${/'([^']+)' is missing/.exec(e.description)![1]}`;
      if (e.type === 'enum') return `codelist-closed ${p}`;
      if (e.type === 'date-time' || e.type === 'uri') return `schema-format ${p}`;
      if (['number', 'integer', 'string', 'object', 'array'].includes(e.type)) return `schema-type ${p}`;
      return `schema-${e.type} ${p}`;
    });
    const found = await validateFile(
      await validator(),
      path.join(FIX, 'cove-ocds', 'badfile_all_validation_errors.json'),
    );
    assert.deepEqual(errors(found), [...new Set(want)].sort());
    const empty = found.filter((f) => f.code === 'empty-value').map((f) => f.pointer);
    assert.deepEqual(
      empty.sort(),
      expected.additional_checks.empty_field.map((e) => `/${e.json_location}`).sort(),
    );
    assert.equal(
      Object.keys(expected.additional_closed_codelist_values).length,
      found.filter((f) => f.code === 'codelist-closed').length,
    );
  },
);

/**
 * Verdicts of lib-cove-ocds' tests (tests/test_common_checks.py, test_additional_checks.py) and
 * cove-ocds' fixtures, as our codes and pointers: `errors` is the exact set of errors; `includes`
 * lists findings that must be among all findings (warnings, notices).
 */
const VERDICTS: Record<
  string,
  { errors?: string[]; includes?: string[]; extraErrorsUnder?: string[]; empty?: string[] }
> = {
  'lib-cove-ocds/common_checks/releases_no_validation_errors.json': { errors: [] },
  'lib-cove-ocds/common_checks/records_no_validation_errors.json': { errors: [] },
  'lib-cove-ocds/common_checks/basic_1.json': { errors: [] },
  'lib-cove-ocds/common_checks/releases_unique_ocids_but_not_ids.json': { errors: [] },
  'lib-cove-ocds/common_checks/releases_non_unique.json': {
    errors: [
      'release-duplicate-id /releases/1',
      'release-duplicate-id /releases/3',
      'release-duplicate-id /releases/4',
    ],
  },
  'lib-cove-ocds/common_checks/records_non_unique.json': {
    errors: [
      'record-duplicate-ocid /records/1',
      'record-duplicate-ocid /records/3',
      'record-duplicate-ocid /records/4',
    ],
  },
  'lib-cove-ocds/common_checks/releases_non_unique_no_id.json': {
    errors: [
      'release-duplicate /releases/1',
      'schema-required /releases/0/id',
      'schema-required /releases/1/id',
    ],
  },
  'lib-cove-ocds/common_checks/records_non_unique_no_ocid.json': {
    errors: [
      'record-duplicate /records/1',
      'schema-required /records/0/ocid',
      'schema-required /records/1/ocid',
    ],
  },
  'lib-cove-ocds/common_checks/releases_unique.json': {
    errors: ['schema-required /releases/0/id', 'schema-required /releases/1/id'],
  },
  'lib-cove-ocds/common_checks/records_unique.json': {
    errors: ['schema-required /records/0/ocid', 'schema-required /records/1/ocid'],
  },
  'lib-cove-ocds/common_checks/dupe_ids_1.json': {
    errors: ['release-duplicate-id /releases/1', 'release-duplicate-id /releases/3'],
  },
  // The Data Review Tool reports a mixed record as one oneOf error; we also report what is wrong
  // inside each of its releases (records 4 and 5).
  'lib-cove-ocds/common_checks/records_invalid_releases.json': RECORDS_INVALID(),
  'lib-cove-ocds/common_checks/1-0/records_invalid_releases.json': RECORDS_INVALID(),
  'lib-cove-ocds/lib/tenders_releases_7_releases_check_ocids.json': {
    errors: [],
    includes: [
      'ocid-prefix /releases/0/ocid',
      'ocid-prefix /releases/1/ocid',
      'ocid-prefix /releases/2/ocid',
    ],
  },
  // test_additional_checks.py: exactly these empty fields
  'lib-cove-ocds/additional_checks/empty_fields_releases.json': {
    empty: [
      '/releases/0/parties/0/address',
      '/releases/0/planning/budget/id',
      '/releases/0/tender/items/0/additionalClassifications',
    ],
  },
  'lib-cove-ocds/additional_checks/empty_fields_records.json': {
    empty: [
      '/records/0/compiledRelease/awards/0/documents/0/id',
      '/records/0/compiledRelease/awards/0/items/0/additionalClassifications',
    ],
  },
  'lib-cove-ocds/additional_checks/basic_releases.json': { empty: [] },
  'lib-cove-ocds/additional_checks/full_record.json': { empty: [] },
  'cove-ocds/tenders_releases_2_releases_not_json.json': { errors: ['not-json '] },
  'cove-ocds/latin1.json': { errors: ['not-utf8 '] },
  'cove-ocds/utf-16.json': { errors: ['utf16 '] },
  'cove-ocds/bad_toplevel_list.json': { errors: ['empty-array '] },
  'cove-ocds/non_dict_json.json': {
    errors: [
      'schema-required /publishedDate',
      'schema-required /publisher',
      'schema-required /uri',
      'schema-type /releases/0',
    ],
    includes: ['version-1.0 /version'],
  },
  'cove-ocds/tenders_releases_2_releases.json': {
    errors: [],
    includes: ['additional-field /releases/0/tender/methodRationale', 'ocid-prefix /releases/0/ocid'],
  },
  'cove-ocds/tenders_releases_2_releases_codelists.json': {
    errors: ['codelist-closed /releases/0/tag/1'],
    includes: ['codelist-open /releases/1/tender/items/0/classification/scheme'],
  },
  'cove-ocds/tenders_releases_deprecated_fields_against_1_1_live.json': {
    errors: [],
    includes: [
      'deprecated-field /releases/0/contracts/1/milestones/0/documents',
      'deprecated-field /releases/0/contracts/2/milestones/1/documents',
    ],
  },
  'cove-ocds/tenders_releases_2_releases_1_1_tenderers_with_missing_ids.json': {
    errors: [],
    includes: [
      'array-item-missing-id /releases/0/tender/tenderers/1',
      'deprecated-field /releases/0/tender/tenderers/1/additionalIdentifiers',
    ],
  },
  'cove-ocds/tenders_releases_extra_data.json': {
    includes: ['additional-field /releases/0/someExtraData', 'version-1.0 /version'],
  },
  'cove-ocds/tenders_releases_1_release_with_unrecognized_version.json': {
    errors: [],
    includes: ['version-unknown /version'],
  },
  'cove-ocds/tenders_releases_1_release_with_wrong_version_type.json': {
    errors: ['schema-type /version', 'version-invalid /version'],
  },
  'cove-ocds/tenders_releases_1_release_with_patch_in_version.json': {
    errors: ['schema-pattern /version'],
    includes: ['version-unknown /version'],
  },
  'cove-ocds/tenders_releases_1_release_with_extensions_1_1.json': {
    includes: ['extension-not-available /extensions/0'],
  },
  'cove-ocds/tenders_releases_1_release_unpackaged.json': { includes: ['unpackaged '] },
  'cove-ocds/utf8.json': { errors: ['releases-not-array /releases'] },
};

function RECORDS_INVALID(): { errors: string[]; extraErrorsUnder: string[] } {
  return {
    errors: [
      'schema-minItems /records/0/releases',
      'schema-required /records/1/releases/0/date',
      'schema-required /records/1/releases/0/url',
      'schema-required /records/2/releases/0/date',
      'schema-required /records/2/releases/0/initiationType',
      'schema-required /records/2/releases/0/ocid',
      'schema-required /records/2/releases/0/tag',
      'schema-required /records/3/releases/0/date',
      'record-mixed-releases /records/4/releases',
      'record-mixed-releases /records/5/releases',
      'schema-type /records/6/releases',
      'schema-type /records/7/releases',
      'schema-type /records/8/releases',
    ],
    extraErrorsUnder: ['/records/4/releases/', '/records/5/releases/'],
  };
}

test('Data Review Tool verdicts on the lib-cove-ocds and cove-ocds fixtures', { skip }, async () => {
  const v = await validator();
  let agree = 0;
  for (const [file, verdict] of Object.entries(VERDICTS)) {
    const found = await validateFile(v, path.join(FIX, file));
    const got = errors(found);
    if (verdict.errors) {
      const extra = verdict.extraErrorsUnder;
      const kept = extra
        ? got.filter((e) => verdict.errors!.includes(e) || !extra.some((p) => e.split(' ')[1]!.startsWith(p)))
        : got;
      assert.deepEqual(kept, [...verdict.errors].sort(), file);
    }
    const all = new Set(found.map((f) => `${f.code} ${f.pointer}`));
    if (verdict.empty) {
      assert.deepEqual(
        found
          .filter((f) => f.code === 'empty-value')
          .map((f) => f.pointer)
          .sort(),
        [...verdict.empty].sort(),
        file,
      );
    }
    for (const want of verdict.includes ?? [])
      assert.ok(all.has(want), `${file}: ${want} not in\n${[...all].join('\n')}`);
    agree++;
  }
  assert.equal(agree, Object.keys(VERDICTS).length);
});

test(
  'every fixture validates without a crash, also with every extension fixture loaded',
  { skip },
  async () => {
    const exts = [
      ...['codelist_extension', 'referror_extension', 'extension_many_jsonschema_keys', 'evil'].map((d) =>
        path.join(FIX, 'cove-ocds', d),
      ),
      ...['invalid-metadata', 'unresolvable', 'no-metadata'].map((d) =>
        path.join(FIX, 'lib-cove-ocds', 'extensions', d),
      ),
      ...fs
        .readdirSync(sharedPath('ocds-data', 'extensions'))
        .map((d) => sharedPath('ocds-data', 'extensions', d)),
    ];
    const set = await loadSchemaSet({
      schemaDir: sharedPath('ocds-data', 'schema', '1.1.5'),
      extensions: exts,
    });
    const withExt = createValidator(set);
    const plain = await validator();
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.jsonl?$/.test(e.name)) files.push(p);
      }
    };
    for (const d of ['lib-cove-ocds', 'cove-ocds', 'ocdskit']) walk(path.join(FIX, d));
    assert.ok(files.length > 100, `${files.length} fixture files`);
    for (const file of files) {
      for (const v of [plain, withExt]) {
        const found = await validateFile(v, file);
        for (const f of found) {
          assert.match(f.code, /^[a-z][a-zA-Z0-9.-]*$/, `${file}: ${JSON.stringify(f)}`);
          assert.ok(['error', 'warning', 'notice'].includes(f.severity));
          assert.ok(f.message.length > 0 && typeof f.pointer === 'string');
        }
      }
    }
  },
);

test(
  'the real packages (ProZorro with its extensions, Moldova, Jalisco) validate without a crash',
  { skip: skipWithoutShared('ocds-data', 'real') },
  async () => {
    const v = await validator();
    const real = sharedPath('ocds-data', 'real');
    let items = 0;
    for (const dir of fs.readdirSync(real)) {
      for (const f of fs.readdirSync(path.join(real, dir))) {
        if (!f.endsWith('.json')) continue;
        const found = await validateFile(v, path.join(real, dir, f));
        assert.ok(
          !found.some((x) => ['not-json', 'not-utf8', 'utf16'].includes(x.code)),
          `${dir}/${f} reads`,
        );
        items++;
      }
    }
    assert.equal(items, 7);
  },
);
