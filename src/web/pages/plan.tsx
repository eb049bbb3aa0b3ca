/** The public page of a procurement plan (KHLCNT): `/khlcnt/{planNo}` with its packages. */
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES, labelVi } from '../../procurement/codes.ts';
import type { PlanPackageView, PlanView } from '../../plans/queries.ts';
import { formatFlag, formatPeriod, formatVnDate, formatVnDateTime } from '../format.ts';
import { Facts, Heading, Money, Org, Text, tbmtHref } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** `/khlcnt/{planNo}`. */
export function planHref(planNo: string): string {
  return `/khlcnt/${encodeURIComponent(planNo)}`;
}

/** The last day of a deadline that ends at 24:00 VN time (the end instant is 00:00 of the next day). */
function lastDay(deadline: Date | null): string {
  return deadline ? formatVnDate(new Date(deadline.getTime() - 1)) : '';
}

/** How the publication stands against its deadline, as a sentence (or null for imported plans). */
export function Lateness({ plan }: { plan: PlanView }) {
  if (plan.lateByWd === null) return null;
  if (plan.lateByWd > 0) {
    return (
      <p class="notice-flag late" role="note">
        <strong>Đăng tải muộn {plan.lateByWd} ngày làm việc</strong> (hạn chót: hết ngày{' '}
        {lastDay(plan.deadlineAt)}
        {plan.lateCitation ? `; ${plan.lateCitation}` : ''}).{' '}
        <span class="gloss" lang="en">
          Published {plan.lateByWd} working day(s) late.
        </span>
      </p>
    );
  }
  return (
    <p class="notice-ok">
      Đăng tải đúng hạn{plan.deadlineAt ? ` (hạn chót: hết ngày ${lastDay(plan.deadlineAt)})` : ''}.{' '}
      <span class="gloss" lang="en">
        Published on time.
      </span>
    </p>
  );
}

function PackageRow({ p, i }: { p: PlanPackageView; i: number }) {
  return (
    <tr>
      <td>{i + 1}</td>
      <td>
        <Text value={p.name} />
        {p.bidNo ? (
          <>
            <br />
            <small>{p.bidNo}</small>
          </>
        ) : null}
        {p.notices.map((n) => (
          <>
            <br />
            <a href={tbmtHref(n)}>TBMT {n}</a>
          </>
        ))}
      </td>
      <td>{labelVi(FIELDS, p.field)}</td>
      <td>{labelVi(METHODS, p.method)}</td>
      <td>{labelVi(PROCEDURES, p.procedure)}</td>
      <td>{labelVi(CONTRACT_TYPES, p.contractType)}</td>
      <td class="num">
        <Money vnd={p.priceVnd} />
      </td>
      <td>
        <Text value={p.funding} />
      </td>
      <td>
        {formatFlag(p.isDomestic, 'Trong nước', 'Quốc tế')},{' '}
        {formatFlag(p.isInternet, 'qua mạng', 'không qua mạng')}
      </td>
      <td>
        <Text value={p.selectionStart} />
      </td>
      <td>{formatPeriod(p.contractPeriod, p.contractPeriodUnit)}</td>
    </tr>
  );
}

/** The packages of a plan as a table (also the Excel preview). */
export function PackagesTable({ packages }: { packages: PlanPackageView[] }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>Danh sách gói thầu ({packages.length})</caption>
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Tên gói thầu</th>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Hình thức</th>
            <th scope="col">Phương thức</th>
            <th scope="col">Loại hợp đồng</th>
            <th scope="col">Giá gói thầu</th>
            <th scope="col">Nguồn vốn</th>
            <th scope="col">Trong nước / qua mạng</th>
            <th scope="col">Bắt đầu LCNT</th>
            <th scope="col">Thời gian thực hiện HĐ</th>
          </tr>
        </thead>
        <tbody>
          {packages.map((p, i) => (
            <PackageRow p={p} i={i} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole plan page. */
export function PlanPage({ ctx, plan }: { ctx: PageContext; plan: PlanView }) {
  const total = plan.packages.reduce((s, p) => s + (p.priceVnd ?? 0), 0);
  return (
    <Layout ctx={ctx} title={`KHLCNT ${plan.planNo}`}>
      <h1>
        Kế hoạch lựa chọn nhà thầu <Text value={plan.planNo} />{' '}
        <span class="gloss" lang="en">
          Procurement plan
        </span>
      </h1>
      <Lateness plan={plan} />
      <Facts
        rows={[
          [
            'Số KHLCNT',
            <Text value={plan.issuedNumber ? `${plan.planNo} (số do minhbach cấp)` : plan.planNo} />,
          ],
          ['Phiên bản', <Text value={plan.version} />],
          ['Tên kế hoạch', <Text value={plan.name} />],
          ['Dự án / dự toán mua sắm', <Text value={plan.projectName} />],
          [
            'Chủ đầu tư',
            <Org org={plan.investor ? { ...plan.investor, taxCode: null, codeIsLocal: false } : null} />,
          ],
          ['Quyết định phê duyệt', <Text value={plan.decisionNo} />],
          ['Ngày phê duyệt', <Text value={formatVnDate(plan.decisionDate)} />],
          ['Cơ quan phê duyệt', <Text value={plan.decisionAgency} />],
          ['Ngày đăng tải', <Text value={formatVnDateTime(plan.publishedAt)} />],
          ['Tổng giá các gói thầu', <Money vnd={total} />],
        ]}
      />
      {plan.versions.length > 1 ? (
        <section aria-labelledby="phien-ban">
          <Heading id="phien-ban" vi="Các phiên bản" en="Versions" />
          <ul>
            {plan.versions.map((v) => (
              <li>{v === plan.planNo ? <strong>{v}</strong> : <a href={planHref(v)}>{v}</a>}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="goi-thau">
        <Heading id="goi-thau" vi="Gói thầu" en="Packages" />
        <PackagesTable packages={plan.packages} />
      </section>
    </Layout>
  );
}
