/**
 * The e-mails of the alerts, each with a plain-text and an HTML part in Vietnamese (English glosses),
 * VND amounts and Vietnam times: the confirmation request (double opt-in) and the alert itself (new
 * matches of one run, or the daily digest). Every alert carries a one-click unsubscribe: a link in the
 * body and the `List-Unsubscribe` + `List-Unsubscribe-Post: List-Unsubscribe=One-Click` headers
 * (RFC 2369, RFC 8058). Pure: no database, no transport.
 */
import { renderToString } from 'preact-render-to-string';
import { labelVi, NOTICE_STATES } from '../procurement/codes.ts';
import type { NoticeRow } from '../procurement/queries/notice-rows.ts';
import type { OutgoingMail } from '../mail/transport.ts';
import { mailDate, mailDateTime, mailVnd } from './format.ts';
import { AlertHtml, ConfirmHtml } from './mail-html.tsx';

/** At most this many notices are listed in one e-mail; the rest are counted with a link to the search. */
export const MAX_LISTED = 50;

/** Frequencies of a subscription, with their labels (the one list the form and the e-mails use). */
export const FREQUENCIES = [
  { value: 'immediate', vi: 'Ngay khi có gói thầu mới', en: 'Immediately' },
  { value: 'daily', vi: 'Bản tin tổng hợp hằng ngày', en: 'Daily digest' },
] as const;

/** A value of `FREQUENCIES`. */
export type Frequency = (typeof FREQUENCIES)[number]['value'];

/** True when `value` is a frequency. */
export function isFrequency(value: unknown): value is Frequency {
  return FREQUENCIES.some((f) => f.value === value);
}

/** Input of `composeConfirmMail`. */
export interface ConfirmMailInput {
  to: string;
  messageId: string;
  /** Description of the saved search (`describeSavedSearch`). */
  description: string;
  frequency: Frequency;
  /** Absolute URL of the confirmation page (signed token). */
  confirmUrl: string;
  /** Absolute URL of the search page of the saved search. */
  searchUrl: string;
  /** Absolute URL of the manage page of the address (signed). */
  manageUrl: string;
  /** When the confirmation link stops working. */
  expiresAt: Date;
}

/** The confirmation request of a saved search (double opt-in). */
export function composeConfirmMail(input: ConfirmMailInput): OutgoingMail {
  const freq = FREQUENCIES.find((f) => f.value === input.frequency)!.vi.toLowerCase();
  const text = [
    'Xin chào,',
    '',
    'Ai đó (có thể là bạn) vừa đăng ký nhận thông báo qua e-mail từ cổng Minh bạch cho tìm kiếm:',
    `  ${input.description}`,
    `  ${input.searchUrl}`,
    `Tần suất: ${freq}.`,
    '',
    'Để xác nhận, hãy mở liên kết sau và bấm “Xác nhận”:',
    input.confirmUrl,
    `Liên kết có hiệu lực đến ${mailDateTime(input.expiresAt)} (giờ Việt Nam).`,
    '',
    'Nếu bạn không đăng ký, hãy bỏ qua e-mail này: bạn sẽ không nhận thêm thư nào.',
    `Quản lý các thông báo của địa chỉ này: ${input.manageUrl}`,
    '',
    '—',
    'Please confirm your e-mail alert subscription on the Minh bạch procurement portal by opening the',
    'link above; if you did not ask for it, ignore this message.',
  ].join('\n');
  return {
    to: input.to,
    messageId: input.messageId,
    subject: 'Xác nhận đăng ký nhận thông báo gói thầu (confirm your alert)',
    text,
    html: `<!DOCTYPE html>\n${renderToString(ConfirmHtml({ ...input, frequencyVi: freq, expires: mailDateTime(input.expiresAt) }))}`,
  };
}

/** Input of `composeAlertMail`. */
export interface AlertMailInput {
  to: string;
  messageId: string;
  kind: 'immediate' | 'digest';
  description: string;
  /** The new matches, newest first; only the first `MAX_LISTED` are listed. */
  notices: NoticeRow[];
  /** Absolute URLs: search page, manage page, unsubscribe page (signed), notice page prefix. */
  links: { search: string; manage: string; unsubscribe: string; noticeBase: string };
  /** The moment the message is composed (digest date). */
  now: Date;
}

/** A notice as shown in an e-mail. */
export interface MailNotice {
  notifyNo: string;
  name: string;
  url: string;
  investor: string;
  price: string;
  published: string;
  closes: string;
  state: string;
}

function mailNotice(n: NoticeRow, base: string): MailNotice {
  return {
    notifyNo: n.notifyNo,
    name: n.name,
    url: `${base}/tbmt/${encodeURIComponent(n.notifyNo)}`,
    investor: n.investor?.name ?? '',
    price: mailVnd(n.priceVnd),
    published: mailDateTime(n.publishedAt),
    closes: mailDateTime(n.bidCloseAt),
    state: labelVi(NOTICE_STATES, n.state),
  };
}

/** An alert e-mail: the new matches of a saved search, with one-click unsubscribe headers. */
export function composeAlertMail(input: AlertMailInput): OutgoingMail {
  const all = input.notices.map((n) => mailNotice(n, input.links.noticeBase));
  const listed = all.slice(0, MAX_LISTED);
  const more = all.length - listed.length;
  const count = all.length;
  const heading =
    input.kind === 'digest'
      ? `Bản tin ngày ${mailDate(input.now)}: ${count} gói thầu mới`
      : `${count} gói thầu mới`;
  const subject = `${heading} — ${truncate(input.description, 80)}`;
  const lines: string[] = [
    `${heading} phù hợp với tìm kiếm đã lưu của bạn: ${input.description}`,
    `(${count} new notice${count === 1 ? '' : 's'} matching your saved search)`,
    '',
  ];
  for (const n of listed) {
    lines.push(`• ${n.name}`);
    lines.push(`  Số TBMT: ${n.notifyNo}${n.state ? ` · ${n.state}` : ''}`);
    if (n.investor) lines.push(`  Chủ đầu tư: ${n.investor}`);
    if (n.price) lines.push(`  Giá gói thầu: ${n.price}`);
    if (n.published) lines.push(`  Đăng tải: ${n.published}`);
    if (n.closes) lines.push(`  Đóng thầu: ${n.closes} (giờ Việt Nam)`);
    lines.push(`  ${n.url}`, '');
  }
  if (more > 0) lines.push(`… và ${more} gói thầu khác: ${input.links.search}`, '');
  lines.push(
    `Xem tất cả kết quả tìm kiếm: ${input.links.search}`,
    `Quản lý các thông báo của bạn: ${input.links.manage}`,
    `Hủy nhận thông báo cho tìm kiếm này: ${input.links.unsubscribe}`,
    '',
    '—',
    'Minh bạch — cổng công khai thông tin đấu thầu. Manage or unsubscribe with the links above.',
  );
  return {
    to: input.to,
    messageId: input.messageId,
    subject,
    text: lines.join('\n'),
    html: `<!DOCTYPE html>\n${renderToString(AlertHtml({ heading, description: input.description, listed, more, links: input.links }))}`,
    headers: {
      'List-Unsubscribe': `<${input.links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
