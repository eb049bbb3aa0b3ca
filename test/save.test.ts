import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import type { TbmtFacts } from '../src/procurement/facts.ts';
import { FactsError, saveTbmtFacts } from '../src/procurement/save.ts';
import { createTestDatabase } from './helpers/db.ts';
import { tableCounts } from './helpers/snapshot.ts';

const VN = (s: string) => new Date(`${s}+07:00`);

function facts(): TbmtFacts {
  return {
    notifyNo: 'IB2699000001',
    firstPublishedAt: VN('2026-03-13T16:13:05'),
    khlcnt: {
      planNo: 'PL2699000001',
      name: 'Kế hoạch mua sắm 2026',
      investor: { code: 'vn0100000001', name: 'Sở Y tế Hà Nội' },
    },
    package: {
      bidNo: 'BP2699000001',
      name: 'Mua sắm máy biến điện áp 220kV',
      field: 'HH',
      priceVnd: 412_560_000,
    },
    versions: [
      {
        version: '00',
        name: 'Mua sắm máy biến điện áp 220kV',
        publishedAt: VN('2026-03-13T16:13:05'),
        investor: { code: 'vn0100000001', name: 'Sở Y tế Hà Nội' },
        procuringEntity: { code: 'vn0100000001', name: 'Sở Y tế Hà Nội' },
        field: 'HH',
        method: 'DTRR',
        priceVnd: 412_560_000,
        bidCloseAt: VN('2026-03-24T15:00:00'),
        locations: [{ provinceCode: '01', provinceName: 'Thành phố Hà Nội', wardName: 'Phường Hoàn Kiếm' }],
      },
    ],
    opening: {
      openedAt: VN('2026-03-24T16:03:00'),
      bidders: [
        {
          contractor: { code: 'vn0317079577', name: 'CÔNG TY TNHH ĐIỆN NAM SÀI GÒN' },
          bidPriceVnd: 219_994_920,
        },
        {
          contractor: { code: 'vn0110435973', name: 'Công ty Cổ Phần Năng Lượng Fcom' },
          bidPriceVnd: 378_756_000,
        },
      ],
    },
    results: [
      {
        version: '00',
        decisionNo: '196/QĐ-TĐSS',
        publishedAt: VN('2026-04-29T16:06:52'),
        bidders: [
          {
            contractor: { code: 'vn0317079577', name: 'CÔNG TY TNHH ĐIỆN NAM SÀI GÒN' },
            isWinner: true,
            winningPriceVnd: 219_994_920,
          },
          {
            contractor: { code: 'vn0110435973', name: 'Công ty Cổ Phần Năng Lượng Fcom' },
            isWinner: false,
            reason: 'Nhà thầu xếp hạng 2.',
          },
        ],
      },
    ],
  };
}

