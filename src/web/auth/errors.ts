/**
 * The access errors of the catalogue (`HttpError`, src/web/errors.ts): each with its status, stable
 * code, English message (API) and Vietnamese message (pages).
 */
import type { PublishRefusal } from '../../accounts/access.ts';
import { roleLabel } from '../../accounts/accounts.ts';
import { HttpError } from '../errors.ts';

/** 401 `unauthorized`: the route needs a signed-in account (or an API token). */
export function unauthorized(): HttpError {
  return new HttpError(
    401,
    'unauthorized',
    'Sign-in required: send a valid session cookie or an API token (Authorization: Bearer mb_…).',
    'Bạn cần đăng nhập để dùng chức năng này.',
  );
}

/** 401 `invalid-token`: an `Authorization: Bearer` header whose token is unknown, malformed or revoked. */
export function invalidToken(): HttpError {
  return new HttpError(
    401,
    'invalid-token',
    'The API token is unknown, malformed or revoked.',
    'Mã API không hợp lệ hoặc đã bị thu hồi.',
  );
}

/** 403 `forbidden`: the role does not allow the action (e.g. a monitor writing). */
export function forbiddenRole(roleHas: string, needsEn: string, needsVi: string): HttpError {
  return new HttpError(
    403,
    'forbidden',
    `Forbidden: this needs ${needsEn}; your role is ${roleHas}.`,
    `Bạn không có quyền làm việc này: cần ${needsVi}; vai trò của bạn là “${roleLabel(roleHas)}”.`,
  );
}

/** 403 `csrf-invalid`: a state-changing form sent without the form's security token (or with a stale one). */
export function csrfInvalid(): HttpError {
  return new HttpError(
    403,
    'csrf-invalid',
    'The form security token (_csrf) is missing or invalid. Reload the form and submit it again.',
    'Biểu mẫu thiếu mã bảo mật hoặc mã đã hết hiệu lực (có thể do phiên đăng nhập đã thay đổi). ' +
      'Hãy tải lại trang biểu mẫu rồi gửi lại. Nếu bạn không tự gửi biểu mẫu này, có thể một trang khác ' +
      'đã tìm cách gửi thay bạn — yêu cầu đã bị chặn.',
  );
}

/** 429 `rate-limited`: too many sign-in attempts from this address in a short time. */
export function rateLimited(afterSeconds: number): HttpError {
  const minutes = Math.max(1, Math.ceil(afterSeconds / 60));
  return new HttpError(
    429,
    'rate-limited',
    `Too many requests; try again in ${minutes} minute(s).`,
    `Có quá nhiều lần thử từ địa chỉ này. Hãy thử lại sau khoảng ${minutes} phút.`,
  );
}

/** 403 `forbidden-agency` for a refused publication (see `publishRefusal`), naming the agencies. */
export function forbiddenAgency(r: PublishRefusal): HttpError {
  const make = (en: string, vi: string) => new HttpError(403, 'forbidden-agency', en, vi);
  switch (r.reason) {
    case 'role':
      return make(
        `Only a publisher of an agency (or its API token) publishes; your role is ${r.role}.`,
        `Chỉ người đăng tải của đơn vị (hoặc mã API của đơn vị) mới được đăng thông tin; vai trò của bạn là “${roleLabel(r.role)}”.`,
      );
    case 'unknown-agency':
      return make(
        `There is no agency "${r.agencyCode.slice(0, 64)}".`,
        `Không có đơn vị mã “${r.agencyCode.slice(0, 64)}”.`,
      );
    case 'outside':
      return make(
        `You publish for agency "${r.ownAgency}" and its sub-units only, not for "${r.agencyCode}".`,
        `Bạn chỉ được đăng thông tin cho đơn vị “${r.ownAgency}” và các đơn vị trực thuộc, không được đăng cho “${r.agencyCode}”.`,
      );
    case 'expired': {
      const when = r.validTo ? `ended on ${r.validTo}` : `starts on ${r.validFrom ?? '?'}`;
      const whenVi = r.validTo
        ? `đã ngừng hoạt động từ sau ngày ${r.validTo}`
        : `bắt đầu hoạt động từ ngày ${r.validFrom ?? '?'}`;
      const next = r.successorCode ? `; its successor is "${r.successorCode}"` : '';
      const nextVi = r.successorCode ? `; đơn vị kế thừa: “${r.successorCode}”` : '';
      return make(`Agency "${r.agencyCode}" ${when}${next}.`, `Đơn vị “${r.agencyCode}” ${whenVi}${nextVi}.`);
    }
    case 'own-expired': {
      const next = r.successorCode ? ` Its successor is "${r.successorCode}".` : '';
      const nextVi = r.successorCode ? ` Đơn vị kế thừa: “${r.successorCode}”.` : '';
      return make(
        `Your agency "${r.ownAgency}" no longer exists (ended ${r.validTo ?? '?'}); ask an administrator to move your account.${next}`,
        `Đơn vị của bạn “${r.ownAgency}” không còn hoạt động (đến ngày ${r.validTo ?? '?'}); hãy đề nghị quản trị viên chuyển tài khoản.${nextVi}`,
      );
    }
  }
}
