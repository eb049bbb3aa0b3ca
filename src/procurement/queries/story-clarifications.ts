/**
 * The clarifications of one notice's bidding documents (`tbmt_clarification`, published on
 * minhbach), oldest first, each with the law flags recorded when it was published.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { ClarificationView } from './story-types.ts';

/** The clarifications of notice `tbmtId` (days as `YYYY-MM-DD`, instants UTC). */
export async function loadClarifications(db: Kysely<DB>, tbmtId: number): Promise<ClarificationView[]> {
  const rows = await db
    .selectFrom('tbmt_clarification')
    .select([
      'id',
      'seq',
      'question',
      'answer',
      'answered_at',
      'document_no',
      'draft_id',
      sql<string>`to_char(request_received_on, 'YYYY-MM-DD')`.as('received'),
      sql<string | null>`to_char(document_date, 'YYYY-MM-DD')`.as('document_day'),
    ])
    .where('tbmt_id', '=', tbmtId)
    .orderBy('seq')
    .execute();
  if (rows.length === 0) return [];
  const draftIds = rows.map((r) => r.draft_id).filter((d): d is number => d !== null);
  const checks =
    draftIds.length === 0
      ? []
      : await db
          .selectFrom('publication_check')
          .select(['draft_id', 'rule_id', 'citation', 'message_vi', 'short_by'])
          .where('draft_id', 'in', draftIds)
          .orderBy('id')
          .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    question: r.question,
    requestReceivedOn: r.received,
    answer: r.answer,
    answeredAt: new Date(r.answered_at as unknown as string),
    documentNo: r.document_no,
    documentDate: r.document_day,
    flags: checks
      .filter((c) => Number(c.draft_id) === Number(r.draft_id))
      .map((c) => ({
        ruleId: c.rule_id,
        citation: c.citation,
        messageVi: c.message_vi,
        shortBy: c.short_by === null ? null : Number(c.short_by),
      })),
  }));
}
