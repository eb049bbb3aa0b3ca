/**
 * Checks of a notice (TBMT, prequalification, EOI) against the law in force when its documents were
 * issued: minimum bidding period, bid security and its validity, direct-appointment limits, mandatory
 * online bidding, and (Law 43) the delay before releasing the bidding documents. Pure.
 */
import type { WorkingCalendar } from '../../calendar/index.ts';
import { toDayNumber } from '../../calendar/dates.ts';
import type { Field, Method, Procedure } from '../../procurement/codes.ts';
import { amountEn, amountVi, dayOf, finding, findRule, type RuleContext } from './match.ts';
import { regimeFor, type RegimeId } from './regimes.ts';
import { LAW_RULES } from './rules.ts';
import type { Finding, LawRule, NoticeKind } from './types.ts';

/** What the checks need to know about a notice. Money in VND; instants UTC. */
export interface NoticeFacts {
  kind: NoticeKind;
  method: Method | null;
  procedure: Procedure | null;
  field: Field | null;
  domestic: boolean;
  online: boolean;
  /** The package belongs to a project (dự án) rather than a procurement estimate; `null` if unknown. */
  inProject?: boolean | null;
  /** Package price (giá gói thầu), VND. */
  packagePriceVnd: number | null;
  /** When the bidding documents were issued (for e-bidding: the notice's first publication). */
  issuedAt: Date;
  /** When the notice was first published, if different from `issuedAt` (Law 43 separates them). */
  publishedAt?: Date;
  /** Bid closing (thời điểm đóng thầu). */
  bidCloseAt: Date;
  bidSecurityVnd?: number | null;
  /** Bid validity (hiệu lực hồ sơ dự thầu), days. */
  bidValidityDays?: number | null;
  /** Validity of the bid security, days. */
  bidSecurityValidityDays?: number | null;
}

/** Options of every check. */
export interface CheckOptions {
  calendar: WorkingCalendar;
  /** The rule table; `LAW_RULES` by default (a deployment may override figures). */
  rules?: readonly LawRule[];
}

/** The outcome of a check. */
export interface CheckResult {
  /** The regime chosen from the notice's issue date. */
  regime: RegimeId;
  findings: Finding[];
  /** True when a finding blocks publication. */
  blocked: boolean;
}

/**
 * Whether a package is small (quy mô nhỏ) under `regime`: works/mixed ≤ 20 bn VND, goods and
 * non-consulting ≤ 10 bn VND (rows of topic `small-package`); consulting packages never are.
 * `null` when the field or price is unknown.
 */
export function isSmallPackage(
  regime: RegimeId,
  field: Field | null,
  priceVnd: number | null,
  rules: readonly LawRule[] = LAW_RULES,
): boolean | null {
  if (field === null || priceVnd === null) return null;
  const row = rules.find(
    (r) => r.regime === regime && r.topic === 'small-package' && r.scope.fields?.includes(field),
  );
  return row?.max !== undefined ? priceVnd <= row.max : false;
}

/** The context used to choose rules for a notice. */
export function noticeContext(n: NoticeFacts, regime: RegimeId, rules: readonly LawRule[]): RuleContext {
  return {
    method: n.method,
    noticeKind: n.kind,
    field: n.field,
    procedure: n.procedure,
    small: isSmallPackage(regime, n.field, n.packagePriceVnd, rules),
    domestic: n.domestic,
    inProject: n.inProject ?? null,
  };
}

/**
 * Checks a notice before publication. Each finding says what is wrong, by how much, and cites the
 * article; `blocked` is true when one of them blocks publication.
 * Day counts: calendar days between the VN local dates of issue and closing; working days counted
 * after the issue day up to and including the closing day (Civil Code 2015 Art. 147).
 * @throws RangeError when `issuedAt` or `bidCloseAt` is not a valid Date.
 */
