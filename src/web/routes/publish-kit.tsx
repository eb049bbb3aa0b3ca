/**
 * What the publishing page routes share (`publish.tsx` drafts/TBMT/amendment, `publish-change.tsx`
 * the change forms): the access hooks, the renderers of the notice and change forms, the form ↔
 * payload of a draft by kind, the refusal → form mapping, and loading a draft or a notice with the
 * caller's right checked (another agency's → 403, as `assertCanPublishFor`).
 */
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { publishRefusal } from '../../accounts/access.ts';
import { listAgencies } from '../../accounts/agencies.ts';
import type { Database } from '../../db/connect.ts';
import { agencyAndSubUnitCodes } from '../../procurement/queries/agency-tree.ts';
import { createDraft, getDraft, type Draft } from '../../publishing/drafts.ts';
import { PublishError } from '../../publishing/errors.ts';
import { loadNoticeState } from '../../publishing/notice-state.ts';
import { planPackageOptions } from '../../publishing/plan-link.ts';
import type { PublicationKind } from '../../publishing/schemas.ts';
import { csrfToken, verifyCsrf } from '../auth/csrf.ts';
import { forbiddenAgency } from '../auth/errors.ts';
import { principalOf, requireAccount, requireRole } from '../auth/guards.ts';
import { notFound } from '../errors.ts';
import type { FormErrors } from '../pages/account-forms.tsx';
import { CHANGE_FIELDS, ChangeFormPage, type ChangeView } from '../pages/publish-change.tsx';
import { NoticeFormPage, type NoticeFormView } from '../pages/publish.tsx';
import { renderPage } from '../render.ts';
import { pageContext } from './pages.tsx';
import {
  fieldErrorsToForm,
  formToPayload,
  noticeFormToPayload,
  payloadToForm,
  resultFormToPayload,
  resultPayloadToForm,
} from './publish-form.ts';
import { ADD_ROWS, type RowGroup } from './publish-notice-form.ts';
import { openingFormToPayload, openingPayloadToForm } from './publish-opening.ts';

export const HTML = 'text/html; charset=utf-8';
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
export const NoParams = Type.Object({ no: Type.String({ pattern: '^IB[0-9]{10}$' }) });
/** `?them=lots` after "Thêm dòng": show more empty rows of that group. */
export const AddRowsQuery = Type.Object({
  them: Type.Optional(Type.Union([Type.Literal('lots'), Type.Literal('locations')])),
});

/** Form body as strings only (repeated fields: the first). */
export function formOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string') out[k] = s.slice(0, 5000);
  }
  return out;
}

/** Where to go after saving a draft: its page, with more rows when "Thêm dòng" was pressed. */
export function draftLocation(id: number, form: Record<string, string>): string {
  const add = form._addRows;
  return add === 'lots' || add === 'locations'
    ? `/dang-tai/ban-nhap/${id}?them=${add}#dt-${add}`
    : `/dang-tai/ban-nhap/${id}`;
}

const NOTICE_MISSING = ['notice published on minhbach', 'thông báo mời thầu đăng trên minhbach'] as const;

type Extra = { errors?: FormErrors; findings?: NoticeFormView['findings']; addRows?: RowGroup };

