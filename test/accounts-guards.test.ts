import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishRefusal, type Principal } from '../src/accounts/access.ts';
import { checkAgencyInput, getAgency, saveAgency } from '../src/accounts/agencies.ts';
import { AccountError } from '../src/accounts/errors.ts';
import type { Database } from '../src/db/connect.ts';
import { agencyAndSubUnitCodes } from '../src/procurement/queries/agency-tree.ts';
import { vnTime } from '../src/text/time.ts';
import { assertCanPublishFor } from '../src/web/auth/guards.ts';
import { HttpError } from '../src/web/errors.ts';
import { createTestDatabase } from './helpers/db.ts';
import { seedAgencies } from './helpers/accounts.ts';

const publisher = (agencyCode: string, kind: Principal['kind'] = 'account'): Principal => ({
  kind,
  id: 1,
  role: 'publisher',
  agencyCode,
  actor: `${kind}:1`,
  name: 'test',
});
const AT_2026 = vnTime(2026, 3, 1, 9);

describe('agency tree and publishing rights', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await seedAgencies(database.db);
  });
  after(async () => database.close());

  test('an agency with its sub-units, for search and rights', async () => {
    const db = database.db;
    assert.deepEqual(await agencyAndSubUnitCodes(db, 'so-tc'), ['so-tc', 'bqlda-tc']);
    assert.deepEqual(await agencyAndSubUnitCodes(db, 'q-hk'), ['q-hk', 'p-hang-bac']);
    const all = await agencyAndSubUnitCodes(db, 'hn');
    assert.equal(all[0], 'hn');
    assert.deepEqual([...all].sort(), ['bqlda-tc', 'hn', 'p-hang-bac', 'p-hk', 'q-hk', 'so-tc', 'so-xd']);
    assert.deepEqual(await agencyAndSubUnitCodes(db, 'khong-co'), []);
  });

  test('a publisher acts for its agency and the units below it, not for siblings or parents', async () => {
    const db = database.db;
    const p = publisher('so-tc');
    assert.equal(await publishRefusal(db, p, 'so-tc', AT_2026), null, 'own agency');
    assert.equal(await publishRefusal(db, p, 'bqlda-tc', AT_2026), null, 'child');
    assert.equal(await publishRefusal(db, p, 'BQLDA-TC', AT_2026), null, 'codes are case-insensitive');
    assert.deepEqual(await publishRefusal(db, p, 'so-xd', AT_2026), {
      reason: 'outside',
      agencyCode: 'so-xd',
      ownAgency: 'so-tc',
    });
    assert.equal((await publishRefusal(db, p, 'hn', AT_2026))?.reason, 'outside', 'parent');
    assert.equal((await publishRefusal(db, p, 'khong-co', AT_2026))?.reason, 'unknown-agency');
    // The management board publishes for itself only.
    assert.equal((await publishRefusal(db, publisher('bqlda-tc'), 'so-tc', AT_2026))?.reason, 'outside');
    // The city publishes for every current unit below it.
    for (const code of ['hn', 'so-tc', 'bqlda-tc', 'so-xd', 'p-hk']) {
      assert.equal(await publishRefusal(db, publisher('hn'), code, AT_2026), null, code);
    }
  });

  test('units dissolved in the 2025 reform: no publishing for them, nor by their publishers, after the last day', async () => {
    const db = database.db;
    const city = publisher('hn');
    const refusal = await publishRefusal(db, city, 'q-hk', AT_2026);
    assert.deepEqual(refusal, {
      reason: 'expired',
      agencyCode: 'q-hk',
      validFrom: null,
      validTo: '2025-06-30',
      successorCode: 'p-hk',
    });
    // The last day counts in Vietnam time: 30/06/2025 23:59 is still allowed, 01/07/2025 00:00 is not.
    assert.equal(await publishRefusal(db, city, 'p-hang-bac', vnTime(2025, 6, 30, 23, 59)), null);
    assert.equal((await publishRefusal(db, city, 'p-hang-bac', vnTime(2025, 7, 1, 0, 0)))?.reason, 'expired');
    // The new ward does not exist before 1 July 2025.
    assert.equal((await publishRefusal(db, city, 'p-hk', vnTime(2025, 6, 30, 12)))?.reason, 'expired');
    assert.equal(await publishRefusal(db, city, 'p-hk', vnTime(2025, 7, 1, 8)), null);
    // A publisher of the dissolved district.
    const district = publisher('q-hk');
    assert.equal(await publishRefusal(db, district, 'p-hang-bac', vnTime(2025, 6, 1)), null);
    assert.deepEqual(await publishRefusal(db, district, 'p-hang-bac', AT_2026), {
      reason: 'own-expired',
      ownAgency: 'q-hk',
      validTo: '2025-06-30',
      successorCode: 'p-hk',
    });
  });

  test('administrators and monitors do not publish; an API token acts as a publisher of its agency', async () => {
    const db = database.db;
    for (const role of ['admin', 'monitor'] as const) {
      const p: Principal = { ...publisher('so-tc'), role, agencyCode: null };
      assert.deepEqual(await publishRefusal(db, p, 'so-tc', AT_2026), { reason: 'role', role });
    }
    const token = publisher('so-tc', 'token');
    assert.equal(await publishRefusal(db, token, 'bqlda-tc', AT_2026), null);
    assert.equal((await publishRefusal(db, token, 'so-xd', AT_2026))?.reason, 'outside');
  });

  test('assertCanPublishFor throws the catalogue error 403 forbidden-agency, in both languages', async () => {
    await assertCanPublishFor(database.db, publisher('so-tc'), 'bqlda-tc', AT_2026);
    await assert.rejects(
      assertCanPublishFor(database.db, publisher('so-tc'), 'so-xd', AT_2026),
      (err: unknown) => {
        assert.ok(err instanceof HttpError);
        assert.equal(err.statusCode, 403);
        assert.equal(err.code, 'forbidden-agency');
        assert.match(err.message, /only, not for "so-xd"/);
        assert.match(err.messageVi, /chỉ được đăng thông tin cho đơn vị “so-tc” và các đơn vị trực thuộc/);
        return true;
      },
    );
    await assert.rejects(
      assertCanPublishFor(database.db, publisher('hn'), 'q-hk', AT_2026),
      (err: unknown) => {
        assert.ok(err instanceof HttpError);
        assert.match(err.messageVi, /ngừng hoạt động từ sau ngày 2025-06-30; đơn vị kế thừa: “p-hk”/);
        return true;
      },
    );
  });

  test('a parent that would make the hierarchy loop is refused and nothing changes', async () => {
    const db = database.db;
    await assert.rejects(
      db.transaction().execute((tx) =>
        saveAgency(
          tx,
          checkAgencyInput({
            code: 'hn',
            name: 'UBND Thành phố Hà Nội',
            kind: 'ubnd-tinh',
            parentCode: 'bqlda-tc',
          }),
          'test',
        ),
      ),
      (err: unknown) =>
        err instanceof AccountError && err.field === 'parent_code' && /vòng lặp/.test(err.messageVi),
    );
    assert.equal((await getAgency(db, 'hn'))?.parentCode, null);
    assert.throws(
      () =>
        checkAgencyInput({
          code: 'x1',
          name: 'X',
          kind: 'so',
          validFrom: '2025-07-01',
          validTo: '2025-06-30',
        }),
      (err: unknown) => err instanceof AccountError && err.field === 'valid_to',
    );
    assert.throws(
      () => checkAgencyInput({ code: 'x1', name: 'X', kind: 'so', validFrom: '31/02/2025' }),
      (err: unknown) => err instanceof AccountError && err.field === 'valid_from',
    );
    assert.equal(
      checkAgencyInput({ code: 'X1', name: 'X', kind: 'SO', validTo: '30/06/2025' }).validTo,
      '2025-06-30',
    );
  });
});
