import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/generated/db.ts';
import type { Source, TbmtFacts, TbmtVersionFacts } from './facts.ts';
import { NOTIFY_NO } from './identifiers.ts';
import { resolveOrg } from './write/orgs.ts';
import { publishAfterSave } from '../opendata/hook.ts';
import { refreshTbmtSearch } from './write/search-index.ts';
import { Writer, type SaveStats } from './write/writer.ts';
import {
  saveCancellation,
  saveContracts,
  saveExtensions,
  saveOpening,
  saveResults,
  saveVersions,
} from './write/parts.ts';

export { addStats, emptyStats, type SaveConflict, type SaveCounts, type SaveStats } from './write/writer.ts';

/** Facts that cannot be saved as given (e.g. a new notice without any name). Nothing is written. */
export class FactsError extends Error {
  constructor(
    message: string,
    /** JSON pointer into the facts object, e.g. `/versions/0/name`. */
    readonly pointer: string,
  ) {
    super(`${message} (at ${pointer})`);
    this.name = 'FactsError';
  }
}

/** Advisory lock key of procurement saves (any constant unique within minhbach). */
const SAVE_LOCK_KEY = 727002;

const VERSION = /^\d{2}$/;

export interface SaveOptions {
  /** Who writes, for the audit log: a user, `import:muasamcong`, `demo`, … */
  actor: string;
  source: Source;
}

/**
 * Saves what a source says about one notice (TBMT) — its plan, package, versions, extensions,
 * cancellation, bid opening, results and contracts — merging it into what is stored, then refreshes
 * the notice's search row. Must run inside the caller's transaction so the whole input is applied or
 * nothing is.
 *
 * Merging is fill-only per natural key (see `Writer`): saving the same facts twice changes nothing,
 * and a value that contradicts a stored one is kept out and listed in `stats.conflicts`.
 * Every row written is audited in the same transaction.
 *
 * @returns counts per table (created / updated / unchanged) and conflicts.
 * @throws FactsError for a malformed notice number or version, or a first save without a name.
 */
export async function saveTbmtFacts(
  tx: Transaction<DB>,
  facts: TbmtFacts,
  opts: SaveOptions,
): Promise<SaveStats> {
  check(facts);
  // Saves are serialised across processes (two imports at once, an import beside the portal on a
  // PostgreSQL server): each reads then writes by natural key, which is only safe one at a time.
  await sql`SELECT pg_advisory_xact_lock(${SAVE_LOCK_KEY})`.execute(tx);
  const w = new Writer(tx, opts.actor);
  const source = opts.source;

  let khlcntId: number | undefined;
  if (facts.khlcnt) {
    const k = facts.khlcnt;
    khlcntId = await w.upsert(
      'khlcnt',
      { plan_no: k.planNo },
      {
        plan_version: k.planVersion,
        name: k.name,
        plan_type: k.planType,
        project_name: k.projectName,
        investor_id: await resolveOrg(w, k.investor, source),
        decision_no: k.decisionNo,
        decision_date: k.decisionDate,
        published_at: k.publishedAt,
        source,
      },
    );
  }

  const existing = await w.find('tbmt', { notify_no: facts.notifyNo });
  const packageId = await savePackage(w, facts, existing?.package_id as number | undefined, khlcntId, source);
  const tbmtId = await w.upsert(
    'tbmt',
    { notify_no: facts.notifyNo },
    {
      package_id: packageId,
      notice_type: facts.noticeType ?? 'TBMT',
      first_published_at: facts.firstPublishedAt,
      source_id: facts.sourceId,
      source,
    },
  );

  await saveVersions(w, tbmtId, facts.versions ?? [], source);
  await saveExtensions(w, tbmtId, facts.extensions ?? [], source);
  await saveCancellation(w, tbmtId, facts.cancellation, source);
  await saveOpening(w, tbmtId, facts.opening, source);
  await saveResults(w, tbmtId, facts.results ?? [], source);
  await saveContracts(w, tbmtId, facts.contracts ?? [], source);
  // The search row is derived from the rows above: rebuild it only when this save wrote one of them
  // (or it is missing), so re-saving known facts writes nothing at all.
  const wrote = Object.values(w.stats.byEntity).some((c) => c.created + c.updated > 0);
  if (wrote || !(await w.find('tbmt_search', { tbmt_id: tbmtId }))) await refreshTbmtSearch(tx, tbmtId);
  await publishAfterSave(tx, { packageId, khlcntId, wrote, stats: w.stats, actor: opts.actor });
  return w.stats;
}

async function savePackage(
  w: Writer,
  facts: TbmtFacts,
  existingPackageId: number | undefined,
  khlcntId: number | undefined,
  source: Source,
): Promise<number> {
  const p = facts.package;
  const latest = latestVersion(facts.versions ?? []);
  const values = {
    bid_no: p?.bidNo,
    khlcnt_id: khlcntId,
    name: p?.name ?? latest?.name,
    field: p?.field ?? latest?.field,
    field_code_src: p?.fieldCodeSrc ?? latest?.fieldCodeSrc,
    method: p?.method ?? latest?.method,
    method_code_src: p?.methodCodeSrc ?? latest?.methodCodeSrc,
    procedure: p?.procedure ?? latest?.procedure,
    contract_type: p?.contractType ?? latest?.contractType,
    contract_period: p?.contractPeriod ?? latest?.contractPeriod,
    contract_period_unit: p?.contractPeriodUnit ?? latest?.contractPeriodUnit,
    price_vnd: p?.priceVnd ?? latest?.priceVnd,
    estimate_vnd: p?.estimateVnd ?? latest?.estimateVnd,
    price_detail: p?.priceDetail,
    funding: p?.funding ?? latest?.funding,
    is_domestic: p?.isDomestic ?? latest?.isDomestic,
    is_internet: p?.isInternet ?? latest?.isInternet,
    selection_start: p?.selectionStart,
    selection_duration: p?.selectionDuration,
    summary: p?.summary,
    source,
  };
  if (existingPackageId !== undefined) return w.upsert('package', { id: existingPackageId }, values);
  if (p?.id) return w.upsert('package', { id: p.id }, values);
  if (p?.bidNo) return w.upsert('package', { bid_no: p.bidNo }, values);
  if (!values.name) {
    throw new FactsError(
      `notice ${facts.notifyNo} is new but neither its package nor a version has a name`,
      '/package/name',
    );
  }
  return w.insert('package', values);
}

function latestVersion(versions: TbmtVersionFacts[]): TbmtVersionFacts | undefined {
  return [...versions].sort((a, b) => (a.version < b.version ? 1 : -1))[0];
}

function check(facts: TbmtFacts): void {
  if (!NOTIFY_NO.test(facts.notifyNo ?? '')) {
    throw new FactsError(`notice number "${facts.notifyNo}" is not IB + 10 digits`, '/notifyNo');
  }
  (facts.versions ?? []).forEach((v, i) => {
    if (!VERSION.test(v.version ?? ''))
      throw new FactsError(`version "${v.version}" is not two digits`, `/versions/${i}/version`);
    if (!v.name) throw new FactsError('a notice version needs a name', `/versions/${i}/name`);
  });
  (facts.results ?? []).forEach((r, i) => {
    if (!VERSION.test(r.version ?? ''))
      throw new FactsError(`result version "${r.version}" is not two digits`, `/results/${i}/version`);
  });
}
