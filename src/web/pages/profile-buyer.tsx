/**
 * The agency part of the organisation page (chủ đầu tư / bên mời thầu): totals by year, sub-units,
 * open notices, results, plans (KHLCNT) and every notice it invites bids for.
 */
import type {
  BuyerRow,
  OrgProfile,
  PlanRow,
  ResultRow,
  SubUnitRow,
  YearTotals,
} from '../../procurement/queries/org.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { Heading, Money, NOT_PUBLISHED, Org, Text, Time } from './components.tsx';
import { NoticeTable, type ExtraColumn } from './notice-table.tsx';
import { DataTable, PagedSection, type Column } from './profile-section.tsx';

/** Vietnamese names of the buyer-side roles. */
export const BUYER_ROLE_LABELS: Record<'investor' | 'procuringEntity', string> = {
  investor: 'Chủ đầu tư',
  procuringEntity: 'Bên mời thầu',
};

const PLAN_TYPES: Record<string, string> = { TX: 'Chi thường xuyên', DTPT: 'Đầu tư phát triển' };

const ROLE_COLUMN: ExtraColumn<BuyerRow> = {
  header: 'Vai trò',
  cell: (r) => <div class="cell-roles">{r.roles.map((role) => BUYER_ROLE_LABELS[role]).join(', ')}</div>,
};

const RESULT_COLUMNS: ExtraColumn<ResultRow>[] = [
  {
    header: 'Nhà thầu trúng thầu',
    cell: (r) =>
      r.winners.length === 0 ? (
        <span class="muted">Không có nhà thầu trúng thầu</span>
      ) : (
        <ul class="plain">
          {r.winners.map((w) => (
            <li>
              <Org org={w} />
            </li>
          ))}
        </ul>
      ),
  },
  { header: 'Giá trúng thầu', cell: (r) => <Money vnd={r.awardedVnd} /> },
];

/** A savings rate as `12,5%`; `—` when unknown. */
function Rate({ rate }: { rate: number | null }) {
  return rate === null ? (
    <span class="muted">{NOT_PUBLISHED}</span>
  ) : (
    <span class="nowrap">{formatPercent(Math.round(rate * 1000) / 10)}</span>
  );
}

const YEAR_COLUMNS: Column<YearTotals>[] = [
  { header: 'Năm', cell: (y) => (y.year === null ? 'Không rõ năm' : String(y.year)) },
  { header: 'Số gói thầu', cell: (y) => formatNumber(y.packages), num: true },
  { header: 'Tổng giá gói thầu', cell: (y) => <Money vnd={y.priceVnd} />, num: true },
  { header: 'Số gói có nhà thầu trúng', cell: (y) => formatNumber(y.awardedPackages), num: true },
  { header: 'Tổng giá trúng thầu', cell: (y) => <Money vnd={y.awardedVnd} />, num: true },
  { header: 'Tỷ lệ tiết kiệm', cell: (y) => <Rate rate={y.savingsRate} />, num: true },
];

const PLAN_COLUMNS: Column<PlanRow>[] = [
  {
    header: 'Kế hoạch',
    cell: (p) => (
      <div class="cell-name">
        <span class="code-text">{p.planNo}</span>
        {p.name ? <div>{p.name}</div> : null}
      </div>
    ),
  },
  {
    header: 'Loại',
    cell: (p) => <Text value={p.planType ? (PLAN_TYPES[p.planType] ?? p.planType) : null} />,
  },
  { header: 'Dự án', cell: (p) => <Text value={p.projectName} /> },
  { header: 'Quyết định', cell: (p) => <Text value={p.decisionNo} /> },
  { header: 'Ngày đăng', cell: (p) => <Time at={p.publishedAt} dateOnly /> },
  { header: 'Số gói thầu', cell: (p) => formatNumber(p.packages), num: true },
  { header: 'Tổng giá gói thầu', cell: (p) => <Money vnd={p.totalVnd} />, num: true },
];

