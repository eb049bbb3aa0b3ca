/**
 * Reading a file and recognising what it holds from its CONTENT, never its name: a response of the
 * national system (search, TBMT detail, KQLCNT, bid-opening rows, bid-opening response), a file of the
 * community dataset tbyt-2026, or something that is not importable — a request body, an error
 * response, truncated or invalid JSON, an empty file, JSON of another shape — with the reason.
 */
import { hasContent, isObject, type JsonObject } from './fields.ts';
import type { FileKind } from './types.ts';

/** A file recognised as importable: its kind and parsed JSON. */
export interface Recognised {
  ok: true;
  kind: FileKind;
  json: unknown;
}

/** A file that cannot be imported, with the reason to report. */
export interface Rejected {
  ok: false;
  reason: string;
}

/** Members of a bid-opening (BBMT) response. */
const BID_OPEN_KEYS = [
  'bidNoContractorResponse',
  'bidoBidroundMngViewDTO',
  'bidSubmissionByContractorViewResponse',
];

/** Keys of the small request bodies a client sends to the portal's detail endpoints. */
const REQUEST_KEYS = new Set([
  'id',
  'notifyId',
  'notifyNo',
  'notifyVersion',
  'bidOpenId',
  'inputResultId',
  'bidId',
  'planNo',
  'type',
  'packType',
  'viewType',
  'processApply',
]);

/**
 * Parses the bytes of a file as JSON. Reasons: `empty file`, `not UTF-8 text`,
 * `truncated JSON at byte N (message)` when the parser ran out of input, `not JSON: message` otherwise.
 */
export function parseJsonBytes(bytes: Uint8Array): { ok: true; json: unknown } | Rejected {
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8 text' };
  }
  if (textValue.charCodeAt(0) === 0xfeff) textValue = textValue.slice(1);
  if (textValue.trim() === '') return { ok: false, reason: 'empty file' };
  try {
    return { ok: true, json: JSON.parse(textValue) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    const position = at ? Number(at[1]) : null;
    const end = textValue.trimEnd().length;
    if (/Unexpected end of JSON input/i.test(message) || (position !== null && position >= end)) {
      const byte = Buffer.byteLength(textValue.slice(0, position ?? textValue.length), 'utf8');
      return { ok: false, reason: `truncated JSON at byte ${byte} (${message})` };
    }
    const short = message.length > 120 ? `${message.slice(0, 117)}…` : message;
    return { ok: false, reason: `not JSON: ${short}` };
  }
}

/** Recognises the kind of a parsed JSON document, or says why it cannot be imported. */
export function recognise(json: unknown): Recognised | Rejected {
  const reject = (reason: string): Rejected => ({ ok: false, reason });
  const accept = (kind: FileKind): Recognised => ({ ok: true, kind, json });
  const notResponse = 'not a response of the national system';
  if (json === null) return reject(`${notResponse} (JSON null)`);
  if (typeof json !== 'object') return reject(`${notResponse} (a JSON ${typeof json})`);
  if (Array.isArray(json)) return recogniseArray(json, accept, reject);
  const o = json as JsonObject;
  const keys = Object.keys(o);
  if (typeof o.statusCode === 'number' && !isResponseObject(o)) {
    const message = typeof o.message === 'string' ? `: ${o.message}` : '';
    return reject(`error response from the national system: statusCode ${o.statusCode}${message}`);
  }
  if (isObject(o.page) && 'content' in o.page) return accept('search');
  if ('bidoNotifyContractorM' in o) return accept('tbmt');
  if ('bideContractorInputResultDTO' in o) return accept('kqlcnt');
  if (keys.length > 0 && keys.every((k) => BID_OPEN_KEYS.includes(k))) {
    return isObject(o.bidNoContractorResponse) && isObject(o.bidNoContractorResponse.bidNotification)
      ? accept('tbmt')
      : accept('bid-open');
  }
  if (Array.isArray(o.tenders)) return accept('tbyt-tenders');
  if ('schemaVersion' in o && Array.isArray(o.bidders) && 'requirements' in o) return accept('tbyt-detail');
  if (Array.isArray(o.bidders) && !('schemaVersion' in o)) return accept('tbyt-bidders');
  if (keys.length > 0 && keys.length <= 8 && keys.every((k) => REQUEST_KEYS.has(k))) {
    return reject(`${notResponse} (looks like a request body: {${keys.join(', ')}})`);
  }
  const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? ', …' : '');
  return reject(`unrecognised JSON shape (an object with ${keys.length ? `keys ${shown}` : 'no keys'})`);
}

function isResponseObject(o: JsonObject): boolean {
  return ['page', 'bidoNotifyContractorM', 'bideContractorInputResultDTO', 'tenders', 'bidders'].some((k) =>
    hasContent(o[k]),
  );
}

function recogniseArray(
  list: unknown[],
  accept: (kind: FileKind) => Recognised,
  reject: (reason: string) => Rejected,
): Recognised | Rejected {
  if (list.length === 0) return reject('unrecognised JSON shape (an empty array)');
  const objects = list.filter(isObject);
  if (objects.length !== list.length) return reject('unrecognised JSON shape (an array of non-objects)');
  if (objects.every((o) => Array.isArray(o.query) || 'pageSize' in o)) {
    return reject('not a response of the national system (looks like a search request body)');
  }
  const rows = objects.every((o) => 'contractorCode' in o && ('lotPrice' in o || 'lotFinalPrice' in o));
  if (rows && objects.every((o) => 'lotOpenId' in o)) return accept('lot-open-detail');
  if (rows && objects.every((o) => !('lotOpenId' in o))) return accept('lot-open');
  const keys = Object.keys(objects[0]!).slice(0, 6).join(', ');
  return reject(`unrecognised JSON shape (an array of objects with keys ${keys}…)`);
}
