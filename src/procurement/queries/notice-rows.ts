/**
 * One line per notice for lists (search, home page, organisation pages): the search index joined with
 * the current version (the highest version number) and its investor.
 */
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { NoticeState } from '../codes.ts';
import { effectiveState } from './state.ts';
import type { OrgLink } from './story-types.ts';

/** A notice in a list. Money VND, times UTC. */
export interface NoticeRow {
  /** `IB` + yy + 8 digits. */
  notifyNo: string;
  /** Package name of the current version. */
  name: string;
  investor: OrgLink | null;
  procuringEntity: OrgLink | null;
  /** Normalised codes, see codes.ts. */
  field: string | null;
  method: string | null;
  priceVnd: number | null;
  /** First publication. */
  publishedAt: Date | null;
  /** Closing time in force (after extensions). */
  bidCloseAt: Date | null;
  resultPublishedAt: Date | null;
  state: NoticeState;
  isDemo: boolean;
}

/** Tables available to filters and ordering of a notice list: the search index is `s`. */
export type ListDB = DB & { s: DB['tbmt_search'] };

/** The search index `s` with no columns selected yet: the base of every list. */
export function fromIndex(db: Kysely<DB>): SelectQueryBuilder<ListDB, 's', object> {
  return db.selectFrom('tbmt_search as s');
}

/**
 * Stored states that mean "published, not yet opened": the write side stores `published` and leaves
 * open vs closed to the clock; `open` is accepted too.
 */
export const UNOPENED_STATES = ['published', 'open'] as const;

/** Filter for the public state at `now` (a published notice whose closing time passed is `closed`). */
export function stateFilter(state: NoticeState, now: Date) {
  return (eb: ExpressionBuilder<ListDB, 's'>) => {
    const unopened = eb('s.state', 'in', [...UNOPENED_STATES]);
    if (state === 'open') {
      return eb.and([unopened, eb.or([eb('s.bid_close_at', 'is', null), eb('s.bid_close_at', '>', now)])]);
    }
    if (state === 'closed') {
      return eb.or([eb('s.state', '=', 'closed'), eb.and([unopened, eb('s.bid_close_at', '<=', now)])]);
    }
    return eb('s.state', '=', state);
  };
}

/**
 * Adds the columns of a `NoticeRow` to a list query over `s` (current version by a lateral join,
 * investor and procuring entity by left joins). Call `toNoticeRow` on each result row.
 */
export function withNoticeColumns(query: SelectQueryBuilder<ListDB, 's', object>) {
  return withCurrentVersion(query)
    .leftJoin('org as inv', 'inv.id', 'cv.investor_id')
    .leftJoin('org as pe', 'pe.id', 'cv.procuring_entity_id')
    .select([
      's.tbmt_id',
      's.notify_no',
      'cv.name',
      'inv.code as inv_code',
      'inv.name as inv_name',
      'inv.tax_code as inv_tax_code',
      'inv.code_is_local as inv_code_is_local',
      'pe.code as pe_code',
      'pe.name as pe_name',
      'pe.tax_code as pe_tax_code',
      'pe.code_is_local as pe_code_is_local',
      's.field',
      's.method',
      's.price_vnd',
      's.published_at',
      's.bid_close_at',
      's.result_published_at',
      's.state',
      's.is_demo',
    ]);
}

/**
 * Joins the current version of each notice as `cv` (name, investor_id, procuring_entity_id): the
 * version with the highest number.
 */
export function withCurrentVersion<O>(query: SelectQueryBuilder<ListDB, 's', O>) {
  return query.innerJoinLateral(
    (eb) =>
      eb
        .selectFrom('tbmt_version as v')
        .select(['v.name', 'v.investor_id', 'v.procuring_entity_id'])
        .whereRef('v.tbmt_id', '=', 's.tbmt_id')
        .orderBy(sql`length(v.version)`, 'desc')
        .orderBy('v.version', 'desc')
        .limit(1)
        .as('cv'),
    (join) => join.onTrue(),
  );
}

/** A row selected by `withNoticeColumns`. */
export interface NoticeColumns {
  tbmt_id: number;
  notify_no: string;
  name: string;
  inv_code: string | null;
  inv_name: string | null;
  inv_tax_code: string | null;
  inv_code_is_local: boolean | null;
  pe_code: string | null;
  pe_name: string | null;
  pe_tax_code: string | null;
  pe_code_is_local: boolean | null;
  field: string | null;
  method: string | null;
  price_vnd: number | null;
  published_at: Date | null;
  bid_close_at: Date | null;
  result_published_at: Date | null;
  state: string;
  is_demo: boolean;
}

/** Turns a selected row into a `NoticeRow`, with the state as of `now`. */
export function toNoticeRow(r: NoticeColumns, now: Date): NoticeRow {
  return {
    notifyNo: r.notify_no,
    name: r.name,
    investor: link(r.inv_code, r.inv_name, r.inv_tax_code, r.inv_code_is_local),
    procuringEntity: link(r.pe_code, r.pe_name, r.pe_tax_code, r.pe_code_is_local),
    field: r.field,
    method: r.method,
    priceVnd: r.price_vnd,
    publishedAt: r.published_at,
    bidCloseAt: r.bid_close_at,
    resultPublishedAt: r.result_published_at,
    state: effectiveState(r.state, r.bid_close_at, now),
    isDemo: r.is_demo,
  };
}

function link(
  code: string | null,
  name: string | null,
  taxCode: string | null,
  codeIsLocal: boolean | null,
): OrgLink | null {
  return code === null || name === null ? null : { code, name, taxCode, codeIsLocal: codeIsLocal === true };
}
