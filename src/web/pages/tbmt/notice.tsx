/** The plan (KHLCNT) and the notice (TBMT) sections of a package page: current fields and versions. */
import {
  CONTRACT_TYPES,
  FIELDS,
  labelVi,
  METHODS,
  NOTICE_TYPES,
  PROCEDURES,
} from '../../../procurement/codes.ts';
import { isOriginalVersion } from '../../../procurement/queries/notify-no.ts';
import type { TbmtStory, VersionView } from '../../../procurement/queries/story-types.ts';
import { formatDays, formatFlag, formatPeriod } from '../../format.ts';
import { Facts, Heading, Money, NOT_PUBLISHED, Org, Text, Time } from '../components.tsx';
import { ChangeList } from './changes.tsx';
import { DocumentsSection } from './documents.tsx';
import { planHref } from '../plan.tsx';

const PLAN_TYPES: Record<string, string> = { TX: 'Chi thường xuyên', DTPT: 'Đầu tư phát triển' };

/** Plan (kế hoạch lựa chọn nhà thầu) the package belongs to. */
export function PlanSection({ story }: { story: TbmtStory }) {
  const plan = story.plan;
  return (
    <section aria-labelledby="ke-hoach">
      <Heading id="ke-hoach" vi="Kế hoạch lựa chọn nhà thầu" en="Procurement plan (KHLCNT)" />
      {plan ? (
        <Facts
          rows={[
            [
              'Số kế hoạch',
              <a href={planHref(plan.planNo)}>
                <Text value={plan.planNo} />
              </a>,
            ],
            ['Tên kế hoạch', <Text value={plan.name} />],
            ['Dự án / dự toán mua sắm', <Text value={plan.projectName} />],
            ['Chủ đầu tư', <Org org={plan.investor} />],
            [
              'Loại kế hoạch',
              <Text value={plan.planType ? (PLAN_TYPES[plan.planType] ?? plan.planType) : null} />,
            ],
            ['Quyết định phê duyệt', <Text value={plan.decisionNo} />],
            ['Ngày phê duyệt', <Time at={plan.decisionDate} dateOnly />],
            ['Ngày đăng kế hoạch', <Time at={plan.publishedAt} />],
            ['Số gói thầu trong kế hoạch', <Text value={packageNoInPlan(story)} />],
          ]}
        />
      ) : (
        <p class="empty">Chưa có thông tin kế hoạch lựa chọn nhà thầu cho gói thầu này.</p>
      )}
    </section>
  );
}

/** The package's number in its plan: its national number `BP…`, else its line in the plan page (STT). */
function packageNoInPlan(story: TbmtStory): string | null {
  const p = story.package;
  if (p?.bidNo) return p.bidNo;
  return p?.planLine ? `${p.planLine} (số thứ tự trong kế hoạch)` : null;
}

/**
 * The bidding-documents fee: as published; for a notice published on minhbach without one, free —
 * documents issued online are free of charge (Thông tư 79/2025/TT-BTC, Điều 18.1).
 */
function feeText(story: TbmtStory) {
  const v = story.current;
  if (v.feeType === 'F' || v.feeVnd === 0) return 'Miễn phí';
  if (v.feeType === null && v.feeVnd === null)
    return story.source === 'minhbach' ? 'Miễn phí' : <Text value={null} />;
  return <Money vnd={v.feeVnd} />;
}

function Locations({ v }: { v: VersionView }) {
  if (v.locations.length === 0) return <span class="muted">{NOT_PUBLISHED}</span>;
  return (
    <ul class="plain">
      {v.locations.map((l) => (
        <li>{[l.wardName, l.districtName, l.provinceName].filter(Boolean).join(', ')}</li>
      ))}
    </ul>
  );
}

