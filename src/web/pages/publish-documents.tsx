/**
 * `/dang-tai/ban-nhap/{id}/tai-lieu`: the bidding documents (hồ sơ mời thầu) of a TBMT or amendment
 * draft — the files attached (download, delete while a draft) and the upload form (multipart, works
 * without JavaScript, with its `_csrf`). Limits and accepted types are stated next to the form.
 */
import type { DocumentView } from '../../publishing/documents/store.ts';
import {
  ACCEPTED_EXTENSIONS,
  limitMb,
  MAX_DRAFT_BYTES,
  MAX_FILES_PER_DRAFT,
  MAX_FILE_BYTES,
} from '../../publishing/documents/limits.ts';
import type { Draft } from '../../publishing/drafts.ts';
import { KIND_VI } from '../../publishing/schemas.ts';
import { CsrfField } from './account-forms.tsx';
import { Heading, Time } from './components.tsx';
import { DocumentsTable, formatBytes } from './documents-table.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** What the page shows. */
export interface DraftDocumentsView {
  ctx: PageContext;
  csrf: string;
  draft: Draft;
  documents: DocumentView[];
  /** A publisher of the draft's agency, on a draft of a kind with documents. */
  canWrite: boolean;
  /** Why the last upload or deletion was refused (Vietnamese, names the file and the limit). */
  error?: string;
  /** How many files the last upload stored. */
  uploaded?: number;
}

/** The page. */
export function DraftDocumentsPage(v: DraftDocumentsView) {
  const d = v.draft;
  const base = `/dang-tai/ban-nhap/${d.id}`;
  const total = v.documents.reduce((s, x) => s + x.sizeBytes, 0);
  const title = `Hồ sơ mời thầu — bản nháp số ${d.id}`;
  return (
    <Layout ctx={v.ctx} title={title}>
      <p>
        <a href={base}>← Về bản nháp số {d.id}</a>
      </p>
      <Heading level={1} vi={title} en="Bidding documents of a draft" />
      <p>
        {KIND_VI[d.kind]}
        {d.notifyNo ? ` — thông báo ${d.notifyNo}` : ''}.{' '}
        {d.status === 'published' ? (
          <>
            Đã đăng tải ({d.publishedRef}) lúc <Time at={d.publishedAt} />: các tệp là một phần của phiên bản
            đã đăng và không thể xóa hay thay đổi.
          </>
        ) : (
          <>
            Các tệp được công bố miễn phí cùng thông báo khi bản nháp được đăng tải (Thông tư 79/2025/TT-BTC,
            Điều 18.1); sau đó không thể xóa — muốn thay phải đăng sửa đổi kèm tài liệu mới.
          </>
        )}
      </p>
      {v.error ? (
        <div class="cancel-banner" role="alert" id="tl-loi">
          <p class="banner-title">Chưa tải lên được</p>
          <p>
            <a href="#tl-tep">{v.error}</a>
          </p>
        </div>
      ) : null}
      {v.uploaded ? (
        <p role="status">
          <strong>Đã tải lên {v.uploaded} tệp.</strong>
        </p>
      ) : null}
      <section aria-labelledby="tl-danh-sach">
        <Heading id="tl-danh-sach" vi="Tệp đã đính kèm" en="Attached files" />
        {v.documents.length === 0 ? (
          <p class="empty">Chưa có tệp nào.</p>
        ) : (
          <>
            <p>
              {v.documents.length}/{MAX_FILES_PER_DRAFT} tệp, tổng {formatBytes(total)} (tối đa{' '}
              {limitMb(MAX_DRAFT_BYTES)}).
            </p>
            <DocumentsTable
              caption={`Tệp của bản nháp số ${d.id}`}
              actions={v.canWrite ? 'Xóa' : undefined}
              rows={v.documents.map((x) => ({
                ...x,
                href: x.path,
                action: v.canWrite ? (
                  <form method="post" action={`${base}/tai-lieu/${x.id}/xoa`}>
                    <CsrfField token={v.csrf} />
                    <button type="submit" aria-label={`Xóa tệp ${x.fileName}`}>
                      Xóa
                    </button>
                  </form>
                ) : null,
              }))}
            />
          </>
        )}
      </section>
      {v.canWrite ? (
        <section aria-labelledby="tl-tai-len">
          <Heading id="tl-tai-len" vi="Tải lên tệp" en="Upload files" />
          <form method="post" action={`${base}/tai-lieu`} enctype="multipart/form-data">
            <CsrfField token={v.csrf} />
            <p>
              <label for="tl-tep">Tệp hồ sơ mời thầu (chọn được nhiều tệp)</label>
              <br />
              <span class="muted" id="tl-goi-y">
                Nhận {ACCEPTED_EXTENSIONS.join(', ')}; mỗi tệp tối đa {limitMb(MAX_FILE_BYTES)}; mỗi bản nháp
                tối đa {MAX_FILES_PER_DRAFT} tệp và {limitMb(MAX_DRAFT_BYTES)}. Loại tệp được kiểm tra theo cả
                tên và nội dung.
              </span>
              <br />
              <input
                id="tl-tep"
                type="file"
                name="file"
                multiple
                required
                accept={ACCEPTED_EXTENSIONS.join(',')}
                aria-describedby={v.error ? 'tl-goi-y tl-loi' : 'tl-goi-y'}
                aria-invalid={v.error ? 'true' : undefined}
              />
            </p>
            <button type="submit">Tải lên</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The link from a TBMT/amendment draft's form to its documents page; nothing without a draft. */
export function DraftDocumentsLink({ draft }: { draft?: Draft | undefined }) {
  if (!draft) return null;
  return (
    <p>
      <a href={`/dang-tai/ban-nhap/${draft.id}/tai-lieu`}>
        Hồ sơ mời thầu: tệp đính kèm ({draft.status === 'draft' ? 'tải lên, xóa' : 'xem'})
      </a>
    </p>
  );
}
