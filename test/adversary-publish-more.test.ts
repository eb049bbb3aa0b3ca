/**
 * Adversarial tests of clarifications (làm rõ HSMT) and of the TBMT's plan link (planNo + packageNo):
 * impossible dates, huge and hostile texts, cancelled/closed/other agencies' notices, odd package
 * numbers, and concurrent publishes for one package.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addDays, vnDateOf } from '../src/calendar/dates.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { planBody } from './helpers/plans.ts';
import {
  api,
  publishFixture,
  publishPastNotice,
  tbmtPayload,
  type PublishFixture,
} from './helpers/publish.ts';

describe('adversary: clarifications and plan link', () => {
  let f: PublishFixture;
  let no: string;
  const today = vnDateOf(new Date());
  const publishTbmt = async (extra: Record<string, unknown> = {}) => {
    const r = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(30, extra),
    });
    return r;
  };
  const clarify = async (payload: Record<string, unknown>) => {
    const c = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'clarification',
      payload,
    });
    if (c.statusCode !== 201) return c;
    return api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${c.json().id}/publish`);
  };
  const published = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM publication_draft WHERE kind = 'clarification' AND status = 'published'`.execute(
          f.database.db,
        )
      ).rows[0]!.n,
    );

  before(async () => {
    f = await publishFixture(await createTestDatabase());
    const r = await publishTbmt();
    assert.equal(r.statusCode, 201, r.body);
    no = r.json().notifyNo;
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('clarification dates: future, before the notice, impossible, malformed → 400 naming the field; nothing published', async () => {
    const base = { notifyNo: no, question: 'Hỏi?', requestReceivedDate: today, answer: 'Đáp.' };
    const n = await published();
    for (const [payload, path] of [
      [{ ...base, requestReceivedDate: addDays(today, 10) }, '/requestReceivedDate'],
      [{ ...base, documentNo: '1', documentDate: addDays(today, 10) }, '/documentDate'],
      [{ ...base, requestReceivedDate: addDays(today, -30) }, '/requestReceivedDate'],
      [{ ...base, requestReceivedDate: '2026-02-30' }, '/requestReceivedDate'],
      [{ ...base, requestReceivedDate: `${today}T25:00:00` }, '/requestReceivedDate'],
      [{ ...base, requestReceivedDate: '99999-01-01' }, '/requestReceivedDate'],
      [{ ...base, question: '   ' }, '/question'],
      [{ ...base, question: 5 }, '/question'],
      [{ ...base, notifyNo: "IB' OR 1=1" }, '/notifyNo'],
      [{ ...base, notifyNo: 'IB9999999999' }, '/notifyNo'],
    ] as const) {
      const r = await clarify(payload);
      assert.equal(r.statusCode, 400, `${JSON.stringify(payload).slice(0, 120)}: ${r.body.slice(0, 200)}`);
      assert.ok(
        (r.json().error.errors as Array<{ path: string }>).some((e) => e.path === path),
        r.body.slice(0, 300),
      );
    }
    const huge = await clarify({ ...base, question: 'x'.repeat(2_000_000) });
    assert.equal(huge.statusCode, 413);
    assert.equal(await published(), n);
  });

  test('after closing → 409 law-blocked; a cancelled notice → 409; NUL characters are dropped', async () => {
    const past = await publishPastNotice(f.database);
    const late = await clarify({ notifyNo: past, question: 'Q', requestReceivedDate: today, answer: 'A' });
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(late.json().error.code, 'law-blocked');
    const c = (await publishTbmt()).json().notifyNo;
    const cancel = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'cancellation',
      payload: { notifyNo: c, reason: 'Huỷ do thay đổi nhu cầu', decisionNo: '1/QĐ', decisionDate: today },
    });
    assert.equal(
      (await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${cancel.json().id}/publish`)).statusCode,
      201,
    );
    const onCancelled = await clarify({
      notifyNo: c,
      question: 'Q',
      requestReceivedDate: today,
      answer: 'A',
    });
    assert.equal(onCancelled.statusCode, 409);
    assert.equal(onCancelled.json().error.code, 'illegal-transition');
    const nul = await clarify({
      notifyNo: no,
      question: 'a\u0000b',
      requestReceivedDate: today,
      answer: 'x',
    });
    assert.equal(nul.statusCode, 201, nul.body);
  });

  test('script payloads show as text on /tbmt/{no}; the form refuses a 200 000-character question with 400', async () => {
    const r = await clarify({
      notifyNo: no,
      question: '<script>alert(1)</script><img src=x onerror=alert(2)>',
      requestReceivedDate: today,
      answer: '"><svg onload=alert(3)>',
    });
    assert.equal(r.statusCode, 201, r.body);
    const page = (await f.app.inject({ url: `/tbmt/${no}` })).body;
    assert.doesNotMatch(page, /<script>alert\(1\)/);
    assert.doesNotMatch(page, /<img src=x/);
    assert.doesNotMatch(page, /<svg onload/);
    assert.match(page, /&lt;script>alert\(1\)&lt;\/script>/);
    const x = new Browser(f.app, '192.0.2.61');
    await x.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const form = await x.get(`/dang-tai/tbmt/${no}/lam-ro`);
    const n = await published();
    const long = await x.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: 'q'.repeat(200_000),
      requestReceivedDate: today,
      answer: 'a',
      _csrf: csrfOf(form.body),
    });
    assert.equal(long.statusCode, 400);
    const huge = await x.request('POST', `/dang-tai/tbmt/${no}/lam-ro`, {
      question: 'q'.repeat(3_000_000),
      requestReceivedDate: today,
      answer: 'a',
      _csrf: csrfOf(form.body),
    });
    assert.equal(huge.statusCode, 413);
    assert.equal((await x.get('/dang-tai/tbmt/IB99/lam-ro')).statusCode, 400);
    assert.equal((await x.get('/dang-tai/tbmt/IB9999999999/lam-ro')).statusCode, 404);
    assert.equal(await published(), n);
    const y = new Browser(f.app, '192.0.2.62');
    await y.signIn('publisher-y@so-xd.hanoi.gov.vn');
    assert.equal((await y.get(`/dang-tai/tbmt/${no}/lam-ro`)).statusCode, 403);
  });

  test("another agency's API token cannot create a clarification draft for a notice it does not own", async () => {
    const r = await api(f.app, f.tokenY, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-xd',
      kind: 'clarification',
      payload: { notifyNo: no, question: 'Q', requestReceivedDate: today, answer: 'A' },
    });
    assert.equal(r.statusCode, 403, r.body.slice(0, 200));
  });

  test('a clarification letter dated before the request (and before the notice) is refused', async () => {
    const r = await clarify({
      notifyNo: no,
      question: 'Q',
      requestReceivedDate: today,
      answer: 'A',
      documentNo: '1/STC',
      documentDate: addDays(today, -5),
    });
    assert.equal(r.statusCode, 400, r.body.slice(0, 200));
  });

  test('concurrent clarifications of one notice get distinct numbers', async () => {
    const rs = await Promise.all(
      [1, 2, 3].map(() => clarify({ notifyNo: no, question: 'Q', requestReceivedDate: today, answer: 'A' })),
    );
    for (const r of rs) assert.equal(r.statusCode, 201, r.body.slice(0, 200));
    const refs = rs.map((r) => r.json().ref as string);
    assert.equal(new Set(refs).size, 3, refs.join(' '));
  });

  test('plan link: odd package numbers are 400; another agency cannot link; concurrent publishes link once', async () => {
    const plan = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/khlcnt', planBody());
    assert.equal(plan.statusCode, 201, plan.body);
    const planNo = plan.json().planNo as string;
    const tbmts = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM tbmt`.execute(f.database.db)).rows[0]!.n,
      );
    const before = await tbmts();
    for (const pk of ['0', '-1', '01', '', '9'.repeat(400), '1e0', 1, null]) {
      const r = await publishTbmt({ planNo, packageNo: pk });
      assert.equal(r.statusCode, 400, `${JSON.stringify(pk).slice(0, 20)}: ${r.body.slice(0, 200)}`);
      assert.ok(
        r.json().error.errors.some((e: { path: string }) => e.path === '/packageNo'),
        r.body.slice(0, 200),
      );
    }
    for (const [extra, path] of [
      [{ planNo }, '/packageNo'],
      [{ packageNo: '1' }, '/planNo'],
      [{ planNo: planNo.toLowerCase(), packageNo: '1' }, '/planNo'],
      [{ planNo: `${planNo}-00`, packageNo: '1' }, '/planNo'],
      [{ planNo, packageNo: '9' }, '/packageNo'],
    ] as const) {
      const r = await publishTbmt(extra);
      assert.equal(r.statusCode, 400, r.body.slice(0, 200));
      assert.ok(
        r.json().error.errors.some((e: { path: string }) => e.path === path),
        r.body.slice(0, 200),
      );
    }
    const y = await api(f.app, f.tokenY, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-xd',
      payload: tbmtPayload(30, { planNo, packageNo: '1' }),
    });
    assert.equal(y.statusCode, 400, y.body.slice(0, 200));
    assert.equal(await tbmts(), before, 'nothing written');
    const rs = await Promise.all([1, 2, 3].map(() => publishTbmt({ planNo, packageNo: '1' })));
    assert.deepEqual(rs.map((r) => r.statusCode).sort(), [201, 400, 400]);
    const linked = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM tbmt t JOIN package p ON p.id = t.package_id
      JOIN khlcnt k ON k.id = p.khlcnt_id WHERE k.plan_no = ${planNo}`.execute(f.database.db);
    assert.equal(linked.rows[0]!.n, 1);
    // Surrounding spaces are trimmed (" 2" links package 2), then the package is used.
    const sp = await publishTbmt({ planNo, packageNo: ' 2' });
    assert.equal(sp.statusCode, 201, sp.body.slice(0, 200));
    const again = await publishTbmt({ planNo, packageNo: '2' });
    assert.equal(again.statusCode, 400);
    assert.match(again.json().error.messageVi, /đã có thông báo mời thầu/);
  });
});
