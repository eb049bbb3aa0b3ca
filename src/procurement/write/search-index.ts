import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/generated/db.ts';
import { searchWords } from '../../text/fold.ts';
import { taxCodeOfOrgCode } from '../identifiers.ts';

/**
 * Rebuilds the `tbmt_search` row of one notice from the stored records (a derived index, not a
 * publication, so it is overwritten rather than versioned and not audited).
 *
 * - `folded`: notice, plan and package numbers, name (every version), investor, procuring entity,
 *   bidders (names and codes), places — folded by `fold()`;
 * - `state`: cancelled > awarded (a result with a winner) > opened (a bid-opening record) > published;
 *   open vs closed is decided at query time from `bid_close_at`;
 * - `bid_close_at`: the latest extension's new closing time, else the current version's;
 * - filter columns of the current version (else of the package): field, method, procedure,
 *   domestic/international, online/offline, price; `agency_codes` (investor and procuring entity),
 *   `province_codes` and `ward_codes` of its locations (sorted, distinct).
 */
export async function refreshTbmtSearch(tx: Transaction<DB>, tbmtId: number): Promise<void> {
  const t = await tx
    .selectFrom('tbmt')
    .innerJoin('package', 'package.id', 'tbmt.package_id')
    .leftJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
    .select([
      'tbmt.notify_no',
      'tbmt.first_published_at',
      'tbmt.source',
      'package.bid_no',
      'package.name as package_name',
      'package.field as package_field',
      'package.method as package_method',
      'package.price_vnd as package_price',
      'package.procedure as package_procedure',
      'package.is_domestic as package_is_domestic',
      'package.is_internet as package_is_internet',
      'khlcnt.plan_no',
      'khlcnt.name as plan_name',
    ])
    .where('tbmt.id', '=', tbmtId)
    .executeTakeFirstOrThrow();
  const versions = await tx
    .selectFrom('tbmt_version as v')
    .leftJoin('org as inv', 'inv.id', 'v.investor_id')
    .leftJoin('org as pe', 'pe.id', 'v.procuring_entity_id')
    .select([
      'v.id',
      'v.version',
      'v.name',
      'v.field',
      'v.method',
      'v.procedure',
      'v.is_domestic',
      'v.is_internet',
      'v.price_vnd',
      'v.published_at',
      'v.bid_close_at',
      'inv.name as investor_name',
      'inv.code as investor_code',
      'pe.name as pe_name',
      'pe.code as pe_code',
    ])
    .where('v.tbmt_id', '=', tbmtId)
    .orderBy('v.version', 'desc')
    .execute();
  const current = versions[0];
  const locations = current
    ? await tx.selectFrom('tbmt_location').selectAll().where('tbmt_version_id', '=', current.id).execute()
    : [];
  const bidders = await sql<{ name: string; code: string }>`
    SELECT o.name, o.code FROM bid_opening bo
      JOIN bid_opening_bidder b ON b.bid_opening_id = bo.id JOIN org o ON o.id = b.contractor_id
     WHERE bo.tbmt_id = ${tbmtId}
    UNION
    SELECT o.name, o.code FROM kqlcnt k
      JOIN kqlcnt_bidder b ON b.kqlcnt_id = k.id JOIN org o ON o.id = b.contractor_id
     WHERE k.tbmt_id = ${tbmtId}`.execute(tx);
  const stage = await sql<{
    cancelled: boolean;
    awarded: boolean;
    opened: boolean;
    result_at: Date | null;
    ext_close: Date | null;
  }>`
    SELECT EXISTS (SELECT 1 FROM tbmt_cancellation WHERE tbmt_id = ${tbmtId}) AS cancelled,
           EXISTS (SELECT 1 FROM kqlcnt k JOIN kqlcnt_bidder b ON b.kqlcnt_id = k.id
                    WHERE k.tbmt_id = ${tbmtId} AND b.is_winner) AS awarded,
           EXISTS (SELECT 1 FROM bid_opening WHERE tbmt_id = ${tbmtId}) AS opened,
           (SELECT max(published_at) FROM kqlcnt WHERE tbmt_id = ${tbmtId}) AS result_at,
           (SELECT new_close_at FROM tbmt_extension WHERE tbmt_id = ${tbmtId} AND new_close_at IS NOT NULL
             ORDER BY published_at DESC LIMIT 1) AS ext_close`.execute(tx);
  const s = stage.rows[0]!;
  const state = s.cancelled ? 'cancelled' : s.awarded ? 'awarded' : s.opened ? 'opened' : 'published';

  const words = [
    t.notify_no,
    t.plan_no,
    t.bid_no,
    t.package_name,
    t.plan_name,
    ...versions.flatMap((v) => [
      v.name,
      v.investor_name,
      v.investor_code,
      taxCodeOfOrgCode(v.investor_code),
      v.pe_name,
      v.pe_code,
      taxCodeOfOrgCode(v.pe_code),
    ]),
    ...bidders.rows.flatMap((b) => [b.name, b.code, taxCodeOfOrgCode(b.code)]),
    ...locations.flatMap((l) => [l.province_name, l.district_name, l.ward_name]),
  ];
  // Stored as plain search words (letters and digits), split exactly as queries are split by
  // `searchWords`, so that `19/2026/HC` or `22.Tay` in a name is found by its parts.
  const folded = searchWords([...new Set(words.filter((w): w is string => !!w))].join(' ')).join(' ');
  const provinceCodes = sortedCodes(locations.map((l) => l.province_code));
  const wardCodes = sortedCodes(locations.map((l) => l.ward_code));
  const agencyCodes = sortedCodes([current?.investor_code, current?.pe_code]);
  const row = {
    tbmt_id: tbmtId,
    notify_no: t.notify_no,
    folded,
    state,
    field: current?.field ?? t.package_field,
    method: current?.method ?? t.package_method,
    procedure: current?.procedure ?? t.package_procedure,
    is_domestic: current?.is_domestic ?? t.package_is_domestic,
    is_internet: current?.is_internet ?? t.package_is_internet,
    province_codes: provinceCodes,
    ward_codes: wardCodes,
    agency_codes: agencyCodes,
    price_vnd: current?.price_vnd ?? t.package_price,
    published_at: t.first_published_at ?? versions.at(-1)?.published_at ?? null,
    bid_close_at: s.ext_close ?? current?.bid_close_at ?? null,
    result_published_at: s.result_at,
    is_demo: t.source === 'demo',
  };
  await tx
    .insertInto('tbmt_search')
    .values(row)
    .onConflict((oc) =>
      oc.column('tbmt_id').doUpdateSet(({ ref }) => ({
        notify_no: ref('excluded.notify_no'),
        folded: ref('excluded.folded'),
        state: ref('excluded.state'),
        field: ref('excluded.field'),
        method: ref('excluded.method'),
        procedure: ref('excluded.procedure'),
        is_domestic: ref('excluded.is_domestic'),
        is_internet: ref('excluded.is_internet'),
        province_codes: ref('excluded.province_codes'),
        ward_codes: ref('excluded.ward_codes'),
        agency_codes: ref('excluded.agency_codes'),
        price_vnd: ref('excluded.price_vnd'),
        published_at: ref('excluded.published_at'),
        bid_close_at: ref('excluded.bid_close_at'),
        result_published_at: ref('excluded.result_published_at'),
        is_demo: ref('excluded.is_demo'),
      })),
    )
    .execute();
}

/** The distinct non-empty codes of `codes`, sorted (stable array values for the index). */
function sortedCodes(codes: readonly (string | null | undefined)[]): string[] {
  return [...new Set(codes.filter((c): c is string => !!c))].sort();
}
