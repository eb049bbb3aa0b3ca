import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../src/db/connect.ts';
import { hasDemoData } from '../src/procurement/queries/demo.ts';
import { closingSoon, latestNotices, latestResults } from '../src/procurement/queries/home.ts';
import { parseNotifyNo } from '../src/procurement/queries/notify-no.ts';
import { findOrgCodeByTaxCode, getOrgProfile } from '../src/procurement/queries/org.ts';
import { phraseTsQuery, prefixTsQuery, searchTbmt } from '../src/procurement/queries/search.ts';
import { getTbmtStory } from '../src/procurement/queries/story.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  amendedNotice,
  cancelledNotice,
  laterVersionNotice,
  LOSER_TECH,
  NAME_ONLY,
  NO_PRICE,
  openNotice,
  RANK_2,
  RANK_3,
  rankedResultNotice,
  saveFacts,
  VN,
  WARD,
  WINNER,
} from './helpers/facts-fixtures.ts';

const NOW = VN('2026-05-01T12:00:00');

describe('read-side queries', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await saveFacts(database, [
      amendedNotice(),
      cancelledNotice(),
      openNotice(NOW),
      rankedResultNotice(),
      laterVersionNotice(),
    ]);
  });
  after(() => database.close());

  test('notice numbers parse with or without version suffix, any case', () => {
    assert.deepEqual(parseNotifyNo(' ib2600077452-01 '), { notifyNo: 'IB2600077452', version: '01' });
    assert.deepEqual(parseNotifyNo('IB2600077452'), { notifyNo: 'IB2600077452', version: null });
    assert.equal(parseNotifyNo('IB26000774'), null);
    assert.equal(parseNotifyNo('máy biến áp'), null);
  });

  test('tsquery text is built from folded words only', () => {
    assert.equal(prefixTsQuery('Máy  biến điện-áp'), 'may & bien & dien & ap:*');
    assert.equal(prefixTsQuery("a' | b:* & !c"), 'a & b & c:*');
    assert.equal(prefixTsQuery(' !&| '), null);
    assert.equal(phraseTsQuery('Hà  Nội'), 'ha <-> noi:*');
    assert.equal(phraseTsQuery('benh'), null, 'one word: no phrase');
    assert.equal(phraseTsQuery("a' <-> b"), 'a <-> b:*');
  });

  test('result bidders in rank order, local codes flagged', async () => {
    const story = await getTbmtStory(database.db, 'IB2600055501', NOW);
    assert.ok(story);
    const names = story.results[0]!.bidders.map((b) => b.contractor.name);
    assert.deepEqual(names, [NAME_ONLY.name, RANK_2.name, RANK_3.name, NO_PRICE.name]);
    const winner = story.results[0]!.bidders[0]!;
    assert.equal(winner.contractor.codeIsLocal, true);
    assert.match(winner.contractor.code, /^mb-/);
    assert.equal(story.results[0]!.bidders[1]!.contractor.codeIsLocal, false);
  });

  test('the first publication is not taken from a later version', async () => {
    const story = await getTbmtStory(database.db, 'IB2600084951', NOW);
    assert.equal(story?.versions[0]!.version, '01');
    assert.equal(story?.firstPublishedAt, null);
    const amended = await getTbmtStory(database.db, 'IB2600077452', NOW);
    assert.equal(amended?.firstPublishedAt?.toISOString(), VN('2026-03-02T08:00:00').toISOString());
  });

  test('the story has versions with changes, extension, opening, result and contract', async () => {
    const story = await getTbmtStory(database.db, 'IB2600077452-00', NOW);
    assert.ok(story);
    assert.equal(story.notifyNo, 'IB2600077452');
    assert.equal(story.state, 'awarded');
    assert.deepEqual(
      story.versions.map((v) => v.version),
      ['00', '01'],
    );
    assert.equal(story.current.version, '01');
    assert.equal(story.current.priceVnd, 235_500_000);
    const changed = story.versions[1]!.changes.map((c) => c.field);
    assert.ok(changed.includes('priceVnd') && changed.includes('bidCloseAt'), changed.join());
    assert.ok(!changed.includes('name'));
    assert.equal(story.bidCloseAt?.toISOString(), VN('2026-03-27T15:00:00').toISOString());
    assert.equal(story.plan?.planNo, 'PL2600044908');
    assert.equal(story.opening?.bidders.length, 3);
    assert.equal(story.opening?.bidders[0]!.contractor.code, WINNER.code);
    const result = story.results[0]!;
    assert.equal(result.bidders.filter((b) => b.isWinner).length, 1);
    assert.equal(result.items.length, 2);
    assert.equal(story.contracts[0]!.valueVnd, 219_994_920);
    assert.equal(story.cancellation, null);
  });

  test('unknown and malformed notice numbers have no story', async () => {
    assert.equal(await getTbmtStory(database.db, 'IB2699999999'), null);
    assert.equal(await getTbmtStory(database.db, 'nonsense'), null);
  });

  test('search is diacritic- and case-insensitive with prefix words', async () => {
    const r = await searchTbmt(database.db, { q: 'may bien DIEN ap', page: 1, pageSize: 20, now: NOW });
    assert.equal(r.total, 1);
    assert.equal(r.items[0]!.notifyNo, 'IB2600077452');
    const prefix = await searchTbmt(database.db, {
      q: 'nha VAN hoa to dan pho so 5',
      page: 1,
      pageSize: 20,
      now: NOW,
    });
    assert.deepEqual(
      prefix.items.map((i) => i.notifyNo),
      ['IB2600099001'],
    );
    const none = await searchTbmt(database.db, { q: 'xyzzy', page: 1, pageSize: 20, now: NOW });
    assert.equal(none.total, 0);
  });

  test('search by notice number is exact', async () => {
    const r = await searchTbmt(database.db, { q: 'ib2600026487-00', page: 1, pageSize: 20, now: NOW });
    assert.equal(r.exactCode, true);
    assert.deepEqual(
      r.items.map((i) => i.notifyNo),
      ['IB2600026487'],
    );
  });

  test('filters by state at a moment: open, closed, cancelled', async () => {
    const open = await searchTbmt(database.db, { state: 'open', page: 1, pageSize: 20, now: NOW });
    assert.deepEqual(
      open.items.map((i) => i.notifyNo),
      ['IB2600099001'],
    );
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const closed = await searchTbmt(database.db, { state: 'closed', page: 1, pageSize: 20, now: later });
    assert.deepEqual(
      closed.items.map((i) => i.notifyNo),
      ['IB2600099001', 'IB2600084951'],
      'the open notice once its closing time passed, and the one closed since March',
    );
    const cancelled = await searchTbmt(database.db, { state: 'cancelled', page: 1, pageSize: 20, now: NOW });
    assert.deepEqual(
      cancelled.items.map((i) => i.notifyNo),
      ['IB2600026487'],
    );
    const goods = await searchTbmt(database.db, {
      field: 'HH',
      method: 'DTRR',
      page: 1,
      pageSize: 20,
      now: NOW,
    });
    assert.deepEqual(
      goods.items.map((i) => i.notifyNo),
      ['IB2600077452'],
    );
  });

  test('home lists', async () => {
    const latest = await latestNotices(database.db, 10, NOW);
    assert.equal(latest[0]!.notifyNo, 'IB2600099001');
    const soon = await closingSoon(database.db, NOW);
    assert.deepEqual(
      soon.map((n) => n.notifyNo),
      ['IB2600099001'],
    );
    const results = await latestResults(database.db, 10, NOW);
    assert.equal(results[0]!.notifyNo, 'IB2600077452');
    assert.equal(results[0]!.winners[0]!.contractor.code, WINNER.code);
    assert.equal(results[0]!.winners[0]!.winningPriceVnd, 219_994_920);
  });

  test('organisation profile per role', async () => {
    const ward = await getOrgProfile(database.db, WARD.code!, { now: NOW });
    assert.ok(ward);
    // Investor (and procuring entity) of the cancelled, the open and the two fixtures: each once.
    assert.deepEqual(ward.asBuyer.items.map((i) => i.notifyNo).sort(), [
      'IB2600026487',
      'IB2600055501',
      'IB2600084951',
      'IB2600099001',
    ]);
    assert.equal(ward.asBuyer.total, 4);
    const roles = Object.fromEntries(ward.asBuyer.items.map((i) => [i.notifyNo, i.roles]));
    assert.deepEqual(roles.IB2600026487, ['investor', 'procuringEntity']);
    assert.deepEqual(roles.IB2600055501, ['investor']);
    assert.equal(ward.asBidder.total, 0);
    assert.equal(ward.codeIsLocal, false);
    const loser = await getOrgProfile(database.db, LOSER_TECH.code!.toUpperCase(), { now: NOW });
    assert.ok(loser);
    assert.equal(loser.asBidder.total, 1);
    assert.equal(loser.asBidder.items[0]!.won, false);
    assert.equal(loser.asBidder.items[0]!.bidPriceVnd, 227_800_000);
    const winner = await getOrgProfile(database.db, WINNER.code!, { now: NOW });
    assert.equal(winner?.asBidder.items[0]!.won, true);
    assert.equal(winner?.asBidder.items[0]!.winningPriceVnd, 219_994_920);
    assert.equal(await getOrgProfile(database.db, 'vn0000000000'), null);
    const pe = await getOrgProfile(database.db, 'vn0101234567', { now: NOW });
    assert.deepEqual(
      pe?.asBuyer.items.map((i) => [i.notifyNo, i.roles]),
      [
        ['IB2600077452', ['procuringEntity']],
        ['IB2600055501', ['procuringEntity']],
      ],
    );
  });

  test('a tax code leads to the organisation vn + tax code', async () => {
    assert.equal(await findOrgCodeByTaxCode(database.db, '0100100100'), WINNER.code);
    assert.equal(await findOrgCodeByTaxCode(database.db, ' 0100100100 '), WINNER.code);
    assert.equal(await findOrgCodeByTaxCode(database.db, '0999999999'), null);
    assert.equal(await findOrgCodeByTaxCode(database.db, 'vn0100100100'), null, 'already a code');
    assert.equal(await findOrgCodeByTaxCode(database.db, '01001001'), null);
  });

  test('demo data is detected from the notices or app_meta', async () => {
    assert.equal(await hasDemoData(database.db), false);
    await database.db
      .insertInto('app_meta')
      .values({ key: 'demo_loaded', value: JSON.stringify(true) })
      .execute();
    assert.equal(await hasDemoData(database.db), true);
    await database.db.deleteFrom('app_meta').where('key', '=', 'demo_loaded').execute();
  });
});
