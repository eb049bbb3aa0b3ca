/**
 * The results table of the search page: the notice table with the searched words marked and the
 * procuring entity shown (see `NoticeTable`).
 */
import type { NoticeRow } from '../../procurement/queries/notice-rows.ts';
import { NoticeTable } from './notice-table.tsx';

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
  return <NoticeTable rows={rows} caption={caption} marks={words} withProcuringEntity empty="" />;
}
