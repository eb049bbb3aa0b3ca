/**
 * Bidder rows of the community dataset tbyt-2026 (`bidders.json`, and `bidders` of each detail file;
 * the same rows): `{notifyNo, tenderName, contractorCode, taxCode, contractorName, status, lotNo,
 * lotName, bidPrice, finalPrice, winningPrice, reason, submittedAt, models}`.
 *
 * Mapping (derived from the data, ../shared/real-data/muasamcong/SOURCES.md §2):
 * - status `participating` → a bidder of the bid-opening record; `won` / `lost` → a bidder of the
 *   result (winner flag, reason, winning price). The dataset gives no result version: results are
 *   recorded as version `00`.
 * - `finalPrice` is the price per lot. `bidPrice` is the bidder's whole bid (for a bidder of several
 *   lots it equals the sum of its `finalPrice`s), so it is mapped as the lot's bid price only when the
 *   bidder has a single lot in the notice, and reported otherwise.
 * - `models` (model names of the offer, without item names) is not mapped: the detail files' `items`
 *   carry the models with the items.
 */
import type { OpeningBidderFacts, ResultBidderFacts } from '../../procurement/facts.ts';
import { isObject, Rec, type JsonObject, type Notes } from './fields.ts';
import { ShapeError, splitNotifyNo, type ParsedUnit } from './types.ts';
import { bidderLotNo, lotName, org, text, time, vnd, vndPositive } from './values.ts';

/** Opening and result bidders of one notice's rows. */
export interface TbytBidders {
  opening: OpeningBidderFacts[];
  results: ResultBidderFacts[];
}

/**
 * Maps the bidder rows of one notice. `path` names the rows in reports.
 * Rows with an unknown status are reported and left out.
 */
export function tbytBidders(rows: Rec[]): TbytBidders {
  const lotsPerBidder = new Map<string, number>();
  for (const r of rows) {
    const key = String(r.obj.contractorCode ?? r.obj.contractorName ?? '');
    lotsPerBidder.set(key, (lotsPerBidder.get(key) ?? 0) + 1);
  }
  const out: TbytBidders = { opening: [], results: [] };
  for (const r of rows) {
    r.ignore('id', 'notifyNo', 'tenderName', 'sourceUrl', 'models');
    const contractor = org(r, 'contractorCode', 'contractorName', 'taxCode');
    const status = text(r, 'status');
    const lotNo = bidderLotNo(text(r, 'lotNo'));
    const key = String(r.obj.contractorCode ?? r.obj.contractorName ?? '');
    const single = lotsPerBidder.get(key) === 1;
    if (!single) r.ignore('bidPrice');
    const common = {
      lotNo,
      lotName: lotName(r, 'lotName', lotNo),
      bidPriceVnd: single ? vnd(r, 'bidPrice') : null,
      finalPriceVnd: vndPositive(r, 'finalPrice'),
    };
    if (!single && r.obj.bidPrice) r.note('bidPrice (whole bid over several lots, not a lot price)');
    if (!contractor) {
      r.done();
      continue;
    }
    if (status === 'participating') {
      r.ignore('winningPrice', 'reason');
      out.opening.push({ contractor, ...common, submittedAt: time(r, 'submittedAt') });
    } else if (status === 'won' || status === 'lost') {
      r.ignore('submittedAt');
      out.results.push({
        contractor,
        ...common,
        isWinner: status === 'won',
        reason: text(r, 'reason'),
        winningPriceVnd: vndPositive(r, 'winningPrice'),
      });
    } else {
      r.note(`status="${status ?? ''}" (unknown bidder status, row left out)`);
      r.ignore(...Object.keys(r.obj));
    }
    r.done();
  }
  return out;
}

/**
 * `bidders.json` → one unit per notice (`bidders.json#IB…`), each saved in its own transaction. The
 * notice name (`tenderName`) lets a notice be created from these rows alone.
 * @throws ShapeError when `bidders` is not a list.
 */
export function parseTbytBidders(json: JsonObject, label: string, notes: Notes): ParsedUnit[] {
  const top = new Rec(json, 'tbyt-bidders', notes);
  top.ignore('fetchedAt');
  const all = top.get('bidders');
  if (!Array.isArray(all)) throw new ShapeError('tbyt bidders.json without a bidders list');
  top.done();
  const byNotice = new Map<string, Rec[]>();
  for (const row of all) {
    if (!isObject(row)) {
      notes.add('tbyt-bidders.bidders[] (not an object)');
      continue;
    }
    const { notifyNo } = splitNotifyNo(typeof row.notifyNo === 'string' ? row.notifyNo : null, 'bidder row');
    const list = byNotice.get(notifyNo) ?? [];
    list.push(new Rec(row, 'tbyt-bidders.bidders[]', notes));
    byNotice.set(notifyNo, list);
  }
  return [...byNotice].map(([notifyNo, rows]) => {
    const name = rows.map((r) => text(r, 'tenderName')).find((n) => n);
    const b = tbytBidders(rows);
    return {
      label: `${label}#${notifyNo}`,
      facts: {
        notifyNo,
        package: name ? { name } : null,
        opening: b.opening.length > 0 ? { bidders: b.opening } : null,
        results: b.results.length > 0 ? [{ version: '00', bidders: b.results }] : null,
      },
    };
  });
}
