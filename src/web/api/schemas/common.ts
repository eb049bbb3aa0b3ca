/**
 * Building blocks of the API schemas (TypeBox: one schema per payload gives validation, the TypeScript
 * type, response serialization and the OpenAPI description). Money is VND as integers, times are
 * ISO-8601 UTC strings.
 */
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { CodeEntry } from '../../../procurement/codes.ts';

/** `schema` or `null` (not published / not known). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An amount in VND, integer. */
export const Vnd = (description: string) => Nullable(Type.Integer({ description: `${description} (VND)` }));

/** An instant as an ISO-8601 UTC string. */
export const Instant = (description: string) =>
  Nullable(Type.String({ format: 'date-time', description: `${description} (ISO-8601, UTC)` }));

/** Free text or null. */
export const Text = (description: string) => Nullable(Type.String({ description }));

/** An entry of an enumeration: value with its Vietnamese and English labels (codes.ts, `SEARCH_SORTS`). */
export type LabelledValue = Pick<CodeEntry, 'value' | 'vi' | 'en'>;

/** A code of one of the enumerations of codes.ts, documented with its Vietnamese and English labels. */
export function codeEnum(table: readonly LabelledValue[], description: string, allowEmpty = false) {
  const values = table.map((e) => e.value);
  const labels = table.map((e) => `${e.value} = ${e.vi} (${e.en})`).join('; ');
  return Type.Unsafe<string>({
    type: 'string',
    enum: allowEmpty ? ['', ...values] : values,
    description: `${description}. ${labels}${allowEmpty ? '; empty = any' : ''}`,
  });
}

/** A nullable code of an enumeration (stored values outside the list are passed through as text). */
export const CodeValue = (table: readonly CodeEntry[], description: string) =>
  Text(`${description}: ${table.map((e) => e.value).join(', ')} (see codes.ts)`);

/** 1-based page number. Pages past the last return no items; non-integers and values < 1 are 400. */
export const PageNumber = Type.Integer({
  minimum: 1,
  maximum: 10_000,
  default: 1,
  description: '1-based page number (1 to 10000). Past the last page: no items.',
});

/** An organisation as a link: its code is the key of `/api/v1/to-chuc/{code}`. */
export const OrgLinkSchema = Type.Object(
  {
    code: Type.String({ description: 'Code on the national system (vn + tax code, vnz… units, mb-… local)' }),
    name: Type.String({ description: 'Name as published' }),
    taxCode: Text('Tax code (mã số thuế)'),
    codeIsLocal: Type.Boolean({
      description:
        'True when code is a local minhbach code (mb-…) made from the name because the source gave no ' +
        'code: not a code of the national system',
    }),
  },
  { description: 'Organisation (investor, procuring entity or contractor)' },
);

/** The error body of every non-2xx API answer. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description:
          'Stable machine code (kebab-case), e.g. not-found, invalid-parameter, bad-request, unauthorized, forbidden-agency, csrf-invalid, rate-limited, internal-error',
      }),
      message: Type.String({ description: 'What went wrong, in English' }),
    }),
  },
  { description: 'Error' },
);

/** Responses every API route may give besides 200. */
export const ERROR_RESPONSES = { 400: ErrorSchema, 404: ErrorSchema, 500: ErrorSchema };

/** Deep conversion of a read-side value for JSON: `Date` → ISO string, everything else as is. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** Converts `Date`s anywhere in `value` to ISO-8601 UTC strings. */
export function toJson<T>(value: T): Jsonified<T> {
  return convert(value) as Jsonified<T>;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
  }
  return value;
}
