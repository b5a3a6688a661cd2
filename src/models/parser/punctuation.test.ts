import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachPunctuation } from './punctuation.js';

// Hand-built trees (heads 1-based, 0 = root) with the punctuation where a greedy parser tends to leave it.

test('a comma between conjuncts goes on the conjunct after it', () => {
  //            1         2    3        4       5      6      7
  const words = ['Apples', ',', 'pears', 'and', 'plums', 'sold', '.'];
  const deprel = ['nsubj', 'punct', 'conj', 'cc', 'conj', 'root', 'punct'];
  const head = [6, 1, 1, 5, 1, 0, 6]; // the parser left the comma on "Apples"
  attachPunctuation(words, head, deprel);
  assert.equal(head[1], 3, 'comma on "pears"');
  assert.equal(head[6], 6, 'final period stays on the root');
  assert.deepEqual([head[0], head[2], head[3], head[4], head[5]], [6, 1, 5, 1, 0], 'no other arc moves');
});

test('a comma after a fronted phrase goes on that phrase when the head comes later', () => {
  //             1     2          3    4           5       6
  const words = ['In', 'Fallujah', ',', 'hundreds', 'came', '.'];
  const deprel = ['case', 'obl', 'punct', 'nsubj', 'root', 'punct'];
  const head = [2, 5, 5, 5, 0, 5]; // comma on the verb
  attachPunctuation(words, head, deprel);
  assert.equal(head[2], 2, 'comma on "Fallujah"');
});

test('a comma before a phrase that follows the head goes on that phrase', () => {
  //             1       2       3    4       5         6    7        8      9
  const words = ['They', 'work', 'on', 'Wall', 'Street', ',', 'after', 'all', '.'];
  const deprel = ['nsubj', 'root', 'case', 'compound', 'obl', 'punct', 'case', 'obl', 'punct'];
  const head = [2, 0, 5, 5, 2, 5, 8, 2, 2]; // comma left on "Street"
  attachPunctuation(words, head, deprel);
  assert.equal(head[5], 8, 'comma on "all"');
});

test('paired quotes go on the head of what they enclose', () => {
  //             1       2     3        4       5     6      7
  const words = ['He', 'said', '"', 'no', 'deal', '"', '.'];
  const deprel = ['nsubj', 'root', 'punct', 'det', 'obj', 'punct', 'punct'];
  const head = [2, 0, 2, 5, 2, 2, 2]; // both quotes on the verb
  attachPunctuation(words, head, deprel);
  assert.equal(head[2], 5, 'opening quote on "deal"');
  assert.equal(head[5], 5, 'closing quote on "deal"');
});

test('punctuation with dependents, and sentences of one word, are left alone', () => {
  const one = [0];
  attachPunctuation(['Hello'], one, ['root']);
  assert.deepEqual(one, [0]);
  const words = ['A', '-', 'B', '.'];
  const deprel = ['root', 'punct', 'dep', 'punct'];
  const head = [0, 1, 2, 1]; // "-" heads "B": not movable
  attachPunctuation(words, head, deprel);
  assert.deepEqual(head, [0, 1, 2, 1]);
});
