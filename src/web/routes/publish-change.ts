/**
 * The change forms of a notice published on minhbach, `GET|POST /dang-tai/tbmt/:no/{slug}`:
 * `gia-han` extension, `huy` cancellation, `mo-thau` bid-opening record, `ket-qua` result, `hop-dong`
 * contract. The GET shows the empty form (the result's bidder rows filled from the bid-opening
 * record), the POST saves a draft (→ 303 to `/dang-tai/ban-nhap/{id}`,
 * where it is checked and published). Both refuse a publisher of another agency with 403
 * `forbidden-agency` (only the agency that published the notice, or a unit above it, changes it).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getTbmtStory } from '../../procurement/queries/story.ts';
import { resultFormFromOpening } from './publish-form.ts';
import { formOf, NoParams, type PublishKit } from './publish-kit.tsx';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** The change kinds with a form, and the last segment of their URL. */
export const CHANGE_SLUGS = [
  ['extension', 'gia-han'],
  ['cancellation', 'huy'],
  ['opening', 'mo-thau'],
  ['result', 'ket-qua'],
  ['contract', 'hop-dong'],
] as const;

/** Registers the change forms on `app` (called by the publishing pages plugin). */
export async function changeRoutes(app: App, kit: PublishKit): Promise<void> {
  for (const [kind, slug] of CHANGE_SLUGS) {
    app.get(
      `/dang-tai/tbmt/:no/${slug}`,
      { onRequest: kit.write.onRequest, schema: { hide: true, params: NoParams } },
      async (request, reply) => {
        await kit.ownNotice(request, request.params.no);
        // The result starts from the bidders of the bid-opening record, when there is one.
        const opening =
          kind === 'result' ? (await getTbmtStory(kit.db, request.params.no))?.opening?.bidders : undefined;
        return kit.renderChange(request, reply, {
          kind,
          notifyNo: request.params.no,
          action: `/dang-tai/tbmt/${request.params.no}/${slug}`,
          values: opening ? resultFormFromOpening(opening) : {},
          errors: {},
          findings: [],
        });
      },
    );
    app.post(
      `/dang-tai/tbmt/:no/${slug}`,
      { ...kit.write, schema: { hide: true, params: NoParams } },
      async (request, reply) => {
        const cur = await kit.ownNotice(request, request.params.no);
        const payload = { ...(kit.changePayload(kind, formOf(request)) ?? {}), notifyNo: request.params.no };
        return kit.createAndShow(request, reply, { agencyCode: cur.agencyCode, kind, payload });
      },
    );
  }
}
