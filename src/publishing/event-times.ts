/**
 * Times a publication reports must have happened: a bid opening after the bid closing and not in the
 * future; a decision (result, cancellation) and a contract signature not in the future. Checked at
 * publication against the notice as it stands, so the public record never shows an impossible story.
 */
import { vnDateOf } from '../calendar/dates.ts';
import type { NoticeState } from './notice-state.ts';
import { clarificationTimeErrors } from './clarification.ts';
import type { FieldError, PublicationKind } from './schemas.ts';

/**
 * Errors (JSON pointer + Vietnamese/English message) for event times of `payload` that are in the
 * future at `now` (UTC), or, for a bid opening, before the notice's current closing.
 */
export function eventTimeErrors(
  kind: PublicationKind,
  payload: Record<string, unknown>,
  state: NoticeState | null,
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (key: string): Date | null => {
    const v = payload[key];
    const d = typeof v === 'string' ? new Date(v) : null;
    return d && !Number.isNaN(d.getTime()) ? d : null;
  };
  const future = (path: string, vi: string, en: string) =>
    errors.push({ path, messageVi: `${vi} chưa diễn ra (ở tương lai)`, messageEn: `${en} is in the future` });
  if (kind === 'opening') {
    const opened = at('openedAt');
    if (opened && opened.getTime() > now.getTime())
      future('/openedAt', 'thời điểm mở thầu', 'the opening time');
    else if (opened && state?.bidCloseAt && opened.getTime() < state.bidCloseAt.getTime()) {
      errors.push({
        path: '/openedAt',
        messageVi: 'thời điểm mở thầu trước thời điểm đóng thầu của thông báo',
        messageEn: "the opening time is before the notice's bid closing",
      });
    }
  }
  if ((kind === 'result' || kind === 'cancellation') && typeof payload.decisionDate === 'string') {
    if (payload.decisionDate > vnDateOf(now)) future('/decisionDate', 'ngày quyết định', 'the decision date');
  }
  if (kind === 'contract') {
    const signed = at('signedAt');
    if (signed && signed.getTime() > now.getTime())
      future('/signedAt', 'ngày ký hợp đồng', 'the signing date');
  }
  if (kind === 'clarification') errors.push(...clarificationTimeErrors(payload, state, now));
  return errors;
}
