/**
 * The publishing pages (Vietnamese, no JavaScript needed): the agency's drafts and publications
 * (`/dang-tai`), the notice form used for a new TBMT and for an amendment, with the field errors and the
 * law findings (with citations) next to the form, and the two deliberate buttons "Lưu bản nháp" and
 * "Đăng tải".
 */
import type { Finding } from '../../compliance/law/index.ts';
import type { PublishedPlanLine } from '../../plans/queries.ts';
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES } from '../../procurement/codes.ts';
import type { Draft } from '../../publishing/drafts.ts';
import { KIND_VI } from '../../publishing/schemas.ts';
import { LABELS, NOTICE_FIELDS } from '../routes/publish-form.ts';
import { CsrfField, ErrorSummary, Field, SelectField, type FormErrors } from './account-forms.tsx';
import { Heading, Time } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { FindingsList } from './publish-checks.tsx';
import { DateTimeField, RowsFieldset } from './publish-fields.tsx';
import { DraftDocumentsLink } from './publish-documents.tsx';
import { PublishedPlansSection } from './publish-plans-list.tsx';

const opts = (t: readonly { value: string; vi: string }[]) => t.map((c) => [c.value, c.vi] as const);
const SELECTS: Record<string, readonly (readonly [string, string])[]> = {
  field: opts(FIELDS),
  method: opts(METHODS),
  procedure: opts(PROCEDURES),
  contractType: opts(CONTRACT_TYPES),
  contractPeriodUnit: [
    ['D', 'Ngày'],
    ['M', 'Tháng'],
    ['Y', 'Năm'],
  ],
  isDomestic: [
    ['true', 'Trong nước'],
    ['false', 'Quốc tế'],
  ],
  isInternet: [
    ['true', 'Qua mạng'],
    ['false', 'Không qua mạng'],
  ],
};
const DATETIME = new Set(['bidCloseAt', 'bidOpenAt']);
const P = 'dt';

