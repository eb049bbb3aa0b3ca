/**
 * The published bidding documents (hồ sơ mời thầu) of a notice, for its story: name, type, size,
 * SHA-256 and the notice version each was published with (an amendment's documents supersede the
 * earlier ones; every version's stay listed). Never the bytes. Written by src/publishing/documents/.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import { compareVersions } from './notify-no.ts';

/** A published document of a notice. Size in bytes; time UTC. */
export interface StoryDocument {
  id: number;
  /** Version of the notice it was published with (`00`, `01`…). */
  version: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** Lower-case hex. */
  sha256: string;
  publishedAt: Date;
  /** Absolute URL recorded at publication (configured public URL), or null. */
  publicUrl: string | null;
}

/** The published documents of notice `notifyNo` (no version suffix), oldest version first. */
export async function loadStoryDocuments(db: Kysely<DB>, notifyNo: string): Promise<StoryDocument[]> {
  const rows = await db
    .selectFrom('publication_document')
    .select([
      'id',
      'version',
      'file_name',
      'media_type',
      'size_bytes',
      'sha256',
      'published_at',
      'public_url',
    ])
    .where('notify_no', '=', notifyNo)
    .where('published_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({
      id: Number(r.id),
      version: r.version ?? '00',
      fileName: r.file_name,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      publishedAt: new Date(r.published_at as unknown as string),
      publicUrl: r.public_url,
    }))
    .sort((a, b) => compareVersions(a.version, b.version) || a.id - b.id);
}