const SUBUNIT_COLUMNS: Column<SubUnitRow>[] = [
  { header: 'Đơn vị', cell: (u) => <Org org={u.org} /> },
  { header: 'Mã', cell: (u) => <span class="code-text">{u.org.code}</span> },
  { header: 'Số gói thầu mời thầu', cell: (u) => formatNumber(u.notices), num: true },
];

/** True when the organisation has anything on the agency side. */
export function isAgency(org: OrgProfile): boolean {
  return org.asBuyer.total > 0 || org.plans.total > 0 || org.subUnits.total > 0;
}

/** The agency part: `h2` "Cổng mua sắm của đơn vị" and its sections. */
export function AgencySections({ org }: { org: OrgProfile }) {
  const code = org.code;
  return (
    <section aria-labelledby="co-quan-moi-thau">
      <Heading id="co-quan-moi-thau" vi="Mua sắm của đơn vị" en="As investor or procuring entity" />
      <p>
        <a href={`/tim-kiem?agency=${encodeURIComponent(code)}`}>
          Tìm kiếm, lọc và xuất các gói thầu của đơn vị (kể cả đơn vị trực thuộc)
        </a>{' '}
        ·{' '}
        <a href={`/tim-kiem.atom?agency=${encodeURIComponent(code)}`} type="application/atom+xml">
          Theo dõi bằng Atom
        </a>
      </p>
      <section aria-labelledby="theo-nam">
        <Heading level={3} id="theo-nam" vi="Tổng hợp theo năm" en="Totals by year" />
        <p class="hint">
          Năm đăng tải lần đầu (giờ Việt Nam). Tỷ lệ tiết kiệm = 1 − tổng giá trúng thầu ÷ tổng giá gói thầu,
          tính trên các gói đã có nhà thầu trúng thầu và có giá gói thầu.
        </p>
        <DataTable
          rows={org.years}
          caption="Gói thầu theo năm"
          columns={YEAR_COLUMNS}
          empty="Chưa có gói thầu nào."
        />
      </section>
      {org.subUnits.total > 0 ? (
        <PagedSection code={code} role="subunits" vi="Đơn vị trực thuộc" en="Sub-units" list={org.subUnits}>
          <DataTable
            rows={org.subUnits.items}
            caption="Đơn vị trực thuộc"
            columns={SUBUNIT_COLUMNS}
            empty="Không có đơn vị trực thuộc."
          />
        </PagedSection>
      ) : null}
      <PagedSection code={code} role="open" vi="Đang mời thầu" en="Open for bids now" list={org.open}>
        <NoticeTable
          rows={org.open.items}
          caption="Gói thầu đang mời thầu"
          extra={[ROLE_COLUMN]}
          empty="Không có gói thầu nào đang mời thầu."
        />
      </PagedSection>
      <PagedSection code={code} role="results" vi="Kết quả lựa chọn nhà thầu" en="Results" list={org.results}>
        <NoticeTable
          rows={org.results.items}
          caption="Gói thầu đã có kết quả"
          extra={RESULT_COLUMNS}
          empty="Chưa có kết quả lựa chọn nhà thầu."
        />
      </PagedSection>
      <PagedSection
        code={code}
        role="plans"
        vi="Kế hoạch lựa chọn nhà thầu"
        en="Procurement plans (KHLCNT)"
        list={org.plans}
      >
        <DataTable
          rows={org.plans.items}
          caption="Kế hoạch lựa chọn nhà thầu"
          columns={PLAN_COLUMNS}
          empty="Không có kế hoạch nào."
        />
      </PagedSection>
      <PagedSection
        code={code}
        role="buyer"
        vi="Gói thầu là chủ đầu tư hoặc bên mời thầu"
        en="Every notice as investor or procuring entity"
        list={org.asBuyer}
      >
        <NoticeTable
          rows={org.asBuyer.items}
          caption="Gói thầu là chủ đầu tư hoặc bên mời thầu"
          extra={[ROLE_COLUMN]}
          empty="Không có gói thầu nào."
        />
      </PagedSection>
    </section>
  );
}
