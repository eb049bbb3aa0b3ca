/**
 * Choosing the rule row that applies, and phrasing what a broken rule means. Pure.
 */
import { vnDateOf, type IsoDate } from '../../calendar/index.ts';
import type { Field, Method, Procedure } from '../../procurement/codes.ts';
import type { RegimeId } from './regimes.ts';
import type { Finding, LawRule, NoticeKind, PublicationItem, RuleTopic, RuleUnit } from './types.ts';

/** What is known about a package when its rules are chosen. Unknown values match only open scopes. */
export interface RuleContext {
  method?: Method | null;
  noticeKind?: NoticeKind | null;
  field?: Field | null;
  procedure?: Procedure | null;
  small?: boolean | null;
  domestic?: boolean | null;
  inProject?: boolean | null;
  item?: PublicationItem | null;
}

/**
 * The first row of `rules` for `regime` and `topic` whose scope matches `ctx` and whose optional
 * window contains `day` (VN local), or `undefined` when none applies.
 */
export function findRule(
  rules: readonly LawRule[],
  regime: RegimeId,
  topic: RuleTopic,
  ctx: RuleContext,
  day: IsoDate,
): LawRule | undefined {
  return rules.find(
    (r) =>
      r.regime === regime &&
      r.topic === topic &&
      (r.from === undefined || day >= r.from) &&
      (r.to === undefined || day <= r.to) &&
      scopeMatches(r, ctx),
  );
}

function scopeMatches(r: LawRule, ctx: RuleContext): boolean {
  const s = r.scope;
  const inList = <T>(list: readonly T[] | undefined, v: T | null | undefined) =>
    list === undefined || (v != null && list.includes(v));
  const same = <T>(want: T | undefined, v: T | null | undefined) => want === undefined || want === v;
  return (
    inList(s.methods, ctx.method) &&
    inList(s.noticeKinds, ctx.noticeKind) &&
    inList(s.fields, ctx.field) &&
    inList(s.procedures, ctx.procedure) &&
    same(s.small, ctx.small) &&
    same(s.domestic, ctx.domestic) &&
    same(s.inProject, ctx.inProject) &&
    same(s.item, ctx.item)
  );
}

const UNIT_VI: Record<RuleUnit, string> = {
  day: 'ngày',
  'working-day': 'ngày làm việc',
  hour: 'giờ',
  percent: '%',
  vnd: 'đồng',
};
const UNIT_EN: Record<RuleUnit, string> = {
  day: 'days',
  'working-day': 'working days',
  hour: 'hours',
  percent: '%',
  vnd: 'VND',
};

/** `12 ngày làm việc` / `12 working days`, `1,5%`, `2.000.000.000 đồng`. */
export function amountVi(n: number, unit: RuleUnit): string {
  const v = n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return unit === 'percent' ? `${v}%` : `${v} ${UNIT_VI[unit]}`;
}

/** English form of `amountVi`. */
export function amountEn(n: number, unit: RuleUnit): string {
  const v = n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit === 'percent' ? `${v}%` : `${v} ${UNIT_EN[unit]}`;
}

const UNCONFIRMED_VI =
  ' Lưu ý: mức này chưa được đối chiếu với văn bản gốc (giá trị mặc định, có thể cấu hình).';
const UNCONFIRMED_EN = ' Note: this figure is not confirmed from the official text (a configurable default).';

/**
 * A finding for `rule`: `whatVi`/`whatEn` say what was found and by how much; the rule's requirement
 * and citation are appended.
 */
export function finding(
  rule: LawRule,
  whatVi: string,
  whatEn: string,
  shortBy?: { value: number; unit: RuleUnit },
): Finding {
  return {
    ruleId: rule.id,
    regime: rule.regime,
    effect: rule.effect,
    citation: rule.citation,
    confirmed: rule.confirmed,
    messageVi: `${whatVi} ${rule.vi} (${rule.citation}).${rule.confirmed ? '' : UNCONFIRMED_VI}`,
    messageEn: `${whatEn} ${rule.en} (${rule.citation}).${rule.confirmed ? '' : UNCONFIRMED_EN}`,
    ...(shortBy ? { shortBy: shortBy.value, unit: shortBy.unit } : {}),
  };
}

/** The VN local day of an instant, checking it is a valid `Date`. @throws RangeError otherwise. */
export function dayOf(at: Date, name: string): IsoDate {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new RangeError(`${name} must be a valid Date`);
  return vnDateOf(at);
}
