/**
 * `getOrgProfile`: an organisation's page — for an agency (chủ đầu tư / bên mời thầu) its procurement
 * portal: profile, parent and sub-units, plans (KHLCNT), notices, open notices, results and totals by
 * year; for a contractor (nhà thầu): bids, wins, win rate, awarded value, the agencies it wins from and
 * the bidders it meets most. One organisation can be both; every list is paged.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { TAX_CODE } from '../identifiers.ts';
import {
  bidderNotices,
  buyerNotices,
  resultNotices,
  type BidderRow,
  type BuyerRow,
  type PageRequest,
  type Paged,
  type ResultRow,
} from './org-notices.ts';
import {
  agencyTree,
  orgKind,
  plansOf,
  yearTotals,
  type OrgKind,
  type PlanRow,
  type SubUnitRow,
  type YearTotals,
} from './profile-buyer.ts';
import {
  agenciesWonFrom,
  coBidders,
  contractorStats,
  type AgencyWin,
  type CoBidder,
  type ContractorStats,
} from './profile-contractor.ts';
import type { OrgLink } from './story-types.ts';

export type {
  AgencyWin,
  BidderRow,
  BuyerRow,
  CoBidder,
  ContractorStats,
  OrgKind,
  Paged,
  PlanRow,
  ResultRow,
  SubUnitRow,
  YearTotals,
};
export type { BuyerRole } from './org-notices.ts';

/**
 * The paged lists of an organisation profile — `buyer`: notices whose current version names it as
 * investor or procuring entity; `open`: those open for bids now; `results`: those with a result;
 * `plans`: its KHLCNT; `subunits`: its sub-units; `bidder`: notices it bid in; `won`: notices it won;
 * `agencies`: the agencies it wins from; `cobidders`: the bidders it meets most.
 */
export const ORG_ROLES = [
  'buyer',
  'open',
  'results',
  'plans',
  'subunits',
  'bidder',
  'won',
  'agencies',
  'cobidders',
] as const;
/** A list of an organisation profile, see `ORG_ROLES`. */
export type OrgRole = (typeof ORG_ROLES)[number];

/** An organisation with its profile and lists. Money VND, times UTC. */
export interface OrgProfile {
  code: string;
  /** True when `code` is a local minhbach code (`mb-…`): the source gave no code. */
  codeIsLocal: boolean;
  name: string;
  nameEn: string | null;
  taxCode: string | null;
  /** muasamcong, demo or minhbach. */
  source: string;
  /** Kind of unit, judged from the name. */
  kind: OrgKind;
  /** The unit it belongs to (agency tree), when known. */
  parent: OrgLink | null;
  subUnits: Paged<SubUnitRow>;
  /** Agency side: totals by year of the notices it invites bids for, latest year first. */
  years: YearTotals[];
  plans: Paged<PlanRow>;
  /** Notices whose current version names it as investor or procuring entity, each once, with its roles. */
  asBuyer: Paged<BuyerRow>;
  /** Of those, the notices open for bids now. */
  open: Paged<BuyerRow>;
  /** Of those, the notices with a result, with their winners. */
  results: Paged<ResultRow>;
  /** Contractor side: its figures. */
  contractor: ContractorStats;
  /** Notices it bid in (bid-opening record or result). */
  asBidder: Paged<BidderRow>;
  /** Notices it won. */
  won: Paged<BidderRow>;
  agencies: Paged<AgencyWin>;
  coBidders: Paged<CoBidder>;
}

/** Which list is paged, and how. The other lists show their first page. */
export interface OrgPaging {
  role?: OrgRole | null;
  /** 1-based page of `role`'s list. */
  page?: number;
  /** Rows per page of every list (default 20). */
  pageSize?: number;
  /** The moment that decides open vs closed; default the current time. */
  now?: Date;
}

/** Organisation codes: `vn…`, `vnz…`, local `mb-…`; anything else cannot exist. */
const ORG_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The organisation with this code (exact, else case-insensitive) with its profile and every list
 * (first page, or `paging.page` of `paging.role`). Returns `null` for an unknown code or one that is
 * not shaped like a code.
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
  const req = (role: OrgRole): PageRequest => ({
    page: paging.role === role ? (paging.page ?? 1) : 1,
    size,
    now,
  });
  const [tree, years, plans, asBuyer, open, results, contractor, asBidder, won, agencies, co] =
    await Promise.all([
      agencyTree(db, org.code, req('subunits')),
      yearTotals(db, org.id),
      plansOf(db, org.id, req('plans')),
      buyerNotices(db, org.id, req('buyer')),
      buyerNotices(db, org.id, req('open'), 'open'),
      resultNotices(db, org.id, req('results')),
      contractorStats(db, org.id),
      bidderNotices(db, org.id, req('bidder')),
      bidderNotices(db, org.id, req('won'), 'won'),
      agenciesWonFrom(db, org.id, req('agencies')),
      coBidders(db, org.id, req('cobidders')),
    ]);
  return {
    code: org.code,
    codeIsLocal: org.code_is_local,
    name: org.name,
    nameEn: org.name_en,
    taxCode: org.tax_code,
    source: org.source,
    kind: orgKind(org.name, org.tax_code),
    parent: tree.parent,
    subUnits: tree.subUnits,
    years,
    plans,
    asBuyer,
    open,
    results,
    contractor,
    asBidder,
    won,
    agencies,
    coBidders: co,
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
