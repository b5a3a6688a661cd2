import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureBuffer } from '../perceptron.js';
import { CompactLinear } from './compact.js';

/** Deterministic pseudo-random weights with some empty buckets, as a trained model has. */
function weights(nBuckets: number, k: number, seed: number): Float32Array {
  const w = new Float32Array(nBuckets * k);
  let x = seed;
  for (let b = 0; b < nBuckets; b++) {
    if (b % 7 === 3) continue;
    for (let c = 0; c < k; c++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      w[b * k + c] = ((x >>> 8) / 0x1000000 - 0.5) * (c + 1);
    }
  }
  return w;
}

for (const mode of [8, 9, 16] as const) {
  test(`compact model (mode ${mode}): dense and sparse files load to the same weights and scores, aligned or not`, () => {
    const k = mode === 8 ? 5 : 3;
    const model = CompactLinear.fromWeights(weights(256, k, 7 + mode), k, 256, mode);
    const dense = model.serializeDense();
    assert.equal(dense.length % 4, 0, 'dense form is a multiple of 4 bytes');
    const sparse = model.serialize();
    // A dense model at an odd offset (inside a larger file) is copied rather than viewed.
    const shifted = Buffer.concat([Buffer.from([1]), dense, Buffer.from([9, 9, 9])]);
    const loaded = [CompactLinear.deserialize(dense), CompactLinear.deserialize(sparse), CompactLinear.deserialize(shifted.subarray(1))];
    assert.equal(loaded[0].bytes, dense.length);
    assert.equal(loaded[2].bytes, dense.length, 'bytes consumed excludes what follows');
    assert.equal(loaded[1].bytes, sparse.length);
    const fb = new FeatureBuffer(8);
    for (const id of [3, 17, 200, 255, 1024 + 9]) fb.addHash(id);
    const expected = model.scores(fb, new Float32Array(k));
    assert.ok(expected.some((v) => v !== 0), 'the features hit live buckets');
    for (const { model: m } of loaded) {
      assert.deepEqual(Array.from(m.q), Array.from(model.q));
      assert.deepEqual(Array.from(m.scores(fb, new Float32Array(k))), Array.from(expected));
    }
  });
}

test('compact model (mode 9): int8 weights with one scale; the 3-class fast path scores as the general one', () => {
  const w = weights(256, 3, 5);
  const model = CompactLinear.fromWeights(w, 3, 256, 9);
  assert.ok(model.q instanceof Int8Array);
  assert.equal(model.scales.length, 1);
  assert.equal(Math.max(...Array.from(model.q, Math.abs)), 127, 'the largest weight uses the full int8 range');
  const fb = new FeatureBuffer(8);
  for (const id of [3, 17, 200, 255]) fb.addHash(id);
  const general = model.scores(fb, new Float32Array(3));
  const fast = model.scores3(fb, new Float32Array(3));
  assert.deepEqual(Array.from(fast), Array.from(general));
  // Within half a quantisation step per feature of the float scores.
  for (let c = 0; c < 3; c++) {
    let exact = 0;
    for (const id of [3, 17, 200, 255]) exact += w[(id & 255) * 3 + c];
    assert.ok(Math.abs(exact - general[c]) <= 4 * 0.5 * model.scales[0] + 1e-6);
  }
});

for (const mode of [9, 16] as const) {
  test(`compact model (mode ${mode}): scores3 over part of the features plus sums3 of the rest equals scores3 over all`, () => {
    const model = CompactLinear.fromWeights(weights(256, 3, 11 + mode), 3, 256, mode);
    assert.ok(model.hasIntegerSums3);
    const ids = [3, 17, 200, 255, 40, 41, 97, 130];
    const all = new FeatureBuffer(16);
    for (const id of ids) all.addHash(id);
    const head = new FeatureBuffer(16);
    for (const id of ids.slice(0, 3)) head.addHash(id);
    const tail = new FeatureBuffer(16);
    for (const id of ids.slice(3)) tail.addHash(id);
    const sums = model.sums3(head, new Float64Array(3));
    assert.ok(sums.every((v) => Number.isInteger(v)), 'unscaled sums are integers');
    const whole = Array.from(model.scores3(all, new Float32Array(3)));
    assert.ok(whole.some((v) => v !== 0));
    assert.deepEqual(Array.from(model.scores3(tail, new Float32Array(3), sums)), whole);
  });
}

test('compact model: only the integer three-class modes split their sums', () => {
  assert.equal(CompactLinear.fromWeights(weights(64, 5, 1), 5, 64, 8).hasIntegerSums3, false);
  assert.equal(CompactLinear.fromWeights(weights(64, 5, 1), 5, 64, 16).hasIntegerSums3, false, 'five classes');
});

test('compact model: a truncated dense file is refused with a clear error', () => {
  const dense = CompactLinear.fromWeights(weights(64, 3, 1), 3, 64, 16).serializeDense();
  assert.throws(() => CompactLinear.deserialize(dense.subarray(0, dense.length - 10)), /truncated/);
});

test('compact model (mode 8): bestAmong scores only the candidates, exactly as scoresRange scores them', () => {
  const k = 20;
  const model = CompactLinear.fromWeights(weights(256, k, 11), k, 256, 8);
  const fb = new FeatureBuffer(8);
  for (const id of [3, 17, 200, 255, 64, 99]) fb.addHash(id);
  const full = model.scoresRange(fb, new Float32Array(k), 0, k);
  for (const candidates of [[2, 5, 6, 19], [0], [7, 3]]) {
    const out = new Float32Array(k).fill(12345);
    const best = model.bestAmong(fb, out, Int32Array.from(candidates));
    const expected = candidates.reduce((b, c) => (full[c] > full[b] ? c : b));
    assert.equal(best, expected);
    for (let c = 0; c < k; c++) assert.equal(out[c], candidates.includes(c) ? full[c] : 12345, `class ${c}`);
  }
  assert.equal(model.bestAmong(fb, new Float32Array(k), new Int32Array(0)), -1, 'no candidate, no class');
});

test('compact model (mode 8): scoring from the interleaved rows gives the scores of the bucket-major tables', () => {
  // Class counts whose rows need 0, 1, 2 and 3 bytes of padding (the label model has 51 classes).
  for (const k of [4, 51, 6, 5]) {
    const model = CompactLinear.fromWeights(weights(512, k, 3 + k), k, 512, 8);
    const fb = new FeatureBuffer(64);
    let x = k;
    for (let f = 0; f < 40; f++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      fb.addHash(x);
    }
    // scores() reads q and scales as stored in the file; scoresRange and bestAmong read the interleaved copy.
    const reference = Array.from(model.scores(fb, new Float32Array(k)));
    assert.ok(reference.some((v) => v !== 0), 'the features hit live buckets');
    assert.deepEqual(Array.from(model.scoresRange(fb, new Float32Array(k), 0, k)), reference, `k = ${k}`);
    const all = Int32Array.from({ length: k }, (_, c) => c);
    const out = new Float32Array(k);
    const best = model.bestAmong(fb, out, all);
    assert.deepEqual(Array.from(out), reference);
    assert.equal(best, reference.indexOf(Math.max(...reference)));
  }
});
