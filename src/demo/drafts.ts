/**
 * Turns the cast and the templates into concrete plans and packages: agency, names, prices (VND),
 * lots, procedure, flags, bid security, validity — everything except dates and bidders.
 */
import type { Method, Procedure } from '../procurement/codes.ts';
import { CAST, type DemoEvent, type DemoState, type PackageSpec, type PlanSpec } from './casting.ts';
import type { GoodsGroup } from './goods.ts';
import { KINDS, type KindId, type PackageKind } from './kinds.ts';
import { AGENCIES, ward, type Agency, type Ward } from './names.ts';
import { roundVnd, type Rng } from './random.ts';
import {
  defaultProcedure,
  defaultState,
  fundingFor,
  methodCapM,
  randomEvents,
  SECURED,
  securityFor,
} from './rules.ts';
import { TEMPLATES } from './templates.ts';

const M = 1_000_000;

export interface LotDraft {
  /** Empty for a package without lots. */
  name: string;
  priceVnd: number;
  securityVnd: number | null;
  goods: readonly GoodsGroup[];
}

export interface PackageDraft {
  kindId: KindId;
  kind: PackageKind;
  method: Method;
  procedure: Procedure;
  domestic: boolean;
  online: boolean;
  state: DemoState;
  events: readonly DemoEvent[];
  /** Order in the plan (Gói thầu số NN). */
  ordinal: number;
  name: string;
  /** Package price in force (after a price amendment, if any), VND. */
  priceVnd: number;
  /** Price of version 00 when an amendment changed it, else null. */
  priceBeforeAmendment: number | null;
  estimateVnd: number;
  /** One entry without a name for a single-lot package. */
  lots: LotDraft[];
  contractType: string;
  period: number;
  periodUnit: 'D' | 'M';
  validityDays: number;
  securityVnd: number | null;
  securityForm: string | null;
  wards: Ward[];
}

export interface PlanDraft {
  agency: Agency;
  project: string;
  planType: 'TX' | 'DTPT';
  funding: string;
  packages: PackageDraft[];
}

const WORKS_JOIN: readonly KindId[] = [
  'xl_congtrinh',
  'xl_duong',
  'xl_nho',
  'tv_khaosat',
  'tv_giamsat',
  'tv_thamtra',
  'baohiem',
];

/**
 * The plans of the demo: the fixed cast, then random plans until about `target` packages.
 * Consumes `rng` in a fixed order (deterministic for a seed).
 */
export function draftPlans(rng: Rng, year: number, target: number): PlanDraft[] {
  const plans = CAST.map((spec) => draftPlan(rng, spec, year, true));
  let count = plans.reduce((s, p) => s + p.packages.length, 0);
  while (count < target) {
    const spec = randomPlanSpec(rng);
    if (spec.packages.length === 0) continue;
    const plan = draftPlan(rng, spec, year, false);
    plans.push(plan);
    count += plan.packages.length;
  }
  return plans;
}

function randomPlanSpec(rng: Rng): PlanSpec {
  const agency = rng.pick(AGENCIES);
  const templates = TEMPLATES.filter(
    (t) => t.agencyKinds.includes(agency.kind) && (!t.abbrs || t.abbrs.includes(agency.abbr)),
  );
  if (templates.length === 0) return { agency: agency.name, project: '', planType: 'TX', packages: [] };
  const t = rng.pick(templates);
  const packages: PackageSpec[] = [];
  for (const line of t.lines) {
    if (line.p !== undefined && !rng.chance(line.p)) continue;
    const method = rng.weighted(
      line.methods.map((m) => m[0]),
      line.methods.map((m) => m[1]),
    );
    const multiLot = line.kind === 'xetnghiem' && rng.chance(0.7);
    packages.push({ kind: line.kind, method, multiLot });
  }
  return { agency: agency.name, project: rng.pick(t.projects), planType: t.planType, packages };
}

function draftPlan(rng: Rng, spec: PlanSpec, year: number, cast: boolean): PlanDraft {
  // A plan "for next year" names next year in its packages too.
  const budgetYear = spec.project.includes('{next}') && !spec.project.includes('{year}') ? year + 1 : year;
  const agency = AGENCIES.find((a) => a.name === spec.agency);
  if (!agency) throw new Error(`demo: unknown agency ${spec.agency}`);
  const home = ward(rng.pick(agency.wards));
  const project = spec.project
    .replaceAll('{ward}', lowerFirst(home.name))
    .replaceAll('{year}', String(year))
    .replaceAll('{next}', String(year + 1))
    .replaceAll('{n}', String(rng.int(2, 24)));
  const funding = spec.funding ?? fundingFor(rng, agency, spec.planType);
  const packages = spec.packages.map((p, i) =>
    draftPackage(rng, p, i + 1, spec.planType, project, home, budgetYear, cast),
  );
  return { agency, project, planType: spec.planType, funding, packages };
}

