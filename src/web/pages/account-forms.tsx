/** Form pieces shared by the account and administration pages: fields with labels, errors, the CSRF field. */
import type { ComponentChildren } from 'preact';
import { FieldError } from './components.tsx';

/** Errors of a submitted form: field name → Vietnamese message (`_form` for the whole form). */
export type FormErrors = Record<string, string>;

/** The hidden synchroniser token every state-changing form carries (see src/web/auth/csrf.ts). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The list of a form's errors, announced to screen readers, each linking to its field. */
export function ErrorSummary({ errors, idPrefix }: { errors: FormErrors; idPrefix: string }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="cancel-banner" role="alert" id={`${idPrefix}-loi`}>
      <p class="banner-title">Chưa thực hiện được</p>
      <ul class="plain">
        {entries.map(([field, message]) => (
          <li>{field === '_form' ? message : <a href={`#${idPrefix}-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled input; marked invalid (with its message) when `errors` has its name. */
export function Field({
  idPrefix,
  name,
  label,
  hint,
  type = 'text',
  value,
  errors,
  required = false,
  autocomplete,
  maxLength = 300,
}: {
  idPrefix: string;
  name: string;
  label: ComponentChildren;
  hint?: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  errors: FormErrors;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
}) {
  const id = `${idPrefix}-${name}`;
  const error = errors[name];
  const described = [hint ? `${id}-goi-y` : '', error ? `${id}-loi` : ''].filter(Boolean).join(' ');
  return (
    <div class="field wide">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="muted" id={`${id}-goi-y`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={name}
        type={type as 'text'}
        value={type === 'password' ? undefined : value}
        required={required}
        autocomplete={autocomplete}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** A labelled select of `options` ([value, label]); an empty first option when `empty` is given. */
export function SelectField({
  idPrefix,
  name,
  label,
  options,
  value,
  errors,
  empty,
}: {
  idPrefix: string;
  name: string;
  label: ComponentChildren;
  options: readonly (readonly [string, string])[];
  value?: string;
  errors: FormErrors;
  empty?: string;
}) {
  const id = `${idPrefix}-${name}`;
  const error = errors[name];
  return (
    <div class="field wide">
      <label for={id}>{label}</label>
      <FieldError id={id} error={error} />
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-loi` : undefined}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
