import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { arcIsProjective, Reviser, REVISER_FILE, trainReviser, type RevisionExample, type RevisionInput } from './revise.js';
import { Parser } from './parser.js';

const modelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));

/**
 * "They saw the man with the telescope ." / "They ate the soup of the day .": the parser put the last noun on the object
 * both times; the gold head is the verb for the instrument ("telescope": `gold` 2) and the noun for "of" (`gold` 4).
 */
function firstStage(words: string[], gold7: number): RevisionExample {
  return {
    words,
    upos: ['PRON', 'VERB', 'DET', 'NOUN', 'ADP', 'DET', 'NOUN', 'PUNCT'],
    xpos: ['PRP', 'VBD', 'DT', 'NN', 'IN', 'DT', 'NN', '.'],
    head: [2, 0, 4, 2, 7, 7, 4, 2],
    deprel: ['nsubj', 'root', 'det', 'obj', 'case', 'det', 'nmod', 'punct'],
    margin: [50, 80, 90, 40, 70, 90, 5, 60],
    gold: [2, 0, 4, 2, 7, 7, gold7, 2],
  };
}
const telescope = (words: string[]): RevisionExample => firstStage(words, 2);
const soup = (words: string[]): RevisionExample => firstStage(words, 4);

function assertTree(head: readonly number[]): void {
  assert.equal(head.filter((h) => h === 0).length, 1, 'one root');
  head.forEach((h, i) => {
    let a = h;
    for (let steps = 0; a !== 0; steps++) {
      assert.ok(steps <= head.length && a !== i + 1, `cycle through word ${i + 1}`);
      a = head[a - 1];
    }
  });
}

const config = { bits: 16, epochs: 5, maxAncestors: 4, seed: 7, gate: Infinity };

test('arcIsProjective: an arc crossing another is not; nested and adjacent arcs are', () => {
  // 1 ← 2 (root), 3 ← 2, 4 ← 3: projective.
  assert.ok(arcIsProjective([2, 0, 2, 3], 4));
  // 1 → 3 over 2, while 2 hangs on 4: the arcs 1–3 and 2–4 cross.
  assert.equal(arcIsProjective([3, 4, 0, 3], 1), false);
  // the root arc counts as an arc from position 0: 1 → 3 with 2 as the root's dependent crosses it.
  assert.equal(arcIsProjective([3, 0, 2], 1), false);
});

test('a reviser with no weights keeps every head', () => {
  const r = new Reviser(new Int16Array(1 << 10), { version: 'revise-1', bits: 10, scale: 1, maxAncestors: 4, medianMargin: 50, epochs: 0 });
  const e = telescope(['They', 'saw', 'the', 'man', 'with', 'the', 'telescope', '.']);
  const head = e.head.slice();
  assert.equal(r.revise(e, head), 0);
  assert.deepEqual(head, e.head);
});

test('trained on first-stage trees, it learns which attachments to move and which to keep', () => {
  const examples: RevisionExample[] = [];
  for (const [verb, tool] of [['saw', 'telescope'], ['cut', 'knife'], ['hit', 'hammer'], ['opened', 'key'], ['ate', 'fork']]) {
    examples.push(telescope(['They', verb, 'the', 'man', 'with', 'the', tool, '.']));
  }
  for (const [noun, thing] of [['soup', 'day'], ['king', 'north'], ['top', 'hill'], ['end', 'road'], ['rest', 'team']]) {
    examples.push(soup(['They', 'ate', 'the', noun, 'of', 'the', thing, '.']));
  }
  const reviser = trainReviser(examples, config, () => {});
  // "with": the instrument goes to the verb (its grandparent in the first-stage tree).
  const w = telescope(['They', 'saw', 'the', 'man', 'with', 'the', 'telescope', '.']);
  const head = w.head.slice();
  assert.equal(reviser.revise(w, head), 1);
  assert.equal(head[6], 2);
  assertTree(head);
  // "of": the parser's attachment to the noun stays.
  const o = soup(['They', 'ate', 'the', 'soup', 'of', 'the', 'day', '.']);
  const kept = o.head.slice();
  assert.equal(reviser.revise(o, kept), 0);
  assert.deepEqual(kept, o.head);
});

