import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadResources } from '../../pipeline/resources.js';
import { segment } from './sentences.js';

const { segment: lexicon } = loadResources();

function sentences(text: string): string[] {
  const { sentences: s } = segment(text, 0, lexicon);
  return s.map((x) => text.slice(x.start, x.end));
}

function tokens(text: string): string[] {
  return segment(text, 0, lexicon).tokens.map((t) => t.text);
}

test('UD-style tokens: clitics, quotes, punctuation split off; numbers and abbreviations kept whole', () => {
  // note: EFE seed, sentence 4 — possessive clitic and curly quotes
  assert.deepEqual(tokens('Mexico\'s increased deportations have had a “positive impact,” he added.'), [
    'Mexico', "'s", 'increased', 'deportations', 'have', 'had', 'a', '“', 'positive', 'impact', ',', '”', 'he', 'added', '.',
  ]);
  // note: negation clitic, including ca/wo forms of EWT
  assert.deepEqual(tokens("They don't know and can't say, won't they?"), ['They', 'do', "n't", 'know', 'and', 'ca', "n't", 'say', ',', 'wo', "n't", 'they', '?']);
  // note: numbers with separators, percent and currency
  assert.deepEqual(tokens('more than 300,000 migrants; rates of 5.25% and $3.2 billion.'), ['more', 'than', '300,000', 'migrants', ';', 'rates', 'of', '5.25', '%', 'and', '$', '3.2', 'billion', '.']);
  // note: hyphenated compounds split as in EWT, but e-mail kept
  assert.deepEqual(tokens('two high-level delegations sent an e-mail'), ['two', 'high', '-', 'level', 'delegations', 'sent', 'an', 'e-mail']);
});

test('sentence boundaries: abbreviations, initials, times and dates do not split', () => {
  // note: title abbreviation and U.S. mid-sentence
  assert.deepEqual(sentences('Gen. Mark Milley told U.S. lawmakers on Jan. 5 that the talks at 3 p.m. went well. Others disagreed.'), [
    'Gen. Mark Milley told U.S. lawmakers on Jan. 5 that the talks at 3 p.m. went well.',
    'Others disagreed.',
  ]);
  // note: Inc. ends a sentence only before a sentence starter
  assert.deepEqual(sentences('Shares of Acme Inc. rose. He sold Acme Inc. The company fell.'), ['Shares of Acme Inc. rose.', 'He sold Acme Inc.', 'The company fell.']);
  // note: a quotation closes before the boundary
  assert.deepEqual(sentences('“We will win.” The minister left.'), ['“We will win.”', 'The minister left.']);
  // note: middle initials
  assert.deepEqual(sentences('President John F. Kennedy spoke.'), ['President John F. Kennedy spoke.']);
});

test('a headline line is its own sentence; hard-wrapped lines are joined', () => {
  const text = 'Joint Action Between the United States and Mexico\nThese measures were agreed during the\nemergency meeting of both governments.';
  assert.deepEqual(sentences(text), ['Joint Action Between the United States and Mexico', 'These measures were agreed during the\nemergency meeting of both governments.']);
});

test('every token and sentence is an exact slice, also with accents and non-BMP characters', () => {
  const text = 'Alicia Bárcena met Arévalo de León 🇬🇹 in Guatemala 😀!\n\n𝐁𝐨𝐥𝐝 text — “quoted” words… end';
  const seg = segment(text, 0, lexicon);
  for (const t of seg.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(seg.tokens.some((t) => t.text === '😀'), 'emoji is a token of its own');
  assert.ok(seg.tokens.some((t) => t.text === 'Bárcena'));
  for (const t of seg.tokens) {
    // never split inside a surrogate pair
    const first = text.charCodeAt(t.start);
    assert.ok(!(first >= 0xdc00 && first <= 0xdfff), `token ${t.text} starts inside a surrogate pair`);
  }
  assert.equal(seg.sentences.length, 2);
});

test('negative cases: no empty tokens, no empty sentences, whitespace-only text gives nothing', () => {
  assert.deepEqual(segment('   \n\n  ', 0, lexicon), { sentences: [], tokens: [] });
  const seg = segment('... !!! ?? — ', 0, lexicon);
  for (const t of seg.tokens) assert.ok(t.text.length > 0);
  for (const s of seg.sentences) assert.ok(s.end > s.start);
});
