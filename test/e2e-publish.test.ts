// End to end in a real browser (Debian's Chromium driven by playwright-core, JavaScript off: the
// forms work without it): a publisher of an agency seeded in code signs in, publishes a plan (KHLCNT)
// through the web form, tries a back-dated TBMT (refused by the law, with the citation), publishes a
// lawful one, amends it with a reason; then — the server's clock moved past the closing, since the law
// forbids back-dating a notice — records the bid opening (late, recorded) and the result. Signed out,
// the public page shows both versions, the amendment reason, the opening's bidders and the winner.
// Finally the database: audit rows of the account and an intact ledger with the publications.
// No fixed sleeps: every click that submits waits for the page it leads to.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import { addDays, vnDateOf } from '../src/calendar/dates.ts';
import type { Database } from '../src/db/connect.ts';
import { buildApp } from '../src/web/app.ts';
import { PASSWORD, seedAccount, seedAgencies } from './helpers/accounts.ts';
import { launchBrowser, skipWithoutChromium } from './helpers/browser.ts';
import { createTestDatabase } from './helpers/db.ts';

const skip = skipWithoutChromium();
const EMAIL = 'nguoi-dang@so-tc.hanoi.gov.vn';
const DAY = 86_400_000;

/** Today in Vietnam when the test starts (before the clock is moved). */
const TODAY = vnDateOf(new Date());
/** The Vietnam calendar day `days` after `TODAY`, `YYYY-MM-DD`. */
const vnDay = (days: number) => addDays(TODAY, days);

/**
 * Moves this process's clock (the server's: it runs in the test process) `ms` forward: `new Date()`
 * and `Date.now()` only; dates built from a value, `instanceof Date` and timers are unchanged.
 * Returns the function that puts the real clock back.
 */
function shiftClock(ms: number): () => void {
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length === 0 ? [RealDate.now() + ms] : args, newTarget),
    get: (target, prop, receiver) =>
      prop === 'now' ? () => RealDate.now() + ms : Reflect.get(target, prop, receiver),
  });
  return () => {
    globalThis.Date = RealDate;
  };
}

/** Clicks `name` and waits for the page the submission leads to (URL matching `url`). */
async function submit(page: Page, name: string | RegExp, url: RegExp): Promise<void> {
  await Promise.all([
    page.waitForURL(url, { waitUntil: 'load' }),
    page.getByRole('button', { name, exact: typeof name === 'string' }).click(),
  ]);
}

