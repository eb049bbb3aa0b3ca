/**
 * Goods vocabulary of the demo dataset: item lines of goods packages (name, unit, usual quantity and
 * unit price in VND) and INVENTED manufacturers/brands by country of origin. No real brand is named.
 */

/** One kind of item a goods package may contain. */
export interface GoodsItem {
  name: string;
  unit: string;
  /** Usual quantity range. */
  qty: readonly [number, number];
  /** Usual unit price range, VND. */
  price: readonly [number, number];
  hsCode?: string;
}

export type GoodsGroup =
  'med' | 'imaging' | 'consumable' | 'biochem' | 'haem' | 'immuno' | 'labware' | 'edu' | 'it';

const M = 1_000_000;

export const GOODS: Record<GoodsGroup, readonly GoodsItem[]> = {
  med: [
    { name: 'Máy siêu âm tổng quát 4 đầu dò', unit: 'Cái', qty: [1, 2], price: [1200 * M, 2800 * M] },
    { name: 'Máy thở xâm nhập và không xâm nhập', unit: 'Cái', qty: [2, 6], price: [450 * M, 950 * M] },
    { name: 'Monitor theo dõi bệnh nhân 5 thông số', unit: 'Cái', qty: [5, 20], price: [65 * M, 160 * M] },
    { name: 'Máy điện tim 12 kênh', unit: 'Cái', qty: [2, 5], price: [80 * M, 190 * M] },
    { name: 'Bơm tiêm điện', unit: 'Cái', qty: [10, 30], price: [24 * M, 45 * M] },
    { name: 'Máy truyền dịch', unit: 'Cái', qty: [10, 30], price: [30 * M, 58 * M] },
    { name: 'Giường hồi sức cấp cứu điều khiển điện', unit: 'Cái', qty: [6, 24], price: [55 * M, 120 * M] },
    { name: 'Máy phá rung tim có tạo nhịp', unit: 'Cái', qty: [1, 3], price: [250 * M, 480 * M] },
    { name: 'Đèn mổ treo trần 2 nhánh', unit: 'Bộ', qty: [1, 2], price: [600 * M, 1300 * M] },
    { name: 'Máy hút dịch chạy điện', unit: 'Cái', qty: [3, 8], price: [18 * M, 45 * M] },
    { name: 'Máy xét nghiệm sinh hóa tự động', unit: 'Hệ thống', qty: [1, 1], price: [1800 * M, 3900 * M] },
  ],
  imaging: [
    {
      name: 'Hệ thống chụp cộng hưởng từ 1,5 Tesla',
      unit: 'Hệ thống',
      qty: [1, 1],
      price: [26000 * M, 36000 * M],
    },
    {
      name: 'Hệ thống chụp cắt lớp vi tính 128 lát cắt',
      unit: 'Hệ thống',
      qty: [1, 1],
      price: [17000 * M, 24000 * M],
    },
    {
      name: 'Hệ thống chụp X-quang kỹ thuật số 2 detector',
      unit: 'Hệ thống',
      qty: [1, 2],
      price: [3200 * M, 5200 * M],
    },
    { name: 'Máy siêu âm Doppler màu 4D', unit: 'Cái', qty: [1, 2], price: [2400 * M, 4200 * M] },
  ],
  consumable: [
    { name: 'Bơm tiêm nhựa dùng một lần 5 ml', unit: 'Cái', qty: [50000, 200000], price: [850, 1500] },
    { name: 'Kim luồn tĩnh mạch các cỡ', unit: 'Cái', qty: [10000, 60000], price: [6500, 14000] },
    { name: 'Găng tay khám bệnh không bột', unit: 'Đôi', qty: [40000, 150000], price: [1100, 2200] },
    { name: 'Bông y tế thấm nước', unit: 'Kg', qty: [300, 1500], price: [140000, 230000] },
    { name: 'Gạc phẫu thuật 10 cm x 10 cm x 8 lớp', unit: 'Miếng', qty: [20000, 90000], price: [700, 1500] },
    { name: 'Dây truyền dịch', unit: 'Bộ', qty: [10000, 50000], price: [4500, 9000] },
    { name: 'Chỉ khâu phẫu thuật tự tiêu số 2/0', unit: 'Sợi', qty: [1000, 6000], price: [38000, 95000] },
  ],
  biochem: [
    { name: 'Thuốc thử định lượng Glucose', unit: 'Hộp', qty: [20, 120], price: [1_800_000, 4_200_000] },
    { name: 'Thuốc thử định lượng Creatinin', unit: 'Hộp', qty: [20, 100], price: [1_500_000, 3_900_000] },
    {
      name: 'Thuốc thử định lượng Cholesterol toàn phần',
      unit: 'Hộp',
      qty: [10, 80],
      price: [1_600_000, 3_600_000],
    },
    { name: 'Chất chuẩn sinh hóa đa thông số', unit: 'Hộp', qty: [5, 30], price: [2_500_000, 6_800_000] },
    { name: 'Dung dịch rửa hệ thống máy sinh hóa', unit: 'Can', qty: [20, 120], price: [900_000, 2_400_000] },
  ],
  haem: [
    {
      name: 'Dung dịch pha loãng dùng cho máy huyết học',
      unit: 'Thùng',
      qty: [30, 200],
      price: [2_200_000, 4_800_000],
    },
    { name: 'Dung dịch ly giải hồng cầu', unit: 'Chai', qty: [30, 150], price: [1_900_000, 4_500_000] },
    { name: 'Máu chuẩn kiểm tra 3 mức', unit: 'Hộp', qty: [6, 36], price: [3_500_000, 7_900_000] },
    { name: 'Thuốc thử định nhóm máu hệ ABO', unit: 'Lọ', qty: [50, 400], price: [180_000, 420_000] },
  ],
  immuno: [
    {
      name: 'Thuốc thử xét nghiệm định lượng HbA1c',
      unit: 'Hộp',
      qty: [10, 80],
      price: [3_200_000, 8_500_000],
    },
    {
      name: 'Thuốc thử xét nghiệm định lượng Troponin I',
      unit: 'Hộp',
      qty: [10, 60],
      price: [6_500_000, 14_000_000],
    },
    {
      name: 'Thuốc thử xét nghiệm định lượng TSH',
      unit: 'Hộp',
      qty: [10, 60],
      price: [4_200_000, 9_800_000],
    },
    {
      name: 'Test nhanh phát hiện kháng nguyên HBsAg',
      unit: 'Test',
      qty: [2000, 15000],
      price: [9_000, 22_000],
    },
  ],
  labware: [
    { name: 'Ống nghiệm chân không EDTA K2 2 ml', unit: 'Ống', qty: [20000, 120000], price: [1_050, 2_300] },
    { name: 'Đầu côn có lọc 200 µl', unit: 'Hộp', qty: [200, 1500], price: [95_000, 240_000] },
    { name: 'Que thử nước tiểu 10 thông số', unit: 'Hộp', qty: [100, 800], price: [230_000, 520_000] },
    { name: 'Lam kính nhám', unit: 'Hộp', qty: [100, 600], price: [28_000, 65_000] },
  ],
  edu: [
    { name: 'Bảng tương tác thông minh 86 inch', unit: 'Cái', qty: [10, 60], price: [38 * M, 72 * M] },
    {
      name: 'Máy chiếu đa năng độ sáng 4.000 ANSI Lumens',
      unit: 'Cái',
      qty: [10, 50],
      price: [14 * M, 28 * M],
    },
    { name: 'Bộ thiết bị thí nghiệm Vật lý lớp 11', unit: 'Bộ', qty: [10, 60], price: [9 * M, 24 * M] },
    { name: 'Bộ thiết bị thí nghiệm Hóa học lớp 11', unit: 'Bộ', qty: [10, 60], price: [8 * M, 21 * M] },
    { name: 'Máy tính để bàn cho phòng học Tin học', unit: 'Bộ', qty: [40, 240], price: [13 * M, 19 * M] },
    { name: 'Bàn ghế học sinh 2 chỗ ngồi', unit: 'Bộ', qty: [100, 600], price: [2_400_000, 4_200_000] },
    { name: 'Loa trợ giảng không dây', unit: 'Cái', qty: [20, 120], price: [1_800_000, 3_900_000] },
  ],
  it: [
    { name: 'Máy chủ dạng rack 2U', unit: 'Cái', qty: [2, 8], price: [180 * M, 420 * M], hsCode: '84715090' },
    {
      name: 'Thiết bị tường lửa thế hệ mới',
      unit: 'Cái',
      qty: [1, 4],
      price: [350 * M, 900 * M],
      hsCode: '85176299',
    },
    {
      name: 'Thiết bị chuyển mạch lõi 48 cổng',
      unit: 'Cái',
      qty: [2, 6],
      price: [120 * M, 380 * M],
      hsCode: '85176249',
    },
    { name: 'Máy tính xách tay', unit: 'Cái', qty: [10, 60], price: [17 * M, 32 * M], hsCode: '84713020' },
    { name: 'Máy tính để bàn', unit: 'Bộ', qty: [10, 80], price: [14 * M, 22 * M], hsCode: '84714110' },
    { name: 'Máy in laser khổ A3', unit: 'Cái', qty: [2, 12], price: [28 * M, 65 * M], hsCode: '84433210' },
    {
      name: 'Máy quét tài liệu tốc độ cao',
      unit: 'Cái',
      qty: [2, 10],
      price: [24 * M, 58 * M],
      hsCode: '84716040',
    },
    { name: 'Bộ lưu điện UPS 10 kVA', unit: 'Bộ', qty: [1, 6], price: [65 * M, 140 * M], hsCode: '85044030' },
  ],
};

