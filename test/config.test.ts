import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/config.ts';

test('PORT defaults to 3000 and HOST to loopback', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, undefined);
});

test('PORT must be plain decimal digits from 0 to 65535', () => {
  assert.equal(loadConfig({ PORT: '8080' }).port, 8080);
  for (const bad of ['abc', '70000', '-1', '1.5', '0x10', ' 80', '1e3']) {
    assert.throws(() => loadConfig({ PORT: bad }), /PORT must be an integer from 0 to 65535/, bad);
  }
});
