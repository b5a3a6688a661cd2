import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureBuffer } from '../perceptron.js';
import { bufferFeatures, SentenceTable, transitionFeatures } from './features.js';
import { ArcHybridState, LEFT, RIGHT, SHIFT } from './state.js';

const WORDS = ['The', 'minister', 'said', 'on', 'Friday', 'that', 'talks', 'with', 'Mexico', 'would', 'resume', '.'];
const UPOS = ['DET', 'NOUN', 'VERB', 'ADP', 'PROPN', 'SCONJ', 'NOUN', 'ADP', 'PROPN', 'AUX', 'VERB', 'PUNCT'];
const XPOS = ['DT', 'NN', 'VBD', 'IN', 'NNP', 'IN', 'NNS', 'IN', 'NNP', 'MD', 'VB', '.'];

const sorted = (ids: ArrayLike<number>): number[] => Array.from(ids).sort((a, b) => a - b);

test('transition features: the buffer-only templates plus the others (buffer false) are exactly the full set, in every template set', () => {
  const tab = new SentenceTable();
  tab.fill(WORDS, UPOS, XPOS);
  const state = new ArcHybridState(32);
  const full = new FeatureBuffer(256);
  const rest = new FeatureBuffer(256);
  const buffer = new FeatureBuffer(32);
  let seed = 5;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let run = 0; run < 20; run++) {
    state.init(WORDS.length);
    let checked = 0;
    while (!state.isTerminal()) {
      for (const [lite, unlabelled, expected] of [[false, false, 20], [true, false, 18], [true, true, 18]] as const) {
        transitionFeatures(state, tab, full, lite, unlabelled);
        transitionFeatures(state, tab, rest, lite, unlabelled, false);
        bufferFeatures(tab, state.b, buffer, lite);
        assert.equal(buffer.length, expected);
        assert.equal(rest.length + buffer.length, full.length);
        assert.deepEqual(sorted([...rest.ids.subarray(0, rest.length), ...buffer.ids.subarray(0, buffer.length)]), sorted(full.ids.subarray(0, full.length)));
        checked++;
      }
      const valid = [SHIFT, LEFT, RIGHT].filter((t) => state.valid(t));
      const t = valid[Math.floor(random() * valid.length)];
      if (t === SHIFT) state.shift();
      else state.arc(t, Math.floor(random() * 40));
    }
    assert.ok(checked > WORDS.length);
  }
});

test('buffer-only features change with b0 alone: the same b0 gives the same ids whatever the stack holds', () => {
  const tab = new SentenceTable();
  tab.fill(WORDS, UPOS, XPOS);
  const a = new FeatureBuffer(32);
  const b = new FeatureBuffer(32);
  bufferFeatures(tab, 4, a);
  bufferFeatures(tab, 4, b);
  assert.deepEqual(Array.from(a.ids.subarray(0, a.length)), Array.from(b.ids.subarray(0, b.length)));
  bufferFeatures(tab, 5, b);
  assert.notDeepEqual(sorted(a.ids.subarray(0, a.length)), sorted(b.ids.subarray(0, b.length)));
  // At the end of the buffer (b0 = the root position) the features still fill, with b1 and b2 absent.
  bufferFeatures(tab, WORDS.length, b);
  assert.equal(b.length, 20);
});
