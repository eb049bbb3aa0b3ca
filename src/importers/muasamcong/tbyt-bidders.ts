/**
 * Bidder rows of the community dataset tbyt-2026 (`bidders.json`, and `bidders` of each detail file;
 * the same rows): `{notifyNo, tenderName, contractorCode, taxCode, contractorName, status, lotNo,
 * lotName, bidPrice, finalPrice, winningPrice, reason, submittedAt, models}`.
 *
 * Mapping (derived from the data, ../shared/real-data/muasamcong/SOURCES.md §2):
 * - every row is a bid submitted for one lot, so every row is a bidder of the bid-opening record
 *   (prices, submission time). Once the result is published the scraper no longer says
 *   `participating` but `won` / `lost`: such a row is ALSO a bidder of the result (winner flag,
 *   reason, winning price). In the real data the rows of a notice are all `participating` (40
 *   notices) or all `won`/`lost` (13 notices), and the `won`/`lost` rows name exactly the notice's
 *   participants: without them in the opening, those 13 openings had only the tender's names, no
 *   prices. The dataset gives no result version: results are recorded as version `00`.
 * - prices: see `lotPrices()`.
 * - `models` (model names of the offer, without item names) is not mapped: the detail files' `items`
 *   carry the models with the items.
 */
import type { OpeningBidderFacts, ResultBidderFacts } from '../../procurement/facts.ts';
import { isObject, Rec, type JsonObject, type Notes } from './fields.ts';
import { ShapeError, splitNotifyNo, type ParsedFile, type ParsedUnit, type RejectedRow } from './types.ts';
import { bidderLotNo, lotName, org, text, time, vnd, vndPositive } from './values.ts';

/** Opening and result bidders of one notice's rows. */
export interface TbytBidders {
  opening: OpeningBidderFacts[];
  results: ResultBidderFacts[];
}

/**
 * Maps the bidder rows of one notice. Rows with an unknown status are reported and left out.
 */
export function tbytBidders(rows: Rec[]): TbytBidders {
  const byBidder = new Map<string, Rec[]>();
  for (const r of rows) {
    const key = bidderKey(r);
    byBidder.set(key, [...(byBidder.get(key) ?? []), r]);
  }
  const out: TbytBidders = { opening: [], results: [] };
  for (const r of rows) {
    r.ignore('id', 'notifyNo', 'tenderName', 'sourceUrl', 'models');
    const contractor = org(r, 'contractorCode', 'contractorName', 'taxCode');
    const status = text(r, 'status');
    const lotNo = bidderLotNo(text(r, 'lotNo'));
    const common = {
      lotNo,
      lotName: lotName(r, 'lotName', lotNo),
      ...lotPrices(r, byBidder.get(bidderKey(r))!),
    };
    if (!contractor) {
      r.done();
      continue;
    }
    if (status !== 'participating' && status !== 'won' && status !== 'lost') {
      r.note(`status="${status ?? ''}" (unknown bidder status, row left out)`);
      r.ignore(...Object.keys(r.obj));
      r.done();
      continue;
    }
    out.opening.push({ contractor, ...common, submittedAt: time(r, 'submittedAt') });
    if (status === 'participating') {
      r.ignore('winningPrice', 'reason');
    } else {
      out.results.push({
        contractor,
        ...common,
        isWinner: status === 'won',
        reason: text(r, 'reason'),
        winningPriceVnd: vndPositive(r, 'winningPrice'),
      });
    }
    r.done();
  }
  return out;
}

function bidderKey(r: Rec): string {
  return String(r.obj.contractorCode ?? r.obj.contractorName ?? '');
}

