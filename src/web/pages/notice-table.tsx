/** A table of notices, one row each: number, name, investor, field, method, price, closing, state. */
import type { ComponentChildren } from 'preact';
import { FIELDS, labelVi, METHODS } from '../../procurement/codes.ts';
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { DemoTag, Money, Org, StateBadge, tbmtHref, Text, Time } from './components.tsx';

/** An extra column: header text and the cell of a row. */
export interface ExtraColumn<R> {
  header: string;
  cell(row: R): ComponentChildren;
}

/**
 * The notices `rows` in a table with a caption and column headers (`scope="col"`); the name cell is
 * the row header. `extra` columns follow the name (e.g. a bidder's price and outcome on an organisation page).
 */
export function NoticeTable<R extends NoticeRow>({
  rows,
  caption,
  extra = [],
  empty = 'Không có gói thầu nào.',
}: {
  rows: R[];
  caption: ComponentChildren;
  extra?: ExtraColumn<R>[];
  empty?: string;
}) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div
      class="table-scroll"
      role="region"
      aria-label={typeof caption === 'string' ? caption : undefined}
      tabindex={0}
    >
      <table class="list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Số TBMT</th>
            <th scope="col">Tên gói thầu</th>
            {extra.map((c) => (
              <th scope="col">{c.header}</th>
            ))}
            <th scope="col">Chủ đầu tư</th>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Hình thức</th>
            <th scope="col" class="num">
              Giá gói thầu
            </th>
            <th scope="col">Đóng thầu</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="nowrap">
                <a href={tbmtHref(r.notifyNo)}>{r.notifyNo}</a>
              </td>
              <th scope="row" class="name">
                <div class="cell-name">
                  <a href={tbmtHref(r.notifyNo)}>{r.name}</a> {r.isDemo ? <DemoTag /> : null}
                </div>
              </th>
              {extra.map((c) => (
                <td>{c.cell(r)}</td>
              ))}
              <td>
                <div class="cell-org">
                  <Org org={r.investor} />
                </div>
              </td>
              <td>
                <Text value={labelVi(FIELDS, r.field)} />
              </td>
              <td>
                <Text value={labelVi(METHODS, r.method)} />
              </td>
              <td class="num">
                <Money vnd={r.priceVnd} />
              </td>
              <td>
                <Time at={r.bidCloseAt} />
              </td>
              <td class="state">
                <StateBadge state={r.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
