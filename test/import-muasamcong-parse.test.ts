/**
 * Pure parts of `minhbach import muasamcong`: file recognition with the reasons for rejection, value
 * conversion (VND, Vietnam time, codes, provinces), and mapping of real responses to TbmtFacts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import type { TbmtFacts } from '../src/procurement/facts.ts';
import { parseJsonBytes, recognise } from '../src/importers/muasamcong/detect.ts';
import { Notes } from '../src/importers/muasamcong/fields.ts';
import { parseKqlcnt } from '../src/importers/muasamcong/kqlcnt.ts';
import { gsoProvinceCode } from '../src/importers/muasamcong/places.ts';
import { parseSearchResponse } from '../src/importers/muasamcong/search-hit.ts';
import { parseTbmtDetail } from '../src/importers/muasamcong/tbmt-detail.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const api = (file: string) => sharedPath('real-data', 'muasamcong', 'api', file);
const readApi = (file: string) => JSON.parse(fs.readFileSync(api(file), 'utf8')) as Record<string, unknown>;
const skipApi = skipWithoutShared('real-data', 'muasamcong', 'api');

/** Every string anywhere in `value`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.values(value).flatMap(strings);
  return [];
}

/** A minimal search response with one hit (synthetic, so these tests run without ../shared). */
function searchResponse(hit: Record<string, unknown>): Record<string, unknown> {
  return {
    page: { content: [{ notifyNo: 'IB2699000001', notifyVersion: '00', bidName: ['Gói thử'], ...hit }] },
    agg: [],
  };
}

describe('parseJsonBytes', () => {
  test('empty and blank files', () => {
    assert.deepEqual(parseJsonBytes(bytes('')), { ok: false, reason: 'empty file' });
    assert.deepEqual(parseJsonBytes(bytes(' \n\t ')), { ok: false, reason: 'empty file' });
  });

  test('truncated JSON names the byte where input ran out, counting UTF-8 bytes', () => {
    const whole = JSON.stringify({
      bidName: 'Mua sắm máy biến điện áp',
      list: Array.from({ length: 400 }, (_, i) => i),
    });
    const cut = Buffer.from(whole).subarray(0, 812);
    const r = parseJsonBytes(cut);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /^truncated JSON at byte 812 \(.+\)$/);
    const open = parseJsonBytes(bytes('{"a": [1, 2'));
    assert.match((open as { reason: string }).reason, /^truncated JSON at byte 11 \(/);
  });

  test('invalid JSON and invalid UTF-8', () => {
    assert.match((parseJsonBytes(bytes('hello')) as { reason: string }).reason, /^not JSON: /);
    assert.match((parseJsonBytes(bytes('{"a":}')) as { reason: string }).reason, /^not JSON: /);
    assert.deepEqual(parseJsonBytes(new Uint8Array([0x7b, 0xff, 0x7d])), {
      ok: false,
      reason: 'not UTF-8 text',
    });
  });

  test('a byte-order mark is tolerated', () => {
    assert.deepEqual(parseJsonBytes(bytes('\ufeff{"tenders": []}')), { ok: true, json: { tenders: [] } });
  });
});

