/**
 * Reading the release store: the change feed of the portal's own releases (never skips, never
 * repeats), the records of one ocid, and a batched scan for the bulk download.
 *
 * Change stamp and watermark: every stored row carries the writer's transaction id (`xid`) and a
 * sequence number (`seq`). Pages are ordered by `(xid, seq)` and hold only rows whose xid is below
 * `pg_snapshot_xmin(pg_current_snapshot())` — the oldest transaction still running. Every transaction
 * that has not committed yet has an xid at or above that watermark (or gets one later, larger still),
 * so once a reader has passed a position, no row can ever appear before it: nothing is skipped, and
 * the cursor (the last row's stamp) never returns a row twice. A long transaction delays the feed
 * (rows behind it wait), it never loses rows. The same holds on PGlite (one connection: no writer is
 * ever running while the reader reads) and on PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/generated/db.ts';

/** A position in the feed: the stamp of the last row read. */
export interface FeedCursor {
  xid: number;
  seq: number;
}

/** The start of the feed. */
export const FEED_START: FeedCursor = { xid: 0, seq: 0 };

/** A cursor string that is not one the feed handed out. */
export class CursorError extends Error {
  constructor() {
    super('The cursor is not one this feed handed out; start again without a cursor.');
    this.name = 'CursorError';
  }
}

const CURSOR_TAG = 'f1';

/** The opaque cursor string of `c` (base64url; callers must not parse it). */
export function encodeCursor(c: FeedCursor): string {
  return Buffer.from(`${CURSOR_TAG}.${c.xid}.${c.seq}`, 'utf8').toString('base64url');
}

/** The position of a cursor string. @throws CursorError for anything not made by `encodeCursor`. */
export function decodeCursor(text: string): FeedCursor {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) throw new CursorError();
  const m = /^f1\.(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!m) throw new CursorError();
  return { xid: Number(m[1]), seq: Number(m[2]) };
}

/** One stored release as read for publication. */
export interface StoredRelease {
  seq: number;
  xid: number;
  ocid: string;
  releaseId: string;
  /** The release as stored: JSON text, exactly as published. */
  text: string;
}

/** A page of the feed and the cursor to continue from (the same cursor when the page is empty). */
export interface FeedPage {
  releases: StoredRelease[];
  next: FeedCursor;
  /** The watermark the page was read under (transaction ids below it are final). */
  watermark: number;
}

/**
 * The portal's own releases after `after` in change-stamp order, at most `limit` (1–1000), under the
 * watermark. One statement: its snapshot decides both what is visible and the watermark.
 */
export async function readFeed(db: Kysely<DB>, after: FeedCursor, limit: number): Promise<FeedPage> {
  const rows = await sql<{
    seq: number;
    xid: number;
    ocid: string;
    release_id: string;
    doc: string;
    w: number;
  }>`
    WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS w)
    SELECT r.seq, r.xid, r.ocid, r.release_id, r.document::text AS doc, w.w
      FROM w LEFT JOIN LATERAL (
        SELECT seq, xid, ocid, release_id, document FROM ocds_release
         WHERE is_own AND xid < w.w AND (xid, seq) > (${after.xid}::bigint, ${after.seq}::bigint)
         ORDER BY xid, seq
         LIMIT ${limit}
      ) r ON true`.execute(db);
  const watermark = Number(rows.rows[0]?.w ?? 0);
  const releases = rows.rows
    .filter((r) => r.seq !== null)
    .map((r) => ({
      seq: Number(r.seq),
      xid: Number(r.xid),
      ocid: r.ocid,
      releaseId: r.release_id,
      text: r.doc,
    }));
  const last = releases.at(-1);
  return { releases, next: last ? { xid: last.xid, seq: last.seq } : after, watermark };
}

/**
 * Every own release in change-stamp order, read in batches of `batch` (memory holds one batch):
 * for the bulk download. Rows stored while the scan runs appear if they pass the watermark in time.
 */
export async function* scanReleases(db: Kysely<DB>, batch = 500): AsyncGenerator<StoredRelease> {
  let after = FEED_START;
  for (;;) {
    const page = await readFeed(db, after, batch);
    yield* page.releases;
    if (page.releases.length < batch) return;
    after = page.next;
  }
}

/**
 * The releases of `ocid` (own or imported) as JSON texts, ordered by release date then storing order;
 * with the publisher of the first one. Empty when the ocid is unknown.
 */
export async function readRecordReleases(
  db: Kysely<DB>,
  ocid: string,
): Promise<{ texts: string[]; isOwn: boolean; publisher: string | null }> {
  const rows = await sql<{ doc: string; is_own: boolean; publisher: string }>`
    SELECT document::text AS doc, is_own, publisher FROM ocds_release
     WHERE ocid = ${ocid} ORDER BY release_date, seq`.execute(db);
  return {
    texts: rows.rows.map((r) => r.doc),
    isOwn: rows.rows[0]?.is_own ?? true,
    publisher: rows.rows[0]?.publisher ?? null,
  };
}
