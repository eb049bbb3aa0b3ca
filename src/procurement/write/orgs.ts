import crypto from 'node:crypto';
import type { OrgRef, Source } from '../facts.ts';
import { NATIONAL_ORG_CODE, TAX_CODE, taxCodeOfOrgCode } from '../identifiers.ts';
import { fold } from '../../text/fold.ts';
import { nfc } from '../../text/normalize.ts';
import type { Writer } from './writer.ts';

/**
 * Finds or creates the organisation a source names, and returns its id (null when `ref` has no name).
 *
 * Identity, in order: the national code (`vn…`, lower-cased; a value that does not look like one is
 * ignored); `vn` + the tax code; else an existing
 * organisation with the same folded name (demo organisations only for demo data, real ones only for
 * real data); else a local code `mb-` + a hash of the folded name, so the
 * same name always maps to the same organisation. The first name seen is kept (fill-only).
 */
export async function resolveOrg(
  w: Writer,
  ref: OrgRef | null | undefined,
  source: Source,
): Promise<number | null> {
  const name = nfc(ref?.name);
  if (!ref || !name) return null;
  const taxGiven = nfc(ref.taxCode)?.replace(/\s/g, '') ?? null;
  const taxFromRef = taxGiven && TAX_CODE.test(taxGiven) ? taxGiven : null;
  const codeGiven = nfc(ref.code)?.toLowerCase() ?? null;
  // A malformed code (spaces, markup, 5,000 characters…) is not an identity: fall back to the name.
  let code =
    (codeGiven && NATIONAL_ORG_CODE.test(codeGiven) ? codeGiven : null) ??
    (taxFromRef ? `vn${taxFromRef}` : null);
  const nameFolded = fold(name);
  let local = false;
  if (!code) {
    // Demo organisations are never matched to real data by name (and vice versa).
    const sameName = await w.tx
      .selectFrom('org')
      .select(['id'])
      .where('name_folded', '=', nameFolded)
      .where('source', source === 'demo' ? '=' : '<>', 'demo')
      .limit(2)
      .execute();
    if (sameName.length === 1) return sameName[0]!.id;
    code = `mb-${crypto.createHash('sha1').update(nameFolded).digest('hex').slice(0, 12)}`;
    local = true;
  }
  const taxCode = taxFromRef ?? taxCodeOfOrgCode(code);
  return w.upsert(
    'org',
    { code },
    {
      name,
      name_folded: nameFolded,
      name_en: nfc(ref.nameEn),
      tax_code: taxCode,
      code_is_local: local,
      source,
    },
  );
}
