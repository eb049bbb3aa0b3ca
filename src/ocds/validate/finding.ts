/**
 * One result of validating OCDS data: a stable `code` (listed in `docs/ocds-validate.md`), a
 * severity (`error` makes the data invalid; `warning` and `notice` do not), a message naming the
 * problem in English, and the JSON pointer (RFC 6901) of the value concerned inside its document.
 */
export interface OcdsFinding {
  code: string;
  severity: 'error' | 'warning' | 'notice';
  message: string;
  pointer: string;
}
