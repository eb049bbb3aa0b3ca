// The law as data: every rule row of every regime is checked on both sides of its boundary, plus
// hand-worked cases whose expected figures are computed here from the law, not from the table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingCalendar } from '../src/calendar/index.ts';
import {
  checkAmendment,
  checkClarificationAnswer,
  checkExtension,
  checkNotice,
  checkTimeliness,
  LAW_RULES,
  regimeFor,
  type LawRule,
  type NoticeFacts,
  type RegimeId,
} from '../src/compliance/law/index.ts';

const calendar = new WorkingCalendar();
const opts = { calendar };

/** 09:00 Vietnam time on a local day. */
const vn = (day: string, time = '09:00') => new Date(`${day}T${time}:00+07:00`);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A day inside the rule's regime and window on which to issue the documents. */
function issueDayFor(r: LawRule): string {
  if (r.from) return r.from;
  if (r.to) return addDays(r.to, -20);
  return ({ L43: '2023-06-05', L22: '2024-10-07', L22A: '2025-10-06' } as Record<RegimeId, string>)[r.regime];
}

/** Notice facts that fall in the rule's scope. */
function noticeFor(r: LawRule, day: string): NoticeFacts {
  const s = r.scope;
  const field = s.fields?.[0] ?? 'HH';
  const price = s.small === true ? 1_000_000_000 : 50_000_000_000;
  return {
    kind: s.noticeKinds?.[0] ?? 'TBMT',
    method: s.methods?.[0] ?? 'DTRR',
    procedure: s.procedures?.[0] ?? '1_MTHS',
    field,
    domestic: s.domestic ?? true,
    online: true,
    inProject: s.inProject ?? null,
    packagePriceVnd: price,
    issuedAt: vn(day),
    bidCloseAt: vn(addDays(day, 60)),
    bidSecurityVnd: Math.round(price * 0.015),
  };
}

/** The closing date exactly `n` units after `day`. */
function after(day: string, n: number, unit: LawRule['unit']): string {
  return unit === 'working-day' ? calendar.addWorkingDays(day, n) : addDays(day, n);
}

const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);

describe('regimes', () => {
  test('the regime follows the VN local date of issue, on both sides of each boundary', () => {
    assert.equal(regimeFor('2023-12-31').id, 'L43');
    assert.equal(regimeFor('2024-01-01').id, 'L22');
    assert.equal(regimeFor('2025-06-30').id, 'L22');
    assert.equal(regimeFor('2025-07-01').id, 'L22A');
    // 31 Dec 2023 23:30 UTC is already 1 Jan 2024 in Hà Nội.
    assert.equal(regimeFor(new Date('2023-12-31T17:30:00Z')).id, 'L22');
    assert.equal(regimeFor(new Date('2023-12-31T16:59:59Z')).id, 'L43');
  });

  test('every rule row has a citation, a unique id and Vietnamese and English text', () => {
    const seen = new Set<string>();
    for (const r of LAW_RULES) {
      assert.ok(!seen.has(r.id), `duplicate rule id ${r.id}`);
      seen.add(r.id);
      assert.match(r.citation, /(Luật|Nghị định|Thông tư)/, r.id);
      assert.ok(r.vi.length > 10 && r.en.length > 10, r.id);
    }
  });
});