describe('a publisher in a real browser: plan, TBMT, amendment, opening, result', { skip }, () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let accountId: number;
  let restoreClock: (() => void) | null = null;
  let savedEnv: NodeJS.ProcessEnv | null = null;
  before(async () => {
    database = await createTestDatabase();
    await seedAgencies(database.db);
    accountId = Number(
      (await seedAccount(database.db, EMAIL, 'publisher', 'so-tc', 'Nguyễn Thị Đăng Tải')).id,
    );
    // Sign-in dates the session by the database's clock, which the shift below does not move (on
    // PostgreSQL): sessions long enough to outlive the 30 days keep the publisher signed in.
    savedEnv = { ...process.env };
    process.env.MINHBACH_SESSION_MINUTES = String(60 * 24 * 60);
    process.env.MINHBACH_IDLE_MINUTES = String(60 * 24 * 60);
    app = await buildApp({ database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    restoreClock?.();
    if (savedEnv) process.env = savedEnv;
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  test('sign in → plan → TBMT → amendment → opening → result; the public sees every step', async () => {
    const started = performance.now();
    const page = await browser.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const main = () => page.locator('main').innerText();

    // 1. Sign in, asked for by the publishing page.
    await page.goto(`${base}/dang-tai`);
    assert.match(page.url(), /\/dang-nhap\?tiep=%2Fdang-tai/);
    await page.getByLabel('Thư điện tử (e-mail)').fill(EMAIL);
    await page.getByLabel('Mật khẩu (password)').fill(PASSWORD);
    await submit(page, 'Đăng nhập', /\/dang-tai$/);
    assert.match(await main(), /Chưa có bản nháp hay thông tin đã đăng/);

    // 2. The plan (KHLCNT) through the web form.
    await Promise.all([
      page.waitForURL(/\/dang-tai\/khlcnt$/),
      page.getByRole('link', { name: 'Đăng kế hoạch lựa chọn nhà thầu' }).click(),
    ]);
    const planForm = page.locator('form[action="/dang-tai/khlcnt"]');
    const [y, m, d] = vnDay(0).split('-');
    await planForm.getByLabel('Tên KHLCNT').fill('Kế hoạch mua sắm máy tính năm 2027');
    await planForm.getByLabel('Tên dự án / dự toán mua sắm').fill('Dự toán mua sắm máy tính 2027');
    await planForm.getByLabel('Mã chủ đầu tư').fill('so-tc');
    await planForm.getByLabel('Số quyết định phê duyệt').fill('45/QĐ-STC');
    await planForm.getByLabel('Ngày phê duyệt (dd/mm/yyyy)').fill(`${d}/${m}/${y}`);
    await planForm.getByLabel('Cơ quan phê duyệt').fill('Sở Tài chính Hà Nội');
    const pkg = planForm.getByRole('group', { name: 'Gói thầu 1' });
    await pkg.getByLabel('Tên gói thầu').fill('Mua sắm máy tính cho Sở Tài chính năm 2027');
    await pkg.getByLabel('Lĩnh vực').selectOption({ label: 'Hàng hóa' });
    await pkg.getByLabel('Hình thức lựa chọn nhà thầu').selectOption({ label: 'Đấu thầu rộng rãi' });
    await pkg.getByLabel('Phương thức').selectOption({ label: 'Một giai đoạn một túi hồ sơ' });
    await pkg.getByLabel('Loại hợp đồng').selectOption({ label: 'Trọn gói' });
    await pkg.getByLabel('Giá gói thầu (VND)').fill('15.000.000.000');
    await pkg.getByLabel('Nguồn vốn').fill('Ngân sách thành phố');
    await pkg.getByLabel('Trong nước / quốc tế').selectOption({ label: 'Trong nước' });
    await pkg.getByLabel('Qua mạng').selectOption({ label: 'Qua mạng' });
    await pkg.getByLabel(/Bắt đầu tổ chức LCNT/).fill(`Quý 1/${Number(y) + 1}`);
    await pkg.getByLabel('Thời gian thực hiện hợp đồng').fill('90');
    await pkg.getByLabel('Đơn vị').selectOption({ label: 'ngày' });
    await submit(page, 'Đăng tải KHLCNT', /\/khlcnt\/PL\d{10}/);
    const planNo = /\/khlcnt\/(PL\d{10})/.exec(page.url())![1]!;
    assert.match(await main(), /Kế hoạch mua sắm máy tính năm 2027/);
    assert.match(await main(), /Mua sắm máy tính cho Sở Tài chính năm 2027/);

    // 3. A TBMT: first with back-dated times (issued today, closed 20 days ago) — the law refuses it.
    await page.goto(`${base}/dang-tai`);
    await Promise.all([
      page.waitForURL(/\/dang-tai\/tbmt\/moi$/),
      page.getByRole('link', { name: 'Tạo thông báo mời thầu mới' }).click(),
    ]);
    await page.getByLabel('Đơn vị đăng tải').selectOption('so-tc');
    await page.getByLabel('Tên gói thầu').fill('Mua sắm máy tính cho Sở Tài chính năm 2027');
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hàng hóa' });
    await page.getByLabel('Hình thức lựa chọn nhà thầu').selectOption({ label: 'Đấu thầu rộng rãi' });
    await page
      .getByLabel('Phương thức', { exact: true })
      .selectOption({ label: 'Một giai đoạn một túi hồ sơ' });
    await page.getByLabel('Loại hợp đồng').selectOption({ label: 'Trọn gói' });
    await page.getByLabel('Thời gian thực hiện hợp đồng').fill('90');
    await page.getByLabel('Đơn vị thời gian thực hiện').selectOption({ label: 'Ngày' });
    await page.getByLabel('Trong nước / quốc tế').selectOption({ label: 'Trong nước' });
    await page.getByLabel('Đấu thầu qua mạng').selectOption({ label: 'Qua mạng' });
    await page.getByLabel('Giá gói thầu (đồng)').fill('15.000.000.000');
    await page.getByLabel('Dự toán (đồng)').fill('15.200.000.000');
    await page.getByLabel('Nguồn vốn').fill('Ngân sách thành phố');
    await page.getByLabel('Thời điểm đóng thầu (giờ Việt Nam)').fill(`${vnDay(-20)}T09:00`);
    await page.getByLabel('Thời điểm mở thầu (giờ Việt Nam)').fill(`${vnDay(-20)}T10:00`);
    await page.getByLabel('Hiệu lực hồ sơ dự thầu (ngày)').fill('90');
    await page.getByLabel('Giá trị bảo đảm dự thầu (đồng)').fill('300.000.000');
    await page.getByLabel('Hiệu lực bảo đảm dự thầu (ngày)').fill('120');
    await page.getByLabel('Hình thức bảo đảm dự thầu').fill('Thư bảo lãnh');
    await page.getByLabel('Địa điểm phát hành hồ sơ mời thầu').fill('https://muasamcong.mpi.gov.vn');
    await page
      .getByRole('group', { name: 'Địa điểm dòng 1' })
      .getByLabel('Tỉnh/thành phố', { exact: true })
      .fill('Thành phố Hà Nội');
    await submit(page, 'Lưu bản nháp', /\/dang-tai\/ban-nhap\/\d+$/);
    const draftUrl = page.url();
    const refused = await page.goto(draftUrl); // (a fresh load, then publish)
    assert.equal(refused?.status(), 200);
    await submit(page, 'Đăng tải (công khai)', /\/dang-tai\/ban-nhap\/\d+\/dang$/);
    const blocked = await page.getByRole('alert').filter({ hasText: 'Không được đăng' }).innerText();
    assert.match(blocked, /tối thiểu 18 ngày \(đấu thầu trong nước\)/, blocked);
    assert.match(blocked, /Nghị định 214\/2025\/NĐ-CP, Điều 28\.2a/, 'the citation');
    assert.match(blocked, /L22A\.bidding-period\.domestic/, 'the current regime L22A');
    assert.doesNotMatch(await main(), /Đã đăng tải:/, 'nothing published');

    // …then as the law requires: closing 25 days ahead (≥ 18 days for domestic open bidding).
    await page.getByLabel('Thời điểm đóng thầu (giờ Việt Nam)').fill(`${vnDay(25)}T09:00`);
    await page.getByLabel('Thời điểm mở thầu (giờ Việt Nam)').fill(`${vnDay(25)}T10:00`);
    await submit(page, 'Đăng tải (công khai)', /\/tbmt\/IB\d{10}$/);
    const no = /\/tbmt\/(IB\d{10})$/.exec(page.url())![1]!;
    assert.match(await main(), new RegExp(`${no}-00`));

    // 4. The amendment, with a reason: a new price, the same dates.
    await page.goto(`${base}/dang-tai`);
    await Promise.all([
      page.waitForURL(new RegExp(`/dang-tai/tbmt/${no}/sua-doi$`)),
      page.getByRole('link', { name: 'sửa đổi' }).first().click(),
    ]);
    const reason = 'Điều chỉnh giá gói thầu theo dự toán được duyệt lại';
    await page.getByLabel('Lý do sửa đổi').fill(reason);
    await page.getByLabel('Giá gói thầu (đồng)').fill('14.800.000.000');
    await submit(page, 'Lưu bản nháp', /\/dang-tai\/ban-nhap\/\d+$/);
    await submit(page, 'Đăng tải (công khai)', /\/tbmt\/IB\d{10}$/);
    assert.match(await main(), new RegExp(`${no}-01`));

    // 5. Thirty days later (the closing has passed; the law forbids back-dating the notice, so the
    //    server's clock moves instead), the publisher records the bid opening of the opening day.
    restoreClock = shiftClock(30 * DAY);
    await page.goto(`${base}/dang-tai`);
    assert.match(page.url(), /\/dang-tai$/, 'still signed in');
    await Promise.all([
      page.waitForURL(new RegExp(`/dang-tai/tbmt/${no}/mo-thau$`)),
      page.getByRole('link', { name: 'biên bản mở thầu' }).first().click(),
    ]);
    await page.getByLabel('Thời điểm mở thầu thực tế (giờ Việt Nam)').fill(`${vnDay(25)}T10:00`);
    const bidders = [
      ['Công ty TNHH Máy tính Hà Nội', '0101234567', '14.500.000.000', '2', '14.210.000.000'],
      ['Công ty CP Thiết bị số Thăng Long', '0107654321', '14.650.000.000', '', ''],
      ['Công ty TNHH Tin học Hoàn Kiếm', '', '14.790.000.000', '', ''],
    ];
    for (const [i, [name, tax, price, discount, final]] of bidders.entries()) {
      const row = page.getByRole('group', { name: `Nhà thầu dòng ${i + 1}` });
      await row.getByLabel('Tên nhà thầu').fill(name!);
      await row.getByLabel('Mã số thuế').fill(tax!);
      await row.getByLabel('Giá dự thầu (đồng)').fill(price!);
      await row.getByLabel('Giảm giá (%)').fill(discount!);
      await row.getByLabel('Giá dự thầu sau giảm giá (đồng)').fill(final!);
      await row.getByLabel('Bảo đảm dự thầu (đồng)').fill('300.000.000');
      await row.getByLabel('Hiệu lực hồ sơ dự thầu (ngày)').fill('90');
    }
    await submit(page, 'Lưu bản nháp', /\/dang-tai\/ban-nhap\/\d+$/);
    await submit(page, 'Đăng tải (công khai)', /\/tbmt\/IB\d{10}$/);

    // 6. The result: the first bidder wins, the others lose with a reason.
    await page.goto(`${base}/dang-tai`);
    await Promise.all([
      page.waitForURL(new RegExp(`/dang-tai/tbmt/${no}/ket-qua$`)),
      page.getByRole('link', { name: 'kết quả' }).first().click(),
    ]);
    await page.getByLabel('Số quyết định').fill('78/QĐ-STC');
    await page.getByLabel('Ngày quyết định').fill(vnDay(29));
    await page.getByLabel('Cơ quan ban hành quyết định').fill('Sở Tài chính Hà Nội');
    const results = [
      ['Công ty TNHH Máy tính Hà Nội', 'Trúng thầu', '14.210.000.000', ''],
      ['Công ty CP Thiết bị số Thăng Long', 'Không trúng thầu', '', 'Xếp hạng thứ hai'],
      ['Công ty TNHH Tin học Hoàn Kiếm', 'Không trúng thầu', '', 'Không đáp ứng yêu cầu kỹ thuật'],
    ];
    for (const [i, [name, outcome, price, why]] of results.entries()) {
      const row = page.getByRole('group', { name: `Nhà thầu dòng ${i + 1}` });
      await row.getByLabel('Tên nhà thầu').fill(name!);
      await row.getByLabel('Kết quả').selectOption({ label: outcome! });
      await row.getByLabel('Giá trúng thầu (đồng)').fill(price!);
      await row.getByLabel('Lý do không trúng thầu').fill(why!);
    }
    await submit(page, 'Lưu bản nháp', /\/dang-tai\/ban-nhap\/\d+$/);
    await submit(page, 'Đăng tải (công khai)', /\/tbmt\/IB\d{10}$/);

    // 7. Signed out, the public page shows everything.
    await page.goto(`${base}/tai-khoan`);
    await submit(page, 'Đăng xuất', /\/$/);
    await page.goto(`${base}/dang-tai`);
    assert.match(page.url(), /\/dang-nhap/, 'signed out');
    const response = await page.goto(`${base}/tbmt/${no}`);
    assert.equal(response?.status(), 200);
    const text = await main();
    assert.match(text, new RegExp(`${no}-00`));
    assert.match(text, new RegExp(`${no}-01`));
    assert.match(text, new RegExp(reason));
    assert.match(text, /14\.800\.000\.000/, 'the amended price');
    const opening = await page.locator('section', { has: page.locator('#mo-thau') }).innerText();
    for (const [name] of bidders) assert.match(opening, new RegExp(name!));
    assert.match(opening, /3 nhà thầu tham dự/);
    assert.match(opening, /14\.500\.000\.000/);
    assert.match(
      text,
      /Trúng thầu[\s\S]*Công ty TNHH Máy tính Hà Nội|Công ty TNHH Máy tính Hà Nội[\s\S]*Trúng thầu/,
    );
    assert.match(text, /Không đáp ứng yêu cầu kỹ thuật/);
    // The online opening record is due 2 hours after closing: published 5 days later, it is late.
    assert.match(text, /Đăng tải muộn \d+ giờ — Biên bản mở thầu/, 'lateness is recorded, not blocked');
    const [oy, om, od] = vnDay(25).split('-');
    assert.match(opening, new RegExp(`Mở thầu lúc ${od}/${om}/${oy} 10:00`));
    await Promise.all([
      page.waitForURL(new RegExp(`/khlcnt/${planNo}`)),
      page.goto(`${base}/khlcnt/${planNo}`),
    ]);
    assert.match(await main(), /45\/QĐ-STC/);
    // The one error Chromium logs is the refused back-dated TBMT's 409 (the law's answer), nothing else.
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /status of 409 \(Conflict\) .*\/dang-tai\/ban-nhap\/\d+\/dang$/);
    await page.close();

    // 8. The database: what the account did is audited as it, and the ledger holds every publication.
    const actor = `account:${accountId}`;
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('actor', '=', actor)
      .execute();
    const count = (entity: string, action: string) =>
      audit.filter((a) => a.entity === entity && a.action === action).length;
    assert.equal(count('publication_draft', 'publish'), 4, 'TBMT, amendment, opening, result');
    assert.ok(count('publication_draft', 'create') >= 4);
    assert.ok(
      audit.some((a) => a.entity === 'khlcnt'),
      'the plan row is audited as the account',
    );
    assert.ok(audit.some((a) => a.entity === 'bid_opening' || a.entity === 'bid_opening_bidder'));
    const signIns = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'sign_in')
      .where('action', '=', 'sign-in')
      .execute();
    assert.equal(signIns.length, 1, 'one sign-in, audited');
    const ledger = await database.db
      .selectFrom('ledger_entry')
      .select(['kind', 'ref'])
      .orderBy('seq')
      .execute();
    assert.ok(
      ledger.some((e) => e.kind === 'khlcnt' && e.ref === planNo),
      JSON.stringify(ledger),
    );
    assert.ok(ledger.filter((e) => e.ref.includes(no)).length >= 4, JSON.stringify(ledger));
    const report = await verifyLedgerDatabase(database.db);
    assert.equal(report.intact, true, JSON.stringify(report).slice(0, 1000));
    console.log(`# e2e-publish: browser steps ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