function Lots({ v }: { v: VersionView }) {
  if (v.lots.length === 0) return <>Không chia phần (lô)</>;
  return (
    <div class="table-scroll" role="region" aria-label="Các phần (lô) của gói thầu" tabindex={0}>
      <table class="inner">
        <caption class="sr-only">Các phần (lô) của gói thầu</caption>
        <thead>
          <tr>
            <th scope="col">Mã phần</th>
            <th scope="col">Tên phần</th>
            <th scope="col" class="num">
              Giá phần
            </th>
          </tr>
        </thead>
        <tbody>
          {v.lots.map((l) => (
            <tr>
              <th scope="row">{l.lotNo}</th>
              <td>
                <Text value={l.name} />
              </td>
              <td class="num">
                <Money vnd={l.priceVnd} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The notice: every field of the current version, then the table of versions with their changes. */
export function NoticeSection({ story }: { story: TbmtStory }) {
  const v = story.current;
  const extended = story.bidCloseAt?.getTime() !== v.bidCloseAt?.getTime();
  return (
    <section aria-labelledby="thong-bao">
      <Heading id="thong-bao" vi="Thông báo mời thầu" en="Invitation to bid (TBMT)" />
      <Heading level={3} vi={`Nội dung hiện hành (phiên bản ${v.version})`} en="Current version" />
      <Facts
        rows={[
          ['Số thông báo', `${story.notifyNo}-${v.version}`],
          ['Loại thông báo', labelVi(NOTICE_TYPES, story.noticeType)],
          ['Tên gói thầu', v.name],
          ['Chủ đầu tư', <Org org={v.investor} />],
          ['Bên mời thầu', <Org org={v.procuringEntity} />],
          ['Lĩnh vực', <Text value={labelVi(FIELDS, v.field)} />],
          ['Hình thức lựa chọn nhà thầu', <Text value={labelVi(METHODS, v.method)} />],
          ['Phương thức', <Text value={labelVi(PROCEDURES, v.procedure)} />],
          ['Loại hợp đồng', <Text value={labelVi(CONTRACT_TYPES, v.contractType)} />],
          [
            'Thời gian thực hiện hợp đồng',
            <Text value={formatPeriod(v.contractPeriod, v.contractPeriodUnit)} />,
          ],
          ['Trong nước / quốc tế', <Text value={formatFlag(v.isDomestic, 'Trong nước', 'Quốc tế')} />],
          ['Đấu thầu qua mạng', <Text value={formatFlag(v.isInternet, 'Có', 'Không')} />],
          ['Giá gói thầu', <Money vnd={v.priceVnd} />],
          ['Dự toán', <Money vnd={v.estimateVnd} />],
          ['Nguồn vốn', <Text value={v.funding} />],
          [
            'Thời điểm đóng thầu',
            <>
              <Time at={story.bidCloseAt} />
              {extended ? (
                <>
                  {' '}
                  (đã gia hạn từ <Time at={v.bidCloseAt} />, <a href="#gia-han">xem gia hạn</a>)
                </>
              ) : null}
            </>,
          ],
          ['Thời điểm mở thầu', <Time at={story.bidOpenAt} />],
          [
            'Bảo đảm dự thầu',
            <>
              <Money vnd={v.bidSecurityVnd} />
              {v.bidSecurityForm ? ` (${v.bidSecurityForm})` : ''}
            </>,
          ],
          ['Hiệu lực hồ sơ dự thầu', <Text value={formatDays(v.bidValidityDays)} />],
          ['Chi phí hồ sơ mời thầu', feeText(story)],
          ['Địa điểm phát hành hồ sơ mời thầu', <Text value={v.issueLocation} />],
          ['Địa điểm nhận hồ sơ dự thầu', <Text value={v.receiveLocation} />],
          ['Địa điểm mở thầu', <Text value={v.openLocation} />],
          ['Địa điểm thực hiện gói thầu', <Locations v={v} />],
          ['Các phần (lô)', <Lots v={v} />],
          [
            'Quyết định phê duyệt hồ sơ mời thầu',
            <>
              <Text value={v.documentsDecisionNo} />
              {v.documentsDecisionDate ? (
                <>
                  {' '}
                  ngày <Time at={v.documentsDecisionDate} dateOnly />
                </>
              ) : null}
              {v.documentsDecisionAgency ? ` — ${v.documentsDecisionAgency}` : ''}
              {v.documentsDecisionFile ? ` (tệp: ${v.documentsDecisionFile})` : ''}
            </>,
          ],
          ['Đăng lần đầu', <Time at={story.firstPublishedAt} />],
          ['Đăng phiên bản này', <Time at={v.publishedAt} />],
        ]}
      />
      <VersionsTable story={story} />
      <DocumentsSection story={story} />
    </section>
  );
}

/** What the first row of the versions table says: the original, or the earliest version stored here. */
function firstVersionNote(version: string) {
  return isOriginalVersion(version) ? (
    'Đăng lần đầu'
  ) : (
    <>
      Phiên bản sớm nhất có trên minhbach; các phiên bản trước chưa được nhập nên không so sánh được.{' '}
      <span class="gloss" lang="en">
        Earliest version available here; earlier versions were not imported.
      </span>
    </>
  );
}

function VersionsTable({ story }: { story: TbmtStory }) {
  return (
    <>
      <Heading level={3} id="phien-ban" vi="Các phiên bản và nội dung sửa đổi" en="Versions and amendments" />
      <div class="table-scroll" role="region" aria-label="Các phiên bản của thông báo" tabindex={0}>
        <table class="list">
          <caption>Các phiên bản đã đăng của thông báo mời thầu, cũ nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Thời điểm đăng</th>
              <th scope="col">Nội dung thay đổi so với phiên bản trước</th>
              <th scope="col">Lý do sửa đổi</th>
            </tr>
          </thead>
          <tbody>
            {story.versions.map((ver, i) => (
              <tr>
                <th scope="row" class="nowrap">
                  {story.notifyNo}-{ver.version}
                  {ver === story.current ? ' (hiện hành)' : ''}
                </th>
                <td>
                  <Time at={ver.publishedAt} />
                </td>
                <td>{i === 0 ? firstVersionNote(ver.version) : <ChangeList changes={ver.changes} />}</td>
                <td>{i === 0 ? '' : <Text value={ver.amendmentReason} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
