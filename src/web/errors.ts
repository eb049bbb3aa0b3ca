/**
 * The error catalogue of the web layer: each error a client can get has an HTTP status, a stable
 * `code` for machines, an English message (API) and a Vietnamese one (pages). Nothing else reaches a
 * client: unexpected errors become `internal-error` without details.
 */
import type { FastifyError } from 'fastify';

/** Stable error codes of the API (`{error: {code, message}}`). */
export type ErrorCode =
  | 'not-found'
  | 'invalid-parameter'
  | 'bad-request'
  | 'internal-error'
  // Accounts and access (src/web/auth/errors.ts):
  | 'unauthorized'
  | 'invalid-token'
  | 'forbidden'
  | 'forbidden-agency'
  | 'csrf-invalid'
  | 'rate-limited';

/** An error with everything needed to answer it, in JSON or as a page. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    /** English, for the API. */
    message: string,
    /** Vietnamese, for pages. */
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 404 for a route or a thing that does not exist, e.g. `notFound('notice IB2600000000', 'gói thầu IB2600000000')`. */
export function notFound(whatEn = 'page', whatVi = 'trang'): HttpError {
  return new HttpError(404, 'not-found', `No ${whatEn} found.`, `Không tìm thấy ${whatVi}.`);
}

/** 400 for a parameter that is present but not acceptable, named in both languages. */
export function invalidParameter(name: string, reasonEn: string, reasonVi: string): HttpError {
  return new HttpError(
    400,
    'invalid-parameter',
    `Invalid parameter "${name}": ${reasonEn}.`,
    `Tham số “${name}” không hợp lệ: ${reasonVi}.`,
  );
}

/** 400 for a path that cannot be decoded (malformed percent-encoding, a lone surrogate). The URL is not echoed. */
export function badUrl(): HttpError {
  return new HttpError(
    400,
    'bad-request',
    'The address contains malformed percent-encoding (%…) and cannot be read.',
    'Địa chỉ trang có ký tự mã hóa sai (dạng %…) nên không đọc được. Hãy kiểm tra lại đường dẫn.',
  );
}

/** 414 for a path segment longer than the router accepts. The URL is not echoed. */
export function uriTooLong(): HttpError {
  return new HttpError(
    414,
    'bad-request',
    'A part of the address is too long.',
    'Một phần của địa chỉ trang quá dài; không có trang nào như vậy.',
  );
}

/** 500 with no detail: the cause is logged, never shown. */
export function internalError(): HttpError {
  return new HttpError(
    500,
    'internal-error',
    'Internal error. The problem has been logged; please try again later.',
    'Hệ thống gặp lỗi. Lỗi đã được ghi lại; vui lòng thử lại sau.',
  );
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Vietnamese reason for one failed schema keyword. */
function reasonVi(e: AjvError): string {
  const limit = e.params?.limit;
  switch (e.keyword) {
    case 'type':
      return e.params?.type === 'integer' ? 'phải là số nguyên' : `phải có kiểu ${String(e.params?.type)}`;
    case 'minimum':
      return `phải từ ${String(limit)} trở lên`;
    case 'maximum':
      return `không được lớn hơn ${String(limit)}`;
    case 'maxLength':
      return `dài quá ${String(limit)} ký tự`;
    case 'minLength':
      return `phải có ít nhất ${String(limit)} ký tự`;
    case 'enum':
    case 'anyOf':
    case 'const':
      return 'không phải giá trị được chấp nhận';
    default:
      return 'sai định dạng';
  }
}

/**
 * Turns any error thrown while handling a request into a catalogue error: ours as is; schema
 * validation failures as 400 `invalid-parameter` naming the parameter; other client errors of Fastify
 * (malformed body, unsupported media type, …) as `bad-request` with their status; everything else as
 * 500 `internal-error`.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const fe = err as Partial<FastifyError> & { validation?: AjvError[]; validationContext?: string };
  if (fe.code === 'FST_ERR_BAD_URL') return badUrl();
  if (fe.code === 'FST_ERR_MAX_PARAM_LENGTH') return uriTooLong();
  if (Array.isArray(fe.validation) && fe.validation.length > 0) {
    const first = fe.validation[0]!;
    const path = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const missing = first.keyword === 'required' ? String(first.params?.missingProperty ?? '') : '';
    const name = bounded(path || missing || fe.validationContext || 'request', 40);
    const vi = missing ? `Thiếu tham số “${name}”.` : `Tham số “${name}” không hợp lệ: ${reasonVi(first)}.`;
    const en = `Invalid ${fe.validationContext ?? 'request'} parameter "${name}": ${bounded(first.message ?? 'invalid', 200)}.`;
    return new HttpError(400, 'invalid-parameter', en, vi);
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    if (status === 404) return notFound();
    return new HttpError(
      status,
      'bad-request',
      `Bad request${fe.message ? `: ${bounded(fe.message, 200)}` : '.'}`,
      'Yêu cầu không hợp lệ.',
    );
  }
  return internalError();
}

/** `text` cut to at most `max` characters (an ellipsis marks the cut): no message echoes input unbounded. */
function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
