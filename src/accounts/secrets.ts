/**
 * Passwords and bearer secrets. Passwords: argon2id (`@node-rs/argon2`, its defaults — 19 MiB,
 * 2 passes, as OWASP's password storage cheat sheet recommends) over the NFC form of the password.
 * Session and API tokens: 32 random bytes (256 bits) in base64url; only their SHA-256 is stored, so a
 * copy of the database does not let anyone sign in.
 */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AccountError } from './errors.ts';

/** Shortest password accepted (NIST SP 800-63B §3.1.1.2 asks at least 8; we ask 12 for officials). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (long enough for any passphrase; bounds the hashing work). */
export const MAX_PASSWORD_LENGTH = 256;

/** Passwords refused whatever their length: the most common ones and the portal's own words. */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  'password1234',
  'matkhau12345',
  'matkhau123456',
  'qwertyuiop12',
  'abc123456789',
  'minhbach1234',
  'admin1234567',
  'administrator',
  'muasamcong123',
]);

/**
 * Checks the rules of passwords: 12–256 characters (after NFC normalisation), not only one repeated
 * character, not a well-known password, not containing the e-mail's name part (when 4+ characters).
 * No composition rules (NIST SP 800-63B §3.1.1.2 advises against them).
 * @throws AccountError (`weak-password`, field `password`) saying which rule is broken, in both languages.
 */
export function checkPasswordRules(password: string, email?: string): void {
  const p = password.normalize('NFC');
  const length = [...p].length;
  const weak = (en: string, vi: string) => new AccountError('weak-password', 'password', en, vi);
  if (length < MIN_PASSWORD_LENGTH) {
    throw weak(
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${length}).`,
      `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự (mật khẩu đã nhập có ${length}).`,
    );
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw weak(
      `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`,
      `Mật khẩu không được dài quá ${MAX_PASSWORD_LENGTH} ký tự.`,
    );
  }
  if (new Set(p).size === 1) {
    throw weak(
      'The password must not repeat a single character.',
      'Mật khẩu không được chỉ lặp lại một ký tự.',
    );
  }
  const lower = p.toLowerCase();
  if (COMMON.has(lower)) {
    throw weak(
      'This password is too well known; choose another.',
      'Mật khẩu này quá phổ biến; hãy chọn mật khẩu khác.',
    );
  }
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) {
    throw weak(
      'The password must not contain the e-mail address.',
      'Mật khẩu không được chứa địa chỉ thư điện tử.',
    );
  }
}

/** The argon2id hash (PHC string) of `password` (NFC). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'));
}

/** A valid hash of no one's password, verified against for unknown e-mails so timing does not tell. */
let dummyHash: Promise<string> | null = null;

/**
 * True when `password` matches `passwordHash`. With `passwordHash` null (unknown e-mail) a dummy hash
 * is checked so the answer takes the same time, and false is returned. Never throws on a malformed hash.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const p = password.normalize('NFC');
  if (passwordHash === null) {
    dummyHash ??= hash(crypto.randomBytes(24).toString('base64'));
    await verify(await dummyHash, p).catch(() => false);
    return false;
  }
  return verify(passwordHash, p).catch(() => false);
}

/** A new random secret: 32 bytes in base64url (43 characters), with `prefix` before it. */
export function newSecret(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a token: what is stored and looked up. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}
