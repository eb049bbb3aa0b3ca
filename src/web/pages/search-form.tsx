/**
 * The search form (GET `/tim-kiem`, works without JavaScript): words, the main filters and the order in
 * view; the other filters (procedure, domestic/international, online, closing within N days, agency,
 * place, price and date ranges) in a disclosure that is open when one of them is set. Every control has
 * a visible label; empty controls mean "any".
 */
import { FIELDS, METHODS, NOTICE_STATES, PROCEDURES } from '../../procurement/codes.ts';
import {
  MAX_CLOSING_DAYS,
  MAX_QUERY_LENGTH,
  SEARCH_SORTS,
  type SearchParams,
} from '../../procurement/queries/search-params.ts';
import type { LabelledValue } from '../api/schemas/common.ts';

function Select({
  id,
  label,
  options,
  value,
  anyLabel = 'Tất cả',
}: {
  id: string;
  label: string;
  options: readonly Pick<LabelledValue, 'value' | 'vi'>[];
  value: string;
  anyLabel?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={id}>
        <option value="" selected={value === ''}>
          {anyLabel}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.vi}
          </option>
        ))}
      </select>
    </div>
  );
}

function Input({
  id,
  label,
  value,
  type = 'text',
  hint,
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  type?: 'text' | 'number' | 'date';
  hint?: string;
  min?: number;
  max?: number;
  inputMode?: 'numeric' | 'text';
  pattern?: string;
  maxLength?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={type as 'text'}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const ADVANCED: (keyof SearchParams)[] = [
  'procedure',
  'domestic',
  'online',
  'closingWithin',
  'agency',
  'province',
  'ward',
  'priceMin',
  'priceMax',
  'publishedFrom',
  'publishedTo',
  'closingFrom',
  'closingTo',
];

/** The search form filled from `params`; `provinces` are the choices of the province select. */
export function SearchForm({
  params,
  provinces,
}: {
  params: SearchParams;
  provinces: { value: string; vi: string }[];
}) {
  const advancedOpen = ADVANCED.some((k) => str(params[k]) !== '');
  return (
    <form class="search-form" role="search" action="/tim-kiem" method="get">
      <div class="field wide">
        <label for="q">
          Từ khóa (tên gói thầu, số TBMT, số KHLCNT, chủ đầu tư, nhà thầu, mã số thuế, địa điểm)
        </label>
        <input id="q" name="q" type="search" value={str(params.q)} maxLength={MAX_QUERY_LENGTH} />
        <p class="hint">
          Không cần gõ dấu: “may bien ap” tìm được “Máy biến áp”. Gói thầu có đủ các từ mới được liệt kê; gói
          thầu có các từ đứng liền nhau được xếp trước. Số TBMT, số KHLCNT (PL…) và mã số thuế có thể gõ một
          phần đầu.
        </p>
      </div>
      <Select id="field" label="Lĩnh vực" options={FIELDS} value={str(params.field)} />
      <Select id="method" label="Hình thức lựa chọn nhà thầu" options={METHODS} value={str(params.method)} />
      <Select id="state" label="Trạng thái" options={NOTICE_STATES} value={str(params.state)} />
      <Select
        id="sort"
        label="Sắp xếp"
        options={SEARCH_SORTS}
        value={str(params.sort)}
        anyLabel="Tự động (phù hợp nhất khi có từ khóa)"
      />
      <details class="field wide" open={advancedOpen}>
        <summary>Bộ lọc khác (phương thức, địa điểm, đơn vị, giá, ngày)</summary>
        <div class="search-form">
          <Select id="procedure" label="Phương thức" options={PROCEDURES} value={str(params.procedure)} />
          <Select
            id="domestic"
            label="Trong nước / quốc tế"
            options={[
              { value: 'true', vi: 'Trong nước' },
              { value: 'false', vi: 'Quốc tế' },
            ]}
            value={str(params.domestic)}
          />
          <Select
            id="online"
            label="Đấu thầu qua mạng"
            options={[
              { value: 'true', vi: 'Qua mạng' },
              { value: 'false', vi: 'Không qua mạng' },
            ]}
            value={str(params.online)}
          />
          <Input
            id="closingWithin"
            label="Đóng thầu trong vòng (ngày)"
            type="number"
            min={1}
            max={MAX_CLOSING_DAYS}
            value={str(params.closingWithin)}
            hint="Chỉ gói thầu đang mời thầu, đóng thầu trong số ngày này."
          />
          <Input
            id="agency"
            label="Đơn vị (mã đơn vị hoặc mã số thuế)"
            value={str(params.agency)}
            maxLength={64}
            hint="Chủ đầu tư hoặc bên mời thầu, gồm cả các đơn vị trực thuộc."
          />
          <Select id="province" label="Tỉnh/thành phố" options={provinces} value={str(params.province)} />
          <Input
            id="ward"
            label="Mã phường/xã (5 chữ số)"
            value={str(params.ward)}
            inputMode="numeric"
            pattern="[0-9]{5}"
            maxLength={5}
          />
          <Input
            id="priceMin"
            label="Giá gói thầu từ (₫)"
            type="number"
            min={0}
            value={str(params.priceMin)}
          />
          <Input
            id="priceMax"
            label="Giá gói thầu đến (₫)"
            type="number"
            min={0}
            value={str(params.priceMax)}
          />
          <Input id="publishedFrom" label="Ngày đăng tải từ" type="date" value={str(params.publishedFrom)} />
          <Input id="publishedTo" label="Ngày đăng tải đến" type="date" value={str(params.publishedTo)} />
          <Input id="closingFrom" label="Ngày đóng thầu từ" type="date" value={str(params.closingFrom)} />
          <Input id="closingTo" label="Ngày đóng thầu đến" type="date" value={str(params.closingTo)} />
        </div>
      </details>
      <div class="field actions">
        <button type="submit">Tìm kiếm</button>
        <a href="/tim-kiem">Xóa bộ lọc</a>
      </div>
    </form>
  );
}
