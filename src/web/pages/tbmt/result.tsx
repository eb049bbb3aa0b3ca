/** Result (kết quả lựa chọn nhà thầu, KQLCNT) and contract sections of a package page. */
import type { ResultView, TbmtStory } from '../../../procurement/queries/story-types.ts';
import { formatNumber } from '../../format.ts';
import { Facts, Heading, Money, Org, Text, Time } from '../components.tsx';

/** Every result version: decision, bidders (winner marked in text), goods items. */
export function ResultSection({ story }: { story: TbmtStory }) {
  return (
    <section aria-labelledby="ket-qua">
      <Heading id="ket-qua" vi="Kết quả lựa chọn nhà thầu" en="Award (KQLCNT)" />
      {story.results.length === 0 ? (
        <p class="empty">Chưa có kết quả lựa chọn nhà thầu.</p>
      ) : (
        story.results.map((r) => (
          <Result result={r} notifyNo={story.notifyNo} many={story.results.length > 1} />
        ))
      )}
    </section>
  );
}

function Result({ result: r, notifyNo, many }: { result: ResultView; notifyNo: string; many: boolean }) {
  const lots = r.bidders.some((b) => b.lotNo !== '');
  const winners = r.bidders.filter((b) => b.isWinner);
  return (
    <article class="result" aria-label={`Kết quả phiên bản ${r.version}`}>
      {many ? <Heading level={3} vi={`Kết quả phiên bản ${r.version}`} /> : null}
      <Facts
        rows={[
          ['Số quyết định phê duyệt', <Text value={r.decisionNo} />],
          ['Ngày quyết định', <Time at={r.decisionDate} dateOnly />],
          ['Cơ quan phê duyệt', <Text value={r.decisionAgency} />],
          ['Tệp quyết định', <Text value={r.decisionFile} />],
          ['Báo cáo đánh giá', <Text value={r.reportFile} />],
          ['Ngày đăng kết quả', <Time at={r.publishedAt} />],
          [
            'Nhà thầu trúng thầu',
            winners.length === 0 ? (
              'Không có nhà thầu trúng thầu'
            ) : (
              <>
                {winners.map((w, i) => (
                  <>
                    {i > 0 ? '; ' : ''}
                    <strong>
                      <Org org={w.contractor} />
                    </strong>{' '}
                    — <Money vnd={w.winningPriceVnd} />
                  </>
                ))}
              </>
            ),
          ],
        ]}
      />
      <div class="table-scroll" role="region" aria-label={`Nhà thầu trong kết quả ${notifyNo}`} tabindex={0}>
        <table class="list">
          <caption>Nhà thầu và kết quả đánh giá</caption>
          <thead>
            <tr>
              <th scope="col">Tên nhà thầu</th>
              {lots ? <th scope="col">Phần (lô)</th> : null}
              <th scope="col">Kết quả</th>
              <th scope="col" class="num">
                Giá dự thầu
              </th>
              <th scope="col" class="num">
                Giá đánh giá
              </th>
              <th scope="col" class="num">
                Điểm kỹ thuật
              </th>
              <th scope="col" class="num">
                Giá trúng thầu
              </th>
              <th scope="col">Thời gian thực hiện hợp đồng</th>
              <th scope="col">Lý do không trúng thầu</th>
            </tr>
          </thead>
          <tbody>
            {r.bidders.map((b) => (
              <tr class={b.isWinner ? 'winner' : undefined}>
                <th scope="row">
                  <div class="cell-org">
                    <Org org={b.contractor} />
                  </div>
                </th>
                {lots ? <td>{[b.lotNo, b.lotName].filter(Boolean).join(' — ')}</td> : null}
                <td>
                  {b.isWinner ? (
                    <strong class="badge won">✔ Trúng thầu</strong>
                  ) : (
                    <span class="badge lost">Không trúng thầu</span>
                  )}
                </td>
                <td class="num">
                  <Money vnd={b.finalPriceVnd ?? b.bidPriceVnd} />
                </td>
                <td class="num">
                  <Money vnd={b.evaluatedPriceVnd} />
                </td>
                <td class="num">
                  <Text value={b.techScore === null ? null : formatNumber(b.techScore)} />
                </td>
                <td class="num">{b.isWinner ? <Money vnd={b.winningPriceVnd} /> : ''}</td>
                <td>
                  <Text value={b.contractPeriod} />
                </td>
                <td>{b.isWinner ? '' : <Text value={b.reason} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.items.length > 0 ? <Items result={r} /> : null}
    </article>
  );
}

function Items({ result: r }: { result: ResultView }) {
  return (
    <>
      <Heading level={3} vi="Hàng hóa trúng thầu" en="Goods awarded" />
      <div class="table-scroll" role="region" aria-label="Bảng hàng hóa trúng thầu" tabindex={0}>
        <table class="list">
          <caption>Danh mục hàng hóa trúng thầu</caption>
          <thead>
            <tr>
              <th scope="col">STT</th>
              <th scope="col">Tên hàng hóa</th>
              <th scope="col">Ký mã hiệu</th>
              <th scope="col">Nhãn hiệu</th>
              <th scope="col">Năm sản xuất</th>
              <th scope="col">Xuất xứ</th>
              <th scope="col">Hãng sản xuất</th>
              <th scope="col">Đơn vị tính</th>
              <th scope="col" class="num">
                Khối lượng
              </th>
              <th scope="col" class="num">
                Đơn giá
              </th>
              <th scope="col" class="num">
                Thành tiền
              </th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr>
                <td>{i.position}</td>
                <th scope="row">
                  {i.name}
                  {i.configuration ? <div class="hint">{i.configuration}</div> : null}
                </th>
                <td>
                  <Text value={i.model} />
                </td>
                <td>
                  <Text value={i.brand} />
                </td>
                <td>
                  <Text value={i.year} />
                </td>
                <td>
                  <Text value={i.origin} />
                </td>
                <td>
                  <Text value={i.manufacturer} />
                </td>
                <td>
                  <Text value={i.unit} />
                </td>
                <td class="num">
                  <Text value={formatNumber(i.quantity, 3)} />
                </td>
                <td class="num">
                  <Money vnd={i.unitPriceVnd} />
                </td>
                <td class="num">
                  <Money vnd={i.amountVnd} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Main contract information. */
export function ContractsSection({ story }: { story: TbmtStory }) {
  return (
    <section aria-labelledby="hop-dong">
      <Heading id="hop-dong" vi="Thông tin hợp đồng" en="Contracts" />
      {story.contracts.length === 0 ? (
        <p class="empty">Chưa có thông tin hợp đồng.</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Hợp đồng" tabindex={0}>
          <table class="list">
            <caption>Hợp đồng đã ký</caption>
            <thead>
              <tr>
                <th scope="col">Số hợp đồng</th>
                <th scope="col">Nhà thầu</th>
                <th scope="col" class="num">
                  Giá trị hợp đồng
                </th>
                <th scope="col">Ngày ký</th>
                <th scope="col">Ngày hiệu lực</th>
                <th scope="col">Thời gian thực hiện</th>
                <th scope="col">Ngày đăng</th>
              </tr>
            </thead>
            <tbody>
              {story.contracts.map((c) => (
                <tr>
                  <th scope="row">{c.contractNo}</th>
                  <td>
                    <Org org={c.supplier} />
                  </td>
                  <td class="num">
                    <Money vnd={c.valueVnd} />
                  </td>
                  <td>
                    <Time at={c.signedAt} dateOnly />
                  </td>
                  <td>
                    <Time at={c.effectiveAt} dateOnly />
                  </td>
                  <td>
                    <Text value={c.period} />
                  </td>
                  <td>
                    <Time at={c.publishedAt} />
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
