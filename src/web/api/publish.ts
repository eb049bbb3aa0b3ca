/**
 * The publishing API (`/api/v1/publish/…`, OpenAPI tag `publish`): agencies create and edit private
 * drafts and publish them, by API token (`Authorization: Bearer mb_…`) or by session with the
 * `X-CSRF-Token` header. Answers: 400 with every field path, 401, 403 for another agency, 404, 409 for
 * law blocks (every finding with its citation) and illegal transitions (naming the allowed ones).
 * See docs/publishing.md.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Transaction } from 'kysely';
import type { Principal } from '../../accounts/access.ts';
import type { DB } from '../../db/generated/db.ts';
import type { Database } from '../../db/connect.ts';
import {
  assertPublisherOf,
  createDraft,
  getDraft,
  listDrafts,
  updateDraft,
  type Draft,
} from '../../publishing/drafts.ts';
import { loadNoticeState } from '../../publishing/notice-state.ts';
import { listDraftDocuments } from '../../publishing/documents/store.ts';
import { PublishError } from '../../publishing/errors.ts';
import { checkDraft, publishDraft, type Published } from '../../publishing/publish.ts';
import { PUBLICATION_KINDS } from '../../publishing/schemas.ts';
import { verifyCsrf } from '../auth/csrf.ts';
import { forbiddenAgency } from '../auth/errors.ts';
import { principalOf, requirePrincipal, requirePublisher, requireRole } from '../auth/guards.ts';
import { documentJson } from './publish-documents-io.ts';
import { toJson } from './schemas/common.ts';

/** Options of the publishing API plugin. */
export interface PublishApiOptions {
  database: Database;
}

const STATUS: Record<PublishError['detail']['code'], number> = {
  'invalid-payload': 400,
  'forbidden-agency': 403,
  'not-found': 404,
  'law-blocked': 409,
  'illegal-transition': 409,
  conflict: 409,
};

/** The JSON answer of a refused publishing action. */
export function sendPublishError(reply: FastifyReply, e: PublishError, draftId?: number) {
  const d = e.detail;
  if (d.code === 'forbidden-agency') throw forbiddenAgency(d.refusal);
  const extra =
    d.code === 'invalid-payload'
      ? { errors: d.errors }
      : d.code === 'law-blocked'
        ? { findings: d.findings }
        : d.code === 'illegal-transition'
          ? { status: d.status, allowedTransitions: d.allowed }
          : {};
  return reply.code(STATUS[d.code]).send({
    error: { code: d.code, message: e.message, messageVi: e.messageVi, ...extra },
    ...(draftId !== undefined ? { draftId } : {}),
  });
}

function draftJson(d: Draft) {
  return toJson({ ...d, url: `/api/v1/publish/drafts/${d.id}` });
}

function publishedJson(p: Published) {
  return toJson({
    notifyNo: p.notifyNo,
    ref: p.ref,
    url: `/tbmt/${p.notifyNo}`,
    flags: p.flags,
    late: p.late,
    draft: { id: p.draft.id, status: p.draft.status, publishedAt: p.draft.publishedAt },
  });
}

const Kind = Type.Union(
  PUBLICATION_KINDS.map((k) => Type.Literal(k)),
  { description: 'tbmt, amendment, extension, cancellation, opening, result, contract' },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });
