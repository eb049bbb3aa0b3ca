/**
 * Plans (KHLCNT) on the web: the public page `GET /khlcnt/:planNo`, the template
 * `GET /dang-tai/khlcnt/mau.xlsx`, and for publishers `GET /dang-tai/khlcnt` (page), `POST
 * /dang-tai/khlcnt` (web form → publish), `POST /dang-tai/khlcnt/tai-len` (multipart upload → cell
 * errors or preview; saves nothing), `POST /dang-tai/khlcnt/xac-nhan` (confirm the preview → publish).
 * Every POST: publisher → CSRF → check → one transaction (authorise, save, audit) → 303 to the plan.
 */
import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { parsePlanWorkbook, WorkbookError } from '../../plans/excel-parse.ts';
import { planTemplate } from '../../plans/excel-template.ts';
import { PLAN_ROWS } from '../../plans/excel-layout.ts';
import { checkPlanInput, type PlanInput } from '../../plans/input.ts';
import { PlanRefusal } from '../../plans/publish.ts';
import { getPlan } from '../../plans/queries.ts';
import { publishPlanAs, vnToday } from '../api/plan-publish.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { principalOf, requirePublisher } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import { PlanPage, planHref } from '../pages/plan.tsx';
import { FORM_PACKAGES, PlanPublishPage, type PlanPublishState } from '../pages/plan-publish.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';

/** Options of the plan pages plugin. */
export interface PlanRouteOptions {
  database: Database;
}

/** Largest accepted upload, bytes (2 MiB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const HTML = 'text/html; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 2000 }));
const ConfirmBody = Type.Object({
  payload: Type.String({ maxLength: 900_000 }),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

/** The web form's fields as the input object: plan keys, and rows `p{i}.{key}` that have any value. */
function formToInput(body: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const r of PLAN_ROWS) input[r.key] = body[r.key];
  const packages: Record<string, string>[] = [];
  for (let i = 0; i < FORM_PACKAGES; i++) {
    const p: Record<string, string> = {};
    for (const [k, v] of Object.entries(body))
      if (k.startsWith(`p${i}.`) && v.trim()) p[k.slice(k.indexOf('.') + 1)] = v;
    if (Object.keys(p).length > 0) packages.push(p);
  }
  input.packages = packages;
  return input;
}

