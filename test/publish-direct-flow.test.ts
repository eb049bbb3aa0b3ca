/**
 * The README's way to try a package's whole life in one sitting: a direct-appointment notice (no
 * minimum bidding period) under the 500,000,000 ₫ limit, closing a few seconds ahead, publishes
 * without a block or a flag; once the closing time has passed, its bid opening, result and contract
 * publish at once, and the public page shows them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { vnDateOf } from '../src/calendar/dates.ts';
import { createTestDatabase } from './helpers/db.ts';
import { api, publishFixture, tbmtPayload, type PublishFixture } from './helpers/publish.ts';

describe('the whole life of a direct appointment, as the README says', () => {
  let f: PublishFixture;
  before(async () => {
    f = await publishFixture(await createTestDatabase());
  });
  after(async () => {
    await f.app.close();
    await f.database.close();
  });

  test('closing seconds ahead; then opening, result and contract at once', async () => {
    const closeAt = new Date(Date.now() + 3_000);
    const tbmt = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/tbmt', {
      agencyCode: 'so-tc',
      payload: tbmtPayload(0, {
        name: 'Mua máy in cho bộ phận một cửa',
        method: 'CDT',
        priceVnd: 300_000_000,
        estimateVnd: 300_000_000,
        bidSecurityVnd: undefined,
        bidSecurityValidityDays: undefined,
        bidSecurityForm: undefined,
        bidCloseAt: closeAt.toISOString(),
        bidOpenAt: new Date(closeAt.getTime() + 1_000).toISOString(),
      }),
    });
    assert.equal(tbmt.statusCode, 201, tbmt.body);
    assert.deepEqual(tbmt.json().flags, [], 'no flag for a direct appointment under the limit');
    const no = tbmt.json().notifyNo as string;

    const early = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        openedAt: new Date().toISOString(),
        bidders: [{ name: 'Công ty A', bidPriceVnd: 1 }],
      },
    });
    assert.equal(early.statusCode, 400, 'not before the closing time');

    await sleep(Math.max(0, closeAt.getTime() + 1_500 - Date.now()));
    const opening = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/opening', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        openedAt: new Date().toISOString(),
        bidders: [
          { name: 'Công ty TNHH Thiết bị văn phòng Hà Nội', taxCode: '0101234567', bidPriceVnd: 289_000_000 },
        ],
      },
    });
    assert.equal(opening.statusCode, 201, opening.body);
    const result = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/result', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        decisionNo: '15/QĐ-STC',
        decisionDate: vnDateOf(new Date()),
        bidders: [
          {
            name: 'Công ty TNHH Thiết bị văn phòng Hà Nội',
            taxCode: '0101234567',
            isWinner: true,
            winningPriceVnd: 289_000_000,
          },
        ],
      },
    });
    assert.equal(result.statusCode, 201, result.body);
    const contract = await api(f.app, f.tokenX, 'POST', '/api/v1/publish/contract', {
      agencyCode: 'so-tc',
      payload: {
        notifyNo: no,
        contractNo: '07/2026/HĐ-STC',
        supplierName: 'Công ty TNHH Thiết bị văn phòng Hà Nội',
        supplierTaxCode: '0101234567',
        valueVnd: 289_000_000,
        signedAt: new Date().toISOString(),
      },
    });
    assert.equal(contract.statusCode, 201, contract.body);
    const page = await f.app.inject({ url: `/tbmt/${no}` });
    assert.match(page.body, /07\/2026\/HĐ-STC/);
    assert.match(page.body, /289\.000\.000/);
  });
});
