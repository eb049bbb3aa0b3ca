/**
 * `getOrgProfile`: an organisation (investor / chủ đầu tư, procuring entity / bên mời thầu, contractor /
 * nhà thầu) and the notices it appears in, paginated: one list of the notices it invites bids for (as
 * investor and/or procuring entity — each notice once, with its roles) and one of the notices it bid in.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { TAX_CODE } from '../identifiers.ts';
import { compareVersions } from './notify-no.ts';
import {
  fromIndex,
  toNoticeRow,
  withCurrentVersion,
  withNoticeColumns,
  type NoticeRow,
} from './notice-rows.ts';

/**
 * The lists of an organisation profile: `buyer` — notices whose current version names it as investor
 * (chủ đầu tư) or procuring entity (bên mời thầu), each notice once; `bidder` — notices it bid in
 * (nhà thầu).
 */
export const ORG_ROLES = ['buyer', 'bidder'] as const;
/** A list of an organisation profile, see `ORG_ROLES`. */
export type OrgRole = (typeof ORG_ROLES)[number];

/** The roles an organisation plays on the buyer side of a notice. */
export type BuyerRole = 'investor' | 'procuringEntity';

/** A notice an organisation invites bids for, with the roles it plays in its current version. */
export interface BuyerRow extends NoticeRow {
  /** `investor`, `procuringEntity` or both, in that order. */
  roles: BuyerRole[];
}

/** A notice an organisation bid in, with its bid and the outcome. Money VND. */
export interface BidderRow extends NoticeRow {
  /** Bid price after discount at opening (sum over the lots it bid for), else the bid price. */
  bidPriceVnd: number | null;
  /** `true` won, `false` lost, `null` no result published yet (latest result version counts). */
  won: boolean | null;
  /** Winning price (sum over lots won), VND. */
  winningPriceVnd: number | null;
  /** Reason published for not winning. */
  reason: string | null;
}

/** One page of a list. */
export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: T[];
}

/** An organisation with its notices in each role. */
export interface OrgProfile {
  code: string;
  /** True when `code` is a local minhbach code (`mb-…`): the source gave no code. */
  codeIsLocal: boolean;
  name: string;
  nameEn: string | null;
  taxCode: string | null;
  /** muasamcong, demo or minhbach. */
  source: string;
  /** Notices whose current version names it as investor or procuring entity, each once, with its roles. */
  asBuyer: Paged<BuyerRow>;
  /** Notices it bid in (bid-opening record or result). */
  asBidder: Paged<BidderRow>;
}

/** Which role list is paged, and how. The other lists show their first page. */
export interface OrgPaging {
  role?: OrgRole | null;
  /** 1-based page of `role`'s list. */
  page?: number;
  pageSize?: number;
  now?: Date;
}

/** Organisation codes: `vn…`, `vnz…`, local `mb-…`; anything else cannot exist. */
const ORG_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The organisation with this code (exact, else case-insensitive) and its notices per role, newest
 * first. Returns `null` for an unknown code or one that is not shaped like a code.
 */
export async function getOrgProfile(
  db: Kysely<DB>,
  code: string,
  paging: OrgPaging = {},
): Promise<OrgProfile | null> {
  if (!ORG_CODE.test(code)) return null;
  const org =
    (await db.selectFrom('org').selectAll().where('code', '=', code).executeTakeFirst()) ??
    (await db
      .selectFrom('org')
      .selectAll()
      .where(sql<string>`lower(code)`, '=', code.toLowerCase())
      .orderBy('id')
      .executeTakeFirst());
  if (!org) return null;
  const now = paging.now ?? new Date();
  const size = paging.pageSize ?? 20;
  const pageOf = (role: OrgRole) => (paging.role === role ? (paging.page ?? 1) : 1);

  // The versions naming the organisation are found by their indexes (tbmt_version_investor_idx,
  // tbmt_version_pe_idx); the current version then decides.
  const buyerIds = db
    .selectFrom('tbmt_version as v')
    .select('v.tbmt_id')
    .where((eb) => eb.or([eb('v.investor_id', '=', org.id), eb('v.procuring_entity_id', '=', org.id)]));
  const [buyerPage, bidderPage] = await Promise.all([
    pagedNotices(
      db,
      size,
      pageOf('buyer'),
      now,
      sql<boolean>`s.tbmt_id in (${buyerIds}) and (cv.investor_id = ${org.id} or cv.procuring_entity_id = ${org.id})`,
    ),
    pagedNotices(db, size, pageOf('bidder'), now, sql<boolean>`s.tbmt_id in (${bidTbmtIds(db, org.id)})`),
  ]);
  const asBuyer: Paged<BuyerRow> = {
    ...buyerPage,
    items: buyerPage.items.map(({ tbmtId: _id, investorId, procuringEntityId, ...row }) => ({
      ...row,
      roles: [
        ...(investorId === org.id ? (['investor'] as const) : []),
        ...(procuringEntityId === org.id ? (['procuringEntity'] as const) : []),
      ],
    })),
  };
  const asBidder = { ...bidderPage, items: await withBids(db, org.id, bidderPage.items) };
  return {
    code: org.code,
    codeIsLocal: org.code_is_local,
    name: org.name,
    nameEn: org.name_en,
    taxCode: org.tax_code,
    source: org.source,
    asBuyer,
    asBidder,
  };
}

