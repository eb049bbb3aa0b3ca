/**
 * Fixtures of the bidding-document tests: small real files of each accepted kind (made here, not
 * downloaded), a multipart body builder, and uploads over `app.inject` by API token or as a browser.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { Browser } from './accounts.ts';

/** A PDF of exactly `size` bytes (header, padding, trailer). */
export function pdfOf(size: number, fill = 'x'): Buffer {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  const pad = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([head, Buffer.alloc(pad, fill), tail]).subarray(0, Math.max(size, head.length));
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A small XLSX made by exceljs. */
export async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Bảng khối lượng').addRow(['STT', 'Hạng mục', 'Khối lượng']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One part of a multipart body: a field or a file. */
export type Part = { field: string; value: string } | { file: string; content: Buffer; name?: string };

const BOUNDARY = '----minhbachDocumentsTest';

/** The multipart/form-data body of `parts` and its content type. */
export function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('field' in p) {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name ?? 'file'}"; filename="${p.file}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
          'utf8',
        ),
        p.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

/** POSTs `parts` to `url` with a Bearer token (null: none). */
export function uploadWithToken(app: FastifyInstance, token: string | null, url: string, parts: Part[]) {
  const { payload, contentType } = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });
}

/** POSTs `parts` to `url` as browser `b` (its cookies), with extra headers. */
export function uploadAsBrowser(
  b: Browser,
  url: string,
  parts: Part[],
  headers: Record<string, string> = {},
) {
  const { payload, contentType } = multipartBody(parts);
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return b.app.inject({
    method: 'POST',
    url,
    remoteAddress: b.ip,
    headers: { cookie, 'content-type': contentType, ...headers },
    payload,
  });
}
