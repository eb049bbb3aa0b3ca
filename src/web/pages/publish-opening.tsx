/**
 * The bid-opening record form's fields (biên bản mở thầu, Law 22/2023 Art. 8): the actual opening
 * instant and one fieldset per bidder — name, tax code, bid price, discount, price after discount, bid
 * security, bid validity. Empty rows are ignored. No JavaScript needed.
 */
import { LABELS, ROW_LABELS } from '../routes/publish-form.ts';
import { OPENING_BIDDER_FIELDS, OPENING_ROWS } from '../routes/publish-opening.ts';
import { Field, type FormErrors } from './account-forms.tsx';
import { FieldError } from './components.tsx';

const P = 'dt';

/** The opening form's fields; `values`/`errors` by form name (`openedAt`, `b0_name`…). */
export function OpeningFields({ values, errors }: { values: Record<string, string>; errors: FormErrors }) {
  const id = `${P}-openedAt`;
  const error = errors.openedAt;
  return (
    <>
      <div class="field wide">
        <label for={id}>{LABELS.openedAt}</label>
        <FieldError id={id} error={error} />
        <input
          id={id}
          name="openedAt"
          type="datetime-local"
          value={values.openedAt}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-loi` : undefined}
        />
      </div>
      <fieldset>
        <legend>Nhà thầu nộp hồ sơ dự thầu (dòng để trống được bỏ qua)</legend>
        {Array.from({ length: OPENING_ROWS }, (_, i) => (
          <fieldset class="bidder-row">
            <legend>Nhà thầu dòng {i + 1}</legend>
            {OPENING_BIDDER_FIELDS.map((f) => (
              <Field
                idPrefix={P}
                name={`b${i}_${f}`}
                label={ROW_LABELS[f]!}
                value={values[`b${i}_${f}`]}
                errors={errors}
                maxLength={500}
              />
            ))}
          </fieldset>
        ))}
      </fieldset>
    </>
  );
}
