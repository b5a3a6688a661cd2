import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency, Token } from '../core/layers.js';
import {
  bcubed,
  ceafe,
  clustersFromLinks,
  CorefScorer,
  maxAssignment,
  mentionKind,
  muc,
  prf,
  sameHeadBaseline,
  scoreCoref,
  spanHead,
  withoutSingletons,
  type CandidateMention,
  type CorefView,
} from './coref.js';

const close = (actual: number, expected: number, what = ''): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

// The worked example of Pradhan et al. (2014): key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
// Hand computation:
//   MUC  R = ((3−2) + (4−3)) / (2 + 3) = 2/5;  P = ((2−1) + (2−2) + (4−3)) / (1 + 1 + 3) = 2/5
//   B³   R = (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (35/12)/7 = 5/12;  P = (2²/2 + 1/2 + 1/2 + 2²/4) / 8 = 4/8
//   CEAF-e φ4: (K1,R1) = 4/5, (K1,R2) = 2/5, (K2,R2) = 2/6, (K2,R3) = 4/8; best K1–R1 + K2–R3 = 1.3;
//          R = 1.3/2, P = 1.3/3
const KEY = [['a', 'b', 'c'], ['d', 'e', 'f', 'g']];
const RESPONSE = [['a', 'b'], ['c', 'd'], ['f', 'g', 'h', 'i']];

test('MUC on the worked example', () => {
  const s = prf(muc(KEY, RESPONSE));
  close(s.recall, 2 / 5, 'R');
  close(s.precision, 2 / 5, 'P');
  close(s.f1, 2 / 5, 'F');
});

test('B³ on the worked example', () => {
  const s = prf(bcubed(KEY, RESPONSE));
  close(s.recall, 5 / 12, 'R');
  close(s.precision, 1 / 2, 'P');
  close(s.f1, 5 / 11, 'F');
});

test('CEAF-e on the worked example (greedy would not find the best alignment order-independently)', () => {
  const s = prf(ceafe(KEY, RESPONSE));
  close(s.recall, 0.65, 'R');
  close(s.precision, 1.3 / 3, 'P');
  close(s.f1, (2 * 0.65 * (1.3 / 3)) / (0.65 + 1.3 / 3), 'F');
  const all = scoreCoref(KEY, RESPONSE);
  close(all.conll, (2 / 5 + 5 / 11 + all.ceafe.f1) / 3, 'CoNLL');
});

test('singletons: key {a} {b} {c}, response {a b} {c}', () => {
  // MUC: no key links (denominator 0 → R = 0); the response link a–b is wrong (P = 0/1).
  const m = prf(muc([['a'], ['b'], ['c']], [['a', 'b'], ['c']]));
  assert.deepEqual([m.recall, m.precision, m.f1], [0, 0, 0]);
  // B³: R = (1 + 1 + 1)/3 = 1; P = (1/2 + 1/2 + 1)/3 = 2/3; F = 0.8.
  const b = prf(bcubed([['a'], ['b'], ['c']], [['a', 'b'], ['c']]));
  close(b.recall, 1, 'B³ R');
  close(b.precision, 2 / 3, 'B³ P');
  close(b.f1, 0.8, 'B³ F');
  // CEAF-e: φ4({a},{a b}) = 2/3, φ4({c},{c}) = 1 → 5/3; R = (5/3)/3 = 5/9, P = (5/3)/2 = 5/6, F = 2/3.
  const c = prf(ceafe([['a'], ['b'], ['c']], [['a', 'b'], ['c']]));
  close(c.recall, 5 / 9, 'CEAF R');
  close(c.precision, 5 / 6, 'CEAF P');
  close(c.f1, 2 / 3, 'CEAF F');
  close(scoreCoref([['a'], ['b'], ['c']], [['a', 'b'], ['c']]).conll, (0 + 0.8 + 2 / 3) / 3, 'CoNLL');
});

test('everything merged: key {a b} {c d}, response {a b c d}', () => {
  const s = scoreCoref([['a', 'b'], ['c', 'd']], [['a', 'b', 'c', 'd']]);
  // MUC R = (1 + 1)/2, P = (4 − 2)/3.
  close(s.muc.recall, 1);
  close(s.muc.precision, 2 / 3);
  // B³ R = (4/2 + 4/2)/4 = 1, P = (4/4 + 4/4)/4 = 1/2.
  close(s.bcubed.recall, 1);
  close(s.bcubed.precision, 1 / 2);
  // CEAF-e: one response entity, φ4 = 4/6 with either key entity: R = (2/3)/2, P = (2/3)/1.
  close(s.ceafe.recall, 1 / 3);
  close(s.ceafe.precision, 2 / 3);
});

test('identical clusterings score 1 everywhere; all-singleton MUC is 0 by definition', () => {
  const s = scoreCoref(KEY, KEY);
  for (const m of [s.muc, s.bcubed, s.ceafe]) assert.deepEqual([m.precision, m.recall, m.f1], [1, 1, 1]);
  close(s.conll, 1);
  const singles = scoreCoref([['a'], ['b']], [['a'], ['b']]);
  assert.equal(singles.muc.f1, 0);
  assert.equal(singles.bcubed.f1, 1);
  assert.equal(singles.ceafe.f1, 1);
});

