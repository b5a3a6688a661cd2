import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AveragedPerceptron, FeatureBuffer, hashString } from './perceptron.js';

function features(...names: string[]): FeatureBuffer {
  const buffer = new FeatureBuffer(2);
  for (const name of names) buffer.add(name);
  return buffer;
}

test('hashString is stable and distinguishes near strings', () => {
  assert.equal(hashString('w=Blinken'), hashString('w=Blinken'));
  assert.notEqual(hashString('w=Blinken'), hashString('w=blinken'));
});

test('learns a separable toy problem and survives a quantised round trip', () => {
  const model = new AveragedPerceptron({ nClasses: 3, nBuckets: 1000 });
  assert.equal(model.nBuckets, 1024);
  const data: Array<[string[], number]> = [
    [['suffix=ed', 'bias'], 0],
    [['suffix=ly', 'bias'], 1],
    [['shape=Xx', 'bias'], 2],
  ];
  for (let epoch = 0; epoch < 5; epoch++) {
    for (const [names, truth] of data) {
      const f = features(...names);
      model.tick();
      model.update(f, truth, model.predict(f));
    }
  }
  model.average();
  for (const [names, truth] of data) assert.equal(model.predict(features(...names)), truth);
  for (const bits of [8, 16] as const) {
    const copy = AveragedPerceptron.deserialize(model.serialize(bits));
    for (const [names, truth] of data) assert.equal(copy.predict(features(...names)), truth, `int${bits}`);
  }
});

test('rejects bytes that are not a model', () => {
  assert.throws(() => AveragedPerceptron.deserialize(Buffer.from('not a model at all, no')), /bad magic/);
});
