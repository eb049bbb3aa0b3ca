/**
 * Schemas of `GET /api/v1/search` (TypeBox: validation, types and the OpenAPI description). The
 * parameters are those of `SEARCH_QUERY_PARAMS` (search-params.ts), which `parseSearchQuery` reads.
 */
import { Type } from '@fastify/type-provider-typebox';
import { FIELDS, METHODS, NOTICE_STATES, PROCEDURES } from '../../procurement/codes.ts';
import {
  DEFAULT_PAGE_SIZE,
  MAX_CLOSING_DAYS,
  MAX_PAGE_SIZE,
  MAX_PRICE_VND,
  MAX_QUERY_LENGTH,
  SEARCH_SORTS,
} from '../../procurement/queries/search-params.ts';
import { FACET_KEYS } from '../../procurement/queries/search-sql.ts';
import { codeEnum, Nullable, PageNumber } from './schemas/common.ts';
import { NoticeRowSchema } from './schemas/lists.ts';

const Day = (description: string) =>
  Type.String({
    format: 'date',
    description: `${description}: a Vietnam calendar day YYYY-MM-DD (Asia/Ho_Chi_Minh), inclusive`,
  });
const Bool = (description: string) =>
  Type.Unsafe<string>({ type: 'string', enum: ['true', 'false'], description });
const Price = (description: string) =>
  Type.Integer({ minimum: 0, maximum: MAX_PRICE_VND, description: `${description}, VND, inclusive` });

/** Query of `GET /api/v1/search`, in the canonical order of search URLs. */
export const SearchApiQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description:
        'Words to find (package, plan and notice names and numbers, investors, procuring entities, bidders ' +
        'and winners, their tax codes, places), without diacritics or case: every word must match the ' +
        'beginning of a word (duong lang = Đường Láng; IB26000 and PL2600 and tax-code beginnings match as ' +
        'prefixes). A whole notice number (IB2600077452, -NN allowed) is an exact lookup.',
    }),
  ),
  field: Type.Optional(codeEnum(FIELDS, 'Field (lĩnh vực)')),
  method: Type.Optional(codeEnum(METHODS, 'Selection method (hình thức lựa chọn nhà thầu)')),
  procedure: Type.Optional(codeEnum(PROCEDURES, 'Procedure (phương thức)')),
  domestic: Type.Optional(Bool('true: domestic bidding; false: international')),
  online: Type.Optional(Bool('true: online bidding (qua mạng); false: offline')),
  state: Type.Optional(codeEnum(NOTICE_STATES, 'Public state now')),
  closingWithin: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_CLOSING_DAYS,
      description: 'Only notices still open that close within this many days (implies state=open)',
    }),
  ),
  agency: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'Investor or procuring entity: organisation code (vn0100100100) or tax code, with its sub-units',
    }),
  ),
  province: Type.Optional(
    Type.String({ pattern: '^[0-9]{2}$', description: 'Province code (GSO; Hà Nội = 01)' }),
  ),
  ward: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'Ward/commune code (5 digits)' })),
  priceMin: Type.Optional(Price('Lowest package price')),
  priceMax: Type.Optional(Price('Highest package price')),
  publishedFrom: Type.Optional(Day('First publication from')),
  publishedTo: Type.Optional(Day('First publication until')),
  closingFrom: Type.Optional(Day('Closing from')),
  closingTo: Type.Optional(Day('Closing until')),
  sort: Type.Optional(codeEnum(SEARCH_SORTS, 'Order (default: relevance when q has words, else newest)')),
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
      description: `Items per page, 1–${MAX_PAGE_SIZE}`,
    }),
  ),
});

const FacetValueSchema = Type.Object({
  value: Type.String({ description: 'The parameter value that selects it' }),
  label: Type.String({ description: 'Vietnamese label' }),
  count: Nullable(
    Type.Integer({
      description:
        'Results with this value, all the other filters applied; null when the search has more results ' +
        'than are counted (totalExact false)',
    }),
  ),
});

const FacetsSchema = Type.Object(
  Object.fromEntries(FACET_KEYS.map((k) => [k, Type.Array(FacetValueSchema)])) as Record<
    (typeof FACET_KEYS)[number],
    ReturnType<typeof Type.Array<typeof FacetValueSchema>>
  >,
  {
    description:
      'For each facet (its key is the query parameter), the count of every value with all the other ' +
      'filters applied, most frequent first; unknown (unpublished) values are not counted',
  },
);

const HighlightSchema = Type.Object(
  {
    name: Nullable(Type.String()),
    investor: Nullable(Type.String()),
    procuringEntity: Nullable(Type.String()),
  },
  {
    description:
      'The matched words in <mark>…</mark>; all other text HTML-escaped (safe to insert as HTML); null ' +
      'when nothing matched in that text',
  },
);

const Links = Type.Object(
  {
    self: Type.String(),
    first: Type.String(),
    last: Type.String(),
    prev: Nullable(Type.String()),
    next: Nullable(Type.String()),
    html: Type.String({ description: 'The same search on the portal' }),
    atom: Type.String({ description: 'Atom feed of the search (newest 50)' }),
    csv: Type.String({ description: 'CSV export (first 50,000 rows)' }),
    xlsx: Type.String({ description: 'XLSX export (first 50,000 rows)' }),
  },
  { description: 'Links (path and canonical query)' },
);

/** Response of `GET /api/v1/search`. */
export const SearchApiResponseSchema = Type.Object({
  query: Type.String({ description: 'The canonical query string of this search (without page)' }),
  total: Type.Integer({
    description: 'Number of matching notices over all pages; a lower bound (10,000) when totalExact is false',
  }),
  totalExact: Type.Boolean({
    description:
      'False when the search matches more than 10,000 notices: total is then 10,000, facet counts are ' +
      'null, and relevance order becomes newest (narrow the search to count and rank it)',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer({ description: 'Number of pages (at least 1)' }),
  exactCode: Type.Boolean({ description: 'True when q was a notice number, looked up exactly' }),
  sort: codeEnum(SEARCH_SORTS, 'The order used'),
  items: Type.Array(Type.Object({ ...NoticeRowSchema.properties, highlight: HighlightSchema }), {
    description: 'In the order of sort',
  }),
  facets: FacetsSchema,
  links: Links,
});
