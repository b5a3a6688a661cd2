import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdempotencyCache } from './idempotency.js';

test('idempotency cache: new, in flight, replay, mismatch, expiry and capacity', () => {
  const cache = new IdempotencyCache(2, 1000);
  const f = IdempotencyCache.fingerprint({ text: 'a' });
  const g = IdempotencyCache.fingerprint({ text: 'b' });
  assert.deepEqual(cache.begin('k1', f, 0), { kind: 'new' });
  assert.deepEqual(cache.begin('k1', f, 1), { kind: 'in-flight' });
  assert.deepEqual(cache.begin('k1', g, 1), { kind: 'mismatch' });
  cache.finish('k1', { fingerprint: f, status: 201, body: { id: 'a' } }, 2);
  const replay = cache.begin('k1', f, 3);
  assert.equal(replay.kind, 'replay');
  assert.deepEqual(replay.kind === 'replay' ? replay.response.body : null, { id: 'a' });
  assert.deepEqual(cache.begin('k1', g, 3), { kind: 'mismatch' });
  assert.deepEqual(cache.begin('k1', f, 2000), { kind: 'new' }, 'expired after the TTL');
  cache.abandon('k1');
  assert.deepEqual(cache.begin('k1', g, 2001), { kind: 'new' }, 'an abandoned key may run again');
  cache.finish('k1', { fingerprint: g, status: 201, body: {} }, 2002);
  cache.begin('k2', f, 2003);
  cache.finish('k2', { fingerprint: f, status: 201, body: {} }, 2003);
  cache.begin('k3', f, 2004);
  cache.finish('k3', { fingerprint: f, status: 201, body: {} }, 2004);
  assert.deepEqual(cache.begin('k1', g, 2005), { kind: 'new' }, 'the oldest key was evicted');
});
