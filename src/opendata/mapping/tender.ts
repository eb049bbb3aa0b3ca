/**
 * Releases of the tender stage of one notice (TBMT): the plan (KHLCNT → `planning`), each version
 * (00 → `tender`, 01… → `tenderAmendment`), each extension (gia hạn → `tenderUpdate`) and the
 * cancellation (hủy thầu → `tenderCancellation`). docs/ocds-mapping.md has the field table.
 */
import { NOTICE_TYPES, labelVi } from '../../procurement/codes.ts';
import { isOriginalVersion } from '../../procurement/queries/notify-no.ts';
import type { TbmtStory, VersionView } from '../../procurement/queries/story-types.ts';
import { categoriesOf, fieldLabel, methodDetails, ocdsMethodOf } from '../codes.ts';
import { orgRef, type DraftRelease, type PartyRole, type SkippedEvent } from './draft.ts';
import { biddingDocuments } from './documents.ts';
import { idPart, iso, vnd, type Obj } from './json.ts';

/** Related-process scheme of a contractor-selection plan number (PL…), see docs/ocds-mapping.md. */
export const PLAN_SCHEME = 'VN-KHLCNT';

/** `relatedProcesses` entry linking the plan (KHLCNT) the package belongs to. */
export function planLink(story: TbmtStory): Obj[] | null {
  const p = story.plan;
  if (!p) return null;
  return [
    { id: p.planNo, relationship: ['planning'], title: p.name, scheme: PLAN_SCHEME, identifier: p.planNo },
  ];
}

/** The `planning` release of the plan, or a skip when the plan has no publication or decision date. */
export function planningRelease(story: TbmtStory): DraftRelease | SkippedEvent | null {
  const p = story.plan;
  if (!p) return null;
  const key = `planning-${idPart(p.planNo)}`;
  const date = p.publishedAt ?? p.decisionDate;
  if (!date) return { key, reason: `plan ${p.planNo} has neither a publication nor a decision date` };
  const v = story.versions[0]!;
  const cats = categoriesOf(v.field);
  const roles: [NonNullable<TbmtStory['current']['investor']>, PartyRole][] = [];
  if (p.investor) roles.push([p.investor, 'buyer']);
  return {
    key,
    date,
    tag: ['planning'],
    roles,
    body: {
      buyer: orgRef(p.investor),
      planning: {
        rationale: p.name,
        budget: { id: p.planNo, project: p.projectName, description: v.funding },
        documents: p.decisionNo
          ? [
              {
                id: `${p.planNo}-decision`,
                documentType: 'procurementPlan',
                title: `Quyết định phê duyệt KHLCNT số ${p.decisionNo}`,
                datePublished: iso(p.publishedAt),
              },
            ]
          : null,
      },
      tender: {
        id: story.notifyNo,
        title: story.package?.name ?? v.name,
        description: story.package?.summary,
        status: 'planned',
        procurementMethod: ocdsMethodOf(v.method),
        procurementMethodDetails: methodDetails(v.method, v.procedure, v.contractType),
        mainProcurementCategory: cats?.main,
        additionalProcurementCategories: cats?.additional,
      },
      relatedProcesses: planLink(story),
    },
  };
}

/** Date of version `v`: its publication, else (for the original) the notice's first publication. */
function versionDate(story: TbmtStory, v: VersionView): Date | null {
  return v.publishedAt ?? (isOriginalVersion(v.version) ? story.firstPublishedAt : null);
}