/** Registers the plan pages. */
export const planRoutes: FastifyPluginAsyncTypebox<PlanRouteOptions> = async (app, { database }) => {
  // Scoped to this plugin: only the upload route reads multipart bodies.
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1000, parts: 6 },
  });

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: PlanPublishState,
  ) => {
    const ctx = await pageContext(database, request);
    return reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(renderPage(<PlanPublishPage ctx={ctx} csrf={csrfToken(request, reply)} state={state} />));
  };

  /** Publishes a checked plan; a refusal shows the page again with its errors. */
  const publish = async (
    request: FastifyRequest,
    reply: FastifyReply,
    plan: PlanInput,
    values?: Record<string, string>,
  ) => {
    try {
      const done = await publishPlanAs(database, principalOf(request), plan);
      return reply.redirect(planHref(done.planNo), 303);
    } catch (e) {
      if (!(e instanceof PlanRefusal)) throw e;
      return page(request, reply, e.status, { formErrors: e.errors, values });
    }
  };

  app.get(
    '/khlcnt/:planNo',
    { schema: { hide: true, params: Type.Object({ planNo: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      // The first version's number as the national system shows it (`PL…-00`) is the plan itself.
      const first = /^(PL\d{10})-00$/.exec(request.params.planNo);
      if (first) return reply.redirect(planHref(first[1]!), 301);
      // Only plan numbers are looked up: anything else (control characters included) is not found.
      const planNo = /^PL\d{10}(-\d{2})?$/.test(request.params.planNo) ? request.params.planNo : null;
      const [ctx, plan] = await Promise.all([
        pageContext(database, request),
        planNo ? getPlan(database.db, planNo) : null,
      ]);
      if (!plan) throw notFound('plan', `kế hoạch lựa chọn nhà thầu “${request.params.planNo}”`);
      return reply.type(HTML).send(renderPage(<PlanPage ctx={ctx} plan={plan} />));
    },
  );

  app.get('/dang-tai/khlcnt/mau.xlsx', { schema: { hide: true } }, async (_request, reply) => {
    return reply
      .type(XLSX)
      .header('content-disposition', 'attachment; filename="mau-khlcnt.xlsx"')
      .send(await planTemplate());
  });

  app.get(
    '/dang-tai/khlcnt',
    { schema: { hide: true }, onRequest: requirePublisher },
    async (request, reply) => page(request, reply, 200, {}),
  );

  app.post(
    '/dang-tai/khlcnt',
    { schema: { hide: true, body: FormBody }, onRequest: requirePublisher, preValidation: verifyCsrf },
    async (request, reply) => {
      const values = { ...request.body };
      delete values._csrf;
      const checked = checkPlanInput(formToInput(values), vnToday());
      if (!checked.ok) return page(request, reply, 400, { formErrors: checked.errors, values });
      return publish(request, reply, checked.plan, values);
    },
  );

  app.post(
    '/dang-tai/khlcnt/xac-nhan',
    { schema: { hide: true, body: ConfirmBody }, onRequest: requirePublisher, preValidation: verifyCsrf },
    async (request, reply) => {
      let raw: unknown;
      try {
        raw = JSON.parse(request.body.payload);
      } catch {
        raw = null;
      }
      // Checked again: the hidden field came back from the browser.
      const checked = checkPlanInput(raw, vnToday());
      if (!checked.ok) return page(request, reply, 400, { formErrors: checked.errors });
      return publish(request, reply, checked.plan);
    },
  );

  app.post(
    '/dang-tai/khlcnt/tai-len',
    { schema: { hide: true }, onRequest: requirePublisher },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return page(request, reply, 400, { fileError: 'Hãy chọn tệp .xlsx và gửi bằng biểu mẫu tải lên.' });
      }
      let bytes: Buffer | null = null;
      let filename = '';
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            // The form sends _csrf before the file: check it before reading any file content.
            if (part.fieldname === '_csrf') {
              (request as { body: unknown }).body = { _csrf: String(part.value) };
              await verifyCsrf(request);
            }
            continue;
          }
          if (!(request.body as { _csrf?: string } | undefined)?._csrf) await verifyCsrf(request);
          filename = part.filename;
          bytes = await part.toBuffer();
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          return page(request, reply, 413, {
            fileError: `Tệp lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; không nhận.`,
          });
        }
        if (code && /^FST_(FILES|PARTS|FIELDS)_LIMIT|^FST_INVALID_MULTIPART/.test(code)) {
          return page(request, reply, 400, {
            fileError: 'Biểu mẫu tải lên không hợp lệ: chỉ gửi một tệp .xlsx.',
          });
        }
        throw e;
      }
      if (!(request.body as { _csrf?: string } | undefined)?._csrf) await verifyCsrf(request);
      if (!bytes || bytes.length === 0)
        return page(request, reply, 400, { fileError: 'Chưa chọn tệp hoặc tệp rỗng.' });
      if (!/\.xlsx$/i.test(filename)) {
        return page(request, reply, 415, {
          fileError: `Chỉ nhận tệp .xlsx (tệp “${filename.slice(0, 100)}” không phải .xlsx).`,
        });
      }
      try {
        const parsed = await parsePlanWorkbook(bytes, vnToday());
        if (!parsed.ok) return page(request, reply, 400, { cellErrors: parsed.errors });
        return page(request, reply, 200, {
          preview: { plan: parsed.plan, payload: JSON.stringify(parsed.plan) },
        });
      } catch (e) {
        if (e instanceof WorkbookError) return page(request, reply, 400, { fileError: e.messageVi });
        throw e;
      }
    },
  );
};
