/**
 * Errors of the accounts domain. The domain knows nothing of HTTP: the web layer maps `code` to a
 * status (see `src/web/auth/errors.ts`) and the CLI prints the message.
 */

/** Stable codes of accounts-domain errors. */
export type AccountErrorCode =
  | 'invalid-input' // a field is missing or malformed (names the field)
  | 'not-found' // the account, agency or token named does not exist
  | 'conflict' // e.g. an e-mail already used
  | 'weak-password'; // the password breaks a rule of passwords.ts

/**
 * A refused accounts operation, with the field it concerns and messages in both languages. Nothing
 * was written when it is thrown (the caller's transaction rolls back).
 */
export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    /** Form field / CSV column / CLI option the error is about, e.g. `email`, `parent_code`. */
    readonly field: string | null,
    /** English. */
    message: string,
    /** Vietnamese, for pages. */
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/** `invalid-input` error about `field`. */
export function invalidField(field: string, en: string, vi: string): AccountError {
  return new AccountError('invalid-input', field, en, vi);
}