describe('saveTbmtFacts', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  test('creates the whole story and audits every row in the same transaction', async () => {
    const stats = await database.db
      .transaction()
      .execute((tx) => saveTbmtFacts(tx, facts(), { actor: 'test', source: 'demo' }));
    assert.equal(stats.byEntity.tbmt?.created, 1);
    assert.equal(stats.byEntity.bid_opening_bidder?.created, 2);
    assert.equal(stats.byEntity.kqlcnt_bidder?.created, 2);
    const c = await tableCounts(database.db);
    assert.equal(c.org, 3);
    const created =
      c.org! +
      c.khlcnt! +
      c.package! +
      c.tbmt! +
      c.tbmt_version! +
      c.tbmt_location! +
      c.bid_opening! +
      c.bid_opening_bidder! +
      c.kqlcnt! +
      c.kqlcnt_bidder! +
      c.ocds_process! +
      c.ocds_release!;
    assert.equal(c.audit_log, created, 'one audit record per row written');
    const search = await database.db.selectFrom('tbmt_search').selectAll().executeTakeFirstOrThrow();
    assert.equal(search.state, 'awarded');
    assert.match(search.folded, /may bien dien ap 220kv/);
    assert.match(search.folded, /phuong hoan kiem/);
    assert.deepEqual(search.province_codes, ['01']);
    assert.equal(search.bid_close_at?.toISOString(), '2026-03-24T08:00:00.000Z');
  });

  test('saving the same facts again changes nothing', async () => {
    const before = await tableCounts(database.db);
    const searchRowVersion = async () =>
      (await sql<{ x: string }>`SELECT xmin::text AS x FROM tbmt_search`.execute(database.db)).rows;
    const searchBefore = await searchRowVersion();
    const stats = await database.db
      .transaction()
      .execute((tx) => saveTbmtFacts(tx, facts(), { actor: 'test', source: 'demo' }));
    for (const [entity, c] of Object.entries(stats.byEntity)) {
      assert.equal(c.created + c.updated, 0, `${entity} should be unchanged`);
    }
    assert.deepEqual(await tableCounts(database.db), before);
    assert.deepEqual(await searchRowVersion(), searchBefore, 'the search row is not even rewritten');
  });

  test('a later source fills gaps but never overwrites: differences are reported as conflicts', async () => {
    const f = facts();
    f.versions![0]!.bidSecurityVnd = 6_000_000; // new information
    f.versions![0]!.priceVnd = 1; // contradicts the stored price
    const stats = await database.db
      .transaction()
      .execute((tx) => saveTbmtFacts(tx, f, { actor: 'test', source: 'muasamcong' }));
    assert.equal(stats.byEntity.tbmt_version?.updated, 1);
    assert.deepEqual(
      stats.conflicts.map((c) => [c.entity, c.column, c.stored, c.offered]),
      [['tbmt_version', 'price_vnd', 412_560_000, 1]],
    );
    const v = await database.db.selectFrom('tbmt_version').selectAll().executeTakeFirstOrThrow();
    assert.equal(v.price_vnd, 412_560_000);
    assert.equal(v.bid_security_vnd, 6_000_000);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'update')
      .execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.old_value, { bid_security_vnd: null });
    assert.deepEqual(audit[0]!.new_value, { bid_security_vnd: 6_000_000 });
  });

  test('bad facts throw FactsError with a pointer and the transaction leaves nothing behind', async () => {
    const before = await tableCounts(database.db);
    const bad: TbmtFacts = {
      notifyNo: 'IB2699000002',
      versions: [{ version: '00', name: 'Gói mới' }],
      results: [{ version: 'x', bidders: [] }],
    };
    await assert.rejects(
      database.db.transaction().execute((tx) => saveTbmtFacts(tx, bad, { actor: 'test', source: 'demo' })),
      (err: unknown) => err instanceof FactsError && err.pointer === '/results/0/version',
    );
    await assert.rejects(
      database.db
        .transaction()
        .execute((tx) => saveTbmtFacts(tx, { notifyNo: 'IB2699000003' }, { actor: 'test', source: 'demo' })),
      (err: unknown) => err instanceof FactsError && err.pointer === '/package/name',
    );
    await assert.rejects(
      database.db
        .transaction()
        .execute((tx) => saveTbmtFacts(tx, { notifyNo: 'X1' }, { actor: 'test', source: 'demo' })),
      FactsError,
    );
    assert.deepEqual(await tableCounts(database.db), before);
  });

  test('an organisation named without a code is matched by its folded name, else gets a stable local code', async () => {
    const f: TbmtFacts = {
      notifyNo: 'IB2699000004',
      versions: [{ version: '00', name: 'Gói thầu thử', investor: { name: 'sở y tế hà nội' } }],
      opening: { bidders: [{ contractor: { name: 'Công ty chưa có mã số thuế' } }] },
    };
    await database.db.transaction().execute((tx) => saveTbmtFacts(tx, f, { actor: 'test', source: 'demo' }));
    const v = await database.db
      .selectFrom('tbmt_version')
      .innerJoin('org', 'org.id', 'tbmt_version.investor_id')
      .select(['org.code'])
      .where('tbmt_version.name', '=', 'Gói thầu thử')
      .executeTakeFirstOrThrow();
    assert.equal(v.code, 'vn0100000001');
    const local = await database.db.selectFrom('org').selectAll().where('code_is_local', '=', true).execute();
    assert.equal(local.length, 1);
    assert.match(local[0]!.code, /^mb-[0-9a-f]{12}$/);
  });

  test('concurrent saves of the same new notice give one notice and no error', async () => {
    const f = (): TbmtFacts => ({
      notifyNo: 'IB2699000010',
      versions: [
        { version: '00', name: 'Gói song song', investor: { code: 'vn0100000010', name: 'Đơn vị mới' } },
      ],
      opening: { bidders: [{ contractor: { code: 'vn0100000011', name: 'Nhà thầu mới' }, bidPriceVnd: 1 }] },
    });
    await Promise.all(
      [1, 2, 3].map(() =>
        database.db.transaction().execute((tx) => saveTbmtFacts(tx, f(), { actor: 'test', source: 'demo' })),
      ),
    );
    const n = await database.db
      .selectFrom('tbmt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notify_no', '=', 'IB2699000010')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
    const orgs = await database.db
      .selectFrom('org')
      .select('code')
      .where('code', 'in', ['vn0100000010', 'vn0100000011'])
      .execute();
    assert.equal(orgs.length, 2);
  });

  test('a malformed organisation code is not used as an identity', async () => {
    const f: TbmtFacts = {
      notifyNo: 'IB2699000011',
      versions: [
        {
          version: '00',
          name: 'Gói mã lạ',
          investor: { code: 'VN 0100 "><svg onload=1>', name: 'Sở Y tế Hà Nội' },
        },
      ],
    };
    await database.db.transaction().execute((tx) => saveTbmtFacts(tx, f, { actor: 'test', source: 'demo' }));
    const bad = await database.db.selectFrom('org').select('code').where('code', 'like', '% %').execute();
    assert.deepEqual(bad, []);
    const v = await database.db
      .selectFrom('tbmt_version')
      .innerJoin('org', 'org.id', 'tbmt_version.investor_id')
      .select('org.code')
      .where('tbmt_version.name', '=', 'Gói mã lạ')
      .executeTakeFirstOrThrow();
    assert.equal(v.code, 'vn0100000001', 'matched by its name instead');
  });

  test('real data named without a code is never matched to a demo organisation', async () => {
    await database.db.transaction().execute((tx) =>
      saveTbmtFacts(
        tx,
        {
          notifyNo: 'IB2699000020',
          versions: [
            {
              version: '00',
              name: 'Gói demo',
              investor: { code: 'vnz099000001', name: 'Bệnh viện Thanh Nhàn' },
            },
          ],
        },
        { actor: 'test', source: 'demo' },
      ),
    );
    await database.db.transaction().execute((tx) =>
      saveTbmtFacts(
        tx,
        {
          notifyNo: 'IB2600000021',
          versions: [{ version: '00', name: 'Gói thật', investor: { name: 'Bệnh viện Thanh Nhàn' } }],
        },
        { actor: 'test', source: 'muasamcong' },
      ),
    );
    const real = await database.db
      .selectFrom('tbmt_version')
      .innerJoin('org', 'org.id', 'tbmt_version.investor_id')
      .select(['org.code', 'org.source'])
      .where('tbmt_version.name', '=', 'Gói thật')
      .executeTakeFirstOrThrow();
    assert.equal(real.source, 'muasamcong');
    assert.match(real.code, /^mb-/);
  });
});
