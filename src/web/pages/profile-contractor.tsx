/**
 * The contractor part of the organisation page (nhà thầu): figures (bids, wins, win rate, awarded
 * value), notices won, the agencies it wins from, the bidders it meets most and every bid.
 */
import type { AgencyWin, BidderRow, CoBidder, OrgProfile } from '../../procurement/queries/org.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { Facts, Heading, Money, NOT_PUBLISHED, Org } from './components.tsx';
import { NoticeTable, type ExtraColumn } from './notice-table.tsx';
import { DataTable, PagedSection, type Column } from './profile-section.tsx';

const BIDDER_COLUMNS: ExtraColumn<BidderRow>[] = [
  { header: 'Giá dự thầu', cell: (r) => <Money vnd={r.bidPriceVnd} /> },
  {
    header: 'Kết quả',
    cell: (r) =>
      r.won === null ? (
        <span class="muted">Chưa có kết quả</span>
      ) : r.won ? (
        <>
          <strong class="badge won">✔ Trúng thầu</strong> <Money vnd={r.winningPriceVnd} />
        </>
      ) : (
        <>
          <span class="badge lost">Không trúng thầu</span>
          {r.reason ? <div class="hint">{r.reason}</div> : null}
        </>
      ),
  },
];

const AGENCY_COLUMNS: Column<AgencyWin>[] = [
  { header: 'Cơ quan mời thầu', cell: (a) => <Org org={a.agency} /> },
  { header: 'Số gói trúng thầu', cell: (a) => formatNumber(a.wins), num: true },
  { header: 'Tổng giá trúng thầu', cell: (a) => <Money vnd={a.awardedVnd} />, num: true },
];

const CO_BIDDER_COLUMNS: Column<CoBidder>[] = [
  { header: 'Nhà thầu', cell: (c) => <Org org={c.bidder} /> },
  { header: 'Số lần cùng dự thầu', cell: (c) => formatNumber(c.shared), num: true },
  { header: 'Nhà thầu đó trúng', cell: (c) => formatNumber(c.theirWins), num: true },
  { header: 'Đơn vị đang xem trúng', cell: (c) => formatNumber(c.ownWins), num: true },
];

/** True when the organisation bid in anything. */
export function isContractor(org: OrgProfile): boolean {
  return org.contractor.bids > 0;
}

/** The contractor part: `h2` "Tham gia dự thầu", its figures and lists. */
export function ContractorSections({ org }: { org: OrgProfile }) {
  const s = org.contractor;
  const code = org.code;
  return (
    <section aria-labelledby="nha-thau-tong-hop">
      <Heading id="nha-thau-tong-hop" vi="Tham gia dự thầu" en="As bidder" />
      <Facts
        rows={[
          ['Số gói thầu đã dự thầu', formatNumber(s.bids)],
          ['Số lần mở thầu có tham dự', formatNumber(s.openings)],
          ['Số gói đã có kết quả', formatNumber(s.decided)],
          ['Số gói trúng thầu', formatNumber(s.wins)],
          [
            'Tỷ lệ trúng thầu',
            s.winRate === null ? (
              <span class="muted">{NOT_PUBLISHED}</span>
            ) : (
              <>
                {formatPercent(Math.round(s.winRate * 1000) / 10)}{' '}
                <span class="hint">
                  ({formatNumber(s.wins)}/{formatNumber(s.decided)} gói đã có kết quả)
                </span>
              </>
            ),
          ],
          ['Tổng giá trúng thầu', <Money vnd={s.awardedVnd} />],
        ]}
      />
      <PagedSection code={code} role="won" vi="Gói thầu đã trúng" en="Notices won" list={org.won}>
        <NoticeTable
          rows={org.won.items}
          caption="Gói thầu đã trúng"
          extra={BIDDER_COLUMNS}
          empty="Chưa trúng gói thầu nào."
        />
      </PagedSection>
      <PagedSection
        code={code}
        role="agencies"
        vi="Cơ quan đã trúng thầu"
        en="Agencies it wins from"
        list={org.agencies}
      >
        <DataTable
          rows={org.agencies.items}
          caption="Cơ quan đã trúng thầu"
          columns={AGENCY_COLUMNS}
          empty="Chưa trúng thầu ở cơ quan nào."
        />
      </PagedSection>
      <PagedSection
        code={code}
        role="cobidders"
        vi="Nhà thầu thường cùng dự thầu"
        en="Bidders it meets most"
        list={org.coBidders}
      >
        <DataTable
          rows={org.coBidders.items}
          caption="Nhà thầu thường cùng dự thầu (cùng biên bản mở thầu)"
          columns={CO_BIDDER_COLUMNS}
          empty="Chưa gặp nhà thầu nào trong các lần mở thầu."
        />
      </PagedSection>
      <PagedSection code={code} role="bidder" vi="Gói thầu đã tham dự" en="Every bid" list={org.asBidder}>
        <NoticeTable
          rows={org.asBidder.items}
          caption="Gói thầu đã tham dự"
          extra={BIDDER_COLUMNS}
          empty="Không có gói thầu nào."
        />
      </PagedSection>
    </section>
  );
}
