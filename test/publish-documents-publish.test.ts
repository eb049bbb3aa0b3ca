/**
 * Bidding documents (HSMT) once published: the public download gives the same bytes with the right
 * headers (and a draft's file is never public), the published file cannot be deleted or changed (API
 * and database trigger), the OCDS tender release lists it with its absolute URL and hash and validates
 * against OCDS 1.1.5, and an amendment's documents supersede the earlier ones.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyLedgerDatabase } from '../src/audit/ledger-check.ts';
import '../src/publishing/documents/ledger.ts';
import { createTestDatabase } from './helpers/db.ts';
import { pdfOf, uploadWithToken } from './helpers/documents.ts';
import { portalValidator, tally } from './helpers/opendata.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';
import { skipWithoutShared } from './helpers/shared.ts';

type Rel = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('published bidding documents', () => {
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
  before(async () => {
    f = await publishFixture(await createTestDatabase());
  });
  after(async () => {
    delete process.env.MINHBACH_PUBLIC_URL;
    await f.app.close();
    await f.database.close();
  });

  test('published: same bytes and right headers for the public, immutable, in the OCDS release', async () => {
    process.env.MINHBACH_PUBLIC_URL = 'https://minhbach.example.vn/';
    const id = await newDraft();
    const pdf = pdfOf(1_234_567, 'h');
    const up = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'Hồ sơ mời thầu.pdf', content: pdf },
    ]);
    assert.equal(up.statusCode, 201, up.body);
    const doc = up.json().documents[0];
    // Before publication: the public cannot download it; its agency and monitors can.
    assert.equal((await f.app.inject({ url: doc.url })).statusCode, 303, 'anonymous sent to sign in');
    assert.equal((await api(f.app, f.tokenY, 'GET', `${docsUrl(id)}/${doc.id}`)).statusCode, 403);
    const own = await api(f.app, f.tokenX, 'GET', `${docsUrl(id)}/${doc.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['cache-control'], 'private, no-store');

    const pub = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`);
    assert.equal(pub.statusCode, 201, pub.body);
    const no = pub.json().notifyNo as string;
    const path = `/tbmt/${no}/tai-lieu/${doc.id}/Ho-so-moi-thau.pdf`;
    const dl = await f.app.inject({ url: path });
    assert.equal(dl.statusCode, 200);
    assert.ok(dl.rawPayload.equals(pdf), 'the same bytes');
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(
      dl.headers['content-disposition'],
      `attachment; filename="Ho-so-moi-thau.pdf"; filename*=UTF-8''${encodeURIComponent('Hồ sơ mời thầu.pdf')}`,
    );
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.equal(dl.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(dl.headers.etag, `"${sha(pdf)}"`);
    assert.equal(
      (await f.app.inject({ url: path, headers: { 'if-none-match': `"${sha(pdf)}"` } })).statusCode,
      304,
    );
    const other = await f.app.inject({ url: `/tbmt/${no}/tai-lieu/${doc.id}/khac.pdf` });
    assert.equal(other.statusCode, 301);
    assert.equal(other.headers.location, path);

    // A draft's document is never served on a public address.
    const id2 = await newDraft();
    const d2 = (
      await uploadWithToken(f.app, f.tokenX, docsUrl(id2), [{ file: 'nháp.pdf', content: pdfOf(300) }])
    ).json().documents[0];
    assert.equal((await f.app.inject({ url: `/tbmt/${no}/tai-lieu/${d2.id}/nhap.pdf` })).statusCode, 404);

    // The public page lists it with size in Vietnamese notation and its hash.
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(page.body, /Hồ sơ mời thầu/);
    assert.match(page.body, /1,2 MB/);
    assert.ok(page.body.includes(sha(pdf)));
    assert.ok(page.body.includes(`href="${path}"`));

    // Immutable: API delete 409, upload 409, the table refuses UPDATE and DELETE.
    const del = await f.app.inject({
      method: 'DELETE',
      url: `${docsUrl(id)}/${doc.id}`,
      headers: { authorization: `Bearer ${f.tokenX}` },
    });
    assert.equal(del.statusCode, 409);
    assert.equal(del.json().error.code, 'illegal-transition');
    const late = await uploadWithToken(f.app, f.tokenX, docsUrl(id), [
      { file: 'sau.pdf', content: pdfOf(300) },
    ]);
    assert.equal(late.statusCode, 409);
    const db = f.database.db;
    await assert.rejects(sql`DELETE FROM publication_document WHERE id = ${doc.id}`.execute(db), /published/);
    await assert.rejects(
      sql`UPDATE publication_document SET file_name = 'x.pdf' WHERE id = ${doc.id}`.execute(db),
      /published/,
    );
    assert.equal((await f.app.inject({ url: path })).statusCode, 200);
    // The notice's JSON lists it with its download path and hash.
    const story = (await f.app.inject({ url: `/api/v1/tbmt/${no}` })).json();
    assert.deepEqual(
      story.documents.map((d: Rel) => [d.fileName, d.url, d.sha256]),
      [['Hồ sơ mời thầu.pdf', path, sha(pdf)]],
    );

    // The ledger holds the file's SHA-256; bytes swapped behind the trigger's back are caught.
    assert.deepEqual((await verifyLedgerDatabase(db)).findings, []);
    await sql`ALTER TABLE publication_document DISABLE TRIGGER publication_document_no_change`.execute(db);
    const swap = (bytes: Buffer) =>
      sql`UPDATE publication_document SET content = ${bytes} WHERE id = ${doc.id}`.execute(db);
    await swap(pdfOf(pdf.length, 'y'));
    const tampered = (await verifyLedgerDatabase(db)).findings;
    await swap(pdf);
    await sql`ALTER TABLE publication_document ENABLE TRIGGER publication_document_no_change`.execute(db);
    assert.deepEqual(
      tampered.map((x) => [x.code, x.kind, x.ref]),
      [['live-altered', 'tbmt-document', String(doc.id)]],
    );
    assert.match(tampered[0]!.message, /\/sha256/);

    // OCDS: the tender release lists it, with an absolute URL, and validates.
    const rels = (
      await sql<{ doc: string }>`SELECT r.document::text AS doc FROM ocds_release r
        JOIN ocds_process p ON p.ocid = r.ocid JOIN tbmt t ON t.package_id = p.package_id
        WHERE t.notify_no = ${no} ORDER BY r.release_date, r.seq`.execute(db)
    ).rows.map((r) => JSON.parse(r.doc) as Rel);
    const tender = rels.find((r) => r.tag.includes('tender'))!;
    const d = tender.tender.documents.find((x: Rel) => x.id === `${no}-tl-${doc.id}`);
    assert.ok(d, JSON.stringify(tender.tender.documents));
    assert.equal(d.documentType, 'biddingDocuments');
    assert.equal(d.title, 'Hồ sơ mời thầu.pdf');
    assert.equal(d.format, 'application/pdf');
    assert.equal(d.url, `https://minhbach.example.vn${path}`);
    assert.match(d.description, new RegExp(`SHA-256: ${sha(pdf)}`));
    assert.equal(Date.parse(d.datePublished), Date.parse(tender.date));
    if (!skipWithoutShared()) {
      const v = await portalValidator();
      const findings = v.validator.validateRelease(tender as never, '/release');
      assert.deepEqual(tally(findings.filter((x) => x.severity === 'error')), {});
    }
  });

  test("an amendment's documents supersede the earlier ones; every version's stay listed", async () => {
    delete process.env.MINHBACH_PUBLIC_URL;
    const id = await newDraft();
    await uploadWithToken(f.app, f.tokenX, docsUrl(id), [{ file: 'HSMT gốc.pdf', content: pdfOf(2000) }]);
    const no = (await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`)).json().notifyNo;
    const am = await newDraft('amendment', {
      ...tbmtPayload(30),
      notifyNo: no,
      reason: 'Sửa hồ sơ mời thầu',
    });
    const up = await uploadWithToken(f.app, f.tokenX, docsUrl(am), [
      { file: 'HSMT sửa đổi.pdf', content: pdfOf(3000) },
    ]);
    assert.equal(up.statusCode, 201, up.body);
    const pub = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${am}/publish`);
    assert.equal(pub.statusCode, 201, pub.body);
    const page = (await f.app.inject({ url: `/tbmt/${no}` })).body;
    assert.match(page, /Phiên bản 01 — đang áp dụng/);
    assert.match(page, /Phiên bản 00 — đã được thay thế/);
    assert.match(page, /HSMT gốc\.pdf/);
    assert.match(page, /HSMT sửa đổi\.pdf/);
    const rels = (
      await sql<{ doc: string }>`SELECT r.document::text AS doc FROM ocds_release r
        JOIN ocds_process p ON p.ocid = r.ocid JOIN tbmt t ON t.package_id = p.package_id
        WHERE t.notify_no = ${no} ORDER BY r.release_date, r.seq`.execute(f.database.db)
    ).rows.map((r) => JSON.parse(r.doc) as Rel);
    const titles = (tag: string) =>
      rels
        .find((r) => r.tag.includes(tag))!
        .tender.documents.filter((x: Rel) => x.documentType === 'biddingDocuments')
        .map((x: Rel) => x.title);
    assert.deepEqual(titles('tender'), ['HSMT gốc.pdf']);
    assert.deepEqual(titles('tenderAmendment'), ['HSMT sửa đổi.pdf']);
    assert.equal(rels.filter((r) => r.tag.includes('tender')).length, 1, 'no second release of version 00');

    // A later amendment without files keeps the files in force.
    const am2 = await newDraft('amendment', {
      ...tbmtPayload(31),
      notifyNo: no,
      reason: 'Lùi thời điểm đóng thầu',
    });
    const pub2 = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${am2}/publish`);
    assert.equal(pub2.statusCode, 201, pub2.body);
    const v2 = (
      await sql<{ doc: string }>`SELECT r.document::text AS doc FROM ocds_release r
        JOIN ocds_process p ON p.ocid = r.ocid JOIN tbmt t ON t.package_id = p.package_id
        WHERE t.notify_no = ${no} ORDER BY r.release_date DESC, r.seq DESC LIMIT 1`.execute(f.database.db)
    ).rows.map((r) => JSON.parse(r.doc) as Rel)[0]!;
    assert.equal(v2.tender.amendments[0].id, `${no}-02`);
    assert.deepEqual(
      v2.tender.documents.filter((x: Rel) => x.documentType === 'biddingDocuments').map((x: Rel) => x.title),
      ['HSMT sửa đổi.pdf'],
    );
  });
});
