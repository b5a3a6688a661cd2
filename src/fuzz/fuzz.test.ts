/** A small share of `npm run fuzz` on every test run: generated text through every stage and the whole code path. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../pipeline/pipeline.js';
import { spanProblems } from '../pipeline/spans.js';
import { largeCases } from './arbitraries.js';
import { checkProperties, layerProblems } from './properties.js';

const pipeline = createPipeline();

test('generated text (Unicode noise, lone surrogates, RTL, emoji, controls): no throw, exact spans, deterministic, batch = alone', () => {
  const counts = checkProperties(pipeline, 120, 20240113);
  assert.ok(counts.cases >= 240);
});

test('large inputs (scaled down here): a long line, many sentences, emoji runs, NULs, RTL overrides', () => {
  for (const { name, text } of largeCases(0.05)) {
    const doc = pipeline.annotate(text, { published: '2024-01-13' });
    assert.deepEqual(layerProblems(doc), [], name);
    assert.deepEqual(spanProblems(pipeline.code(text, { published: '2024-01-13' })), [], name);
  }
});

test('the span checks catch what they are for', () => {
  const doc = pipeline.code('Blinken met Bárcena in Washington.', { published: '2024-01-13' });
  assert.deepEqual(spanProblems(doc), []);
  const broken = { ...doc, entities: doc.entities.map((e) => ({ ...e, text: e.text + 'x' })) };
  assert.ok(spanProblems(broken).length > 0);
  const outside = { ...doc, dates: [{ id: 'd1', text: '', start: 5, end: 500, type: 'DATE' as const, value: 'X', prov: { stage: 't', version: '0' } }] };
  assert.match(spanProblems(outside)[0], /bad span/);
});
