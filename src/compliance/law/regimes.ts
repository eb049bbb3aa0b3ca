/**
 * Legal regimes of Vietnamese public procurement (procurement-domain.md §1). Which rules apply to a
 * package depends on the date its documents were issued (its plan's approval date for the plan
 * itself): the transitional provisions keep a package under the law in force when it started.
 */
import { vnDateOf, type IsoDate } from '../../calendar/index.ts';

/** One legal regime. */
export interface Regime {
  /** `L43` (Law 43/2013), `L22` (Law 22/2023), `L22A` (Law 22/2023 as amended by Law 90/2025). */
  id: RegimeId;
  /** First VN local day (inclusive); `null` = since always. */
  from: IsoDate | null;
  /** Last VN local day (inclusive); `null` = still in force. */
  to: IsoDate | null;
  lawVi: string;
  decreeVi: string;
  circularVi: string;
}

export const REGIME_IDS = ['L43', 'L22', 'L22A'] as const;
export type RegimeId = (typeof REGIME_IDS)[number];

/** The regimes, oldest first; their date ranges do not overlap and leave no gap. */
export const REGIMES: readonly Regime[] = [
  {
    id: 'L43',
    from: null,
    to: '2023-12-31',
    lawVi: 'Luật Đấu thầu 43/2013/QH13',
    decreeVi: 'Nghị định 63/2014/NĐ-CP',
    circularVi: 'Thông tư 11/2019/TT-BKHĐT',
  },
  {
    id: 'L22',
    from: '2024-01-01',
    to: '2025-06-30',
    lawVi: 'Luật Đấu thầu 22/2023/QH15 (sửa đổi bởi Luật 57/2024/QH15)',
    decreeVi: 'Nghị định 24/2024/NĐ-CP (sửa đổi bởi 115/2024, 17/2025)',
    circularVi: 'Thông tư 06/2024, 22/2024/TT-BKHĐT',
  },
  {
    id: 'L22A',
    from: '2025-07-01',
    to: null,
    lawVi: 'Luật Đấu thầu 22/2023/QH15 sửa đổi bởi Luật 90/2025/QH15',
    decreeVi: 'Nghị định 214/2025/NĐ-CP (từ 04/08/2025)',
    circularVi: 'Thông tư 79/2025/TT-BTC',
  },
];

/**
 * The regime in force on `at` — a VN local day `YYYY-MM-DD` or an instant (read in Asia/Ho_Chi_Minh).
 * @throws RangeError for an invalid instant.
 */
export function regimeFor(at: Date | IsoDate): Regime {
  const day = typeof at === 'string' ? at : vnDateOf(at);
  for (const r of REGIMES) {
    if ((r.from === null || day >= r.from) && (r.to === null || day <= r.to)) return r;
  }
  throw new RangeError(`no regime for ${day}`);
}