describe('recognise', () => {
  const reason = (json: unknown) => {
    const r = recognise(json);
    assert.equal(r.ok, false, `expected a rejection for ${JSON.stringify(json)}`);
    return (r as { reason: string }).reason;
  };

  test('rejects non-responses with the reason', () => {
    assert.equal(reason(null), 'not a response of the national system (JSON null)');
    assert.equal(reason(42), 'not a response of the national system (a JSON number)');
    assert.equal(reason('IB2600077452'), 'not a response of the national system (a JSON string)');
    assert.equal(reason({ statusCode: 400 }), 'error response from the national system: statusCode 400');
    assert.equal(
      reason([
        {
          pageSize: 1,
          pageNumber: 0,
          query: [{ index: 'es-contractor-selection', keyWord: 'IB2600026487' }],
        },
      ]),
      'not a response of the national system (looks like a search request body)',
    );
    assert.match(reason({ id: '78d2b3b8-599b-467e-8a2d-87bba66be0e8' }), /looks like a request body: \{id\}/);
    assert.match(reason({ notifyNo: 'IB2600022089' }), /looks like a request body/);
    assert.match(reason({ foo: 1, bar: [] }), /^unrecognised JSON shape \(an object with keys foo, bar\)$/);
    assert.match(reason([]), /^unrecognised JSON shape/);
    assert.match(reason([1, 2]), /^unrecognised JSON shape/);
  });

  test('recognises every kind from the content', () => {
    const kind = (json: unknown) => {
      const r = recognise(json);
      assert.ok(r.ok, JSON.stringify(r));
      return r.kind;
    };
    assert.equal(kind(searchResponse({})), 'search');
    assert.equal(kind({ bidoNotifyContractorM: {} }), 'tbmt');
    assert.equal(kind({ bideContractorInputResultDTO: {} }), 'kqlcnt');
    assert.equal(
      kind({
        bidNoContractorResponse: null,
        bidoBidroundMngViewDTO: null,
        bidSubmissionByContractorViewResponse: null,
      }),
      'bid-open',
    );
    assert.equal(
      kind([{ bidOpenId: 'x', lotNo: 'BP2600105679', lotPrice: 1, contractorCode: 'vn0101' }]),
      'lot-open',
    );
    assert.equal(
      kind([{ lotOpenId: 'y', lotNo: 'BP2600105679', lotPrice: 1, contractorCode: 'vn0101' }]),
      'lot-open-detail',
    );
    assert.equal(kind({ tenders: [], fetchedAt: 'x' }), 'tbyt-tenders');
    assert.equal(kind({ bidders: [], fetchedAt: 'x' }), 'tbyt-bidders');
    assert.equal(kind({ schemaVersion: 3, bidders: [], items: [], requirements: {} }), 'tbyt-detail');
  });

  test('the real api/ files are recognised by content', { skip: skipApi }, () => {
    const expected: Record<string, string> = {
      'ib2600022089_search.json': 'search',
      'ib2600022089_tbmt.json': 'tbmt',
      'ib2600077452_bid_open.json': 'bid-open',
      'ib2600077452_kqlcnt.json': 'kqlcnt',
      'ib2600077452_lot_open.json': 'lot-open',
      'ib2600077452_lot_open_detail.json': 'lot-open-detail',
      'ib2600077452_search.json': 'search',
      'ib2600077452_tbmt.json': 'tbmt',
      'ib2600084950_kqlcnt.json': 'kqlcnt',
      'ib2600084950_search.json': 'search',
    };
    for (const [file, kind] of Object.entries(expected)) {
      const r = recognise(readApi(file));
      assert.ok(r.ok && r.kind === kind, `${file}: ${JSON.stringify(r)}`);
    }
    assert.equal(recognise(readApi('search_ib2600094230.json')).ok, false);
  });
});

describe('values and codes', () => {
  test('search hits: float-in-array prices become VND integers, naive times are Vietnam time', () => {
    const [unit] = parseSearchResponse(
      searchResponse({ bidPrice: [4.1256e8], bidCloseDate: '2026-03-24T15:00:00', bidForm: 'DTRR' }),
      'x.json',
      new Notes(),
    );
    const v = unit!.facts.versions![0]!;
    assert.equal(v.priceVnd, 412_560_000);
    assert.equal(v.bidCloseAt!.toISOString(), '2026-03-24T08:00:00.000Z');
    assert.equal(v.method, 'DTRR');
  });

  test('an unknown code is kept raw, not mapped, and reported', () => {
    const notes = new Notes();
    const [unit] = parseSearchResponse(
      searchResponse({ bidForm: 'XYZ', investField: ['QQ'] }),
      'x.json',
      notes,
    );
    const v = unit!.facts.versions![0]!;
    assert.equal(v.method, null);
    assert.equal(v.methodCodeSrc, 'XYZ');
    assert.equal(v.field, null);
    assert.equal(v.fieldCodeSrc, 'QQ');
    const keys = [...notes.unmapped.keys()];
    assert.ok(keys.includes('search.page.content[].bidForm="XYZ" (unknown code)'), keys.join('\n'));
    assert.ok(keys.includes('search.page.content[].investField="QQ" (unknown code)'), keys.join('\n'));
  });

  test('province codes: GSO kept, legacy 223 (Bắc Ninh) → 27, unknown legacy codes not guessed', () => {
    assert.equal(gsoProvinceCode('01', 'Thành phố Hà Nội'), '01');
    assert.equal(gsoProvinceCode('223', 'Tỉnh Bắc Ninh'), '27');
    assert.equal(gsoProvinceCode('223', 'Bắc Ninh'), '27');
    assert.equal(gsoProvinceCode('223', 'Tỉnh Hà Nam'), null);
    assert.equal(gsoProvinceCode('101', 'Thành phố Hà Nội'), null);
    const notes = new Notes();
    const [unit] = parseSearchResponse(
      searchResponse({ locations: [{ provCode: '999', provName: 'Tỉnh Lạ' }] }),
      'x.json',
      notes,
    );
    assert.deepEqual(unit!.facts.versions![0]!.locations, [
      {
        provinceCode: null,
        provinceName: 'Tỉnh Lạ',
        districtCode: null,
        districtName: null,
        wardCode: null,
        wardName: null,
      },
    ]);
    assert.ok(
      notes.unmapped.has(
        'search.page.content[].locations[].provCode="999" (legacy province code not in the table)',
      ),
    );
  });

  test('decomposed (NFD) text comes out NFC', () => {
    const nfd = 'Mua sắm máy biến điện áp'.normalize('NFD');
    const [unit] = parseSearchResponse(
      searchResponse({ bidName: [nfd], investorName: nfd }),
      'x.json',
      new Notes(),
    );
    assert.equal(unit!.facts.versions![0]!.name, 'Mua sắm máy biến điện áp'.normalize('NFC'));
    assert.equal(unit!.facts.versions![0]!.investor!.name, 'Mua sắm máy biến điện áp'.normalize('NFC'));
  });
});

