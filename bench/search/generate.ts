/**
 * Deterministic generator of the search benchmark's synthetic packages. Package `i` depends only on
 * the seed and `i` (its own `Rng`), so any slice can be generated alone and the data never depends on
 * the batch size. Each package has a plan (KHLCNT, four packages per plan, one agency and project),
 * a notice (TBMT) with one or two versions (amendment), a place in a Hà Nội ward, and — by its dates
 * against the reference moment — an extension, a cancellation, a bid opening with 1–6 bidders and a
 * result with a winner. Names, methods and prices follow the demo's kinds and templates.
 *
 * Rows are columnar (`{ column: values[] }`) per table, ready for `unnest` inserts, with explicit ids.
 * The `tbmt_search` row is built as `refreshTbmtSearch` (src/procurement/write/search-index.ts) builds
 * it: the same words, folded and split by `searchWords`, the same state and filter columns.
 */
import { KINDS, type KindId, type PackageKind } from '../../src/demo/kinds.ts';
import { WARDS } from '../../src/demo/names.ts';
import { Rng, roundVnd } from '../../src/demo/random.ts';
import { defaultProcedure, methodCapM } from '../../src/demo/rules.ts';
import { TEMPLATES, type PlanTemplate } from '../../src/demo/templates.ts';
import { taxCodeOfOrgCode } from '../../src/procurement/identifiers.ts';
import { fold, searchWords } from '../../src/text/fold.ts';
import {
  benchAgencies,
  benchContractors,
  STREETS,
  type BenchAgency,
  type BenchContractor,
} from './vocabulary.ts';

const DAY = 86_400_000;
const M = 1_000_000;
/** Packages per plan. */
export const PLAN_SIZE = 4;
/** The benchmark's "now": every date is placed before or around it (fixed, so runs are comparable). */
export const BENCH_NOW = new Date('2026-11-20T03:00:00Z');
const START = Date.UTC(2023, 0, 2, 2, 0);

/** Columnar rows: column name → values (all columns of a table have the same length). */
export type Columns = Record<string, unknown[]>;
/** Rows of one batch, per table, in the order they must be inserted. */
export type Batch = Map<string, Columns>;

/** The organisations and lookup tables shared by every package. */
export interface Universe {
  seed: number;
  agencies: BenchAgency[];
  contractors: BenchContractor[];
  /** org.id by code: agencies first (1…), then contractors. */
  orgId: Map<string, number>;
  byTrade: Map<string, BenchContractor[]>;
  cumulative: number[];
}

/** Builds the organisations for `n` packages (one contractor per 20 packages, at least 200). */
export function universe(n: number, seed: number): Universe {
  const agencies = benchAgencies();
  const contractors = benchContractors(Math.max(200, Math.ceil(n / 20)));
  const orgId = new Map<string, number>();
  [...agencies, ...contractors].forEach((o, i) => orgId.set(o.code, i + 1));
  const byTrade = new Map<string, BenchContractor[]>();
  for (const c of contractors) byTrade.set(c.trade, [...(byTrade.get(c.trade) ?? []), c]);
  let sum = 0;
  const cumulative = agencies.map((a) => (sum += a.weight));
  return { seed, agencies, contractors, orgId, byTrade, cumulative };
}

/** The `org` rows of the universe. */
export function orgRows(u: Universe): Columns {
  const all = [
    ...u.agencies.map((a) => ({
      code: a.code,
      name: a.name,
      tax: null as string | null,
      parent: a.parentCode,
    })),
    ...u.contractors.map((c) => ({ code: c.code, name: c.name, tax: c.taxCode, parent: null })),
  ];
  return {
    id: all.map((o) => u.orgId.get(o.code)),
    code: all.map((o) => o.code),
    tax_code: all.map((o) => o.tax),
    name: all.map((o) => o.name),
    name_folded: all.map((o) => fold(o.name)),
    source: all.map(() => 'bench'),
    parent_code: all.map((o) => o.parent),
  };
}