describe('every period rule, both sides of its boundary', () => {
  for (const r of LAW_RULES.filter((x) => x.topic === 'bidding-period')) {
    test(r.id, () => {
      const day = issueDayFor(r);
      const n = noticeFor(r, day);
      const ok = checkNotice({ ...n, bidCloseAt: vn(after(day, r.min!, r.unit)) }, opts);
      assert.ok(
        !ids(ok.findings).includes(r.id),
        `${r.id} at exactly ${r.min} ${r.unit}: ${ok.findings[0]?.messageVi}`,
      );
      const bad = checkNotice({ ...n, bidCloseAt: vn(after(day, r.min! - 1, r.unit)) }, opts);
      const f = bad.findings.find((x) => x.ruleId === r.id);
      assert.ok(f, `${r.id} one ${r.unit} short is reported; got ${ids(bad.findings).join(', ')}`);
      assert.equal(f.shortBy, 1);
      assert.equal(bad.blocked, true);
      assert.ok(f.messageVi.includes(r.citation));
    });
  }

  const leads = LAW_RULES.filter((x) =>
    ['amendment-lead', 'extension-lead', 'clarification-answer-lead'].includes(x.topic),
  );
  for (const r of leads) {
    test(r.id, () => {
      const day = issueDayFor(r);
      const n = noticeFor(r, day);
      const close = vn(addDays(day, 60));
      const closeDay = addDays(day, 60);
      const atExactly = vn(
        r.unit === 'working-day' ? calendar.addWorkingDays(closeDay, -r.min!) : addDays(closeDay, -r.min!),
      );
      const oneShort = vn(
        r.unit === 'working-day'
          ? calendar.addWorkingDays(closeDay, -(r.min! - 1))
          : addDays(closeDay, -(r.min! - 1)),
      );
      const run = (at: Date) =>
        r.topic === 'amendment-lead'
          ? checkAmendment(n, { amendedAt: at, closeAt: close }, opts)
          : r.topic === 'extension-lead'
            ? checkExtension(
                { ...n, bidCloseAt: vn(addDays(day, 30)) },
                { extendedAt: at, newCloseAt: close },
                opts,
              )
            : checkClarificationAnswer({ ...n, bidCloseAt: close }, { answeredAt: at }, opts);
      assert.deepEqual(ids(run(atExactly).findings), []);
      const bad = run(oneShort);
      assert.deepEqual(ids(bad.findings), [r.id]);
      assert.equal(bad.findings[0]!.shortBy, 1);
      assert.equal(bad.blocked, r.effect === 'block');
    });
  }
});

describe('bid security, direct appointment, online bidding', () => {
  for (const r of LAW_RULES.filter((x) => x.topic === 'bid-security')) {
    test(r.id, () => {
      const day = issueDayFor(r);
      const n = noticeFor(r, day);
      const price = n.packagePriceVnd!;
      for (const pct of [r.min!, r.max!]) {
        const res = checkNotice({ ...n, bidSecurityVnd: Math.round((price * pct) / 100) }, opts);
        assert.ok(!ids(res.findings).includes(r.id), `${pct}% is allowed`);
      }
      const low = checkNotice({ ...n, bidSecurityVnd: Math.round((price * r.min!) / 100) - 1000 }, opts);
      assert.equal(low.findings.find((f) => f.ruleId === r.id)?.shortBy, 1000);
      const high = checkNotice({ ...n, bidSecurityVnd: Math.round((price * r.max!) / 100) + 1000 }, opts);
      assert.equal(high.findings.find((f) => f.ruleId === r.id)?.shortBy, 1000);
      assert.equal(high.blocked, true);
    });
  }

  for (const r of LAW_RULES.filter((x) => x.topic === 'direct-appointment-limit')) {
    test(r.id, () => {
      const day = issueDayFor(r);
      const n = noticeFor(r, day);
      assert.ok(!ids(checkNotice({ ...n, packagePriceVnd: r.max! }, opts).findings).includes(r.id));
      const over = checkNotice({ ...n, packagePriceVnd: r.max! + 1 }, opts);
      const f = over.findings.find((x) => x.ruleId === r.id);
      assert.equal(f?.shortBy, 1);
      assert.equal(f?.effect, 'flag');
      // The day before Decree 214/2025 took effect, its limits do not apply.
      const before = checkNotice({ ...n, packagePriceVnd: r.max! + 1, issuedAt: vn('2025-08-03') }, opts);
      assert.ok(!ids(before.findings).includes(r.id));
    });
  }

  test('domestic one-stage open bidding offline is flagged under L22A only; two-stage is exempt', () => {
    const r = LAW_RULES.find((x) => x.id === 'L22A.online-mandatory')!;
    const n = noticeFor(r, '2025-10-06');
    assert.deepEqual(ids(checkNotice({ ...n, online: false }, opts).findings), ['L22A.online-mandatory']);
    assert.deepEqual(ids(checkNotice({ ...n, online: true }, opts).findings), []);
    assert.deepEqual(ids(checkNotice({ ...n, online: false, procedure: '2_MTHS' }, opts).findings), []);
    assert.deepEqual(
      ids(checkNotice({ ...n, online: false, domestic: false, bidCloseAt: vn('2025-12-31') }, opts).findings),
      [],
    );
    assert.deepEqual(
      ids(checkNotice({ ...n, online: false, issuedAt: vn('2025-06-30') }, opts).findings),
      [],
    );
  });
});

