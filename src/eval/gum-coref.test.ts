import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildView, corefCase, devDocuments, entityTypeOf, isRedacted, punctuationSentences, readCorefConll, readUdDocuments, type WordParser, type WordTagger } from './gum-coref.js';

const CONLL = [
  '# begin document GUM_news_test',
  '0\tAustralian\t(person-1',
  '1\tchildren\tperson-1)',
  '2\tlack\t_',
  '3\tiodine\t(abstract-2(substance-3-Iodine)',
  '4\tintake\tabstract-2)',
  '5\t.\t_',
  '6\tThey\t(person-1)',
  '7\tsuffer\t_',
  '8\tin\t_',
  '9\tNew\t(place-4-New_South_Wales',
  '10\tSouth\t_',
  '11\tWales\tplace-4-New_South_Wales)',
  '12\t.\t_',
  '# end document',
  '',
].join('\n');

test('readCorefConll pairs brackets (nested, one-word, with identities)', () => {
  const [doc] = readCorefConll(CONLL);
  assert.equal(doc.name, 'GUM_news_test');
  assert.equal(doc.words.length, 13);
  assert.equal(doc.unpaired, 0);
  assert.deepEqual(
    doc.spans.map((s) => [s.from, s.to, s.entity, s.etype]),
    [
      [0, 2, '1', 'person'],
      [3, 5, '2', 'abstract'],
      [3, 4, '3', 'substance'],
      [6, 7, '1', 'person'],
      [9, 12, '4', 'place'],
    ],
  );
});

test('punctuationSentences splits after . ! ? with closing quotes, and caps the length', () => {
  assert.deepEqual(punctuationSentences(['A', 'b', '.', 'C', '!', '"', 'D']), [3, 3, 1]);
  assert.deepEqual(punctuationSentences(['a', 'b', 'c', 'd', 'e'], 2), [2, 2, 1]);
  assert.deepEqual(punctuationSentences([]), []);
});

test('readUdDocuments: words, SpaceAfter (multiword tokens too) and sentence lengths per newdoc', () => {
  const ud = [
    '# newdoc id = D1',
    '# text = I don\'t.',
    '1\tI\tI\tPRON\t_\t_\t2\tnsubj\t_\t_',
    '2-3\tdon\'t\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No',
    '2\tdo\tdo\tAUX\t_\t_\t0\troot\t_\t_',
    '3\tn\'t\tnot\tPART\t_\t_\t2\tadvmod\t_\t_',
    '4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_',
    '',
    '1\tYes\tyes\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No',
    '2\t!\t!\tPUNCT\t_\t_\t1\tpunct\t_\t_',
    '',
  ].join('\n');
  const d = readUdDocuments(ud).get('D1');
  assert.ok(d);
  assert.deepEqual(d.words, ['I', 'do', "n't", '.', 'Yes', '!']);
  assert.deepEqual(d.spaceAfter, [true, false, false, true, false, true]);
  assert.deepEqual(d.sentenceLengths, [4, 2]);
});

// A fake tagger (capitalised → PROPN, They → PRON, . → PUNCT, else NOUN) and a right-headed parser
// (each word's head is the next word; the last word is the root), enough to check the plumbing.
const tagger: WordTagger = {
  tag: (words) => {
    const upos = words.map((w) => (w === '.' ? 'PUNCT' : w === 'They' ? 'PRON' : /^[A-Z]/.test(w) ? 'PROPN' : 'NOUN'));
    return { upos, xpos: upos, lemma: words.map((w) => w.toLowerCase()) };
  },
};
const parser: WordParser = { parse: (words) => ({ head: words.map((_, i) => (i === words.length - 1 ? 0 : i + 2)), deprel: words.map(() => 'dep') }) };

test('buildView joins words into text with token spans and runs the models per sentence; corefCase makes mentions and the key', () => {
  const [doc] = readCorefConll(CONLL);
  const view = buildView(doc.words, null, punctuationSentences(doc.words), tagger, parser);
  assert.equal(view.sentences.length, 2);
  assert.equal(view.text.slice(view.tokens[9].start, view.tokens[11].end), 'New South Wales');
  assert.equal(view.deps[5].head, -1); // sentence-final word is the root
  assert.equal(view.deps[6].head, 7);
  const c = corefCase(doc, view);
  assert.deepEqual(
    c.mentions.map((m) => [view.text.slice(m.start, m.end), view.tokens[m.head].text, m.kind, m.type]),
    [
      ['Australian children', 'children', 'nominal', 'PERSON'],
      ['iodine intake', 'intake', 'nominal', 'OTHER'],
      ['iodine', 'iodine', 'nominal', 'OTHER'],
      ['They', 'They', 'pronoun', 'PERSON'],
      ['New South Wales', 'Wales', 'name', 'GPE'],
    ],
  );
  assert.deepEqual(c.key, [[0, 3], [1], [2], [4]]);
  assert.equal(c.duplicateSpans, 0);
});

test('entityTypeOf: GUM types to ours; places are GPE for names, pronouns and political-unit nouns', () => {
  assert.equal(entityTypeOf('person', undefined), 'PERSON');
  assert.equal(entityTypeOf('organization', undefined), 'ORG');
  assert.equal(entityTypeOf('place', { upos: 'PROPN', lemma: 'Athens' }), 'GPE');
  assert.equal(entityTypeOf('place', { upos: 'NOUN', lemma: 'city' }), 'GPE');
  assert.equal(entityTypeOf('place', { upos: 'NOUN', lemma: 'beach' }), 'LOC');
  assert.equal(entityTypeOf('event', undefined), 'OTHER');
});

test('devDocuments reads the dev list of splits.md; isRedacted spots underscore-only documents', () => {
  const md = '# Splits\n\n## dev\n\n  * GUM_a\n  * GUM_b\n\n## test\n\n  * GUM_c\n';
  assert.deepEqual(devDocuments(md), ['GUM_a', 'GUM_b']);
  assert.equal(isRedacted(['___', '__', 'x']), true);
  assert.equal(isRedacted(['The', '_', 'cat']), false);
});
