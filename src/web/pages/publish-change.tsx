/**
 * The change forms of a published notice (Vietnamese, no JavaScript needed): extension (gia hạn),
 * cancellation (hủy thầu), bid-opening record (biên bản mở thầu), result (kết quả lựa chọn nhà thầu)
 * and contract (thông tin hợp đồng), with the field errors (and an error summary) and the law findings
 * next to the form, and the buttons "Lưu bản nháp" and "Đăng tải". A kind without a form (made through
 * the API) is shown read-only.
 */
import type { Finding } from '../../compliance/law/index.ts';
import type { Draft } from '../../publishing/drafts.ts';
import { KIND_VI } from '../../publishing/schemas.ts';
import { DATE_HINT, LABELS, RESULT_ROWS, ROW_LABELS } from '../routes/publish-form.ts';
import { CsrfField, ErrorSummary, Field, SelectField, type FormErrors } from './account-forms.tsx';
import { Heading, Time } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { FindingsList } from './publish-checks.tsx';
import { DateTimeField } from './publish-fields.tsx';
import { OpeningFields } from './publish-opening.tsx';

const P = 'dt';

/** Fields of the change forms by kind: [name, input type]. */
export const CHANGE_FIELDS: Record<
  'extension' | 'cancellation' | 'contract',
  [string, 'datetime' | 'date' | 'text' | 'money'][]
> = {
  extension: [
    ['newCloseAt', 'datetime'],
    ['newOpenAt', 'datetime'],
    ['reason', 'text'],
  ],
  cancellation: [
    ['reason', 'text'],
    ['decisionNo', 'text'],
    ['decisionDate', 'date'],
    ['decisionAgency', 'text'],
  ],
  contract: [
    ['contractNo', 'text'],
    ['supplierName', 'text'],
    ['supplierTaxCode', 'text'],
    ['lotNo', 'text'],
    ['valueVnd', 'money'],
    ['signedAt', 'datetime'],
    ['effectiveAt', 'datetime'],
    ['period', 'text'],
  ],
};

/** What a change page shows: a form (extension, cancellation) or, for API-only kinds, the payload. */
export interface ChangeView {
  ctx: PageContext;
  csrf: string;
  kind: Draft['kind'];
  notifyNo: string;
  action: string;
  publishAction?: string;
  draft?: Draft;
  values: Record<string, string>;
  errors: FormErrors;
  findings: Finding[];
  /** For an extension: the closing and opening times in force now (UTC; shown in Vietnam time). */
  inForce?: { bidCloseAt: Date | null; bidOpenAt: Date | null } | undefined;
}

/** A change of a published notice: extension, cancellation, opening, result or contract form. */
export function ChangeFormPage(v: ChangeView) {
  const title = `${KIND_VI[v.kind]} — ${v.notifyNo}`;
  const fields = CHANGE_FIELDS[v.kind as keyof typeof CHANGE_FIELDS];
  const published = v.draft?.status === 'published';
  return (
    <Layout ctx={v.ctx} title={title}>
      <Heading level={1} vi={title} />
      <p>
        Thông báo mời thầu <a href={`/tbmt/${v.notifyNo}`}>{v.notifyNo}</a> đã đăng tải công khai.{' '}
        {published ? (
          <>
            {KIND_VI[v.kind]} này đã đăng tải ({v.draft!.publishedRef}), không được sửa.
          </>
        ) : (
          <>
            {KIND_VI[v.kind]} dưới đây là bản nháp, chưa công khai: chỉ công khai khi bấm “Đăng tải (công
            khai)”.
          </>
        )}
      </p>
      {v.inForce ? (
        <p>
          Thời điểm đóng thầu đang có hiệu lực: <Time at={v.inForce.bidCloseAt} />; thời điểm mở thầu:{' '}
          <Time at={v.inForce.bidOpenAt} /> (giờ Việt Nam).
        </p>
      ) : null}
      <ErrorSummary errors={v.errors} idPrefix={P} />
      <FindingsList findings={v.findings} />
      <form method="post" action={v.action} novalidate>
        <CsrfField token={v.csrf} />
        {v.kind === 'result' ? (
          <ResultFields values={v.values} errors={v.errors} />
        ) : v.kind === 'opening' ? (
          <OpeningFields values={v.values} errors={v.errors} />
        ) : fields ? (
          fields.map(([name, type]) =>
            type === 'datetime' ? (
              <DateTimeField name={name} value={v.values[name]} errors={v.errors} />
            ) : (
              <Field
                idPrefix={P}
                name={name}
                label={LABELS[name] ?? name}
                hint={type === 'date' ? DATE_HINT : type === 'money' ? 'Ví dụ 14.500.000.000' : undefined}
                value={v.values[name]}
                errors={v.errors}
                maxLength={2000}
              />
            ),
          )
        ) : (
          <pre class="payload">{JSON.stringify(v.draft?.payload ?? {}, null, 2)}</pre>
        )}
        {published ? null : (
          <p class="actions">
            {fields || v.kind === 'result' || v.kind === 'opening' ? (
              <button type="submit">Lưu bản nháp</button>
            ) : null}{' '}
            {v.publishAction ? (
              <button type="submit" formaction={v.publishAction}>
                Đăng tải (công khai)
              </button>
            ) : null}
          </p>
        )}
      </form>
    </Layout>
  );
}

/** The result form's decision fields and one row per bidder (empty rows are ignored). */
function ResultFields({ values, errors }: { values: Record<string, string>; errors: FormErrors }) {
  return (
    <>
      <Field
        idPrefix={P}
        name="decisionNo"
        label={LABELS.decisionNo}
        value={values.decisionNo}
        errors={errors}
      />
      <Field
        idPrefix={P}
        name="decisionDate"
        label={LABELS.decisionDate}
        hint={DATE_HINT}
        value={values.decisionDate}
        errors={errors}
      />
      <Field
        idPrefix={P}
        name="decisionAgency"
        label={LABELS.decisionAgency}
        value={values.decisionAgency}
        errors={errors}
      />
      <fieldset>
        <legend>Nhà thầu tham dự và kết quả (dòng để trống được bỏ qua)</legend>
        {Array.from({ length: RESULT_ROWS }, (_, i) => (
          <fieldset class="bidder-row">
            <legend>Nhà thầu dòng {i + 1}</legend>
            {(['name', 'taxCode', 'bidPriceVnd', 'winningPriceVnd', 'reason'] as const).map((f) => (
              <Field
                idPrefix={P}
                name={`b${i}_${f}`}
                label={ROW_LABELS[f]}
                value={values[`b${i}_${f}`]}
                errors={errors}
                maxLength={2000}
              />
            ))}
            <SelectField
              idPrefix={P}
              name={`b${i}_isWinner`}
              label={ROW_LABELS.isWinner}
              options={[
                ['false', 'Không trúng thầu'],
                ['true', 'Trúng thầu'],
              ]}
              value={values[`b${i}_isWinner`]}
              errors={errors}
            />
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}
