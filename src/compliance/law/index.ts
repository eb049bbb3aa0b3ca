/**
 * The law as data (procurement-domain.md §1–§3): the rule table `LAW_RULES` keyed by regime (`L43`,
 * `L22`, `L22A`) and pure checks of notices, changes and publication deadlines on the Vietnamese
 * working-day calendar. No HTTP, no database.
 */
export { REGIMES, REGIME_IDS, regimeFor, type Regime, type RegimeId } from './regimes.ts';
export { LAW_RULES } from './rules.ts';
export type {
  Finding,
  LawRule,
  NoticeKind,
  PublicationItem,
  RuleEffect,
  RuleScope,
  RuleTopic,
  RuleUnit,
} from './types.ts';
export {
  checkNotice,
  isSmallPackage,
  type CheckOptions,
  type CheckResult,
  type NoticeFacts,
} from './check-notice.ts';
export { checkAmendment, checkClarificationAnswer, checkExtension } from './check-changes.ts';
export {
  checkClarification,
  clarificationDeadlines,
  type ClarificationDeadlines,
  type ClarificationFacts,
} from './check-clarification.ts';
export { checkTimeliness, type Timeliness, type TimelinessFacts } from './check-timeliness.ts';
