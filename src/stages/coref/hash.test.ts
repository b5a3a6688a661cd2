import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashString } from '../../models/perceptron.js';
import { copularPair, inApposition, lengthBucket, mentionBucket, sentenceBucket, sizeBucket } from './hash.js';

test('distance and length buckets keep their boundaries', () => {
  // Sentence distance: 0–3 as they are, 4–5, 6–8, 9–15, more; negative distances as they are.
  assert.deepEqual([-2, 0, 3, 4, 5, 6, 8, 9, 15, 16, 400].map(sentenceBucket), [-2, 0, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
  // Mention distance: 0–4 as they are, 5–7, 8–12, 13–20, 21–35, more.
  assert.deepEqual([1, 4, 5, 7, 8, 12, 13, 20, 21, 35, 36, 1000].map(mentionBucket), [1, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  // Cluster size: 0–2 as they are, 3–4, 5–8, more.
  assert.deepEqual([0, 2, 3, 4, 5, 8, 9, 50].map(sizeBucket), [0, 2, 3, 3, 4, 4, 5, 5]);
  // Mention length in words: 0–3 as they are, 4–5, 6–9, 10 and more.
  assert.deepEqual([1, 3, 4, 5, 6, 9, 10, 60].map(lengthBucket), [1, 3, 4, 4, 5, 5, 6, 6]);
});

test('apposition and copula are read from heads, parents and relation hashes', () => {
  const m = (head: number, parent: number, rel: string, copula = false) => ({ head, parent, copula, h: { deprel: hashString(rel) } });
  // "Alicia Bárcena (head 1), the foreign minister (head 5, appos of 1)".
  assert.equal(inApposition(m(5, 1, 'appos'), m(1, 3, 'nsubj')), true);
  assert.equal(inApposition(m(1, 3, 'nsubj'), m(5, 1, 'appos')), true);
  assert.equal(inApposition(m(5, 2, 'appos'), m(1, 3, 'nsubj')), false, 'an apposition on another head');
  assert.equal(inApposition(m(5, 1, 'conj'), m(1, 3, 'nsubj')), false);
  // "Bárcena (nsubj of 4) is the minister (head 4, the copula's predicate)".
  assert.equal(copularPair(m(4, -1, 'root', true), m(1, 4, 'nsubj')), true);
  assert.equal(copularPair(m(1, 4, 'nsubj'), m(4, -1, 'root', true)), true);
  assert.equal(copularPair(m(4, -1, 'root', false), m(1, 4, 'nsubj')), false, 'no copula');
  assert.equal(copularPair(m(4, -1, 'root', true), m(1, 4, 'obj')), false, 'not the subject');
});
