/**
 * Tenders of the community dataset tbyt-2026 (`tenders.json`: `{tenders: [377], fetchedAt, source,
 * …}`, normalised by a community scraper from the national system's API) → one `TbmtFacts` per
 * tender, each saved in its own transaction (label `tenders.json#IB…`): one bad tender must not keep
 * 376 good ones out, and each notice is still applied whole or not at all.
 *
 * Assumptions, from the data (SOURCES.md §2):
 * - a tender describes the notice's current version without saying its number: it is recorded as
 *   version `00` (and its result as result `00`);
 * - `sourceUrl` is the portal's deep link; its query gives the plan number (`planNo`), the procedure
 *   (`bidMode`) and the online flag (`isInternet`);
 * - `location` joins places with "; " and, within a place, the ward and the province with ", ";
 *   `provCode` is a GSO code (post-2025 codes: 79, 01, 52…);
 * - `sourceStatus` `01`/`03` is the notice status (03 cancelled); `OPEN_BID` is a package status;
 * - `location` places in the same province are stored as one location whose ward names are joined
 *   with "; " (without ward codes, two places of one province would have the same key);
 * - winners, losers and participants are names without codes: they are summaries, left out when the
 *   same run or the database has coded bidders for the notice (bidders.json, detail files); otherwise
 *   a name finds the organisation already stored under that name (bidders.json is applied first);
 * - the field (lĩnh vực) is not given; it is inferred from the scraper's `category` through the
 *   explicit table `TBYT_CATEGORY_FIELDS` below, never guessed.
 *
 * A tender that cannot be read (no notice number, no name, not an object) is rejected alone, named
 * by its JSON pointer (`/tenders/5/notifyNo: "IB26" is not a notice number …`); the others import.
 */
import { fromSourceCode, METHODS, PROCEDURES } from '../../procurement/codes.ts';
import type {
  KqlcntFacts,
  LocationFacts,
  OpeningBidderFacts,
  ResultBidderFacts,
  TbmtFacts,
} from '../../procurement/facts.ts';
import { nfc } from '../../text/normalize.ts';
import { isObject, Notes, Rec, type JsonObject } from './fields.ts';
import { gsoProvinceCode } from './places.ts';
import { ShapeError, splitNotifyNo, type ParsedFile, type ParsedUnit, type RejectedRow } from './types.ts';
import { code, text, time, vndPositive } from './values.ts';

/** Scraper labels and derived values: not portal data, or repeated by mapped fields. */
const TENDER_IGNORED = [
  'id',
  'bidId',
  'bidOpenId',
  'stepCode',
  'status',
  'statusForNotify',
  'bidderCount',
  'hasResult',
  'loserNames',
  'winningModels',
  'losingModels',
  'losingModelDisclosure',
];

/**
 * The field of a tbyt tender, from the scraper's `category` — an explicit, documented inference, not
 * a code of the national system. By its SOURCES.md (§2) the dataset is the medical-equipment,
 * medical-supplies and chemicals tenders a community scraper collected with goods keywords, and both
 * categories it uses are goods in the sense of the Law on Bidding (hàng hóa: machines, equipment,
 * materials, supplies, chemicals, medical supplies). Every `category` of the real file was checked:
 * `Vật tư & hóa chất` (supplies & chemicals, 304 tenders) and `Thiết bị y tế` (medical equipment,
 * 73 tenders). The stored source code says where the field came from: `tbyt:category=<value>`.
 * A category not in this table gives no field and is reported as unmapped.
 */
export const TBYT_CATEGORY_FIELDS: Readonly<Record<string, string>> = {
  'Vật tư & hóa chất': 'HH',
  'Thiết bị y tế': 'HH',
};

/** What `parseTbytTenders` made of the file: one unit per tender read, and the rows rejected. */
export interface TbytTenders {
  units: ParsedUnit[];
  rows: NonNullable<ParsedFile['rows']>;
}

/**
 * Maps `tenders.json`: one unit per tender; a tender that cannot be read is rejected alone with its
 * JSON pointer, the others are kept.
 * @throws ShapeError when `tenders` is not a list.
 */
export function parseTbytTenders(json: JsonObject, label: string, notes: Notes): TbytTenders {
  const top = new Rec(json, 'tbyt-tenders', notes);
  top.ignore('fetchedAt', 'source', 'provinceCodes', 'detailTenderCount', 'collection');
  const list = top.get('tenders');
  if (!Array.isArray(list)) throw new ShapeError('tbyt tenders.json without a tenders list');
  top.done();
  const units: ParsedUnit[] = [];
  const rejected: RejectedRow[] = [];
  list.forEach((t: unknown, i) => {
    const pointer = `/tenders/${i}`;
    if (!isObject(t)) {
      rejected.push({ pointer, reason: 'not an object' });
      return;
    }
    // A rejected row must leave nothing in the report's unmapped fields: its notes are kept apart.
    const rowNotes = new Notes();
    try {
      const facts = tenderFacts(new Rec(t, 'tbyt-tenders.tenders[]', rowNotes));
      notes.merge(rowNotes);
      units.push({ label: `${label}#${facts.notifyNo}`, facts, summary: { results: true, opening: true } });
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      rejected.push({ pointer: err.field ? `${pointer}/${err.field}` : pointer, reason: err.problem });
    }
  });
  return { units, rows: { total: list.length, rejected, what: 'tenders' } };
}

