/** Whether the database holds demo data (dữ liệu minh họa), so that every page can say so. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';

/**
 * True when demo data is present: the demo loader wrote `app_meta('demo_loaded')` with a value other
 * than `false`/`null`, or any notice has `source = 'demo'` (covers demo rows saved by other means).
 * One round trip; both checks use a key or stop at the first row.
 */
export async function hasDemoData(db: Kysely<DB>): Promise<boolean> {
  const row = await sql<{ demo: boolean }>`
    select (
      exists (select 1 from app_meta where key = 'demo_loaded' and value not in ('false'::jsonb, 'null'::jsonb))
      or exists (select 1 from tbmt where source = 'demo')
    ) as demo`.execute(db);
  return row.rows[0]?.demo === true;
}
