/**
 * The bidding documents (hồ sơ mời thầu, HSMT/E-HSMT) of a notice on its public page, per version:
 * the documents of the latest version that brought any are the ones in force (an amendment's
 * documents supersede the earlier ones); earlier versions' documents stay listed and downloadable.
 * Published free with the notice (Circular 79/2025/TT-BTC Art. 18.1).
 */
import { publicDocumentPath } from '../../../publishing/documents/store.ts';
import type { StoryDocument } from '../../../procurement/queries/story-documents.ts';
import type { TbmtStory } from '../../../procurement/queries/story-types.ts';
import { Heading, Time } from '../components.tsx';
import { DocumentsTable } from '../documents-table.tsx';

/** The section; nothing for a notice without uploaded documents (e.g. imported from the national system). */
export function DocumentsSection({ story }: { story: TbmtStory }) {
  const docs = story.documents ?? [];
  if (docs.length === 0) return null;
  const versions: string[] = [];
  for (const d of docs) if (!versions.includes(d.version)) versions.push(d.version);
  const inForce = versions[versions.length - 1];
  return (
    <section aria-labelledby="ho-so-moi-thau">
      <Heading id="ho-so-moi-thau" vi="Hồ sơ mời thầu" en="Bidding documents" />
      <p>
        Hồ sơ mời thầu được phát hành miễn phí cùng thông báo (Thông tư 79/2025/TT-BTC, Điều 18.1). Mã băm
        SHA-256 cho phép kiểm tra tệp tải về đúng là tệp đã đăng.
      </p>
      {[...versions].reverse().map((ver) => {
        const rows = docs.filter((d: StoryDocument) => d.version === ver);
        const caption =
          `Tài liệu đăng cùng phiên bản ${story.notifyNo}-${ver}` +
          (ver === inForce ? ' (đang áp dụng)' : ' (đã được thay thế bởi phiên bản sau)');
        return (
          <>
            <Heading
              level={3}
              vi={`Phiên bản ${ver}${ver === inForce ? ' — đang áp dụng' : ' — đã được thay thế'}`}
              en={ver === inForce ? 'In force' : 'Superseded'}
            />
            <p class="muted">
              Đăng lúc <Time at={rows[0]!.publishedAt} />
            </p>
            <DocumentsTable
              caption={caption}
              rows={rows.map((d) => ({ ...d, href: publicDocumentPath(story.notifyNo, d.id, d.fileName) }))}
            />
          </>
        );
      })}
    </section>
  );
}
