/**
 * The agency side of an organisation profile (chủ đầu tư / bên mời thầu): what kind of unit it is,
 * its parent and sub-units, its contractor-selection plans (KHLCNT) and its totals by year.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { fold } from '../../text/fold.ts';
import { buyerFilter, paged, type PageRequest, type Paged } from './org-notices.ts';
import { fromIndex, withCurrentVersion } from './notice-rows.ts';
import type { OrgLink } from './story-types.ts';

/** What kind of unit an organisation is, judged from its name (Vietnamese label, English gloss). */
export interface OrgKind {
  value: 'ubnd' | 'so' | 'ban' | 'y-te' | 'giao-duc' | 'doanh-nghiep' | 'ca-nhan' | 'nuoc-ngoai' | 'khac';
  vi: string;
  en: string;
}

const KINDS: readonly [RegExp, OrgKind][] = [
  [/^(uy ban nhan dan|ubnd)\b/, { value: 'ubnd', vi: 'Ủy ban nhân dân', en: 'People’s Committee' }],
  [/^so\b/, { value: 'so', vi: 'Sở, ngành', en: 'Department' }],
  [/^ban quan ly\b/, { value: 'ban', vi: 'Ban quản lý dự án', en: 'Project management unit' }],
  [
    /^(benh vien|trung tam (y te|kiem soat benh tat))\b/,
    { value: 'y-te', vi: 'Đơn vị y tế', en: 'Health unit' },
  ],
  [/^(truong|dai hoc|hoc vien)\b/, { value: 'giao-duc', vi: 'Cơ sở giáo dục', en: 'School or university' }],
  [
    /^(cong ty|tong cong ty|lien danh|hop tac xa|doanh nghiep)\b/,
    { value: 'doanh-nghiep', vi: 'Doanh nghiệp', en: 'Company' },
  ],
  [
    /\b(gmbh|co\.? ?,? ?ltd|ltd|pte|s\.?p\.?a|ab|inc|corporation|llc)\b/,
    { value: 'nuoc-ngoai', vi: 'Doanh nghiệp nước ngoài', en: 'Foreign company' },
  ],
];
const OTHER: OrgKind = { value: 'khac', vi: 'Tổ chức khác', en: 'Other organisation' };
const PERSON: OrgKind = { value: 'ca-nhan', vi: 'Cá nhân', en: 'Individual' };

/**
 * The kind of unit `name` names (`Ủy ban nhân dân phường …` → ubnd, `Sở Y tế …` → so, `Công ty …` →
 * doanh-nghiep …). An organisation whose tax code is a personal one (starting with 8) is an
 * individual. A heuristic on the published name: `khac` when nothing matches.
 */
export function orgKind(name: string, taxCode: string | null): OrgKind {
  const folded = fold(name).trim();
  for (const [pattern, kind] of KINDS) if (pattern.test(folded)) return kind;
  if (taxCode && /^8\d{9}$/.test(taxCode)) return PERSON;
  return OTHER;
}

/** A contractor-selection plan (KHLCNT) of an investor. Money VND, times UTC. */
export interface PlanRow {
  planNo: string;
  planVersion: string | null;
  name: string | null;
  /** TX recurrent spending, DTPT development investment. */
  planType: string | null;
  projectName: string | null;
  decisionNo: string | null;
  decisionDate: Date | null;
  publishedAt: Date | null;
  /** Packages of the plan known here. */
  packages: number;
  /** Sum of their package prices, VND; `null` when none is known. */
  totalVnd: number | null;
}

/** The plans whose investor is `orgId`, newest first. */
export async function plansOf(db: Kysely<DB>, orgId: number, req: PageRequest): Promise<Paged<PlanRow>> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('khlcnt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('investor_id', '=', orgId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('khlcnt as k')
      .leftJoin('package as p', 'p.khlcnt_id', 'k.id')
      .select([
        'k.id',
        'k.plan_no',
        'k.plan_version',
        'k.name',
        'k.plan_type',
        'k.project_name',
        'k.decision_no',
        'k.decision_date',
        'k.published_at',
      ])
      .select((eb) => [
        eb.fn.count<number>('p.id').as('packages'),
        eb.fn.sum<number | null>('p.price_vnd').as('total'),
      ])
      .where('k.investor_id', '=', orgId)
      .groupBy('k.id')
      .orderBy(sql`k.published_at desc nulls last`)
      .orderBy('k.id', 'desc')
      .limit(req.size)
      .offset((req.page - 1) * req.size)
      .execute(),
  ]);
  return paged(
    Number(count.n),
    req.page,
    req.size,
    rows.map((r) => ({
      planNo: r.plan_no,
      planVersion: r.plan_version,
      name: r.name,
      planType: r.plan_type,
      projectName: r.project_name,
      decisionNo: r.decision_no,
      decisionDate: r.decision_date,
      publishedAt: r.published_at,
      packages: Number(r.packages),
      totalVnd: r.total === null ? null : Number(r.total),
    })),
  );
}

