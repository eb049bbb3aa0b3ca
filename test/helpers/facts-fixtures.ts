/**
 * A small, realistic set of notices (TbmtFacts) for the web and read-side tests, saved through the
 * write side (`saveTbmtFacts`) exactly as an importer would:
 *
 * - `amendedNotice()` IB2600077452: goods, two versions (an amendment of price and closing time), an
 *   extension, a bid opening with 3 bidders, a result with a winner, two losers with reasons and a
 *   goods table, a contract;
 * - `cancelledNotice()` IB2600026487: non-consulting services, cancelled with a decision;
 * - `openNotice(now)` IB2600099001: works, still open, closing 10 days after `now`;
 * - `scriptNotice()` IB2600066666: names carrying HTML/script payloads;
 * - `plainNotice(i)`: many near-identical notices for paging;
 * - `rankedResultNotice()` IB2600055501: a result whose losers were recorded out of rank order, and a
 *   bidder the source names without a code (a local `mb-…` organisation);
 * - `laterVersionNotice()` IB2600084951: only version 01 is known (imported from the amendment on);
 * - `haNoiNotices()`: notices where "hà nội" is a phrase, and one where "hà" and "nội" are only far
 *   apart (the newest), for search relevance.
 */
import type { Database } from '../../src/db/connect.ts';
import type { OrgRef, Source, TbmtFacts, TbmtVersionFacts } from '../../src/procurement/facts.ts';
import { saveTbmtFacts } from '../../src/procurement/save.ts';

/** An instant given in Vietnam local time (UTC+7). */
export const VN = (local: string): Date => new Date(`${local}+07:00`);

export const INVESTOR: OrgRef = {
  code: 'vnz000012345',
  name: 'Ban Quản lý dự án đầu tư xây dựng công trình Điện lực Hà Nội',
};
export const PROCURING: OrgRef = { code: 'vn0101234567', name: 'Công ty Cổ phần Tư vấn Đấu thầu Thăng Long' };
export const WINNER: OrgRef = { code: 'vn0100100100', name: 'Công ty Cổ phần Thiết bị điện Đông Anh' };
export const LOSER_TECH: OrgRef = { code: 'vn0105550001', name: 'Công ty TNHH Kỹ thuật Điện Sông Hồng' };
export const LOSER_PRICE: OrgRef = { code: 'vn0106660002', name: 'Công ty Cổ phần Xây lắp điện Hồ Gươm' };
export const WARD: OrgRef = { code: 'vnz000054321', name: 'Ủy ban nhân dân phường Hoàn Kiếm' };

const HANOI = {
  provinceCode: '01',
  provinceName: 'Thành phố Hà Nội',
  wardCode: '00070',
  wardName: 'Phường Hoàn Kiếm',
};

/** A bidder of the opening record with the usual security (3 000 000 VND, 150 days) and validity. */
function bid(
  contractor: OrgRef,
  bidPriceVnd: number,
  discountPercent: number,
  finalPriceVnd: number,
  period: string,
) {
  return {
    contractor,
    bidPriceVnd,
    discountPercent,
    finalPriceVnd,
    bidSecurityVnd: 3_000_000,
    bidSecurityDays: 150,
    bidValidityDays: 120,
    executionPeriod: period,
  };
}