describe('real responses → TbmtFacts', { skip: skipApi }, () => {
  test('KQLCNT IB2600077452: 6 bidders, winner, reasons, the winner’s goods only, all text NFC', () => {
    const notes = new Notes();
    const [unit] = parseKqlcnt(readApi('ib2600077452_kqlcnt.json'), 'k.json', notes);
    const f: TbmtFacts = unit!.facts;
    assert.equal(f.notifyNo, 'IB2600077452');
    const r = f.results![0]!;
    assert.equal(r.version, '00');
    assert.equal(r.decisionNo, '196/QĐ-TĐSS');
    assert.equal(r.bidders.length, 6);
    const winners = r.bidders.filter((b) => b.isWinner);
    assert.deepEqual(
      winners.map((w) => [w.contractor.code, w.contractor.taxCode, w.winningPriceVnd]),
      [['vn0317079577', '0317079577', 219_994_920]],
    );
    assert.deepEqual(
      r.bidders
        .filter((b) => !b.isWinner)
        .map((b) => b.reason)
        .sort(),
      [2, 3, 4, 5, 6].map((n) => `Nhà thầu xếp hạng ${n}.`),
    );
    assert.equal(r.items!.length, 1);
    assert.equal(r.items![0]!.contractor!.code, 'vn0317079577');
    assert.equal(r.items![0]!.unitPriceVnd, 219_994_920);
    assert.equal(
      notes.unmapped.get(
        "kqlcnt.bideContractorInputResultDTO.lotResultDTO[].goodsList (loser table repeating the winner's)",
      ),
      5,
    );
    assert.equal(f.opening!.bidders.length, 6);
    for (const s of strings(f)) assert.equal(s, s.normalize('NFC'), `not NFC: ${s}`);
  });

  test('KQLCNT IB2600084950: multi-currency package price, flat goods list for the winner', () => {
    const [unit] = parseKqlcnt(readApi('ib2600084950_kqlcnt.json'), 'k.json', new Notes());
    const f = unit!.facts;
    assert.deepEqual(f.package!.priceDetail, [
      { currency: 'VND', amount: 21_101_040_000, exchangeRate: null },
      { currency: 'USD', amount: 799_675, exchangeRate: 26_387 },
      { currency: 'EUR', amount: 674_810, exchangeRate: 31_269.59 },
    ]);
    assert.equal(f.versions![0]!.version, '01');
    const r = f.results![0]!;
    assert.equal(r.bidders[0]!.finalPriceVnd, null, 'lotFinalPrice 0 means not filled in');
    assert.equal(r.items![0]!.contractor!.code, 'vn0101990508');
    assert.equal(r.items![0]!.model, 'CG 400');
  });

  test('TBMT IB2600022089: cancellation with reason and Vietnam-time date, legacy province code', () => {
    const [unit] = parseTbmtDetail(readApi('ib2600022089_tbmt.json'), 't.json', new Notes());
    const f = unit!.facts;
    assert.equal(f.cancellation!.reason, 'Rà soát, cập nhật lại HSMT');
    assert.equal(f.cancellation!.cancelledAt!.toISOString(), '2026-02-02T01:58:53.000Z');
    assert.equal(f.versions![0]!.statusCodeSrc, '03');
    assert.equal(f.versions![0]!.locations![0]!.provinceCode, '27');
    assert.equal(f.versions![0]!.locations![0]!.provinceName, 'Tỉnh Bắc Ninh');
    assert.equal(f.versions![0]!.documentsDecisionDate!.toISOString(), '2026-01-23T07:08:00.000Z');
    assert.equal(f.package!.bidNo, 'BP2300511627');
    assert.equal(f.package!.priceVnd, 88_698_500_000);
  });
});
