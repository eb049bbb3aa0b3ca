/**
 * The results table of the search page: one row per notice, the searched words marked (`<mark>`) in
 * the name and the organisations. Marking works on segments rendered by JSX, so every character of
 * the data is escaped; no HTML from the data reaches the page.
 */
import { FIELDS, labelVi, METHODS } from '../../procurement/codes.ts';
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { highlight } from '../../procurement/queries/search-highlight.ts';
import type { OrgLink } from '../../procurement/queries/story-types.ts';
import { DemoTag, Money, NOT_PUBLISHED, orgHref, StateBadge, tbmtHref, Text, Time } from './components.tsx';

/** `text` with the parts matching `words` in `<mark>`. */
export function Marked({ text, words }: { text: string; words: readonly string[] }) {
  return <>{highlight(text, words).map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

function MarkedOrg({ org, words }: { org: OrgLink | null; words: readonly string[] }) {
  if (!org) return <span class="muted">{NOT_PUBLISHED}</span>;
  return (
    <a href={orgHref(org.code)}>
      <Marked text={org.name} words={words} />
    </a>
  );
}

/** The results `rows` as a table with `caption`; `words` are marked. */
export function SearchResultsTable({
  rows,
  words,
  caption,
}: {
  rows: NoticeRow[];
  words: readonly string[];
  caption: string;
}) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Số TBMT</th>
            <th scope="col">Tên gói thầu</th>
            <th scope="col">Chủ đầu tư / Bên mời thầu</th>
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
                    <Marked text={r.name} words={words} />
                  </a>{' '}
                  {r.isDemo ? <DemoTag /> : null}
                </div>
              </th>
              <td>
                <div class="cell-org">
                  <MarkedOrg org={r.investor} words={words} />
                  {r.procuringEntity && r.procuringEntity.code !== r.investor?.code ? (
                    <>
                      <br />
                      <span class="muted">Bên mời thầu: </span>
                      <MarkedOrg org={r.procuringEntity} words={words} />
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
