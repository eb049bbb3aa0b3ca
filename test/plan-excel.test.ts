/**
 * The Excel template of plans (KHLCNT): it downloads and re-opens with the expected sheets, headers,
 * drop-down lists and formats; a filled template uploads, previews and publishes after confirmation;
 * errors in several cells are each listed with sheet, cell, column and saved nothing; a non-xlsx, a
 * corrupt and an oversize file are clear errors; an upload without CSRF is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { FIELDS, METHODS } from '../src/procurement/codes.ts';
import { planFixture, pageCsrf, upload, vnDaysAgo, type PlanFixture } from './helpers/plans.ts';

let f: PlanFixture;
let template: Buffer;
before(async () => {
  f = await planFixture();
});
after(async () => {
  await f?.close();
});

const count = async () => (await f.database.db.selectFrom('khlcnt').select('id').execute()).length;

/** The template filled with a valid plan of two packages (rows 2 and 4; row 3 left empty). */
async function filled(edit?: (plan: ExcelJS.Worksheet, pk: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const plan = wb.getWorksheet('Kế hoạch')!;
  plan.getCell('B4').value = 'KHLCNT mua sắm 2026 <script>alert(1)</script>';
  plan.getCell('B5').value = 'Dự toán mua sắm 2026';
  plan.getCell('B6').value = 'so-tc';
  plan.getCell('B7').value = '45/QĐ-STC';
  const [y, m, d] = vnDaysAgo(0).split('-').map(Number) as [number, number, number];
  plan.getCell('B8').value = new Date(Date.UTC(y, m - 1, d));
  plan.getCell('B9').value = 'Sở Tài chính';
  const pk = wb.getWorksheet('Gói thầu')!;
  pk.getRow(2).values = [
    '',
    'Mua bàn ghế',
    'Hàng hóa',
    'Chào hàng cạnh tranh',
    'Một giai đoạn một túi hồ sơ',
    850000000,
    'Ngân sách',
    'Trọn gói',
    'Trong nước',
    'Qua mạng',
    'Quý 1/2027',
    60,
    'ngày',
  ];
  pk.getRow(4).values = [
    'BP2600105679',
    'Thi công cải tạo',
    'Xây lắp',
    'Đấu thầu rộng rãi',
    'Một giai đoạn hai túi hồ sơ',
    12000000000,
    'Vốn đầu tư công',
    'Theo đơn giá điều chỉnh',
    'Trong nước',
    'Qua mạng',
    'Tháng 2/2027',
    8,
    'tháng',
  ];
  edit?.(plan, pk);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('template GET /dang-tai/khlcnt/mau.xlsx', () => {
  test('downloads and re-opens with the sheets, headers, lists and VND format', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/dang-tai/khlcnt/mau.xlsx' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml\.sheet/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="mau-khlcnt\.xlsx"/);
    template = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.filter((w) => w.state !== 'hidden').map((w) => w.name),
      ['Hướng dẫn', 'Kế hoạch', 'Gói thầu'],
    );
    const pk = wb.getWorksheet('Gói thầu')!;
    assert.equal(pk.getCell('B1').value, 'Tên gói thầu');
    assert.equal(pk.getCell('F1').value, 'Giá gói thầu');
    assert.equal(pk.getCell('F2').numFmt, '#,##0 "₫"');
    assert.equal(wb.getWorksheet('Kế hoạch')!.getCell('A8').value, 'Ngày phê duyệt *');
    // Each drop-down refers to a list whose values are the Vietnamese labels of codes.ts.
    const listValues = (cell: string) => {
      const v = pk.getCell(cell).dataValidation;
      assert.equal(v?.type, 'list', `${cell} has a list`);
      const m = /^'(.+)'!\$([A-Z])\$(\d+):\$[A-Z]\$(\d+)$/.exec(v!.formulae![0] as string)!;
      const sheet = wb.getWorksheet(m[1]!)!;
      const out: unknown[] = [];
      for (let r = Number(m[3]); r <= Number(m[4]); r++) out.push(sheet.getCell(`${m[2]}${r}`).value);
      return out;
    };
    assert.deepEqual(
      listValues('C2'),
      FIELDS.map((x) => x.vi),
    );
    assert.deepEqual(
      listValues('D501'),
      METHODS.map((x) => x.vi),
    );
    assert.ok(listValues('E2').includes('Hai giai đoạn hai túi hồ sơ'));
    assert.ok(listValues('H2').includes('Trọn gói'));
  });
});

