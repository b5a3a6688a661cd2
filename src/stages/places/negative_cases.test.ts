import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placesHarness } from './testing.js';

const harness = placesHarness();
const texts = (text: string, marks: Parameters<typeof harness.annotate>[1] = []): string[] => harness.annotate(text, marks).get('places').map((p) => p.text);

test('"State" in "Secretary of State" is not a place', () => {
  assert.deepEqual(texts('The Secretary of State flew home on Sunday.'), []);
});

test('"Marina" the Navy in a mistranslated list is not a place', () => {
  assert.ok(!texts('Together with the ministers of Defense and by Marina, Rafael Ojeda, the delegation arrived.').includes('Marina'));
});

test('"Jordan" in "Michael Jordan" is not a place, with or without NER', () => {
  assert.ok(!texts('Michael Jordan scored 40 points on Tuesday.').includes('Jordan'));
  assert.ok(!texts('Fans cheered for Michael Jordan on Tuesday.', [['Michael Jordan', 'PERSON']]).includes('Jordan'));
});

test('"May" the month is not a place', () => {
  assert.deepEqual(texts('May was the wettest month on record.'), []);
  assert.deepEqual(texts('The vote is expected in May.'), []);
});

test('a place name inside an organisation name is not a place of the story', () => {
  assert.ok(!texts('The Washington Post reported the story on Monday.').includes('Washington'));
});

test('a lone small town name with no support is dropped', () => {
  // "Sherman" a surname, not the Texas town: capitalised after "by", no locative, no NER.
  assert.ok(!texts('The theory was proposed by Sherman long ago.').includes('Sherman'));
});