test('degenerate cases: empty key and response, empty response, mentions only on one side', () => {
  const empty = scoreCoref([], []);
  assert.deepEqual([empty.muc.f1, empty.bcubed.f1, empty.ceafe.f1, empty.conll], [0, 0, 0, 0]);
  const noResponse = scoreCoref([['a', 'b']], []);
  assert.deepEqual([noResponse.muc.recall, noResponse.bcubed.recall, noResponse.ceafe.recall], [0, 0, 0]);
  assert.deepEqual([noResponse.muc.precision, noResponse.bcubed.precision, noResponse.ceafe.precision], [0, 0, 0]);
  // Response has an extra mention x: key {a b}, response {a b x}.
  // MUC R = 1/1; P: {a b x} splits into {a b} and x alone → (3 − 2)/2 = 1/2.
  // B³ R = (2²/2)/2 = 1; P = (2²/3)/3 = 4/9.  CEAF-e φ4 = 4/5, R = P = 4/5.
  const extra = scoreCoref([['a', 'b']], [['a', 'b', 'x']]);
  close(extra.muc.recall, 1);
  close(extra.muc.precision, 1 / 2);
  close(extra.bcubed.recall, 1);
  close(extra.bcubed.precision, 4 / 9);
  close(extra.ceafe.recall, 4 / 5);
  close(extra.ceafe.precision, 4 / 5);
});

test('scorer sums counts over documents before dividing (micro average)', () => {
  const s = new CorefScorer();
  s.add([['a', 'b']], [['a', 'b']]); // MUC 1/1, 1/1
  s.add([['a', 'b', 'c']], [['a'], ['b'], ['c']]); // MUC R 0/2, P 0/0
  const m = s.scores().muc;
  close(m.recall, 1 / 3);
  close(m.precision, 1);
  assert.equal(s.documents, 2);
});

test('maxAssignment finds the optimum where greedy fails, on square and rectangular matrices', () => {
  const a = maxAssignment([
    [0.8, 0.4],
    [0.7, 0],
  ]);
  close(a.total, 1.1);
  assert.deepEqual(a.columnOf, [1, 0]);
  const b = maxAssignment([[0.2, 0.9, 0.5]]);
  close(b.total, 0.9);
  assert.deepEqual(b.columnOf, [1]);
  const c = maxAssignment([[0.3], [0.6], [0.5]]);
  close(c.total, 0.6);
  assert.deepEqual(c.columnOf, [-1, 0, -1]);
  // 3×3 where the best uses no row's maximum: rows prefer column 0.
  const d = maxAssignment([
    [9, 8, 1],
    [9, 1, 1],
    [9, 8, 7],
  ]);
  close(d.total, 24); // 8 + 9 + 7
  assert.deepEqual(d.columnOf, [1, 0, 2]);
  assert.equal(maxAssignment([]).total, 0);
});

test('withoutSingletons drops single-mention entities', () => {
  assert.deepEqual(withoutSingletons([['a'], ['b', 'c'], []]), [['b', 'c']]);
});

function view(words: string[]): CorefView {
  let at = 0;
  const tokens: Token[] = words.map((w) => {
    const t = { start: at, end: at + w.length, text: w, norm: w, spaceAfter: true, sentence: 0 };
    at += w.length + 1;
    return t;
  });
  return { text: words.join(' '), tokens, pos: [], deps: [], sentences: [] };
}

test('same-head baseline: equal head words (any case) share a cluster, others are alone', () => {
  const v = view(['The', 'minister', 'said', 'the', 'Minister', 'left', 'Blinken']);
  const m = (head: number): CandidateMention => ({ start: v.tokens[head].start, end: v.tokens[head].end, head, kind: 'nominal', type: 'PERSON' });
  const links = sameHeadBaseline(v, [m(1), m(4), m(6)]);
  assert.equal(links[0].cluster, links[1].cluster);
  assert.notEqual(links[0].cluster, links[2].cluster);
  assert.deepEqual(clustersFromLinks(links), [[0, 1], [2]]);
});

test('spanHead: the token whose head is outside the span; kind from the head part of speech', () => {
  // "the new minister said": the→minister, new→minister, minister→said, said root
  const deps: Dependency[] = [
    { head: 2, deprel: 'det' },
    { head: 2, deprel: 'amod' },
    { head: 3, deprel: 'nsubj' },
    { head: -1, deprel: 'root' },
  ];
  assert.equal(spanHead(deps, 0, 3), 2);
  assert.equal(spanHead(deps, 0, 2), 0); // not a subtree: first token whose head is outside
  assert.equal(spanHead(deps, 0, 4), 3);
  assert.equal(mentionKind('PRON'), 'pronoun');
  assert.equal(mentionKind('PROPN'), 'name');
  assert.equal(mentionKind('NOUN'), 'nominal');
});
