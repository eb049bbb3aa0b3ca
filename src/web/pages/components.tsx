/** Small building blocks of the pages: money, times, organisation links, headings, badges. */
import type { ComponentChildren } from 'preact';
import { labelVi, NOTICE_STATES } from '../../procurement/codes.ts';
import type { OrgLink } from '../../procurement/queries/story-types.ts';
import { formatVnd, formatVnDate, formatVnDateTime } from '../format.ts';

/** Shown where a value was not published. */
export const NOT_PUBLISHED = '—';

/** An amount of VND, `219.994.920 ₫`, kept on one line; `—` when not published. */
export function Money({ vnd }: { vnd: number | null | undefined }) {
  if (vnd === null || vnd === undefined) return <span class="muted">{NOT_PUBLISHED}</span>;
  return <span class="money">{formatVnd(vnd)}</span>;
}

/**
 * An instant as Vietnam local time (`24/03/2026 15:00`, or the date only) in a `<time>` element
 * carrying the ISO instant (UTC); `—` when not published.
 */
export function Time({ at, dateOnly = false }: { at: Date | null | undefined; dateOnly?: boolean }) {
  if (!at) return <span class="muted">{NOT_PUBLISHED}</span>;
  return (
    <time class="nowrap" datetime={at.toISOString()}>
      {dateOnly ? formatVnDate(at) : formatVnDateTime(at)}
    </time>
  );
}

/** Path of an organisation page. */
export function orgHref(code: string): string {
  return `/to-chuc/${encodeURIComponent(code)}`;
}

/** Path of a notice page. */
export function tbmtHref(notifyNo: string): string {
  return `/tbmt/${encodeURIComponent(notifyNo)}`;
}

/** An organisation name linking to its page; `—` when absent. */
export function Org({ org }: { org: OrgLink | null | undefined }) {
  if (!org) return <span class="muted">{NOT_PUBLISHED}</span>;
  if (!org.code) return <>{org.name}</>;
  return <a href={orgHref(org.code)}>{org.name}</a>;
}

/**
 * The code of an organisation as the national system gives it (`vn0317079577`), for columns such as
 * "Mã nhà thầu". A local minhbach code (`mb-…`, made from the name because the source gave none) is
 * not shown as if it were official: the cell says the source gave no code.
 */
export function NationalCode({ org }: { org: OrgLink | null | undefined }) {
  if (!org?.code) return <span class="muted">{NOT_PUBLISHED}</span>;
  if (org.codeIsLocal) {
    return (
      <span class="muted" title="Nguồn dữ liệu chỉ ghi tên, không ghi mã của nhà thầu">
        Nguồn không ghi mã
      </span>
    );
  }
  return <span class="code-text">{org.code}</span>;
}

/** Text or `—` when empty. */
export function Text({ value }: { value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === '')
    return <span class="muted">{NOT_PUBLISHED}</span>;
  return <>{value}</>;
}

/** A section heading in Vietnamese with an English gloss. */
export function Heading({
  level = 2,
  vi,
  en,
  id,
}: {
  level?: 1 | 2 | 3;
  vi: ComponentChildren;
  en?: string;
  id?: string;
}) {
  const gloss = en ? (
    <span class="gloss" lang="en">
      {en}
    </span>
  ) : null;
  if (level === 1)
    return (
      <h1 id={id}>
        {vi} {gloss}
      </h1>
    );
  if (level === 3)
    return (
      <h3 id={id}>
        {vi} {gloss}
      </h3>
    );
  return (
    <h2 id={id}>
      {vi} {gloss}
    </h2>
  );
}

/** The public state of a notice as a labelled badge (text, not only colour). */
export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state}`}>{labelVi(NOTICE_STATES, state)}</span>;
}

/** Marks a demo notice. */
export function DemoTag() {
  return (
    <span class="badge demo" title="Dữ liệu minh họa, không phải thông báo thật">
      Minh họa
    </span>
  );
}

/** A definition list of label → value rows. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div class="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The error of a form field, shown above its input (`{id}-loi`, which the input names in
 * `aria-describedby`); nothing when there is none.
 */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" id={`${id}-loi`}>
      <strong>Lỗi:</strong> {error}
    </p>
  );
}
