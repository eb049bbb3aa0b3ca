/**
 * The portal's OCDS releases of a package, as saved through `saveTbmtFacts`: one release per
 * publication, the §8 mapping of codes, parties and money, amendments linked to what they amend,
 * immutability (a changed content is a new release, nothing is rewritten), audit and ledger.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../src/db/connect.ts';
import { loadOcdsConfig, OcdsConfigError } from '../src/opendata/config.ts';
import { saveTbmtFacts } from '../src/procurement/save.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  rankedResultNotice,
  saveFacts,
  VN,
  WINNER,
} from './helpers/facts-fixtures.ts';

type Rel = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function releasesOf(database: Database, ocid: string): Promise<Rel[]> {
  const r = await sql<{ doc: string }>`
    SELECT document::text AS doc FROM ocds_release WHERE ocid = ${ocid} ORDER BY release_date, seq`.execute(
    database.db,
  );
  return r.rows.map((x) => JSON.parse(x.doc) as Rel);
}

describe('OCDS releases of a saved package', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [amendedNotice(), cancelledNotice(), rankedResultNotice()]);
  });
  after(async () => {
    await database?.close();
  });

  test('every publication of IB2600077452 is one release with the tag of §8, in date order', async () => {
    const rels = await releasesOf(database, 'ocds-mbhn01-BP2600105679');
    assert.deepEqual(
      rels.map((r) => r.tag.join()),
      ['planning', 'tender', 'tenderAmendment', 'tenderUpdate', 'tenderUpdate', 'award', 'contract'],
    );
    for (const r of rels) {
      assert.equal(r.ocid, 'ocds-mbhn01-BP2600105679');
      assert.equal(r.initiationType, 'tender');
      assert.match(r.id, /^[a-z]+-[A-Za-z0-9_.-]+-[0-9a-f]{10}$/);
    }
    const dates = rels.map((r) => Date.parse(r.date));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => a - b),
    );
  });

  test('the tender release maps method, category, money, periods and parties', async () => {
    const [planning, tender] = await releasesOf(database, 'ocds-mbhn01-BP2600105679');
    assert.deepEqual(planning!.relatedProcesses, [
      {
        id: 'PL2600044908',
        relationship: ['planning'],
        title: 'Kế hoạch lựa chọn nhà thầu mua sắm thiết bị điện năm 2026',
        scheme: 'VN-KHLCNT',
        identifier: 'PL2600044908',
      },
    ]);
    assert.equal(planning!.date, VN('2026-02-12T10:00:00').toISOString().replace('.000Z', 'Z'));
    const t = tender!.tender;
    assert.equal(t.id, 'IB2600077452');
    assert.equal(t.status, 'active');
    assert.equal(t.procurementMethod, 'open');
    assert.match(
      t.procurementMethodDetails,
      /^Đấu thầu rộng rãi; Một giai đoạn một túi hồ sơ; Hợp đồng trọn gói$/,
    );
    assert.equal(t.mainProcurementCategory, 'goods');
    assert.deepEqual(t.value, { amount: 230_000_000, currency: 'VND' });
    assert.deepEqual(t.tenderPeriod, { startDate: '2026-03-02T01:00:00Z', endDate: '2026-03-20T02:00:00Z' });
    assert.deepEqual(t.contractPeriod, { durationInDays: 90 });
    assert.deepEqual(t.submissionMethod, ['electronicSubmission']);
    assert.deepEqual(t.bidOpening.date, '2026-03-20T02:30:00Z');
    assert.deepEqual(tender!.buyer, {
      id: 'vnz000012345',
      name: 'Ban Quản lý dự án đầu tư xây dựng công trình Điện lực Hà Nội',
    });
    assert.deepEqual(t.procuringEntity, {
      id: 'vn0101234567',
      name: 'Công ty Cổ phần Tư vấn Đấu thầu Thăng Long',
    });
    const pe = tender!.parties.find((p: Rel) => p.id === 'vn0101234567');
    assert.deepEqual(pe.identifier, {
      scheme: 'VN-MST',
      id: '0101234567',
      legalName: 'Công ty Cổ phần Tư vấn Đấu thầu Thăng Long',
    });
    assert.deepEqual(pe.roles, ['procuringEntity']);
    const buyer = tender!.parties.find((p: Rel) => p.id === 'vnz000012345');
    assert.equal(buyer.identifier.scheme, 'VN-MSC', 'a vnz… unit without tax code keeps its national code');
    // No empty values anywhere (the Data Review Tool reports "", {}, []).
    assert.doesNotMatch(JSON.stringify(tender), /""|\{\}|\[\]|null/);
  });

  test('the amendment names what it amends and itself; the extension moves the closing time', async () => {
    const rels = await releasesOf(database, 'ocds-mbhn01-BP2600105679');
    const [, tender, amendment, extension] = rels;
    const a = amendment!.tender.amendments[0];
    assert.equal(a.amendsReleaseID, tender!.id);
    assert.equal(a.releaseID, amendment!.id);
    assert.match(a.rationale, /Điều chỉnh giá gói thầu/);
    assert.deepEqual(amendment!.tender.value, { amount: 235_500_000, currency: 'VND' });
    assert.equal(extension!.tender.tenderPeriod.endDate, '2026-03-27T08:00:00Z');
    assert.equal(extension!.tender.bidOpening.date, '2026-03-27T08:30:00Z');
    assert.match(extension!.tender.amendments[0].rationale, /Gia hạn/);
  });

  test('the bid opening carries the bids; the result awards the winner and links its bid and goods', async () => {
    const rels = await releasesOf(database, 'ocds-mbhn01-BP2600105679');
    const opening = rels.find((r) => r.id.startsWith('opening-'))!;
    assert.equal(opening.tender.numberOfTenderers, 3);
    assert.equal(opening.bids.details.length, 3);
    const winBid = opening.bids.details.find((b: Rel) => b.id === WINNER.code);
    assert.deepEqual(winBid.value, { amount: 219_994_920, currency: 'VND' });
    assert.deepEqual(winBid.validityPeriod, { durationInDays: 120 });
    const award = rels.find((r) => r.tag[0] === 'award')!;
    assert.equal(award.tender.status, 'complete');
    assert.equal(award.awards.length, 1);
    const aw = award.awards[0];
    assert.equal(aw.id, `IB2600077452/${WINNER.code}`);
    assert.deepEqual(aw.value, { amount: 219_994_920, currency: 'VND' });
    assert.deepEqual(aw.suppliers, [{ id: WINNER.code, name: WINNER.name }]);
    assert.deepEqual(aw.relatedBids, [WINNER.code]);
    assert.equal(aw.items.length, 2);
    assert.deepEqual(aw.items[0].unit, { name: 'cái', value: { amount: 31_500_000, currency: 'VND' } });
    const winner = award.parties.find((p: Rel) => p.id === WINNER.code);
    assert.deepEqual(winner.roles, ['tenderer', 'supplier']);
    const loser = award.bids.details.find((b: Rel) => b.id === 'vn0105550001');
    assert.match(loser.description, /Không đáp ứng yêu cầu về kỹ thuật/);
    const contract = rels.find((r) => r.tag[0] === 'contract')!;
    assert.equal(contract.contracts[0].awardID, aw.id);
    assert.deepEqual(contract.contracts[0].value, { amount: 219_994_920, currency: 'VND' });
  });

  test('a cancelled notice gets a tenderCancellation; a package without BP number gets an IB ocid', async () => {
    const rels = await releasesOf(database, 'ocds-mbhn01-IB2600026487');
    assert.deepEqual(
      rels.map((r) => r.tag[0]),
      ['tender', 'tenderCancellation'],
    );
    const c = rels[1]!;
    assert.equal(c.tender.status, 'cancelled');
    assert.equal(c.tender.documents[0].documentType, 'cancellationDetails');
    assert.equal(rels[0]!.tender.procurementMethod, 'open', 'CHCT is open');
    assert.equal(rels[0]!.tender.mainProcurementCategory, 'services');
  });

  test('a bidder known only by name is a party without identifier', async () => {
    const ocid = (
      await database.db
        .selectFrom('ocds_process')
        .innerJoin('tbmt', 'tbmt.package_id', 'ocds_process.package_id')
        .select('ocid')
        .where('tbmt.notify_no', '=', 'IB2600055501')
        .executeTakeFirstOrThrow()
    ).ocid;
    const award = (await releasesOf(database, ocid)).find((r) => r.tag[0] === 'award')!;
    const local = award.parties.find((p: Rel) => p.id.startsWith('mb-'));
    assert.ok(local, 'the name-only bidder is a party');
    assert.equal(local.identifier, undefined);
  });

  test('saving the same facts again stores nothing; new content is a new release, old ones untouched', async () => {
    const before = await sql<{ n: number; d: string }>`
      SELECT count(*)::int AS n, string_agg(digest, ',' ORDER BY seq) AS d FROM ocds_release`.execute(
      database.db,
    );
    await saveFacts(database, [amendedNotice()]);
    const same = await sql<{ n: number; d: string }>`
      SELECT count(*)::int AS n, string_agg(digest, ',' ORDER BY seq) AS d FROM ocds_release`.execute(
      database.db,
    );
    assert.deepEqual(same.rows[0], before.rows[0]);

    // A second source fills the result's report file: the award release changes, so a new one is stored.
    const facts = amendedNotice();
    facts.results![0]!.reportFile = 'BCDG-125.pdf';
    await database.db
      .transaction()
      .execute((tx) => saveTbmtFacts(tx, facts, { actor: 'test-2', source: 'muasamcong' }));
    const rels = await releasesOf(database, 'ocds-mbhn01-BP2600105679');
    const awards = rels.filter((r) => r.tag[0] === 'award');
    assert.equal(awards.length, 2, 'the first award release is kept, the corrected one added');
    assert.notEqual(awards[0]!.id, awards[1]!.id);
    assert.ok(awards[1]!.awards[0].documents.some((d: Rel) => d.title === 'BCDG-125.pdf'));
    const after = await sql<{
      d: string;
    }>`SELECT string_agg(digest, ',' ORDER BY seq) AS d FROM ocds_release`.execute(database.db);
    assert.ok(after.rows[0]!.d.startsWith(before.rows[0]!.d), 'stored releases are never changed');
  });

  test('every stored release is audited and chained in the ledger in the same transaction', async () => {
    const n = await sql<{ r: number; a: number; l: number; p: number; ap: number }>`
      SELECT (SELECT count(*)::int FROM ocds_release) AS r,
             (SELECT count(*)::int FROM audit_log WHERE entity = 'ocds_release') AS a,
             (SELECT count(*)::int FROM ledger_entry WHERE kind = 'ocds-release') AS l,
             (SELECT count(*)::int FROM ocds_process) AS p,
             (SELECT count(*)::int FROM audit_log WHERE entity = 'ocds_process') AS ap`.execute(database.db);
    const c = n.rows[0]!;
    assert.ok(c.r > 10);
    assert.equal(c.a, c.r);
    assert.equal(c.l, c.r);
    assert.equal(c.ap, c.p);
    const one = await sql<{ ref: string; content_hash: string; digest: string }>`
      SELECT l.ref, l.content_hash, r.digest FROM ledger_entry l
        JOIN ocds_release r ON l.ref = r.ocid || '/' || r.release_id LIMIT 1`.execute(database.db);
    assert.equal(one.rows[0]!.content_hash, one.rows[0]!.digest);
  });

  test('a failed save publishes nothing', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ocds_release`.execute(database.db);
    const facts = amendedNotice();
    facts.notifyNo = 'IB2600077999';
    facts.package = { ...facts.package!, bidNo: 'BP2600999999' };
    await assert.rejects(
      database.db.transaction().execute(async (tx) => {
        await saveTbmtFacts(tx, facts, { actor: 'test', source: 'muasamcong' });
        throw new Error('abort after the save');
      }),
    );
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ocds_release`.execute(database.db);
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
  });
});

describe('OCDS configuration', () => {
  test('the ocid prefix comes from MINHBACH_OCID_PREFIX and must be ocds- + 6 letters/digits', () => {
    assert.equal(loadOcdsConfig({}).ocidPrefix, 'ocds-mbhn01');
    assert.equal(loadOcdsConfig({ MINHBACH_OCID_PREFIX: 'ocds-abc123' }).ocidPrefix, 'ocds-abc123');
    for (const bad of ['ocds-ABC123', 'ocds-abc12', 'ocds-abc1234', 'abc-abc123']) {
      assert.throws(() => loadOcdsConfig({ MINHBACH_OCID_PREFIX: bad }), OcdsConfigError, bad);
    }
  });
});