/**
 * An agency's packages of one year (the year of first publication in Vietnam time; `null` when not
 * known). Money VND.
 */
export interface YearTotals {
  year: number | null;
  /** Notices whose current version names it as investor or procuring entity. */
  packages: number;
  /** Sum of their package prices (giá gói thầu), VND. */
  priceVnd: number;
  /** Of those, notices with a winner in the latest result. */
  awardedPackages: number;
  /** Sum of the winning prices (giá trúng thầu) of the latest results, VND. */
  awardedVnd: number;
  /**
   * Savings rate (tỷ lệ tiết kiệm): 1 − winning prices ÷ package prices, over the awarded packages
   * whose price is known; `null` when there is none.
   */
  savingsRate: number | null;
}

/** Totals by year of the notices organisation `orgId` invites bids for, latest year first. */
export async function yearTotals(db: Kysely<DB>, orgId: number): Promise<YearTotals[]> {
  const mine = fromIndex(db)
    .where(buyerFilter(db, orgId))
    .select(['s.tbmt_id', 's.published_at', 's.price_vnd']);
  // Vietnam has kept UTC+7 all year since 1975: the local year is the UTC instant plus 7 hours.
  const rows = await sql<{
    year: number | null;
    packages: number;
    price: number | null;
    awarded_packages: number;
    awarded: number | null;
    priced_price: number | null;
    priced_awarded: number | null;
  }>`
    with mine as (${mine}),
    awards as (
      select k.tbmt_id, sum(b.winning_price_vnd) as awarded from kqlcnt k
        join kqlcnt_bidder b on b.kqlcnt_id = k.id
       where b.is_winner and k.tbmt_id in (select tbmt_id from mine)
         and k.id = (select k2.id from kqlcnt k2 where k2.tbmt_id = k.tbmt_id
                      order by length(k2.version) desc, k2.version desc limit 1)
       group by k.tbmt_id)
    select extract(year from (m.published_at at time zone 'UTC') + interval '7 hours')::int as year,
           count(*)::int as packages, sum(m.price_vnd)::bigint as price,
           count(a.tbmt_id)::int as awarded_packages, sum(a.awarded)::bigint as awarded,
           (sum(m.price_vnd) filter (where a.awarded is not null))::bigint as priced_price,
           (sum(a.awarded) filter (where m.price_vnd is not null))::bigint as priced_awarded
      from mine m left join awards a on a.tbmt_id = m.tbmt_id
     group by 1 order by 1 desc nulls last`.execute(db);
  return rows.rows.map((r) => {
    const pricedPrice = Number(r.priced_price ?? 0);
    return {
      year: r.year === null ? null : Number(r.year),
      packages: Number(r.packages),
      priceVnd: Number(r.price ?? 0),
      awardedPackages: Number(r.awarded_packages),
      awardedVnd: Number(r.awarded ?? 0),
      savingsRate: pricedPrice > 0 ? 1 - Number(r.priced_awarded ?? 0) / pricedPrice : null,
    };
  });
}

/** A sub-unit of an agency with the number of notices it invites bids for. */
export interface SubUnitRow {
  org: OrgLink;
  /** Notices whose current version names it as investor or procuring entity. */
  notices: number;
}

/**
 * The parent unit of organisation `code` and its direct sub-units (by `org.parent_code`), name
 * order, with their notice counts (migration 0005's agency tree; see also `agency-tree.ts`).
 */
export async function agencyTree(
  db: Kysely<DB>,
  code: string,
  req: PageRequest,
): Promise<{ parent: OrgLink | null; subUnits: Paged<SubUnitRow> }> {
  const columns = ['o.id', 'o.code', 'o.name', 'o.tax_code', 'o.code_is_local'] as const;
  const [parent, count, rows] = await Promise.all([
    db
      .selectFrom('org as c')
      .innerJoin('org as o', 'o.code', 'c.parent_code')
      .select(columns)
      .where('c.code', '=', code)
      .executeTakeFirst(),
    db
      .selectFrom('org as o')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.parent_code', '=', code)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('org as o')
      .select(columns)
      .where('o.parent_code', '=', code)
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(req.size)
      .offset((req.page - 1) * req.size)
      .execute(),
  ]);
  type Row = { id: number; code: string; name: string; tax_code: string | null; code_is_local: boolean };
  const link = (r: Row): OrgLink => ({
    code: r.code,
    name: r.name,
    taxCode: r.tax_code,
    codeIsLocal: r.code_is_local,
  });
  const items = await Promise.all(
    rows.map(async (r) => {
      const n = await withCurrentVersion(fromIndex(db))
        .where(buyerFilter(db, Number(r.id)))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { org: link(r), notices: Number(n.n) };
    }),
  );
  return {
    parent: parent ? link(parent) : null,
    subUnits: paged(Number(count.n), req.page, req.size, items),
  };
}
