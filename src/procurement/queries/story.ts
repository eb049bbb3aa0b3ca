/**
 * `getTbmtStory`: everything published about one notice (TBMT) — plan (KHLCNT), every version with
 * what each amendment changed, extensions, bid opening, results (KQLCNT), contracts, cancellation.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { TbmtVersion } from '../../db/generated/db.ts';
import { loadOrgs, orgOf, type OrgMap } from './orgs.ts';
import { compareVersions, isOriginalVersion, parseNotifyNo } from './notify-no.ts';
import { deriveState, effectiveState } from './state.ts';
import { loadClarifications } from './story-clarifications.ts';
import { loadStoryDocuments } from './story-documents.ts';
import { loadRecords, recordOrgIds, type StoryRecords } from './story-records.ts';
import type {
  ExtensionView,
  LocationView,
  LotView,
  PlanView,
  TbmtStory,
  VersionView,
} from './story-types.ts';
import { diffVersions } from './version-diff.ts';

/**
 * The story of the notice `notifyNo` (with or without a `-NN` version suffix, any case), as of `now`
 * (used to tell `open` from `closed`). Returns `null` when the notice is unknown or has no version.
 * Times are UTC instants, money VND integers; lists are oldest first.
 */
export async function getTbmtStory(
  db: Kysely<DB>,
  notifyNo: string,
  now: Date = new Date(),
): Promise<TbmtStory | null> {
  const parsed = parseNotifyNo(notifyNo);
  if (!parsed) return null;
  const head = await db
    .selectFrom('tbmt')
    .innerJoin('package', 'package.id', 'tbmt.package_id')
    .leftJoin('khlcnt', 'khlcnt.id', 'package.khlcnt_id')
    .leftJoin('tbmt_search', 'tbmt_search.tbmt_id', 'tbmt.id')
    .leftJoin('ocds_process', 'ocds_process.package_id', 'package.id')
    .select((eb) => [
      // The package's line in its plan, 1-based in the order the plan page lists them (by id).
      eb
        .selectFrom('package as p2')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('p2.khlcnt_id', '=', 'package.khlcnt_id')
        .whereRef('p2.id', '<=', 'package.id')
        .as('plan_line'),
      'ocds_process.ocid',
    ])
    .select([
      'tbmt.id',
      'tbmt.notify_no',
      'tbmt.notice_type',
      'tbmt.source',
      'tbmt.first_published_at',
      'package.bid_no',
      'package.name as package_name',
      'package.selection_start',
      'package.selection_duration',
      'package.summary',
      'khlcnt.plan_no',
      'khlcnt.plan_version',
      'khlcnt.name as plan_name',
      'khlcnt.plan_type',
      'khlcnt.project_name',
      'khlcnt.investor_id as plan_investor_id',
      'khlcnt.decision_no as plan_decision_no',
      'khlcnt.decision_date as plan_decision_date',
      'khlcnt.published_at as plan_published_at',
      'tbmt_search.state as indexed_state',
      'tbmt_search.bid_close_at as indexed_close_at',
    ])
    .where('tbmt.notify_no', '=', parsed.notifyNo)
    .executeTakeFirst();
  if (!head) return null;

  const versionRows = (
    await db.selectFrom('tbmt_version').selectAll().where('tbmt_id', '=', head.id).execute()
  ).sort((a, b) => compareVersions(a.version, b.version));
  if (versionRows.length === 0) return null;
  const versionIds = versionRows.map((v) => v.id);
  const [locationRows, lotRows, records] = await Promise.all([
    db
      .selectFrom('tbmt_location')
      .selectAll()
      .where('tbmt_version_id', 'in', versionIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tbmt_lot')
      .selectAll()
      .where('tbmt_version_id', 'in', versionIds)
      .orderBy('lot_no')
      .execute(),
    loadRecords(db, head.id),
  ]);
  const orgs = await loadOrgs(db, [
    head.plan_investor_id,
    ...versionRows.flatMap((v) => [v.investor_id, v.procuring_entity_id]),
    ...recordOrgIds(records),
  ]);

  const versions = versionRows.map((row) =>
    versionView(
      row,
      orgs,
      locationRows.filter((l) => l.tbmt_version_id === row.id),
      lotRows.filter((l) => l.tbmt_version_id === row.id),
    ),
  );
  for (let i = 1; i < versions.length; i++)
    versions[i]!.changes = diffVersions(versions[i - 1]!, versions[i]!);
  const current = versions[versions.length - 1]!;
  const story = records.build(orgs);
  const times = timesInForce(current, story.extensions);

  const plan: PlanView | null =
    head.plan_no === null
      ? null
      : {
          planNo: head.plan_no,
          planVersion: head.plan_version,
          name: head.plan_name,
          planType: head.plan_type,
          projectName: head.project_name,
          investor: orgOf(orgs, head.plan_investor_id),
          decisionNo: head.plan_decision_no,
          decisionDate: head.plan_decision_date,
          publishedAt: head.plan_published_at,
        };

  return {
    notifyNo: head.notify_no,
    noticeType: head.notice_type,
    source: head.source,
    isDemo: head.source === 'demo',
    state: stateOf(head.indexed_state, head.indexed_close_at ?? times.bidCloseAt, records, now),
    // The first version stored is the first publication only when it is the original (00).
    firstPublishedAt:
      head.first_published_at ?? (isOriginalVersion(versions[0]!.version) ? versions[0]!.publishedAt : null),
    ...times,
    plan,
    package: {
      bidNo: head.bid_no,
      name: head.package_name,
      selectionStart: head.selection_start,
      selectionDuration: head.selection_duration,
      summary: head.summary,
      planLine: head.plan_no === null || head.plan_line === null ? null : Number(head.plan_line),
    },
    ocid: head.ocid,
    current,
    versions,
    ...story,
    clarifications: await loadClarifications(db, head.id),
    documents: await loadStoryDocuments(db, head.notify_no),
  };
}

/**
 * Closing and opening times in force: an extension published after the current version replaces
 * the version's times; an amendment published after the extension carries its own times.
 */
function timesInForce(
  current: VersionView,
  extensions: ExtensionView[],
): Pick<TbmtStory, 'bidCloseAt' | 'bidOpenAt'> {
  const since = current.publishedAt?.getTime() ?? -Infinity;
  const later = extensions.filter((e) => e.publishedAt.getTime() >= since);
  const closing = later.filter((e) => e.newCloseAt !== null).at(-1)?.newCloseAt;
  const opening = later.filter((e) => e.newOpenAt !== null).at(-1)?.newOpenAt;
  return { bidCloseAt: closing ?? current.bidCloseAt, bidOpenAt: opening ?? current.bidOpenAt };
}

function stateOf(
  indexed: string | null,
  closeAt: Date | null,
  records: StoryRecords,
  now: Date,
): TbmtStory['state'] {
  if (indexed !== null) return effectiveState(indexed, closeAt, now);
  return deriveState(
    {
      cancelled: records.cancellation !== null,
      hasResult: records.results.length > 0,
      hasOpening: records.opening !== null,
      bidCloseAt: closeAt,
    },
    now,
  );
}

type LocationRow = { province_code: string | null; province_name: string | null } & {
  district_name: string | null;
  ward_name: string | null;
};
type LotRow = { lot_no: string; name: string | null; price_vnd: number | null };

function versionView(
  v: Selectable<TbmtVersion>,
  orgs: OrgMap,
  locations: LocationRow[],
  lots: LotRow[],
): VersionView {
  return {
    version: v.version,
    publishedAt: v.published_at,
    name: v.name,
    investor: orgOf(orgs, v.investor_id),
    procuringEntity: orgOf(orgs, v.procuring_entity_id),
    field: v.field,
    method: v.method,
    procedure: v.procedure,
    contractType: v.contract_type,
    contractPeriod: v.contract_period,
    contractPeriodUnit: v.contract_period_unit,
    isDomestic: v.is_domestic,
    isInternet: v.is_internet,
    priceVnd: v.price_vnd,
    estimateVnd: v.estimate_vnd,
    funding: v.funding,
    bidCloseAt: v.bid_close_at,
    bidOpenAt: v.bid_open_at,
    bidValidityDays: v.bid_validity_days,
    bidSecurityVnd: v.bid_security_vnd,
    bidSecurityForm: v.bid_security_form,
    feeType: v.fee_type,
    feeVnd: v.fee_vnd,
    issueLocation: v.issue_location,
    receiveLocation: v.receive_location,
    openLocation: v.open_location,
    documentsDecisionNo: v.documents_decision_no,
    documentsDecisionDate: v.documents_decision_date,
    documentsDecisionAgency: v.documents_decision_agency,
    documentsDecisionFile: v.documents_decision_file,
    amendmentReason: v.amendment_reason,
    statusCodeSrc: v.status_code_src,
    locations: locations.map((l): LocationView => ({
      provinceCode: l.province_code,
      provinceName: l.province_name,
      districtName: l.district_name,
      wardName: l.ward_name,
    })),
    lots: lots.map((l): LotView => ({ lotNo: l.lot_no, name: l.name, priceVnd: l.price_vnd })),
    changes: [],
  };
}
