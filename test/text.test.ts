import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, searchWords } from '../src/text/fold.ts';
import { nfc } from '../src/text/normalize.ts';
import { parseVnTime } from '../src/text/time.ts';

test('fold makes Vietnamese text diacritic- and case-insensitive, NFC or NFD alike', () => {
  assert.equal(fold('Máy biến điện áp'), 'may bien dien ap');
  // decomposed input, as the national system sometimes sends it
  assert.equal(fold('Ma\u0301y bi\u00ea\u0301n \u0111i\u00ea\u0323n a\u0301p'), 'may bien dien ap');
  assert.equal(fold('ĐƯỜNG LÁNG'), 'duong lang');
  assert.deepEqual(searchWords('  Gói thầu số 10: VTTB nhị-thứ '), [
    'goi',
    'thau',
    'so',
    '10',
    'vttb',
    'nhi',
    'thu',
  ]);
});

test('nfc composes decomposed text, trims and collapses spaces, and maps blank to null', () => {
  const nfd = 'Xu\u031b\u0309 ly\u0301';
  assert.equal(nfc(nfd), 'Xử lý');
  assert.equal(nfc('  CÔNG TY   A  '), 'CÔNG TY A');
  assert.equal(nfc('   '), null);
  assert.equal(nfc(null), null);
});

test('parseVnTime reads times without an offset as Vietnam time (UTC+7)', () => {
  assert.equal(parseVnTime('2026-03-24T15:00:00')?.toISOString(), '2026-03-24T08:00:00.000Z');
  assert.equal(parseVnTime('2026-03-13T16:13:05.502')?.toISOString(), '2026-03-13T09:13:05.502Z');
  assert.equal(parseVnTime('2026-04-29')?.toISOString(), '2026-04-28T17:00:00.000Z');
});

test('parseVnTime keeps explicit offsets, including the +0000 form of the national system', () => {
  assert.equal(parseVnTime('2026-03-13T09:12:00.000+0000')?.toISOString(), '2026-03-13T09:12:00.000Z');
  assert.equal(parseVnTime('2026-07-29T12:01:46.939Z')?.toISOString(), '2026-07-29T12:01:46.939Z');
});

test('parseVnTime reads dates as Vietnamese pages show them', () => {
  assert.equal(parseVnTime('24/03/2026')?.toISOString(), '2026-03-23T17:00:00.000Z');
  assert.equal(parseVnTime('22:18 08/10/2020')?.toISOString(), '2020-10-08T15:18:00.000Z');
});

test('parseVnTime returns null for empty or unparseable input', () => {
  assert.equal(parseVnTime(''), null);
  assert.equal(parseVnTime(null), null);
  assert.equal(parseVnTime('not a date'), null);
  assert.equal(parseVnTime('2026-13-45T99:00:00'), null);
});

test('parseVnTime refuses dates that do not exist instead of rolling them over', () => {
  assert.equal(parseVnTime('2026-02-29T00:00:00'), null);
  assert.equal(parseVnTime('2026-04-31'), null);
  assert.equal(parseVnTime('31/02/2026'), null);
  assert.equal(parseVnTime('2024-02-29T10:00:00')?.toISOString(), '2024-02-29T03:00:00.000Z');
  assert.equal(parseVnTime('2026-03-24T24:00:00'), null);
});

test('parseVnTime refuses years no procurement record has (and the database would reject)', () => {
  assert.equal(parseVnTime('0001-01-01T00:00:00'), null);
  assert.equal(parseVnTime('+010000-01-01T00:00:00Z'), null);
  assert.equal(parseVnTime('-000001-01-01T00:00:00Z'), null);
  assert.equal(parseVnTime('2300-01-01T00:00:00'), null);
  assert.equal(parseVnTime('2026-03-13T09:12Z')?.toISOString(), '2026-03-13T09:12:00.000Z');
});

test('nfc removes what PostgreSQL cannot store: NUL, control characters, lone surrogates', () => {
  assert.equal(nfc('Gói\u0000 thầu'), 'Gói thầu');
  assert.equal(nfc('\ud800Tên'), 'Tên');
  assert.equal(nfc('a\udc00b'), 'ab');
  assert.equal(nfc('Máy 😀'), 'Máy 😀', 'a valid surrogate pair is kept');
});
