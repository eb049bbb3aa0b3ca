/**
 * `/to-chuc/{code}`: the organisation page (agency portal and contractor record, see
 * `pages/org.tsx`). `role` + `page` page one of its lists; bad parameters are a 400 page naming the
 * parameter; a tax code in the address redirects (301) to the organisation `vn` + tax code.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/connect.ts';
import {
  findOrgCodeByTaxCode,
  getOrgProfile,
  ORG_ROLES,
  type OrgRole,
} from '../../procurement/queries/org.ts';
import { PageNumber } from '../api/schemas/common.ts';
import { notFound } from '../errors.ts';
import { OrgPage } from '../pages/org.tsx';
import { renderPage } from '../render.ts';
import { knownQuery, requirePlainDigits } from '../strict-query.ts';
import { pageContext } from './pages.tsx';

/** Options of the organisation page plugin. */
export interface OrgPageOptions {
  database: Database;
}

const OrgPageQuery = Type.Object({
  role: Type.Optional(Type.Unsafe<OrgRole>({ type: 'string', enum: [...ORG_ROLES] })),
  page: Type.Optional(PageNumber),
});

/** Registers `GET /to-chuc/:code`. */
export const orgPageRoutes: FastifyPluginAsyncTypebox<OrgPageOptions> = async (app, { database }) => {
  const db = database.db;
  requirePlainDigits(app);
  app.get(
    '/to-chuc/:code',
    {
      schema: {
        hide: true,
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        querystring: OrgPageQuery,
      },
    },
    async (request, reply) => {
      const { role, page } = request.query;
      const [ctx, org] = await Promise.all([
        pageContext(database, request),
        getOrgProfile(db, request.params.code, { role, page }),
      ]);
      if (!org) {
        // A tax code (mã số thuế) is the national code without `vn`: go to that organisation.
        const canonical = await findOrgCodeByTaxCode(db, request.params.code);
        if (canonical) {
          return reply.redirect(
            `/to-chuc/${encodeURIComponent(canonical)}${knownQuery(request.url, ['role', 'page'])}`,
            301,
          );
        }
        throw notFound('organisation', `tổ chức có mã “${request.params.code.slice(0, 40)}”`);
      }
      return reply.type('text/html; charset=utf-8').send(renderPage(<OrgPage ctx={ctx} org={org} />));
    },
  );
};
