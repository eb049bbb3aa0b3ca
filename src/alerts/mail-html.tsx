/** The HTML parts of the alert e-mails (preact, escaped by default; inline styles only, as mail needs). */
import type { MailNotice } from './compose.ts';

const BODY =
  'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b;max-width:640px';
const MUTED = 'color:#555;font-size:13px';

/** HTML of the confirmation request. */
export function ConfirmHtml(p: {
  description: string;
  frequencyVi: string;
  confirmUrl: string;
  searchUrl: string;
  manageUrl: string;
  expires: string;
}) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>Xác nhận đăng ký nhận thông báo</title>
      </head>
      <body style={BODY}>
        <h1 style="font-size:20px">Xác nhận đăng ký nhận thông báo</h1>
        <p>Ai đó (có thể là bạn) vừa đăng ký nhận thông báo qua e-mail từ cổng Minh bạch cho tìm kiếm:</p>
        <p>
          <a href={p.searchUrl}>{p.description}</a> — tần suất: {p.frequencyVi}.
        </p>
        <p>
          <a href={p.confirmUrl} style="font-weight:bold">
            Xác nhận đăng ký
          </a>{' '}
          (liên kết có hiệu lực đến {p.expires}, giờ Việt Nam)
        </p>
        <p>Nếu bạn không đăng ký, hãy bỏ qua e-mail này: bạn sẽ không nhận thêm thư nào.</p>
        <p>
          <a href={p.manageUrl}>Quản lý các thông báo của địa chỉ này</a>
        </p>
        <p lang="en" style={MUTED}>
          Please confirm your e-mail alert on the Minh bạch procurement portal with the link above; if you did
          not ask for it, ignore this message.
        </p>
      </body>
    </html>
  );
}

/** HTML of an alert (immediate or digest). */
export function AlertHtml(p: {
  heading: string;
  description: string;
  listed: MailNotice[];
  more: number;
  links: { search: string; manage: string; unsubscribe: string };
}) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title>{p.heading}</title>
      </head>
      <body style={BODY}>
        <h1 style="font-size:20px">{p.heading}</h1>
        <p>
          Phù hợp với tìm kiếm đã lưu của bạn: <a href={p.links.search}>{p.description}</a>
        </p>
        <ul style="padding-left:18px">
          {p.listed.map((n) => (
            <li style="margin-bottom:12px">
              <a href={n.url} style="font-weight:bold">
                {n.name}
              </a>
              <br />
              <span style={MUTED}>
                Số TBMT {n.notifyNo}
                {n.state ? ` · ${n.state}` : ''}
              </span>
              {n.investor ? (
                <>
                  <br />
                  Chủ đầu tư: {n.investor}
                </>
              ) : null}
              {n.price ? (
                <>
                  <br />
                  Giá gói thầu: <span style="white-space:nowrap">{n.price}</span>
                </>
              ) : null}
              {n.published ? (
                <>
                  <br />
                  Đăng tải: {n.published}
                </>
              ) : null}
              {n.closes ? (
                <>
                  <br />
                  Đóng thầu: {n.closes} (giờ Việt Nam)
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {p.more > 0 ? (
          <p>
            … và {p.more} gói thầu khác: <a href={p.links.search}>xem tất cả</a>
          </p>
        ) : null}
        <hr />
        <p style={MUTED}>
          <a href={p.links.search}>Xem kết quả tìm kiếm</a> · <a href={p.links.manage}>Quản lý thông báo</a> ·{' '}
          <a href={p.links.unsubscribe}>Hủy nhận thông báo cho tìm kiếm này</a>
        </p>
        <p lang="en" style={MUTED}>
          Minh bạch procurement portal: new notices matching your saved search. Manage or unsubscribe with the
          links above.
        </p>
      </body>
    </html>
  );
}
