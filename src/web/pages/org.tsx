/**
 * `/to-chuc/{code}`: an organisation's page. For an agency it is its procurement portal (totals by
 * year, sub-units, open notices, results, plans, every notice); for a contractor its record (bids,
 * wins, win rate, awarded value, agencies, co-bidders, every bid). One organisation can be both.
 */
import type { ComponentChildren } from 'preact';
import { NATIONAL_ORG_CODE } from '../../procurement/identifiers.ts';
import type { OrgProfile } from '../../procurement/queries/org.ts';
import { Facts, Heading, Org, Text } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { AgencySections, isAgency } from './profile-buyer.tsx';
import { ContractorSections, isContractor } from './profile-contractor.tsx';

/**
 * The label and explanation of an organisation's code: national (`vn…`, `vnz…`), a unit code given on
 * minhbach (`minhbach admin agency add`), local to minhbach (source gave no code), or demo.
 */
function codeFact(org: OrgProfile): [string, ComponentChildren] {
  if (org.codeIsLocal) {
    return [
      'Mã nội bộ của minhbach',
      <>
        <span class="code">{org.code}</span>
        <p class="hint">
          Nguồn dữ liệu chỉ ghi tên tổ chức, không ghi mã trên Hệ thống mạng đấu thầu quốc gia; minhbach tự
          đặt mã này từ tên để làm địa chỉ trang. Đây không phải mã chính thức.{' '}
          <span lang="en">Internal minhbach code: the source gave no official code.</span>
        </p>
      </>,
    ];
  }
  if (org.source === 'demo') {
    return [
      'Mã trong dữ liệu minh họa',
      <>
        <span class="code">{org.code}</span>
        <p class="hint">
          Mã (và mã số thuế, nếu có) do bộ dữ liệu minh họa (demo) đặt, không phải mã trên Hệ thống mạng đấu
          thầu quốc gia.
        </p>
      </>,
    ];
  }
  if (!NATIONAL_ORG_CODE.test(org.code)) {
    return [
      'Mã đơn vị trên minhbach',
      <>
        <span class="code">{org.code}</span>
        <p class="hint">
          Mã do quản trị viên minhbach đặt khi thêm đơn vị, không phải mã trên Hệ thống mạng đấu thầu quốc
          gia. <span lang="en">Unit code given on minhbach, not a national e-procurement code.</span>
        </p>
      </>,
    ];
  }
  return ['Mã trên Hệ thống mạng đấu thầu quốc gia', <span class="code">{org.code}</span>];
}

/** The organisation page. */
export function OrgPage({ ctx, org }: { ctx: PageContext; org: OrgProfile }) {
  const agency = isAgency(org);
  const contractor = isContractor(org);
  const roles = [agency ? 'Chủ đầu tư / bên mời thầu' : null, contractor ? 'Nhà thầu' : null].filter(
    (r): r is string => r !== null,
  );
  return (
    <Layout ctx={ctx} title={org.name}>
      <p class="kicker">
        Tổ chức · <span lang="en">Organisation</span>
      </p>
      <Heading level={1} vi={org.name} />
      <Facts
        rows={[
          codeFact(org),
          ['Mã số thuế', <Text value={org.taxCode} />],
          ['Tên tiếng Anh', <Text value={org.nameEn} />],
          [
            'Loại đơn vị',
            <>
              {org.kind.vi}{' '}
              <span class="gloss" lang="en">
                {org.kind.en}
              </span>
            </>,
          ],
          ...(org.parent
            ? [['Đơn vị cấp trên', <Org org={org.parent} />] as [string, ComponentChildren]]
            : []),
          ['Vai trò trong đấu thầu', <Text value={roles.join(', ')} />],
        ]}
      />
      {agency && contractor ? (
        <nav class="toc" aria-label="Trên trang này">
          <Heading level={2} vi="Trên trang này" en="On this page" />
          <ol>
            <li>
              <a href="#co-quan-moi-thau">Mua sắm của đơn vị</a>
            </li>
            <li>
              <a href="#nha-thau-tong-hop">Tham gia dự thầu</a>
            </li>
          </ol>
        </nav>
      ) : null}
      {agency ? <AgencySections org={org} /> : null}
      {contractor ? <ContractorSections org={org} /> : null}
      {!agency && !contractor ? (
        <p class="empty">Chưa có gói thầu hay kế hoạch nào ghi tên tổ chức này.</p>
      ) : null}
    </Layout>
  );
}