/** IB2600077452: the whole story from plan to contract, with an amendment and an extension. */
export function amendedNotice(): TbmtFacts {
  const v00 = {
    version: '00',
    publishedAt: VN('2026-03-02T08:00:00'),
    name: 'Mua sắm máy biến điện áp 22kV và phụ kiện cho lưới điện quận Hoàn Kiếm',
    investor: INVESTOR,
    procuringEntity: PROCURING,
    field: 'HH',
    method: 'DTRR',
    procedure: '1_MTHS',
    contractType: 'TG',
    contractPeriod: 90,
    contractPeriodUnit: 'D',
    isDomestic: true,
    isInternet: true,
    priceVnd: 230_000_000,
    estimateVnd: 230_000_000,
    funding: 'Vốn đầu tư phát triển của Tổng công ty Điện lực Hà Nội năm 2026',
    bidCloseAt: VN('2026-03-20T09:00:00'),
    bidOpenAt: VN('2026-03-20T09:30:00'),
    bidValidityDays: 120,
    bidSecurityVnd: 3_000_000,
    bidSecurityForm: 'Thư bảo lãnh',
    feeType: 'F',
    feeVnd: 0,
    issueLocation: 'Hệ thống mạng đấu thầu quốc gia',
    receiveLocation: 'Hệ thống mạng đấu thầu quốc gia',
    openLocation: 'Hệ thống mạng đấu thầu quốc gia',
    documentsDecisionNo: '58/QĐ-BQLDA',
    documentsDecisionDate: VN('2026-02-27T00:00:00'),
    documentsDecisionAgency: INVESTOR.name,
    statusCodeSrc: '01',
    locations: [HANOI],
  };
  return {
    notifyNo: 'IB2600077452',
    firstPublishedAt: v00.publishedAt,
    khlcnt: {
      planNo: 'PL2600044908',
      planVersion: '00',
      name: 'Kế hoạch lựa chọn nhà thầu mua sắm thiết bị điện năm 2026',
      planType: 'DTPT',
      projectName: 'Cải tạo lưới điện trung áp quận Hoàn Kiếm',
      investor: INVESTOR,
      decisionNo: '12/QĐ-EVNHANOI',
      decisionDate: VN('2026-02-10T00:00:00'),
      publishedAt: VN('2026-02-12T10:00:00'),
    },
    package: { bidNo: 'BP2600105679', name: v00.name, field: 'HH', method: 'DTRR', priceVnd: 235_500_000 },
    versions: [
      v00,
      {
        ...v00,
        version: '01',
        publishedAt: VN('2026-03-10T14:00:00'),
        priceVnd: 235_500_000,
        estimateVnd: 235_500_000,
        bidCloseAt: VN('2026-03-24T15:00:00'),
        bidOpenAt: VN('2026-03-24T15:30:00'),
        amendmentReason: 'Điều chỉnh giá gói thầu và thời điểm đóng thầu theo dự toán được duyệt lại',
      },
    ],
    extensions: [
      {
        publishedAt: VN('2026-03-21T10:00:00'),
        oldCloseAt: VN('2026-03-24T15:00:00'),
        newCloseAt: VN('2026-03-27T15:00:00'),
        oldOpenAt: VN('2026-03-24T15:30:00'),
        newOpenAt: VN('2026-03-27T15:30:00'),
        reason: 'Gia hạn để các nhà thầu có đủ thời gian hoàn thiện hồ sơ dự thầu',
      },
    ],
    opening: {
      openedAt: VN('2026-03-27T15:32:00'),
      bidders: [
        bid(WINNER, 229_161_375, 4, 219_994_920, '90 ngày'),
        bid(LOSER_TECH, 227_800_000, 0, 227_800_000, '85 ngày'),
        bid(LOSER_PRICE, 231_000_000, 0, 231_000_000, '90 ngày'),
      ],
    },
    results: [
      {
        version: '00',
        publishedAt: VN('2026-04-10T16:00:00'),
        decisionNo: '125/QĐ-BQLDA',
        decisionDate: VN('2026-04-08T00:00:00'),
        decisionAgency: INVESTOR.name,
        decisionFile: '125-QD-BQLDA.pdf',
        bidders: [
          {
            contractor: WINNER,
            isWinner: true,
            bidPriceVnd: 229_161_375,
            winningPriceVnd: 219_994_920,
            contractPeriod: '90 ngày',
          },
          {
            contractor: LOSER_TECH,
            isWinner: false,
            bidPriceVnd: 227_800_000,
            reason: 'Không đáp ứng yêu cầu về kỹ thuật: máy biến điện áp không đạt cấp chính xác 0,5',
          },
          {
            contractor: LOSER_PRICE,
            isWinner: false,
            bidPriceVnd: 231_000_000,
            reason: 'Giá dự thầu sau giảm giá cao hơn nhà thầu xếp hạng thứ nhất',
          },
        ],
        items: [
          {
            contractor: WINNER,
            position: 1,
            name: 'Máy biến điện áp 1 pha 22kV',
            model: 'VT-24',
            brand: 'Đông Anh',
            year: '2026',
            origin: 'Việt Nam',
            manufacturer: 'Công ty Cổ phần Thiết bị điện Đông Anh',
            unit: 'cái',
            quantity: 6,
            unitPriceVnd: 31_500_000,
            amountVnd: 189_000_000,
          },
          {
            contractor: WINNER,
            position: 2,
            name: 'Bộ phụ kiện đấu nối và giá đỡ',
            origin: 'Việt Nam',
            unit: 'bộ',
            quantity: 6,
            unitPriceVnd: 5_165_820,
            amountVnd: 30_994_920,
          },
        ],
      },
    ],
    contracts: [
      {
        contractNo: '45/2026/HĐMB',
        supplier: WINNER,
        valueVnd: 219_994_920,
        signedAt: VN('2026-04-20T00:00:00'),
        effectiveAt: VN('2026-04-20T00:00:00'),
        period: '90 ngày',
        publishedAt: VN('2026-04-22T09:00:00'),
      },
    ],
  };
}

