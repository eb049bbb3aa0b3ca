/**
 * OCDS merging: compiled and versioned releases, with rules derived from a (patched) release schema.
 * Pure: no I/O. See docs/ocds-merge.md.
 */
export {
  compileRelease,
  versionRelease,
  type CompiledRelease,
  type MergeResult,
  type VersionedRelease,
} from './compile.ts';
export {
  deriveMergeRules,
  describeMergeRules,
  type MergeRuleOverrides,
  type MergeRules,
  type RuleNode,
} from './rules.ts';
export {
  MergeError,
  MERGE_ERROR_CODES,
  MERGE_WARNING_CODES,
  type MergeErrorCode,
  type MergeWarning,
  type MergeWarningCode,
} from './errors.ts';
export { parseInstant } from './order.ts';
export type { VersionedValue } from './engine.ts';
