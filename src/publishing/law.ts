/**
 * The law checks of a publication, by kind, on the working-day calendar (with the administrator's
 * overrides): a new notice and an amendment are checked as a notice (bidding period, bid security,
 * online bidding…) and an amendment also for its lead before closing; an extension for its lead; a
 * cancellation, bid opening, result and contract for their publication deadline (late is accepted
 * and recorded with how late). Rules and citations: `src/compliance/law/` (docs/law-rules.md).
 */
import type { WorkingCalendar } from '../calendar/index.ts';
import {
  checkAmendment,
  checkExtension,
  checkNotice,
  checkTimeliness,
  type Finding,
  type NoticeFacts,
  type PublicationItem,
  type Timeliness,
} from '../compliance/law/index.ts';
import type { Field, Method, Procedure } from '../procurement/codes.ts';
import { checkClarificationPublication } from './clarification.ts';
import { noticeFactsOf, type NoticeState } from './notice-state.ts';
import type {
  CancellationInput,
  ContractInput,
  ExtensionInput,
  NoticeContent,
  OpeningInput,
  PublicationKind,
  ResultInput,
} from './schemas.ts';

/** The outcome of the checks of one publication. */
export interface LawOutcome {
  /** Every finding: `block` ones refuse publication, `flag` ones are recorded with it. */
  findings: Finding[];
  blocked: boolean;
  /** For items with a publication deadline: how the publication stands against it. */
  timeliness: Timeliness | null;
}

/** A Vietnam calendar date (`YYYY-MM-DD`) as the instant its day starts in Asia/Ho_Chi_Minh. */
export function vnDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/** The law-check view of a notice's content issued at `issuedAt`. */
export function noticeFactsOfContent(c: NoticeContent, issuedAt: Date): NoticeFacts {
  return {
    kind: c.noticeType ?? 'TBMT',
    method: c.method as Method,
    procedure: c.procedure as Procedure,
    field: c.field as Field,
    domestic: c.isDomestic,
    online: c.isInternet,
    packagePriceVnd: c.priceVnd,
    issuedAt,
    bidCloseAt: new Date(c.bidCloseAt),
    bidSecurityVnd: c.bidSecurityVnd ?? null,
    bidValidityDays: c.bidValidityDays,
    bidSecurityValidityDays: c.bidSecurityValidityDays ?? null,
  };
}

/**
 * Checks a validated `payload` of `kind` published at `now`. `state` is the notice it changes (null
 * for a new notice). Pure apart from the calendar passed in.
 */
export function checkPublication(
  kind: PublicationKind,
  payload: Record<string, unknown>,
  state: NoticeState | null,
  now: Date,
  calendar: WorkingCalendar,
): LawOutcome {
  const opts = { calendar };
  const result = (findings: Finding[], timeliness: Timeliness | null = null): LawOutcome => ({
    findings,
    blocked: findings.some((f) => f.effect === 'block'),
    timeliness,
  });
  const deadline = (item: PublicationItem, eventAt: Date): LawOutcome => {
    const t = checkTimeliness({ item, regimeDate: state!.issuedAt, eventAt, publishedAt: now }, opts);
    return result(t.finding ? [t.finding] : [], t);
  };
  switch (kind) {
    case 'tbmt':
      return result(checkNotice(noticeFactsOfContent(payload as NoticeContent, now), opts).findings);
    case 'amendment': {
      const n = noticeFactsOfContent(payload as NoticeContent, state!.issuedAt);
      const findings = [
        ...checkNotice(n, opts).findings,
        ...checkAmendment(n, { amendedAt: now, closeAt: n.bidCloseAt }, opts).findings,
      ];
      return result(findings);
    }
    case 'extension': {
      const p = payload as ExtensionInput;
      return result(
        checkExtension(noticeFactsOf(state!), { extendedAt: now, newCloseAt: new Date(p.newCloseAt) }, opts)
          .findings,
      );
    }
    case 'clarification':
      return checkClarificationPublication(payload, state!, now, calendar);
    case 'cancellation':
      return deadline('cancellation', vnDayStart((payload as CancellationInput).decisionDate));
    case 'opening':
      return deadline(
        state!.isInternet === false ? 'bid-opening-paper' : 'bid-opening-online',
        new Date((payload as OpeningInput).openedAt),
      );
    case 'result':
      return deadline('kqlcnt', vnDayStart((payload as ResultInput).decisionDate));
    case 'contract':
      return deadline('contract', new Date((payload as ContractInput).signedAt));
  }
}