function newBatch(): Batch {
  const b: Batch = new Map();
  for (const t of [
    'khlcnt',
    'package',
    'tbmt',
    'tbmt_version',
    'tbmt_location',
    'tbmt_extension',
    'tbmt_cancellation',
    'bid_opening',
    'bid_opening_bidder',
    'kqlcnt',
    'kqlcnt_bidder',
    'tbmt_search',
  ])
    b.set(t, {});
  return b;
}

function push(b: Batch, table: string, row: Record<string, unknown>): void {
  const cols = b.get(table)!;
  for (const [k, v] of Object.entries(row)) (cols[k] ??= []).push(v);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const pad8 = (n: number) => String(n).padStart(8, '0');
const yy = (d: Date) => String(new Date(d.getTime() + 7 * 3600_000).getUTCFullYear()).slice(2);

interface Plan {
  id: number;
  agency: BenchAgency;
  pe: BenchAgency;
  template: PlanTemplate;
  project: string;
  ward: (typeof WARDS)[number];
  publishedAt: Date;
  year: number;
}

function pickAgency(u: Universe, rng: Rng): BenchAgency {
  const x = rng.float() * u.cumulative[u.cumulative.length - 1]!;
  let lo = 0;
  let hi = u.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u.cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return u.agencies[lo]!;
}

function planOf(u: Universe, index: number): Plan {
  const rng = new Rng(u.seed * 7919 + index * 2 + 1);
  const agency = pickAgency(u, rng);
  const parent = agency.parentCode ? u.agencies.find((a) => a.code === agency.parentCode) : undefined;
  // A sub-unit's packages are often procured by the unit above it.
  const pe = parent && rng.chance(0.3) ? parent : agency;
  const templates = TEMPLATES.filter((t) => t.agencyKinds.includes(agency.kind));
  const template = rng.pick(templates.length > 0 ? templates : TEMPLATES);
  const wardCode = rng.pick(agency.wards);
  const ward = WARDS.find((w) => w.code === wardCode) ?? WARDS[0]!;
  const publishedAt = new Date(START + Math.floor(rng.float() * (BENCH_NOW.getTime() - START - 5 * DAY)));
  const year = new Date(publishedAt.getTime() + 7 * 3600_000).getUTCFullYear();
  const road = template.lines.some((l) => l.kind === 'xl_duong') && rng.chance(0.5);
  const project = (
    road ? `Cải tạo, nâng cấp ${rng.pick(STREETS)}, ${lowerFirst(ward.name)}` : rng.pick(template.projects)
  )
    .replaceAll('{ward}', lowerFirst(ward.name))
    .replaceAll('{year}', String(year))
    .replaceAll('{next}', String(year + 1))
    .replaceAll('{n}', String(rng.int(2, 24)));
  return { id: index + 1, agency, pe, template, project, ward, publishedAt, year };
}

/**
 * The rows of packages `from` … `to − 1` (0-based), with their plans (a plan's row goes with its
 * first package). Deterministic for (`u.seed`, index).
 */
export function generateBatch(u: Universe, from: number, to: number): Batch {
  const b = newBatch();
  for (let i = from; i < to; i++) generatePackage(u, b, i);
  return b;
}

function generatePackage(u: Universe, b: Batch, i: number): void {
  const planIndex = Math.floor(i / PLAN_SIZE);
  const plan = planOf(u, planIndex);
  const rng = new Rng(u.seed * 104_729 + i * 2 + 2);
  const id = i + 1;
  const line = plan.template.lines[(i % PLAN_SIZE) % plan.template.lines.length]!;
  const kind: PackageKind = KINDS[line.kind as KindId];
  const method = rng.weighted(
    line.methods.map(([m]) => m),
    line.methods.map(([, w]) => w),
  );
  const title = rng
    .pick(kind.titles)
    .replaceAll('{year}', String(plan.year))
    .replaceAll('{next}', String(plan.year + 1));
  const name = ['XL', 'TV', 'HON_HOP'].includes(kind.field) ? `${title}: ${plan.project}` : title;
  const cap = methodCapM(method, kind.field);
  const priceM = Math.min(rng.between(kind.priceM[0], kind.priceM[1]), cap ?? Infinity);
  const price = roundVnd(priceM * M);
  const procedure = defaultProcedure(kind, method, price);
  const contractType = rng.pick(kind.contractTypes);
  const domestic = !rng.chance(0.03);
  const online = !['CDT', 'CDT_RG', 'TTH', 'CONG_DONG'].includes(method) || rng.chance(0.5);
  const publishedAt = new Date(plan.publishedAt.getTime() + rng.int(1, 20) * DAY);
  const closeAt = new Date(
    Math.floor((publishedAt.getTime() + rng.int(10, 25) * DAY) / DAY) * DAY + 2 * 3600_000,
  );
  const notifyNo = `IB${yy(publishedAt)}${pad8(id)}`;
  const planNo = `PL${yy(plan.publishedAt)}${pad8(plan.id)}`;
  const bidNo = `BP${yy(publishedAt)}${pad8(id)}`;
  const investor = u.orgId.get(plan.agency.code)!;
  const pe = u.orgId.get(plan.pe.code)!;

  if (i % PLAN_SIZE === 0) {
    push(b, 'khlcnt', {
      id: plan.id,
      plan_no: planNo,
      plan_version: '00',
      name: plan.project,
      plan_type: plan.template.planType,
      project_name: plan.project,
      investor_id: investor,
      decision_no: `${plan.id}/QĐ-${plan.agency.kind.toUpperCase()}`,
      decision_date: new Date(plan.publishedAt.getTime() - 3 * DAY),
      published_at: plan.publishedAt,
      source: 'bench',
    });
  }
  push(b, 'package', {
    id,
    bid_no: bidNo,
    khlcnt_id: plan.id,
    name,
    field: kind.field,
    method,
    procedure,
    contract_type: contractType,
    price_vnd: price,
    is_domestic: domestic,
    is_internet: online,
    source: 'bench',
  });
  push(b, 'tbmt', {
    id,
    notify_no: notifyNo,
    package_id: id,
    first_published_at: publishedAt,
    source: 'bench',
  });

  const amended = rng.chance(0.12);
  const versions = amended ? ['00', '01'] : ['00'];
  let currentClose = closeAt;
  const versionIds: number[] = [];
  versions.forEach((version, k) => {
    const vid = id * 2 - 1 + k;
    versionIds.push(vid);
    currentClose = k === 0 ? closeAt : new Date(closeAt.getTime() + 7 * DAY);
    push(b, 'tbmt_version', {
      id: vid,
      tbmt_id: id,
      version,
      published_at: k === 0 ? publishedAt : new Date(publishedAt.getTime() + 5 * DAY),
      name,
      investor_id: investor,
      procuring_entity_id: pe,
      field: kind.field,
      method,
      procedure,
      contract_type: contractType,
      is_domestic: domestic,
      is_internet: online,
      price_vnd: price,
      bid_close_at: currentClose,
      bid_open_at: currentClose,
      amendment_reason: k === 0 ? null : 'Điều chỉnh hồ sơ mời thầu theo nội dung làm rõ.',
      source: 'bench',
    });
    push(b, 'tbmt_location', {
      id: vid,
      tbmt_version_id: vid,
      province_code: '01',
      province_name: 'Thành phố Hà Nội',
      ward_code: plan.ward.code,
      ward_name: plan.ward.name,
    });
  });
  let closeInForce = currentClose;
  if (rng.chance(0.05)) {
    const newClose = new Date(currentClose.getTime() + 7 * DAY);
    push(b, 'tbmt_extension', {
      id,
      tbmt_id: id,
      published_at: new Date(currentClose.getTime() - 2 * DAY),
      old_close_at: currentClose,
      new_close_at: newClose,
      reason: 'Gia hạn thời điểm đóng thầu để nhà thầu có thêm thời gian chuẩn bị hồ sơ dự thầu.',
      source: 'bench',
    });
    closeInForce = newClose;
  }
  const cancelled = rng.chance(0.03);
  if (cancelled) {
    push(b, 'tbmt_cancellation', {
      id,
      tbmt_id: id,
      cancelled_at: new Date(Math.min(closeInForce.getTime() + 10 * DAY, BENCH_NOW.getTime())),
      reason: 'Tất cả hồ sơ dự thầu không đáp ứng được các yêu cầu của hồ sơ mời thầu.',
      source: 'bench',
    });
  }

  const bidders: { c: BenchContractor; price: number }[] = [];
  let state = cancelled ? 'cancelled' : 'published';
  let resultAt: Date | null = null;
  if (closeInForce.getTime() < BENCH_NOW.getTime() && rng.chance(0.95)) {
    // Agencies meet the same local bidders again and again: a window of the trade's pool.
    const pool = u.byTrade.get(kind.trade) ?? u.contractors;
    const start = (u.orgId.get(plan.agency.code)! * 37) % pool.length;
    const count = rng.weighted([1, 2, 3, 4, 5, 6], [2, 4, 5, 4, 2, 1]);
    const chosen = new Set<BenchContractor>();
    while (chosen.size < Math.min(count, pool.length))
      chosen.add(pool[(start + rng.int(0, 59)) % pool.length]!);
    for (const c of chosen) bidders.push({ c, price: roundVnd(price * rng.between(0.86, 1.0)) });
    push(b, 'bid_opening', { id, tbmt_id: id, opened_at: closeInForce, source: 'bench' });
    for (const x of bidders) {
      push(b, 'bid_opening_bidder', {
        bid_opening_id: id,
        contractor_id: u.orgId.get(x.c.code),
        bid_price_vnd: x.price,
        final_price_vnd: x.price,
        submitted_at: new Date(closeInForce.getTime() - rng.int(1, 72) * 3600_000),
      });
    }
    if (!cancelled) state = 'opened';
    const resultDay = closeInForce.getTime() + rng.int(15, 40) * DAY;
    if (!cancelled && resultDay < BENCH_NOW.getTime() && rng.chance(0.9)) {
      resultAt = new Date(resultDay);
      const ranked = [...bidders].sort((a, b2) => a.price - b2.price);
      const winner = ranked.length > 1 && rng.chance(0.2) ? ranked[1]! : ranked[0]!;
      push(b, 'kqlcnt', {
        id,
        tbmt_id: id,
        version: '00',
        published_at: resultAt,
        decision_no: `${id}/QĐ-KQ`,
        decision_date: new Date(resultDay - DAY),
        source: 'bench',
      });
      for (const x of ranked) {
        const won = x === winner;
        push(b, 'kqlcnt_bidder', {
          kqlcnt_id: id,
          contractor_id: u.orgId.get(x.c.code),
          is_winner: won,
          reason: won ? null : 'Không được xếp hạng thứ nhất.',
          bid_price_vnd: x.price,
          final_price_vnd: x.price,
          winning_price_vnd: won ? x.price : null,
        });
      }
      state = 'awarded';
    }
  }

  // The search row, word for word as refreshTbmtSearch builds it.
  const agencyWords = (a: BenchAgency) => [a.name, a.code, taxCodeOfOrgCode(a.code)];
  const words = [
    notifyNo,
    planNo,
    bidNo,
    name,
    plan.project,
    ...versions.flatMap(() => [name, ...agencyWords(plan.agency), ...agencyWords(plan.pe)]),
    ...bidders.flatMap((x) => [x.c.name, x.c.code, taxCodeOfOrgCode(x.c.code)]),
    'Thành phố Hà Nội',
    plan.ward.name,
  ];
  const folded = searchWords([...new Set(words.filter((w): w is string => !!w))].join(' ')).join(' ');
  push(b, 'tbmt_search', {
    tbmt_id: id,
    notify_no: notifyNo,
    folded,
    state,
    field: kind.field,
    method,
    procedure,
    is_domestic: domestic,
    is_internet: online,
    province_codes: '{01}',
    ward_codes: `{${plan.ward.code}}`,
    agency_codes: `{${[...new Set([plan.agency.code, plan.pe.code])].sort().join(',')}}`,
    price_vnd: price,
    published_at: publishedAt,
    bid_close_at: closeInForce,
    result_published_at: resultAt,
    is_demo: false,
  });
}