function draftPackage(
  rng: Rng,
  spec: PackageSpec,
  ordinal: number,
  planType: 'TX' | 'DTPT',
  project: string,
  home: Ward,
  year: number,
  cast: boolean,
): PackageDraft {
  const kind = KINDS[spec.kind];
  const method = spec.method;
  const domestic = spec.domestic ?? true;
  const priceVnd = priceFor(rng, kind, method);
  const procedure = spec.procedure ?? defaultProcedure(kind, method, priceVnd);
  const online =
    spec.online ?? (domestic && procedure.startsWith('1_') && method !== 'TTH' && method !== 'TVCN');
  const title = rng
    .pick(kind.titles)
    .replaceAll('{year}', String(year))
    .replaceAll('{next}', String(year + 1));
  const name =
    planType === 'TX' && !WORKS_JOIN.includes(spec.kind)
      ? title
      : `Gói thầu số ${String(ordinal).padStart(2, '0')}: ${title}${joinProject(spec.kind, title, project)}`;
  const lots = splitLots(rng, kind, spec.multiLot === true, priceVnd, method);
  const total = lots.reduce((s, l) => s + l.priceVnd, 0);
  const securities = lots.map((l) => l.securityVnd);
  const securityVnd = securities.every((s) => s === null)
    ? null
    : securities.reduce((s, v) => (s ?? 0) + (v ?? 0), 0);
  const [pMin, pMax, periodUnit] = kind.period;
  const state = spec.state ?? defaultState(rng, method, online);
  let events = spec.events ?? (cast ? [] : randomEvents(rng, method, state));
  let priceBeforeAmendment: number | null = null;
  if (events.includes('amend_price')) {
    if (lots.length === 1)
      priceBeforeAmendment = roundVnd(total / (1 + rng.pick([-1, 1]) * rng.between(0.03, 0.08)));
    else events = events.map((e) => (e === 'amend_price' ? 'amend_close' : e));
  }
  return {
    kindId: spec.kind,
    kind,
    method,
    procedure,
    domestic,
    online,
    state,
    events,
    ordinal,
    name,
    priceVnd: total,
    priceBeforeAmendment,
    estimateVnd: rng.chance(0.8) ? total : roundVnd(total * rng.between(1.0, 1.04)),
    lots,
    contractType: rng.pick(kind.contractTypes),
    period: rng.int(pMin, pMax),
    periodUnit,
    validityDays: domestic
      ? rng.pick(SECURED.includes(method) ? [90, 120, 150] : [60, 90])
      : rng.pick([150, 180]),
    securityVnd,
    securityForm:
      securityVnd === null
        ? null
        : securityVnd < 50 * M
          ? 'Cam kết'
          : 'Thư bảo lãnh hoặc giấy chứng nhận bảo hiểm bảo lãnh',
    wards: rng.chance(0.15)
      ? [home, ward(rng.pick(['00070', '00166', '00454', '09556']))].filter(uniqueWard)
      : [home],
  };
}

function uniqueWard(w: Ward, i: number, all: Ward[]): boolean {
  return all.findIndex((x) => x.code === w.code) === i;
}

function joinProject(kindId: KindId, title: string, project: string): string {
  if (!WORKS_JOIN.includes(kindId)) return ` thuộc dự án ${project}`;
  return title.endsWith('công trình') ? ` ${lowerFirst(project)}` : ` công trình ${lowerFirst(project)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** Package price in VND: log-uniform in the kind's range, capped by the method. */
function priceFor(rng: Rng, kind: PackageKind, method: Method): number {
  let [lo, hi] = kind.priceM;
  const cap = methodCapM(method, kind.field);
  if (cap !== undefined && hi > cap) {
    hi = cap;
    if (lo > hi * 0.8) lo = hi * 0.3;
  }
  const m = Math.exp(rng.between(Math.log(lo), Math.log(hi)));
  return roundVnd(m * M, 1000);
}

function splitLots(
  rng: Rng,
  kind: PackageKind,
  multiLot: boolean,
  price: number,
  method: Method,
): LotDraft[] {
  const goods = kind.goods ?? [];
  if (!multiLot || !kind.lots) {
    return [{ name: '', priceVnd: price, securityVnd: securityFor(rng, kind, method, price, price), goods }];
  }
  const weights = kind.lots.map(() => rng.between(0.5, 1.6));
  const sum = weights.reduce((s, w) => s + w, 0);
  return kind.lots.map((name, i) => {
    const lotPrice = roundVnd((price * (weights[i] ?? 1)) / sum, 1000);
    return {
      name,
      priceVnd: lotPrice,
      securityVnd: securityFor(rng, kind, method, lotPrice, price),
      goods: goods[i] ? [goods[i]] : goods,
    };
  });
}