/** Invented manufacturers, each with its brand and country of origin (Vietnamese name). */
export const MAKERS: readonly { manufacturer: string; brand: string; origin: string; prefix: string }[] = [
  { manufacturer: 'Kanagawa Seimitsu Medical Co., Ltd.', brand: 'KSM', origin: 'Nhật Bản', prefix: 'KS' },
  { manufacturer: 'Heilbrunn Medizintechnik GmbH', brand: 'Heilbrunn', origin: 'Đức', prefix: 'HB' },
  { manufacturer: 'Hanbit Mediworks Co., Ltd.', brand: 'Hanbit', origin: 'Hàn Quốc', prefix: 'HM' },
  { manufacturer: 'Nordlys Medisin Systems AB', brand: 'Nordlys', origin: 'Thụy Điển', prefix: 'NL' },
  { manufacturer: 'Prairie Diagnostics Inc.', brand: 'PrairieDx', origin: 'Hoa Kỳ', prefix: 'PD' },
  {
    manufacturer: 'Jiangnan Kangtai Medical Equipment Co., Ltd.',
    brand: 'Kangtai',
    origin: 'Trung Quốc',
    prefix: 'KT',
  },
  { manufacturer: 'Lumenta Elettromedicali S.p.A.', brand: 'Lumenta', origin: 'Ý', prefix: 'LM' },
  {
    manufacturer: 'Công ty Cổ phần Thiết bị Sông Đà Xanh',
    brand: 'Sông Đà Xanh',
    origin: 'Việt Nam',
    prefix: 'SDX',
  },
  { manufacturer: 'Công ty TNHH Sản xuất Hòa Lạc Tech', brand: 'HLT', origin: 'Việt Nam', prefix: 'HLT' },
  { manufacturer: 'Malacca Latex Products Sdn. Bhd.', brand: 'MalaGlove', origin: 'Malaysia', prefix: 'MG' },
  { manufacturer: 'Deccan Surgicals Pvt. Ltd.', brand: 'Deccan', origin: 'Ấn Độ', prefix: 'DS' },
];
