/**
 * `GET /api/ledger`: the public publication ledger, page by page (keyset paging on seq). Each entry
 * carries its document, so a copy saved from these pages can be verified by anyone with
 * `minhbach ledger verify --file` or their own implementation of docs/ledger.md.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/connect.ts';
import { LEDGER_FORMAT } from '../../audit/ledger.ts';
import { ledgerHead, readLedgerPage } from '../../audit/ledger-store.ts';
import { requirePlainDigits } from '../strict-query.ts';
import { ERROR_RESPONSES } from './schemas/common.ts';

/** Options of the ledger API plugin. */
export interface LedgerApiOptions {
  database: Database;
}

const Hash = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });

const EntrySchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'Position in the chain: 1, 2, 3, …' }),
    kind: Type.String({ description: 'What was published, e.g. ocds-release' }),
    ref: Type.String({ description: 'Key of the publication within its kind, e.g. <ocid>/<release id>' }),
    publishedAt: Type.String({
      format: 'date-time',
      description: 'When it was appended (ISO-8601 UTC, milliseconds)',
    }),
    contentHash: Hash('sha256 of the RFC 8785 canonical JSON of document'),
    prevHash: Hash('hash of the previous entry (64 zeros for seq 1)'),
    hash: Hash(
      'entry hash: sha256 over the format tag, seq, kind, ref, publishedAt, contentHash, prevHash (docs/ledger.md)',
    ),
    document: Type.Unknown({ description: 'The published document (any JSON)' }),
  },
  { description: 'One ledger entry' },
);

const QuerySchema = Type.Object({
  after: Type.Optional(
    Type.Integer({
      minimum: 0,
      default: 0,
      description: 'Entries with seq greater than this (0 = from the start)',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Entries per page (1–1000, default 100)',
    }),
  ),
});

const PageSchema = Type.Object({
  format: Type.Literal(LEDGER_FORMAT, { description: 'Hash layout version (docs/ledger.md)' }),
  count: Type.Integer({ description: 'Entries in the whole ledger' }),
  head: Type.Union(
    [Type.Object({ seq: Type.Integer(), hash: Hash('hash of the last entry') }), Type.Null()],
    {
      description: 'The last entry of the ledger (null when empty): keep it to check later copies against',
    },
  ),
  entries: Type.Array(EntrySchema),
  links: Type.Object({
    self: Type.String(),
    next: Type.Union([Type.String(), Type.Null()], { description: 'The next page, null on the last' }),
  }),
});

/** Registers `GET` on the plugin's prefix itself (`/api/ledger`). */
export const ledgerApiRoutes: FastifyPluginAsyncTypebox<LedgerApiOptions> = async (app, { database }) => {
  requirePlainDigits(app, ['after', 'limit']);
  app.get(
    '',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The publication ledger (hash chain), page by page',
        description:
          'Every publication in the order it was published, each entry with its document, its content hash ' +
          '(sha256 of RFC 8785 canonical JSON) and the hash of the previous entry. Page with `after` = the ' +
          'last seq seen. Save the pages and run `minhbach ledger verify --file` (or docs/ledger.md) to ' +
          'check that nothing was altered, removed, inserted or reordered.',
        querystring: QuerySchema,
        response: { 200: PageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const after = request.query.after ?? 0;
      const limit = request.query.limit ?? 100;
      const [rows, { count, head }] = await Promise.all([
        readLedgerPage(database.db, after, limit),
        ledgerHead(database.db),
      ]);
      const last = rows[rows.length - 1];
      return {
        format: LEDGER_FORMAT,
        count,
        head,
        entries: rows.map(({ documentText, ...e }) => ({
          ...e,
          document: JSON.parse(documentText) as unknown,
        })),
        links: {
          self: `/api/ledger?after=${after}&limit=${limit}`,
          next: last && head && last.seq < head.seq ? `/api/ledger?after=${last.seq}&limit=${limit}` : null,
        },
      };
    },
  );
};
