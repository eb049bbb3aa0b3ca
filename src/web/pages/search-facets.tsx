/**
 * The facets beside the search results: for each facet, its values with the number of results that
 * choosing it would give (every other filter applied). Each value is a plain link to the search with
 * that filter set (works without JavaScript); the chosen value is marked and has a link to remove it.
 */
import type { FacetKey, Facets } from '../../procurement/queries/search.ts';
import type { SearchParams } from '../../procurement/queries/search-params.ts';
import { formatNumber } from '../format.ts';

/** Titles of the facets, in the order shown. */
export const FACET_TITLES: [FacetKey, string][] = [
  ['state', 'Trạng thái'],
  ['field', 'Lĩnh vực'],
  ['method', 'Hình thức lựa chọn nhà thầu'],
  ['procedure', 'Phương thức'],
  ['domestic', 'Trong nước / quốc tế'],
  ['online', 'Đấu thầu qua mạng'],
  ['province', 'Tỉnh/thành phố'],
];

/** The value of the filter of facet `key` in `params`, as a string ('' when not set). */
export function facetParam(params: SearchParams, key: FacetKey): string {
  const v = params[key];
  return v === undefined || v === null ? '' : String(v);
}

/** The facets, each a labelled list of links; `href(key, value)` gives the search with that value. */
export function SearchFacets({
  facets,
  params,
  href,
}: {
  facets: Facets;
  params: SearchParams;
  href: (key: FacetKey, value: string | null) => string;
}) {
  return (
    <aside class="facets" aria-labelledby="bo-loc-nhanh">
      <h2 id="bo-loc-nhanh">
        Lọc nhanh{' '}
        <span class="gloss" lang="en">
          Facets
        </span>
      </h2>
      {FACET_TITLES.map(([key, title]) => {
        const chosen = facetParam(params, key);
        const values = facets[key];
        if (values.length === 0 && !chosen) return null;
        return (
          <section class="facet" aria-label={title}>
            <h3>{title}</h3>
            {values.some((v) => v.count === null) ? (
              <p class="muted">
                Quá nhiều kết quả để đếm theo mục này.{' '}
                <span class="gloss" lang="en">
                  (Too many results to count.)
                </span>
              </p>
            ) : null}
            <ul>
              {values.map((v) => (
                <li>
                  {v.value === chosen ? (
                    <strong aria-current="true">
                      {v.label}{' '}
                      {v.count === null ? null : <span class="count">({formatNumber(v.count)})</span>}
                    </strong>
                  ) : (
                    <a href={href(key, v.value)}>
                      {v.label}{' '}
                      {v.count === null ? null : <span class="count">({formatNumber(v.count)})</span>}
                    </a>
                  )}
                </li>
              ))}
              {chosen ? (
                <li>
                  <a href={href(key, null)}>× Bỏ lọc “{title.toLowerCase()}”</a>
                </li>
              ) : null}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