/**
 * The code of the organisation whose national code is `vn` + the tax code `text` (`0317079577` →
 * `vn0317079577`; a branch `0100100100-001` or `0100100100001` either way), or `null` when `text` is
 * not a tax code or no such organisation exists. Looked up on the unique index of `org.code`.
 */
export async function findOrgCodeByTaxCode(db: Kysely<DB>, text: string): Promise<string | null> {
  const m = TAX_CODE.exec(text.trim());
  if (!m) return null;
  const candidates = m[2] ? [`vn${m[1]}-${m[2]}`, `vn${m[1]}${m[2]}`] : [`vn${m[1]}`];
  const row = await db
    .selectFrom('org')
    .select('code')
    .where('code', 'in', candidates)
    .orderBy('id')
    .executeTakeFirst();
  return row?.code ?? null;
}

/** A notice of a list with what the profile needs besides the `NoticeRow`. */
type ListedNotice = NoticeRow & {
  tbmtId: number;
  investorId: number | null;
  procuringEntityId: number | null;
};

async function pagedNotices(
  db: Kysely<DB>,
  size: number,
  page: number,
  now: Date,
  filter: Expression<SqlBool>,
): Promise<Paged<ListedNotice>> {
  const [count, rows] = await Promise.all([
    withCurrentVersion(fromIndex(db))
      .where(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    withNoticeColumns(fromIndex(db))
      .select(['cv.investor_id', 'cv.procuring_entity_id'])
      .where(filter)
      .orderBy(sql`s.published_at desc nulls last`)
      .orderBy('s.tbmt_id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute(),
  ]);
  const total = Number(count.n);
  return {
    total,
    page,
    pageSize: size,
    pageCount: Math.max(1, Math.ceil(total / size)),
    items: rows.map((r) => ({
      ...toNoticeRow(r, now),
      tbmtId: r.tbmt_id,
      investorId: r.investor_id,
      procuringEntityId: r.procuring_entity_id,
    })),
  };
}

/** Surrogate ids of the notices in which organisation `orgId` bid (opening record or result). */
function bidTbmtIds(db: Kysely<DB>, orgId: number) {
  return db
    .selectFrom('bid_opening as o')
    .innerJoin('bid_opening_bidder as b', 'b.bid_opening_id', 'o.id')
    .select('o.tbmt_id')
    .where('b.contractor_id', '=', orgId)
    .union(
      db
        .selectFrom('kqlcnt as k')
        .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
        .select('k.tbmt_id')
        .where('b.contractor_id', '=', orgId),
    );
}

async function withBids(db: Kysely<DB>, orgId: number, rows: ListedNotice[]): Promise<BidderRow[]> {
  const ids = rows.map((r) => r.tbmtId);
  if (ids.length === 0) return [];
  const [opening, results] = await Promise.all([
    db
      .selectFrom('bid_opening as o')
      .innerJoin('bid_opening_bidder as b', 'b.bid_opening_id', 'o.id')
      .select(['o.tbmt_id', 'b.bid_price_vnd', 'b.final_price_vnd'])
      .where('o.tbmt_id', 'in', ids)
      .where('b.contractor_id', '=', orgId)
      .execute(),
    db
      .selectFrom('kqlcnt as k')
      .innerJoin('kqlcnt_bidder as b', 'b.kqlcnt_id', 'k.id')
      .select(['k.tbmt_id', 'k.version', 'b.is_winner', 'b.winning_price_vnd', 'b.bid_price_vnd', 'b.reason'])
      .where('k.tbmt_id', 'in', ids)
      .where('b.contractor_id', '=', orgId)
      .execute(),
  ]);
  return rows.map(({ tbmtId, investorId: _i, procuringEntityId: _p, ...row }) => {
    const bids = opening.filter((o) => o.tbmt_id === tbmtId);
    const all = results.filter((r) => r.tbmt_id === tbmtId);
    const latest = all.reduce<string | null>(
      (v, r) => (v === null || compareVersions(r.version, v) > 0 ? r.version : v),
      null,
    );
    const mine = all.filter((r) => r.version === latest);
    const wins = mine.filter((r) => r.is_winner);
    return {
      ...row,
      bidPriceVnd:
        sum(bids.map((b) => b.final_price_vnd ?? b.bid_price_vnd)) ?? sum(mine.map((r) => r.bid_price_vnd)),
      won: mine.length === 0 ? null : wins.length > 0,
      winningPriceVnd: sum(wins.map((w) => w.winning_price_vnd)),
      reason: mine.find((r) => !r.is_winner && r.reason)?.reason ?? null,
    };
  });
}

/** Sum of the known values, or `null` when none is known. */
function sum(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}
