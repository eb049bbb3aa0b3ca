/**
 * The plans (KHLCNT) the agency published on minhbach, listed on `/dang-tai` under its drafts and
 * notices: number (a link to the public page `/khlcnt/{planNo}`), name, agency, packages, total price,
 * publication time and lateness (Law 22/2023 Art. 8.4: within 5 working days of approval).
 */
import type { PublishedPlanLine } from '../../plans/queries.ts';
import { Heading, Money, Text, Time } from './components.tsx';
import { planHref } from './plan.tsx';

/** The section; says so when the agency has published no plan. */
export function PublishedPlansSection({ plans }: { plans: PublishedPlanLine[] }) {
  return (
    <section aria-labelledby="ke-hoach-da-dang">
      <Heading
        id="ke-hoach-da-dang"
        vi="Kế hoạch lựa chọn nhà thầu đã đăng"
        en="Published procurement plans"
      />
      {plans.length === 0 ? (
        <p class="empty">Chưa đăng kế hoạch lựa chọn nhà thầu nào.</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Kế hoạch lựa chọn nhà thầu đã đăng" tabIndex={0}>
          <table class="list">
            <caption>Kế hoạch lựa chọn nhà thầu đã đăng, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Số KHLCNT</th>
                <th scope="col">Tên kế hoạch</th>
                <th scope="col">Đơn vị</th>
                <th scope="col" class="num">
                  Số gói thầu
                </th>
                <th scope="col" class="num">
                  Tổng giá gói thầu
                </th>
                <th scope="col">Đăng tải</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr>
                  <th scope="row" class="nowrap">
                    <a href={planHref(p.planNo)}>{p.planNo}</a>
                  </th>
                  <td>
                    <Text value={p.name} />
                  </td>
                  <td>{p.agencyCode}</td>
                  <td class="num">{p.packageCount}</td>
                  <td class="num">
                    <Money vnd={p.totalVnd} />
                  </td>
                  <td>
                    <Time at={p.publishedAt} />
                    {p.lateByWd ? ` (chậm ${p.lateByWd} ngày làm việc)` : ''}
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
