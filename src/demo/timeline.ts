/**
 * Dates of one demo package, worked out backwards from where it should stand at the reference date:
 * publication, amendment, extension, closing and opening, result, contract, cancellation. Respects
 * the minimum periods of procurement-domain.md §3 (e.g. ≥ 18 days from publication to closing for
 * domestic open bidding, ≥ 35 international) and lands deadlines on working days.
 */
import type { Method } from '../procurement/codes.ts';
import {
  addDays,
  addMinutes,
  addWorkingDays,
  atVnClock,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
} from './calendar.ts';
import type { PackageDraft } from './drafts.ts';
import type { Rng } from './random.ts';

export interface Timeline {
  /** First publication (version 00). */
  publishedAt: Date;
  /** Closing time of version 00. */
  close0: Date;
  /** Amendment (version 01): publication and closing time. */
  amendment?: { publishedAt: Date; closeAt: Date };
  extension?: { publishedAt: Date; oldCloseAt: Date; newCloseAt: Date };
  /** Closing time in force (after amendment and extension). */
  closeAt: Date;
  /** Opening time in force: at closing online, 30 minutes later on paper. */
  openAt: Date;
  /** When the bid-opening record was made, if it exists at the reference date. */
  openedAt?: Date;
  result?: { decisionAt: Date; publishedAt: Date };
  contract?: { signedAt: Date; publishedAt: Date };
  cancellation?: { decisionAt: Date; publishedAt: Date };
}

const CLOSE_SLOTS: readonly (readonly [number, number])[] = [
  [8, 0],
  [8, 30],
  [9, 0],
  [9, 30],
  [10, 0],
  [14, 0],
  [14, 30],
  [15, 0],
];

/** Minimum calendar days from publication to closing used by the demo (procurement-domain.md §3). */
export function minimumDays(method: Method, domestic: boolean): number {
  switch (method) {
    case 'DTRR':
    case 'DTHC':
      return domestic ? 18 : 35;
    case 'CHCT':
      return 10;
    case 'CHCT_RG':
    case 'CGTT':
    case 'CGTT_RG':
    case 'CDT':
    case 'MSTT':
      return 5;
    default:
      return 3;
  }
}

/** Days from closing to the result decision, by method. */
function evaluationDays(p: PackageDraft): readonly [number, number] {
  if (!p.domestic) return [30, 55];
  if (p.method === 'DTRR' || p.method === 'DTHC') return [18, 40];
  if (p.method === 'CHCT' || p.method.startsWith('CGTT') || p.method === 'CHCT_RG') return [7, 18];
  return [3, 10];
}

