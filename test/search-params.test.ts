/** The search URL: parsing, canonical query strings, and highlighting of matched words (pure, no database). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { highlight, highlightHtml } from '../src/procurement/queries/search-highlight.ts';
import {
  parseAgencyCode,
  parseCalendarDay,
  parseSearchQuery,
  searchQueryString,
} from '../src/procurement/queries/search-params.ts';

describe('parseSearchQuery and searchQueryString', () => {
  test('every parameter parses and is written back in canonical order', () => {
    const url =
      'pageSize=50&page=3&sort=price_asc&closingTo=2026-04-30&closingFrom=2026-04-01&publishedTo=2026-03-31' +
      '&publishedFrom=2026-03-01&priceMax=500000000&priceMin=100000000&ward=00070&province=01' +
      '&agency=VNZ000012345&closingWithin=7&state=open&online=true&domestic=false&procedure=1_MTHS' +
      '&method=DTRR&field=HH&q=duong+lang&utm_source=x';
    const { params, errors } = parseSearchQuery(url);
    assert.deepEqual(errors, []);
    assert.deepEqual(params, {
      q: 'duong lang',
      field: 'HH',
      method: 'DTRR',
      procedure: '1_MTHS',
      domestic: false,
      online: true,
      state: 'open',
      closingWithin: 7,
      agency: 'vnz000012345',
      province: '01',
      ward: '00070',
      priceMin: 100_000_000,
      priceMax: 500_000_000,
      publishedFrom: '2026-03-01',
      publishedTo: '2026-03-31',
      closingFrom: '2026-04-01',
      closingTo: '2026-04-30',
      sort: 'price_asc',
      page: 3,
      pageSize: 50,
    });
    const canonical = searchQueryString(params);
    assert.equal(
      canonical,
      'q=duong+lang&field=HH&method=DTRR&procedure=1_MTHS&domestic=false&online=true&state=open&closingWithin=7' +
        '&agency=vnz000012345&province=01&ward=00070&priceMin=100000000&priceMax=500000000' +
        '&publishedFrom=2026-03-01&publishedTo=2026-03-31&closingFrom=2026-04-01&closingTo=2026-04-30' +
        '&sort=price_asc&page=3&pageSize=50',
      'known parameters only, in one order',
    );
    assert.deepEqual(parseSearchQuery(canonical).params, params, 'round trip');
    assert.equal(searchQueryString(params, { page: null, field: null }).includes('field='), false);
  });

  test('empty values mean any; defaults are left out of URLs', () => {
    const { params, errors } = parseSearchQuery('?q=&field=&state=&priceMin=&publishedFrom=&sort=');
    assert.deepEqual(errors, []);
    assert.deepEqual(params, { page: 1, pageSize: 20 });
    assert.equal(searchQueryString(params), '');
    assert.equal(searchQueryString({ ...params, page: 1, pageSize: 20, q: '  ' }), 'q=++');
  });

  test('the same input as an object or URLSearchParams', () => {
    const fromObject = parseSearchQuery({ field: 'XL', page: '2', ignored: ['a', 'b'] });
    assert.deepEqual(fromObject.params, { field: 'XL', page: 2, pageSize: 20 });
    const twice = parseSearchQuery({ field: ['XL', 'HH'] });
    assert.equal(twice.errors[0]?.param, 'field');
    assert.deepEqual(parseSearchQuery(new URLSearchParams('online=false')).params.online, false);
  });

  test('bad values are errors naming the parameter, in English and Vietnamese', () => {
    const cases: [string, string][] = [
      ['page=0x10', 'page'],
      ['page=', 'page'],
      ['page=0', 'page'],
      ['page=10001', 'page'],
      ['pageSize=101', 'pageSize'],
      ['page=1&page=2', 'page'],
      ['field=XX', 'field'],
      ['state=later', 'state'],
      ['sort=random', 'sort'],
      ['domestic=yes', 'domestic'],
      ['closingWithin=0', 'closingWithin'],
      ['closingWithin=1e3', 'closingWithin'],
      ['priceMin=-5', 'priceMin'],
      ['priceMin=1.5', 'priceMin'],
      ['priceMin=99999999999999999999', 'priceMin'],
      ['priceMin=10&priceMax=5', 'priceMax'],
      ['publishedFrom=2026-02-30', 'publishedFrom'],
      ['publishedFrom=2026-3-1', 'publishedFrom'],
      ['publishedFrom=2026-03-10&publishedTo=2026-03-01', 'publishedTo'],
      ['closingFrom=2026-04-10&closingTo=2026-04-01', 'closingTo'],
      ['closingWithin=7&state=closed', 'closingWithin'],
      ['province=1', 'province'],
      ['ward=0007', 'ward'],
      ['agency=%3Cscript%3E', 'agency'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ];
    for (const [qs, param] of cases) {
      const { params, errors } = parseSearchQuery(qs);
      assert.equal(errors.length, 1, qs);
      assert.equal(errors[0]!.param, param, qs);
      assert.ok(errors[0]!.en.length > 0 && errors[0]!.vi.length > 0, qs);
      if (param !== 'page' && param !== 'pageSize') assert.equal(param in params, false, `${qs}: left out`);
    }
  });

  test('days as typed in Vietnam and agencies as tax codes', () => {
    assert.equal(parseCalendarDay('5/3/2026'), '2026-03-05');
    assert.equal(parseCalendarDay('2024-02-29'), '2024-02-29');
    assert.equal(parseCalendarDay('2025-02-29'), null);
    assert.equal(parseSearchQuery('publishedFrom=01/03/2026').params.publishedFrom, '2026-03-01');
    assert.equal(parseAgencyCode('0100100100'), 'vn0100100100');
    assert.equal(parseAgencyCode('0100100100-001'), 'vn0100100100-001');
    assert.equal(parseAgencyCode(' VNZ000012345 '), 'vnz000012345');
    assert.equal(parseAgencyCode('a b'), null);
  });
});

describe('highlighting', () => {
  test('words without diacritics mark the published text with its diacritics', () => {
    assert.deepEqual(highlight('Đường Láng, Hà Nội', ['duong', 'lang']), [
      { text: 'Đường', mark: true },
      { text: ' ', mark: false },
      { text: 'Láng', mark: true },
      { text: ', Hà Nội', mark: false },
    ]);
    assert.equal(
      highlightHtml('Trường THCS Láng Thượng', ['lang', 'thuong']),
      'Trường THCS <mark>Láng</mark> <mark>Thượng</mark>',
    );
    assert.equal(
      highlightHtml('Máy biến điện áp', ['bie']),
      'Máy <mark>biế</mark>n điện áp',
      'a prefix marks its part',
    );
    assert.equal(highlightHtml('IB2600077452', ['ib26000']), '<mark>IB26000</mark>77452');
    // Decomposed input (NFD) keeps its combining marks inside the mark.
    assert.equal(
      highlightHtml('Ha\u0300 No\u0302\u0323i', ['ha', 'noi']),
      '<mark>Ha\u0300</mark> <mark>No\u0302\u0323i</mark>',
    );
    assert.equal(highlightHtml('Máy biến áp', ['xyz']), null, 'nothing matched');
    assert.equal(highlightHtml('Máy biến áp', []), null);
  });

  test('markup in the data is escaped; the only tags are <mark>', () => {
    const html = highlightHtml('<script>alert("x")</script> & <img src=x onerror=alert(1)> máy', [
      'script',
      'may',
      'img',
    ]);
    assert.equal(
      html,
      '&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &lt;<mark>img</mark> src=x onerror=alert(1)&gt; <mark>máy</mark>',
    );
    assert.deepEqual(
      [...html!.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]).filter((t) => t !== 'mark'),
      [],
    );
  });
});
