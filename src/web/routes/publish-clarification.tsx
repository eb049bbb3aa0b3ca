/**
 * The clarification form of a notice published on minhbach (làm rõ hồ sơ mời thầu):
 * - `GET /dang-tai/tbmt/:no/lam-ro` the form (a publisher of the notice's agency or a unit above it);
 * - `POST /dang-tai/tbmt/:no/lam-ro` (with `_csrf`) publishes it at once: first checked without
 *   writing anything (400 with each field's error, 409 with the law's blocking finding, e.g. after
 *   closing), then a `clarification` draft is created and published through `publishDraft` (so it
 *   gets its law flags, its OCDS release and its ledger entry) → 303 to `/tbmt/{no}#lam-ro`.
 * Another agency's publisher gets 403 on both; a notice not published on minhbach is a 404.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadWorkingCalendar } from '../../calendar-admin/overrides.ts';
import { clarificationDeadlines, type Finding } from '../../compliance/law/index.ts';
import type { Database } from '../../db/connect.ts';
import { checkClarificationPublication, clarificationTimeErrors } from '../../publishing/clarification.ts';
import { createDraft } from '../../publishing/drafts.ts';
import { PublishError } from '../../publishing/errors.ts';
import { loadNoticeState, noticeFactsOf, type NoticeState } from '../../publishing/notice-state.ts';
import { publishDraft } from '../../publishing/publish.ts';
import { validatePayload, type FieldError } from '../../publishing/schemas.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { assertCanPublishFor, principalOf, requireAccount, requireRole } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import type { FormErrors } from '../pages/account-forms.tsx';
import { CLARIFICATION_LABELS, ClarificationFormPage } from '../pages/clarification-form.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';
import { vnDayToIso } from './publish-form.ts';

/** Options of the clarification form plugin. */
export interface ClarificationRouteOptions {
  database: Database;
}

const HTML = 'text/html; charset=utf-8';
const NoParams = Type.Object({ no: Type.String({ pattern: '^IB[0-9]{10}$' }) });
const FIELDS = ['question', 'requestReceivedDate', 'answer', 'documentNo', 'documentDate'] as const;

/** The form's strings (first of repeated fields, at most 10 000 characters each). */
function formOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const k of FIELDS) {
    const v = body[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s.slice(0, 10_001);
  }
  return out;
}

/** The form → a `clarification` payload of notice `no` (empty fields omitted, so they are named). */
export function clarificationFormToPayload(
  form: Record<string, string>,
  no: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { notifyNo: no };
  for (const k of FIELDS) {
    const v = (form[k] ?? '').trim();
    if (v !== '') out[k] = k.endsWith('Date') ? vnDayToIso(v) : v;
  }
  return out;
}

/** Field errors (JSON pointers) → form errors by field name, with the field's label. */
function toFormErrors(errors: FieldError[]): FormErrors {
  const out: FormErrors = {};
  for (const e of errors) {
    const name = e.path.split('/')[1] || '_form';
    out[name] ??=
      name in CLARIFICATION_LABELS ? `${CLARIFICATION_LABELS[name]}: ${e.messageVi}` : e.messageVi;
  }
  return out;
}

/** Registers the clarification form. */
export const clarificationRoutes: FastifyPluginAsyncTypebox<ClarificationRouteOptions> = async (
  app,
  { database },
) => {
  const db = database.db;
  const onRequest = [requireAccount, requireRole('publisher')];

  /** The notice `no` as it stands, after checking the caller may publish for its agency (403). */
  const noticeFor = async (request: FastifyRequest, no: string): Promise<NoticeState> => {
    const state = await db.transaction().execute(async (tx) => {
      const s = await loadNoticeState(tx, no);
      if (s?.ownerAgency) await assertCanPublishFor(tx, principalOf(request), s.ownerAgency);
      return s;
    });
    if (!state?.ownerAgency) {
      throw notFound('notice published on minhbach', 'thông báo mời thầu đăng trên minhbach');
    }
    return state;
  };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: NoticeState,
    extra: { values?: Record<string, string>; errors?: FormErrors; findings?: Finding[] },
    status = 200,
  ) =>
    reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <ClarificationFormPage
            ctx={await pageContext(database, request)}
            csrf={csrfToken(request, reply)}
            notifyNo={state.notifyNo}
            name={state.name}
            closeAt={state.bidCloseAt}
            deadlines={
              state.bidCloseAt
                ? clarificationDeadlines(noticeFactsOf(state), state.bidCloseAt, {
                    calendar: await loadWorkingCalendar(db),
                  })
                : {}
            }
            values={extra.values ?? {}}
            errors={extra.errors ?? {}}
            findings={extra.findings ?? []}
          />,
        ),
      );

  app.get(
    '/dang-tai/tbmt/:no/lam-ro',
    { onRequest, schema: { hide: true, params: NoParams } },
    async (request, reply) => render(request, reply, await noticeFor(request, request.params.no), {}),
  );

  app.post(
    '/dang-tai/tbmt/:no/lam-ro',
    { onRequest, preValidation: verifyCsrf, schema: { hide: true, params: NoParams } },
    async (request, reply) => {
      const no = request.params.no;
      const state = await noticeFor(request, no);
      const values = formOf(request);
      const payload = clarificationFormToPayload(values, no);
      const now = new Date();
      if (state.cancelled) {
        return render(
          request,
          reply,
          state,
          { values, errors: { _form: 'Thông báo đã bị hủy: không thể đăng làm rõ.' } },
          409,
        );
      }
      // Checked before anything is written: a refused clarification leaves no draft behind.
      const invalid = validatePayload('clarification', payload);
      const errors = invalid.length > 0 ? invalid : clarificationTimeErrors(payload, state, now);
      if (errors.length > 0)
        return render(request, reply, state, { values, errors: toFormErrors(errors) }, 400);
      const outcome = checkClarificationPublication(payload, state, now, await loadWorkingCalendar(db));
      if (outcome.blocked) return render(request, reply, state, { values, findings: outcome.findings }, 409);
      const who = principalOf(request);
      try {
        const d = await db
          .transaction()
          .execute((tx) =>
            createDraft(tx, who, { agencyCode: state.ownerAgency!, kind: 'clarification', payload }),
          );
        await publishDraft(db, who, d.id, { now });
      } catch (e) {
        if (!(e instanceof PublishError)) throw e;
        const detail = e.detail;
        if (detail.code === 'invalid-payload')
          return render(request, reply, state, { values, errors: toFormErrors(detail.errors) }, 400);
        if (detail.code === 'law-blocked')
          return render(request, reply, state, { values, findings: detail.findings }, 409);
        return render(
          request,
          reply,
          state,
          { values, errors: { _form: e.messageVi } },
          detail.code === 'forbidden-agency' ? 403 : 409,
        );
      }
      return reply.redirect(`/tbmt/${no}#lam-ro`, 303);
    },
  );
};
