/**
 * Bidding documents (HSMT) through the publishing API, as an agency's software would attach them: the
 * file checks (type by name and content, size, count, total) on both sides of each limit, all or
 * none, cleaned names (paths, controls; Vietnamese letters kept), another agency's publisher and a
 * session without the CSRF token refused. Publication: test/publish-documents-publish.test.ts.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../src/accounts/access.ts';
import { DocumentError } from '../src/publishing/documents/errors.ts';
import { cleanFileName } from '../src/publishing/documents/inspect.ts';
import { MAX_DRAFT_BYTES, MAX_FILES_PER_DRAFT, MAX_FILE_BYTES } from '../src/publishing/documents/limits.ts';
import { addDocuments } from '../src/publishing/documents/store.ts';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { pdfOf, PNG, uploadAsBrowser, uploadWithToken, xlsx } from './helpers/documents.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('bidding documents through the API', () => {
  let f: PublishFixture;
  const newDraft = async (kind = 'tbmt', payload: Record<string, unknown> = tbmtPayload(25)) => {
    const r = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/drafts', {
      agencyCode: 'so-tc',
      kind,
      payload,
    });
    assert.equal(r.statusCode, 201, r.body);
    return Number(r.json().id);
  };
  const docsUrl = (id: number) => `/api/v1/publish/drafts/${id}/documents`;
  const auditCount = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'publication_document'`.execute(
          f.database.db,
        )
      ).rows[0]!.n,
    );

  before(async () => {
    f = await publishFixture(await createTestDatabase());
  });
  after(async () => {
    delete process.env.MINHBACH_PUBLIC_URL;
    await f.app.close();
    await f.database.close();
  });

  test('files are stored with cleaned names, type, size and SHA-256, and listed in GET /drafts/{id}', async () => {
    const id = await newDraft();
    const pdf = pdfOf(5000);
    const book = await xlsx();
    const res = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: '../../etc/Hồ sơ mời thầu: Chương 1 <bản 2>.pdf', content: pdf },
      { file: 'Bảng khối lượng.XLSX', content: book },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const docs = res.json().documents;
    assert.equal(docs.length, 2);
    assert.equal(docs[0].fileName, 'Hồ sơ mời thầu_ Chương 1 _bản 2_.pdf');
    assert.equal(docs[0].mediaType, 'application/pdf');
    assert.equal(docs[0].sizeBytes, 5000);
    assert.equal(docs[0].sha256, sha(pdf));
    assert.equal(docs[1].fileName, 'Bảng khối lượng.XLSX');
    assert.equal(docs[1].mediaType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const draft = (await api(f.app, f.tokenX, 'GET', `/api/v1/publish/drafts/${id}`)).json();
    assert.deepEqual(
      draft.documents.map((d: { fileName: string }) => d.fileName),
      docs.map((d: { fileName: string }) => d.fileName),
    );
    assert.equal(await auditCount(), 2, 'each stored file audited');
    // Paths, controls and bidirectional overrides are stripped; Vietnamese letters kept (NFC).
    assert.equal(cleanFileName('..\\..\\a/b/Thiết\u0000 kế\u202e.pdf'), 'Thiết kế.pdf');
    assert.equal(cleanFileName('Ho\u0302\u0300 so\u031b.pdf'), 'Hồ sơ.pdf');
    assert.equal(cleanFileName('../..'), '');
  });

  test('wrong content under a .pdf name, or a type not accepted, is refused (415) and nothing stored', async () => {
    const id = await newDraft();
    const before = await auditCount();
    const fake = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'tot.pdf', content: pdfOf(300) },
      { file: 'HSMT giả.pdf', content: PNG },
    ]);
    assert.equal(fake.statusCode, 415, fake.body);
    const e = fake.json().error;
    assert.equal(e.code, 'unsupported-type');
    assert.match(e.messageVi, /Tệp “HSMT giả\.pdf”: tên tệp là PDF nhưng nội dung là tệp PNG/);
    assert.match(e.message, /"HSMT giả\.pdf"/);
    const exe = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'setup.exe', content: pdfOf(300) },
    ]);
    assert.equal(exe.statusCode, 415);
    assert.match(exe.json().error.messageVi, /setup\.exe.*chỉ nhận \.pdf, \.doc, \.docx/);
    const text = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'ghi chú.pdf', content: Buffer.from('chỉ là văn bản') },
    ]);
    assert.equal(text.statusCode, 415);
    const empty = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'rỗng.pdf', content: Buffer.alloc(0) },
    ]);
    assert.equal(empty.statusCode, 400);
    assert.equal((await api(f.app, f.tokenX, 'GET', docsUrl(id))).json().documents.length, 0, 'all or none');
    assert.equal(await auditCount(), before);
  });

  test(`a file of exactly ${MAX_FILE_BYTES} bytes is accepted; one byte more is refused with 413`, async () => {
    const id = await newDraft();
    const ok = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'đủ.pdf', content: pdfOf(MAX_FILE_BYTES) },
    ]);
    assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
    const big = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'quá lớn.pdf', content: pdfOf(MAX_FILE_BYTES + 1) },
    ]);
    assert.equal(big.statusCode, 413, big.body.slice(0, 300));
    assert.equal(big.json().error.code, 'too-large');
    assert.match(big.json().error.messageVi, /Tệp “quá lớn\.pdf” lớn hơn 20 MB/);
    assert.equal((await api(f.app, f.tokenX, 'GET', docsUrl(id))).json().documents.length, 1);
  });

  test(`${MAX_FILES_PER_DRAFT} files per draft are accepted; the next is refused with 413`, async () => {
    const id = await newDraft();
    const files = Array.from({ length: MAX_FILES_PER_DRAFT }, (_, i) => ({
      file: `Phần ${i + 1}.png`,
      content: PNG,
    }));
    const ok = await uploadWithToken(f.app, f.tokenX, docsUrl(id), files);
    assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
    assert.equal(ok.json().documents.length, MAX_FILES_PER_DRAFT);
    const more = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [{ file: 'thêm.png', content: PNG }]);
    assert.equal(more.statusCode, 413);
    assert.equal(more.json().error.code, 'too-many-files');
    assert.match(more.json().error.messageVi, /“thêm\.png”: mỗi bản nháp có tối đa 30 tệp/);
  });

  test(`${MAX_DRAFT_BYTES} bytes per draft are accepted; one more file is refused with 413`, async () => {
    const id = await newDraft();
    const full = pdfOf(MAX_FILE_BYTES);
    for (let i = 0; i < MAX_DRAFT_BYTES / MAX_FILE_BYTES; i++) {
      const ok = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
        { file: `Tập ${i + 1}.pdf`, content: full },
      ]);
      assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
    }
    const more = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'Phụ lục.pdf', content: pdfOf(100) },
    ]);
    assert.equal(more.statusCode, 413);
    assert.equal(more.json().error.code, 'too-large');
    assert.match(
      more.json().error.messageVi,
      /Tệp “Phụ lục\.pdf” làm tổng dung lượng hồ sơ của bản nháp vượt 200 MB/,
    );
    const total = (await api(f.app, f.tokenX, 'GET', docsUrl(id)))
      .json()
      .documents.reduce((s: number, d: { sizeBytes: number }) => s + d.sizeBytes, 0);
    assert.equal(total, MAX_DRAFT_BYTES);
  });

  test('the total of a draft is checked at its limit (domain, small limits) and nothing half-written', async () => {
    const id = await newDraft();
    const acc = await f.database.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'publisher-x@so-tc.hanoi.gov.vn')
      .executeTakeFirstOrThrow();
    const who: Principal = {
      kind: 'account',
      id: Number(acc.id),
      role: 'publisher',
      agencyCode: 'so-tc',
      actor: `account:${acc.id}`,
      name: 'X',
    };
    const limits = { fileBytes: 1000, files: 30, draftBytes: 2500 };
    const db = f.database.db;
    await addDocuments(
      db,
      who,
      id,
      [
        { name: 'a.pdf', content: pdfOf(1000) },
        { name: 'b.pdf', content: pdfOf(1000) },
      ],
      limits,
    );
    await assert.rejects(
      addDocuments(
        db,
        who,
        id,
        [
          { name: 'c.pdf', content: pdfOf(400) },
          { name: 'd.pdf', content: pdfOf(101) },
        ],
        limits,
      ),
      (e: unknown) => e instanceof DocumentError && e.status === 413 && /“d\.pdf”.*vượt/.test(e.messageVi),
    );
    assert.equal(
      (await api(f.app, f.tokenX, 'GET', docsUrl(id))).json().documents.length,
      2,
      'c.pdf not kept',
    );
    await addDocuments(db, who, id, [{ name: 'e.pdf', content: pdfOf(500) }], limits);
    await assert.rejects(
      addDocuments(db, who, id, [{ name: 'f.pdf', content: pdfOf(100) }], limits),
      (e: unknown) => e instanceof DocumentError && e.code === 'too-large',
    );
  });

  test("another agency's publisher is refused (403); a session without the CSRF token too", async () => {
    const id = await newDraft();
    const y = await uploadWithToken(f.app, f.tokenY, docsUrl(id), [{ file: 'y.pdf', content: pdfOf(300) }]);
    assert.equal(y.statusCode, 403);
    assert.equal(y.json().error.code, 'forbidden-agency');
    assert.equal((await api(f.app, f.tokenY, 'GET', docsUrl(id))).statusCode, 403);
    const anon = await uploadWithToken(f.app, null, docsUrl(id), [{ file: 'a.pdf', content: pdfOf(300) }]);
    assert.equal(anon.statusCode, 401);

    const b = new Browser(f.app);
    await b.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const noCsrf = await uploadAsBrowser(b, docsUrl(id), [{ file: 'x.pdf', content: pdfOf(300) }]);
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error.code, 'csrf-invalid');
    const page = await b.get(`/dang-tai/ban-nhap/${id}/tai-lieu`);
    const withCsrf = await uploadAsBrowser(b, docsUrl(id), [{ file: 'x.pdf', content: pdfOf(300) }], {
      'x-csrf-token': csrfOf(page.body),
    });
    assert.equal(withCsrf.statusCode, 201, withCsrf.body);
    assert.equal((await api(f.app, f.tokenX, 'GET', docsUrl(id))).json().documents.length, 1);
  });
});
