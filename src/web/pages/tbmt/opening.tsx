/** Extensions (gia hạn), bid opening (biên bản mở thầu) and cancellation (hủy thầu) sections. */
import type { TbmtStory } from '../../../procurement/queries/story-types.ts';
import { formatDays, formatPercent } from '../../format.ts';
import { Facts, Heading, Money, NationalCode, Org, Text, Time } from '../components.tsx';

/** Each extension of the closing/opening time: old → new, with the reason. */
export function ExtensionsSection({ story }: { story: TbmtStory }) {
  return (
    <section aria-labelledby="gia-han">
      <Heading id="gia-han" vi="Gia hạn thời điểm đóng thầu" en="Extensions" />
      {story.extensions.length === 0 ? (
        <p class="empty">Không có gia hạn.</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Các lần gia hạn" tabindex={0}>
          <table class="list">
            <caption>Các lần gia hạn, cũ nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Ngày đăng</th>
                <th scope="col">Đóng thầu: cũ → mới</th>
                <th scope="col">Mở thầu: cũ → mới</th>
                <th scope="col">Lý do</th>
              </tr>
            </thead>
            <tbody>
              {story.extensions.map((e) => (
                <tr>
                  <th scope="row">
                    <Time at={e.publishedAt} />
                  </th>
                  <td>
                    <Time at={e.oldCloseAt} /> → <Time at={e.newCloseAt} />
                  </td>
                  <td>
                    <Time at={e.oldOpenAt} /> → <Time at={e.newOpenAt} />
                  </td>
                  <td>
                    <Text value={e.reason} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The bid-opening record: every bidder with prices, discount, bid security and validity. */
export function OpeningSection({ story }: { story: TbmtStory }) {
  const opening = story.opening;
  const lots = opening?.bidders.some((b) => b.lotNo !== '') ?? false;
  return (
    <section aria-labelledby="mo-thau">
      <Heading id="mo-thau" vi="Biên bản mở thầu" en="Bid opening" />
      {!opening ? (
        <p class="empty">Chưa có biên bản mở thầu.</p>
      ) : (
        <>
          <p>
            Mở thầu lúc <Time at={opening.openedAt} />;{' '}
            {new Set(opening.bidders.map((b) => b.contractor.code)).size} nhà thầu tham dự.
          </p>
          <div class="table-scroll" role="region" aria-label="Nhà thầu tham dự" tabindex={0}>
            <table class="list">
              <caption>
                Danh sách nhà thầu tham dự (
                {new Set(opening.bidders.map((b) => b.lotNo)).size > 1
                  ? 'theo phần lô; trong mỗi phần, giá sau giảm giá thấp nhất trước'
                  : 'giá sau giảm giá thấp nhất trước'}
                )
              </caption>
              <thead>
                <tr>
                  <th scope="col">Mã nhà thầu</th>
                  <th scope="col">Tên nhà thầu</th>
                  {lots ? <th scope="col">Phần (lô)</th> : null}
                  <th scope="col" class="num">
                    Giá dự thầu
                  </th>
                  <th scope="col" class="num">
                    Tỷ lệ giảm giá
                  </th>
                  <th scope="col" class="num">
                    Giá dự thầu sau giảm giá
                  </th>
                  <th scope="col" class="num">
                    Bảo đảm dự thầu
                  </th>
                  <th scope="col">Hiệu lực bảo đảm dự thầu</th>
                  <th scope="col">Hiệu lực hồ sơ dự thầu</th>
                  <th scope="col">Thời gian thực hiện</th>
                </tr>
              </thead>
              <tbody>
                {opening.bidders.map((b) => (
                  <tr>
                    <td class="nowrap">
                      <NationalCode org={b.contractor} />
                    </td>
                    <th scope="row">
                      <div class="cell-org">
                        <Org org={b.contractor} />
                      </div>
                    </th>
                    {lots ? <td>{[b.lotNo, b.lotName].filter(Boolean).join(' — ')}</td> : null}
                    <td class="num">
                      <Money vnd={b.bidPriceVnd} />
                    </td>
                    <td class="num">
                      <Text value={formatPercent(b.discountPercent)} />
                    </td>
                    <td class="num">
                      <Money vnd={b.finalPriceVnd} />
                    </td>
                    <td class="num">
                      <Money vnd={b.bidSecurityVnd} />
                    </td>
                    <td>
                      <Text value={formatDays(b.bidSecurityDays)} />
                    </td>
                    <td>
                      <Text value={formatDays(b.bidValidityDays)} />
                    </td>
                    <td>
                      <Text value={b.executionPeriod} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The cancellation: reason, decision, time. */
export function CancellationSection({ story }: { story: TbmtStory }) {
  const c = story.cancellation;
  if (!c) return null;
  return (
    <section aria-labelledby="huy-thau" class="cancelled-section">
      <Heading id="huy-thau" vi="Hủy thầu" en="Cancellation" />
      <Facts
        rows={[
          ['Lý do hủy thầu', <Text value={c.reason} />],
          ['Số quyết định', <Text value={c.decisionNo} />],
          ['Ngày quyết định', <Time at={c.decisionDate} dateOnly />],
          ['Cơ quan ban hành', <Text value={c.decisionAgency} />],
          ['Tệp quyết định', <Text value={c.decisionFile} />],
          ['Thời điểm đăng hủy thầu', <Time at={c.cancelledAt} />],
        ]}
      />
    </section>
  );
}
