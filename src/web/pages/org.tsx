/**
 * `/to-chuc/{code}`: an organisation and its packages: those it invites bids for (as investor and/or
 * procuring entity — each package once, with its roles) and those it bid in.
 */
import type { ComponentChildren } from 'preact';
import type { BidderRow, BuyerRow, OrgProfile, OrgRole, Paged } from '../../procurement/queries/org.ts';
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { formatNumber } from '../format.ts';
import { Facts, Heading, Money, orgHref, Text } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { NoticeTable, type ExtraColumn } from './notice-table.tsx';
import { BeyondLastPage, Pagination } from './pagination.tsx';

const ANCHORS: Record<OrgRole, string> = {
  buyer: 'moi-thau',
  bidder: 'nha-thau',
};

/** URL of page `page` of the `role` list of organisation `code`. */
export function orgRoleHref(code: string, role: OrgRole, page: number): string {
  const base = orgHref(code);
  return page > 1 ? `${base}?role=${role}&page=${page}#${ANCHORS[role]}` : `${base}#${ANCHORS[role]}`;
}

/** Vietnamese names of the buyer-side roles. */
export const BUYER_ROLE_LABELS: Record<BuyerRow['roles'][number], string> = {
  investor: 'Chủ đầu tư',
  procuringEntity: 'Bên mời thầu',
};

const BUYER_COLUMNS: ExtraColumn<BuyerRow>[] = [
  {
    header: 'Vai trò',
    cell: (r) => <div class="cell-roles">{r.roles.map((role) => BUYER_ROLE_LABELS[role]).join(', ')}</div>,
  },
];

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
  const href = (p: number) => orgRoleHref(code, role, p);
  return (
    <section aria-labelledby={id}>
      <Heading id={id} vi={`${vi} (${formatNumber(list.total)})`} en={en} />
      {list.page > list.pageCount ? (
        <BeyondLastPage page={list.page} pageCount={list.pageCount} href={href} />
      ) : (
        <NoticeTable rows={list.items} caption={vi} extra={extra} empty="Không có gói thầu nào." />
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={href} label={`Phân trang: ${vi}`} />
    </section>
  );
}

/** The label and explanation of an organisation's code: national, local to minhbach, or demo. */
function codeFact(org: OrgProfile): [string, ComponentChildren] {
  if (org.codeIsLocal) {
    return [
      'Mã nội bộ của minhbach',
      <>
        <span class="code">{org.code}</span>
        <p class="hint">
          Nguồn dữ liệu chỉ ghi tên tổ chức, không ghi mã trên Hệ thống mạng đấu thầu quốc gia; minhbach tự
          đặt mã này từ tên để làm địa chỉ trang. Đây không phải mã chính thức.{' '}
          <span lang="en">Internal minhbach code: the source gave no official code.</span>
        </p>
      </>,
    ];
  }
  if (org.source === 'demo') {
    return [
      'Mã trong dữ liệu minh họa',
      <>
        <span class="code">{org.code}</span>
        <p class="hint">
          Mã (và mã số thuế, nếu có) do bộ dữ liệu minh họa (demo) đặt, không phải mã trên Hệ thống mạng đấu
          thầu quốc gia.
        </p>
      </>,
    ];
  }
  return ['Mã trên Hệ thống mạng đấu thầu quốc gia', <span class="code">{org.code}</span>];
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
          codeFact(org),
          ['Mã số thuế', <Text value={org.taxCode} />],
          ['Tên tiếng Anh', <Text value={org.nameEn} />],
        ]}
      />
      <RoleSection
        code={org.code}
        role="buyer"
        vi="Gói thầu là chủ đầu tư hoặc bên mời thầu"
        en="As investor or procuring entity"
        list={org.asBuyer}
        extra={BUYER_COLUMNS}
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
