/** Schemas of the list endpoints: notice search (`/api/v1/tbmt`) and organisations (`/api/v1/to-chuc/{code}`). */
import { Type } from '@fastify/type-provider-typebox';
import { FIELDS, METHODS, NOTICE_STATES } from '../../../procurement/codes.ts';
import { ORG_ROLES } from '../../../procurement/queries/org.ts';
import { SEARCH_SORTS } from '../../../procurement/queries/search.ts';
import { CodeValue, codeEnum, Instant, Nullable, OrgLinkSchema, PageNumber, Text, Vnd } from './common.ts';

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

/** Query of `GET /api/v1/to-chuc/{code}`. */
export const OrgQuerySchema = Type.Object({
  role: Type.Optional(
    Type.Unsafe<(typeof ORG_ROLES)[number]>({
      type: 'string',
      enum: [...ORG_ROLES],
      description:
        'Which list `page` applies to: buyer (investor or procuring entity) or bidder; the other list ' +
        'returns its first page',
    }),
  ),
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, 1–100' }),
  ),
});

const BuyerRowSchema = Type.Object(
  {
    ...NoticeRowSchema.properties,
    roles: Type.Array(
      Type.Unsafe<'investor' | 'procuringEntity'>({ type: 'string', enum: ['investor', 'procuringEntity'] }),
      {
        description: 'Its roles in the notice: investor (chủ đầu tư), procuringEntity (bên mời thầu) or both',
      },
    ),
  },
  { description: 'A notice the organisation invites bids for, with its roles' },
);

const BidderRowSchema = Type.Object(
  {
    ...NoticeRowSchema.properties,
    bidPriceVnd: Vnd('Its bid price after discount at opening (sum over its lots)'),
    won: Nullable(Type.Boolean({ description: 'True won, false lost, null no result yet' })),
    winningPriceVnd: Vnd('Its winning price (sum over lots won)'),
    reason: Text('Reason published for not winning'),
  },
  { description: 'A notice the organisation bid in, with its bid and the outcome' },
);

/** Response of `GET /api/v1/to-chuc/{code}`. */
export const OrgResponseSchema = Type.Object({
  code: Type.String({ description: 'Code on the national system, or a local mb-… code (see codeIsLocal)' }),
  codeIsLocal: Type.Boolean({
    description: 'True when code was made by minhbach from the name because the source gave no code',
  }),
  name: Type.String(),
  nameEn: Text('English name'),
  taxCode: Text('Tax code'),
  source: Type.String({ description: 'muasamcong, demo or minhbach' }),
  asBuyer: Type.Object(
    {
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      pageCount: Type.Integer(),
      items: Type.Array(BuyerRowSchema),
    },
    {
      description:
        'Notices whose current version names it as investor or procuring entity, each notice once with its roles',
    },
  ),
  asBidder: Type.Object(
    {
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      pageCount: Type.Integer(),
      items: Type.Array(BidderRowSchema),
    },
    { description: 'Notices it bid in (bid opening or result)' },
  ),
});
