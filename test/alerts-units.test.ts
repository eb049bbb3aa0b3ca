/**
 * The pure parts of the alerts: signed tokens, e-mail addresses, saved searches, settings, and the
 * composition of the e-mails (Vietnamese text and HTML, VND, Vietnam time, unsubscribe headers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeAlertMail, composeConfirmMail, MAX_LISTED } from '../src/alerts/compose.ts';
import { loadAlertsConfig } from '../src/alerts/config.ts';
import { normalizeEmail } from '../src/alerts/email.ts';
import { describeSavedSearch, parseSavedSearch } from '../src/alerts/saved-search.ts';
import { hashIp, signToken, TOKEN_LIFETIME_S, verifyToken } from '../src/alerts/token.ts';
import type { NoticeRow } from '../src/procurement/queries/notice-rows.ts';
import { outboxFileName } from '../src/mail/transport.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = new Date('2026-03-24T08:00:00Z');

describe('signed tokens', () => {
  test('a token verifies for its purpose until it expires', () => {
    const t = signToken(SECRET, 'confirm', 42, NOW);
    assert.match(t, /^c42\.\d+\.[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(verifyToken(SECRET, 'confirm', t, NOW), {
      ok: true,
      id: 42,
      expiresAt: new Date(NOW.getTime() + TOKEN_LIFETIME_S.confirm * 1000),
    });
    const late = new Date(NOW.getTime() + TOKEN_LIFETIME_S.confirm * 1000);
    assert.deepEqual(verifyToken(SECRET, 'confirm', t, late), { ok: false, reason: 'expired' });
  });

  test('altered, foreign, wrong-purpose and malformed tokens are refused', () => {
    const t = signToken(SECRET, 'unsubscribe', 7, NOW);
    const [head, exp, sig] = t.split('.') as [string, string, string];
    assert.equal(verifyToken(SECRET, 'unsubscribe', `u8.${exp}.${sig}`, NOW).ok, false);
    assert.deepEqual(verifyToken(SECRET, 'unsubscribe', `${head}.${Number(exp) + 1}.${sig}`, NOW), {
      ok: false,
      reason: 'forged',
    });
    assert.deepEqual(verifyToken('another-secret-of-32-characters-or-more', 'unsubscribe', t, NOW), {
      ok: false,
      reason: 'forged',
    });
    assert.deepEqual(verifyToken(SECRET, 'manage', t, NOW), { ok: false, reason: 'malformed' });
    for (const bad of [
      undefined,
      42,
      '',
      'u7',
      `${t}x`,
      ` ${t.slice(1)}`,
      'u0.1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    ]) {
      assert.equal(verifyToken(SECRET, 'unsubscribe', bad, NOW).ok, false, String(bad));
    }
  });

  test('client IPs are stored only as keyed hashes', () => {
    assert.match(hashIp(SECRET, '192.0.2.1'), /^[0-9a-f]{32}$/);
    assert.notEqual(hashIp(SECRET, '192.0.2.1'), hashIp(SECRET, '192.0.2.2'));
    assert.notEqual(hashIp(SECRET, '192.0.2.1'), hashIp(`${SECRET}x`, '192.0.2.1'));
  });
});

test('e-mail addresses: trimmed, lower-cased, browser syntax, dotted domain', () => {
  assert.equal(normalizeEmail('  Nguyen.Van.An+thau@Example.VN '), 'nguyen.van.an+thau@example.vn');
  for (const bad of [
    '',
    'a',
    'a@b',
    'a b@c.vn',
    'a@b..vn',
    '"a"@b.vn',
    'ă@b.vn',
    '@b.vn',
    'a@-b.vn',
    `${'a'.repeat(250)}@b.vn`,
    null,
    5,
  ]) {
    assert.equal(normalizeEmail(bad), null, String(bad));
  }
});

describe('saved searches', () => {
  test('canonical query with the search parser: order fixed, page/sort/empty dropped, unknown ignored', () => {
    const r = parseSavedSearch('/tim-kiem?sort=price&field=HH&page=4&q=%20may%20bien%20ap%20&method=&utm=x');
    assert.ok(r.ok);
    assert.equal(r.search.query, 'q=may+bien+ap&field=HH');
    assert.equal(describeSavedSearch(r.search.params), 'từ khóa “may bien ap” · lĩnh vực: Hàng hóa');
    const all = parseSavedSearch('');
    assert.ok(all.ok);
    assert.equal(all.search.query, '');
    assert.equal(describeSavedSearch(all.search.params), 'mọi gói thầu');
  });

  test('every filter is described in Vietnamese, money in VND and days as dd/mm/yyyy', () => {
    const r = parseSavedSearch(
      'state=open&closingWithin=7&priceMin=1000000&priceMax=2500000000&publishedFrom=2026-03-01&province=01&online=true',
    );
    assert.ok(r.ok);
    assert.equal(
      describeSavedSearch(r.search.params),
      'qua mạng · trạng thái: Đang mời thầu · đóng thầu trong 7 ngày tới · tỉnh/thành mã 01 · giá từ 1.000.000 ₫ · giá đến 2.500.000.000 ₫ · đăng từ 01/03/2026',
    );
  });

  test('a bad parameter is an error naming it (in Vietnamese and English)', () => {
    const r = parseSavedSearch('q=cau&field=XX');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.param, 'field');
      assert.match(r.error.vi, /^Tham số tìm kiếm “field” không hợp lệ/);
      assert.match(r.error.en, /^Invalid search parameter "field"/);
    }
    assert.equal(parseSavedSearch('publishedFrom=2026-02-30').ok, false);
  });
});

test('settings: defaults and errors naming the variable', () => {
  const c = loadAlertsConfig({});
  assert.deepEqual(c, {
    publicUrl: 'http://127.0.0.1:3000',
    secret: null,
    digestHour: 7,
    intervalSeconds: 300,
    timerEnabled: true,
  });
  assert.equal(
    loadAlertsConfig({ MINHBACH_PUBLIC_URL: 'https://minhbach.vn/', MINHBACH_ALERTS: 'off' }).publicUrl,
    'https://minhbach.vn',
  );
  assert.equal(loadAlertsConfig({ MINHBACH_ALERTS: 'off' }).timerEnabled, false);
  assert.throws(
    () => loadAlertsConfig({ MINHBACH_ALERTS_DIGEST_HOUR: '24' }),
    /MINHBACH_ALERTS_DIGEST_HOUR must be an integer from 0 to 23/,
  );
  assert.throws(() => loadAlertsConfig({ MINHBACH_SECRET: 'short' }), /MINHBACH_SECRET must be at least 32/);
  assert.throws(
    () => loadAlertsConfig({ MINHBACH_PUBLIC_URL: 'ftp://x' }),
    /MINHBACH_PUBLIC_URL must be an http/,
  );
});

describe('e-mails', () => {
  const notice = (i: number, name = `Gói thầu số ${i}`): NoticeRow => ({
    notifyNo: `IB26000000${String(i).padStart(2, '0')}`,
    name,
    investor: {
      code: 'vn0100100100',
      name: 'Ban Quản lý dự án Hà Nội',
      taxCode: null,
      codeIsLocal: false,
    } as NoticeRow['investor'],
    procuringEntity: null,
    field: 'HH',
    method: 'DTRR',
    priceVnd: 219_994_920,
    publishedAt: new Date('2026-03-02T01:00:00Z'),
    bidCloseAt: new Date('2026-03-24T08:00:00Z'),
    resultPublishedAt: null,
    state: 'open',
    isDemo: false,
  });
  const links = {
    search: 'https://minhbach.vn/tim-kiem?q=may',
    manage: 'https://minhbach.vn/thong-bao-email/quan-ly?token=m1.2.x',
    unsubscribe: 'https://minhbach.vn/thong-bao-email/huy?token=u1.2.y',
    noticeBase: 'https://minhbach.vn',
  };

  test('an alert: Vietnamese text and HTML, VND, Vietnam time, one-click unsubscribe headers', () => {
    const mail = composeAlertMail({
      to: 'a@b.vn',
      messageId: '<immediate.1@minhbach.vn>',
      kind: 'immediate',
      description: 'từ khóa “may”',
      notices: [notice(1, '<script>alert(1)</script> Máy biến áp')],
      links,
      now: NOW,
    });
    assert.equal(mail.subject, '1 gói thầu mới — từ khóa “may”');
    assert.match(mail.text, /Giá gói thầu: 219\.994\.920 ₫/);
    assert.match(mail.text, /Đăng tải: 02\/03\/2026 08:00/);
    assert.match(mail.text, /Đóng thầu: 24\/03\/2026 15:00 \(giờ Việt Nam\)/);
    assert.match(mail.text, /https:\/\/minhbach\.vn\/tbmt\/IB2600000001/);
    assert.match(
      mail.text,
      /Hủy nhận thông báo cho tìm kiếm này: https:\/\/minhbach\.vn\/thong-bao-email\/huy\?token=u1\.2\.y/,
    );
    assert.match(mail.html, /&lt;script>alert\(1\)&lt;\/script> Máy biến áp/);
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /<html lang="vi">/);
    assert.deepEqual(mail.headers, {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  test('a digest lists at most MAX_LISTED notices and counts the rest', () => {
    const many = Array.from({ length: MAX_LISTED + 3 }, (_, i) => notice(i + 1));
    const mail = composeAlertMail({
      to: 'a@b.vn',
      messageId: '<d@x>',
      kind: 'digest',
      description: 'mọi gói thầu',
      notices: many,
      links,
      now: NOW,
    });
    assert.equal(mail.subject, `Bản tin ngày 24/03/2026: ${MAX_LISTED + 3} gói thầu mới — mọi gói thầu`);
    assert.equal(mail.text.match(/^• /gm)?.length, MAX_LISTED);
    assert.match(mail.text, /… và 3 gói thầu khác: https:\/\/minhbach\.vn\/tim-kiem\?q=may/);
  });

  test('the confirmation request names the search, the frequency and the link expiry', () => {
    const mail = composeConfirmMail({
      to: 'a@b.vn',
      messageId: '<c@x>',
      description: 'từ khóa “cầu”',
      frequency: 'immediate',
      confirmUrl: 'https://minhbach.vn/thong-bao-email/xac-nhan?token=c1.2.z',
      searchUrl: 'https://minhbach.vn/tim-kiem?q=c%E1%BA%A7u',
      manageUrl: 'https://minhbach.vn/thong-bao-email/quan-ly?token=m1.2.w',
      expiresAt: new Date('2026-03-27T08:00:00Z'),
    });
    assert.match(mail.text, /Tần suất: ngay khi có gói thầu mới\./);
    assert.match(mail.text, /Liên kết có hiệu lực đến 27\/03\/2026 15:00 \(giờ Việt Nam\)\./);
    assert.match(mail.html, /href="https:\/\/minhbach\.vn\/thong-bao-email\/xac-nhan\?token=c1\.2\.z"/);
    assert.match(
      mail.text,
      /Quản lý các thông báo của địa chỉ này: https:\/\/minhbach\.vn\/thong-bao-email\/quan-ly\?token=m1\.2\.w/,
    );
    assert.equal(mail.headers, undefined);
  });

  test('outbox file names come from the Message-ID, safely', () => {
    assert.equal(outboxFileName('<digest.5b1e@minhbach.vn>'), 'digest.5b1e@minhbach.vn.eml');
    assert.equal(outboxFileName('<../../etc/passwd@x>'), '.._.._etc_passwd@x.eml');
  });
});
