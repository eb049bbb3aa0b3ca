/** Resolving organisation ids to links, shared by the read-side queries. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { OrgLink } from './story-types.ts';

/** Organisation links by surrogate id. */
export type OrgMap = ReadonlyMap<number, OrgLink>;

/**
 * Loads the organisations with these ids (duplicates and nulls ignored) in one query.
 * Returns a map from id to `{code, name, taxCode, codeIsLocal}`; ids that do not exist are absent.
 */
export async function loadOrgs(db: Kysely<DB>, ids: Iterable<number | null | undefined>): Promise<OrgMap> {
  const unique = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
  const map = new Map<number, OrgLink>();
  if (unique.length === 0) return map;
  const rows = await db
    .selectFrom('org')
    .select(['id', 'code', 'name', 'tax_code', 'code_is_local'])
    .where('id', 'in', unique)
    .execute();
  for (const r of rows)
    map.set(r.id, { code: r.code, name: r.name, taxCode: r.tax_code, codeIsLocal: r.code_is_local });
  return map;
}

/** The link for `id` in `orgs`, or `null` when `id` is null or unknown. */
export function orgOf(orgs: OrgMap, id: number | null | undefined): OrgLink | null {
  return id === null || id === undefined ? null : (orgs.get(id) ?? null);
}