/** Works out the dates of `p` relative to the reference date `ref`. */
export function planTimeline(rng: Rng, p: PackageDraft, ref: Date): Timeline {
  const gap = minimumDays(p.method, p.domestic) + 1 + rng.int(0, 6);
  const extendDays = p.events.includes('extend') ? rng.int(10, 14) : 0;
  const amendShift = p.events.includes('amend_close') ? rng.int(7, 10) : 0;
  const span = gap + extendDays + amendShift;
  const [evalMin, evalMax] = evaluationDays(p);
  const slot = rng.pick(CLOSE_SLOTS);
  const ahead = (daysAfterRef: number) =>
    onOrAfterWorkingDay(atVnClock(addDays(ref, daysAfterRef), slot[0], slot[1]));

  const past = (daysBeforeRef: number) =>
    onOrBeforeWorkingDay(atVnClock(addDays(ref, -daysBeforeRef), slot[0], slot[1]));
  let closeAt: Date;
  switch (p.state) {
    case 'open':
      closeAt = ahead(rng.int(3, Math.max(3, Math.min(26, span - 2))));
      break;
    case 'cancelled_early':
      closeAt = ahead(rng.int(3, Math.max(3, span - 8)));
      break;
    case 'closing':
      closeAt = ahead(1);
      break;
    case 'closed':
      closeAt = onOrBeforeWorkingDay(atVnClock(addDays(ref, -1), 14, 0));
      break;
    case 'opened':
      closeAt = past(rng.int(1, evalMin - 1));
      break;
    case 'cancelled_late':
      closeAt = past(rng.int(30, 70));
      break;
    case 'awarded':
      closeAt = past(rng.int(evalMax + 10, evalMax + 120));
      break;
    case 'contracted':
      closeAt = past(rng.int(evalMax + 35, evalMax + 150));
      break;
  }

  const t: Partial<Timeline> = { closeAt };
  let close1 = closeAt;
  if (extendDays > 0) {
    close1 = onOrBeforeWorkingDay(addDays(closeAt, -extendDays));
    const extAt = onOrBeforeWorkingDay(
      atVnClock(addDays(close1, -rng.int(2, 4)), rng.int(8, 16), rng.int(0, 59)),
    );
    t.extension = { publishedAt: extAt, oldCloseAt: close1, newCloseAt: closeAt };
  }
  let close0 = close1;
  if (amendShift > 0) close0 = onOrBeforeWorkingDay(addDays(close1, -amendShift));
  if (p.events.includes('amend_close') || p.events.includes('amend_price')) {
    const amendAt = onOrBeforeWorkingDay(
      atVnClock(addDays(close0, -rng.int(11, 13)), rng.int(8, 16), rng.int(0, 59)),
    );
    t.amendment = { publishedAt: amendAt, closeAt: close1 };
  }
  t.close0 = close0;
  let publishedAt = onOrBeforeWorkingDay(atVnClock(addDays(close0, -gap), rng.int(8, 17), rng.int(0, 59)));

  // Nothing may be published after the reference date. Publications are only ever moved earlier,
  // so the legal minimum periods can only grow, and their order is kept.
  const latest = onOrBeforeWorkingDay(atVnClock(addDays(ref, -1), 16, rng.int(0, 59)));
  const notAfter = (d: Date, limit: Date) =>
    d.getTime() <= limit.getTime()
      ? d
      : onOrBeforeWorkingDay(atVnClock(addDays(limit, -1), 15, d.getUTCMinutes()));
  if (t.extension) t.extension.publishedAt = notAfter(t.extension.publishedAt, latest);
  if (t.amendment) {
    const limit = t.extension ? addDays(t.extension.publishedAt, -1) : latest;
    t.amendment.publishedAt = notAfter(t.amendment.publishedAt, limit);
  }
  publishedAt = notAfter(publishedAt, t.amendment ? addDays(t.amendment.publishedAt, -1) : latest);
  t.publishedAt = publishedAt;
  t.openAt = p.online ? closeAt : addMinutes(closeAt, 30);

  const opened = ['opened', 'awarded', 'contracted', 'cancelled_late'].includes(p.state);
  if (opened && !['CDT_RG', 'TTH', 'TVCN'].includes(p.method)) {
    t.openedAt = addMinutes(t.openAt, p.online ? rng.int(1, 40) : rng.int(0, 15));
  }
  if (p.state === 'awarded' || p.state === 'contracted') {
    const decisionAt = onOrAfterWorkingDay(atVnClock(addDays(closeAt, rng.int(evalMin, evalMax)), 16, 0));
    const published = atVnClock(addWorkingDays(decisionAt, rng.int(1, 4)), rng.int(8, 17), rng.int(0, 59));
    t.result = { decisionAt, publishedAt: published };
    if (p.state === 'contracted') {
      const signedAt = atVnClock(addWorkingDays(published, rng.int(4, 12)), 9, 0);
      t.contract = {
        signedAt,
        publishedAt: atVnClock(addWorkingDays(signedAt, rng.int(1, 5)), rng.int(8, 17), rng.int(0, 59)),
      };
    }
  }
  if (p.state === 'cancelled_early') {
    const decisionAt = onOrBeforeWorkingDay(atVnClock(addDays(ref, -rng.int(3, 5)), 16, 0));
    const floor = addDays(publishedAt, 2);
    const d =
      decisionAt.getTime() > floor.getTime() ? decisionAt : onOrAfterWorkingDay(atVnClock(floor, 16, 0));
    t.cancellation = {
      decisionAt: d,
      publishedAt: atVnClock(addWorkingDays(d, 1), rng.int(8, 11), rng.int(0, 59)),
    };
  }
  if (p.state === 'cancelled_late') {
    const decisionAt = onOrAfterWorkingDay(atVnClock(addDays(closeAt, rng.int(12, 22)), 16, 0));
    t.cancellation = {
      decisionAt,
      publishedAt: atVnClock(addWorkingDays(decisionAt, rng.int(1, 4)), rng.int(8, 17), rng.int(0, 59)),
    };
  }
  return t as Timeline;
}
