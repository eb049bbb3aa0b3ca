/**
 * Clarifications of the bidding documents (làm rõ HSMT) as OCDS 1.1.5 releases: one `tenderUpdate`
 * per published clarification. The enquiries extension (`tender.enquiries`) is not among the
 * extensions the portal pins (bid, bidOpening, lots), so the question and answer travel in core
 * OCDS: a `tender.documents` entry of `documentType` `clarifications` ("replies to issues raised in
 * pre-bid conferences or a question and answer process"), whose `description` holds the question
 * (with the day it was received) and the answer. The bidder who asked is never named.
 */
import type { TbmtStory } from '../../procurement/queries/story-types.ts';
import type { DraftRelease } from './draft.ts';
import { iso } from './json.ts';

const vnDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The `tenderUpdate` release of each clarification of `story`, oldest first. */
export function clarificationReleases(story: TbmtStory): DraftRelease[] {
  return (story.clarifications ?? []).map((c) => {
    const n = String(c.seq).padStart(2, '0');
    const letter = c.documentNo
      ? ` Văn bản làm rõ số ${c.documentNo}${c.documentDate ? ` ngày ${vnDay(c.documentDate)}` : ''}.`
      : '';
    return {
      key: `clarification-${story.notifyNo}-${n}`,
      date: c.answeredAt,
      tag: ['tenderUpdate'],
      roles: [],
      body: {
        tender: {
          id: story.notifyNo,
          documents: [
            {
              id: `${story.notifyNo}-lam-ro-${n}`,
              documentType: 'clarifications',
              title: `Làm rõ hồ sơ mời thầu số ${c.seq} (clarification ${c.seq})`,
              description: `Câu hỏi (nhận ngày ${vnDay(c.requestReceivedOn)}): ${c.question}\n\nTrả lời: ${c.answer}${letter}`,
              datePublished: iso(c.answeredAt),
              language: 'vi',
            },
          ],
        },
      },
    };
  });
}
