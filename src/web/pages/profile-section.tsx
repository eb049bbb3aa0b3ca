/**
 * Building blocks of the organisation page: a paged section (heading with the count, list or "past
 * the last page", page links) and a plain data table with a caption and column headers.
 */
import type { ComponentChildren } from 'preact';
import type { OrgRole, Paged } from '../../procurement/queries/org.ts';
import { formatNumber } from '../format.ts';
import { Heading, orgHref } from './components.tsx';
import { BeyondLastPage, Pagination } from './pagination.tsx';

/** Anchor (fragment id) of each list of the organisation page. */
export const ANCHORS: Record<OrgRole, string> = {
  buyer: 'moi-thau',
  open: 'dang-moi-thau',
  results: 'ket-qua',
  plans: 'ke-hoach',
  subunits: 'don-vi-truc-thuoc',
  bidder: 'nha-thau',
  won: 'trung-thau',
  agencies: 'co-quan',
  cobidders: 'doi-thu',
};

/** URL of page `page` of the `role` list of organisation `code` (page 1 without parameters). */
export function orgRoleHref(code: string, role: OrgRole, page: number): string {
  const base = orgHref(code);
  return page > 1 ? `${base}?role=${role}&page=${page}#${ANCHORS[role]}` : `${base}#${ANCHORS[role]}`;
}

/**
 * A section holding one paged list of organisation `code`: heading `vi (total)` with an English
 * gloss, then `children` (the page's rows) or a note that the page is past the last, then page links.
 */
export function PagedSection<T>({
  code,
  role,
  vi,
  en,
  list,
  children,
  level = 3,
}: {
  code: string;
  role: OrgRole;
  vi: string;
  en: string;
  list: Paged<T>;
  children: ComponentChildren;
  level?: 2 | 3;
}) {
  const id = ANCHORS[role];
  const href = (p: number) => orgRoleHref(code, role, p);
  return (
    <section aria-labelledby={id}>
      <Heading level={level} id={id} vi={`${vi} (${formatNumber(list.total)})`} en={en} />
      {list.page > list.pageCount ? (
        <BeyondLastPage page={list.page} pageCount={list.pageCount} href={href} />
      ) : (
        children
      )}
      <Pagination page={list.page} pageCount={list.pageCount} href={href} label={`Phân trang: ${vi}`} />
    </section>
  );
}

/** A column of a `DataTable`: header, cell, and whether it holds numbers (right-aligned). */
export interface Column<R> {
  header: ComponentChildren;
  cell(row: R): ComponentChildren;
  num?: boolean;
}

/**
 * Rows in a scrollable, labelled table: the first column is the row header. `empty` when no rows.
 */
export function DataTable<R>({
  rows,
  caption,
  columns,
  empty,
}: {
  rows: R[];
  caption: string;
  columns: Column<R>[];
  empty: string;
}) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const [first, ...rest] = columns;
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table class="list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.num ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row" class={first?.num ? 'num' : 'name'}>
                {first?.cell(r)}
              </th>
              {rest.map((c) => (
                <td class={c.num ? 'num' : undefined}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
