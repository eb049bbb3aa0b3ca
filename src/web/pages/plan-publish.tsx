/**
 * The publisher's page for plans (KHLCNT), `/dang-tai/khlcnt`: the Excel template and its upload (with
 * every cell error in a table, or a preview and a confirmation form), and a web form for a plan of up
 * to `FORM_PACKAGES` packages. Works without JavaScript.
 */
import { CONTRACT_TYPES, FIELDS, METHODS, PROCEDURES, type CodeEntry } from '../../procurement/codes.ts';
import type { CellError } from '../../plans/excel-parse.ts';
import { PLAN_ROWS } from '../../plans/excel-layout.ts';
import type { PlanError, PlanInput } from '../../plans/input.ts';
import { CsrfField } from './account-forms.tsx';
import { Facts, Heading } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { PackagesTable } from './plan.tsx';

/** Package rows offered by the web form (more packages: use the Excel template or the API). */
export const FORM_PACKAGES = 5;

/** State of the page after an action. */
export interface PlanPublishState {
  /** The upload's file-level problem (not .xlsx, corrupt, too large). */
  fileError?: string;
  cellErrors?: CellError[];
  /** A valid upload, waiting for confirmation; `payload` is its JSON. */
  preview?: { plan: PlanInput; payload: string };
  /** Errors of the web form or of the confirmation (field paths). */
  formErrors?: PlanError[];
  /** Values typed into the web form, to show them again. */
  values?: Record<string, string>;
}

const PACKAGE_FIELDS: {
  key: string;
  label: string;
  list?: readonly CodeEntry[];
  choices?: [string, string][];
}[] = [
  { key: 'bidNo', label: 'Số gói thầu (BP…, nếu có)' },
  { key: 'name', label: 'Tên gói thầu' },
  { key: 'field', label: 'Lĩnh vực', list: FIELDS },
  { key: 'method', label: 'Hình thức lựa chọn nhà thầu', list: METHODS },
  { key: 'procedure', label: 'Phương thức', list: PROCEDURES },
  { key: 'contractType', label: 'Loại hợp đồng', list: CONTRACT_TYPES },
  { key: 'priceVnd', label: 'Giá gói thầu (VND)' },
  { key: 'funding', label: 'Nguồn vốn' },
  {
    key: 'isDomestic',
    label: 'Trong nước / quốc tế',
    choices: [
      ['true', 'Trong nước'],
      ['false', 'Quốc tế'],
    ],
  },
  {
    key: 'isInternet',
    label: 'Qua mạng',
    choices: [
      ['true', 'Qua mạng'],
      ['false', 'Không qua mạng'],
    ],
  },
  { key: 'selectionStart', label: 'Bắt đầu tổ chức LCNT (Quý 2/2026 hoặc Tháng 5/2026)' },
  { key: 'contractPeriod', label: 'Thời gian thực hiện hợp đồng' },
  {
    key: 'contractPeriodUnit',
    label: 'Đơn vị',
    choices: [
      ['D', 'ngày'],
      ['M', 'tháng'],
      ['Y', 'năm'],
    ],
  },
];

/** Human label of a field path, e.g. `/packages/1/priceVnd` → `Gói thầu 2 — Giá gói thầu (VND)`. */
export function pathLabel(path: string): string {
  const m = /^\/packages\/(\d+)(?:\/(\w+))?$/.exec(path);
  if (m) {
    const f = PACKAGE_FIELDS.find((x) => x.key === m[2]);
    return `Gói thầu ${Number(m[1]) + 1}${f ? ` — ${f.label}` : ''}`;
  }
  if (path === '/packages') return 'Gói thầu';
  return PLAN_ROWS.find((r) => `/${r.key}` === path)?.label ?? (path || 'Dữ liệu');
}

