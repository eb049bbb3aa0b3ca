/**
 * Bid-opening rows name only the package, not the notice: alone they are reported and rolled back;
 * given with their notice (in any file order) they import, because notices are applied first.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { importMuasamcong } from '../src/importers/muasamcong/run.ts';
import { createTestDatabase } from './helpers/db.ts';
import { sharedPath, skipWithoutShared } from './helpers/shared.ts';

const API = sharedPath('real-data', 'muasamcong', 'api');
const skip = skipWithoutShared('real-data', 'muasamcong', 'api');

describe('import muasamcong: bid-opening rows need their notice', { skip }, () => {
  test('rows alone are reported (notice unknown) and rolled back; with the notice they import', async () => {
    const database = await createTestDatabase();
    try {
      const lotOpen = path.join(API, 'ib2600077452_lot_open.json');
      const alone = await importMuasamcong(database.db, [lotOpen]);
      assert.equal(alone.failed, 1);
      assert.match(alone.files[0]!.reason!, /package\/lot BP2600105679: no stored notice has it/);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM org`.execute(database.db);
      assert.equal(rows[0]!.n, 0, 'nothing of the failed file stays');
      // Given together, the TBMT detail is applied first whatever the order of the paths.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mb-lot-open-'));
      try {
        fs.copyFileSync(lotOpen, path.join(dir, 'a_rows.json'));
        fs.copyFileSync(path.join(API, 'ib2600077452_tbmt.json'), path.join(dir, 'z_notice.json'));
        const both = await importMuasamcong(database.db, [dir]);
        assert.equal(both.failed, 0, JSON.stringify(both.files));
        assert.equal(both.byEntity.bid_opening_bidder!.created, 6);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await database.close();
    }
  });
});