/**
 * The bid price of the row's lot, and its price after discount.
 *
 * The dataset gives one price per lot, `finalPrice`, and `bidPrice`, the bidder's bid. Checked on the
 * real file (228 bidder–notice pairs): for every bidder of a single lot (131) `bidPrice` equals
 * `finalPrice`; for 94 of the 97 bidders of several lots every row repeats the same `bidPrice`, the
 * SUM of the bidder's `finalPrice`s (the whole bid), and for the other 3 `bidPrice` equals each row's
 * `finalPrice`. No row shows a discount. Hence the rule:
 * - `bidPrice` equal to the row's `finalPrice`: it is the lot's bid price;
 * - a bidder with a single lot: `bidPrice` is the lot's bid price, `finalPrice` the price after
 *   discount (a difference would be the discount; none seen);
 * - a bidder with several lots whose `bidPrice` is the sum of its `finalPrice`s: `bidPrice` is the
 *   whole bid, not the lot's; the lot's bid price is its `finalPrice`, the only per-lot price the
 *   dataset gives (the whole bid is not stored: it is the sum of the lots);
 * - otherwise (several lots, `bidPrice` neither the lot's price nor the sum): the lot's bid price is
 *   not known and `bidPrice` is reported as unmapped.
 * `finalPrice` (0 meaning "not filled in") is always the lot's price after discount.
 */
function lotPrices(
  r: Rec,
  bidderRows: readonly Rec[],
): { bidPriceVnd: number | null; finalPriceVnd: number | null } {
  const final = vndPositive(r, 'finalPrice');
  const bid = vnd(r, 'bidPrice');
  if (bid === null || bid === final || bidderRows.length === 1)
    return { bidPriceVnd: bid, finalPriceVnd: final };
  const finals = bidderRows.map((x) => amount(x.obj.finalPrice));
  const sum = finals.every((f) => f !== null) ? finals.reduce<number>((a, f) => a + f!, 0) : null;
  if (final !== null && sum === bid) return { bidPriceVnd: final, finalPriceVnd: final };
  r.note('bidPrice (bidder of several lots: neither the lot price nor the sum over its lots)');
  return { bidPriceVnd: null, finalPriceVnd: final };
}

/** A positive amount as `vndPositive` reads it, without reporting (for sums over other rows). */
function amount(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  const rounded = Math.round(n);
  return Number.isSafeInteger(rounded) && rounded > 0 ? rounded : null;
}

/** What `parseTbytBidders` made of the file: one unit per notice, and the rows rejected. */
export interface TbytBidderFile {
  units: ParsedUnit[];
  rows: NonNullable<ParsedFile['rows']>;
}

/**
 * `bidders.json` → one unit per notice (`bidders.json#IB…`), each saved in its own transaction. The
 * notice name (`tenderName`) lets a notice be created from these rows alone. A row that cannot be
 * read (not an object, no notice number) is rejected alone with its JSON pointer
 * (`/bidders/17/notifyNo`); the others are kept.
 * @throws ShapeError when `bidders` is not a list.
 */
export function parseTbytBidders(json: JsonObject, label: string, notes: Notes): TbytBidderFile {
  const top = new Rec(json, 'tbyt-bidders', notes);
  top.ignore('fetchedAt');
  const all = top.get('bidders');
  if (!Array.isArray(all)) throw new ShapeError('tbyt bidders.json without a bidders list');
  top.done();
  const byNotice = new Map<string, Rec[]>();
  const rejected: RejectedRow[] = [];
  all.forEach((row: unknown, i) => {
    const pointer = `/bidders/${i}`;
    if (!isObject(row)) {
      rejected.push({ pointer, reason: 'not an object' });
      return;
    }
    try {
      const raw = typeof row.notifyNo === 'string' ? row.notifyNo : null;
      const { notifyNo } = splitNotifyNo(raw, 'bidder row');
      const list = byNotice.get(notifyNo) ?? [];
      list.push(new Rec(row, 'tbyt-bidders.bidders[]', notes));
      byNotice.set(notifyNo, list);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      rejected.push({ pointer: err.field ? `${pointer}/${err.field}` : pointer, reason: err.problem });
    }
  });
  const units = [...byNotice].map(([notifyNo, rows]): ParsedUnit => {
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
  return { units, rows: { total: all.length, rejected, what: 'bidder rows' } };
}
