/**
 * Templates of the plans the demo adds at random after the fixed cast: which agencies run them, the
 * project names and the package lines with the methods they may use (weighted).
 */
import type { Method } from '../procurement/codes.ts';
import type { KindId } from './kinds.ts';
import type { AgencyKind } from './names.ts';

/** A package line of a random plan: its kind and the methods it may use, with weights. */
export interface TemplateLine {
  kind: KindId;
  methods: readonly (readonly [Method, number])[];
  /** Probability the line is present (default 1). */
  p?: number;
}

export interface PlanTemplate {
  agencyKinds: readonly AgencyKind[];
  /** Restricts a template to agencies whose `abbr` is listed. */
  abbrs?: readonly string[];
  projects: readonly string[];
  planType: 'TX' | 'DTPT';
  lines: readonly TemplateLine[];
}

export const TEMPLATES: readonly PlanTemplate[] = [
  {
    agencyKinds: ['benhvien'],
    projects: ['Mua sắm trang thiết bị y tế năm {year}', 'Đầu tư bổ sung trang thiết bị y tế năm {year}'],
    planType: 'TX',
    lines: [
      {
        kind: 'tbyt',
        methods: [
          ['DTRR', 5],
          ['CHCT', 1],
        ],
      },
      {
        kind: 'vtyt',
        methods: [
          ['DTRR', 3],
          ['CGTT_RG', 2],
          ['CHCT', 1],
        ],
        p: 0.6,
      },
    ],
  },
  {
    agencyKinds: ['benhvien'],
    projects: ['Thuê dịch vụ phục vụ hoạt động chuyên môn năm {next}'],
    planType: 'TX',
    lines: [
      {
        kind: 'vesinh',
        methods: [
          ['DTRR', 3],
          ['CHCT', 2],
        ],
      },
      {
        kind: 'baove',
        methods: [
          ['CHCT', 2],
          ['DTRR', 1],
        ],
        p: 0.6,
      },
      {
        kind: 'baotri',
        methods: [
          ['CHCT', 2],
          ['TTH', 1],
          ['CHCT_RG', 1],
        ],
        p: 0.5,
      },
    ],
  },
  {
    agencyKinds: ['benhvien'],
    projects: ['Mua sắm hóa chất, vật tư xét nghiệm năm {next}'],
    planType: 'TX',
    lines: [{ kind: 'xetnghiem', methods: [['DTRR', 1]] }],
  },
  {
    agencyKinds: ['so'],
    projects: [
      'Nâng cấp hạ tầng công nghệ thông tin năm {year}',
      'Chuyển đổi số trong hoạt động quản lý năm {year}',
    ],
    planType: 'TX',
    lines: [
      {
        kind: 'cntt',
        methods: [
          ['DTRR', 3],
          ['CHCT', 2],
        ],
      },
      {
        kind: 'tv_cntt',
        methods: [
          ['DTRR', 1],
          ['DTHC', 1],
          ['CDT', 1],
        ],
        p: 0.7,
      },
    ],
  },
  {
    agencyKinds: ['so'],
    abbrs: ['SXD', 'SNNMT'],
    projects: ['Lập quy hoạch chi tiết khu vực {ward}', 'Lập đề án cải tạo hạ tầng đô thị {ward}'],
    planType: 'DTPT',
    lines: [
      {
        kind: 'tv_quyhoach',
        methods: [
          ['DTRR', 2],
          ['DTHC', 1],
        ],
      },
      { kind: 'tv_canhan', methods: [['TVCN', 1]], p: 0.5 },
    ],
  },
  {
    agencyKinds: ['ban'],
    abbrs: ['BQLDA-DD'],
    projects: [
      'Cải tạo, nâng cấp Trường Tiểu học {ward}',
      'Xây dựng Trung tâm văn hóa - thể thao {ward}',
      'Cải tạo, nâng cấp Trạm y tế {ward}',
    ],
    planType: 'DTPT',
    lines: [
      { kind: 'tv_khaosat', methods: [['CDT_RG', 1]] },
      { kind: 'tv_thamtra', methods: [['CDT_RG', 1]], p: 0.5 },
      { kind: 'xl_congtrinh', methods: [['DTRR', 1]] },
      {
        kind: 'tv_giamsat',
        methods: [
          ['CDT', 2],
          ['DTRR', 1],
        ],
      },
      {
        kind: 'baohiem',
        methods: [
          ['CDT_RG', 1],
          ['CHCT_RG', 1],
        ],
        p: 0.6,
      },
    ],
  },
  {
    agencyKinds: ['ban'],
    abbrs: ['BQLDA-GT', 'BQLDA-CTM'],
    projects: [
      'Cải tạo, mở rộng tuyến đường liên khu vực {ward}',
      'Cải tạo nút giao và tổ chức giao thông khu vực {ward}',
      'Cải tạo hệ thống thoát nước khu vực {ward}',
    ],
    planType: 'DTPT',
    lines: [
      {
        kind: 'tv_khaosat',
        methods: [
          ['CDT_RG', 1],
          ['CDT', 1],
        ],
      },
      { kind: 'xl_duong', methods: [['DTRR', 1]] },
      {
        kind: 'tv_giamsat',
        methods: [
          ['DTRR', 1],
          ['CDT', 1],
        ],
      },
    ],
  },
  {
    agencyKinds: ['truong'],
    projects: ['Mua sắm trang thiết bị năm học {year}-{next}'],
    planType: 'TX',
    lines: [
      {
        kind: 'dayhoc',
        methods: [
          ['CHCT', 2],
          ['DTRR', 1],
          ['CGTT_RG', 1],
        ],
      },
      {
        kind: 'vanphong',
        methods: [
          ['MSTT', 1],
          ['CGTT_RG', 2],
        ],
        p: 0.5,
      },
    ],
  },
  {
    agencyKinds: ['truong'],
    projects: ['Cải tạo, sửa chữa nhà lớp học và khu vệ sinh năm {year}'],
    planType: 'TX',
    lines: [
      {
        kind: 'xl_nho',
        methods: [
          ['CHCT', 2],
          ['DTRR', 1],
        ],
      },
    ],
  },
  {
    agencyKinds: ['ubnd'],
    projects: [
      'Cải tạo, nâng cấp Trường Mầm non {ward}',
      'Xây dựng Nhà văn hóa tổ dân phố số {n}, {ward}',
      'Chỉnh trang vườn hoa, sân chơi cộng đồng tại {ward}',
    ],
    planType: 'DTPT',
    lines: [
      { kind: 'tv_khaosat', methods: [['CDT_RG', 1]] },
      {
        kind: 'xl_nho',
        methods: [
          ['DTRR', 2],
          ['CHCT', 2],
        ],
      },
      { kind: 'tv_giamsat', methods: [['CDT_RG', 1]], p: 0.7 },
      { kind: 'baohiem', methods: [['CDT_RG', 1]], p: 0.4 },
    ],
  },
  {
    agencyKinds: ['ubnd'],
    projects: [
      'Duy trì vệ sinh môi trường, cây xanh năm {next}',
      'Thuê dịch vụ công ích trên địa bàn năm {next}',
    ],
    planType: 'TX',
    lines: [
      {
        kind: 'cayxanh',
        methods: [
          ['DTRR', 2],
          ['CHCT', 1],
        ],
      },
    ],
  },
  {
    agencyKinds: ['ubnd'],
    projects: ['Mua sắm trang thiết bị phục vụ chuyển đổi số năm {year}'],
    planType: 'TX',
    lines: [
      {
        kind: 'vanphong',
        methods: [
          ['CGTT_RG', 2],
          ['CGTT', 1],
          ['CHCT_RG', 1],
        ],
      },
      { kind: 'cntt', methods: [['CHCT', 1]], p: 0.4 },
    ],
  },
];