/** IB2600026487: a small services package, cancelled. */
export function cancelledNotice(): TbmtFacts {
  return {
    notifyNo: 'IB2600026487',
    firstPublishedAt: VN('2026-02-16T09:00:00'),
    package: { name: 'Thuê dịch vụ vệ sinh trụ sở Ủy ban nhân dân phường Hoàn Kiếm năm 2026' },
    versions: [
      {
        version: '00',
        publishedAt: VN('2026-02-16T09:00:00'),
        name: 'Thuê dịch vụ vệ sinh trụ sở Ủy ban nhân dân phường Hoàn Kiếm năm 2026',
        investor: WARD,
        procuringEntity: WARD,
        field: 'PTV',
        method: 'CHCT',
        priceVnd: 480_000_000,
        bidCloseAt: VN('2026-02-26T10:00:00'),
        locations: [HANOI],
      },
    ],
    cancellation: {
      cancelledAt: VN('2026-02-25T17:00:00'),
      reason: 'Thay đổi nhu cầu sử dụng dịch vụ do sắp xếp lại trụ sở',
      decisionNo: '88/QĐ-UBND',
      decisionDate: VN('2026-02-25T00:00:00'),
      decisionAgency: WARD.name,
    },
  };
}

/** A single-version notice named `name`, first published `at`, with more version fields in `extra`. */
function simple(notifyNo: string, at: Date, name: string, extra: Partial<TbmtVersionFacts>): TbmtFacts {
  return {
    notifyNo,
    firstPublishedAt: at,
    package: { name },
    versions: [{ version: '00', publishedAt: at, name, ...extra }],
  };
}

/** IB2600099001: works, open for bids until 10 days after `now`. */
export function openNotice(now: Date = new Date()): TbmtFacts {
  const close = new Date(now.getTime() + 10 * 86_400_000);
  const name = 'Xây dựng nhà văn hóa tổ dân phố số 5 phường Đống Đa';
  return simple('IB2600099001', new Date(now.getTime() - 86_400_000), name, {
    investor: WARD,
    procuringEntity: WARD,
    field: 'XL',
    method: 'DTRR',
    priceVnd: 4_850_000_000,
    bidCloseAt: close,
    bidOpenAt: close,
  });
}

/** IB2600066666: names that try to inject markup. */
export function scriptNotice(): TbmtFacts {
  return simple('IB2600066666', VN('2026-01-05T08:00:00'), '<script>alert(1)</script>', {
    investor: { code: 'vn0109990009', name: 'Công ty "A&B" <img src=x onerror=alert(2)>' },
    field: 'HH',
    method: 'CHCT',
    priceVnd: 1_000_000,
  });
}

/** The `i`-th of many similar notices (for paging): published one hour apart, newest = highest i. */
export function plainNotice(i: number): TbmtFacts {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
  return simple(`IB26${String(10_000_000 + i).padStart(8, '0')}`, at, `Mua văn phòng phẩm đợt ${i}`, {
    investor: WARD,
    field: i % 2 === 0 ? 'HH' : 'PTV',
    method: 'CHCT',
    priceVnd: 10_000_000 + i,
    bidCloseAt: new Date(at.getTime() + 7 * 86_400_000),
  });
}

/** A contractor the source names without any code: saved as a local `mb-…` organisation. */
export const NAME_ONLY: OrgRef = { name: 'Công ty TNHH Thiết bị Y tế Minh An' };
export const RANK_2: OrgRef = { code: 'vn0107770002', name: 'Công ty Cổ phần Y tế Sông Đà' };
export const RANK_3: OrgRef = { code: 'vn0107770003', name: 'Công ty TNHH Dược phẩm Tây Hồ' };
export const NO_PRICE: OrgRef = { code: 'vn0107770004', name: 'Công ty TNHH Vật tư Kim Mã' };

