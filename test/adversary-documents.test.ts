/**
 * Adversarial tests of bidding-document uploads and downloads (docs/documents.md): hostile names,
 * limits, malformed multipart, wrong drafts and ids, downloads with conditional/range headers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Browser, csrfOf } from './helpers/accounts.ts';
import { createTestDatabase } from './helpers/db.ts';
import { multipartBody, pdfOf, PNG, uploadWithToken } from './helpers/documents.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

describe('adversary: bidding documents', () => {
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
  const url = (id: number | string) => `/api/v1/publish/drafts/${id}/documents`;
  const counts = async () =>
    (
      await sql<{ a: number; d: number }>`SELECT
        (SELECT count(*)::int FROM audit_log WHERE entity = 'publication_document') AS a,
        (SELECT count(*)::int FROM publication_document) AS d`.execute(f.database.db)
    ).rows[0]!;
  const raw = (id: number, contentType: string, payload: Buffer, headers: Record<string, string> = {}) =>
    f.app.inject({
      method: 'POST',
      url: url(id),
      headers: { authorization: `Bearer ${f.tokenX}`, 'content-type': contentType, ...headers },
      payload,
    });

  before(async () => {
    f = await publishFixture(await createTestDatabase());
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('hostile names are cleaned, ≤ 200 characters, and downloads carry a safe Content-Disposition', async () => {
    const id = await newDraft();
    const cases: Array<[string, string]> = [
      ['a/../../x.pdf', 'x.pdf'],
      ['..\\..\\win.pdf', 'win.pdf'],
      ['evil\u202egpj.pdf', 'evilgpj.pdf'],
      ['tab\tand.pdf', 'taband.pdf'],
      ['UPPER.PDF', 'UPPER.PDF'],
      ['con.pdf', '_con.pdf'],
      ['%2e%2e%2f.pdf', '%2e%2e%2f.pdf'],
      ['a.exe.pdf', 'a.exe.pdf'],
    ];
    for (const [name, expected] of cases) {
      const r = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: name, content: pdfOf(400) }]);
      assert.equal(r.statusCode, 201, `${JSON.stringify(name)}: ${r.body}`);
      assert.equal(r.json().documents[0].fileName, expected, JSON.stringify(name));
    }
    for (const name of ['x'.repeat(300) + '.pdf', '📄'.repeat(250) + '.pdf', 'é'.repeat(199) + '.pdf']) {
      const r = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: name, content: pdfOf(400) }]);
      assert.equal(r.statusCode, 201, r.body.slice(0, 200));
      const fn: string = r.json().documents[0].fileName;
      assert.ok([...fn].length <= 200, `${[...fn].length} characters`);
      assert.ok(fn.endsWith('.pdf'), 'extension kept');
    }
    // Names with nothing usable, or whose extension is lost to the dot trimming: clear 400/415.
    for (const [name, status] of [
      ['...', 400],
      ['....pdf', 415],
      [' .pdf', 415],
      ['a.pdf.exe', 415],
    ] as const) {
      const r = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: name, content: pdfOf(400) }]);
      assert.equal(r.statusCode, status, `${name}: ${r.body}`);
    }
    // Every stored document downloads (after publication) with an ASCII filename and no header breakage.
    const docs = (await api(f.app, f.tokenX, 'GET', url(id))).json().documents as Array<{
      id: number;
      urlName: string;
    }>;
    const p = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`);
    assert.equal(p.statusCode, 201, p.body);
    const no = p.json().notifyNo as string;
    for (const d of docs) {
      const g = await f.app.inject({ url: `/tbmt/${no}/tai-lieu/${d.id}/${d.urlName}` });
      assert.equal(g.statusCode, 200);
      const cd = String(g.headers['content-disposition']);
      assert.match(cd, /^attachment; filename="[A-Za-z0-9.-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/, cd);
      assert.equal(g.headers['x-content-type-options'], 'nosniff');
      assert.match(String(g.headers['content-security-policy']), /sandbox/);
    }
  });

  test('content checks: empty 400, HTML renamed .pdf 415; a PDF/ZIP polyglot passes (starts as a PDF)', async () => {
    const id = await newDraft();
    const before = await counts();
    const z = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: 'z.pdf', content: Buffer.alloc(0) }]);
    assert.equal(z.statusCode, 400);
    assert.equal(z.json().error.code, 'invalid-file');
    const html = await uploadWithToken(f.app, f.tokenX, url(id), [
      { file: 'x.pdf', content: Buffer.from('<html><script>alert(1)</script></html>') },
    ]);
    assert.equal(html.statusCode, 415);
    // One bad file among good ones: none stored.
    const mix = await uploadWithToken(f.app, f.tokenX, url(id), [
      { file: 'ok.pdf', content: pdfOf(400) },
      { file: 'ok.png', content: PNG },
      { file: 'bad.pdf', content: PNG },
    ]);
    assert.equal(mix.statusCode, 415);
    assert.deepEqual(await counts(), before, 'nothing half-written');
    const poly = await uploadWithToken(f.app, f.tokenX, url(id), [
      { file: 'poly.pdf', content: Buffer.concat([pdfOf(300), Buffer.from('504b030414000000', 'hex')]) },
    ]);
    assert.equal(
      poly.statusCode,
      201,
      'observation: magic bytes only; served as attachment + nosniff + sandbox',
    );
  });

  test('limits: 21 MB with a lying Content-Length is 413; 40 files 413; too many fields 400; nothing stored', async () => {
    const id = await newDraft();
    const before = await counts();
    const big = multipartBody([{ file: 'big.pdf', content: pdfOf(21 * 1024 * 1024) }]);
    const lie = await raw(id, big.contentType, big.payload, { 'content-length': '1000' });
    assert.equal(lie.statusCode, 413, lie.body.slice(0, 200));
    assert.equal(lie.json().error.code, 'too-large');
    const many = await uploadWithToken(
      f.app,
      f.tokenX,
      url(id),
      Array.from({ length: 40 }, (_, i) => ({ file: `p${i}.png`, content: PNG })),
    );
    assert.equal(many.statusCode, 413);
    assert.equal(many.json().error.code, 'too-many-files');
    const fields = await uploadWithToken(f.app, f.tokenX, url(id), [
      ...Array.from({ length: 6 }, (_, i) => ({ field: `f${i}`, value: 'x' })),
      { file: 'a.pdf', content: pdfOf(300) },
    ]);
    assert.equal(fields.statusCode, 400);
    const none = await uploadWithToken(f.app, f.tokenX, url(id), [{ field: 'note', value: 'chỉ có chữ' }]);
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.code, 'invalid-file');
    const json = await raw(id, 'application/json', Buffer.from('{}'));
    assert.equal(json.statusCode, 400);
    assert.deepEqual(await counts(), before);
  });

  test('concurrent uploads cannot pass the 30-file limit together', async () => {
    const id = await newDraft();
    const rs = await Promise.all(
      [0, 1, 2].map((k) =>
        uploadWithToken(
          f.app,
          f.tokenX,
          url(id),
          Array.from({ length: 12 }, (_, i) => ({ file: `c${k}-${i}.png`, content: PNG })),
        ),
      ),
    );
    assert.deepEqual(rs.map((r) => r.statusCode).sort(), [201, 201, 413]);
    assert.equal((await api(f.app, f.tokenX, 'GET', url(id))).json().documents.length, 24);
  });

  // A malformed multipart body (busboy's own errors carry no code) is a 400 `invalid-file`.
  for (const [label, ct, cut] of [
    ['no boundary', 'multipart/form-data', 0],
    ['a boundary absent from the body', 'multipart/form-data; boundary=zzz', 0],
    ['a truncated body', '', 20],
  ] as const) {
    test(`malformed multipart (${label}) is a 400, not a 500`, async () => {
      const id = await newDraft();
      const before = await counts();
      const m = multipartBody([{ file: 'a.pdf', content: pdfOf(300) }]);
      const r = await raw(
        id,
        ct || m.contentType,
        cut ? m.payload.subarray(0, m.payload.length - cut) : m.payload,
      );
      assert.equal(r.statusCode, 400, r.body.slice(0, 200));
      assert.deepEqual(await counts(), before);
    });
  }
  test('garbage part headers are a 400, not a 500', async () => {
    const id = await newDraft();
    const m = multipartBody([]);
    const r = await raw(
      id,
      m.contentType,
      Buffer.from('------minhbachDocumentsTest\r\nno headers here\r\n\r\n'),
    );
    assert.equal(r.statusCode, 400, r.body.slice(0, 200));
  });

  test('the page route /dang-tai/ban-nhap/{id}/tai-lieu answers a malformed multipart with 400', async () => {
    const id = await newDraft();
    const b = new Browser(f.app, '192.0.2.91');
    await b.signIn('publisher-x@so-tc.hanoi.gov.vn');
    const page = await b.get(`/dang-tai/ban-nhap/${id}/tai-lieu`);
    const m = multipartBody([
      { field: '_csrf', value: csrfOf(page.body) },
      { file: 'a.pdf', content: pdfOf(300) },
    ]);
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await f.app.inject({
      method: 'POST',
      url: `/dang-tai/ban-nhap/${id}/tai-lieu`,
      remoteAddress: b.ip,
      headers: { cookie, 'content-type': m.contentType },
      payload: m.payload.subarray(0, m.payload.length - 30),
    });
    assert.equal(r.statusCode, 400);
  });

  test('odd ids: abc, -1, 1e9, 20 digits → 400; 0 and unknown → 404; another agency 403; a published draft 409', async () => {
    for (const bad of ['abc', '-1', '1e9', '99999999999999999999']) {
      const r = await uploadWithToken(f.app, f.tokenX, url(bad), [{ file: 'a.pdf', content: pdfOf(300) }]);
      assert.equal(r.statusCode, 400, bad);
    }
    for (const missing of ['0', '999999999999999']) {
      const r = await uploadWithToken(f.app, f.tokenX, url(missing), [
        { file: 'a.pdf', content: pdfOf(300) },
      ]);
      assert.equal(r.statusCode, 404, missing);
    }
    const id = await newDraft();
    const y = await uploadWithToken(f.app, f.tokenY, url(id), [{ file: 'a.pdf', content: pdfOf(300) }]);
    assert.equal(y.statusCode, 403);
    const p = await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`);
    assert.equal(p.statusCode, 201, p.body);
    const late = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: 'a.pdf', content: pdfOf(300) }]);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'illegal-transition');
  });

  test("a draft's file (also an unpublished amendment's) is never served publicly; odd download paths are 4xx", async () => {
    const id = await newDraft();
    const up = await uploadWithToken(f.app, f.tokenX, url(id), [{ file: 'Hồ sơ.pdf', content: pdfOf(500) }]);
    const d = up.json().documents[0];
    const no = (await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`)).json()
      .notifyNo as string;
    const am = await newDraft('amendment', { ...tbmtPayload(30), notifyNo: no, reason: 'Sửa' });
    const secret = (
      await uploadWithToken(f.app, f.tokenX, url(am), [{ file: 'chưa đăng.pdf', content: pdfOf(300) }])
    ).json().documents[0];
    const hidden = await f.app.inject({ url: `/tbmt/${no}/tai-lieu/${secret.id}/${secret.urlName}` });
    assert.equal(hidden.statusCode, 404);
    assert.doesNotMatch((await f.app.inject({ url: `/tbmt/${no}` })).body, /chưa đăng\.pdf/);
    const pub = `/tbmt/${no}/tai-lieu/${d.id}/${d.urlName}`;
    for (const [u, status] of [
      [`/tbmt/${no}/tai-lieu/${d.id}/..%2F..%2Fetc`, 301],
      [`/tbmt/${no}/tai-lieu/${d.id}/%00`, 301],
      [`/tbmt/${no}/tai-lieu/abc/x.pdf`, 400],
      [`/tbmt/${no}/tai-lieu/-1/x.pdf`, 400],
      [`/tbmt/${no}/tai-lieu/99999999999999999999/x.pdf`, 400],
      [`/tbmt/IB9999999999/tai-lieu/${d.id}/x.pdf`, 404],
      [`/tbmt/${no}/tai-lieu/${d.id}/x%E0.pdf`, 400],
    ] as const) {
      const r = await f.app.inject({ url: u });
      assert.equal(r.statusCode, status, u);
      if (status === 301) assert.equal(r.headers.location, pub);
    }
    // Range is ignored (whole file, 200): acceptable, but not advertised either.
    const range = await f.app.inject({ url: pub, headers: { range: 'bytes=0-10' } });
    assert.equal(range.statusCode, 200);
    assert.equal(range.rawPayload.length, 500);
    const etag = String((await f.app.inject({ url: pub })).headers.etag);
    assert.equal((await f.app.inject({ url: pub, headers: { 'if-none-match': etag } })).statusCode, 304);
  });

  test('If-None-Match with a list, a weak tag or * is a 304 (RFC 9110 §13.1.2)', async () => {
    const id = await newDraft();
    const d = (
      await uploadWithToken(f.app, f.tokenX, url(id), [{ file: 'e.pdf', content: pdfOf(500) }])
    ).json().documents[0];
    const no = (await api(f.app, f.tokenX, 'POST', `/api/v1/publish/drafts/${id}/publish`)).json()
      .notifyNo as string;
    const pub = `/tbmt/${no}/tai-lieu/${d.id}/${d.urlName}`;
    const etag = String((await f.app.inject({ url: pub })).headers.etag);
    for (const inm of [`"other", ${etag}`, `W/${etag}`, '*']) {
      assert.equal(
        (await f.app.inject({ url: pub, headers: { 'if-none-match': inm } })).statusCode,
        304,
        inm,
      );
    }
  });
});
