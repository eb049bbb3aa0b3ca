/**
 * Accounts (people who sign in) and their roles: creating, listing, changing a password, disabling.
 * Every write is audited in the caller's transaction; no password or hash ever reaches the audit log.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import { nfc } from '../text/normalize.ts';
import { getAgency } from './agencies.ts';
import { audit, type Tx } from './audit.ts';
import { AccountError, invalidField } from './errors.ts';
import { checkPasswordRules, hashPassword, verifyPassword } from './secrets.ts';

/** The roles, their labels; one list (the database CHECK of `account.role` holds the same codes). */
export const ROLES = [
  { code: 'admin', vi: 'Quản trị viên', en: 'Administrator' },
  { code: 'publisher', vi: 'Người đăng tải của đơn vị', en: 'Publisher of an agency' },
  { code: 'monitor', vi: 'Giám sát (chỉ xem)', en: 'Monitor (read only)' },
] as const;

/** `admin` manages agencies, accounts and tokens; `publisher` publishes for its agency and sub-units; `monitor` reads everything and writes nothing. */
export type Role = (typeof ROLES)[number]['code'];

/** True when `value` is a role code. */
export function isRole(value: unknown): value is Role {
  return ROLES.some((r) => r.code === value);
}

/** Vietnamese label of a role. */
export function roleLabel(role: string): string {
  return ROLES.find((r) => r.code === role)?.vi ?? role;
}

/** An account as the app sees it (never the hash). */
export interface Account {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  /** The agency of a publisher; null for admin and monitor. */
  agencyCode: string | null;
  disabled: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

/** What an administrator gives to create an account. */
export interface NewAccount {
  email: string;
  displayName?: string | null;
  role: string;
  agencyCode?: string | null;
  password: string;
}

const EMAIL = /^[^\s@<>"']{1,64}@[^\s@<>"']+\.[^\s@<>"']+$/;

/**
 * The sign-in name of an e-mail as typed: NFC, trimmed, lower case.
 * @throws AccountError (`invalid-input`, field `email`) when it is not an address.
 */
export function normalizeEmail(value: string | null | undefined): string {
  const e = nfc(value)?.toLowerCase() ?? '';
  if (!e) throw invalidField('email', 'is required', 'Thư điện tử không được để trống.');
  if (e.length > 254 || !EMAIL.test(e)) {
    throw invalidField(
      'email',
      'is not an e-mail address',
      'Thư điện tử không đúng dạng (ví dụ: ten@hanoi.gov.vn).',
    );
  }
  return e;
}

type AccountRow = {
  id: number;
  email: string;
  display_name: string;
  role: string;
  agency_code: string | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
};

/** The app's view of an account row. */
export function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    agencyCode: r.agency_code,
    disabled: r.disabled_at !== null,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
  };
}

const COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'agency_code',
  'disabled_at',
  'last_sign_in_at',
  'created_at',
] as const;

/** The account with `id`, or null. */
export async function getAccount(db: Tx, id: number): Promise<Account | null> {
  const r = await db.selectFrom('account').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toAccount(r) : null;
}

/** Every account, by role then e-mail. */
export async function listAccounts(db: Kysely<DB> | Tx): Promise<Account[]> {
  const rows = await db.selectFrom('account').select(COLUMNS).orderBy('role').orderBy('email').execute();
  return rows.map(toAccount);
}