export function checkNotice(n: NoticeFacts, opts: CheckOptions): CheckResult {
  const rules = opts.rules ?? LAW_RULES;
  const issueDay = dayOf(n.issuedAt, 'issuedAt');
  const closeDay = dayOf(n.bidCloseAt, 'bidCloseAt');
  const regime = regimeFor(issueDay).id;
  const ctx = noticeContext(n, regime, rules);
  const findings: Finding[] = [];

  const period = findRule(rules, regime, 'bidding-period', ctx, issueDay);
  if (period?.min !== undefined) {
    const have =
      period.unit === 'working-day'
        ? opts.calendar.workingDaysBetween(issueDay, closeDay)
        : toDayNumber(closeDay) - toDayNumber(issueDay);
    if (have < period.min) {
      findings.push(
        finding(
          period,
          `Từ ngày phát hành hồ sơ ${issueDay} đến thời điểm đóng thầu ${closeDay} chỉ có ${amountVi(have, period.unit)}, thiếu ${amountVi(period.min - have, period.unit)}.`,
          `From issue on ${issueDay} to closing on ${closeDay} there are only ${amountEn(have, period.unit)}, ${amountEn(period.min - have, period.unit)} short.`,
          { value: period.min - have, unit: period.unit },
        ),
      );
    }
  }

  findings.push(...checkBidSecurity(n, regime, ctx, issueDay, rules));

  const direct = findRule(rules, regime, 'direct-appointment-limit', ctx, issueDay);
  if (direct?.max !== undefined && n.packagePriceVnd !== null && n.packagePriceVnd > direct.max) {
    const over = n.packagePriceVnd - direct.max;
    findings.push(
      finding(
        direct,
        `Giá gói thầu ${amountVi(n.packagePriceVnd, 'vnd')} vượt hạn mức chỉ định thầu ${amountVi(over, 'vnd')}.`,
        `The package price ${amountEn(n.packagePriceVnd, 'vnd')} exceeds the direct-appointment limit by ${amountEn(over, 'vnd')}.`,
        { value: over, unit: 'vnd' },
      ),
    );
  }

  const online = findRule(rules, regime, 'online-mandatory', ctx, issueDay);
  if (online && !n.online) {
    findings.push(finding(online, 'Gói thầu được tổ chức không qua mạng.', 'The package is run offline.'));
  }

  const release = findRule(rules, regime, 'documents-release-delay', ctx, issueDay);
  if (release?.min !== undefined && n.publishedAt) {
    const pubDay = dayOf(n.publishedAt, 'publishedAt');
    const have = opts.calendar.workingDaysBetween(pubDay, issueDay);
    if (have < release.min) {
      findings.push(
        finding(
          release,
          `Hồ sơ mời thầu phát hành ${issueDay}, chỉ ${amountVi(have, 'working-day')} sau khi đăng thông báo (${pubDay}), sớm ${amountVi(release.min - have, 'working-day')}.`,
          `The documents were released on ${issueDay}, only ${amountEn(have, 'working-day')} after the notice (${pubDay}), ${amountEn(release.min - have, 'working-day')} early.`,
          { value: release.min - have, unit: 'working-day' },
        ),
      );
    }
  }
  return { regime, findings, blocked: findings.some((f) => f.effect === 'block') };
}

/** Bid security (Law 22/2023 Art. 14; Law 43/2013 Art. 11): percentage range and validity. */
function checkBidSecurity(
  n: NoticeFacts,
  regime: RegimeId,
  ctx: RuleContext,
  day: string,
  rules: readonly LawRule[],
): Finding[] {
  const out: Finding[] = [];
  const range = findRule(rules, regime, 'bid-security', ctx, day);
  if (range && n.packagePriceVnd !== null && n.packagePriceVnd > 0) {
    if (n.bidSecurityVnd == null) {
      out.push(
        finding(range, 'Thông báo không nêu giá trị bảo đảm dự thầu.', 'The notice gives no bid security.'),
      );
    } else {
      const pct = (n.bidSecurityVnd / n.packagePriceVnd) * 100;
      const min = range.min ?? 0;
      const max = range.max ?? Infinity;
      const eps = 1e-9;
      if (pct < min - eps || pct > max + eps) {
        const limit = pct < min ? min : max;
        const limitVnd = Math.round((limit * n.packagePriceVnd) / 100);
        const diffVnd = Math.abs(limitVnd - n.bidSecurityVnd);
        const low = pct < min;
        out.push(
          finding(
            range,
            `Bảo đảm dự thầu ${amountVi(n.bidSecurityVnd, 'vnd')} bằng ${amountVi(pct, 'percent')} giá gói thầu, ${low ? 'thấp hơn mức tối thiểu' : 'vượt mức tối đa'} (${amountVi(limitVnd, 'vnd')}) ${amountVi(diffVnd, 'vnd')}.`,
            `Bid security ${amountEn(n.bidSecurityVnd, 'vnd')} is ${amountEn(pct, 'percent')} of the package price, ${amountEn(diffVnd, 'vnd')} ${low ? 'below the minimum' : 'above the maximum'} (${amountEn(limitVnd, 'vnd')}).`,
            { value: diffVnd, unit: 'vnd' },
          ),
        );
      }
    }
  }
  const validity = findRule(rules, regime, 'bid-security-validity', ctx, day);
  if (validity?.min !== undefined && n.bidValidityDays != null && n.bidSecurityValidityDays != null) {
    const need = n.bidValidityDays + validity.min;
    if (n.bidSecurityValidityDays < need) {
      out.push(
        finding(
          validity,
          `Hiệu lực bảo đảm dự thầu ${amountVi(n.bidSecurityValidityDays, 'day')}, thiếu ${amountVi(need - n.bidSecurityValidityDays, 'day')} so với ${amountVi(need, 'day')}.`,
          `Bid security valid ${amountEn(n.bidSecurityValidityDays, 'day')}, ${amountEn(need - n.bidSecurityValidityDays, 'day')} short of ${amountEn(need, 'day')}.`,
          { value: need - n.bidSecurityValidityDays, unit: 'day' },
        ),
      );
    }
  }
  return out;
}
