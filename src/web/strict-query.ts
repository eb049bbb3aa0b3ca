/**
 * Whole-number query parameters (`page`, `pageSize`) must be written as plain decimal digits. The
 * schema validator alone would coerce `0x10`, `1e1` or ` 16` to numbers; this check runs before it
 * (`preValidation`), so such values are a 400 naming the parameter, like any other invalid value.
 */
import type { FastifyInstance } from 'fastify';
import { invalidParameter } from './errors.ts';

/** The query parameters that are whole numbers on every route. */
export const DIGIT_PARAMS = ['page', 'pageSize'] as const;

const DIGITS = /^[0-9]+$/;

/** Adds the check to the routes of `app` (an encapsulated plugin instance). */
export function requirePlainDigits(app: FastifyInstance, names: readonly string[] = DIGIT_PARAMS): void {
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query) return;
    for (const name of names) {
      const value = query[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !DIGITS.test(value)) {
        throw invalidParameter(name, 'only the digits 0-9 are allowed', 'chỉ được gồm các chữ số 0–9');
      }
    }
  });
}

/**
 * The query string of `url` reduced to the parameters `keys` (in that order), for redirects: only
 * known, already validated parameters are carried on, never the raw query. `''` when none is present.
 */
export function knownQuery(url: string, keys: readonly string[]): string {
  const at = url.indexOf('?');
  const raw = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  const kept = new URLSearchParams();
  for (const key of keys) {
    const value = raw.get(key);
    if (value !== null) kept.set(key, value);
  }
  const qs = kept.toString();
  return qs ? `?${qs}` : '';
}
