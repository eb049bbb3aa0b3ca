/**
 * The same search as an Atom feed, CSV and XLSX: the feed parses back as well-formed XML with the
 * newest notices first and escaped text; the CSV starts with a BOM and round-trips Vietnamese text;
 * the XLSX opens with exceljs and has the rows; the row limit cuts exports and says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { SaxesParser } from 'saxes';
import type { Database } from '../src/db/connect.ts';
import { openSearchExport } from '../src/procurement/queries/search-export.ts';
import { searchTbmt } from '../src/procurement/queries/search.ts';
import { buildApp } from '../src/web/app.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  openNotice,
  plainNotice,
  saveFacts,
  scriptNotice,
  VN,
} from './helpers/facts-fixtures.ts';

interface AtomEntry {
  title: string;
  id: string;
  link: string;
  updated: string;
  published: string;
}

/** Parses an Atom document strictly (saxes throws on any well-formedness error) into its entries. */
function parseAtom(xml: string): { feed: Record<string, string>; entries: AtomEntry[] } {
  const parser = new SaxesParser({ xmlns: true });
  const feed: Record<string, string> = {};
  const entries: AtomEntry[] = [];
  const path: string[] = [];
  let current: Record<string, string> | null = null;
  let text = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    path.push(tag.local);
    text = '';
    if (tag.local === 'entry') current = {};
    if (tag.local === 'link') {
      const target = current ?? feed;
      target[`link:${tag.attributes.rel?.value ?? 'alternate'}`] = tag.attributes.href!.value;
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    path.pop();
    if (tag.local === 'entry') {
      entries.push({
        title: current!.title!,
        id: current!.id!,
        link: current!['link:alternate']!,
        updated: current!.updated!,
        published: current!.published!,
      });
      current = null;
    } else if (current && path.at(-1) === 'entry') current[tag.local] = text;
    else if (path.at(-1) === 'feed') feed[tag.local] = text;
  });
  parser.write(xml).close();
  return { feed, entries };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Atom feed, CSV and XLSX of a search', () => {
  let database: Database;
  let app: FastifyInstance;
  const plain = Array.from({ length: 60 }, (_, i) => plainNotice(i + 1));
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), cancelledNotice(), openNotice(), scriptNotice(), ...plain]);
    app = await buildApp({ database });
  });
  after(async () => {
    await app.close();
    await database.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  test('Atom: well-formed, newest first, 50 entries, links and RFC 3339 dates', async () => {
    const res = await get('/tim-kiem.atom?q=mua&sort=price');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
    const { feed, entries } = parseAtom(res.body);
    assert.equal(entries.length, 50, 'the newest 50');
    assert.match(feed.title!, /gói thầu mới: “mua”/);
    assert.match(feed.updated!, RFC3339);
    assert.match(
      feed['link:self']!,
      /^http:\/\/localhost(:80)?\/tim-kiem\.atom\?q=mua$/,
      'sort is not part of a feed',
    );
    const published = entries.map((e) => Date.parse(e.published));
    assert.deepEqual(
      published,
      [...published].sort((a, b) => b - a),
      'newest first, whatever sort asked',
    );
    for (const e of entries) {
      assert.match(e.updated, RFC3339);
      assert.match(e.link, /^http:\/\/localhost(:80)?\/tbmt\/IB\d{10}$/);
      assert.equal(e.id, e.link);
    }
    const api = (await get('/api/v1/search?q=mua&sort=newest&pageSize=50')).json();
    assert.deepEqual(
      entries.map((e) => e.link.slice(-12)),
      api.items.map((i: { notifyNo: string }) => i.notifyNo),
      'the entries are the search results',
    );
  });

  test('Atom: markup in names stays text; a bad parameter is a 400', async () => {
    const { entries } = parseAtom((await get('/tim-kiem.atom?field=HH&method=CHCT&priceMax=1000000')).body);
    assert.equal(entries.length, 1);
    // type="html": the reader decodes the escaped text back to the literal name, never to a tag.
    assert.equal(entries[0]!.title, 'IB2600066666 — &lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal((await get('/tim-kiem.atom?page=x')).statusCode, 400);
    assert.equal(
      parseAtom((await get('/tim-kiem.atom?q=xyzzy')).body).entries.length,
      0,
      'an empty feed is valid',
    );
  });

  test('CSV: BOM, Vietnamese headers and text round-trip, VND numbers, Vietnam time, all rows', async () => {
    const res = await get('/tim-kiem.csv?q=may+bien');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="minhbach-tim-kiem-\d{8}-\d{4}\.csv"$/,
    );
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row['Số TBMT'], 'IB2600077452');
    assert.equal(row['Tên gói thầu'], amendedNotice().versions![1]!.name, 'Vietnamese text unchanged');
    assert.equal(row['Chủ đầu tư'], 'Ban Quản lý dự án đầu tư xây dựng công trình Điện lực Hà Nội');
    assert.equal(row['Giá gói thầu (VND)'], '235500000');
    assert.equal(row['Ngày đăng tải (giờ Việt Nam)'], '2026-03-02 08:00');
    assert.equal(row['Thời điểm đóng thầu (giờ Việt Nam)'], '2026-03-27 15:00', 'after the extension');
    assert.equal(row['Trong nước / Quốc tế'], 'Trong nước');
    assert.equal(row['Tỉnh/thành phố'], 'Thành phố Hà Nội');
    assert.match(row['Liên kết']!, /\/tbmt\/IB2600077452$/);
    const all = await get('/tim-kiem.csv');
    assert.equal(all.headers['transfer-encoding'], 'chunked', 'streamed');
    assert.equal(all.headers['x-row-count'], '64');
    assert.equal(all.headers['x-truncated'], 'false');
    assert.equal((parse(all.rawPayload, { bom: true, columns: true }) as unknown[]).length, 64);
  });

  test('XLSX: opens with exceljs, has the rows with numbers and dates, says its limit', async () => {
    const res = await get('/tim-kiem.xlsx?field=PTV&sort=price_asc');
    assert.equal(res.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Kết quả')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.equal(header[0], 'Số TBMT');
    assert.equal(header[10], 'Giá gói thầu (VND)');
    const api = (await get('/api/v1/search?field=PTV&sort=price_asc&pageSize=100')).json();
    assert.equal(sheet.rowCount, 1 + api.total);
    for (let i = 0; i < api.total; i++) {
      const row = sheet.getRow(i + 2);
      assert.equal(row.getCell(1).value, api.items[i].notifyNo);
      assert.equal(row.getCell(2).value, api.items[i].name);
      assert.equal(row.getCell(11).value, api.items[i].priceVnd, 'VND as a number');
    }
    const first = sheet.getRow(2);
    const published = first.getCell(12).value as Date;
    assert.ok(published instanceof Date, 'a date cell');
    // The cell holds Vietnam local time (spreadsheets have no zones).
    const at = new Date(api.items[0].publishedAt);
    assert.equal(published.toISOString(), new Date(at.getTime() + 7 * 3_600_000).toISOString());
    assert.equal(first.getCell(12).numFmt, 'dd/mm/yyyy hh:mm');
    const info = book.getWorksheet('Thông tin')!;
    const facts = new Map(
      info
        .getSheetValues()
        .slice(1)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    assert.equal(facts.get('Giới hạn số dòng của một tệp'), 50_000);
    assert.equal(facts.get('Số dòng'), api.total);
    assert.match(String(facts.get('Đủ kết quả?')), /^Có/);
  });

  test('the row limit cuts the export in the order of the search, read in batches', async () => {
    const params = {
      q: 'mua',
      sort: 'price' as const,
      page: 1,
      pageSize: 20,
      now: VN('2026-05-01T12:00:00'),
    };
    const exp = await openSearchExport(database.db, params, 7, 3);
    assert.equal(exp.count, 7);
    assert.equal(exp.truncated, true);
    const rows = [];
    for await (const r of exp.rows) rows.push(r.notifyNo);
    const page = await searchTbmt(database.db, { ...params, pageSize: 7 });
    assert.deepEqual(
      rows,
      page.items.map((i) => i.notifyNo),
    );
    const whole = await openSearchExport(database.db, params, 1000, 3);
    assert.equal(whole.truncated, false);
    assert.equal(whole.count, page.total);
  });
});