test('with a gate, only words the parser attached with less than gate × the median margin are reconsidered', () => {
  const examples = ['saw', 'cut', 'hit', 'opened', 'ate'].map((verb) => telescope(['They', verb, 'the', 'man', 'with', 'the', 'knife', '.']));
  const gated = trainReviser(examples, { ...config, gate: 1 }, () => {});
  // The training margins' median is 70 (see firstStage); training itself reads every word, so the weights are the same.
  assert.equal(gated.meta.gate, 1);
  assert.equal(gated.meta.medianMargin, 70);
  assert.deepEqual(gated.toBytes().subarray(-(1 << config.bits) * 2), trainReviser(examples, config, () => {}).toBytes().subarray(-(1 << config.bits) * 2));
  const unsure = telescope(['They', 'saw', 'the', 'man', 'with', 'the', 'knife', '.']);
  const moved = unsure.head.slice();
  assert.equal(gated.revise(unsure, moved), 1, 'margin 5: reconsidered and moved');
  assert.equal(moved[6], 2);
  const sure = { ...unsure, margin: [50, 80, 90, 40, 70, 90, 70, 60] };
  const kept = sure.head.slice();
  assert.equal(gated.revise(sure, kept), 0, 'margin 70 = the median: kept without scoring');
  assert.deepEqual(kept, sure.head);
});

test('the file round-trips: same meta, same revisions', () => {
  const reviser = trainReviser([telescope(['They', 'saw', 'the', 'man', 'with', 'the', 'telescope', '.'])], config, () => {});
  const again = Reviser.fromBytes(reviser.toBytes());
  assert.deepEqual(again.meta, reviser.meta);
  const e = telescope(['They', 'cut', 'the', 'bread', 'with', 'the', 'knife', '.']);
  const a = e.head.slice();
  const b = e.head.slice();
  reviser.revise(e, a);
  again.revise(e, b);
  assert.deepEqual(b, a);
  assert.throws(() => Reviser.fromBytes(Buffer.from('HPAR0000')), /bad magic/);
});

test('whatever its weights, a revision leaves a projective tree with one root', () => {
  // Random weights move many words; the result must stay a tree without crossing arcs.
  let seed = 12345;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const weights = new Int16Array(1 << 12).map(() => Math.round((random() - 0.5) * 2000));
  const r = new Reviser(weights, { version: 'revise-1', bits: 12, scale: 1, maxAncestors: 4, medianMargin: 50, epochs: 0 });
  for (let trial = 0; trial < 200; trial++) {
    const n = 2 + Math.floor(random() * 14);
    // A random projective tree: each word attaches to a neighbour chain built left to right.
    const head = new Array<number>(n).fill(0);
    const root = 1 + Math.floor(random() * n);
    for (let i = 1; i <= n; i++) if (i !== root) head[i - 1] = i < root ? i + 1 : i - 1;
    const input: RevisionInput = {
      words: Array.from({ length: n }, (_, i) => `w${i % 5}`),
      upos: Array.from({ length: n }, (_, i) => ['NOUN', 'VERB', 'ADP', 'DET', 'ADJ'][i % 5]),
      xpos: Array.from({ length: n }, (_, i) => ['NN', 'VBD', 'IN', 'DT', 'JJ'][i % 5]),
      head: head.slice(),
      deprel: head.map((h) => (h === 0 ? 'root' : 'dep')),
      margin: Array.from({ length: n }, () => random() * 100),
    };
    r.revise(input, head);
    assertTree(head);
    for (let d = 1; d <= n; d++) assert.ok(arcIsProjective(head, d), `arc of word ${d} crosses another (trial ${trial})`);
  }
});

test('the shipped parser applies models/parser-revise.bin when it is there, and it moves few words', () => {
  const parser = Parser.load(modelsDir);
  assert.equal(parser.reviser !== null, existsSync(`${modelsDir}/${REVISER_FILE}`));
  if (parser.reviser === null) return;
  const words = ['Mexico', 'and', 'the', 'United', 'States', 'agreed', 'on', 'Friday', 'to', 'reopen', 'border', 'crossings', 'closed', 'in', 'December', '.'];
  const upos = ['PROPN', 'CCONJ', 'DET', 'PROPN', 'PROPN', 'VERB', 'ADP', 'PROPN', 'PART', 'VERB', 'NOUN', 'NOUN', 'VERB', 'ADP', 'PROPN', 'PUNCT'];
  const xpos = ['NNP', 'CC', 'DT', 'NNP', 'NNP', 'VBD', 'IN', 'NNP', 'TO', 'VB', 'NN', 'NNS', 'VBN', 'IN', 'NNP', '.'];
  const revised = parser.parse(words, upos, xpos);
  const reviser = parser.reviser;
  parser.reviser = null;
  const plain = parser.parse(words, upos, xpos);
  parser.reviser = reviser;
  assertTree(revised.head);
  assert.deepEqual(revised.deprel, plain.deprel, 'labels are not revised');
  assert.ok(revised.head.filter((h, i) => h !== plain.head[i]).length <= 3);
  assert.equal(revised.head[5], 0, '"agreed" stays the root');
});
