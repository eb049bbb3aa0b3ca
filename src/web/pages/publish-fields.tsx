/**
 * Form pieces shared by the publishing pages: a `datetime-local` field read as Vietnam time, and the
 * repeatable rows of the notice form — lots (phần/lô) and locations (địa điểm) — that work without
 * JavaScript: the filled rows, then spare empty rows, and a "Thêm dòng" button that saves the draft and
 * shows more empty rows. Empty rows are ignored.
 */
import { LABELS } from '../routes/publish-form.ts';
import { ROW_GROUPS, rowCount, type RowGroup } from '../routes/publish-notice-form.ts';
import { Field, type FormErrors } from './account-forms.tsx';
import { FieldError } from './components.tsx';

const P = 'dt';

/** A labelled `datetime-local` input (Vietnam time), with its error. */
export function DateTimeField({ name, value, errors }: { name: string; value?: string; errors: FormErrors }) {
  const id = `${P}-${name}`;
  const error = errors[name];
  return (
    <div class="field wide">
      <label for={id}>{LABELS[name]}</label>
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={name}
        type="datetime-local"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-loi` : undefined}
      />
    </div>
  );
}

/**
 * The rows of `group` (`lots` or `locations`): one fieldset per row ("Phần (lô) dòng 2"), inputs named
 * `lot1_name`…; `extra` more empty rows when the person asked for them ("Thêm dòng").
 */
export function RowsFieldset({
  group,
  values,
  errors,
  extra = 0,
  addButton,
}: {
  group: RowGroup;
  values: Record<string, string>;
  errors: FormErrors;
  extra?: number | undefined;
  /** Show the "Thêm dòng" submit button (only where the form can be saved). */
  addButton: boolean;
}) {
  const g = ROW_GROUPS[group];
  const n = rowCount(values, group, extra);
  return (
    <fieldset id={`${P}-${group}`}>
      <legend>{g.legend}</legend>
      <p class="muted">{g.hint}</p>
      {Array.from({ length: n }, (_, i) => (
        <fieldset class="bidder-row">
          <legend>
            {g.rowVi} dòng {i + 1}
          </legend>
          {g.fields.map((f) => (
            <Field
              idPrefix={P}
              name={`${g.prefix}${i}_${f}`}
              label={g.labels[f]}
              value={values[`${g.prefix}${i}_${f}`]}
              errors={errors}
              maxLength={1000}
            />
          ))}
        </fieldset>
      ))}
      {addButton ? (
        <p>
          <button type="submit" name="_addRows" value={group}>
            {g.addVi}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}
