/**
 * The clarification form (`/dang-tai/tbmt/{no}/lam-ro`): the question a bidder asked (without the
 * bidder's name), the day the request was received, the answer and the optional clarification letter.
 * Errors are listed on top (linking to their fields) and next to each field; law findings (with the
 * article) below. No JavaScript needed.
 */
import { formatVnDate } from '../../calendar/dates.ts';
import type { ClarificationDeadlines, Finding } from '../../compliance/law/index.ts';
import { CsrfField, ErrorSummary, Field, type FormErrors } from './account-forms.tsx';
import { FieldError, Heading, Time } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

const P = 'lr';

/** Vietnamese labels of the form's fields. */
export const CLARIFICATION_LABELS: Record<string, string> = {
  question: 'Nội dung đề nghị làm rõ (câu hỏi, không ghi tên nhà thầu)',
  requestReceivedDate: 'Ngày nhận đề nghị làm rõ',
  answer: 'Nội dung trả lời làm rõ',
  documentNo: 'Số văn bản làm rõ (nếu có)',
  documentDate: 'Ngày văn bản làm rõ (nếu có)',
};

/** What the page shows. */
export interface ClarificationFormView {
  ctx: PageContext;
  csrf: string;
  notifyNo: string;
  name: string;
  closeAt: Date | null;
  /** Last lawful days, from the law rows of the notice's regime. */
  deadlines: ClarificationDeadlines;
  values: Record<string, string>;
  errors: FormErrors;
  findings: Finding[];
}

function TextArea({ name, value, errors }: { name: string; value?: string; errors: FormErrors }) {
  const id = `${P}-${name}`;
  const error = errors[name];
  return (
    <div class="field wide">
      <label for={id}>{CLARIFICATION_LABELS[name]}</label>
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        name={name}
        rows={6}
        maxLength={10000}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-loi` : undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

function DateField({ name, value, errors }: { name: string; value?: string; errors: FormErrors }) {
  const id = `${P}-${name}`;
  const error = errors[name];
  return (
    <div class="field">
      <label for={id}>{CLARIFICATION_LABELS[name]}</label>
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={name}
        type="date"
        value={value}
        required={name === 'requestReceivedDate'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-loi` : undefined}
      />
    </div>
  );
}

/** The page of the form, with the notice it concerns. */
export function ClarificationFormPage(v: ClarificationFormView) {
  return (
    <Layout ctx={v.ctx} title={`Làm rõ hồ sơ mời thầu — ${v.notifyNo}`}>
      <Heading level={1} vi="Làm rõ hồ sơ mời thầu" en="Clarification of the bidding documents" />
      <p>
        Thông báo <a href={`/tbmt/${v.notifyNo}`}>{v.notifyNo}</a> — {v.name}. Đóng thầu:{' '}
        <Time at={v.closeAt} />.
      </p>
      <ul class="plain">
        {v.deadlines.requestBy ? (
          <li>
            Đề nghị làm rõ của nhà thầu phải đến bên mời thầu chậm nhất ngày{' '}
            <strong>{formatVnDate(v.deadlines.requestBy)}</strong> (đến muộn hơn vẫn được trả lời, có ghi
            nhận).
          </li>
        ) : null}
        {v.deadlines.answerBy ? (
          <li>
            Nội dung trả lời đăng tải chậm nhất ngày <strong>{formatVnDate(v.deadlines.answerBy)}</strong>{' '}
            (đăng muộn hơn vẫn được, có ghi nhận; nên gia hạn thời điểm đóng thầu).
          </li>
        ) : null}
        <li>
          Sau thời điểm đóng thầu không thể đăng làm rõ. Nội dung làm rõ được công bố công khai, không ghi tên
          nhà thầu.
        </li>
      </ul>
      <ErrorSummary errors={v.errors} idPrefix={P} />
      {v.findings.length > 0 ? (
        <div class="cancel-banner" role="alert">
          <p class="banner-title">Vi phạm quy định về đấu thầu</p>
          <ul class="plain">
            {v.findings.map((f) => (
              <li>
                <strong>{f.effect === 'block' ? 'Không được đăng' : 'Cảnh báo'}:</strong> {f.messageVi}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/dang-tai/tbmt/${v.notifyNo}/lam-ro`} novalidate>
        <CsrfField token={v.csrf} />
        <TextArea name="question" value={v.values.question} errors={v.errors} />
        <DateField name="requestReceivedDate" value={v.values.requestReceivedDate} errors={v.errors} />
        <TextArea name="answer" value={v.values.answer} errors={v.errors} />
        <Field
          idPrefix={P}
          name="documentNo"
          label={CLARIFICATION_LABELS.documentNo}
          value={v.values.documentNo}
          errors={v.errors}
          maxLength={200}
        />
        <DateField name="documentDate" value={v.values.documentDate} errors={v.errors} />
        <p>
          <button type="submit">Đăng tải làm rõ</button>
        </p>
      </form>
    </Layout>
  );
}
