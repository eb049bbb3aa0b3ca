// Clarifications of the bidding documents (làm rõ HSMT): published through the API and through the
// form /dang-tai/tbmt/{no}/lam-ro, shown on /tbmt/{no} (as text, with late flags in working days),
// refused after closing (409), for another agency (403 on GET and POST), without CSRF (403); each
// becomes a tenderUpdate OCDS release that validates against 1.1.5 and enters the ledger.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import '../src/opendata/ledger-kind.ts';
import { WorkingCalendar } from '../src/calendar/index.ts';
import { vnDateOf } from '../src/calendar/dates.ts';
import type { Principal } from '../src/accounts/access.ts';
import type { Database } from '../src/db/connect.ts';
import { createDraft } from '../src/publishing/drafts.ts';
import { publishDraft } from '../src/publishing/publish.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { dataFindings, portalValidator, tally, useSharedSchema } from './helpers/opendata.ts';
import {
  api,
  publishFixture,
  publishPastNotice,
  tbmtPayload,
  vnAt,
  type PublishFixture,
} from './helpers/publish.ts';

type Rel = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('clarifications of the bidding documents', () => {
  let database: Database;
  let f: PublishFixture;
  let x: Browser;
  let y: Browser;
  let no: string; // closing in 25 days
  let soon: string; // closing on the next working day
  let past: string; // closed 20 days ago
  const today = vnDateOf(new Date());

  const publishTbmt = async (payload: Record<string, unknown>) => {
    const d = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'tbmt',
      payload,
    });
    const p = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${d.json().id}/publish`);
    assert.equal(p.statusCode, 201, p.body);
    return p.json().notifyNo as string;
  };
  const count = async () =>
    Number(
      (
        await database.db
          .selectFrom('publication_draft')
          .select((e) => e.fn.countAll().as('n'))
          .where('kind', '=', 'clarification')
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    useSharedSchema();
    database = await createTestDatabase();
    f = await publishFixture(database);
    no = await publishTbmt(tbmtPayload(25));
    past = await publishPastNotice(database);
    x = new Browser(f.app, '192.0.2.31');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    y = new Browser(f.app, '192.0.2.32');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
  });
  after(async () => {
    await f?.app.close();
    await database?.close();
  });

  test('through the API: published as IB…/clarification-01, no flag when in time', async () => {
    const created = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'clarification',
      payload: {
        notifyNo: no,
        question: 'Đề nghị làm rõ cấu hình tối thiểu của máy tính để bàn.',
        requestReceivedDate: today,
        answer: 'Cấu hình tối thiểu: CPU 8 nhân, RAM 16 GB, SSD 512 GB.',
        documentNo: '123/STC-QLG',
        documentDate: today,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const p = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${created.json().id}/publish`);
    assert.equal(p.statusCode, 201, p.body);
    assert.equal(p.json().ref, `${no}/clarification-01`);
    assert.deepEqual(p.json().flags, []);
    const page = await x.get(`/dang-tai/ban-nhap/${created.json().id}`);
    assert.equal(page.statusCode, 200, 'the published draft opens read-only for its agency');
    assert.match(page.body, /Làm rõ hồ sơ mời thầu/);
    // The notice's JSON carries it.
    const story = (await f.app.inject({ url: `/api/v1/tbmt/${no}` })).json();
    assert.equal(story.clarifications.length, 1);
    assert.equal(story.clarifications[0].answer, 'Cấu hình tối thiểu: CPU 8 nhân, RAM 16 GB, SSD 512 GB.');
    // Another agency's token cannot publish a clarification of this notice.
    const other = await api(f.app, f.tokenY, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'clarification',
      payload: { notifyNo: no, question: 'Q', requestReceivedDate: today, answer: 'A' },
    });
    assert.equal(other.statusCode, 403);
  });

  test('the form: errors next to the field (400, nothing written), then published and shown as text', async () => {
    const form = await x.get(`/dang-tai/tbmt/${no}/lam-ro`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label for="lr-answer">Nội dung trả lời làm rõ<\/label>/);
    assert.match(form.body, /<input[^>]*id="lr-requestReceivedDate"[^>]*type="date"/);
    const cal = new WorkingCalendar();
    const closeDay = vnAt(25).slice(0, 10);
    const requestBy = cal.addWorkingDays(closeDay, -3);
    const answerBy = cal.addWorkingDays(closeDay, -2);
    const vnDay = (d: string) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    assert.match(form.body, new RegExp(`chậm nhất ngày <strong>${vnDay(requestBy)}</strong>`));
    assert.match(
      form.body,
      new RegExp(`Nội dung trả lời đăng tải chậm nhất ngày <strong>${vnDay(answerBy)}</strong>`),
    );
    const n = await count();
    const bad = await x.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: 'Có chấp nhận máy tính đã qua sử dụng?',
      requestReceivedDate: '2026-02-30',
      answer: '',
      _csrf: csrfOf(form.body),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#lr-answer">Nội dung trả lời làm rõ: /);
    assert.match(bad.body, /id="lr-answer"[^>]*aria-invalid="true"/);
    assert.match(bad.body, /Có chấp nhận máy tính đã qua sử dụng\?/, 'what was typed is kept');
    assert.equal(await count(), n, 'nothing written');

    const script = '<script>alert("xss")</script> Có chấp nhận hàng tân trang?';
    const ok = await x.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: script,
      requestReceivedDate: today,
      answer: 'Không chấp nhận <b>hàng tân trang</b>.',
      _csrf: csrfOf(bad.body),
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    assert.equal(ok.headers.location, `/tbmt/${no}#lam-ro`);
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    const section = page.body.slice(page.body.indexOf('id="lam-ro"'));
    assert.match(section, /Làm rõ hồ sơ mời thầu/);
    assert.match(section, /Làm rõ số 1/);
    assert.match(section, /Làm rõ số 2/);
    assert.match(section, /CPU 8 nhân/);
    assert.ok(section.includes('&lt;script>alert(&quot;xss&quot;)&lt;/script>'), 'script shown as text');
    assert.ok(!page.body.includes('<script>alert("xss")'), 'never as markup');
    assert.ok(!section.includes('<b>hàng tân trang</b>'));
    const [y4, m, d] = today.split('-');
    assert.ok(section.includes(`${d}/${m}/${y4}`), 'dates in Vietnam format');
    assert.match(section, /Số 123\/STC-QLG/);
    assert.equal((await f.app.inject({ url: `/api/v1/tbmt/${no}` })).statusCode, 200);
  });

  test('late request and late answer are flagged with working days; after closing is refused', async () => {
    const cal = new WorkingCalendar();
    const closeDay = cal.addWorkingDays(today, 1);
    // Published 30 days ago (a lawful bidding period), closing at 09:00 on the next working day.
    const acc = await database.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'publisher-x@so-tc.hanoi.gov.vn')
      .executeTakeFirstOrThrow();
    const who: Principal = {
      kind: 'account',
      id: Number(acc.id),
      role: 'publisher',
      agencyCode: 'so-tc',
      actor: `account:${acc.id}`,
      name: 'Người đăng X',
    };
    const payload = tbmtPayload(0, {
      bidCloseAt: `${closeDay}T09:00:00+07:00`,
      bidOpenAt: `${closeDay}T10:00:00+07:00`,
    });
    const draft = await database.db
      .transaction()
      .execute((tx) => createDraft(tx, who, { agencyCode: 'so-tc', kind: 'tbmt', payload }));
    soon = (await publishDraft(database.db, who, draft.id, { now: new Date(vnAt(-30)) })).notifyNo;
    {
      const res = await x.submit(`/dang-tai/tbmt/${soon}/lam-ro`, `/dang-tai/tbmt/${soon}/lam-ro`, {
        question: 'Thời gian giao hàng?',
        requestReceivedDate: today,
        answer: '30 ngày.',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      const page = await f.app.inject({ url: `/tbmt/${soon}` });
      const section = page.body.slice(page.body.indexOf('id="lam-ro"'));
      assert.match(section, /Đề nghị làm rõ muộn:.*muộn 2 ngày làm việc/s);
      assert.match(section, /Trả lời muộn:.*thiếu 1 ngày làm việc/s);
      assert.match(section, /Điều 28/);
      // After an extension (closing +15 days) the closing in force counts: a new answer is in time.
      const ext = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/extension', {
        agencyCode: 'so-tc',
        payload: {
          notifyNo: soon,
          newCloseAt: vnAt(15),
          newOpenAt: vnAt(15, 10),
          reason: 'Để nhà thầu kịp sử dụng nội dung làm rõ',
        },
      });
      assert.equal(ext.statusCode, 201, ext.body);
      const again = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/clarification', {
        agencyCode: 'so-tc',
        payload: { notifyNo: soon, question: 'Bảo hành?', requestReceivedDate: today, answer: '24 tháng.' },
      });
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().ref, `${soon}/clarification-02`);
      assert.deepEqual(again.json().flags, []);
    }

    const n = await count();
    const refused = await x.submit(`/dang-tai/tbmt/${past}/lam-ro`, `/dang-tai/tbmt/${past}/lam-ro`, {
      question: 'Câu hỏi sau đóng thầu',
      requestReceivedDate: vnAt(-25).slice(0, 10),
      answer: 'Trả lời sau đóng thầu',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Không được đăng.*sau thời điểm đóng thầu .* ngày làm việc/s);
    assert.match(refused.body, /Nghị định 214\/2025\/NĐ-CP, Điều 28/);
    assert.equal(await count(), n, 'nothing written');
  });

  test("another agency's publisher: 403 on GET and POST; no CSRF: 403; nothing written", async () => {
    const n = await count();
    assert.equal((await y.get(`/dang-tai/tbmt/${no}/lam-ro`)).statusCode, 403);
    const own = await y.get('/dang-tai/tbmt/moi');
    const post = await y.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: 'Q',
      requestReceivedDate: today,
      answer: 'A',
      _csrf: csrfOf(own.body),
    });
    assert.equal(post.statusCode, 403);
    const noCsrf = await x.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: 'Q',
      requestReceivedDate: today,
      answer: 'A',
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await count(), n);
    const anon = await f.app.inject({ url: `/dang-tai/tbmt/${no}/lam-ro` });
    assert.equal(anon.statusCode, 303, 'the public is sent to sign in');
  });

  test('each clarification is a tenderUpdate release, valid OCDS 1.1.5, in the ledger; rows immutable', async () => {
    const { ocid } = await database.db
      .selectFrom('ocds_process')
      .innerJoin('tbmt', 'tbmt.package_id', 'ocds_process.package_id')
      .select('ocds_process.ocid')
      .where('tbmt.notify_no', '=', no)
      .executeTakeFirstOrThrow();
    const res = await f.app.inject({ url: `/api/ocds/records/${encodeURIComponent(ocid)}` });
    assert.equal(res.statusCode, 200, res.body);
    const rec = JSON.parse(res.body) as { records: { releases: Rel[]; compiledRelease?: Rel }[] };
    const releases = rec.records[0]!.releases;
    const clar = releases.filter((r) => String(r.id).startsWith(`clarification-${no}-`));
    assert.equal(clar.length, 2);
    assert.deepEqual(clar[0]!.tag, ['tenderUpdate']);
    const doc = clar[0]!.tender.documents[0];
    assert.equal(doc.documentType, 'clarifications');
    assert.equal(doc.id, `${no}-lam-ro-01`);
    assert.match(doc.description, /^Câu hỏi \(nhận ngày \d{2}\/\d{2}\/\d{4}\): Đề nghị làm rõ cấu hình/);
    assert.match(doc.description, /Trả lời: Cấu hình tối thiểu/);
    const compiled = rec.records[0]!.compiledRelease!;
    assert.equal(compiled.tender.documents.filter((d: Rel) => d.documentType === 'clarifications').length, 2);
    const v = await portalValidator();
    const errors = dataFindings(v.validator.validatePackage(rec), v.setFindings).filter(
      (x) => x.severity === 'error',
    );
    assert.deepEqual(tally(errors), {});
    const ledger = await database.db
      .selectFrom('ledger_entry')
      .select('ref')
      .where('ref', 'like', `${ocid}/clarification-%`)
      .execute();
    assert.equal(ledger.length, 2);
    assert.deepEqual((await verifyLedgerDatabase(database.db)).findings, []);
    await assert.rejects(
      sql`UPDATE tbmt_clarification SET answer = 'sửa' WHERE seq = 1`.execute(database.db),
      /append-only/,
    );
  });

  test('a question and an answer in lines keep their lines on the page and in the API', async () => {
    // An answer in lines keeps its lines (CR LF as LF, runs of empty lines as one, spaces single).
    const lines = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/clarification', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        question: 'Đề nghị làm rõ:\r\n1. Bảo hành\r\n2. Giao hàng',
        requestReceivedDate: today,
        answer: '1.  Bảo hành 24 tháng.\r\n\r\n\r\n\r\n2. Giao hàng tại trụ sở.  ',
      },
    });
    assert.equal(lines.statusCode, 201, lines.body);
    const after = (await f.app.inject({ url: `/api/v1/tbmt/${no}` })).json();
    assert.equal(after.clarifications.at(-1).question, 'Đề nghị làm rõ:\n1. Bảo hành\n2. Giao hàng');
    assert.equal(after.clarifications.at(-1).answer, '1. Bảo hành 24 tháng.\n\n2. Giao hàng tại trụ sở.');
    assert.match((await f.app.inject({ url: `/tbmt/${no}` })).body, /<p class="multiline"><strong>Trả lời:/);
  });
});