/** `/dang-tai`: the drafts and publications the signed-in person may see. */
export function PublishListPage({
  ctx,
  drafts,
  canWrite,
  plans = [],
}: {
  ctx: PageContext;
  drafts: Draft[];
  canWrite: boolean;
  /** Plans (KHLCNT) the agency published on minhbach, newest first. */
  plans?: PublishedPlanLine[];
}) {
  return (
    <Layout ctx={ctx} title="Đăng tải thông tin đấu thầu">
      <Heading level={1} vi="Đăng tải thông tin đấu thầu" en="Publishing" />
      {canWrite ? (
        <p>
          <a class="button" href="/dang-tai/tbmt/moi">
            Tạo thông báo mời thầu mới
          </a>{' '}
          <a href="/dang-tai/khlcnt">Đăng kế hoạch lựa chọn nhà thầu</a>
        </p>
      ) : null}
      {drafts.length === 0 ? (
        <p class="empty">Chưa có bản nháp hay thông tin đã đăng.</p>
      ) : (
        <div class="table-scroll" role="region" aria-label="Bản nháp và thông tin đã đăng" tabIndex={0}>
          <table class="list">
            <caption>Bản nháp và thông tin đã đăng, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Số</th>
                <th scope="col">Loại</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Cập nhật</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((d) => (
                <tr>
                  <th scope="row">
                    <a href={`/dang-tai/ban-nhap/${d.id}`}>#{d.id}</a>
                  </th>
                  <td>{KIND_VI[d.kind]}</td>
                  <td>{d.agencyCode}</td>
                  <td>{typeof d.payload.name === 'string' ? d.payload.name : (d.notifyNo ?? '')}</td>
                  <td>
                    {d.status === 'published' && d.notifyNo ? (
                      <>
                        Đã đăng: <a href={`/tbmt/${d.notifyNo}`}>{d.publishedRef}</a>
                        {canWrite && d.kind === 'tbmt' ? (
                          <>
                            {' '}
                            (<ChangeLinks no={d.notifyNo} />)
                          </>
                        ) : null}
                      </>
                    ) : (
                      'Bản nháp (chưa công khai)'
                    )}
                  </td>
                  <td>
                    <Time at={d.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PublishedPlansSection plans={plans} />
    </Layout>
  );
}

/** What the notice form shows. */
export interface NoticeFormView {
  ctx: PageContext;
  csrf: string;
  /** `tbmt` (new notice) or `amendment`. */
  kind: 'tbmt' | 'amendment';
  /** Where the form posts ("Lưu bản nháp"); the publish button posts to `publishAction`. */
  action: string;
  publishAction?: string;
  draft?: Draft;
  values: Record<string, string>;
  errors: FormErrors;
  findings: Finding[];
  /** Agencies the person may publish for ([code, name]); fixed for an amendment. */
  agencies: readonly (readonly [string, string])[];
  /** Plan packages without a notice (`PL…|packageNo`, label) for the TBMT's plan select. */
  planPackages?: readonly (readonly [string, string])[];
  /** Empty rows to add after "Thêm dòng" (lots or locations). */
  addRows?: { lots?: number; locations?: number };
  notice?: string;
}

/** The notice form (new TBMT or amendment), with errors and law findings next to it. */
export function NoticeFormPage(v: NoticeFormView) {
  const published = v.draft?.status === 'published';
  const title =
    v.kind === 'amendment'
      ? `Sửa đổi thông báo mời thầu ${v.values.notifyNo ?? ''}`
      : v.draft
        ? `Bản nháp thông báo mời thầu #${v.draft.id}`
        : 'Thông báo mời thầu mới';
  return (
    <Layout ctx={v.ctx} title={title}>
      <Heading level={1} vi={title} en={v.kind === 'amendment' ? 'Amendment' : 'Invitation to bid'} />
      {v.notice ? (
        <p class="demo-notice" role="status">
          {v.notice}
        </p>
      ) : null}
      {published ? (
        <p role="status">
          Đã đăng tải: <a href={`/tbmt/${v.draft!.notifyNo}`}>{v.draft!.publishedRef}</a>. Thông tin đã đăng
          không được sửa; hãy đăng sửa đổi.{' '}
          {v.draft!.notifyNo ? <ChangeLinks no={v.draft!.notifyNo} /> : null}
        </p>
      ) : (
        <p class="muted">
          Bản nháp chỉ người đăng tải của đơn vị nhìn thấy. Thông tin chỉ được công khai khi bấm “Đăng tải”.
        </p>
      )}
      <ErrorSummary errors={v.errors} idPrefix={P} />
      <FindingsList findings={v.findings} />
      <DraftDocumentsLink draft={v.draft} />
      <form method="post" action={v.action} novalidate>
        <CsrfField token={v.csrf} />
        {v.kind === 'amendment' ? (
          <>
            <input type="hidden" name="notifyNo" value={v.values.notifyNo} />
            <input type="hidden" name="agencyCode" value={v.values.agencyCode} />
            <Field
              idPrefix={P}
              name="reason"
              label="Lý do sửa đổi"
              value={v.values.reason}
              errors={v.errors}
              required
              maxLength={2000}
            />
          </>
        ) : v.draft ? null : (
          <SelectField
            idPrefix={P}
            name="agencyCode"
            label={LABELS.agencyCode}
            options={v.agencies}
            value={v.values.agencyCode}
            errors={v.errors}
          />
        )}
        {v.kind === 'tbmt' && !published ? (
          <SelectField
            idPrefix={P}
            name="planPackage"
            label={LABELS.planPackage}
            options={withCurrent(v.planPackages ?? [], v.values.planPackage)}
            value={v.values.planPackage}
            errors={v.errors}
            empty="— Không gắn với gói thầu trong KHLCNT —"
          />
        ) : null}
        {NOTICE_FIELDS.map((name) =>
          SELECTS[name] ? (
            <SelectField
              idPrefix={P}
              name={name}
              label={LABELS[name]}
              options={SELECTS[name]!}
              value={v.values[name]}
              errors={v.errors}
              empty="— Chọn —"
            />
          ) : DATETIME.has(name) ? (
            <DateTimeField name={name} value={v.values[name]} errors={v.errors} />
          ) : (
            <Field
              idPrefix={P}
              name={name}
              label={LABELS[name]}
              value={v.values[name]}
              errors={v.errors}
              maxLength={1000}
            />
          ),
        )}
        <RowsFieldset
          group="locations"
          values={v.values}
          errors={v.errors}
          extra={v.addRows?.locations}
          addButton={!published}
        />
        <RowsFieldset
          group="lots"
          values={v.values}
          errors={v.errors}
          extra={v.addRows?.lots}
          addButton={!published}
        />
        {published ? null : (
          <p class="actions">
            <button type="submit">Lưu bản nháp</button>{' '}
            {v.publishAction ? (
              <button type="submit" formaction={v.publishAction}>
                Đăng tải (công khai)
              </button>
            ) : null}
          </p>
        )}
      </form>
    </Layout>
  );
}

/** The select's options, keeping a chosen package that is no longer offered (e.g. now has a notice). */
function withCurrent(
  options: readonly (readonly [string, string])[],
  current: string | undefined,
): readonly (readonly [string, string])[] {
  if (!current || options.some(([v]) => v === current)) return options;
  return [...options, [current, current.replace('|', ' · gói ')] as const];
}

/** Links to the changes of published notice `no` (amendment, extension, … contract). */
export function ChangeLinks({ no }: { no: string }) {
  return (
    <>
      <a href={`/dang-tai/tbmt/${no}/sua-doi`}>Sửa đổi thông báo</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/gia-han`}>gia hạn</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/lam-ro`}>làm rõ hồ sơ mời thầu</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/huy`}>hủy thầu</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/mo-thau`}>biên bản mở thầu</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/ket-qua`}>kết quả</a>,{' '}
      <a href={`/dang-tai/tbmt/${no}/hop-dong`}>thông tin hợp đồng</a>
    </>
  );
}
