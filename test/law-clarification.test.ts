// Clarification of the bidding documents (làm rõ HSMT) as law rows: request ≥ 3 WD (5 international)
// before the closing day → else flag; answer ≥ 2 WD before → else flag; answer at or after closing →
// block. Every row on both sides of its boundary in each regime, then hand-worked cases across Tết
// (2024, 2025, 2026 holidays from src/calendar) where counting calendar days would give the wrong answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingCalendar } from '../src/calendar/index.ts';
import {
  checkClarification,
  clarificationDeadlines,
  LAW_RULES,
  type LawRule,
  type NoticeFacts,
  type RegimeId,
} from '../src/compliance/law/index.ts';

const calendar = new WorkingCalendar();
const opts = { calendar };
const vn = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`);
const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);
const ISSUE: Record<RegimeId, string> = { L43: '2023-06-05', L22: '2024-10-07', L22A: '2025-10-06' };

function notice(issueDay: string, closeAt: Date, domestic = true): NoticeFacts {
  return {
    kind: 'TBMT',
    method: 'DTRR',
    procedure: '1_MTHS',
    field: 'HH',
    domestic,
    online: true,
    packagePriceVnd: 50_000_000_000,
    issuedAt: vn(issueDay),
    bidCloseAt: closeAt,
    bidSecurityVnd: 750_000_000,
  };
}

const topics = ['clarification-request-lead', 'clarification-answer-lead', 'clarification-after-closing'];

describe('clarification rows exist in every regime', () => {
  for (const regime of ['L43', 'L22', 'L22A'] as const) {
    test(regime, () => {
      const rows = LAW_RULES.filter((r) => r.regime === regime && topics.includes(r.topic));
      assert.deepEqual(rows.map((r) => r.id).sort(), [
        `${regime}.clarification-after-closing`,
        `${regime}.clarification-answer-lead`,
        `${regime}.clarification-request-lead.domestic`,
        `${regime}.clarification-request-lead.international`,
      ]);
      assert.equal(rows.find((r) => r.topic === 'clarification-after-closing')!.effect, 'block');
      for (const r of rows.filter((x) => x.topic !== 'clarification-after-closing'))
        assert.equal(r.effect, 'flag', r.id);
    });
  }
});

describe('each row on both sides of its boundary', () => {
  for (const r of LAW_RULES.filter((x): x is LawRule => topics.includes(x.topic))) {
    test(r.id, () => {
      const issue = ISSUE[r.regime];
      const closeDay = calendar.addWorkingDays(issue, 40);
      const close = vn(closeDay);
      const n = notice(issue, close, r.scope.domestic ?? true);
      const early = calendar.addWorkingDays(closeDay, -10);
      const run = (received: string, answeredAt: Date) =>
        checkClarification(n, { requestReceivedOn: received, answeredAt, closeAt: close }, opts);
      if (r.topic === 'clarification-request-lead') {
        const ok = run(calendar.addWorkingDays(closeDay, -r.min!), vn(early));
        assert.deepEqual(ids(ok.findings), []);
        const late = run(calendar.addWorkingDays(closeDay, -(r.min! - 1)), vn(early));
        assert.deepEqual(ids(late.findings), [r.id]);
        assert.equal(late.findings[0]!.shortBy, 1);
        assert.equal(late.blocked, false, 'a late request is flagged, the entity may still answer');
        assert.match(late.findings[0]!.messageVi, /muộn 1 ngày làm việc/);
        assert.ok(late.findings[0]!.messageVi.includes(r.citation));
      } else if (r.topic === 'clarification-answer-lead') {
        const ok = run(early, vn(calendar.addWorkingDays(closeDay, -r.min!)));
        assert.deepEqual(ids(ok.findings), []);
        const late = run(early, vn(calendar.addWorkingDays(closeDay, -(r.min! - 1))));
        assert.deepEqual(ids(late.findings), [r.id]);
        assert.equal(late.findings[0]!.shortBy, 1);
        assert.equal(late.blocked, false);
        assert.match(late.findings[0]!.messageVi, /thiếu 1 ngày làm việc/);
        assert.ok(late.findings[0]!.messageVi.includes(r.citation));
      } else {
        const justBefore = run(early, new Date(close.getTime() - 60_000));
        assert.equal(justBefore.blocked, false, 'a minute before closing is not blocked (only flagged)');
        assert.ok(!ids(justBefore.findings).includes(r.id));
        const atClosing = run(early, close);
        assert.equal(atClosing.blocked, true);
        assert.deepEqual(ids(atClosing.findings), [r.id], 'the block alone, not also a lead flag');
        const nextDay = run(early, vn(calendar.addWorkingDays(closeDay, 1), '10:00'));
        assert.equal(nextDay.findings[0]!.shortBy, 1);
        assert.match(nextDay.findings[0]!.messageVi, /sau thời điểm đóng thầu .* 1 ngày làm việc/);
        assert.ok(nextDay.findings[0]!.messageVi.includes(r.citation));
      }
    });
  }
});

describe('across Tết, working days not calendar days', () => {
  test('L43: closing Fri 16/02/2024 (Tết 08–14/02/2024 off)', () => {
    const close = vn('2024-02-16');
    const n = notice('2023-12-20', close);
    const run = (received: string, answered: Date) =>
      checkClarification(n, { requestReceivedOn: received, answeredAt: answered, closeAt: close }, opts);
    // 07/02 is 9 calendar days before, but only 2 working days (15, 16/02): one late.
    const late = run('2024-02-07', vn('2024-02-07', '15:00'));
    assert.deepEqual(ids(late.findings), ['L43.clarification-request-lead.domestic']);
    assert.match(late.findings[0]!.messageVi, /nhận ngày 07\/02\/2024, chỉ 2 ngày làm việc .*16\/02\/2024/);
    assert.match(late.findings[0]!.messageVi, /Nghị định 63\/2014\/NĐ-CP, Điều 14/);
    assert.deepEqual(ids(run('2024-02-06', vn('2024-02-07', '15:00')).findings), []);
    const answer = run('2024-02-06', vn('2024-02-15', '08:00'));
    assert.deepEqual(ids(answer.findings), ['L43.clarification-answer-lead']);
    assert.equal(answer.blocked, false);
  });

  test('L22: closing Tue 04/02/2025 (Tết 25/01–02/02/2025 off); international needs 5 WD', () => {
    const close = vn('2025-02-04');
    const dom = notice('2025-01-06', close);
    const intl = notice('2025-01-06', close, false);
    const run = (n: NoticeFacts, received: string, answered: string) =>
      checkClarification(n, { requestReceivedOn: received, answeredAt: vn(answered), closeAt: close }, opts);
    assert.deepEqual(ids(run(dom, '2025-01-23', '2025-01-24').findings), []);
    assert.deepEqual(ids(run(dom, '2025-01-24', '2025-01-24').findings), [
      'L22.clarification-request-lead.domestic',
    ]);
    const i = run(intl, '2025-01-22', '2025-01-24').findings;
    assert.deepEqual(ids(i), ['L22.clarification-request-lead.international']);
    assert.match(i[0]!.messageVi, /chỉ 4 ngày làm việc.*muộn 1 ngày làm việc/);
    assert.deepEqual(ids(run(intl, '2025-01-21', '2025-01-24').findings), []);
    assert.deepEqual(ids(run(dom, '2025-01-20', '2025-02-03').findings), ['L22.clarification-answer-lead']);
  });

  test('L22A: closing Tue 24/02/2026 (Tết 14–22/02/2026 off); after closing blocks', () => {
    const close = vn('2026-02-24');
    const n = notice('2026-01-19', close);
    const run = (received: string, answered: Date) =>
      checkClarification(n, { requestReceivedOn: received, answeredAt: answered, closeAt: close }, opts);
    assert.deepEqual(ids(run('2026-02-12', vn('2026-02-13')).findings), []);
    assert.deepEqual(ids(run('2026-02-13', vn('2026-02-13')).findings), [
      'L22A.clarification-request-lead.domestic',
    ]);
    // Answered on the Friday before Tết: 11 calendar days, exactly 2 working days — lawful.
    assert.deepEqual(ids(run('2026-02-12', vn('2026-02-13', '16:00')).findings), []);
    const mon = run('2026-02-12', vn('2026-02-23'));
    assert.deepEqual(ids(mon.findings), ['L22A.clarification-answer-lead']);
    assert.match(mon.findings[0]!.messageVi, /đăng ngày 23\/02\/2026, chỉ 1 ngày làm việc/);
    assert.match(mon.findings[0]!.messageVi, /Nghị định 214\/2025\/NĐ-CP, Điều 28/);
    // What the form announces, from the same rows: 3 / 5 WD and 2 WD before the closing day.
    assert.deepEqual(clarificationDeadlines(n, close, opts), {
      requestBy: '2026-02-12',
      answerBy: '2026-02-13',
    });
    assert.equal(
      clarificationDeadlines(notice('2026-01-19', close, false), close, opts).requestBy,
      '2026-02-10',
    );
    const after = run('2026-02-12', vn('2026-02-25', '10:00'));
    assert.equal(after.blocked, true);
    assert.match(
      after.findings[0]!.messageVi,
      /25\/02\/2026 10:00, sau thời điểm đóng thầu 24\/02\/2026 09:00 1 ngày làm việc/,
    );
  });
});
