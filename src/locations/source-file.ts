import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { nfc } from '../text/normalize.ts';

/** A reference file that is missing or not in the expected shape; nothing was imported. */
export class AdminUnitsSourceError extends Error {
  constructor(
    /** Path of the file as given (folder + relative path). */
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'AdminUnitsSourceError';
  }
}

/** A parsed JSON file with what identifies it in the audit log. */
export interface SourceFile {
  /** Path relative to the imported folder, e.g. `pre-2025/dvhcvn.json` (stored in `source`). */
  relPath: string;
  /** Full path, for messages. */
  fullPath: string;
  /** sha256 of the bytes, hex. */
  sha256: string;
  json: unknown;
}

/**
 * Reads and parses `dir/relPath` as JSON.
 * @throws AdminUnitsSourceError naming the file when it is missing, unreadable or not JSON.
 */
export function readJsonFile(dir: string, relPath: string): SourceFile {
  const fullPath = path.join(dir, relPath);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fullPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AdminUnitsSourceError(
      fullPath,
      code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new AdminUnitsSourceError(fullPath, `not valid JSON: ${(err as Error).message}`);
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  return { relPath, fullPath, sha256, json };
}

/** Reads fields of the objects of one file, throwing errors that name the file and the place. */
export class FieldReader {
  constructor(readonly file: string) {}

  /** An error naming the file and `where` (e.g. `wards[17]`). */
  fail(where: string, detail: string): AdminUnitsSourceError {
    return new AdminUnitsSourceError(this.file, `${where}: ${detail}`);
  }

  /** `value` as a plain object, else an error. */
  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw this.fail(where, 'expected an object');
    }
    return value as Record<string, unknown>;
  }

  /** `obj[key]` as an array, else an error. */
  array(obj: Record<string, unknown>, key: string, where: string): unknown[] {
    const v = obj[key];
    if (!Array.isArray(v)) throw this.fail(where, `"${key}" must be an array`);
    return v;
  }

  /** `obj[key]` as NFC text with single spaces, else an error when missing or empty. */
  text(obj: Record<string, unknown>, key: string, where: string): string {
    const v = this.optionalText(obj, key, where);
    if (v === null) throw this.fail(where, `"${key}" is missing or empty`);
    return v;
  }

  /** `obj[key]` as NFC text with single spaces; null when null, absent or empty. */
  optionalText(obj: Record<string, unknown>, key: string, where: string): string | null {
    const v = obj[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw this.fail(where, `"${key}" must be a string`);
    return nfc(v);
  }

  /** `obj[key]` as a code of exactly `digits` digits, else an error. */
  code(obj: Record<string, unknown>, key: string, digits: number, where: string): string {
    const v = this.optionalCode(obj, key, digits, where);
    if (v === null) throw this.fail(where, `"${key}" is missing or empty`);
    return v;
  }

  /** `obj[key]` as a code of exactly `digits` digits; null when null, absent or empty. */
  optionalCode(obj: Record<string, unknown>, key: string, digits: number, where: string): string | null {
    const v = this.optionalText(obj, key, where);
    if (v === null) return null;
    if (!new RegExp(`^[0-9]{${digits}}$`).test(v)) {
      throw this.fail(where, `"${key}" must be ${digits} digits, got "${v}"`);
    }
    return v;
  }
}
