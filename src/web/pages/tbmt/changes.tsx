/** How an amendment's changes read on the page: Vietnamese field labels and value formatting by kind. */
import { CONTRACT_TYPES, FIELDS, labelVi, METHODS, PROCEDURES } from '../../../procurement/codes.ts';
import type { ChangeValue, VersionChange } from '../../../procurement/queries/story-types.ts';
import { versionField } from '../../../procurement/queries/version-diff.ts';
import { formatNumber } from '../../format.ts';
import { Money, NOT_PUBLISHED, Time } from '../components.tsx';

/** Vietnamese label of each compared version field (keys of `VERSION_FIELDS`). */
export const VERSION_FIELD_LABELS: Record<string, string> = {
  name: 'Tên gói thầu',
  investor: 'Chủ đầu tư',
  procuringEntity: 'Bên mời thầu',
  field: 'Lĩnh vực',
  method: 'Hình thức lựa chọn nhà thầu',
  procedure: 'Phương thức',
  contractType: 'Loại hợp đồng',
  contractPeriod: 'Thời gian thực hiện hợp đồng',
  contractPeriodUnit: 'Đơn vị thời gian thực hiện hợp đồng',
  isDomestic: 'Trong nước / quốc tế',
  isInternet: 'Đấu thầu qua mạng',
  priceVnd: 'Giá gói thầu',
  estimateVnd: 'Dự toán',
  funding: 'Nguồn vốn',
  bidCloseAt: 'Thời điểm đóng thầu',
  bidOpenAt: 'Thời điểm mở thầu',
  bidValidityDays: 'Hiệu lực hồ sơ dự thầu (ngày)',
  bidSecurityVnd: 'Bảo đảm dự thầu',
  bidSecurityForm: 'Hình thức bảo đảm dự thầu',
  feeVnd: 'Chi phí hồ sơ mời thầu',
  issueLocation: 'Địa điểm phát hành hồ sơ mời thầu',
  receiveLocation: 'Địa điểm nhận hồ sơ dự thầu',
  openLocation: 'Địa điểm mở thầu',
  documentsDecisionNo: 'Số quyết định phê duyệt hồ sơ mời thầu',
  documentsDecisionDate: 'Ngày phê duyệt hồ sơ mời thầu',
  documentsDecisionAgency: 'Cơ quan phê duyệt hồ sơ mời thầu',
  locations: 'Địa điểm thực hiện',
  lots: 'Các phần (lô)',
};

const CODE_TABLES = { FIELDS, METHODS, PROCEDURES, CONTRACT_TYPES };

/** One value of a changed field, formatted by the field's kind. */
export function ChangeValueView({ field, value }: { field: string; value: ChangeValue }) {
  if (value === null || value === '') return <span class="muted">{NOT_PUBLISHED}</span>;
  const f = versionField(field);
  if (value instanceof Date) return <Time at={value} dateOnly={f?.kind === 'date'} />;
  if (typeof value === 'boolean') {
    if (field === 'isDomestic') return <>{value ? 'Trong nước' : 'Quốc tế'}</>;
    return <>{value ? 'Có' : 'Không'}</>;
  }
  if (typeof value === 'number')
    return f?.kind === 'money' ? <Money vnd={value} /> : <>{formatNumber(value)}</>;
  if (f?.kind === 'code' && f.codes) return <>{labelVi(CODE_TABLES[f.codes], value)}</>;
  return <>{value}</>;
}

/** The list of changes of a version: "label: before → after". */
export function ChangeList({ changes }: { changes: VersionChange[] }) {
  if (changes.length === 0) return <span class="muted">Không có trường nào thay đổi</span>;
  return (
    <ul class="changes">
      {changes.map((c) => (
        <li>
          <strong>{VERSION_FIELD_LABELS[c.field] ?? c.field}:</strong>{' '}
          <del>
            <span class="sr-only">giá trị cũ: </span>
            <ChangeValueView field={c.field} value={c.before} />
          </del>{' '}
          →{' '}
          <ins>
            <span class="sr-only">giá trị mới: </span>
            <ChangeValueView field={c.field} value={c.after} />
          </ins>
        </li>
      ))}
    </ul>
  );
}