const Payload = Type.Unknown({
  description: 'The publication (see the schema of its kind below); a draft may be incomplete',
});
const DraftBody = Type.Object({
  agencyCode: Type.String({ minLength: 1, maxLength: 64, description: 'The publishing agency (org code)' }),
  kind: Kind,
  payload: Payload,
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
const UpdateBody = Type.Object({ payload: Payload, _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
const DirectBody = Type.Object({
  agencyCode: Type.String({ minLength: 1, maxLength: 64 }),
  payload: Payload,
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

const asObject = (p: unknown): Record<string, unknown> =>
  p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};

/**
 * Refuses (PublishError 403 `forbidden-agency`) a payload whose `notifyNo` names a notice published on
 * minhbach by an agency the caller may not publish for, before any draft is written: agency Y cannot
 * even keep a draft changing agency X's notice (publishing it would be refused anyway).
 */
async function assertOwnNotice(tx: Transaction<DB>, who: Principal, payload: Record<string, unknown>) {
  const no = payload.notifyNo;
  const owner =
    typeof no === 'string' && no.length <= 64 ? (await loadNoticeState(tx, no))?.ownerAgency : null;
  if (owner) await assertPublisherOf(tx, who, owner);
}

/** Registers the publishing routes (prefix `/api/v1/publish`). */
export const publishApiRoutes: FastifyPluginAsyncTypebox<PublishApiOptions> = async (app, { database }) => {
  const db = database.db;
  const write = { onRequest: requirePublisher, preValidation: verifyCsrf };
  const read = { onRequest: [requirePrincipal, requireRole('publisher', 'monitor')] };

  const run = async <T>(reply: FastifyReply, fn: () => Promise<T>, draftId?: number) => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof PublishError) {
        await sendPublishError(reply, e, draftId);
        return undefined;
      }
      throw e;
    }
  };

  app.get(
    '/drafts',
    { ...read, schema: { tags: ['publish'], summary: 'Drafts and publications the caller may see' } },
    async (request) => ({ items: (await listDrafts(db, principalOf(request))).map(draftJson) }),
  );

  app.get(
    '/drafts/:id',
    { ...read, schema: { tags: ['publish'], summary: 'One draft', params: IdParams } },
    async (request, reply) =>
      run(reply, async () => {
        const draft = await getDraft(db, principalOf(request), Number(request.params.id));
        return { ...draftJson(draft), documents: (await listDraftDocuments(db, draft.id)).map(documentJson) };
      }),
  );

  app.post(
    '/drafts',
    {
      ...write,
      schema: {
        tags: ['publish'],
        summary: 'Create a private draft for an agency',
        description: 'The payload is stored as sent and validated when published (or by /check).',
        body: DraftBody,
      },
    },
    async (request, reply) => {
      const b = request.body;
      const draft = await run(reply, () =>
        db.transaction().execute(async (tx) => {
          await assertOwnNotice(tx, principalOf(request), asObject(b.payload));
          return createDraft(tx, principalOf(request), {
            agencyCode: b.agencyCode,
            kind: b.kind,
            payload: asObject(b.payload),
          });
        }),
      );
      if (draft) return reply.code(201).send(draftJson(draft));
    },
  );

  app.put(
    '/drafts/:id',
    {
      ...write,
      schema: {
        tags: ['publish'],
        summary: 'Replace the payload of a draft',
        description: 'Allowed only while the draft is a draft (409 illegal-transition once published).',
        params: IdParams,
        body: UpdateBody,
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const draft = await run(reply, () =>
        db.transaction().execute(async (tx) => {
          await assertOwnNotice(tx, principalOf(request), asObject(request.body.payload));
          return updateDraft(tx, principalOf(request), id, asObject(request.body.payload));
        }),
      );
      if (draft) return draftJson(draft);
    },
  );

  app.post(
    '/drafts/:id/check',
    {
      ...write,
      schema: {
        tags: ['publish'],
        summary: 'Validate a draft and check it against the law, without publishing',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const outcome = await run(reply, () => checkDraft(db, principalOf(request), Number(request.params.id)));
      if (outcome) return toJson(outcome);
    },
  );

  app.post(
    '/drafts/:id/publish',
    {
      ...write,
      schema: {
        tags: ['publish'],
        summary: 'Publish a draft (deliberate, final)',
        description:
          'Checks the right, the payload and the law (regime from the documents issue date, working-day ' +
          'calendar). A block finding refuses with 409 law-blocked and every finding; flags and lateness ' +
          'are recorded with the publication. Transitions: draft → published only.',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const published = await run(reply, () => publishDraft(db, principalOf(request), id), id);
      if (published) return reply.code(201).send(publishedJson(published));
    },
  );

  for (const kind of PUBLICATION_KINDS) {
    app.post(
      `/${kind}`,
      {
        ...write,
        schema: {
          tags: ['publish'],
          summary: `Publish a ${kind} at once (draft + publish)`,
          description:
            'Creates the draft and publishes it. When publication is refused the draft is kept and its ' +
            'id returned (draftId) so it can be corrected. Payload fields: docs/publishing.md.',
          body: DirectBody,
        },
      },
      async (request, reply) => {
        const who = principalOf(request);
        const payload = asObject(request.body.payload);
        const draft = await run(reply, () =>
          db.transaction().execute(async (tx) => {
            await assertOwnNotice(tx, who, payload);
            return createDraft(tx, who, { agencyCode: request.body.agencyCode, kind, payload });
          }),
        );
        if (!draft) return;
        const published = await run(reply, () => publishDraft(db, who, draft.id), draft.id);
        if (published) return reply.code(201).send(publishedJson(published));
      },
    );
  }
};
