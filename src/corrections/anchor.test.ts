import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAnchor } from './anchor.js';

// "Blinken hosted Bárcena on Friday. Both sides met again." — two sentences, spans in UTF-16 code units.
const sentences = [{ start: 0, end: 34 }, { start: 35, end: 55 }];
const anchor = { sentence: { start: 0, end: 34 }, trigger: { start: 8, end: 14, text: 'hosted' } };

test('an anchor finds the event with the same trigger span, whatever its id now', () => {
  const events = [{ id: 'ev2', sentence: 1, trigger: { start: 46, end: 49 } }, { id: 'ev7', sentence: 0, trigger: { start: 8, end: 14 } }];
  assert.equal(resolveAnchor(anchor, { events, sentences })?.id, 'ev7');
});

test('a trigger grown by a word still finds its event; else the only event of the same sentence', () => {
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 0, end: 14 } }], sentences })?.id, 'e1');
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 15, end: 22 } }], sentences })?.id, 'e1');
});

test('negative cases: no event left in the sentence, or several and none at the trigger, resolve to nothing', () => {
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 1, trigger: { start: 46, end: 49 } }], sentences }), null);
  const two = [{ id: 'a', sentence: 0, trigger: { start: 15, end: 22 } }, { id: 'b', sentence: 0, trigger: { start: 26, end: 33 } }];
  assert.equal(resolveAnchor(anchor, { events: two, sentences }), null);
  // A sentence boundary moved by a recode is a different sentence.
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 20, end: 24 } }], sentences: [{ start: 0, end: 40 }] }), null);
});