function ErrorTable({ errors }: { errors: PlanError[] }) {
  return (
    <div role="alert">
      <p>
        <strong>Có {errors.length} lỗi, chưa đăng tải gì.</strong>{' '}
        <span class="gloss" lang="en">
          Nothing was published.
        </span>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Trường</th>
            <th scope="col">Lỗi</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr>
              <td>{pathLabel(e.path)}</td>
              <td>{e.messageVi}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CellErrorTable({ errors }: { errors: CellError[] }) {
  return (
    <div role="alert">
      <p>
        <strong>Tệp có {errors.length} lỗi; chưa lưu gì. Sửa các ô dưới đây rồi tải lên lại.</strong>{' '}
        <span class="gloss" lang="en">
          The file has errors; nothing was saved.
        </span>
      </p>
      <table class="cell-errors">
        <thead>
          <tr>
            <th scope="col">Trang</th>
            <th scope="col">Ô</th>
            <th scope="col">Cột / dòng</th>
            <th scope="col">Lỗi</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr>
              <td>{e.sheet}</td>
              <td>
                <code>{e.cell}</code>
              </td>
              <td>{e.header}</td>
              <td>{e.messageVi}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ plan, payload, csrf }: { plan: PlanInput; payload: string; csrf: string }) {
  return (
    <section aria-labelledby="xem-truoc">
      <Heading id="xem-truoc" vi="Xem trước: tệp hợp lệ" en="Preview: the file is valid" />
      <Facts
        rows={[
          [
            'Số KHLCNT',
            plan.planNo ? `${plan.planNo} (phiên bản ${plan.version})` : 'minhbach sẽ cấp số khi đăng tải',
          ],
          ['Tên kế hoạch', plan.name],
          ['Dự án / dự toán mua sắm', plan.projectName],
          ['Mã chủ đầu tư', plan.investorCode],
          [
            'Quyết định phê duyệt',
            `${plan.decisionNo}, ngày ${plan.decisionDate.split('-').reverse().join('/')}, ${plan.decisionAgency}`,
          ],
        ]}
      />
      <PackagesTable packages={plan.packages.map((p, i) => ({ ...p, id: i, notices: [] }))} />
      <form method="post" action="/dang-tai/khlcnt/xac-nhan">
        <CsrfField token={csrf} />
        <input type="hidden" name="payload" value={payload} />
        <p>Đăng tải là công khai và không sửa được; muốn điều chỉnh phải đăng tải phiên bản mới.</p>
        <button type="submit">Xác nhận đăng tải KHLCNT</button>
      </form>
    </section>
  );
}

function Input({ name, label, values }: { name: string; label: string; values: Record<string, string> }) {
  return (
    <p>
      <label for={`f-${name}`}>{label}</label>
      <br />
      <input id={`f-${name}`} name={name} value={values[name] ?? ''} />
    </p>
  );
}

function PackageFields({ i, values }: { i: number; values: Record<string, string> }) {
  return (
    <fieldset>
      <legend>Gói thầu {i + 1}</legend>
      {PACKAGE_FIELDS.map((f) => {
        const name = `p${i}.${f.key}`;
        const options: [string, string][] = f.list ? f.list.map((e) => [e.value, e.vi]) : (f.choices ?? []);
        if (options.length === 0) return <Input name={name} label={f.label} values={values} />;
        return (
          <p>
            <label for={`f-${name}`}>{f.label}</label>
            <br />
            <select id={`f-${name}`} name={name}>
              <option value="">—</option>
              {options.map(([v, l]) => (
                <option value={v} selected={values[name] === v}>
                  {l}
                </option>
              ))}
            </select>
          </p>
        );
      })}
    </fieldset>
  );
}

/** The whole publisher page. */
export function PlanPublishPage({
  ctx,
  csrf,
  state,
}: {
  ctx: PageContext;
  csrf: string;
  state: PlanPublishState;
}) {
  const values = state.values ?? {};
  return (
    <Layout ctx={ctx} title="Đăng tải KHLCNT">
      <Heading level={1} vi="Đăng tải kế hoạch lựa chọn nhà thầu" en="Publish a procurement plan (KHLCNT)" />
      <p>
        Hạn đăng tải: 5 ngày làm việc sau ngày phê duyệt (Luật Đấu thầu 22/2023, Điều 8.4). Đăng tải muộn vẫn
        được nhận và được ghi rõ số ngày làm việc muộn.
      </p>
      <section aria-labelledby="excel">
        <Heading id="excel" vi="Tải lên từ mẫu Excel" en="Upload the Excel template" />
        <p>
          <a href="/dang-tai/khlcnt/mau.xlsx" download>
            Tải mẫu Excel (mau-khlcnt.xlsx)
          </a>{' '}
          — điền rồi tải lên (.xlsx, tối đa 2 MB).
        </p>
        <form method="post" action="/dang-tai/khlcnt/tai-len" enctype="multipart/form-data">
          <CsrfField token={csrf} />
          <p>
            <label for="f-file">Tệp KHLCNT (.xlsx)</label>
            <br />
            <input
              id="f-file"
              type="file"
              name="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
            />
          </p>
          <button type="submit">Kiểm tra tệp</button>
        </form>
        {state.fileError ? (
          <p role="alert">
            <strong>{state.fileError}</strong>
          </p>
        ) : null}
        {state.cellErrors ? <CellErrorTable errors={state.cellErrors} /> : null}
        {state.preview ? (
          <Preview plan={state.preview.plan} payload={state.preview.payload} csrf={csrf} />
        ) : null}
      </section>
      <section aria-labelledby="bieu-mau">
        <Heading id="bieu-mau" vi="Hoặc nhập trên biểu mẫu" en="Or use the web form" />
        {state.formErrors ? <ErrorTable errors={state.formErrors} /> : null}
        <form method="post" action="/dang-tai/khlcnt">
          <CsrfField token={csrf} />
          <fieldset>
            <legend>Kế hoạch</legend>
            {PLAN_ROWS.map((r) => (
              <Input
                name={r.key}
                label={`${r.label}${r.key === 'decisionDate' ? ' (dd/mm/yyyy)' : ''}`}
                values={values}
              />
            ))}
          </fieldset>
          {Array.from({ length: FORM_PACKAGES }, (_, i) => (
            <PackageFields i={i} values={values} />
          ))}
          <p>Đăng tải là công khai và không sửa được; muốn điều chỉnh phải đăng tải phiên bản mới.</p>
          <button type="submit">Đăng tải KHLCNT</button>
        </form>
      </section>
    </Layout>
  );
}
