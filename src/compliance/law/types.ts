/**
 * Shapes of the law-as-data rule table (`rules.ts`) and of what a check reports.
 */
import type { IsoDate } from '../../calendar/index.ts';
import type { Field, Method, Procedure } from '../../procurement/codes.ts';
import type { RegimeId } from './regimes.ts';

/** What a broken rule does to a publication: `block` refuses it, `flag` publishes it marked. */
export type RuleEffect = 'block' | 'flag';

/** What a rule is about. */
export type RuleTopic =
  | 'small-package'
  | 'bidding-period'
  | 'amendment-lead'
  | 'extension-lead'
  | 'clarification-answer-lead'
  | 'clarification-request-lead'
  | 'clarification-after-closing'
  | 'bid-security'
  | 'bid-security-validity'
  | 'direct-appointment-limit'
  | 'online-mandatory'
  | 'documents-release-delay'
  | 'publication-deadline';

/** Units of a rule's figures. */
export type RuleUnit = 'day' | 'working-day' | 'hour' | 'percent' | 'vnd';

/** Kinds of notice (TBMT, prequalification, expression of interest). */
export type NoticeKind = 'TBMT' | 'TBMST' | 'TBMQT';

/** Information whose publication has a deadline (procurement-domain.md §2). */
export type PublicationItem =
  | 'khlcnt'
  | 'short-list'
  | 'bid-opening-online'
  | 'bid-opening-paper'
  | 'kqlcnt'
  | 'cancellation'
  | 'contract';

/** When a rule applies; an absent key matches anything. */
export interface RuleScope {
  methods?: readonly Method[];
  noticeKinds?: readonly NoticeKind[];
  fields?: readonly Field[];
  procedures?: readonly Procedure[];
  /** Small package (see topic `small-package`). */
  small?: boolean;
  domestic?: boolean;
  /** The package belongs to a project (dự án), as opposed to a procurement estimate (dự toán mua sắm). */
  inProject?: boolean;
  item?: PublicationItem;
}

/** One rule of the law, as data. */
export interface LawRule {
  /** Stable id, e.g. `L22A.bidding-period.open.domestic`. */
  id: string;
  regime: RegimeId;
  topic: RuleTopic;
  effect: RuleEffect;
  /** Law / decree / circular and article, in Vietnamese. */
  citation: string;
  /**
   * False when the figure or citation is not confirmed from the official text
   * (procurement-domain.md marks it *unconfirmed*): a configurable default, and messages say so.
   */
  confirmed: boolean;
  /** Optional narrower validity inside the regime (VN local days, inclusive). */
  from?: IsoDate;
  to?: IsoDate;
  scope: RuleScope;
  /** The figures: `min`/`max` in `unit`. */
  min?: number;
  max?: number;
  unit: RuleUnit;
  /** What the rule requires, in Vietnamese and English (short). */
  vi: string;
  en: string;
}

/** One broken (or, for late publication, late) rule. */
export interface Finding {
  ruleId: string;
  regime: RegimeId;
  effect: RuleEffect;
  citation: string;
  confirmed: boolean;
  /** Vietnamese message: what is wrong, by how much, and the article. */
  messageVi: string;
  /** English message. */
  messageEn: string;
  /** By how much the rule is missed, in `unit` (always > 0). */
  shortBy?: number;
  unit?: RuleUnit;
}