describe('upload POST /dang-tai/khlcnt/tai-len', () => {
  test('a filled template previews, saves nothing, then publishes on confirmation', async () => {
    const csrf = await pageCsrf(f.tc);
    const before = await count();
    const res = await upload(f.tc, 'ke-hoach.xlsx', await filled(), csrf);
    assert.equal(res.statusCode, 200, res.body.slice(0, 3000));
    assert.match(res.body, /Xem trước: tệp hợp lệ/);
    assert.match(res.body, /Mua bàn ghế/);
    assert.match(res.body, /12\.000\.000\.000 ₫/);
    assert.ok(!res.body.includes('<script>alert(1)'), 'script shown as text');
    assert.equal(await count(), before, 'nothing saved before confirmation');
    const payload = /name="payload" value="([^"]*)"/
      .exec(res.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const confirm = await f.tc.request('POST', '/dang-tai/khlcnt/xac-nhan', { payload, _csrf: csrf });
    assert.equal(confirm.statusCode, 303, confirm.body.slice(0, 2000));
    const page = await f.tc.get(confirm.headers.location as string);
    assert.match(page.body, /Thi công cải tạo/);
    assert.match(page.body, /BP2600105679/);
    assert.match(page.body, /Quý 1\/2027/);
    assert.match(page.body, /&lt;script>alert\(1\)/);
    assert.equal(await count(), before + 1);
  });

  test('errors in several cells are each listed with sheet, cell and column; nothing saved', async () => {
    const csrf = await pageCsrf(f.tc);
    const before = await count();
    const bytes = await filled((plan, pk) => {
      plan.getCell('B8').value = '31/02/2026';
      plan.getCell('B7').value = null;
      pk.getCell('F4').value = 'mười tỷ';
      pk.getCell('C2').value = 'Lĩnh vực lạ';
      pk.getCell('K4').value = 'sớm';
      pk.getCell('A4').value = 'XX123';
    });
    const res = await upload(f.tc, 'loi.xlsx', bytes, csrf);
    assert.equal(res.statusCode, 400);
    const rows = [
      ...res.body.matchAll(
        /<tr><td>([^<]+)<\/td><td><code>([A-Z]+\d+)<\/code><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g,
      ),
    ].map((m) => `${m[1]}!${m[2]} (${m[3]})`);
    assert.deepEqual(rows.sort(), [
      'Gói thầu!A4 (Số gói thầu)',
      'Gói thầu!C2 (Lĩnh vực)',
      'Gói thầu!F4 (Giá gói thầu)',
      'Gói thầu!K4 (Thời gian bắt đầu tổ chức LCNT)',
      'Kế hoạch!B7 (Số quyết định phê duyệt)',
      'Kế hoạch!B8 (Ngày phê duyệt)',
    ]);
    assert.match(res.body, /Không phải số/);
    assert.match(res.body, /Tệp có 6 lỗi; chưa lưu gì/);
    assert.equal(await count(), before);
  });

  test('a non-xlsx file, a corrupt one and a renamed text file are clear errors', async () => {
    const csrf = await pageCsrf(f.tc);
    const csv = await upload(f.tc, 'ke-hoach.csv', Buffer.from('a,b\n1,2\n'), csrf);
    assert.equal(csv.statusCode, 415);
    assert.match(csv.body, /Chỉ nhận tệp \.xlsx/);
    const text = await upload(f.tc, 'ke-hoach.xlsx', Buffer.from('không phải excel'), csrf);
    assert.equal(text.statusCode, 400);
    assert.match(text.body, /không phải bảng tính Excel \.xlsx/);
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]);
    const bad = await upload(f.tc, 'hong.xlsx', corrupt, csrf);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /bị hỏng/);
  });

  test('an oversize upload (over 2 MB) is refused with a clear message', async () => {
    const csrf = await pageCsrf(f.tc);
    const res = await upload(f.tc, 'lon.xlsx', Buffer.alloc(2 * 1024 * 1024 + 10, 1), csrf);
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /Tệp lớn hơn 2 MB/);
  });

  test('without the CSRF field → 403; anonymous → 401; nothing saved', async () => {
    const before = await count();
    const res = await upload(f.tc, 'ke-hoach.xlsx', await filled(), null);
    assert.equal(res.statusCode, 403);
    const anon = await f.app.inject({
      method: 'POST',
      url: '/dang-tai/khlcnt/tai-len',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    assert.equal(anon.statusCode, 401);
    assert.equal(await count(), before);
  });

  test('confirming as a publisher of another agency → 403', async () => {
    const csrf = await pageCsrf(f.tc);
    const res = await upload(f.tc, 'ke-hoach.xlsx', await filled(), csrf);
    const payload = /name="payload" value="([^"]*)"/
      .exec(res.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const before = await count();
    const y = await f.xd.submit('/dang-tai/khlcnt', '/dang-tai/khlcnt/xac-nhan', { payload });
    assert.equal(y.statusCode, 403);
    assert.equal(await count(), before);
  });
});
