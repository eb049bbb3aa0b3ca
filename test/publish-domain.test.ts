/**
 * The publish service at a fixed instant: lateness counted on the working-day calendar including the
 * administrator's overrides (`calendar_override`), recorded in `publication_check`; every write audited
 * under the publisher; a monitor reads drafts but cannot publish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../src/accounts/access.ts';
import { addOverride } from '../src/calendar-admin/overrides.ts';
import type { Database } from '../src/db/connect.ts';
import { createDraft, getDraft } from '../src/publishing/drafts.ts';
import { PublishError } from '../src/publishing/errors.ts';
import { listPublicationChecks, publishDraft } from '../src/publishing/publish.ts';
import { seedAgencies } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';

const X: Principal = {
  kind: 'token',
  id: 7,
  role: 'publisher',
  agencyCode: 'so-tc',
  actor: 'token:7',
  name: 'X',
};
const MONITOR: Principal = {
  kind: 'account',
  id: 9,
  role: 'monitor',
  agencyCode: null,
  actor: 'account:9',
  name: 'M',
};
/** Monday 30 Nov 2026, 10:00 in Hà Nội. */
const NOW = new Date('2026-11-30T03:00:00Z');

const tbmt = {
  name: 'Sửa chữa trụ sở',
  field: 'XL',
  method: 'DTRR',
  procedure: '1_MTHS',
  contractType: 'TG',
  isDomestic: true,
  isInternet: true,
  priceVnd: 30_000_000_000,
  bidCloseAt: '2026-12-28T09:00:00+07:00',
  bidOpenAt: '2026-12-28T09:30:00+07:00',
  bidValidityDays: 120,
  bidSecurityVnd: 600_000_000,
};

describe('publish service', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await seedAgencies(database.db);
  });
  after(async () => database.close());

  async function publish(kind: 'tbmt' | 'result', payload: Record<string, unknown>) {
    const d = await database.db
      .transaction()
      .execute((tx) => createDraft(tx, X, { agencyCode: 'so-tc', kind, payload }));
    return publishDraft(database.db, X, d.id, { now: NOW });
  }

  /** A result decided on Friday 13 Nov 2026: 5 working days end on Friday 20 Nov. */
  const result = (notifyNo: string) => ({
    notifyNo,
    decisionNo: '45/QĐ-STC',
    decisionDate: '2026-11-13',
    bidders: [{ name: 'Công ty Xây dựng Thăng Long', isWinner: true, winningPriceVnd: 29_000_000_000 }],
  });

  test('lateness in working days, with the administrator’s day off applied', async () => {
    const a = await publish('tbmt', tbmt);
    assert.equal(a.notifyNo, 'IB2690000001');
    const late = await publish('result', result(a.notifyNo));
    // Mon 23 … Fri 27 and Mon 30 Nov: 6 working days after the deadline.
    assert.deepEqual(late.late && { by: late.late.by, unit: late.late.unit }, { by: 6, unit: 'working-day' });
    const checks = await listPublicationChecks(database.db, a.notifyNo);
    assert.equal(checks.length, 1);
    assert.equal(checks[0]!.effect, 'late');
    assert.equal(checks[0]!.ruleId, 'L22A.publication-deadline.kqlcnt');
    assert.equal(checks[0]!.shortBy, 6);

    await addOverride(
      database.db,
      { date: '2026-11-25', working: false, reason: 'Nghỉ bù (thử nghiệm)' },
      'test',
    );
    const b = await publish('tbmt', tbmt);
    const lateB = await publish('result', result(b.notifyNo));
    assert.equal(lateB.late?.by, 5, 'Wednesday 25 Nov is a day off by the override');

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('actor', '=', 'token:7')
      .execute();
    const kinds = new Set(audit.map((r) => `${r.action}:${r.entity}`));
    for (const k of [
      'create:publication_draft',
      'publish:publication_draft',
      'create:publication_check',
      'create:tbmt',
      'create:tbmt_version',
      'create:kqlcnt',
    ]) {
      assert.ok(kinds.has(k), `audited ${k}`);
    }
  });

  test('a monitor reads a draft but cannot publish it', async () => {
    const d = await database.db
      .transaction()
      .execute((tx) => createDraft(tx, X, { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmt }));
    assert.equal((await getDraft(database.db, MONITOR, d.id)).id, d.id);
    await assert.rejects(publishDraft(database.db, MONITOR, d.id, { now: NOW }), (e: unknown) => {
      assert.ok(e instanceof PublishError);
      assert.equal(e.detail.code, 'forbidden-agency');
      return true;
    });
    assert.equal((await getDraft(database.db, X, d.id)).status, 'draft');
  });
});
