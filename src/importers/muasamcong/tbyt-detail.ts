/**
 * Per-tender detail files of the community dataset tbyt-2026 (`details/IB26….json`, schemaVersion 3:
 * `{total, bidders[], items[], requirements: {items[], summary, disclosure}, technicalRequirements,
 * modelDisclosure, fetchedAt}`) → the bidders (opening and result), the awarded goods items with the
 * result decision, and the lots with planned prices.
 *
 * The content carries no notice number: the scraper names each file after its notice, so the number
 * comes from the file name (the file kind itself is recognised from the content). It carries no notice
 * name either, so it can only add to a notice already stored (tenders.json is applied first). Empty
 * stubs (`disclosure: "official-captcha-required"` / `"missing-plan-detail-id"`, nothing else) are the
 * legitimate "no public data" case and import as nothing.
 * `technicalRequirements` (HSMT technical specifications) have no place in `TbmtFacts` and are
 * reported as unmapped.
 */
import path from 'node:path';
import type { KqlcntFacts, LotFacts, OrgRef, ResultItemFacts } from '../../procurement/facts.ts';
import { nfc } from '../../text/normalize.ts';
import { hasContent, Rec, type JsonObject, type Notes } from './fields.ts';
import { tbytBidders } from './tbyt-bidders.ts';
import { ShapeError, type ParsedUnit } from './types.ts';
import { bidderLotNo, num, text, time, vnd } from './values.ts';

/** True when a detail file holds no public data at all (an empty stub). */
export function isEmptyTbytDetail(json: JsonObject): boolean {
  const { bidders, items, requirements, technicalRequirements } = json;
  const reqItems = (requirements as JsonObject | null)?.items;
  const techItems = (technicalRequirements as JsonObject | null)?.items;
  return !hasContent(bidders) && !hasContent(items) && !hasContent(reqItems) && !hasContent(techItems);
}

/**
 * Maps a detail file. `file` is its path (for the notice number).
 * @throws ShapeError when the file is not named after a notice (`IB` + 10 digits + `.json`).
 */
export function parseTbytDetail(json: JsonObject, file: string, label: string, notes: Notes): ParsedUnit[] {
  const m = /^(IB\d{10})\.json$/i.exec(path.basename(file));
  if (!m) {
    throw new ShapeError('a tbyt detail file carries no notice number and must be named after it (IB….json)');
  }
  const notifyNo = m[1]!.toUpperCase();
  const top = new Rec(json, 'tbyt-detail', notes);
  top.ignore('schemaVersion', 'total', 'modelDisclosure', 'fetchedAt');
  const technical = top.rec('technicalRequirements');
  if (technical && hasContent(technical.obj.items)) {
    top.note('technicalRequirements (HSMT technical specifications: no place in TbmtFacts)');
  }
  const b = tbytBidders(top.list('bidders'));
  const known = new Map<string, OrgRef>();
  for (const x of [...b.opening, ...b.results])
    if (x.contractor.code) known.set(x.contractor.code, x.contractor);
  const result: KqlcntFacts = { version: '00', bidders: b.results, items: [] };
  itemsOf(top.list('items'), known, result);
  const lots = lotsOf(top.rec('requirements'));
  top.done();
  const hasResult = result.bidders.length > 0 || (result.items?.length ?? 0) > 0;
  return [
    {
      label,
      facts: {
        notifyNo,
        opening: b.opening.length > 0 ? { bidders: b.opening } : null,
        results: hasResult ? [result] : null,
        // Name '' is filled in from the stored version by the orchestrator (see `needsExisting`).
        versions: lots.length > 0 ? [{ version: '00', name: '', lots }] : null,
      },
      needsExisting: 'tbyt detail files carry no notice name',
    },
  ];
}

/** Awarded items and the decision they name (the first one given; others are reported). */
function itemsOf(records: Rec[], known: ReadonlyMap<string, OrgRef>, result: KqlcntFacts): void {
  const positions = new Map<string, number>();
  for (const r of records) {
    r.ignore('id');
    const name = text(r, 'name');
    const contractor = contractorOf(r, known);
    const lotNo = bidderLotNo(text(r, 'lotNo'));
    decision(r, result);
    if (!name) {
      r.note('name (item without a name, left out)');
      r.ignore(...Object.keys(r.obj));
      r.done();
      continue;
    }
    const key = `${contractor?.code ?? contractor?.name ?? ''}|${lotNo}`;
    const position = (positions.get(key) ?? 0) + 1;
    positions.set(key, position);
    const item: ResultItemFacts = {
      contractor,
      lotNo,
      position,
      name,
      model: text(r, 'model'),
      brand: text(r, 'brand'),
      year: text(r, 'manufactureYear'),
      origin: text(r, 'origin'),
      manufacturer: text(r, 'manufacturer'),
      configuration: text(r, 'specification'),
      unit: text(r, 'unit'),
      quantity: num(r, 'quantity'),
      unitPriceVnd: vnd(r, 'unitPrice'),
      amountVnd: vnd(r, 'amount'),
    };
    result.items!.push(item);
    r.done();
  }
}

/**
 * The contractor of an item: by `contractorCode` (named from the file's bidders, or the single
 * winner name), else the single name in `winnerNames`; null (reported) when it cannot be told.
 */
function contractorOf(r: Rec, known: ReadonlyMap<string, OrgRef>): OrgRef | null {
  const code = text(r, 'contractorCode')?.toLowerCase() ?? null;
  const winners = r.get('winnerNames');
  const single =
    Array.isArray(winners) && winners.length === 1 && typeof winners[0] === 'string' ? winners[0] : null;
  if (code && known.has(code)) return known.get(code)!;
  const name = single ? nfc(single) : null;
  if (name) return { code, name };
  r.note('winnerNames (item of several winners, contractor not known)');
  return null;
}

function decision(r: Rec, result: KqlcntFacts): void {
  const no = text(r, 'decisionNo');
  const date = time(r, 'decisionDate');
  const published = time(r, 'resultPublishedDate');
  if (no && result.decisionNo && no !== result.decisionNo) r.note('decisionNo (items of several decisions)');
  result.decisionNo ??= no;
  result.decisionDate ??= date;
  result.publishedAt ??= published;
}

/** Lots with planned prices (`requirements.items`, stage "invitation"). */
function lotsOf(req: Rec | null): LotFacts[] {
  if (!req) return [];
  req.ignore('total', 'summary', 'disclosure');
  const lots: LotFacts[] = [];
  for (const l of req.list('items')) {
    l.ignore('id', 'sourceStage');
    const lotNo = text(l, 'lotNo');
    if (lotNo) lots.push({ lotNo, name: text(l, 'name'), priceVnd: vnd(l, 'plannedPrice') });
    // quantity 0, unit '' and specification '' in every file seen: reported only when filled.
    if (l.obj.quantity === 0) l.ignore('quantity');
    l.done();
  }
  req.done();
  return lots;
}
