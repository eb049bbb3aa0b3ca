/**
 * Why a publishing action is refused. The web layer maps each `code` to its HTTP status (see
 * `docs/publishing.md`): `invalid-payload` 400, `forbidden-agency` 403, `not-found` 404,
 * `law-blocked` / `illegal-transition` / `conflict` 409.
 */
import type { PublishRefusal } from '../accounts/access.ts';
import type { Finding } from '../compliance/law/index.ts';
import type { FieldError } from './schemas.ts';

/** Transitions a draft allows, by status (the answer of an illegal transition names them). */
export const ALLOWED_TRANSITIONS: Record<string, string[]> = {
  draft: ['update (sửa bản nháp)', 'publish (đăng tải)'],
  published: [],
};

export type PublishErrorDetail =
  | { code: 'invalid-payload'; errors: FieldError[] }
  | { code: 'forbidden-agency'; refusal: PublishRefusal }
  | { code: 'not-found' }
  | { code: 'law-blocked'; findings: Finding[] }
  | { code: 'illegal-transition'; status: string; allowed: string[] }
  | { code: 'conflict' };

/** A refused publishing action; nothing has been written. */
export class PublishError extends Error {
  constructor(
    readonly detail: PublishErrorDetail,
    message: string,
    /** Vietnamese message for pages. */
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** 404-like: no such draft, or one the caller may not see. */
export function draftNotFound(id: number | string): PublishError {
  return new PublishError(
    { code: 'not-found' },
    `No draft ${String(id).slice(0, 20)} visible to you.`,
    `Không tìm thấy bản nháp số ${String(id).slice(0, 20)}.`,
  );
}
