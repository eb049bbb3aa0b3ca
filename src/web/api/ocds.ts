/**
 * OCDS 1.1.5 open data (`/api/ocds/…`): the portal's releases as release packages (paged, and as a
 * change feed that never skips), one contracting process as a record package with its compiled
 * release, and every release as one gzipped JSON Lines download. Routes are thin: validate, read the
 * release store (src/opendata), present. See docs/ocds-mapping.md.
 */
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/connect.ts';
import { compileRelease, type MergeRules } from '../../ocds/merge/index.ts';
import { loadOcdsConfig } from '../../opendata/config.ts';
import {
  CursorError,
  decodeCursor,
  encodeCursor,
  FEED_START,
  readFeed,
  readRecordReleases,
  scanReleases,
  type FeedCursor,
} from '../../opendata/feed.ts';
import { packageMeta, recordPackageText, releasePackageText } from '../../opendata/packages.ts';
import { loadPortalMergeRules } from '../../opendata/schema.ts';
import { invalidParameter, notFound } from '../errors.ts';
import { requirePlainDigits } from '../strict-query.ts';
import { ERROR_RESPONSES } from './schemas/common.ts';

/** Options of the OCDS API plugin. */
export interface OcdsApiOptions {
  database: Database;
}

const PageQuery = (max: number, dflt: number) =>
  Type.Object({
    cursor: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          'Opaque position returned in links.next of the previous page; omit to start at the beginning',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: max, default: dflt, description: `Releases per page, 1–${max}` }),
    ),
  });

const OcidParams = Type.Object({
  ocid: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Open Contracting ID, e.g. ocds-mbhn01-BP2600105679',
  }),
});

const JSON_TYPE = 'application/json; charset=utf-8';

/** 200 bodies are JSON (or gzip) text built from the stored releases, documented here, not serialised. */
const Raw = (description: string) => ({ 200: Type.Unsafe<unknown>({ description }), ...ERROR_RESPONSES });

function cursorOf(text: string | undefined): FeedCursor {
  if (text === undefined || text === '') return FEED_START;
  try {
    return decodeCursor(text);
  } catch (err) {
    if (err instanceof CursorError) {
      throw invalidParameter(
        'cursor',
        'not a cursor this API handed out',
        'không phải con trỏ do API này trả về',
      );
    }
    throw err;
  }
}

/** Registers the `/api/ocds` routes. */
export const ocdsApiRoutes: FastifyPluginAsyncTypebox<OcdsApiOptions> = async (app, { database }) => {
  const db = database.db;
  const config = loadOcdsConfig();
  requirePlainDigits(app, ['limit']);
  // Package uri and links must be absolute (format uri): the configured public URL, else this request's host.
  const baseOf = (request: FastifyRequest) =>
    config.baseUrl ? config : { ...config, baseUrl: `${request.protocol}://${request.host}` };
  let rules: Promise<{ rules: MergeRules | null; reason?: string }> | null = null;
  const mergeRules = () => (rules ??= loadPortalMergeRules());

  app.get(
    '/releases',
    {
      schema: {
        tags: ['ocds'],
        summary: 'Release package of the portal’s releases, paged',
        description:
          'Every OCDS 1.1.5 release the portal published (one per publication: plan, notice, amendment, ' +
          'extension, cancellation, bid opening, result, contract), in change-stamp order, as a release ' +
          'package. links.next (absent on the last page) continues with an opaque cursor. Releases imported ' +
          'from other publishers are not included.',
        querystring: PageQuery(1000, 100),
        response: Raw('OCDS release package (release-package-schema.json) with links.next'),
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 100;
      const page = await readFeed(db, cursorOf(request.query.cursor), limit);
      const meta = packageMeta(baseOf(request), request.url, new Date());
      const next =
        page.releases.length === limit
          ? `${baseOf(request).baseUrl}/api/ocds/releases?cursor=${encodeCursor(page.next)}&limit=${limit}`
          : undefined;
      return reply.type(JSON_TYPE).send(
        releasePackageText(
          meta,
          page.releases.map((r) => r.text),
          next ? { next } : undefined,
        ),
      );
    },
  );

  app.get(
    '/feed',
    {
      schema: {
        tags: ['ocds'],
        summary: 'Change feed of the portal’s releases (never skips)',
        description:
          'Releases in the order they were stored (server-side change stamp: writer transaction id, then ' +
          'sequence), as a release package. links.next is always present: follow it until a page is empty, ' +
          'then poll it later. A release whose transaction is still committing is held back (watermark), so ' +
          'following links.next never skips nor repeats a release.',
        querystring: PageQuery(1000, 100),
        response: Raw('OCDS release package (release-package-schema.json) with links.next'),
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 100;
      const page = await readFeed(db, cursorOf(request.query.cursor), limit);
      const meta = packageMeta(baseOf(request), request.url, new Date());
      const next = `${baseOf(request).baseUrl}/api/ocds/feed?cursor=${encodeCursor(page.next)}&limit=${limit}`;
      return reply.type(JSON_TYPE).send(
        releasePackageText(
          meta,
          page.releases.map((r) => r.text),
          { next },
        ),
      );
    },
  );

  app.get(
    '/records/:ocid',
    {
      schema: {
        tags: ['ocds'],
        summary: 'Record package of one contracting process',
        description:
          'Every release of the ocid (embedded, by date) and the compiled release (OCDS merging with the ' +
          '1.1.5 schema and the bids, bidOpening and lots extensions; omitted when the server has no schema ' +
          'configured). Imported processes of other publishers are served too. 404 when unknown.',
        params: OcidParams,
        response: Raw('OCDS record package (record-package-schema.json) with one record'),
      },
    },
    async (request, reply) => {
      const { ocid } = request.params;
      const found = await readRecordReleases(db, ocid);
      if (found.texts.length === 0) throw notFound(`contracting process ${ocid.slice(0, 200)}`, 'quy trình');
      const { rules: r, reason } = await mergeRules();
      let compiled: object | null = null;
      if (r) {
        try {
          compiled = compileRelease(
            found.texts.map((t) => JSON.parse(t) as unknown),
            r,
          ).value;
        } catch (err) {
          request.log.warn({ err, ocid }, 'compiled release not built');
        }
      } else {
        request.log.warn({ reason }, 'no OCDS schema configured: record served without compiledRelease');
      }
      const meta = packageMeta(baseOf(request), request.url, new Date());
      // An imported process uses its publisher's extensions, which the store does not keep.
      if (!found.isOwn) delete meta.extensions;
      return reply.type(JSON_TYPE).send(recordPackageText(meta, ocid, found.texts, compiled));
    },
  );

  app.get(
    '/releases.jsonl.gz',
    {
      schema: {
        tags: ['ocds'],
        summary: 'Every release of the portal as gzipped JSON Lines (bulk download)',
        description:
          'One release per line, in change-stamp order, gzip-compressed; streamed (the server never holds ' +
          'the whole file). Package metadata: see /api/ocds/releases.',
        response: Raw('gzip of JSON Lines, one OCDS release per line'),
      },
    },
    async (request, reply) => {
      async function* lines() {
        for await (const r of scanReleases(db)) yield `${r.text}\n`;
      }
      // pipeline: gzip pulls lines only as fast as the client reads (backpressure); an error ends both.
      const body = pipeline(Readable.from(lines()), zlib.createGzip(), (err) => {
        if (err) request.log.error({ err }, 'bulk download failed');
      });
      return reply
        .type('application/gzip')
        .header('content-disposition', 'attachment; filename="minhbach-releases.jsonl.gz"')
        .send(body);
    },
  );
};
