/**
 * Who buys what in the demo: the fixed cast of plans that guarantees every field, method, procedure,
 * state and event appears whatever the seed (random plans from `templates.ts` are added after it).
 */
import type { Method, Procedure } from '../procurement/codes.ts';
import type { KindId } from './kinds.ts';

/** Where a package stands at the reference date. */
export type DemoState =
  'open' | 'closing' | 'closed' | 'opened' | 'awarded' | 'contracted' | 'cancelled_early' | 'cancelled_late';

/** Changes published after the first version. */
export type DemoEvent = 'amend_close' | 'amend_price' | 'extend';

export interface PackageSpec {
  kind: KindId;
  method: Method;
  procedure?: Procedure;
  /** Default true. */
  domestic?: boolean;
  /** Default: online unless international, two-stage or a method run outside the system. */
  online?: boolean;
  multiLot?: boolean;
  /** Default: drawn by method. */
  state?: DemoState;
  events?: readonly DemoEvent[];
}

export interface PlanSpec {
  /** Agency name as in `AGENCIES`. */
  agency: string;
  /** Project name; `{ward}`, `{year}`, `{next}`, `{n}` are filled in. */
  project: string;
  planType: 'TX' | 'DTPT';
  funding?: string;
  packages: readonly PackageSpec[];
}

