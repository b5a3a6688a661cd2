import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAnchor } from './anchor.js';

// "Blinken hosted Bárcena on Friday. Both sides met again." — two sentences, spans in UTF-16 code units.
const sentences = [{ start: 0, end: 34 }, { start: 35, end: 55 }];
const anchor = { sentence: { start: 0, end: 34 }, trigger: { start: 8, end: 14, text: 'hosted' }, source: 'USAGOV', target: 'MEXGOV' };
const dyad = (source: string, target: string): { source: { code: string }; target: { code: string } } => ({ source: { code: source }, target: { code: target } });

test('an anchor finds the event with the same trigger span, whatever its id now', () => {
  const events = [{ id: 'ev2', sentence: 1, trigger: { start: 46, end: 49 }, ...dyad('USAGOV', 'MEXGOV') }, { id: 'ev7', sentence: 0, trigger: { start: 8, end: 14 }, ...dyad('USAGOV', 'MEXGOV') }];
  assert.equal(resolveAnchor(anchor, { events, sentences })?.id, 'ev7');
});

test('events sharing a trigger ("Mexico and the United States to visit the Darién") are told apart by source and target', () => {
  const visit = { ...anchor, source: 'USA', target: 'PAN' };
  const events = [{ id: 'e1', sentence: 0, trigger: { start: 8, end: 14 }, ...dyad('MEX', 'PAN') }, { id: 'e2', sentence: 0, trigger: { start: 8, end: 14 }, ...dyad('USA', 'PAN') }];
  assert.equal(resolveAnchor(visit, { events, sentences })?.id, 'e2');
  assert.equal(resolveAnchor({ ...visit, target: 'GTM' }, { events, sentences })?.id, 'e2', 'the same source when the target changed');
  assert.equal(resolveAnchor({ ...visit, source: 'GTM', target: 'GTM' }, { events, sentences })?.id, 'e1', 'else the first');
});

test('a trigger grown by a word still finds its event; else the only event of the same sentence', () => {
  const d = dyad('USAGOV', 'MEXGOV');
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 0, end: 14 }, ...d }], sentences })?.id, 'e1');
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 15, end: 22 }, ...d }], sentences })?.id, 'e1');
});

test('negative cases: no event left in the sentence, or several and none at the trigger, resolve to nothing', () => {
  const d = dyad('USAGOV', 'MEXGOV');
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 1, trigger: { start: 46, end: 49 }, ...d }], sentences }), null);
  const two = [{ id: 'a', sentence: 0, trigger: { start: 15, end: 22 }, ...d }, { id: 'b', sentence: 0, trigger: { start: 26, end: 33 }, ...d }];
  assert.equal(resolveAnchor(anchor, { events: two, sentences }), null);
  // A sentence boundary moved by a recode is a different sentence.
  assert.equal(resolveAnchor(anchor, { events: [{ id: 'e1', sentence: 0, trigger: { start: 20, end: 24 }, ...d }], sentences: [{ start: 0, end: 40 }] }), null);
});
