/**
 * The bidding documents (hồ sơ mời thầu) an agency uploaded with a notice version on minhbach, as
 * OCDS `tender.documents` (documentType `biddingDocuments`). A version's release lists the documents
 * in force at that version: those published with it, or — when the version brought none — those of
 * the latest earlier version that did (an amendment's documents supersede the earlier ones).
 * OCDS 1.1.5 `Document` has no hash field: the SHA-256 and the size go in `description`.
 */
import { compareVersions } from '../../procurement/queries/notify-no.ts';
import type { StoryDocument } from '../../procurement/queries/story-documents.ts';
import type { TbmtStory, VersionView } from '../../procurement/queries/story-types.ts';
import { iso, type Obj } from './json.ts';

/** The documents in force at version `v` of `story` (empty when none were uploaded). */
export function documentsInForce(story: TbmtStory, v: VersionView): StoryDocument[] {
  const docs = story.documents ?? [];
  const upTo = docs.filter((d) => compareVersions(d.version, v.version) <= 0);
  const latest = upTo.reduce<string | null>(
    (m, d) => (m === null || compareVersions(d.version, m) > 0 ? d.version : m),
    null,
  );
  return latest === null ? [] : upTo.filter((d) => d.version === latest);
}

/** OCDS `Document` objects of the uploaded bidding documents in force at version `v`. */
export function biddingDocuments(story: TbmtStory, v: VersionView): Obj[] {
  return documentsInForce(story, v).map((d) => ({
    id: `${story.notifyNo}-tl-${d.id}`,
    documentType: 'biddingDocuments',
    title: d.fileName,
    description:
      `Hồ sơ mời thầu đăng cùng phiên bản ${story.notifyNo}-${d.version} (bidding documents); ` +
      `${d.sizeBytes} byte; SHA-256: ${d.sha256}`,
    url: d.publicUrl,
    datePublished: iso(d.publishedAt),
    format: d.mediaType,
  }));
}