/** True when at least one enabled administrator exists (the CLI says how to create the first). */
export async function hasAdministrator(db: Kysely<DB> | Tx): Promise<boolean> {
  const r = await db
    .selectFrom('account')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Creates an account. A publisher needs an existing agency; an administrator or monitor has none.
 * The password must follow `checkPasswordRules`; it is stored as an argon2id hash.
 * Audited as `actor` (action `create`, entity `account`) in `tx`.
 * @returns the new account.
 * @throws AccountError: `invalid-input` (field email/role/agency_code/display_name), `weak-password`,
 *   `not-found` (agency), `conflict` (e-mail already used).
 */
export async function createAccount(tx: Tx, input: NewAccount, actor: string): Promise<Account> {
  const email = normalizeEmail(input.email);
  const role = nfc(input.role)?.toLowerCase();
  if (!isRole(role)) {
    throw invalidField(
      'role',
      `must be one of ${ROLES.map((r) => r.code).join(', ')}`,
      `Vai trò phải là một trong: ${ROLES.map((r) => `${r.code} (${r.vi})`).join(', ')}.`,
    );
  }
  const agencyCode = nfc(input.agencyCode)?.toLowerCase() ?? null;
  if (role === 'publisher' && !agencyCode) {
    throw invalidField('agency_code', 'a publisher needs an agency', 'Người đăng tải phải thuộc một đơn vị.');
  }
  if (role !== 'publisher' && agencyCode) {
    throw invalidField(
      'agency_code',
      'only a publisher belongs to an agency',
      'Chỉ người đăng tải mới gắn với một đơn vị; quản trị viên và giám sát thì không.',
    );
  }
  if (agencyCode && !(await getAgency(tx, agencyCode))) {
    throw new AccountError(
      'not-found',
      'agency_code',
      `agency "${agencyCode}" does not exist`,
      `Không có đơn vị mã “${agencyCode}”.`,
    );
  }
  const displayName = nfc(input.displayName) ?? email;
  if (displayName.length > 200) {
    throw invalidField('display_name', 'is longer than 200 characters', 'Họ tên dài quá 200 ký tự.');
  }
  checkPasswordRules(input.password, email);
  const taken = await tx.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) {
    throw new AccountError(
      'conflict',
      'email',
      `an account with ${email} exists`,
      `Đã có tài khoản với thư điện tử ${email}.`,
    );
  }
  const row = { email, display_name: displayName, role, agency_code: agencyCode };
  const inserted = await tx
    .insertInto('account')
    .values({ ...row, password_hash: await hashPassword(input.password), created_by: actor })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await audit(tx, actor, 'create', 'account', inserted.id, null, row);
  return toAccount(inserted);
}

/**
 * Changes the password of account `id` after checking the current one, and ends every other session
 * of the account (`keepSessionId` stays). Audited (`update`, `{password: 'changed'}`).
 * @throws AccountError `invalid-input` (field `current_password`) when the current password is wrong,
 *   `weak-password` when the new one breaks a rule, `invalid-input` (`password_confirm`) when the two
 *   new entries differ.
 */
export async function changePassword(
  tx: Tx,
  id: number,
  current: string,
  next: string,
  confirm: string,
  keepSessionId: number | null,
): Promise<void> {
  const row = await tx
    .selectFrom('account')
    .select(['email', 'password_hash'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AccountError('not-found', null, 'no such account', 'Không có tài khoản này.');
  if (!(await verifyPassword(row.password_hash, current))) {
    throw invalidField('current_password', 'is wrong', 'Mật khẩu hiện tại không đúng.');
  }
  if (next !== confirm) {
    throw invalidField(
      'password_confirm',
      'differs from the new password',
      'Hai lần nhập mật khẩu mới không khớp nhau.',
    );
  }
  checkPasswordRules(next, row.email);
  await tx
    .updateTable('account')
    .set({ password_hash: await hashPassword(next), password_changed_at: new Date() })
    .where('id', '=', id)
    .execute();
  let ended = tx
    .updateTable('account_session')
    .set({ ended_at: new Date(), ended_reason: 'password-changed' })
    .where('account_id', '=', id)
    .where('ended_at', 'is', null);
  if (keepSessionId !== null) ended = ended.where('id', '<>', keepSessionId);
  await ended.execute();
  await audit(tx, `account:${id}`, 'update', 'account', id, null, { password: 'changed' });
}

/**
 * Disables (or enables again) account `id`; disabling ends its sessions. Audited as `actor`.
 * @throws AccountError `not-found`.
 */
export async function setAccountDisabled(
  tx: Tx,
  id: number,
  disabled: boolean,
  actor: string,
): Promise<void> {
  const row = await tx.selectFrom('account').select(['disabled_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AccountError('not-found', null, `no account ${id}`, `Không có tài khoản số ${id}.`);
  if ((row.disabled_at !== null) === disabled) return;
  const at = disabled ? new Date() : null;
  await tx.updateTable('account').set({ disabled_at: at }).where('id', '=', id).execute();
  if (disabled) {
    await tx
      .updateTable('account_session')
      .set({ ended_at: new Date(), ended_reason: 'disabled' })
      .where('account_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }
  await audit(tx, actor, 'update', 'account', id, { disabled: !disabled }, { disabled });
}
