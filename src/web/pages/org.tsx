/** `/to-chuc/{code}`: an organisation and its packages as investor, procuring entity and bidder. */
import type { BidderRow, OrgProfile, OrgRole, Paged } from '../../procurement/queries/org.ts';
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { formatNumber } from '../format.ts';
import { Facts, Heading, Money, orgHref, Text } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { NoticeTable, type ExtraColumn } from './notice-table.tsx';
import { Pagination } from './pagination.tsx';

const ANCHORS: Record<OrgRole, string> = {
  investor: 'chu-dau-tu',
  procuringEntity: 'ben-moi-thau',
  bidder: 'nha-thau',
};

/** URL of page `page` of the `role` list of organisation `code`. */
export function orgRoleHref(code: string, role: OrgRole, page: number): string {
  const base = orgHref(code);
  return page > 1 ? `${base}?role=${role}&page=${page}#${ANCHORS[role]}` : `${base}#${ANCHORS[role]}`;
}

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

function RoleSection<R extends NoticeRow>({
  code,
  role,
  vi,
  en,
  list,
  extra,
}: {
  code: string;
  role: OrgRole;
  vi: string;
  en: string;
  list: Paged<R>;
  extra?: ExtraColumn<R>[];
}) {
  const id = ANCHORS[role];
  return (
    <section aria-labelledby={id}>
      <Heading id={id} vi={`${vi} (${formatNumber(list.total)})`} en={en} />
      <NoticeTable rows={list.items} caption={vi} extra={extra} empty="Không có gói thầu nào." />
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        href={(p) => orgRoleHref(code, role, p)}
        label={`Phân trang: ${vi}`}
      />
    </section>
  );
}

/** The organisation page. */
export function OrgPage({ ctx, org }: { ctx: PageContext; org: OrgProfile }) {
  return (
    <Layout ctx={ctx} title={org.name}>
      <p class="kicker">
        Tổ chức · <span lang="en">Organisation</span>
      </p>
      <Heading level={1} vi={org.name} />
      <Facts
        rows={[
          ['Mã trên Hệ thống mạng đấu thầu quốc gia', org.code],
          ['Mã số thuế', <Text value={org.taxCode} />],
          ['Tên tiếng Anh', <Text value={org.nameEn} />],
        ]}
      />
      <RoleSection
        code={org.code}
        role="investor"
        vi="Gói thầu là chủ đầu tư"
        en="As investor"
        list={org.asInvestor}
      />
      <RoleSection
        code={org.code}
        role="procuringEntity"
        vi="Gói thầu là bên mời thầu"
        en="As procuring entity"
        list={org.asProcuringEntity}
      />
      <RoleSection
        code={org.code}
        role="bidder"
        vi="Gói thầu đã tham dự"
        en="As bidder"
        list={org.asBidder}
        extra={BIDDER_COLUMNS}
      />
    </Layout>
  );
}