/** The helpers bound to `database`. */
export function publishKit(database: Database) {
  const db = database.db;
  const read = { onRequest: [requireAccount, requireRole('publisher', 'monitor')] };
  const write = { onRequest: [requireAccount, requireRole('publisher')], preValidation: verifyCsrf };

  const agencyOptions = async (request: FastifyRequest) => {
    const own = principalOf(request).agencyCode;
    if (!own) return [];
    const allowed = new Set(await agencyAndSubUnitCodes(db, own));
    return (await listAgencies(db)).filter((a) => allowed.has(a.code)).map((a) => [a.code, a.name] as const);
  };

  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: preact.JSX.Element,
    status: number,
  ) => reply.code(status).type(HTML).header('cache-control', 'no-store').send(renderPage(page));

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<NoticeFormView, 'ctx' | 'csrf' | 'agencies' | 'planPackages'>,
    status = 200,
  ) => {
    const own = principalOf(request).agencyCode;
    const planPackages =
      view.kind === 'tbmt' && own && view.draft?.status !== 'published'
        ? await planPackageOptions(db, own)
        : [];
    return send(
      request,
      reply,
      <NoticeFormPage
        {...view}
        ctx={await pageContext(database, request)}
        csrf={csrfToken(request, reply)}
        agencies={await agencyOptions(request)}
        planPackages={planPackages}
      />,
      status,
    );
  };

  /** Notice `no` as it stands (closing and opening in force after extensions), for the extension form. */
  const noticeNow = (no: string) => db.transaction().execute((tx) => loadNoticeState(tx, no));

  const renderChange = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<ChangeView, 'ctx' | 'csrf'>,
    status = 200,
  ) =>
    send(
      request,
      reply,
      <ChangeFormPage
        {...view}
        inForce={view.kind === 'extension' ? ((await noticeNow(view.notifyNo)) ?? undefined) : undefined}
        ctx={await pageContext(database, request)}
        csrf={csrfToken(request, reply)}
      />,
      status,
    );

  /** The form values of a change draft of `kind`. */
  const changeValues = (kind: Draft['kind'], payload: Record<string, unknown>) =>
    kind === 'result'
      ? resultPayloadToForm(payload)
      : kind === 'opening'
        ? openingPayloadToForm(payload)
        : payloadToForm(payload);

  /** The page of draft `d` (its kind's form), with errors or findings. */
  const renderDraft = (
    request: FastifyRequest,
    reply: FastifyReply,
    d: Draft,
    extra: Extra = {},
    status = 200,
  ) =>
    d.kind === 'tbmt' || d.kind === 'amendment'
      ? renderForm(
          request,
          reply,
          {
            kind: d.kind === 'amendment' ? 'amendment' : 'tbmt',
            action: `/dang-tai/ban-nhap/${d.id}`,
            publishAction: `/dang-tai/ban-nhap/${d.id}/dang`,
            draft: d,
            values: { ...payloadToForm(d.payload), agencyCode: d.agencyCode },
            errors: extra.errors ?? {},
            findings: extra.findings ?? [],
            addRows: extra.addRows ? { [extra.addRows]: ADD_ROWS } : {},
          },
          status,
        )
      : renderChange(
          request,
          reply,
          {
            kind: d.kind,
            notifyNo: String(d.payload.notifyNo ?? ''),
            action: `/dang-tai/ban-nhap/${d.id}`,
            publishAction: `/dang-tai/ban-nhap/${d.id}/dang`,
            draft: d,
            values: changeValues(d.kind, d.payload),
            errors: extra.errors ?? {},
            findings: extra.findings ?? [],
          },
          status,
        );

  /**
   * The payload a form sends for a change of `kind` (without `notifyNo`), or null when this kind has
   * no form or the form sends none of its fields (the saved payload, e.g. made by the API, is kept).
   */
  const changePayload = (kind: PublicationKind, form: Record<string, string>) => {
    if (kind === 'result') return resultFormToPayload(form);
    if (kind === 'opening') return openingFormToPayload(form);
    const fields = CHANGE_FIELDS[kind as keyof typeof CHANGE_FIELDS]?.map(([n]) => n);
    if (!fields || !fields.some((n) => n in form)) return null;
    return formToPayload(form, fields);
  };

  /** The payload a form sends for draft `d` (null: keep its payload). */
  const payloadFromForm = (d: Draft, form: Record<string, string>): Record<string, unknown> | null => {
    if (d.kind === 'tbmt') return noticeFormToPayload(form, { plan: true });
    if (d.kind === 'amendment') {
      return {
        ...noticeFormToPayload(form, { plan: false }),
        notifyNo: d.payload.notifyNo,
        reason: form.reason?.trim() || undefined,
      };
    }
    const p = changePayload(d.kind, form);
    return p ? { ...p, notifyNo: d.payload.notifyNo } : null;
  };

  /** Runs `fn`; a refused action shows the form again (403 forbidden-agency goes to the error page). */
  const orForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    d: Draft | null,
    fn: () => Promise<FastifyReply>,
  ) => {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof PublishError)) throw e;
      const detail = e.detail;
      if (detail.code === 'forbidden-agency') throw forbiddenAgency(detail.refusal);
      if (detail.code === 'not-found' || !d) throw notFound('draft', 'bản nháp');
      if (detail.code === 'invalid-payload') {
        return renderDraft(request, reply, d, { errors: fieldErrorsToForm(detail.errors) }, 400);
      }
      if (detail.code === 'law-blocked') {
        return renderDraft(request, reply, d, { findings: detail.findings }, 409);
      }
      return renderDraft(request, reply, d, { errors: { _form: e.messageVi } }, 409);
    }
  };

  const loadDraft = async (request: FastifyRequest, id: string): Promise<Draft> => {
    try {
      return await getDraft(db, principalOf(request), Number(id));
    } catch (e) {
      if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
        throw forbiddenAgency(e.detail.refusal);
      if (e instanceof PublishError) throw notFound('draft', 'bản nháp');
      throw e;
    }
  };

  /**
   * The latest published content of notice `no` on minhbach with its agency, when the caller may
   * publish for that agency.
   * @throws HttpError 404 (no such notice published on minhbach), 403 `forbidden-agency`.
   */
  const ownNotice = async (request: FastifyRequest, no: string) => {
    const cur = await db
      .selectFrom('publication_draft')
      .select(['agency_code', 'payload'])
      .where('notify_no', '=', no)
      .where('status', '=', 'published')
      .where('kind', 'in', ['tbmt', 'amendment'])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!cur) throw notFound(...NOTICE_MISSING);
    const refusal = await publishRefusal(db, principalOf(request), cur.agency_code);
    if (refusal) throw forbiddenAgency(refusal);
    const payload = (typeof cur.payload === 'string' ? JSON.parse(cur.payload) : cur.payload) as Record<
      string,
      unknown
    >;
    return { agencyCode: cur.agency_code, payload };
  };

  /** Creates a draft and answers 303 to its page (403 for another agency). */
  const createAndShow = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: Parameters<typeof createDraft>[2],
  ) => {
    try {
      const d = await db.transaction().execute((tx) => createDraft(tx, principalOf(request), input));
      return reply.redirect(draftLocation(d.id, formOf(request)), 303);
    } catch (e) {
      if (e instanceof PublishError && e.detail.code === 'forbidden-agency')
        throw forbiddenAgency(e.detail.refusal);
      throw e;
    }
  };

  return {
    db,
    read,
    write,
    renderForm,
    renderChange,
    renderDraft,
    changePayload,
    payloadFromForm,
    orForm,
    loadDraft,
    ownNotice,
    createAndShow,
  };
}

/** The helpers' type, for the route files. */
export type PublishKit = ReturnType<typeof publishKit>;
