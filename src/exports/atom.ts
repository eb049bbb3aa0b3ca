/**
 * Atom 1.0 feed (RFC 4287) of notices, built with the `feed` package: newest first, one entry per
 * notice with its page as link and id, dates in RFC 3339 (UTC). The package writes titles and
 * summaries as `type="html"` in CDATA sections, so their text is HTML-escaped here first: markup in
 * the data reaches a feed reader as text, and `]]>` cannot end a CDATA section early.
 */
import { Feed } from 'feed';
import { FIELDS, labelVi, METHODS, NOTICE_STATES } from '../procurement/codes.ts';
import type { NoticeRow } from '../procurement/queries/notice-rows.ts';
import { escapeHtml } from '../procurement/queries/search-highlight.ts';
import { vnParts } from '../text/time.ts';

/** What the feed is about. */
export interface AtomFeedInfo {
  /** Feed title (Vietnamese). */
  title: string;
  /** Absolute URL of the feed itself (its id and rel=self link). */
  selfUrl: string;
  /** Absolute URL of the HTML page with the same results (rel=alternate). */
  pageUrl: string;
  /** Absolute base URL of the site, without trailing slash (entry links). */
  baseUrl: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as people read it in Vietnam, `29/12/2026 09:00` (Asia/Ho_Chi_Minh), as on the pages. */
function vnDateTimeText(at: Date): string {
  const p = vnParts(at);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

function summary(n: NoticeRow): string {
  const parts = [
    n.investor ? `Chủ đầu tư: ${n.investor.name}` : null,
    n.field ? `Lĩnh vực: ${labelVi(FIELDS, n.field)}` : null,
    n.method ? `Hình thức: ${labelVi(METHODS, n.method)}` : null,
    n.priceVnd !== null ? `Giá gói thầu: ${n.priceVnd.toLocaleString('vi-VN')} ₫` : null,
    n.bidCloseAt ? `Đóng thầu: ${vnDateTimeText(n.bidCloseAt)} (giờ Việt Nam)` : null,
    `Trạng thái: ${labelVi(NOTICE_STATES, n.state) || n.state}`,
    n.isDemo ? 'Dữ liệu minh họa (demo)' : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/**
 * The Atom XML of `rows` (in the order given: pass them newest first). The feed's `updated` is the
 * newest entry date, or `now` for an empty feed; an entry's date is its first publication (else
 * `now`).
 */
export function atomFeed(rows: readonly NoticeRow[], info: AtomFeedInfo, now: Date): string {
  const dates = rows.map((r) => r.publishedAt ?? now);
  const feed = new Feed({
    id: info.selfUrl,
    title: info.title,
    link: info.pageUrl,
    language: 'vi',
    updated: dates.length > 0 ? new Date(Math.max(...dates.map((d) => d.getTime()))) : now,
    generator: 'minhbach',
    feedLinks: { atom: info.selfUrl },
    copyright: 'Dữ liệu công khai theo Luật Đấu thầu 22/2023/QH15',
  });
  rows.forEach((r, i) => {
    const link = `${info.baseUrl}/tbmt/${encodeURIComponent(r.notifyNo)}`;
    feed.addItem({
      id: link,
      title: escapeHtml(`${r.notifyNo} — ${r.name}`),
      link,
      date: dates[i]!,
      published: r.publishedAt ?? undefined,
      description: escapeHtml(summary(r)),
      author:
        r.procuringEntity || r.investor ? [{ name: (r.procuringEntity ?? r.investor)!.name }] : undefined,
    });
  });
  return feed.atom1();
}