describe('publication deadlines: late is allowed but recorded with its length', () => {
  for (const r of LAW_RULES.filter((x) => x.topic === 'publication-deadline')) {
    test(r.id, () => {
      const day = issueDayFor(r);
      const event = vn(day, '10:00');
      const deadline = calendar.deadline(event, r.max!, r.unit as 'working-day' | 'hour');
      const facts = { item: r.scope.item!, regimeDate: vn(day), eventAt: event };
      const onTime = checkTimeliness({ ...facts, publishedAt: deadline }, opts);
      assert.equal(onTime.late, false);
      assert.equal(onTime.regime, r.regime);
      const late = checkTimeliness({ ...facts, publishedAt: new Date(deadline.getTime() + 1) }, opts);
      assert.equal(late.late, true);
      assert.equal(late.finding?.ruleId, r.id);
      assert.equal(late.finding?.effect, 'flag');
      assert.equal(late.lateBy, 1);
    });
  }
});

describe('hand-worked cases', () => {
  const base: NoticeFacts = {
    kind: 'TBMT',
    method: 'DTRR',
    procedure: '1_MTHS',
    field: 'XL',
    domestic: true,
    online: true,
    packagePriceVnd: 45_000_000_000,
    issuedAt: vn('2025-09-22'),
    bidCloseAt: vn('2025-10-10'),
    bidSecurityVnd: 675_000_000,
  };

  test('L22A open domestic works: 18 days from 22 Sep to 10 Oct pass; 9 Oct is one day short and blocks', () => {
    assert.deepEqual(checkNotice(base, opts).findings, []);
    const r = checkNotice({ ...base, bidCloseAt: vn('2025-10-09') }, opts);
    assert.equal(r.blocked, true);
    assert.equal(r.findings[0]!.messageVi.includes('thiếu 1 ngày'), true);
    assert.match(r.findings[0]!.messageVi, /Nghị định 214\/2025\/NĐ-CP, Điều 28\.2a/);
    assert.match(r.findings[0]!.messageEn, /1 days short/);
  });

  test('L22A competitive quotation counts working days across the 1–2 Sep 2025 holiday', () => {
    const chct = {
      ...base,
      method: 'CHCT' as const,
      field: 'HH' as const,
      packagePriceVnd: 3_000_000_000,
      bidSecurityVnd: 36_000_000,
    };
    // Issued Thu 28 Aug 2025: Fri 29 Aug, (Mon 1, Tue 2 Sep off), 3, 4, 5, 8, 9, 10 Sep → the 7th WD is 10 Sep.
    const ok = checkNotice({ ...chct, issuedAt: vn('2025-08-28'), bidCloseAt: vn('2025-09-10') }, opts);
    assert.deepEqual(ids(ok.findings), []);
    const bad = checkNotice({ ...chct, issuedAt: vn('2025-08-28'), bidCloseAt: vn('2025-09-09') }, opts);
    assert.deepEqual(ids(bad.findings), ['L22A.bidding-period.chct.from-2025-08-04']);
    assert.match(bad.findings[0]!.messageVi, /thiếu 1 ngày làm việc/);
  });

  test('L22 small goods package: 1.5% security is the ceiling; 2% is above it by 0.5% of the price', () => {
    const small = {
      ...base,
      field: 'HH' as const,
      packagePriceVnd: 8_000_000_000,
      issuedAt: vn('2024-10-01'),
      bidCloseAt: vn('2024-10-20'),
    };
    assert.deepEqual(ids(checkNotice({ ...small, bidSecurityVnd: 120_000_000 }, opts).findings), []);
    const r = checkNotice({ ...small, bidSecurityVnd: 160_000_000 }, opts);
    assert.deepEqual(ids(r.findings), ['L22.bid-security.small']);
    assert.equal(r.findings[0]!.shortBy, 40_000_000);
    assert.match(
      r.findings[0]!.messageVi,
      /2% giá gói thầu, vượt mức tối đa \(120\.000\.000 đồng\) 40\.000\.000 đồng/,
    );
    assert.match(r.findings[0]!.messageVi, /từ 1% đến 1,5% giá gói thầu/);
    assert.match(r.findings[0]!.messageVi, /Luật Đấu thầu 22\/2023\/QH15, Điều 14/);
  });

  test('L43 open bidding figures are marked as unconfirmed defaults in the message', () => {
    const r = checkNotice(
      { ...base, issuedAt: vn('2023-03-01'), bidCloseAt: vn('2023-03-15'), bidSecurityVnd: 900_000_000 },
      opts,
    );
    assert.deepEqual(ids(r.findings), ['L43.bidding-period.domestic']);
    assert.equal(r.findings[0]!.confirmed, false);
    assert.match(r.findings[0]!.messageVi, /chưa được đối chiếu/);
    assert.equal(r.findings[0]!.shortBy, 6);
  });

  test('an amendment 9 days before closing of a large package blocks under L22A; the KQLCNT 6 WD late is flagged as 1 WD late', () => {
    const a = checkAmendment(base, { amendedAt: vn('2025-10-01') }, opts);
    assert.deepEqual(ids(a.findings), ['L22A.amendment-lead.normal']);
    assert.equal(a.blocked, true);
    // Approved Fri 3 Oct 2025: 5 WD → Fri 10 Oct 24:00; published Mon 13 Oct → 1 WD late.
    const t = checkTimeliness(
      {
        item: 'kqlcnt',
        regimeDate: base.issuedAt,
        eventAt: vn('2025-10-03', '16:00'),
        publishedAt: vn('2025-10-13'),
      },
      opts,
    );
    assert.equal(t.late, true);
    assert.equal(t.lateBy, 1);
    assert.equal(t.deadline?.toISOString(), '2025-10-10T17:00:00.000Z');
    assert.match(t.finding!.messageVi, /muộn 1 ngày làm việc/);
  });

  test('a plan approved Mon 2 Mar 2026 and published Thu 12 Mar is 3 working days late (deadline Mon 9 Mar)', () => {
    const t = checkTimeliness(
      {
        item: 'khlcnt',
        regimeDate: vn('2026-03-02'),
        eventAt: vn('2026-03-02'),
        publishedAt: vn('2026-03-12'),
      },
      opts,
    );
    assert.equal(t.deadline?.toISOString(), '2026-03-09T17:00:00.000Z');
    assert.equal(t.lateBy, 3);
    assert.match(t.finding!.messageVi, /hạn chót: hết ngày 09\/03\/2026/);
  });

  test('an extension that does not move closing later blocks', () => {
    const r = checkExtension(base, { extendedAt: vn('2025-09-25'), newCloseAt: vn('2025-10-10') }, opts);
    assert.equal(r.blocked, true);
    assert.equal(r.findings[0]!.ruleId, 'extension.not-later');
  });

  test('invalid instants are a RangeError naming the field', () => {
    assert.throws(
      () => checkNotice({ ...base, bidCloseAt: new Date('x') }, opts),
      /bidCloseAt must be a valid Date/,
    );
  });
});
