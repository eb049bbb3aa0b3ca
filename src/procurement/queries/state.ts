/**
 * The public state of a notice at a moment. The search index (`tbmt_search.state`) stores the stage
 * reached by the records (`published`, `opened`, `awarded`, `cancelled`); a published notice becomes
 * `closed` by the passing of time alone, without any write, so reads decide open vs closed with the
 * clock.
 */
import { NOTICE_STATES, type NoticeState } from '../codes.ts';

/**
 * State of a notice at `now` from the stored stage and the closing time in force: `published` (or
 * `open`, or any value that is not a public state) is `open` until the closing time (UTC) and
 * `closed` from it on; the other states are kept.
 */
export function effectiveState(stored: string | null, bidCloseAt: Date | null, now: Date): NoticeState {
  const known = NOTICE_STATES.find((s) => s.value === stored)?.value;
  if (known && known !== 'open') return known;
  return bidCloseAt !== null && bidCloseAt.getTime() <= now.getTime() ? 'closed' : 'open';
}

/** The facts a state is derived from when the search index has no row for the notice. */
export interface StateFacts {
  cancelled: boolean;
  hasResult: boolean;
  hasOpening: boolean;
  bidCloseAt: Date | null;
}

/**
 * State of a notice from its records: cancelled → awarded (a result exists) → opened (a bid-opening
 * record exists) → closed (closing time passed) → open.
 */
export function deriveState(facts: StateFacts, now: Date): NoticeState {
  if (facts.cancelled) return 'cancelled';
  if (facts.hasResult) return 'awarded';
  if (facts.hasOpening) return 'opened';
  return effectiveState('open', facts.bidCloseAt, now);
}
