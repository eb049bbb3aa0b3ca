/**
 * A table of notices, one row each: number, name, investor (and procuring entity), field, method,
 * price, closing, state — the lists of the home, organisation and search pages. On the search page the
 * searched words are marked (`<mark>`) in the name and the organisations; marking works on segments
 * rendered by JSX, so every character of the data is escaped and no HTML from the data reaches the page.
 */
import type { ComponentChildren } from 'preact';
import { FIELDS, labelVi, METHODS } from '../../procurement/codes.ts';
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { highlight } from '../../procurement/queries/search-highlight.ts';
import type { OrgLink } from '../../procurement/queries/story-types.ts';
import { DemoTag, Money, NOT_PUBLISHED, orgHref, StateBadge, tbmtHref, Text, Time } from './components.tsx';

/** `text` with the parts matching `words` in `<mark>` (plain text when `words` is empty). */
export function Marked({ text, words }: { text: string; words: readonly string[] }) {
  if (words.length === 0) return <>{text}</>;
  return <>{highlight(text, words).map((seg) => (seg.mark ? <mark>{seg.text}</mark> : seg.text))}</>;
}

/** An organisation linked to its page, `words` marked in its name. */
function MarkedOrg({ org, words }: { org: OrgLink | null | undefined; words: readonly string[] }) {
  if (!org) return <span class="muted">{NOT_PUBLISHED}</span>;
  const name = <Marked text={org.name} words={words} />;
  return org.code ? <a href={orgHref(org.code)}>{name}</a> : name;
}

/** An extra column: header text and the cell of a row. */
export interface ExtraColumn<R> {
  header: string;
  cell(row: R): ComponentChildren;
}

/**
 * The notices `rows` in a table with a caption and column headers (`scope="col"`); the name cell is
 * the row header. `extra` columns follow the name (e.g. a bidder's price and outcome on an organisation
 * page); `marks` are the words to mark; `withProcuringEntity` adds the procuring entity under the
 * investor when it is another organisation.
 */
export function NoticeTable<R extends NoticeRow>({
  rows,
  caption,
  extra = [],
  empty = 'Không có gói thầu nào.',
  marks = [],
  withProcuringEntity = false,
}: {
  rows: R[];
  caption: ComponentChildren;
  extra?: ExtraColumn<R>[];
  empty?: string;
  marks?: readonly string[];
  withProcuringEntity?: boolean;
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
            <th scope="col">{withProcuringEntity ? 'Chủ đầu tư / Bên mời thầu' : 'Chủ đầu tư'}</th>
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
                  <a href={tbmtHref(r.notifyNo)}>
                    <Marked text={r.name} words={marks} />
                  </a>{' '}
                  {r.isDemo ? <DemoTag /> : null}
                </div>
              </th>
              {extra.map((c) => (
                <td>{c.cell(r)}</td>
              ))}
              <td>
                <div class="cell-org">
                  <MarkedOrg org={r.investor} words={marks} />
                  {withProcuringEntity && r.procuringEntity && r.procuringEntity.code !== r.investor?.code ? (
                    <>
                      <br />
                      <span class="muted">Bên mời thầu: </span>
                      <MarkedOrg org={r.procuringEntity} words={marks} />
                    </>
                  ) : null}
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
