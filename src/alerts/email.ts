/** E-mail addresses as typed into the subscribe form. */

/**
 * The address syntax browsers accept for `<input type="email">` (WHATWG HTML, "valid e-mail address"),
 * with a dot required in the domain: what a public form can check without sending mail.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Longest address accepted (RFC 5321 §4.5.3.1.3: a path of 256 octets, minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The address trimmed and lower-cased, or `null` when it is not a valid address (empty, too long,
 * no domain with a dot, spaces, quotes, non-ASCII characters).
 */
export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim().toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) return null;
  return email;
}
