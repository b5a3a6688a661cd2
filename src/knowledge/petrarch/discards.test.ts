import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscardList, parseDiscards } from './discards.js';
import { fixture, words } from './fixtures.js';

const { text, file } = fixture('fictional.discards.txt');
const parsed = parseDiscards(text, file);
const discards = new DiscardList(parsed.entries);

test('discards: sentence and story phrases; a story discard wins', () => {
  const m = discards.match(words('He lifted the Grand Freedonia Cup on Sunday'));
  assert.deepEqual(m && [m.kind, m.phrase, m.at, m.length], ['sentence', 'GRAND FREEDONIA CUP', 3, 3]);
  const s = discards.match(words('At the Grand Freedonia Cup during the Duck Soup Festival'));
  assert.deepEqual(s && [s.kind, s.phrase, s.at], ['story', 'DUCK SOUP FESTIVAL', 7]);
  assert.equal(discards.matchAll(words('At the Grand Freedonia Cup during the Duck Soup Festival')).length, 2);
});

test('discards: trailing _ is a whole word, otherwise the last word is a stem', () => {
  assert.equal(discards.match(words('Freedonia tops Group A'))?.phrase, 'GROUP A');
  assert.equal(discards.match(words('Freedonia tops Group AB')), undefined);
  assert.equal(discards.match(words('the batsmen walked off'))?.phrase, 'BATSM');
});

test('negative cases: no discard in an ordinary sentence; a bracketed line is reported', () => {
  assert.equal(discards.match(words('Freedonia recalled its ambassador from Sylvania')), undefined);
  assert.deepEqual(parsed.problems.map((p) => [p.file, p.line]), [[file, 6]]);
});
