/**
 * `POST /api/v1/publish/khlcnt`: an agency publishes a procurement plan (KHLCNT) with its packages.
 * Bearer API token, or a session with the CSRF token (`X-CSRF-Token`). The TypeBox schema documents
 * the body in OpenAPI; the body is checked by `checkPlanInput` so that every error comes back at once
 * with its JSON pointer (400). 403 for another agency, 409 for a plan number already published.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/connect.ts';
import { checkPlanInput, type PlanError } from '../../plans/input.ts';
import { PlanRefusal } from '../../plans/publish.ts';
import { verifyCsrf } from '../auth/csrf.ts';
import { principalOf, requirePublisher } from '../auth/guards.ts';
import { ErrorSchema } from './schemas/common.ts';
import { publishPlanAs, vnToday } from './plan-publish.ts';

/** Options of the plan API plugin. */
export interface PlanApiOptions {
  database: Database;
}

const code = (values: string, example: string) =>
  Type.String({ description: `Code or Vietnamese label: ${values}`, examples: [example] });

const PackageBody = Type.Object({
  bidNo: Type.Optional(
    Type.String({ description: 'National package number BP + 10 digits, if any', pattern: '^BP\\d{10}$' }),
  ),
  name: Type.String({ maxLength: 1000, description: 'Package name (tên gói thầu)' }),
  field: code('HH, XL, TV, PTV, HON_HOP', 'HH'),
  method: code('DTRR, DTHC, CDT, CDT_RG, CHCT, CHCT_RG, MSTT, … (src/procurement/codes.ts)', 'DTRR'),
  procedure: code('1_MTHS, 1_HTHS, 2_MTHS, 2_HTHS', '1_MTHS'),
  contractType: code('TG, DGCD, DGDC, TGIAN, CPCP, KQDR, TLPT, HON_HOP', 'TG'),
  isDomestic: Type.Boolean({ description: 'Domestic (true) or international bidding' }),
  isInternet: Type.Boolean({ description: 'Online on the national system' }),
  priceVnd: Type.Integer({ minimum: 1, description: 'Package price (giá gói thầu), VND' }),
  funding: Type.String({ maxLength: 1000, description: 'Funding source (nguồn vốn)' }),
  selectionStart: Type.String({
    description: 'Planned start of selection: "Quý 2/2026" or "Tháng 5/2026"',
    examples: ['Quý 2/2026'],
  }),
  contractPeriod: Type.Integer({ minimum: 1, description: 'Contract period length' }),
  contractPeriodUnit: Type.Union([Type.Literal('D'), Type.Literal('M'), Type.Literal('Y')], {
    description: 'D days, M months, Y years',
  }),
});

const PlanBody = Type.Object(
  {
    planNo: Type.Optional(
      Type.String({
        pattern: '^PL\\d{10}$',
        description: 'National plan number; omitted → minhbach issues PL + yy + 9 + 7 digits',
      }),
    ),
    version: Type.Optional(
      Type.String({
        pattern: '^\\d{2}$',
        description: '00 (default) or 01, 02… for a correction of a published plan',
      }),
    ),
    name: Type.String({ maxLength: 1000 }),
    projectName: Type.String({ maxLength: 1000 }),
    investorCode: Type.String({
      description: 'org code of the investor: your agency or one of its sub-units',
    }),
    decisionNo: Type.String({ maxLength: 200, description: 'Approval decision number' }),
    decisionDate: Type.String({
      description: 'Approval day (Vietnam), YYYY-MM-DD',
      examples: ['2026-03-02'],
    }),
    decisionAgency: Type.String({ maxLength: 1000, description: 'Approving agency' }),
    packages: Type.Array(PackageBody, { minItems: 1, maxItems: 500 }),
  },
  { description: 'A procurement plan (KHLCNT) with its packages' },
);

const Published = Type.Object({
  planNo: Type.String({ description: 'Stored plan number: PL… (version 00) or PL…-NN' }),
  version: Type.String(),
  url: Type.String({ description: 'Public page of the plan' }),
  packages: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  deadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Legal publication deadline (UTC)',
  }),
  late: Type.Boolean(),
  lateByWorkingDays: Type.Integer({ description: 'Working days after the deadline (0 on time)' }),
});

const Invalid = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'invalid-plan (400) or plan-exists (409); others as usual' }),
    message: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'JSON pointer' }),
          message: Type.String(),
          messageVi: Type.String(),
        }),
      ),
    ),
  }),
});

const listed = (errors: PlanError[]) =>
  errors.map((e) => ({ path: e.path, message: e.messageEn, messageVi: e.messageVi }));

/** Registers `POST /publish/khlcnt` (mount under `/api/v1`). */
export const planApiRoutes: FastifyPluginAsyncTypebox<PlanApiOptions> = async (app, { database }) => {
  app.post(
    '/publish/khlcnt',
    {
      onRequest: requirePublisher,
      preValidation: verifyCsrf,
      // The schema documents the body; checkPlanInput validates it and reports every error at once.
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: {
        tags: ['publish'],
        summary: 'Publish a procurement plan (đăng tải KHLCNT) with its packages',
        body: PlanBody,
        response: {
          201: Published,
          400: Invalid,
          401: ErrorSchema,
          403: ErrorSchema,
          409: Invalid,
          500: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const who = principalOf(request);
      const now = new Date();
      const checked = checkPlanInput(request.body, vnToday(now));
      if (!checked.ok) {
        return reply.code(400).send({
          error: {
            code: 'invalid-plan',
            message: `${checked.errors.length} field(s) invalid.`,
            errors: listed(checked.errors),
          },
        });
      }
      try {
        const done = await publishPlanAs(database, who, checked.plan, now);
        return reply.code(201).send({
          planNo: done.planNo,
          version: done.version,
          url: `/khlcnt/${done.planNo}`,
          packages: done.packageIds.length,
          publishedAt: now.toISOString(),
          deadline: done.deadline?.toISOString() ?? null,
          late: done.late,
          lateByWorkingDays: done.lateBy,
        });
      } catch (e) {
        if (!(e instanceof PlanRefusal)) throw e;
        return reply.code(e.status).send({
          error: {
            code: e.status === 409 ? 'plan-exists' : 'invalid-plan',
            message: e.errors.map((x) => x.messageEn).join(' '),
            errors: listed(e.errors),
          },
        });
      }
    },
  );
};