/**
 * IB2600055501: a result whose losers were recorded in no particular order: a bidder without any
 * price, the third (evaluated price 300 M), the winner, the second (no evaluated price; 250 M after
 * discount). Ranked: winner, second, third, the one without a price. The name-only bidder wins.
 */
export function rankedResultNotice(): TbmtFacts {
  const at = VN('2026-02-02T08:00:00');
  const facts = simple('IB2600055501', at, 'Mua sắm vật tư y tế tiêu hao năm 2026', {
    investor: WARD,
    procuringEntity: PROCURING,
    field: 'HH',
    method: 'CHCT',
    priceVnd: 320_000_000,
    bidCloseAt: VN('2026-02-12T09:00:00'),
  });
  return {
    ...facts,
    opening: {
      openedAt: VN('2026-02-12T09:05:00'),
      bidders: [
        { contractor: NAME_ONLY, bidPriceVnd: 240_000_000, finalPriceVnd: 240_000_000 },
        { contractor: RANK_2, bidPriceVnd: 260_000_000, finalPriceVnd: 250_000_000 },
      ],
    },
    results: [
      {
        version: '00',
        publishedAt: VN('2026-02-20T10:00:00'),
        bidders: [
          { contractor: NO_PRICE, isWinner: false, reason: 'Không đáp ứng về năng lực' },
          {
            contractor: RANK_3,
            isWinner: false,
            bidPriceVnd: 310_000_000,
            evaluatedPriceVnd: 300_000_000,
            reason: 'Xếp hạng 3',
          },
          { contractor: NAME_ONLY, isWinner: true, bidPriceVnd: 240_000_000, winningPriceVnd: 240_000_000 },
          {
            contractor: RANK_2,
            isWinner: false,
            bidPriceVnd: 260_000_000,
            finalPriceVnd: 250_000_000,
            reason: 'Xếp hạng 2',
          },
        ],
      },
    ],
  };
}

/** IB2600084951: only its version 01 was imported; version 00 is not known here. */
export function laterVersionNotice(): TbmtFacts {
  const at = VN('2026-03-09T15:06:00');
  const name = 'Sửa chữa hệ thống điều hòa trụ sở phường Hoàn Kiếm';
  return {
    notifyNo: 'IB2600084951',
    package: { name },
    versions: [
      {
        version: '01',
        publishedAt: at,
        name,
        investor: WARD,
        field: 'PTV',
        method: 'CHCT',
        priceVnd: 150_000_000,
        amendmentReason: 'Điều chỉnh thời điểm đóng thầu',
        bidCloseAt: VN('2026-03-19T09:00:00'),
      },
    ],
  };
}

/**
 * Notices for relevance: IB2600033301 and IB2600033302 hold "Hà Nội" as a phrase (in the name, in
 * the place); IB2600033303, the newest, has "nội soi" and "Hà Giang" but not "Hà Nội".
 */
export function haNoiNotices(): TbmtFacts[] {
  return [
    simple('IB2600033301', VN('2026-01-10T08:00:00'), 'Sửa chữa trụ sở Sở Y tế Hà Nội', {
      investor: WARD,
      field: 'XL',
      method: 'CHCT',
      priceVnd: 900_000_000,
    }),
    simple('IB2600033302', VN('2026-01-11T08:00:00'), 'Cải tạo đường ống cấp nước', {
      investor: WARD,
      field: 'XL',
      method: 'CHCT',
      priceVnd: 700_000_000,
      locations: [HANOI],
    }),
    simple('IB2600033303', VN('2026-01-20T08:00:00'), 'Mua dụng cụ phẫu thuật nội soi', {
      investor: { code: 'vnz000077777', name: 'Bệnh viện Đa khoa tỉnh Hà Giang' },
      field: 'HH',
      method: 'CHCT',
      priceVnd: 500_000_000,
    }),
  ];
}

/** Saves each notice through `saveTbmtFacts`, one transaction per notice. */
export async function saveFacts(
  database: Database,
  facts: TbmtFacts[],
  source: Source = 'muasamcong',
): Promise<void> {
  for (const f of facts) {
    await database.db.transaction().execute((tx) => saveTbmtFacts(tx, f, { actor: 'test', source }));
  }
}
