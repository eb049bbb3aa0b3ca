/**
 * The administrator's override table of the working-day calendar (`calendar_override`, migration 0009):
 * reading it into a `WorkingCalendar`, adding and removing days — each write audited in the same
 * transaction. The calendar itself (`src/calendar/`) is pure and takes the overrides as input.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { WorkingCalendar, parseIsoDate, type CalendarOverride, type IsoDate } from '../calendar/index.ts';
import type { DB } from '../db/generated/db.ts';
import { audit as writeAudit } from '../db/audit-log.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A stored override with who recorded it. */
export interface StoredOverride extends CalendarOverride {
  createdBy: string;
  createdAt: Date;
}

/** An override that cannot be written; `code` is stable. */
export class OverrideError extends Error {
  constructor(
    readonly code: 'exists' | 'not-found' | 'bad-reason',
    message: string,
  ) {
    super(message);
    this.name = 'OverrideError';
  }
}

/** Overrides, by date; only those of `year` when given. */
export async function listOverrides(db: Db, year?: number): Promise<StoredOverride[]> {
  let q = db
    .selectFrom('calendar_override')
    .select([
      sql<string>`to_char(day, 'YYYY-MM-DD')`.as('date'),
      'working',
      'reason',
      'created_by',
      'created_at',
    ])
    .orderBy('day');
  if (year !== undefined) {
    q = q.where(sql<boolean>`extract(year from day) = ${year}`);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    date: r.date,
    working: r.working,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
  }));
}

/** The working-day calendar with every override of the database applied. */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  return new WorkingCalendar(await listOverrides(db));
}

/**
 * Records that `date` is a working day or a day off, with the reason, audited as `actor`.
 * @throws OverrideError `exists` when the date already has an override (remove it first), `bad-reason`
 *   for an empty reason or one over 500 characters; RangeError for an invalid date.
 */
export async function addOverride(
  db: Kysely<DB>,
  override: CalendarOverride,
  actor: string,
): Promise<StoredOverride> {
  const date = parseIsoDate(override.date);
  const reason = override.reason.normalize('NFC').trim();
  if (reason.length === 0 || reason.length > 500) {
    throw new OverrideError('bad-reason', 'the reason must be 1–500 characters (cite the official notice)');
  }
  return db.transaction().execute(async (tx) => {
    const existing = await findOverride(tx, date);
    if (existing) {
      throw new OverrideError(
        'exists',
        `${date} already has an override (${existing.working ? 'working day' : 'day off'}: ${existing.reason}); remove it first`,
      );
    }
    const row = await tx
      .insertInto('calendar_override')
      .values({ day: date, working: override.working, reason, created_by: actor })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, 'create', row.id, null, { day: date, working: override.working, reason });
    return { date, working: override.working, reason, createdBy: actor, createdAt: new Date(row.created_at) };
  });
}

/**
 * Removes the override of `date`, audited as `actor`.
 * @returns the removed override.
 * @throws OverrideError `not-found`; RangeError for an invalid date.
 */
export async function removeOverride(
  db: Kysely<DB>,
  date: IsoDate,
  actor: string,
): Promise<CalendarOverride> {
  parseIsoDate(date);
  return db.transaction().execute(async (tx) => {
    const existing = await findOverride(tx, date);
    if (!existing) throw new OverrideError('not-found', `${date} has no override`);
    await tx.deleteFrom('calendar_override').where('id', '=', existing.id).execute();
    await audit(
      tx,
      actor,
      'delete',
      existing.id,
      { day: date, working: existing.working, reason: existing.reason },
      {},
    );
    return { date, working: existing.working, reason: existing.reason };
  });
}

async function findOverride(tx: Transaction<DB>, date: IsoDate) {
  return tx
    .selectFrom('calendar_override')
    .select(['id', 'working', 'reason'])
    .where(sql<boolean>`day = ${date}::date`)
    .executeTakeFirst();
}

async function audit(
  tx: Transaction<DB>,
  actor: string,
  action: 'create' | 'delete',
  id: number,
  oldValue: object | null,
  newValue: object,
): Promise<void> {
  await writeAudit(
    tx,
    actor,
    action,
    'calendar_override',
    id,
    oldValue as Record<string, unknown> | null,
    newValue as Record<string, unknown>,
  );
}
