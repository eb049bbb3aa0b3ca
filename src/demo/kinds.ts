/**
 * Kinds of packages the demo agencies buy: field, trade of the bidders, title, usual price (million
 * VND), contract form and period, and the goods they contain. Texts are Vietnamese as published.
 */
import type { Field } from '../procurement/codes.ts';
import type { GoodsGroup } from './goods.ts';
import type { Trade } from './names.ts';

export interface PackageKind {
  field: Field;
  trade: Trade;
  /** Title of the package; `{year}` is replaced by the budget year. */
  titles: readonly string[];
  /** Usual package price, million VND. */
  priceM: readonly [number, number];
  contractTypes: readonly string[];
  /** Contract period range and unit (D days, M months). */
  period: readonly [number, number, 'D' | 'M'];
  summary: string;
  /** Goods lines (goods packages); for a multi-lot package, one group per lot. */
  goods?: readonly GoodsGroup[];
  /** Lot names of a multi-lot package, parallel to `goods`. */
  lots?: readonly string[];
}

export const KINDS = {
  tbyt: {
    field: 'HH',
    trade: 'med',
    titles: [
      'Mua sắm trang thiết bị y tế năm {year}',
      'Mua sắm bổ sung thiết bị y tế cho Khoa Hồi sức tích cực',
    ],
    priceM: [2500, 24000],
    contractTypes: ['TG'],
    period: [60, 150, 'D'],
    summary: 'Cung cấp, vận chuyển, lắp đặt, chạy thử, bàn giao và hướng dẫn sử dụng thiết bị y tế.',
    goods: ['med'],
  },
  xetnghiem: {
    field: 'HH',
    trade: 'lab',
    titles: ['Mua sắm hóa chất, sinh phẩm xét nghiệm năm {year}'],
    priceM: [6000, 38000],
    contractTypes: ['DGCD'],
    period: [12, 12, 'M'],
    summary: 'Cung cấp hóa chất, sinh phẩm và vật tư xét nghiệm theo nhu cầu sử dụng trong 12 tháng.',
    goods: ['biochem', 'haem', 'immuno', 'labware'],
    lots: [
      'Phần 1: Hóa chất xét nghiệm sinh hóa',
      'Phần 2: Hóa chất xét nghiệm huyết học',
      'Phần 3: Sinh phẩm xét nghiệm miễn dịch',
      'Phần 4: Vật tư tiêu hao xét nghiệm',
    ],
  },
  vtyt: {
    field: 'HH',
    trade: 'med',
    titles: ['Mua sắm vật tư y tế tiêu hao năm {year}', 'Mua sắm vật tư y tế thông dụng (đợt 2)'],
    priceM: [900, 8500],
    contractTypes: ['DGCD', 'TG'],
    period: [12, 12, 'M'],
    summary: 'Cung cấp vật tư y tế tiêu hao theo đơn đặt hàng của bệnh viện.',
    goods: ['consumable'],
  },
  chandoan: {
    field: 'HH',
    trade: 'med',
    titles: ['Mua sắm thiết bị chẩn đoán hình ảnh công nghệ cao'],
    priceM: [26000, 42000],
    contractTypes: ['TG'],
    period: [150, 240, 'D'],
    summary: 'Cung cấp, lắp đặt, đào tạo chuyển giao công nghệ và bảo hành thiết bị chẩn đoán hình ảnh.',
    goods: ['imaging'],
  },
  dayhoc: {
    field: 'HH',
    trade: 'edu',
    titles: [
      'Mua sắm thiết bị dạy học tối thiểu năm học {year}-{next}',
      'Mua sắm thiết bị phòng học thông minh',
    ],
    priceM: [1800, 16000],
    contractTypes: ['TG'],
    period: [45, 90, 'D'],
    summary: 'Cung cấp, lắp đặt thiết bị dạy học theo danh mục tối thiểu của Bộ Giáo dục và Đào tạo.',
    goods: ['edu'],
  },
  cntt: {
    field: 'HH',
    trade: 'it',
    titles: [
      'Nâng cấp hạ tầng mạng và bảo mật hệ thống thông tin',
      'Mua sắm thiết bị công nghệ thông tin năm {year}',
    ],
    priceM: [600, 9000],
    contractTypes: ['TG'],
    period: [45, 120, 'D'],
    summary: 'Cung cấp, cài đặt, cấu hình thiết bị công nghệ thông tin và chuyển giao.',
    goods: ['it'],
  },
  vanphong: {
    field: 'HH',
    trade: 'it',
    titles: [
      'Mua sắm máy tính, máy in phục vụ Bộ phận Một cửa',
      'Mua sắm trang thiết bị văn phòng năm {year}',
    ],
    priceM: [120, 850],
    contractTypes: ['TG'],
    period: [20, 45, 'D'],
    summary: 'Cung cấp máy tính, máy in, máy quét tài liệu.',
    goods: ['it'],
  },
  xl_congtrinh: {
    field: 'XL',
    trade: 'works',
    titles: ['Thi công xây dựng công trình'],
    priceM: [8000, 65000],
    contractTypes: ['TG', 'DGCD'],
    period: [240, 540, 'D'],
    summary: 'Thi công xây dựng, lắp đặt thiết bị theo hồ sơ thiết kế bản vẽ thi công được duyệt.',
  },
  xl_duong: {
    field: 'XL',
    trade: 'roads',
    titles: ['Thi công xây dựng tuyến đường và hạ tầng kỹ thuật', 'Thi công xây dựng công trình'],
    priceM: [15000, 140000],
    contractTypes: ['DGCD', 'DGDC'],
    period: [12, 24, 'M'],
    summary: 'Thi công nền, mặt đường, hè, thoát nước, chiếu sáng và tổ chức giao thông.',
  },
  xl_nho: {
    field: 'XL',
    trade: 'works',
    titles: ['Thi công xây dựng công trình', 'Thi công cải tạo, sửa chữa'],
    priceM: [900, 7500],
    contractTypes: ['TG'],
    period: [90, 180, 'D'],
    summary: 'Thi công cải tạo, sửa chữa theo bản vẽ thi công và dự toán được duyệt.',
  },
  tv_khaosat: {
    field: 'TV',
    trade: 'consult',
    titles: [
      'Tư vấn khảo sát, lập báo cáo kinh tế - kỹ thuật',
      'Tư vấn khảo sát, lập báo cáo nghiên cứu khả thi',
    ],
    priceM: [150, 950],
    contractTypes: ['TG'],
    period: [45, 90, 'D'],
    summary: 'Khảo sát địa hình, địa chất; lập hồ sơ thiết kế và dự toán.',
  },
  tv_giamsat: {
    field: 'TV',
    trade: 'consult',
    titles: ['Tư vấn giám sát thi công xây dựng'],
    priceM: [250, 3200],
    contractTypes: ['TG', 'TLPT'],
    period: [240, 540, 'D'],
    summary: 'Giám sát chất lượng, khối lượng, tiến độ và an toàn thi công xây dựng.',
  },
  tv_thamtra: {
    field: 'TV',
    trade: 'consult',
    titles: ['Tư vấn thẩm tra thiết kế xây dựng và dự toán'],
    priceM: [60, 450],
    contractTypes: ['TG'],
    period: [20, 45, 'D'],
    summary: 'Thẩm tra thiết kế bản vẽ thi công và dự toán xây dựng.',
  },
  tv_quyhoach: {
    field: 'TV',
    trade: 'consult',
    titles: ['Tư vấn lập quy hoạch chi tiết tỷ lệ 1/500', 'Tư vấn lập đề án phát triển hạ tầng đô thị'],
    priceM: [1200, 5500],
    contractTypes: ['TG'],
    period: [6, 12, 'M'],
    summary: 'Điều tra, khảo sát hiện trạng, lập hồ sơ quy hoạch và lấy ý kiến cộng đồng dân cư.',
  },
  tv_cntt: {
    field: 'TV',
    trade: 'it',
    titles: [
      'Tư vấn lập thiết kế chi tiết và dự toán hệ thống thông tin',
      'Tư vấn đánh giá an toàn hệ thống thông tin',
    ],
    priceM: [300, 2400],
    contractTypes: ['TG'],
    period: [60, 150, 'D'],
    summary: 'Khảo sát, lập thiết kế chi tiết, dự toán và hồ sơ đề xuất cấp độ an toàn hệ thống thông tin.',
  },
  tv_canhan: {
    field: 'TV',
    trade: 'consult',
    titles: [
      'Tuyển chọn tư vấn cá nhân hỗ trợ quản lý dự án',
      'Tuyển chọn chuyên gia tư vấn cá nhân về đấu thầu',
    ],
    priceM: [120, 540],
    contractTypes: ['TGIAN'],
    period: [6, 12, 'M'],
    summary: 'Chuyên gia cá nhân hỗ trợ ban quản lý dự án về kế hoạch, đấu thầu và giải ngân.',
  },
  vesinh: {
    field: 'PTV',
    trade: 'services',
    titles: ['Dịch vụ vệ sinh công nghiệp năm {year}', 'Dịch vụ vệ sinh, chăm sóc cảnh quan khuôn viên'],
    priceM: [900, 7800],
    contractTypes: ['TG'],
    period: [12, 12, 'M'],
    summary: 'Vệ sinh hằng ngày khu khám bệnh, điều trị, hành lang, khuôn viên; thu gom rác thải sinh hoạt.',
  },
  baove: {
    field: 'PTV',
    trade: 'services',
    titles: ['Dịch vụ bảo vệ năm {year}'],
    priceM: [700, 3800],
    contractTypes: ['TG'],
    period: [12, 12, 'M'],
    summary: 'Bảo vệ an ninh, trật tự, phòng cháy chữa cháy 24/24 giờ.',
  },
  cayxanh: {
    field: 'PTV',
    trade: 'services',
    titles: [
      'Duy trì cây xanh, thảm cỏ và vệ sinh môi trường năm {year}',
      'Thu gom, vận chuyển rác thải sinh hoạt năm {year}',
    ],
    priceM: [600, 9500],
    contractTypes: ['DGCD'],
    period: [12, 12, 'M'],
    summary: 'Duy trì cây xanh, vườn hoa; quét, thu gom và vận chuyển rác thải trên địa bàn.',
  },
  baohiem: {
    field: 'PTV',
    trade: 'insurance',
    titles: ['Bảo hiểm công trình'],
    priceM: [30, 380],
    contractTypes: ['TG'],
    period: [12, 24, 'M'],
    summary: 'Bảo hiểm mọi rủi ro xây dựng và trách nhiệm đối với bên thứ ba.',
  },
  baotri: {
    field: 'PTV',
    trade: 'services',
    titles: [
      'Bảo trì, bảo dưỡng hệ thống thang máy và điều hòa không khí năm {year}',
      'Bảo dưỡng, sửa chữa thiết bị y tế năm {year}',
    ],
    priceM: [250, 2200],
    contractTypes: ['TG'],
    period: [12, 12, 'M'],
    summary: 'Bảo trì định kỳ, sửa chữa, thay thế linh kiện theo quy trình của nhà sản xuất.',
  },
  epc_nuocthai: {
    field: 'HON_HOP',
    trade: 'mixed',
    titles: ['Thiết kế, cung cấp thiết bị và thi công xây dựng (EPC) trạm xử lý nước thải'],
    priceM: [45000, 240000],
    contractTypes: ['TG', 'HON_HOP'],
    period: [18, 30, 'M'],
    summary: 'Thiết kế kỹ thuật, cung cấp thiết bị công nghệ, thi công xây dựng, chạy thử và chuyển giao.',
  },
  epc_dulieu: {
    field: 'HON_HOP',
    trade: 'it',
    titles: ['Thiết kế, cung cấp, lắp đặt thiết bị và xây dựng (EPC) Trung tâm dữ liệu'],
    priceM: [30000, 120000],
    contractTypes: ['TG'],
    period: [12, 24, 'M'],
    summary: 'Thiết kế, cải tạo phòng máy, cung cấp và lắp đặt hạ tầng máy chủ, lưu trữ, mạng và an ninh.',
  },
  ep_khiyte: {
    field: 'HON_HOP',
    trade: 'mixed',
    titles: ['Thiết kế, cung cấp và lắp đặt (EP) hệ thống khí y tế trung tâm'],
    priceM: [8000, 32000],
    contractTypes: ['TG'],
    period: [9, 15, 'M'],
    summary: 'Thiết kế, cung cấp, lắp đặt hệ thống oxy, khí nén, hút trung tâm và chạy thử.',
  },
} satisfies Record<string, PackageKind>;

export type KindId = keyof typeof KINDS;
