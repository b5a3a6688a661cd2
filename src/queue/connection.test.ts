import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkQueueName, DEFAULT_QUEUE_NAME, parseRedisUrl, queueTarget, QueueTargetError } from './connection.js';

test('Redis URLs: host, port, database, user and password (percent-decoded), TLS; the password never shown', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6379/0'), { redis: { host: '127.0.0.1', port: 6379, db: 0 }, shown: 'redis://127.0.0.1:6379/0' });
  assert.deepEqual(parseRedisUrl('redis://localhost').redis, { host: 'localhost', port: 6379, db: 0 });
  const full = parseRedisUrl('redis://herodotus:p%40ss%3Aword@queue.example.org:6380/7');
  assert.deepEqual(full.redis, { host: 'queue.example.org', port: 6380, db: 7, username: 'herodotus', password: 'p@ss:word' });
  assert.equal(full.shown, 'redis://herodotus:***@queue.example.org:6380/7');
  const passwordOnly = parseRedisUrl('redis://:secret@10.0.0.5/3');
  assert.deepEqual(passwordOnly.redis, { host: '10.0.0.5', port: 6379, db: 3, password: 'secret' });
  assert.ok(!passwordOnly.shown.includes('secret'));
  const tls = parseRedisUrl('rediss://cache.example.org:6380/1').redis;
  assert.deepEqual(tls.tls, { servername: 'cache.example.org' });
  assert.equal(parseRedisUrl('redis://[::1]:6379/2').redis.host, '::1');
});

test('bad Redis URLs and queue names are errors fit for a user', () => {
  for (const bad of ['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://127.0.0.1:6379/zero', 'redis://127.0.0.1:6379/0?timeout=5', 'redis://:secret@host/x']) {
    assert.throws(() => parseRedisUrl(bad), (e: Error) => e instanceof QueueTargetError && !e.message.includes('secret'), bad);
  }
  assert.equal(checkQueueName('news-2024.v2'), 'news-2024.v2');
  for (const bad of ['', 'a:b', 'with space', 'x'.repeat(101)]) assert.throws(() => checkQueueName(bad), QueueTargetError, bad);
  assert.equal(queueTarget('redis://h/1').name, DEFAULT_QUEUE_NAME);
});
