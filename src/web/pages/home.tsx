/** `/`: latest notices, notices closing soon, latest results. */
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import type { ResultRow } from '../../procurement/queries/home.ts';
import { Heading, Money, Org, tbmtHref, Time } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { NoticeTable } from './notice-table.tsx';

/** What the home page shows. */
export interface HomeData {
  latest: NoticeRow[];
  closingSoon: NoticeRow[];
  results: ResultRow[];
}

/** The home page. */
export function HomePage({ ctx, data }: { ctx: PageContext; data: HomeData }) {
  return (
    <Layout ctx={ctx} title="Trang chủ">
      <Heading level={1} vi="Công khai thông tin đấu thầu" en="Public procurement disclosure" />
      <p class="lead">
        Thông báo mời thầu, biên bản mở thầu, kết quả lựa chọn nhà thầu và hợp đồng của các cơ quan, đơn vị
        trên địa bàn thành phố.
      </p>
      <form class="search-box" role="search" action="/tim-kiem" method="get">
        <label for="q-home">Tìm gói thầu theo tên, số thông báo mời thầu hoặc đơn vị</label>
        <div class="row">
          <input
            id="q-home"
            name="q"
            type="search"
            maxLength={200}
            placeholder="Ví dụ: máy biến áp, IB2600077452"
          />
          <button type="submit">Tìm kiếm</button>
        </div>
      </form>

      <section aria-labelledby="sap-dong-thau">
        <Heading id="sap-dong-thau" vi="Sắp đóng thầu" en="Closing soon" />
        <NoticeTable
          rows={data.closingSoon}
          caption="Gói thầu đang mời thầu, thời điểm đóng thầu gần nhất trước"
          empty="Hiện không có gói thầu nào đang mời thầu."
        />
      </section>

      <section aria-labelledby="moi-dang">
        <Heading id="moi-dang" vi="Thông báo mời thầu mới" en="Latest notices" />
        <NoticeTable rows={data.latest} caption="Thông báo mời thầu mới đăng" />
        <p>
          <a href="/tim-kiem">Xem tất cả gói thầu ›</a>
        </p>
      </section>

      <section aria-labelledby="ket-qua-moi">
        <Heading id="ket-qua-moi" vi="Kết quả lựa chọn nhà thầu mới" en="Latest awards" />
        <LatestResults rows={data.results} />
      </section>
    </Layout>
  );
}

function LatestResults({ rows }: { rows: ResultRow[] }) {
  if (rows.length === 0) return <p class="empty">Chưa có kết quả lựa chọn nhà thầu nào.</p>;
  return (
    <div class="table-scroll" role="region" aria-label="Kết quả lựa chọn nhà thầu mới" tabindex={0}>
      <table class="list">
        <caption>Kết quả lựa chọn nhà thầu mới đăng</caption>
        <thead>
          <tr>
            <th scope="col">Số TBMT</th>
            <th scope="col">Tên gói thầu</th>
            <th scope="col">Chủ đầu tư</th>
            <th scope="col">Nhà thầu trúng thầu</th>
            <th scope="col" class="num">
              Giá trúng thầu
            </th>
            <th scope="col">Đăng kết quả</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="nowrap">
                <a href={tbmtHref(r.notifyNo)}>{r.notifyNo}</a>
              </td>
              <th scope="row" class="name">
                <a href={tbmtHref(r.notifyNo)}>{r.name}</a>
              </th>
              <td>
                <Org org={r.investor} />
              </td>
              <td>
                {r.winners.length === 0
                  ? 'Không có nhà thầu trúng thầu'
                  : r.winners.map((w, i) => (
                      <>
                        {i > 0 ? '; ' : ''}
                        <Org org={w.contractor} />
                      </>
                    ))}
              </td>
              <td class="num">
                {r.winners.map((w) => (
                  <div>
                    <Money vnd={w.winningPriceVnd} />
                  </div>
                ))}
              </td>
              <td>
                <Time at={r.resultPublishedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
