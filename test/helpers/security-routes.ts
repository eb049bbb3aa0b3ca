/**
 * The table of `test/security-every-route.test.ts`: every write route of the app (`METHOD url` as
 * Fastify registers it) → how agency Y attacks agency X's resource through it, and whether it checks
 * CSRF (or why not, and what protects it instead). A route missing here fails that test.
 */
import { PASSWORD } from './accounts.ts';
import { pdfOf, type Part } from './documents.ts';
import { planBody } from './plans.ts';
import { tbmtPayload } from './publish.ts';

/** X's resources the attempts aim at. */
export interface Fx {
  draftX: number;
  /** A draft of Y's own (for aiming its payload at X's notice). */
  draftY: number;
  docX: number;
  noticeX: string;
  accountX: number;
  tokenXId: number;
  /** The plan template filled with a plan of X (investor so-tc). */
  planXlsx: Buffer;
}

/** One request: the URL and its body (form, JSON or multipart). */
export interface Attempt {
  url: string;
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  parts?: Part[];
}

/** How to attack one route. */
export interface RouteCase {
  /** Attempts of agency Y at agency X's resource, or why the route has no agency to cross. */
  cross: ((f: Fx) => Attempt[]) | { none: string };
  /** Expected refusal of a cross attempt; `preview` = answers with a preview that writes nothing. */
  crossRefusal?: 'preview';
  /** CSRF is checked, or why the route is exempt and what protects it instead. */
  csrf: 'checked' | { exempt: string };
  /** Who sends the request without CSRF token (default: X's publisher, the owner). */
  owner?: 'admin' | 'anonymous';
  /** The owner's own request for the no-CSRF check (default: the first cross attempt). */
  own?: (f: Fx) => Attempt;
  /** For exempt routes: a forged request (bad token) that must be refused (4xx) and write nothing. */
  forged?: Attempt;
}

export const XNAME = String(tbmtPayload().name);
const P = '/api/v1/publish';
const TBMT_FORM = { agencyCode: 'so-tc', name: 'Gói của X do Y tạo', field: 'HH', method: 'DTRR' };
const CHANGE_FORM = {
  agencyCode: 'so-xd',
  reason: 'Y thử sửa thông báo của X',
  bidCloseAt: '2030-01-10T09:00',
  decisionNo: '1/QĐ',
  decisionDate: '2026-01-01',
  question: 'Câu hỏi?',
  answer: 'Trả lời.',
};
export const pdf = (): Part[] => [{ file: 'hsmt.pdf', content: pdfOf(2000) }];
/** A change of X's notice sent through the direct API: as X (agencyCode X) and as Y (own code, X's notice). */
const direct = (kind: string) => (f: Fx) =>
  ['so-tc', 'so-xd'].map((agencyCode) => ({
    url: `${P}/${kind}`,
    json: { agencyCode, payload: { notifyNo: f.noticeX, reason: 'Y thử', ...tbmtPayload() } },
  }));
const changeForm = (slug: string) => (f: Fx) => [
  { url: `/dang-tai/tbmt/${f.noticeX}/${slug}`, form: CHANGE_FORM },
];
const planForm = (): Record<string, string> => {
  const body = planBody();
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k !== 'packages') form[k] = String(v);
  (body.packages as Record<string, unknown>[]).forEach((p, i) => {
    for (const [k, v] of Object.entries(p)) form[`p${i}.${k}`] = String(v);
  });
  return form;
};
const ALERT_EXEMPT =
  'public e-mail alert link, authenticated by an HMAC-signed, expiring token sent to the address ' +
  '(src/alerts/token.ts), not by a session: a forged or expired token is a 400/410 page, never a change';

