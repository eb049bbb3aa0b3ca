/** Schemas of `GET /api/v1/to-chuc/{code}`: an organisation's profile, figures and paged lists. */
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { ORG_ROLES, type OrgRole } from '../../../procurement/queries/org.ts';
import { Instant, Nullable, OrgLinkSchema, PageNumber, Text, Vnd } from './common.ts';
import { NoticeRowSchema } from './lists.ts';

/** Query of `GET /api/v1/to-chuc/{code}`. */
export const OrgQuerySchema = Type.Object({
  role: Type.Optional(
    Type.Unsafe<OrgRole>({
      type: 'string',
      enum: [...ORG_ROLES],
      description:
        'Which list `page` applies to (buyer, open, results, plans, subunits, bidder, won, agencies, ' +
        'cobidders); the other lists return their first page',
    }),
  ),
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 20,
      description: 'Items per page of every list, 1–100',
    }),
  ),
});

/** One page of a list of `item`. */
const Paged = <T extends TSchema>(item: T, description: string) =>
  Type.Object(
    {
      total: Type.Integer({ description: 'Items over all pages' }),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      pageCount: Type.Integer({ description: 'Number of pages (at least 1)' }),
      items: Type.Array(item),
    },
    { description },
  );

const Roles = Type.Array(
  Type.Unsafe<'investor' | 'procuringEntity'>({ type: 'string', enum: ['investor', 'procuringEntity'] }),
  { description: 'Its roles in the notice: investor (chủ đầu tư), procuringEntity (bên mời thầu) or both' },
);

const BuyerRowSchema = Type.Object(
  { ...NoticeRowSchema.properties, roles: Roles },
  { description: 'A notice the organisation invites bids for, with its roles' },
);

const ResultRowSchema = Type.Object(
  {
    ...NoticeRowSchema.properties,
    roles: Roles,
    winners: Type.Array(OrgLinkSchema, { description: 'Winners of the latest result version' }),
    awardedVnd: Vnd('Sum of the winning prices of the latest result version'),
  },
  { description: 'A notice with a result' },
);

const BidderRowSchema = Type.Object(
  {
    ...NoticeRowSchema.properties,
    bidPriceVnd: Vnd('Its bid price after discount at opening (sum over its lots)'),
    won: Nullable(
      Type.Boolean({
        description: 'True won, false lost (latest result does not name it winner), null no result',
      }),
    ),
    winningPriceVnd: Vnd('Its winning price (sum over lots won)'),
    reason: Text('Reason published for not winning'),
  },
  { description: 'A notice the organisation bid in, with its bid and the outcome' },
);

const PlanRowSchema = Type.Object(
  {
    planNo: Type.String({ description: 'Plan number (PL…)' }),
    planVersion: Text('Plan version'),
    name: Text('Plan name'),
    planType: Text('TX recurrent spending, DTPT development investment'),
    projectName: Text('Project'),
    decisionNo: Text('Approval decision number'),
    decisionDate: Instant('Approval decision date'),
    publishedAt: Instant('Publication'),
    packages: Type.Integer({ description: 'Packages of the plan known here' }),
    totalVnd: Vnd('Sum of their package prices'),
  },
  { description: 'A contractor-selection plan (KHLCNT) of the investor' },
);

const YearSchema = Type.Object(
  {
    year: Nullable(Type.Integer({ description: 'Year of first publication, Vietnam time (null: unknown)' })),
    packages: Type.Integer({ description: 'Notices it invites bids for' }),
    priceVnd: Type.Integer({ description: 'Sum of their package prices (VND)' }),
    awardedPackages: Type.Integer({ description: 'Of those, notices with a winner in the latest result' }),
    awardedVnd: Type.Integer({ description: 'Sum of the winning prices of the latest results (VND)' }),
    savingsRate: Nullable(
      Type.Number({
        description: '1 − winning prices ÷ package prices over the awarded packages with a known price',
      }),
    ),
  },
  { description: 'Totals of one year' },
);

const KindSchema = Type.Object(
  {
    value: Type.String({
      enum: ['ubnd', 'so', 'ban', 'y-te', 'giao-duc', 'doanh-nghiep', 'ca-nhan', 'nuoc-ngoai', 'khac'],
    }),
    vi: Type.String(),
    en: Type.String(),
  },
  { description: 'Kind of unit, judged from the name' },
);

const ContractorSchema = Type.Object(
  {
    bids: Type.Integer({ description: 'Notices it bid in (opening record or result)' }),
    openings: Type.Integer({ description: 'Bid openings it took part in' }),
    decided: Type.Integer({ description: 'Notices it bid in that have a result' }),
    wins: Type.Integer({ description: 'Notices it won (latest result version)' }),
    winRate: Nullable(Type.Number({ description: 'wins ÷ decided, 0–1' })),
    awardedVnd: Type.Integer({ description: 'Sum of its winning prices (VND)' }),
  },
  { description: 'Contractor figures' },
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
  kind: KindSchema,
  parent: Nullable(OrgLinkSchema),
  subUnits: Paged(
    Type.Object({ org: OrgLinkSchema, notices: Type.Integer() }),
    'Direct sub-units with the number of notices each invites bids for',
  ),
  years: Type.Array(YearSchema, { description: 'Agency totals by year, latest first' }),
  plans: Paged(PlanRowSchema, 'Its plans (KHLCNT) as investor, newest first'),
  asBuyer: Paged(
    BuyerRowSchema,
    'Notices whose current version names it as investor or procuring entity, each once with its roles',
  ),
  open: Paged(BuyerRowSchema, 'Of those, the notices open for bids now'),
  results: Paged(ResultRowSchema, 'Of those, the notices with a result, with their winners'),
  contractor: ContractorSchema,
  asBidder: Paged(BidderRowSchema, 'Notices it bid in (bid opening or result)'),
  won: Paged(BidderRowSchema, 'Notices it won'),
  agencies: Paged(
    Type.Object({ agency: OrgLinkSchema, wins: Type.Integer(), awardedVnd: Type.Integer() }),
    'Agencies it wins from (investor, else procuring entity), most wins first',
  ),
  coBidders: Paged(
    Type.Object({
      bidder: OrgLinkSchema,
      shared: Type.Integer({ description: 'Bid openings both took part in' }),
      theirWins: Type.Integer({ description: 'Of those, notices the co-bidder won' }),
      ownWins: Type.Integer({ description: 'Of those, notices this organisation won' }),
    }),
    'Bidders met in the same bid openings, most shared first',
  ),
});
