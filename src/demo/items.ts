/**
 * Goods tables of demo results: item lines whose amounts add up exactly to the winner's bid price.
 */
import type { OrgRef, ResultItemFacts } from '../procurement/facts.ts';
import { GOODS, MAKERS, type GoodsGroup, type GoodsItem } from './goods.ts';
import type { Rng } from './random.ts';

/** Rounds a unit price the way price schedules do: to 1 000 VND above 1 million, else finer. */
function roundUnitPrice(v: number): number {
  const step = v >= 1_000_000 ? 1000 : v >= 10_000 ? 100 : 10;
  return Math.max(step, Math.round(v / step) * step);
}

/**
 * Item lines (position from 1) for goods of `groups`, priced so that they total about `targetVnd`;
 * the exact total is the sum of `amountVnd`. `foreignOnly` keeps to imported makers (international
 * packages). Years are the year of the offer.
 */
export function makeItems(
  rng: Rng,
  groups: readonly GoodsGroup[],
  targetVnd: number,
  opts: { contractor: OrgRef; lotNo: string | null; year: number; foreignOnly: boolean },
): ResultItemFacts[] {
  const catalogue: GoodsItem[] = groups.flatMap((g) => GOODS[g]);
  const lines = rng.sample(catalogue, catalogue.length <= 4 ? rng.int(1, 2) : rng.int(3, 8));
  const draft = lines.map((item) => {
    const qty = rng.int(item.qty[0], item.qty[1]);
    const unit = rng.between(item.price[0], item.price[1]);
    return { item, qty, unit };
  });
  const raw = draft.reduce((s, d) => s + d.qty * d.unit, 0);
  const factor = targetVnd / raw;
  const makers = MAKERS.filter((m) => !opts.foreignOnly || m.origin !== 'Việt Nam');
  return draft.map((d, i) => {
    const unitPriceVnd = roundUnitPrice(d.unit * factor);
    const maker = rng.pick(makers);
    return {
      contractor: opts.contractor,
      lotNo: opts.lotNo,
      position: i + 1,
      name: d.item.name,
      model: `${maker.prefix}-${rng.int(12, 980) * 10}${rng.pick(['', 'A', 'S', ' Pro', ' Plus'])}`,
      brand: maker.brand,
      year: String(opts.year - rng.int(0, 1)),
      origin: maker.origin,
      manufacturer: maker.manufacturer,
      configuration: 'Theo yêu cầu kỹ thuật tại Chương V của hồ sơ mời thầu',
      unit: d.item.unit,
      quantity: d.qty,
      hsCode: d.item.hsCode ?? null,
      unitPriceVnd,
      amountVnd: unitPriceVnd * d.qty,
    };
  });
}
