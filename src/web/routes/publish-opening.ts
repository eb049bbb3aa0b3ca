/**
 * The bid-opening record form (`/dang-tai/tbmt/{no}/mo-thau`) ↔ an `opening` payload: the opening
 * instant from a `datetime-local` input (read as Vietnam time) and one row per bidder (`o{i}_name`,
 * `o{i}_bidPriceVnd`…; empty rows skipped). Amounts may carry thousands separators
 * (`14.500.000.000`), the discount a decimal comma (`2,5`). Unreadable values are passed on as text so
 * validation names the field (`/bidders/1/bidPriceVnd` → "Nhà thầu dòng 2, Giá dự thầu").
 */
import { formToPayload, payloadToForm } from './publish-form.ts';

/** Bidder rows of the opening form. */
export const OPENING_ROWS = 6;

/** The columns of a bidder row, in form order. */
export const OPENING_BIDDER_FIELDS = [
  'name',
  'taxCode',
  'bidPriceVnd',
  'discountPercent',
  'finalPriceVnd',
  'bidSecurityVnd',
  'bidValidityDays',
] as const;

const AMOUNTS = new Set(['bidPriceVnd', 'finalPriceVnd', 'bidSecurityVnd', 'bidValidityDays']);

/** The opening form → an `opening` payload (without `notifyNo`, which comes from the URL). */
export function openingFormToPayload(form: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = formToPayload(form, ['openedAt']);
  const bidders: Record<string, unknown>[] = [];
  for (let i = 0; i < OPENING_ROWS; i++) {
    if (OPENING_BIDDER_FIELDS.every((f) => !(form[`b${i}_${f}`] ?? '').trim())) continue;
    const row: Record<string, unknown> = {};
    for (const f of OPENING_BIDDER_FIELDS) {
      const raw = (form[`b${i}_${f}`] ?? '').trim();
      if (raw === '') continue;
      if (AMOUNTS.has(f)) {
        const digits = raw.replace(/[.\s,_]/g, '');
        row[f] = /^\d+$/.test(digits) ? Number(digits) : raw;
      } else if (f === 'discountPercent') {
        const n = raw.replace(',', '.');
        row[f] = /^\d+(\.\d+)?$/.test(n) ? Number(n) : raw;
      } else row[f] = raw;
    }
    bidders.push(row);
  }
  out.bidders = bidders;
  return out;
}

/** An `opening` payload → the opening form's strings (for showing a draft again). */
export function openingPayloadToForm(payload: Record<string, unknown>): Record<string, string> {
  const out = payloadToForm(payload);
  const bidders = Array.isArray(payload.bidders) ? (payload.bidders as Record<string, unknown>[]) : [];
  bidders.slice(0, OPENING_ROWS).forEach((b, i) => {
    for (const f of OPENING_BIDDER_FIELDS)
      if (b?.[f] !== undefined && b[f] !== null) out[`b${i}_${f}`] = String(b[f]);
  });
  return out;
}
