/**
 * "Làm rõ hồ sơ mời thầu" on `/tbmt/{no}`: every published clarification — the question (never the
 * bidder's name), the day the request was received, the answer with its publication time (VN time) —
 * and the law flags recorded with it (request received late, answer published late), with how many
 * working days and the article. Shown only when the notice has clarifications.
 */
import { formatVnDate } from '../../../calendar/dates.ts';
import type { TbmtStory } from '../../../procurement/queries/story-types.ts';
import { Heading, Time } from '../components.tsx';

/** The clarifications section of `story` (nothing when there is none). */
export function ClarificationsSection({ story }: { story: TbmtStory }) {
  const list = story.clarifications ?? [];
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="lam-ro">
      <Heading id="lam-ro" vi="Làm rõ hồ sơ mời thầu" en="Clarifications" />
      <p class="muted">
        {list.length} nội dung làm rõ, cũ nhất trước. Tên nhà thầu đề nghị làm rõ không được công bố.
      </p>
      {list.map((c) => (
        <article class="clarification" id={`lam-ro-${c.seq}`} aria-labelledby={`lam-ro-${c.seq}-tieu-de`}>
          <Heading level={3} id={`lam-ro-${c.seq}-tieu-de`} vi={`Làm rõ số ${c.seq}`} />
          <dl class="facts">
            <div>
              <dt>Ngày nhận đề nghị làm rõ</dt>
              <dd>{formatVnDate(c.requestReceivedOn)}</dd>
            </div>
            <div>
              <dt>Đăng trả lời lúc</dt>
              <dd>
                <Time at={c.answeredAt} />
              </dd>
            </div>
            {c.documentNo ? (
              <div>
                <dt>Văn bản làm rõ</dt>
                <dd>
                  Số {c.documentNo}
                  {c.documentDate ? `, ngày ${formatVnDate(c.documentDate)}` : ''}
                </dd>
              </div>
            ) : null}
          </dl>
          <p class="multiline">
            <strong>Câu hỏi:</strong> {c.question}
          </p>
          <p class="multiline">
            <strong>Trả lời:</strong> {c.answer}
          </p>
          {c.flags.length > 0 ? (
            <ul class="flags" aria-label="Cảnh báo theo quy định">
              {c.flags.map((f) => (
                <li class="flag">
                  <strong>{f.ruleId.includes('request') ? 'Đề nghị làm rõ muộn' : 'Trả lời muộn'}:</strong>{' '}
                  {f.messageVi}
                </li>
              ))}
            </ul>
          ) : null}
        </article>
      ))}
    </section>
  );
}
