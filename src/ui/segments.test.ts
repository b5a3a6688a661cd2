import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentText } from './segments.js';

// From the seed story: "US Secretary of State Antony Blinken congratulated ... on Friday".
const text = 'Antony Blinken congratulated Alicia Bárcena on Friday.';

test('segments cut the text at every span boundary and keep it whole', () => {
  const segs = segmentText(text, [
    { start: 0, end: 14, layer: 'source', id: 'a1' },
    { start: 15, end: 28, layer: 'trigger', id: 'e1' },
    { start: 29, end: 43, layer: 'target', id: 'a2' },
    { start: 47, end: 53, layer: 'date', id: 'd1' },
  ]);
  assert.equal(segs.map((s) => s.text).join(''), text);
  assert.deepEqual(segs.filter((s) => s.covering.length > 0).map((s) => [s.text, s.covering[0].layer]), [
    ['Antony Blinken', 'source'],
    ['congratulated', 'trigger'],
    ['Alicia Bárcena', 'target'],
    ['Friday', 'date'],
  ]);
});

test('nested and overlapping spans: the shortest covering span comes first; spans may be in document offsets', () => {
  const sentence = '“positive impact,” he added 🙂 on Friday';
  const at = 100;
  const segs = segmentText(sentence, [
    { start: at, end: at + 18, layer: 'quote', id: 'q1' },
    { start: at + 1, end: at + 16, layer: 'entity', id: 'x' },
    { start: at + sentence.indexOf('Friday'), end: at + sentence.indexOf('Friday') + 6, layer: 'date', id: 'd' },
  ], at);
  assert.equal(segs.map((s) => s.text).join(''), sentence);
  const inner = segs.find((s) => s.text === 'positive impact');
  assert.deepEqual(inner?.covering.map((c) => c.layer), ['entity', 'quote']);
  // The emoji (a surrogate pair, two code units) does not shift the date.
  assert.equal(sentence.indexOf('Friday') - sentence.indexOf('🙂'), 6, 'the emoji counts two code units');
  assert.equal(segs.find((s) => s.covering[0]?.layer === 'date')?.text, 'Friday');
});

test('negative cases: markup stays text, spans outside the text are clipped or dropped', () => {
  const html = '<script>alert(1)</script> said nothing';
  const segs = segmentText(html, [{ start: -5, end: 8, layer: 'entity', id: 'e' }, { start: 50, end: 60, layer: 'date', id: 'd' }, { start: 3, end: 3, layer: 'place', id: 'p' }]);
  assert.equal(segs.map((s) => s.text).join(''), html);
  assert.deepEqual(segs.map((s) => s.text), ['<script>', 'alert(1)</script> said nothing']);
  assert.deepEqual(segs[0].covering.map((c) => c.id), ['e']);
});