/** The `tender` / `tenderAmendment` releases, one per version. */
export function versionReleases(story: TbmtStory): (DraftRelease | SkippedEvent)[] {
  const out: (DraftRelease | SkippedEvent)[] = [];
  let previousKey: string | null = null;
  story.versions.forEach((v, i) => {
    const key = `tender-${story.notifyNo}-${idPart(v.version)}`;
    const date = versionDate(story, v);
    if (!date) {
      out.push({ key, reason: `version ${v.version} of ${story.notifyNo} has no publication date` });
      return;
    }
    const amendment = i > 0 && !isOriginalVersion(v.version);
    const tender = tenderOf(story, v, date);
    if (amendment) {
      tender.amendments = [
        {
          id: `${story.notifyNo}-${v.version}`,
          date: iso(date),
          rationale: v.amendmentReason,
          description:
            v.changes.length > 0
              ? `Sửa đổi các mục (changed fields): ${v.changes.map((c) => c.field).join(', ')}`
              : null,
        },
      ];
    }
    const roles: DraftRelease['roles'] = [];
    if (v.investor) roles.push([v.investor, 'buyer']);
    if (v.procuringEntity) roles.push([v.procuringEntity, 'procuringEntity']);
    out.push({
      key,
      date,
      tag: [amendment ? 'tenderAmendment' : 'tender'],
      roles,
      body: {
        buyer: orgRef(v.investor),
        planning:
          v.estimateVnd !== null || v.funding
            ? { budget: { amount: vnd(v.estimateVnd), description: v.funding } }
            : null,
        tender,
        relatedProcesses: planLink(story),
      },
      ...(amendment && previousKey ? { amends: previousKey } : {}),
    });
    previousKey = key;
  });
  return out;
}

/** The `tender` object of version `v` (published at `date`). */
function tenderOf(story: TbmtStory, v: VersionView, date: Date): Obj {
  const cats = categoriesOf(v.field);
  const periodDays = v.contractPeriodUnit === 'D' ? v.contractPeriod : null;
  const periodText =
    v.contractPeriod !== null && periodDays === null
      ? `Thời gian thực hiện hợp đồng (contract period): ${v.contractPeriod} ${unitVi(v.contractPeriodUnit)}`
      : null;
  const noticeType = story.noticeType !== 'TBMT' ? labelVi(NOTICE_TYPES, story.noticeType) : null;
  const firstDate =
    story.firstPublishedAt ??
    (isOriginalVersion(story.versions[0]!.version) ? versionDate(story, story.versions[0]!) : null);
  return {
    id: story.notifyNo,
    title: v.name,
    description: [
      noticeType,
      story.package?.summary,
      fieldLabel(v.field) && `Lĩnh vực: ${fieldLabel(v.field)}`,
      periodText,
    ]
      .filter(Boolean)
      .join('\n'),
    status: 'active',
    procuringEntity: orgRef(v.procuringEntity),
    value: vnd(v.priceVnd),
    procurementMethod: ocdsMethodOf(v.method),
    procurementMethodDetails: methodDetails(v.method, v.procedure, v.contractType),
    mainProcurementCategory: cats?.main,
    additionalProcurementCategories: cats?.additional,
    submissionMethod:
      v.isInternet === true ? ['electronicSubmission'] : v.isInternet === false ? ['written'] : null,
    submissionMethodDetails: v.receiveLocation && `Nơi nhận hồ sơ dự thầu: ${v.receiveLocation}`,
    tenderPeriod: { startDate: iso(firstDate ?? date), endDate: iso(v.bidCloseAt) },
    contractPeriod: periodDays !== null ? { durationInDays: periodDays } : null,
    eligibilityCriteria: eligibility(v),
    bidOpening: {
      date: iso(v.bidOpenAt),
      description: v.openLocation && `Địa điểm mở thầu: ${v.openLocation}`,
    },
    documents: [
      ...(v.documentsDecisionNo || v.documentsDecisionFile
        ? [
            {
              id: `${story.notifyNo}-${v.version}-hsmt`,
              documentType: 'biddingDocuments',
              title: v.documentsDecisionFile ?? `Quyết định phê duyệt HSMT số ${v.documentsDecisionNo}`,
              description: [
                v.documentsDecisionNo && `Quyết định số ${v.documentsDecisionNo}`,
                v.documentsDecisionDate && `ngày ${iso(v.documentsDecisionDate)}`,
                v.documentsDecisionAgency && `của ${v.documentsDecisionAgency}`,
              ]
                .filter(Boolean)
                .join(' '),
              datePublished: iso(date),
            },
          ]
        : []),
      ...biddingDocuments(story, v),
    ],
    lots: v.lots.map((l) => ({ id: l.lotNo, title: l.name, value: vnd(l.priceVnd), status: 'active' })),
  };
}