/** The fixed cast (coverage of every field, method, procedure, state and event). */
export const CAST: readonly PlanSpec[] = [
  {
    agency:
      'Ban Quản lý dự án đầu tư xây dựng công trình cấp nước, thoát nước và môi trường thành phố Hà Nội',
    project: 'Xây dựng trạm xử lý nước thải tập trung khu vực {ward}',
    planType: 'DTPT',
    funding: 'Vốn vay ODA và vốn đối ứng ngân sách thành phố',
    packages: [
      {
        kind: 'epc_nuocthai',
        method: 'DTRR',
        procedure: '2_HTHS',
        domestic: false,
        state: 'opened',
        events: ['extend'],
      },
      { kind: 'tv_giamsat', method: 'DTRR', procedure: '1_HTHS', state: 'awarded' },
    ],
  },
  {
    agency: 'Sở Khoa học và Công nghệ Hà Nội',
    project: 'Xây dựng Trung tâm dữ liệu thành phố Hà Nội giai đoạn 1',
    planType: 'DTPT',
    packages: [
      { kind: 'epc_dulieu', method: 'DTRR', procedure: '2_MTHS', state: 'contracted' },
      { kind: 'tv_cntt', method: 'DTHC', procedure: '1_HTHS', state: 'contracted' },
    ],
  },
  {
    agency: 'Bệnh viện Thanh Nhàn',
    project: 'Mua sắm hóa chất, sinh phẩm, vật tư xét nghiệm năm {year}',
    planType: 'TX',
    packages: [{ kind: 'xetnghiem', method: 'DTRR', multiLot: true, state: 'contracted' }],
  },
  {
    agency: 'Bệnh viện Đa khoa Đức Giang',
    project: 'Đầu tư thiết bị chẩn đoán hình ảnh và thuê dịch vụ năm {year}',
    planType: 'DTPT',
    packages: [
      { kind: 'chandoan', method: 'DTRR', procedure: '1_HTHS', domestic: false, state: 'contracted' },
      { kind: 'vesinh', method: 'CHCT', state: 'awarded' },
    ],
  },
  {
    agency: 'Ban Quản lý dự án đầu tư xây dựng công trình dân dụng thành phố Hà Nội',
    project: 'Cải tạo, nâng cấp Trung tâm văn hóa - thể thao {ward}',
    planType: 'DTPT',
    packages: [
      { kind: 'tv_khaosat', method: 'CDT_RG', state: 'contracted' },
      { kind: 'xl_congtrinh', method: 'DTRR', state: 'open', events: ['amend_close'] },
      { kind: 'tv_giamsat', method: 'CDT', state: 'open' },
      { kind: 'baohiem', method: 'CHCT_RG', state: 'closing' },
    ],
  },
  {
    agency: 'Ủy ban nhân dân phường Hoàn Kiếm',
    project: 'Cải tạo hè, rãnh thoát nước các tuyến ngõ trên địa bàn {ward}',
    planType: 'DTPT',
    packages: [
      { kind: 'tv_thamtra', method: 'CDT_RG', state: 'awarded' },
      { kind: 'xl_nho', method: 'DTRR', state: 'cancelled_late' },
    ],
  },
  {
    agency: 'Ban Quản lý dự án đầu tư xây dựng công trình giao thông thành phố Hà Nội',
    project: 'Cải tạo, mở rộng tuyến đường trục trung tâm {ward}',
    planType: 'DTPT',
    packages: [
      { kind: 'tv_khaosat', method: 'CDT', state: 'awarded' },
      { kind: 'xl_duong', method: 'DTRR', procedure: '1_HTHS', state: 'cancelled_early' },
    ],
  },
  {
    agency: 'Ủy ban nhân dân xã Sóc Sơn',
    project: 'Duy trì vệ sinh môi trường, cây xanh trên địa bàn {ward} năm {next}',
    planType: 'TX',
    packages: [{ kind: 'cayxanh', method: 'DTRR', state: 'closing', events: ['extend'] }],
  },
  {
    agency: 'Bệnh viện Đa khoa Xanh Pôn',
    project: 'Mua sắm, bảo dưỡng trang thiết bị y tế năm {year}',
    planType: 'TX',
    packages: [
      { kind: 'baotri', method: 'TTH', state: 'awarded' },
      { kind: 'vtyt', method: 'CGTT_RG', state: 'awarded' },
      { kind: 'tbyt', method: 'DTRR', state: 'opened', events: ['amend_price'] },
    ],
  },
  {
    agency: 'Trường Trung học phổ thông Chu Văn An',
    project: 'Mua sắm trang thiết bị năm học {year}-{next}',
    planType: 'TX',
    packages: [
      { kind: 'vanphong', method: 'MSTT', state: 'contracted' },
      { kind: 'dayhoc', method: 'CHCT', state: 'awarded' },
    ],
  },
  {
    agency: 'Sở Giáo dục và Đào tạo Hà Nội',
    project: 'Mua sắm thiết bị dạy học tối thiểu cho các trường trung học phổ thông công lập năm {year}',
    planType: 'TX',
    packages: [{ kind: 'dayhoc', method: 'DTRR', state: 'open', events: ['extend'] }],
  },
  {
    agency: 'Sở Y tế Hà Nội',
    project: 'Ứng dụng công nghệ thông tin ngành y tế Hà Nội giai đoạn 2026 - 2030',
    planType: 'DTPT',
    packages: [
      { kind: 'tv_canhan', method: 'TVCN', state: 'contracted' },
      { kind: 'tv_cntt', method: 'DTRR', procedure: '1_HTHS', state: 'opened' },
    ],
  },
  {
    agency: 'Ủy ban nhân dân phường Cầu Giấy',
    project: 'Mua sắm trang thiết bị phục vụ chuyển đổi số năm {year}',
    planType: 'TX',
    packages: [
      { kind: 'vanphong', method: 'CGTT', state: 'awarded' },
      { kind: 'cntt', method: 'CHCT_RG', state: 'awarded' },
    ],
  },
  {
    agency: 'Bệnh viện Tim Hà Nội',
    project: 'Cải tạo hệ thống khí y tế trung tâm cơ sở 2',
    planType: 'DTPT',
    packages: [{ kind: 'ep_khiyte', method: 'DTHC', state: 'awarded' }],
  },
  {
    agency: 'Bệnh viện Đa khoa Hà Đông',
    project: 'Đầu tư thiết bị chẩn đoán hình ảnh năm {year}',
    planType: 'DTPT',
    packages: [{ kind: 'chandoan', method: 'DTRR', procedure: '1_HTHS', domestic: false, state: 'closed' }],
  },
  {
    agency: 'Ủy ban nhân dân xã Gia Lâm',
    project: 'Xây dựng Nhà văn hóa thôn Đình, {ward}',
    planType: 'DTPT',
    packages: [
      { kind: 'xl_nho', method: 'CHCT', state: 'open' },
      { kind: 'baohiem', method: 'CDT_RG', state: 'awarded' },
    ],
  },
];