function tenderFacts(t: Rec): TbmtFacts {
  t.ignore(...TENDER_IGNORED);
  const { notifyNo } = splitNotifyNo(text(t, 'notifyNo'), 'tender notifyNo');
  const name = text(t, 'name');
  if (!name) {
    throw new ShapeError(`tender ${notifyNo} without a name`, { field: 'name', problem: 'no notice name' });
  }
  const field = fieldOf(t);
  const link = linkQuery(text(t, 'sourceUrl'));
  const method = code(t, 'bidForm', METHODS);
  const bidMode = link.get('bidMode') || null;
  const procedure = fromSourceCode(PROCEDURES, bidMode);
  if (bidMode && !procedure) t.note(`sourceUrl.bidMode="${bidMode}" (unknown code)`);
  const status = text(t, 'sourceStatus');
  const investorName = text(t, 'investor');
  const facts: TbmtFacts = {
    notifyNo,
    sourceId: text(t, 'notifyId') ?? nfc(String(t.obj.id ?? '')),
    khlcnt: link.get('planNo') ? { planNo: link.get('planNo')! } : null,
    versions: [
      {
        version: '00',
        publishedAt: time(t, 'publicDate'),
        name,
        investor: investorName ? { name: investorName } : null,
        ...field,
        method: method.value,
        methodCodeSrc: method.src,
        procedure: procedure ?? bidMode,
        isInternet: link.get('isInternet') === '1' ? true : link.get('isInternet') === '0' ? false : null,
        priceVnd: vndPositive(t, 'price'),
        bidCloseAt: time(t, 'closeDate'),
        statusCodeSrc: status && /^\d{2}$/.test(status) ? status : null,
        locations: placesOf(t),
      },
    ],
  };
  if (status === '03') facts.cancellation = {};
  const result = resultOf(t);
  if (result) facts.results = [result];
  const participants = names(t, 'participantNames');
  if (participants.length > 0) {
    facts.opening = { bidders: participants.map((n): OpeningBidderFacts => ({ contractor: { name: n } })) };
  }
  t.done();
  return facts;
}

/** The result a tender summarises: winners and losers by name, decision and publication time. */
function resultOf(t: Rec): KqlcntFacts | null {
  const winners = names(t, 'winnerNames');
  const bidders: ResultBidderFacts[] = winners.map((n) => ({ contractor: { name: n }, isWinner: true }));
  const price = vndPositive(t, 'winningPrice');
  if (price !== null && winners.length === 1) bidders[0]!.winningPriceVnd = price;
  else if (price !== null) t.note('winningPrice (total over several winners)');
  for (const l of t.list('loserDetails')) {
    const name = text(l, 'contractorName');
    // A winner of one lot can lose another: without lot numbers only the win is recorded.
    if (name && winners.includes(name)) l.note('contractorName (also a winner: lot not given)');
    else if (name) bidders.push({ contractor: { name }, isWinner: false, reason: text(l, 'reason') });
    l.ignore('reason');
    l.done();
  }
  const decisionDate = time(t, 'decisionDate');
  const publishedAt = time(t, 'resultPublishedDate');
  if (bidders.length === 0 && !decisionDate && !publishedAt) {
    t.ignore('inputResultId');
    return null;
  }
  return { version: '00', decisionDate, publishedAt, sourceId: text(t, 'inputResultId'), bidders };
}

/** The field of the tender from `category` through `TBYT_CATEGORY_FIELDS` (unknown: reported). */
function fieldOf(t: Rec): { field: string | null; fieldCodeSrc: string | null } {
  const category = text(t, 'category');
  if (!category) return { field: null, fieldCodeSrc: null };
  const field = Object.hasOwn(TBYT_CATEGORY_FIELDS, category) ? TBYT_CATEGORY_FIELDS[category]! : null;
  if (!field) t.note(`category="${category}" (category not in TBYT_CATEGORY_FIELDS: no field)`);
  return { field, fieldCodeSrc: `tbyt:category=${category}` };
}

function names(t: Rec, key: string): string[] {
  const v = t.get(key);
  if (!Array.isArray(v)) return [];
  return [...new Set(v.map((n) => (typeof n === 'string' ? nfc(n) : null)).filter((n): n is string => !!n))];
}

/** Places of `location` ("Phường Kim Liên, Thành phố Hà Nội; …") with the GSO code of `provCode`. */
function placesOf(t: Rec): LocationFacts[] {
  const raw = text(t, 'provCode');
  const location = text(t, 'location');
  const byProvince = new Map<string, LocationFacts>();
  for (const place of (location ?? '').split(';')) {
    const parts = place.split(',').map((p) => nfc(p));
    if (!parts.some((p) => p)) continue;
    const named = parts.length > 1 || /^(Tỉnh|Thành phố)\s/.test(parts[0]!);
    const provinceName = named ? parts.at(-1)! : null;
    const ward = parts.length > 1 ? parts.slice(0, -1).join(', ') : named ? null : parts[0]!;
    const provinceCode = gsoProvinceCode(raw, provinceName);
    if (raw && !provinceCode) t.note(`provCode="${raw}" (not a GSO province code)`);
    const key = `${provinceCode}|${provinceName}`;
    const loc = byProvince.get(key);
    if (!loc) byProvince.set(key, { provinceCode, provinceName, wardName: ward });
    else if (ward) loc.wardName = loc.wardName ? `${loc.wardName}; ${ward}` : ward;
  }
  const out = [...byProvince.values()];
  if (out.length === 0 && raw) out.push({ provinceCode: gsoProvinceCode(raw, null) });
  return out;
}

function linkQuery(url: string | null): URLSearchParams {
  try {
    return url ? new URL(url).searchParams : new URLSearchParams();
  } catch {
    return new URLSearchParams();
  }
}
