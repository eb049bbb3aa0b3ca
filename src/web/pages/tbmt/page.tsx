/**
 * `/tbmt/{notifyNo}`: the whole story of a package on one page, in the order of the procurement:
 * plan → notice and its versions → extensions → bid opening → result → contracts → cancellation.
 */
import { labelVi, METHODS } from '../../../procurement/codes.ts';
import type { TbmtStory } from '../../../procurement/queries/story-types.ts';
import type { PublicationCheck } from '../../../publishing/publish.ts';
import { Heading, Money, Org, StateBadge, Time } from '../components.tsx';
import { PublicationChecksSection } from '../publish-checks.tsx';
import { Layout, type PageContext } from '../layout.tsx';
import { ClarificationsSection } from './clarifications.tsx';
import { PlanSection, NoticeSection } from './notice.tsx';
import { CancellationSection, ExtensionsSection, OpeningSection } from './opening.tsx';
import { ContractsSection, ResultSection } from './result.tsx';

/** What the page of a demo notice says about it (the site-wide banner speaks of the portal). */
export const DEMO_NOTICE =
  'Gói thầu này là dữ liệu minh họa (demo) được tạo tự động để trình diễn, không phải thông báo mời thầu thật.';
/** The English gloss of `DEMO_NOTICE`. */
export const DEMO_NOTICE_EN =
  'This notice is demo data, generated to demonstrate the portal; it is not a real notice.';

/** The contents box: [anchor, label], the documents and clarifications only when the page has them. */
function sections(story: TbmtStory): [string, string][] {
  const out: ([string, string] | null)[] = [
    ['ke-hoach', 'Kế hoạch'],
    ['thong-bao', 'Thông báo mời thầu'],
    ['phien-ban', 'Phiên bản'],
    story.documents?.length ? ['ho-so-moi-thau', 'Hồ sơ mời thầu'] : null,
    ['gia-han', 'Gia hạn'],
    story.clarifications?.length ? ['lam-ro', 'Làm rõ hồ sơ mời thầu'] : null,
    ['mo-thau', 'Mở thầu'],
    ['ket-qua', 'Kết quả'],
    ['hop-dong', 'Hợp đồng'],
  ];
  return out.filter((e): e is [string, string] => e !== null);
}

/** The package page of `story`. */
export function TbmtPage({
  ctx,
  story,
  checks = [],
}: {
  ctx: PageContext;
  story: TbmtStory;
  /** Law-check findings recorded when the agency published on minhbach (flags, lateness). */
  checks?: PublicationCheck[];
}) {
  const v = story.current;
  const c = story.cancellation;
  return (
    <Layout ctx={ctx} title={`${story.notifyNo} — ${v.name}`}>
      {c ? (
        <div class="cancel-banner" role="note" aria-labelledby="huy-banner">
          <p id="huy-banner" class="banner-title">
            Gói thầu đã bị hủy <span lang="en">(Cancelled)</span>
          </p>
          <p>
            {c.decisionNo ? `Quyết định ${c.decisionNo}` : 'Quyết định hủy thầu'}
            {c.cancelledAt ? (
              <>
                , đăng lúc <Time at={c.cancelledAt} />
              </>
            ) : null}
            {c.reason ? `. Lý do: ${c.reason}` : ''} <a href="#huy-thau">Xem chi tiết</a>
          </p>
        </div>
      ) : null}
      {story.isDemo ? (
        <p class="demo-notice" role="note">
          <strong>Gói thầu minh họa.</strong> {DEMO_NOTICE}{' '}
          <span class="gloss" lang="en">
            {DEMO_NOTICE_EN}
          </span>
        </p>
      ) : null}
      <p class="kicker">
        <span class="code">{story.notifyNo}</span> <StateBadge state={story.state} />
      </p>
      <Heading level={1} vi={v.name} />
      <dl class="summary">
        <div>
          <dt>Chủ đầu tư</dt>
          <dd>
            <Org org={v.investor} />
          </dd>
        </div>
        <div>
          <dt>Giá gói thầu</dt>
          <dd>
            <Money vnd={v.priceVnd} />
          </dd>
        </div>
        <div>
          <dt>Hình thức</dt>
          <dd>{labelVi(METHODS, v.method) || '—'}</dd>
        </div>
        <div>
          <dt>Đóng thầu</dt>
          <dd>
            <Time at={story.bidCloseAt} />
          </dd>
        </div>
      </dl>
      <nav class="toc" aria-label="Trên trang này">
        <Heading level={2} vi="Trên trang này" en="On this page" />
        <ol>
          {sections(story).map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
          {c ? (
            <li>
              <a href="#huy-thau">Hủy thầu</a>
            </li>
          ) : null}
        </ol>
      </nav>
      <PublicationChecksSection checks={checks} />
      <PlanSection story={story} />
      <NoticeSection story={story} />
      <ExtensionsSection story={story} />
      <ClarificationsSection story={story} />
      <OpeningSection story={story} />
      <ResultSection story={story} />
      <ContractsSection story={story} />
      <CancellationSection story={story} />
      <p class="api-link">
        Dữ liệu máy đọc được (<span lang="en">machine-readable</span>):{' '}
        <a href={`/api/v1/tbmt/${encodeURIComponent(story.notifyNo)}`}>JSON</a>
      </p>
      {story.ocid ? (
        <p class="api-link">
          Dữ liệu mở (OCDS):{' '}
          <a href={`/api/ocds/records/${encodeURIComponent(story.ocid)}`}>
            <span class="code">{story.ocid}</span>
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
