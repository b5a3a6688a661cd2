import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateMonths, partitionMonth, UNDATED_MONTH } from './partitions.js';

test('an event lives in the partition of its month: a day, the publication day standing in for one, or a month', () => {
  assert.equal(partitionMonth({ date: '2024-01-12', precision: 'day', basis: 'text' }), '2024-01-01');
  assert.equal(partitionMonth({ date: '2024-02-01', precision: 'day', basis: 'published' }), '2024-02-01', 'its own month, though it may stand for 30 January');
  assert.equal(partitionMonth({ date: '2024-03', precision: 'month', basis: 'text' }), '2024-03-01');
  assert.equal(partitionMonth({ date: '2023-12-27T10:00', precision: 'day', basis: 'text' }), '2023-12-01');
});

test('events with no month — a year, a week, a quarter, no date, a year outside 1900–2199 — live in the default partition', () => {
  for (const [date, precision] of [['2024', 'year'], ['2024-W02', 'day'], ['2024-Q1', 'month'], ['XXXX-XX-XX', 'day'], ['1066-10-14', 'day'], ['2250-01-01', 'day']] as const) {
    assert.equal(partitionMonth({ date, precision, basis: 'text' }), UNDATED_MONTH, date);
  }
});

test('linking candidates of an interval can only be in the months from its start to two days past its end (or undated)', () => {
  assert.deepEqual(candidateMonths({ lo: '2024-01-12', hi: '2024-01-12' }), { from: '2024-01-01', to: '2024-01-01' });
  assert.deepEqual(candidateMonths({ lo: '2024-01-29', hi: '2024-01-31' }), { from: '2024-01-01', to: '2024-02-01' }, 'a report published on 2 February may be about 31 January');
  assert.deepEqual(candidateMonths({ lo: '1850-01-01', hi: '1850-12-31' }), { from: '1900-01-01', to: '1900-01-01' });
  assert.deepEqual(candidateMonths({ lo: '9999-12-31', hi: '0000-01-01' }), { from: UNDATED_MONTH, to: UNDATED_MONTH });
});
