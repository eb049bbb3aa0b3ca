/**
 * The agency hierarchy (org units, `org.parent_code`, migration 0005) read as a tree: an agency with
 * all units below it (for "this agency including its sub-units" in search and for publishing rights),
 * and the chain of units above one (for refusing cycles).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/generated/db.ts';

/** Deepest hierarchy followed; deeper (or cyclic) data stops there instead of looping. */
export const MAX_AGENCY_DEPTH = 32;

/**
 * Codes of the organisation `code` and of every unit below it (children, grandchildren, … through
 * `org.parent_code`), whatever their validity dates: a dissolved ward's past notices still belong to
 * its district. `code` first, then by depth and code. Empty when no organisation has that code.
 * A cycle in the data cannot loop (UNION drops rows already found; depth is bounded).
 */
export async function agencyAndSubUnitCodes(
  db: Kysely<DB> | Transaction<DB>,
  code: string,
): Promise<string[]> {
  const rows = await sql<{ code: string; depth: number }>`
    WITH RECURSIVE tree(code, depth) AS (
      SELECT code, 0 FROM org WHERE code = ${code}
      UNION
      SELECT o.code, t.depth + 1 FROM org o JOIN tree t ON o.parent_code = t.code
      WHERE t.depth < ${MAX_AGENCY_DEPTH}
    )
    SELECT code, min(depth)::int AS depth FROM tree GROUP BY code ORDER BY min(depth), code`.execute(db);
  return rows.rows.map((r) => r.code);
}

/**
 * Codes of the units above `code` (its parent, the parent's parent, …), nearest first, not including
 * `code` itself unless the data holds a cycle through it.
 */
export async function agencyAncestorCodes(db: Kysely<DB> | Transaction<DB>, code: string): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE up(code, depth) AS (
      SELECT parent_code, 1 FROM org WHERE code = ${code} AND parent_code IS NOT NULL
      UNION
      SELECT o.parent_code, u.depth + 1 FROM org o JOIN up u ON o.code = u.code
      WHERE o.parent_code IS NOT NULL AND u.depth < ${MAX_AGENCY_DEPTH}
    )
    SELECT code FROM up GROUP BY code ORDER BY min(depth)`.execute(db);
  return rows.rows.map((r) => r.code);
}
