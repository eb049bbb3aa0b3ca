import type { Transaction } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import { audit as writeAudit } from '../../db/audit-log.ts';

/** Counts of rows one save created, filled in, or found already as given. */
export interface SaveCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A value a source offered that differs from what is stored; the stored value is kept. */
export interface SaveConflict {
  entity: string;
  id: number;
  column: string;
  stored: unknown;
  offered: unknown;
}

/** What one or more saves did, per table. */
export interface SaveStats {
  byEntity: Record<string, SaveCounts>;
  conflicts: SaveConflict[];
}

export function emptyStats(): SaveStats {
  return { byEntity: {}, conflicts: [] };
}

/** Adds `b` into `a` (for summaries over many saves). */
export function addStats(a: SaveStats, b: SaveStats): SaveStats {
  for (const [entity, c] of Object.entries(b.byEntity)) {
    const t = (a.byEntity[entity] ??= { created: 0, updated: 0, unchanged: 0 });
    t.created += c.created;
    t.updated += c.updated;
    t.unchanged += c.unchanged;
  }
  a.conflicts.push(...b.conflicts);
  return a;
}

type Row = Record<string, unknown>;

/** Columns that describe the first write, not the thing: never filled or compared later. */
const INSERT_ONLY = new Set(['source', 'code_is_local']);
type Table = keyof DB & string;

/**
 * Writes rows by natural key with fill-only merging, and audits every write in the same transaction.
 *
 * Rule (why fill-only): what was published is immutable — a correction is a new version with its own
 * key — so within one key a later source may only add what earlier ones did not say. A value that
 * differs from the stored one is kept out and reported as a conflict. This makes saving idempotent by
 * construction: saving the same facts again finds every row unchanged.
 */
export class Writer {
  readonly stats: SaveStats = emptyStats();

  constructor(
    readonly tx: Transaction<DB>,
    readonly actor: string,
  ) {}

  /**
   * Finds the row of `table` whose columns equal `key` (NULL matches NULL), inserts it with `values`
   * when missing, else fills its NULL columns from `values`. `undefined`/`null` values are ignored.
   * @returns the row id.
   */
  async upsert(table: Table, key: Row, values: Row): Promise<number> {
    const existing = await this.find(table, key);
    const given = definedOnly(values);
    const counts = (this.stats.byEntity[table] ??= { created: 0, updated: 0, unchanged: 0 });
    if (!existing) {
      const row = { ...key, ...given };
      const inserted = (await this.tx
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        .insertInto(table as any)
        .values(encode(row))
        .returning('id')
        .executeTakeFirstOrThrow()) as { id: number };
      counts.created++;
      await this.audit('create', table, inserted.id, null, row);
      return inserted.id;
    }
    const id = existing.id as number;
    const fill: Row = {};
    for (const [col, value] of Object.entries(given)) {
      if (INSERT_ONLY.has(col)) continue;
      const stored = existing[col];
      if (stored === null || stored === undefined) fill[col] = value;
      else if (!same(stored, value)) {
        this.stats.conflicts.push({ entity: table, id, column: col, stored, offered: value });
      }
    }
    if (Object.keys(fill).length === 0) {
      counts.unchanged++;
      return id;
    }
    await this.tx
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .updateTable(table as any)
      .set(encode(fill))
      .where('id', '=', id)
      .execute();
    counts.updated++;
    const old: Row = {};
    for (const col of Object.keys(fill)) old[col] = existing[col] ?? null;
    await this.audit('update', table, id, old, fill);
    return id;
  }

  /** Inserts a row that has no natural key (e.g. a package the source gives no number for). */
  async insert(table: Table, values: Row): Promise<number> {
    const row = definedOnly(values);
    const inserted = (await this.tx
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .insertInto(table as any)
      .values(encode(row))
      .returning('id')
      .executeTakeFirstOrThrow()) as { id: number };
    (this.stats.byEntity[table] ??= { created: 0, updated: 0, unchanged: 0 }).created++;
    await this.audit('create', table, inserted.id, null, row);
    return inserted.id;
  }

  /** The row of `table` matching `key` (NULL matches NULL), or undefined. */
  async find(table: Table, key: Row): Promise<Row | undefined> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let q = this.tx.selectFrom(table as any).selectAll();
    for (const [col, value] of Object.entries(key)) {
      q = value === null || value === undefined ? q.where(col, 'is', null) : q.where(col, '=', value);
    }
    return (await q.executeTakeFirst()) as Row | undefined;
  }

  /** Appends an audit record (actor, action, table, row, old → new) in the current transaction. */
  async audit(action: string, entity: string, entityId: number | null, oldValue: Row | null, newValue: Row) {
    await writeAudit(this.tx, this.actor, action, entity, entityId, oldValue, newValue);
  }
}

function definedOnly(values: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

/** JSON columns are passed as text so that both pg and PGlite store them as jsonb. */
function encode(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  }
  return out;
}

function same(stored: unknown, offered: unknown): boolean {
  if (stored instanceof Date || offered instanceof Date) {
    const a = stored instanceof Date ? stored.getTime() : Date.parse(String(stored));
    const b = offered instanceof Date ? offered.getTime() : Date.parse(String(offered));
    return a === b;
  }
  if (typeof stored === 'object' || typeof offered === 'object') {
    return canonical(stored) === canonical(offered);
  }
  if (typeof stored === 'number' || typeof offered === 'number') return Number(stored) === Number(offered);
  return stored === offered;
}

/** JSON with object keys sorted, so jsonb's key order does not count as a difference. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
