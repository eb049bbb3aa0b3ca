/** Schemas of the notice list endpoint `/api/v1/tbmt` (organisations: `org.ts`). */
import { Type } from '@fastify/type-provider-typebox';
import { FIELDS, METHODS, NOTICE_STATES } from '../../../procurement/codes.ts';
import { SEARCH_SORTS } from '../../../procurement/queries/search.ts';
import { CodeValue, codeEnum, Instant, Nullable, OrgLinkSchema, PageNumber, Vnd } from './common.ts';

/** Query of `GET /api/v1/tbmt`. */
export const SearchQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Words to find in names, organisations, codes (also tax codes) and places, without diacritics ' +
        'or case (every word must match, as a prefix); or a notice number (IB2600077452, -NN suffix ' +
        'allowed) for an exact lookup',
    }),
  ),
  sort: Type.Optional(
    codeEnum(SEARCH_SORTS, 'Order of the results (default: relevance when q has words, else newest)'),
  ),
  field: Type.Optional(codeEnum(FIELDS, 'Field (lĩnh vực)')),
  method: Type.Optional(codeEnum(METHODS, 'Selection method (hình thức lựa chọn nhà thầu)')),
  state: Type.Optional(codeEnum(NOTICE_STATES, 'Public state now')),
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, 1–100' }),
  ),
});

/** A notice in a list. */
export const NoticeRowSchema = Type.Object(
  {
    notifyNo: Type.String({ description: 'Notice number (IB + yy + 8 digits)' }),
    name: Type.String({ description: 'Package name (current version)' }),
    investor: Nullable(OrgLinkSchema),
    procuringEntity: Nullable(OrgLinkSchema),
    field: CodeValue(FIELDS, 'Field'),
    method: CodeValue(METHODS, 'Selection method'),
    priceVnd: Vnd('Package price'),
    publishedAt: Instant('First publication'),
    bidCloseAt: Instant('Closing time in force'),
    resultPublishedAt: Instant('Publication of the latest result'),
    state: codeEnum(NOTICE_STATES, 'Public state now'),
    isDemo: Type.Boolean({ description: 'True for demo data' }),
  },
  { description: 'A notice (TBMT) in a list' },
);

const Links = Type.Object(
  {
    self: Type.String(),
    first: Type.String(),
    last: Type.String(),
    prev: Nullable(Type.String()),
    next: Nullable(Type.String()),
  },
  { description: 'Paging links (path and query)' },
);

/** Response of `GET /api/v1/tbmt`. */
export const SearchResponseSchema = Type.Object({
  total: Type.Integer({ description: 'Number of matching notices over all pages' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer({ description: 'Number of pages (at least 1)' }),
  exactCode: Type.Boolean({ description: 'True when q was a notice number, looked up exactly' }),
  sort: codeEnum(SEARCH_SORTS, 'The order used'),
  items: Type.Array(NoticeRowSchema, { description: 'In the order of sort' }),
  links: Links,
});
