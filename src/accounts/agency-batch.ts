/**
 * Saving many checked agencies at once (the CSV import): the same outcome and audit rows as one
 * `saveAgency` per row, but with a few statements per chunk instead of four per row — existing rows
 * read by code in chunks, new rows inserted and changed rows updated with multi-row statements, the
 * audit rows appended in chunks — all in the caller's transaction.
 *
 * The caller has already checked what `saveAgency` checks row by row: every parent and successor is
 * an agency in the database or one of `rows` (foreign keys are deferred to commit), and the
 * hierarchy does not loop (see `importAgencyCsv`).
 */
import { sql } from 'kysely';
import { auditMany, type AuditRow } from '../db/audit-log.ts';
import { fold } from '../text/fold.ts';
import type { AgencyFields, SaveAgencyOutcome } from './agencies.ts';
import type { Tx } from './audit.ts';

/** Rows per statement: 1000 rows × 10 columns stays far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

/** Called after each chunk written: rows done so far, rows in all. */
export type BatchProgress = (done: number, total: number) => void;

type Stored = { id: number } & Record<keyof ReturnType<typeof columnsOf>, string | null>;

/** The `org` columns an agency sets, as stored (dates `YYYY-MM-DD`). */
function columnsOf(a: AgencyFields) {
  return {
    name: a.name,
    unit_kind: a.kind as string,
    parent_code: a.parentCode,
    valid_from: a.validFrom,
    valid_to: a.validTo,
    successor_code: a.successorCode,
    name_en: a.nameEn,
  };
}

/**
 * Creates or updates every agency of `rows` (by code) as `actor` in `tx`; an organisation that exists
 * with the code (e.g. an imported investor) is updated into an agency. Returns the count of each
 * outcome. Audit: `create` with the whole row, `update` with the changed columns old → new, nothing
 * for an unchanged row — as `saveAgency`.
 */
export async function saveAgencies(
  tx: Tx,
  rows: readonly AgencyFields[],
  actor: string,
  onProgress?: BatchProgress,
): Promise<Record<SaveAgencyOutcome, number>> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  let done = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const stored = await readStored(
      tx,
      chunk.map((a) => a.code),
    );
    const inserts: AgencyFields[] = [];
    const updates: {
      a: AgencyFields;
      id: number;
      old: Record<string, unknown>;
      now: Record<string, unknown>;
    }[] = [];
    for (const a of chunk) {
      const existing = stored.get(a.code);
      if (!existing) {
        inserts.push(a);
        continue;
      }
      const old: Record<string, unknown> = {};
      const now: Record<string, unknown> = {};
      for (const [col, value] of Object.entries(columnsOf(a))) {
        const before = existing[col as keyof Stored] ?? null;
        if (before !== value) {
          old[col] = before;
          now[col] = value;
        }
      }
      if (Object.keys(now).length === 0) counts.unchanged++;
      else updates.push({ a, id: existing.id, old, now });
    }
    const audits: AuditRow[] = [];
    if (inserts.length > 0) {
      const ids = await tx
        .insertInto('org')
        .values(
          inserts.map((a) => ({
            code: a.code,
            ...columnsOf(a),
            name_folded: fold(a.name),
            source: 'minhbach',
          })),
        )
        .returning(['id', 'code'])
        .execute();
      const idOf = new Map(ids.map((r) => [r.code, r.id]));
      for (const a of inserts) {
        audits.push({
          actor,
          action: 'create',
          entity: 'org',
          entityId: idOf.get(a.code)!,
          oldValue: null,
          newValue: { code: a.code, ...columnsOf(a) },
        });
      }
      counts.created += inserts.length;
    }
    if (updates.length > 0) {
      const values = updates.map(({ a }) => {
        const c = columnsOf(a);
        return sql`(${a.code}, ${c.name}, ${fold(a.name)}, ${c.unit_kind}, ${c.parent_code}, ${c.valid_from}, ${c.valid_to}, ${c.successor_code}, ${c.name_en})`;
      });
      await sql`UPDATE org AS o SET name = v.name, name_folded = v.name_folded, unit_kind = v.unit_kind,
          parent_code = v.parent_code, valid_from = v.valid_from::date, valid_to = v.valid_to::date,
          successor_code = v.successor_code, name_en = v.name_en
        FROM (VALUES ${sql.join(values)}) AS v(code, name, name_folded, unit_kind, parent_code, valid_from,
          valid_to, successor_code, name_en)
        WHERE o.code = v.code`.execute(tx);
      for (const u of updates) {
        audits.push({
          actor,
          action: 'update',
          entity: 'org',
          entityId: u.id,
          oldValue: u.old,
          newValue: u.now,
        });
      }
      counts.updated += updates.length;
    }
    await auditMany(tx, audits);
    done += chunk.length;
    onProgress?.(done, rows.length);
  }
  return counts;
}

/** The stored `org` rows with these codes, by code (dates as `YYYY-MM-DD`). */
async function readStored(tx: Tx, codes: string[]): Promise<Map<string, Stored>> {
  const r = await tx
    .selectFrom('org')
    .select(['id', 'code', 'name', 'unit_kind', 'parent_code', 'successor_code', 'name_en'])
    .select(sql<string | null>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'))
    .select(sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'))
    .where('code', 'in', codes)
    .execute();
  return new Map(r.map((row) => [row.code, row as Stored]));
}
