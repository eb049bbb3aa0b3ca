/**
 * Finding the new matches of a saved search and recording them as deliveries. The filters are exactly
 * those of the public search: the conditions come from `searchConditions` (src/procurement/queries/
 * search-sql.ts), the function the search page, the API and the feeds use.
 *
 * "New" means: first recorded on the portal (`tbmt.created_at`) after `since` (at the earliest the
 * subscription's confirmation), and not yet delivered to this subscription (the unique key of
 * `alert_delivery`).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import { agencyCodes } from '../procurement/queries/search.ts';
import { searchConditions, textTerms, whereClause } from '../procurement/queries/search-sql.ts';
import { auditAlert } from './audit.ts';
import type { SavedSearchParams } from './saved-search.ts';

/** At most this many new matches are recorded per subscription and run (the rest wait for the next run). */
export const MAX_MATCHES_PER_RUN = 500;

/**
 * Records as pending deliveries the notices that match `params` (judged at `now`), were first
 * recorded on the portal after `since`, and are not yet delivered to subscription `subscriptionId`:
 * one `INSERT … SELECT … ON CONFLICT DO NOTHING` on the unique (subscription, notice) key, so two
 * runs can never record a notice twice. Each recorded delivery is audited in `tx`.
 * @returns the ids of the notices recorded by this call.
 */
export async function recordNewMatches(
  tx: Transaction<DB>,
  subscriptionId: number,
  params: SavedSearchParams,
  since: Date,
  now: Date,
): Promise<number[]> {
  const agencies = params.agency ? await agencyCodes(tx, params.agency) : null;
  const where = whereClause(searchConditions(params, textTerms(params.q), now, agencies));
  const inserted = await sql<{ id: number; tbmt_id: number }>`
    INSERT INTO alert_delivery (subscription_id, tbmt_id)
    SELECT ${subscriptionId}::bigint, s.tbmt_id
      FROM tbmt_search s
      JOIN tbmt t ON t.id = s.tbmt_id
     WHERE t.created_at > ${since}
       AND ${where}
       AND NOT EXISTS (SELECT 1 FROM alert_delivery d
                        WHERE d.subscription_id = ${subscriptionId} AND d.tbmt_id = s.tbmt_id)
     ORDER BY t.created_at, s.tbmt_id
     LIMIT ${MAX_MATCHES_PER_RUN}
    ON CONFLICT (subscription_id, tbmt_id) DO NOTHING
    RETURNING id, tbmt_id`.execute(tx);
  for (const row of inserted.rows) {
    await auditAlert(tx, 'alerts:job', 'create', 'alert_delivery', Number(row.id), null, {
      subscription_id: subscriptionId,
      tbmt_id: Number(row.tbmt_id),
    });
  }
  return inserted.rows.map((r) => Number(r.tbmt_id));
}
