import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Batcher } from './batcher.js';

test('batcher: a full batch is handled at once, a partial one after the wait; each item gets its own result', async () => {
  const batches: number[][] = [];
  const batcher = new Batcher<number, string>(3, 30, async (items) => {
    batches.push(items);
    return items.map((n) => (n === 5 ? new Error('five') : `#${n}`));
  });
  const full = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
  assert.deepEqual(full, ['#1', '#2', '#3']);
  const started = Date.now();
  const partial = await Promise.allSettled([4, 5].map((n) => batcher.add(n)));
  assert.ok(Date.now() - started >= 25, 'a partial batch waits for more items first');
  assert.deepEqual(partial[0], { status: 'fulfilled', value: '#4' });
  assert.equal(partial[1].status, 'rejected');
  assert.equal((partial[1] as PromiseRejectedResult).reason.message, 'five');
  assert.deepEqual(batches, [[1, 2, 3], [4, 5]]);
});

test('batcher: a batch that throws rejects every item of it; settled() flushes and waits', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const batcher = new Batcher<string, string>(10, 10_000, async (items) => {
    await gate;
    if (items.includes('bad')) throw new Error('store down');
    return items;
  });
  const results = Promise.allSettled(['ok', 'bad'].map((s) => batcher.add(s)));
  assert.equal(batcher.idle, false);
  const settled = batcher.settled(); // flushes without waiting 10 s
  release();
  await settled;
  assert.equal(batcher.idle, true);
  assert.deepEqual((await results).map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value)), ['store down', 'store down']);
});
