import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPipeline } from '../../pipeline/pipeline.js';

const pipeline = createPipeline();

function quotes(text: string): Array<[string, string | undefined]> {
  const doc = pipeline.code(text, { published: '2024-01-13' });
  for (const q of doc.quotes) {
    assert.equal(text.slice(q.start, q.end), q.text);
    if (q.speakerStart !== undefined && q.speakerEnd !== undefined) assert.equal(text.slice(q.speakerStart, q.speakerEnd), q.speakerText);
  }
  return doc.quotes.map((q) => [q.text, q.speakerText]);
}

test('a quotation is attributed to the subject of the speech verb after it', () => {
  // note: inverted attribution after the quote
  assert.deepEqual(quotes('"We will not accept new sanctions," President Emmanuel Macron said on Monday.'), [['"We will not accept new sanctions,"', 'Emmanuel Macron']]);
});

test('a quotation broken by "he said" gives two quotes with one speaker; the pronoun takes the previous speaker', () => {
  const text = 'Kenyan President William Ruto told reporters: “The border will reopen.” “We are ready,” he said.';
  assert.deepEqual(quotes(text), [
    ['“The border will reopen.”', 'William Ruto'],
    ['“We are ready,”', 'William Ruto'],
  ]);
});

test('"according to" names the speaker when no speech verb does', () => {
  const found = quotes('The talks were “very productive,” according to Foreign Minister Alicia Bárcena.');
  assert.equal(found.length, 1);
  assert.equal(found[0][1], 'Alicia Bárcena');
});

test('negative cases: apostrophes, unpaired marks and marks across paragraphs are not quotations', () => {
  assert.deepEqual(quotes("Mexico's minister didn't say when the 'temporary' closure ends."), []);
  assert.deepEqual(quotes('He said “the talks\nwill resume soon, officials said.'), []);
});