/** Every write route of the app, by `METHOD url` as registered. */
export const ROUTES: Record<string, RouteCase> = {
  // — JSON API (API token, or session + X-CSRF-Token) —
  [`POST ${P}/khlcnt`]: { cross: () => [{ url: `${P}/khlcnt`, json: planBody() }], csrf: 'checked' },
  [`POST ${P}/drafts`]: {
    cross: (f) => [
      { url: `${P}/drafts`, json: { agencyCode: 'so-tc', kind: 'tbmt', payload: tbmtPayload() } },
      // Y's own agency code, changing X's notice.
      {
        url: `${P}/drafts`,
        json: { agencyCode: 'so-xd', kind: 'amendment', payload: { notifyNo: f.noticeX, reason: 'Y thử' } },
      },
    ],
    csrf: 'checked',
  },
  [`PUT ${P}/drafts/:id`]: {
    cross: (f) => [
      { url: `${P}/drafts/${f.draftX}`, json: { payload: { name: 'Y đã sửa' } } },
      // Y's own draft, its payload turned into a change of X's notice.
      { url: `${P}/drafts/${f.draftY}`, json: { payload: { notifyNo: f.noticeX, reason: 'Y thử' } } },
    ],
    csrf: 'checked',
  },
  [`POST ${P}/drafts/:id/check`]: {
    cross: (f) => [{ url: `${P}/drafts/${f.draftX}/check`, json: {} }],
    csrf: 'checked',
  },
  [`POST ${P}/drafts/:id/publish`]: {
    cross: (f) => [{ url: `${P}/drafts/${f.draftX}/publish`, json: {} }],
    csrf: 'checked',
  },
  [`POST ${P}/drafts/:id/documents`]: {
    cross: (f) => [{ url: `${P}/drafts/${f.draftX}/documents`, parts: pdf() }],
    csrf: 'checked',
  },
  [`DELETE ${P}/drafts/:id/documents/:docId`]: {
    cross: (f) => [{ url: `${P}/drafts/${f.draftX}/documents/${f.docX}` }],
    csrf: 'checked',
  },
  [`POST ${P}/tbmt`]: {
    cross: () => [{ url: `${P}/tbmt`, json: { agencyCode: 'so-tc', payload: tbmtPayload() } }],
    csrf: 'checked',
  },
  [`POST ${P}/amendment`]: { cross: direct('amendment'), csrf: 'checked' },
  [`POST ${P}/extension`]: { cross: direct('extension'), csrf: 'checked' },
  [`POST ${P}/clarification`]: { cross: direct('clarification'), csrf: 'checked' },
  [`POST ${P}/cancellation`]: { cross: direct('cancellation'), csrf: 'checked' },
  [`POST ${P}/contract`]: { cross: direct('contract'), csrf: 'checked' },
  [`POST ${P}/opening`]: { cross: direct('opening'), csrf: 'checked' },
  [`POST ${P}/result`]: { cross: direct('result'), csrf: 'checked' },

  // — publishing pages (session + _csrf) —
  'POST /dang-tai/khlcnt': { cross: () => [{ url: '/dang-tai/khlcnt', form: planForm() }], csrf: 'checked' },
  'POST /dang-tai/khlcnt/xac-nhan': {
    cross: () => [{ url: '/dang-tai/khlcnt/xac-nhan', form: { payload: JSON.stringify(planBody()) } }],
    csrf: 'checked',
  },
  'POST /dang-tai/khlcnt/tai-len': {
    // Reading a workbook only shows a preview (nothing written); publishing it is /xac-nhan, above.
    cross: (f) => [
      { url: '/dang-tai/khlcnt/tai-len', parts: [{ file: 'khlcnt.xlsx', content: f.planXlsx }] },
    ],
    crossRefusal: 'preview',
    csrf: 'checked',
  },
  'POST /dang-tai/tbmt': { cross: () => [{ url: '/dang-tai/tbmt', form: TBMT_FORM }], csrf: 'checked' },
  'POST /dang-tai/ban-nhap/:id': {
    cross: (f) => [{ url: `/dang-tai/ban-nhap/${f.draftX}`, form: { ...TBMT_FORM, name: 'Y đã sửa' } }],
    csrf: 'checked',
  },
  'POST /dang-tai/ban-nhap/:id/dang': {
    cross: (f) => [{ url: `/dang-tai/ban-nhap/${f.draftX}/dang`, form: {} }],
    csrf: 'checked',
  },
  'POST /dang-tai/ban-nhap/:id/tai-lieu': {
    cross: (f) => [{ url: `/dang-tai/ban-nhap/${f.draftX}/tai-lieu`, parts: pdf() }],
    csrf: 'checked',
  },
  'POST /dang-tai/ban-nhap/:id/tai-lieu/:docId/xoa': {
    cross: (f) => [{ url: `/dang-tai/ban-nhap/${f.draftX}/tai-lieu/${f.docX}/xoa`, form: {} }],
    csrf: 'checked',
  },
  'POST /dang-tai/tbmt/:no/sua-doi': { cross: changeForm('sua-doi'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/gia-han': { cross: changeForm('gia-han'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/huy': { cross: changeForm('huy'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/hop-dong': { cross: changeForm('hop-dong'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/mo-thau': { cross: changeForm('mo-thau'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/ket-qua': { cross: changeForm('ket-qua'), csrf: 'checked' },
  'POST /dang-tai/tbmt/:no/lam-ro': { cross: changeForm('lam-ro'), csrf: 'checked' },

  // — administration (admin role; a publisher of Y is refused whatever it aims at) —
  'POST /quan-tri/don-vi': {
    cross: () => [
      { url: '/quan-tri/don-vi', form: { code: 'so-tc', name: 'Y đổi tên', kind: 'so', parent_code: 'hn' } },
    ],
    csrf: 'checked',
    owner: 'admin',
  },
  'POST /quan-tri/tai-khoan': {
    cross: () => [
      {
        url: '/quan-tri/tai-khoan',
        form: {
          email: 'y2@so-tc.vn',
          display_name: 'Y',
          role: 'publisher',
          agency_code: 'so-tc',
          password: PASSWORD,
        },
      },
    ],
    csrf: 'checked',
    owner: 'admin',
  },
  'POST /quan-tri/tai-khoan/:id/trang-thai': {
    cross: (f) => [{ url: `/quan-tri/tai-khoan/${f.accountX}/trang-thai`, form: { disabled: 'true' } }],
    csrf: 'checked',
    owner: 'admin',
  },
  'POST /quan-tri/ma-api': {
    cross: () => [{ url: '/quan-tri/ma-api', form: { agency_code: 'so-tc', label: 'Mã của Y' } }],
    csrf: 'checked',
    owner: 'admin',
  },
  'POST /quan-tri/ma-api/:id/thu-hoi': {
    cross: (f) => [{ url: `/quan-tri/ma-api/${f.tokenXId}/thu-hoi`, form: {} }],
    csrf: 'checked',
    owner: 'admin',
  },

  // — own account (no agency: acts only on the caller's own account or session) —
  'POST /dang-nhap': {
    cross: { none: 'signs in as the account whose password is given; no agency resource' },
    csrf: 'checked',
    owner: 'anonymous',
    own: () => ({ url: '/dang-nhap', form: { email: 'publisher-x@so-tc.vn', password: PASSWORD } }),
  },
  'POST /dang-xuat': {
    cross: { none: "ends the caller's own session only" },
    csrf: 'checked',
    own: () => ({ url: '/dang-xuat', form: {} }),
  },
  'POST /tai-khoan/mat-khau': {
    cross: { none: "changes the caller's own password only (current password required)" },
    csrf: 'checked',
    own: () => ({
      url: '/tai-khoan/mat-khau',
      form: {
        current_password: PASSWORD,
        password: 'Mật khẩu mới rất dài 2027',
        password_confirm: 'Mật khẩu mới rất dài 2027',
      },
    }),
  },

  // — public e-mail alerts (no session, no agency) —
  'POST /thong-bao-email': {
    cross: { none: 'public subscription to a saved search; no agency resource' },
    csrf: {
      exempt:
        'public form for people without an account; double opt-in (nothing is sent until the link in the ' +
        'confirmation e-mail is followed) and RATE_LIMITS of src/alerts/subscriptions.ts (3 e-mails an ' +
        'hour per address, 20 requests an hour per IP, answered 429) protect it',
    },
  },
  'POST /thong-bao-email/xac-nhan': {
    cross: { none: 'public alert link' },
    csrf: { exempt: ALERT_EXEMPT },
    forged: { url: '/thong-bao-email/xac-nhan', form: { token: 'gia-mao.token' } },
  },
  'POST /thong-bao-email/quan-ly/huy': {
    cross: { none: 'public alert link' },
    csrf: { exempt: ALERT_EXEMPT },
    forged: { url: '/thong-bao-email/quan-ly/huy', form: { token: 'gia-mao.token', id: '1' } },
  },
  'POST /thong-bao-email/huy': {
    cross: { none: 'public alert link' },
    csrf: {
      exempt: `${ALERT_EXEMPT}; also the RFC 8058 one-click unsubscribe, which a mail client sends without any page`,
    },
    forged: {
      url: '/thong-bao-email/huy',
      form: { token: 'gia-mao.token', 'List-Unsubscribe': 'One-Click' },
    },
  },
};
