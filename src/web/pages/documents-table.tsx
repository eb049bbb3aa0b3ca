/**
 * The table of bidding documents (hồ sơ mời thầu) shared by the public notice page and the draft's
 * documents page: name (a download link), type, size in Vietnamese notation (`1,2 MB`), SHA-256.
 */
import type { ComponentChildren } from 'preact';
import { typeLabel } from '../../publishing/documents/limits.ts';
import { formatNumber } from '../format.ts';

/** A size in bytes, Vietnamese notation with binary units: `512 byte`, `12,5 KB`, `1,2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes, 0)} byte`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}

/** One row of the table. */
export interface DocumentRow {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Download path. */
  href: string;
  /** Extra cell (e.g. a delete button), when the table has the `actions` column. */
  action?: ComponentChildren;
}

/** The table; `caption` says whose documents these are. */
export function DocumentsTable({
  rows,
  caption,
  actions,
}: {
  rows: DocumentRow[];
  caption: string;
  /** Header of an extra last column. */
  actions?: string;
}) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tên tệp</th>
            <th scope="col">Loại</th>
            <th scope="col" class="num">
              Dung lượng
            </th>
            <th scope="col">Mã băm SHA-256</th>
            {actions ? <th scope="col">{actions}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={r.href} download={r.fileName}>
                  {r.fileName}
                </a>
              </th>
              <td>{typeLabel(r.mediaType)}</td>
              <td class="num nowrap">{formatBytes(r.sizeBytes)}</td>
              <td>
                <code class="code" title="SHA-256">
                  {r.sha256}
                </code>
              </td>
              {actions ? <td>{r.action}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