function unitVi(unit: string | null): string {
  return unit === 'M' ? 'tháng' : unit === 'Y' ? 'năm' : unit === 'D' ? 'ngày' : (unit ?? '');
}

/** Conditions for bidders, in Vietnamese: domestic/international, bid validity, bid security. */
function eligibility(v: VersionView): string {
  return [
    v.isDomestic === true
      ? 'Đấu thầu trong nước (domestic)'
      : v.isDomestic === false
        ? 'Đấu thầu quốc tế (international)'
        : null,
    v.bidValidityDays !== null ? `Hiệu lực hồ sơ dự thầu: ${v.bidValidityDays} ngày` : null,
    v.bidSecurityVnd !== null
      ? `Bảo đảm dự thầu: ${v.bidSecurityVnd} VND${v.bidSecurityForm ? ` (${v.bidSecurityForm})` : ''}`
      : v.bidSecurityForm
        ? `Bảo đảm dự thầu: ${v.bidSecurityForm}`
        : null,
    v.feeVnd !== null && v.feeVnd > 0 ? `Phí hồ sơ mời thầu: ${v.feeVnd} VND` : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** One `tenderUpdate` release per extension of the closing/opening time. */
export function extensionReleases(story: TbmtStory): DraftRelease[] {
  return story.extensions.map((e) => {
    const stamp = iso(e.publishedAt)!.replace(/[-:]/g, '');
    const change = [
      e.newCloseAt && `đóng thầu ${iso(e.oldCloseAt) ?? '?'} → ${iso(e.newCloseAt)}`,
      e.newOpenAt && `mở thầu ${iso(e.oldOpenAt) ?? '?'} → ${iso(e.newOpenAt)}`,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      key: `extension-${story.notifyNo}-${stamp}`,
      date: e.publishedAt,
      tag: ['tenderUpdate'],
      roles: [],
      body: {
        tender: {
          id: story.notifyNo,
          tenderPeriod: { endDate: iso(e.newCloseAt) },
          bidOpening: { date: iso(e.newOpenAt) },
          amendments: [
            {
              id: `${story.notifyNo}-gia-han-${stamp}`,
              date: iso(e.publishedAt),
              rationale: e.reason,
              description: change ? `Gia hạn (extension): ${change}` : 'Gia hạn (extension)',
            },
          ],
        },
      },
    };
  });
}

/** The `tenderCancellation` release of a cancelled notice. */
export function cancellationRelease(story: TbmtStory): DraftRelease | SkippedEvent | null {
  const c = story.cancellation;
  if (!c) return null;
  const key = `cancellation-${story.notifyNo}`;
  const date = c.cancelledAt ?? c.decisionDate;
  if (!date) return { key, reason: `the cancellation of ${story.notifyNo} has no date` };
  return {
    key,
    date,
    tag: ['tenderCancellation'],
    roles: [],
    body: {
      tender: {
        id: story.notifyNo,
        status: 'cancelled',
        documents: [
          {
            id: `${story.notifyNo}-huy-thau`,
            documentType: 'cancellationDetails',
            title:
              c.decisionFile ??
              (c.decisionNo ? `Quyết định hủy thầu số ${c.decisionNo}` : 'Thông báo hủy thầu'),
            description: [
              c.reason && `Lý do hủy thầu: ${c.reason}`,
              c.decisionNo && `Quyết định số ${c.decisionNo}`,
              c.decisionDate && `ngày ${iso(c.decisionDate)}`,
              c.decisionAgency && `của ${c.decisionAgency}`,
            ]
              .filter(Boolean)
              .join('; '),
            datePublished: iso(date),
          },
        ],
      },
    },
  };
}
