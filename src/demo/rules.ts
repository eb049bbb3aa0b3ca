/**
 * Legal and customary rules the demo follows when drafting packages: price caps per method, default
 * procedure, bid security (Law 22/2023 Art. 14), states and events by method, funding sources.
 */
import type { Method, Procedure } from '../procurement/codes.ts';
import type { DemoEvent, DemoState } from './casting.ts';
import type { PackageKind } from './kinds.ts';
import type { Agency } from './names.ts';
import { roundVnd, type Rng } from './random.ts';

const M = 1_000_000;

/** Methods that require bid security (Law 22/2023 Art. 14), for non-consulting packages. */
export const SECURED: readonly Method[] = ['DTRR', 'DTHC', 'CHCT'];
const DIRECT: readonly Method[] = ['CDT', 'MSTT'];
const NO_NOTICE_COMPETITION: readonly Method[] = ['CDT_RG', 'TTH', 'TVCN'];

/**
 * Highest package price (million VND) a method is used for in the demo; direct appointment follows
 * Decree 214/2025 Art. 78.4 (800 million for consulting, 2 billion otherwise; 500 million shortened).
 */
export function methodCapM(method: Method, field: string): number | undefined {
  switch (method) {
    case 'CHCT':
      return 10_000;
    case 'CHCT_RG':
      return 500;
    case 'CGTT':
      return 2_000;
    case 'CGTT_RG':
      return 1_000;
    case 'MSTT':
      return 5_000;
    case 'CDT':
      return field === 'TV' ? 800 : 2_000;
    case 'CDT_RG':
      return 500;
    case 'TVCN':
      return 600;
    default:
      return undefined;
  }
}

/** Default procedure: two envelopes for consulting, mixed and large works under open/restricted bidding. */
export function defaultProcedure(kind: PackageKind, method: Method, priceVnd: number): Procedure {
  if (method !== 'DTRR' && method !== 'DTHC') return '1_MTHS';
  if (kind.field === 'TV' || kind.field === 'HON_HOP') return '1_HTHS';
  return kind.field === 'XL' && priceVnd > 50_000 * M ? '1_HTHS' : '1_MTHS';
}

/**
 * Bid security of one lot (Law 22/2023 Art. 14): only for open/restricted bidding and competitive
 * quotation of non-consulting packages; 1–1.5% for small packages, 1.5–3% otherwise.
 */
export function securityFor(
  rng: Rng,
  kind: PackageKind,
  method: Method,
  lotPrice: number,
  packagePrice: number,
) {
  if (!SECURED.includes(method) || kind.field === 'TV') return null;
  const smallLimit = kind.field === 'XL' || kind.field === 'HON_HOP' ? 20_000 * M : 10_000 * M;
  const pct = packagePrice <= smallLimit ? rng.between(1.0, 1.5) : rng.between(1.5, 3.0);
  const step = lotPrice >= 2_000 * M ? 1_000_000 : 100_000;
  const amount = roundVnd((lotPrice * pct) / 100, step);
  return Math.min(
    Math.max(amount, Math.ceil(lotPrice / 100 / 1000) * 1000),
    Math.floor((lotPrice * 3) / 100 / 1000) * 1000,
  );
}

/** Where a package of a random plan stands at the reference date, drawn by method. */
export function defaultState(rng: Rng, method: Method, online: boolean): DemoState {
  if (NO_NOTICE_COMPETITION.includes(method)) return rng.chance(0.6) ? 'awarded' : 'contracted';
  if (DIRECT.includes(method)) {
    return rng.weighted<DemoState>(['open', 'awarded', 'contracted'], [8, 55, 37]);
  }
  const states: DemoState[] = [
    'open',
    'closing',
    'closed',
    'opened',
    'awarded',
    'contracted',
    'cancelled_late',
  ];
  return rng.weighted(states, [16, 6, online ? 0 : 4, 20, 34, 18, 2]);
}

/** Amendments and extensions of random open/restricted bidding packages (about 1 in 10). */
export function randomEvents(rng: Rng, method: Method, state: DemoState): DemoEvent[] {
  if ((method !== 'DTRR' && method !== 'DTHC') || state.startsWith('cancelled') || state === 'closed')
    return [];
  const events: DemoEvent[] = [];
  if (rng.chance(0.1)) events.push(rng.chance(0.5) ? 'amend_close' : 'amend_price');
  if (rng.chance(0.07)) events.push('extend');
  return events;
}

/** Funding source (nguồn vốn) as published, by agency and plan type. */
export function fundingFor(rng: Rng, agency: Agency, planType: 'TX' | 'DTPT'): string {
  if (planType === 'DTPT') {
    if (agency.kind === 'ubnd') {
      const local = agency.name.includes(' xã ') ? 'Ngân sách xã' : 'Ngân sách phường';
      return rng.pick([local, `${local} và ngân sách thành phố hỗ trợ có mục tiêu`]);
    }
    return rng.pick([
      'Ngân sách thành phố (vốn đầu tư công)',
      'Vốn đầu tư công trung hạn giai đoạn 2026 - 2030 của thành phố',
    ]);
  }
  switch (agency.kind) {
    case 'benhvien':
      return rng.pick([
        'Nguồn thu sự nghiệp của đơn vị',
        'Nguồn thu từ dịch vụ khám bệnh, chữa bệnh và nguồn thu hợp pháp khác',
        'Quỹ phát triển hoạt động sự nghiệp',
      ]);
    case 'truong':
      return rng.pick([
        'Kinh phí chi thường xuyên được giao tự chủ',
        'Ngân sách thành phố (chi thường xuyên)',
      ]);
    case 'ubnd':
      return agency.name.includes(' xã ')
        ? 'Ngân sách xã (chi thường xuyên)'
        : 'Ngân sách phường (chi thường xuyên)';
    default:
      return 'Ngân sách thành phố (chi thường xuyên)';
  }
}
