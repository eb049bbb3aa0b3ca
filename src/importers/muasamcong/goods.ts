/**
 * The goods table of a KQLCNT lot (`goodsList`, JSON in a string) → result items.
 *
 * Two shapes are seen:
 * - per contractor (IB2600077452): `[{formCode, lotNo, contractorCode, formValue: {lotContent:
 *   {Table: [rows], amount}}}]`. Every contractor has its own entry, but a loser's table can merely
 *   repeat the winner's rows (same unit prices, only `lotContent.amount` is the loser's): such a copy
 *   is not the loser's offer and is left out (reported as `goodsList (loser table repeating the
 *   winner's)`); a loser's table that differs is kept as that contractor's items.
 * - flat (IB2600084950): `[{name, code, lableGood, yearGood, …}]`, the winner's items.
 */
import type { OrgRef, ResultItemFacts } from '../../procurement/facts.ts';
import { canonical } from '../../procurement/write/writer.ts';
import { isObject, Rec, type Notes } from './fields.ts';
import { bidderLotNo, num, text, vnd } from './values.ts';

/** Row fields without content for us: ids, form bookkeeping, tree position. */
const ROW_IGNORED = [
  'id',
  'parent',
  'currentItemIndex',
  'pos',
  'title',
  'formCode',
  'nameTable',
  'originQty',
  'isAfter33936',
  'lotNo',
  'lotName',
];

/**
 * Items of one lot. `contractors` maps national codes (lower case) to the lot's bidders; `winners`
 * are the codes of its winners. Positions count from 1 within each contractor's table.
 */
export function goodsItems(
  goods: unknown,
  lotNo: string | null,
  contractors: ReadonlyMap<string, OrgRef>,
  winners: readonly string[],
  path: string,
  notes: Notes,
): ResultItemFacts[] {
  if (!Array.isArray(goods)) {
    if (goods !== undefined && goods !== null) notes.add(`${path} (not a list)`);
    return [];
  }
  const entries = goods.filter(isObject);
  const perContractor = entries.some((e) => isObject(e.formValue));
  if (!perContractor) {
    const winner = winners.length === 1 ? (contractors.get(winners[0]!) ?? null) : null;
    if (!winner && entries.length > 0) notes.add(`${path} (items without a single winner to attach to)`);
    return entries
      .map((e, i) => itemOf(new Rec(e, `${path}[]`, notes), i, winner, bidderLotNo(lotNo)))
      .filter(present);
  }
  const tables = entries.map((e) => {
    const r = new Rec(e, `${path}[]`, notes);
    r.ignore('formCode');
    const contractorCode = text(r, 'contractorCode')?.toLowerCase() ?? null;
    const entryLot = text(r, 'lotNo') ?? lotNo;
    const content = r.rec('formValue')?.rec('lotContent') ?? null;
    content?.ignore('amount', 'sharedFiles', 'attachFiles');
    const rows = content ? content.list('Table') : [];
    content?.done();
    r.ignore('formValue');
    r.done();
    return { contractorCode, lotNo: bidderLotNo(entryLot), rows };
  });
  const winnerTables = tables.filter((t) => t.contractorCode && winners.includes(t.contractorCode));
  const winnerKeys = new Set(winnerTables.map((t) => canonical(t.rows.map((r) => r.obj))));
  const items: ResultItemFacts[] = [];
  for (const t of tables) {
    const isWinner = winnerTables.includes(t);
    if (!isWinner && winnerKeys.has(canonical(t.rows.map((r) => r.obj)))) {
      notes.add(`${path} (loser table repeating the winner's)`);
      continue;
    }
    const contractor = t.contractorCode ? (contractors.get(t.contractorCode) ?? null) : null;
    if (t.contractorCode && !contractor) notes.add(`${path}[].contractorCode (not a bidder of the lot)`);
    items.push(...t.rows.map((row, i) => itemOf(row, i, contractor, t.lotNo)).filter(present));
  }
  return items;
}

/** One goods row (either shape) as a result item; null (reported) for a row without a name. */
function itemOf(r: Rec, index: number, contractor: OrgRef | null, lotNo: string): ResultItemFacts | null {
  r.ignore(...ROW_IGNORED);
  const name = text(r, 'name');
  const item: ResultItemFacts = {
    contractor,
    lotNo,
    position: index + 1,
    name: name ?? '',
    model: firstText(r, 'codeGood', 'model', 'code'),
    brand: firstText(r, 'labelGood', 'lableGood', 'label'),
    year: firstText(r, 'yearManufacture', 'yearGood'),
    origin: text(r, 'origin'),
    manufacturer: text(r, 'manufacturer'),
    configuration: firstText(r, 'feature', 'technique', 'description'),
    unit: firstText(r, 'uom', 'unit'),
    quantity: firstOf(r, num, 'qty', 'quantity'),
    hsCode: text(r, 'hsCode'),
    unitPriceVnd: firstOf(r, vnd, 'unitPrice', 'bidPrice'),
    amountVnd: firstOf(r, vnd, 'amount', 'amountTotal'),
  };
  r.done();
  if (!name) r.note('name (goods row without a name, left out)');
  return name ? item : null;
}

/** The first of `keys` with text (all of them count as read: the others repeat it). */
function firstText(r: Rec, ...keys: string[]): string | null {
  return firstOf(r, text, ...keys);
}

/** The first non-null conversion of `keys` (all of them count as read). */
function firstOf<T>(r: Rec, read: (r: Rec, key: string) => T | null, ...keys: string[]): T | null {
  let found: T | null = null;
  for (const k of keys) found ??= read(r, k);
  r.ignore(...keys);
  return found;
}

function present<T>(v: T | null): v is T {
  return v !== null;
}
