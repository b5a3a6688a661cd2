import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addStateCodes, dropStormNames, dropStreetPlaces, EntityTagger, propagateNames, repairIob, spansFromTags } from './ner.js';
import { annotateIob } from './iob.js';
import { floatWeights, iob2ToBilou, NER_TAGS, NerDecoder, parseQuantized, toIob2 } from './model.js';
import { DocumentHistory, extractFeatures, FeatureExtractor, HistoryFeatures, wordShape } from './features.js';
import { compileGazetteer, GAZ_BIT, Gazetteer, gazetteerBytes, normalizeToken } from './gazetteer.js';
import { AveragedPerceptron } from '../perceptron.js';

const modelsDir = join(new URL('.', import.meta.url).pathname, '..', '..', '..', 'models');
const hasModel = existsSync(join(modelsDir, 'ner.bin'));
const skip = hasModel ? false : 'models/ner.bin not trained (node dist/models/ner/train-cli.js)';

/** UD-style tokenisation for the fixtures: words (hyphen-joined), numbers, 's, and every other symbol alone. */
function tokenize(line: string): string[] {
  return line.match(/'s\b|\p{L}[\p{L}\p{M}\p{N}]*(?:-[\p{L}\p{M}\p{N}]+)*|\p{N}+(?:[.,]\p{N}+)*|\S/gu) ?? [];
}

function isWellFormed(tags: readonly string[]): boolean {
  let prev = 'O';
  for (const t of tags) {
    if (!/^(O|[BI]-(PER|ORG|LOC))$/.test(t)) return false;
    if (t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2))) return false;
    prev = t;
  }
  return true;
}

// Our copy of sentences of the EFE story of 2024-01-13 (the project's acceptance example).
const SEED = [
  'Washington, (EFE).- US Secretary of State Antony Blinken congratulated Mexican Foreign Minister Alicia Bárcena on the “positive results” in reducing the number of migrants arriving at the common border, the State Department reported a statement this Saturday.',
  'The situation created a crisis between the United States and Mexico as the Joe Biden administration closed several border points crucial to binational trade for several days.',
  'At Friday\'s meeting, Blinken also expressed his desire to expand migration cooperation between the United States, Mexico and Guatemala following the inauguration of new Guatemalan President Bernardo Arévalo de León.',
  'For its part, the Mexican Foreign Ministry announced on Friday an agreement for representatives of Mexico and the United States to visit the Darién jungle in Panama, where thousands of migrants pass through every year.',
  'Blinken was accompanied by Homeland Security Secretary and US Immigration Policy Officer Alejandro Mayorkas; and White House National Security Advisor Elizabeth Sherwood-Randall.',
  'Together with the Mexican Foreign Minister, security chiefs Rosa Icela Rodríguez; Defense: Luis Cresencio Sandoval; by Marina, Rafael Ojeda, and by the National Migration Institute, Francisco Garduño.',
];

function seedSpans(tagger: EntityTagger): Array<{ type: string; text: string }> {
  const out: Array<{ type: string; text: string }> = [];
  for (const line of SEED) {
    const words = tokenize(line);
    const { tags } = tagger.tag(words);
    for (const s of spansFromTags(tags)) out.push({ type: s.type, text: words.slice(s.start, s.end).join(' ') });
  }
  return out;
}

const PERSONS_FOUND = [
  'Antony Blinken',
  'Alicia Bárcena',
  'Bernardo Arévalo de León',
  'Alejandro Mayorkas',
  'Elizabeth Sherwood-Randall',
  'Rosa Icela Rodríguez',
  'Rafael Ojeda',
  'Francisco Garduño',
  'Joe Biden',
  'Luis Cresencio Sandoval',
];
const ORGS_FOUND = ['State Department', 'White House', 'Mexican Foreign Ministry', 'National Migration Institute'];

test('seed story: the ten persons as full-name PER spans', { skip }, () => {
  const spans = seedSpans(EntityTagger.load(modelsDir));
  for (const name of PERSONS_FOUND) {
    assert.ok(spans.some((s) => s.type === 'PER' && s.text === name), `missing PER "${name}" in ${JSON.stringify(spans)}`);
  }
});

test('seed story: organisations found', { skip }, () => {
  const spans = seedSpans(EntityTagger.load(modelsDir));
  for (const name of ORGS_FOUND) {
    assert.ok(spans.some((s) => s.type === 'ORG' && s.text === name), `missing ORG "${name}" in ${JSON.stringify(spans)}`);
  }
});

test('seed story: no "State Antony" place, "Marina" is not a person', { skip }, () => {
  const spans = seedSpans(EntityTagger.load(modelsDir));
  assert.ok(!spans.some((s) => s.text.includes('State Antony')), JSON.stringify(spans));
  assert.ok(!spans.some((s) => s.type === 'PER' && s.text.split(' ').includes('Marina')), JSON.stringify(spans));
});

// Known misses of the current model (see the NER report): kept visible as todo, not hidden.
test('seed story: Homeland Security as ORG', { skip, todo: 'model tags "Homeland" alone as LOC in "Homeland Security Secretary"' }, () => {
  const spans = seedSpans(EntityTagger.load(modelsDir));
  assert.ok(spans.some((s) => s.type === 'ORG' && s.text === 'Homeland Security'), JSON.stringify(spans));
});

test('tags are well formed on edge cases, with confidences in [0, 1]', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  assert.deepEqual(tagger.tag([]), { tags: [], confidence: [] });
  const cases: string[][] = [
    ['.', ',', '!', '?', '“', '”', '(', ')', '-', ';'],
    ['Smith'],
    ['of', 'the', 'Bank', 'of', 'England', 'and', 'New', 'York', '.'],
    Array.from({ length: 200 }, (_, i) => ['President', 'Joe', 'Biden', 'met', 'the', 'United', 'Nations', 'in', 'Paris', ','][i % 10]),
    ['😀', 'Anna', '𝒜', 'visited', 'Kyiv'],
  ];
  for (const words of cases) {
    const { tags, confidence } = tagger.tag(words);
    assert.equal(tags.length, words.length);
    assert.equal(confidence.length, words.length);
    assert.ok(isWellFormed(tags), tags.join(' '));
    for (const c of confidence) assert.ok(c >= 0 && c <= 1 && Number.isFinite(c), String(c));
  }
  assert.ok(tagger.tag(cases[0]).tags.every((t) => t === 'O'), 'punctuation is never an entity');
});

test('upos is optional: a model trained with UPOS still tags without it; one trained without ignores it', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  const words = ['Angela', 'Merkel', 'visited', 'Berlin', '.'];
  const upos = ['PROPN', 'PROPN', 'VERB', 'PROPN', 'PUNCT'];
  if (tagger.usesPos) {
    // Trained with UPOS left out of a tenth of its sentences (posDropout), so a caller without a tagger still gets names.
    const expected = ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'];
    assert.deepEqual(tagger.tag(words, upos).tags, expected);
    assert.deepEqual(tagger.tag(words).tags, expected);
  } else {
    assert.deepEqual(tagger.tag(words, upos).tags, tagger.tag(words).tags);
  }
});

test('propagateNames: a name tagged once gets its type where it stands untagged, before or after', () => {
  const sentences = [
    { words: ['I', 'like', 'Firefox', '.'] },
    { words: ['Firefox', 'is', 'made', 'by', 'Mozilla', 'Foundation', 'people', '.'] },
    { words: ['The', 'Mozilla', 'Foundation', 'and', 'Firefox', 'Labs', '.'] },
    { words: ['Paris', 'or', 'Paris', '?'] },
  ];
  const results = [
    { tags: ['O', 'O', 'O', 'O'], confidence: [1, 1, 1, 1] },
    { tags: ['B-ORG', 'O', 'O', 'O', 'O', 'O', 'O', 'O'], confidence: [0.9, 1, 1, 1, 1, 1, 1, 1] },
    { tags: ['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O', 'O'], confidence: [1, 1, 1, 1, 1, 1, 1] },
    { tags: ['B-LOC', 'O', 'B-PER', 'O'], confidence: [1, 1, 1, 1] },
  ];
  propagateNames(sentences, results);
  assert.deepEqual(results[0].tags, ['O', 'O', 'B-ORG', 'O']);
  assert.equal(results[0].confidence[2], 0.5);
  // "Mozilla Foundation" is found again; "Firefox Labs" is a longer capitalised run, left alone.
  assert.deepEqual(results[1].tags, ['B-ORG', 'O', 'O', 'O', 'B-ORG', 'I-ORG', 'O', 'O']);
  assert.deepEqual(results[2].tags, ['O', 'B-ORG', 'I-ORG', 'O', 'O', 'O', 'O']);
  // Conflicting types are not propagated.
  assert.deepEqual(results[3].tags, ['B-LOC', 'O', 'B-PER', 'O']);
});

test('dropStormNames: a storm name is no entity anywhere in the document; a longer name with a storm word stays', () => {
  const sentences = [
    { words: ['Strengthening', 'Hurricane', 'Rita', 'threatened', 'Texas', '.'] },
    { words: ['The', 'US', 'National', 'Hurricane', 'Center', 'said', 'Rita', 'and', 'Rita', 'Moreno', 'were', 'dangerous', '.'] },
  ];
  const results = [
    { tags: ['O', 'B-LOC', 'I-LOC', 'O', 'B-LOC', 'O'], confidence: [1, 1, 1, 1, 1, 1] },
    { tags: ['O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG', 'O', 'B-PER', 'O', 'B-PER', 'I-PER', 'O', 'O', 'O'], confidence: new Array<number>(13).fill(1) },
  ];
  dropStormNames(sentences, results);
  assert.deepEqual(results[0].tags, ['O', 'O', 'O', 'O', 'B-LOC', 'O']);
  assert.deepEqual(results[1].tags, ['O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG', 'O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'O', 'O']);
});

test('addStateCodes: a US postal code after a place and a comma is a place', () => {
  const words = ['in', 'Chillicothe', ',', 'OH', 'and', 'Harry', 'Preuss', ',', 'MD', ',', 'a', 'doctor'];
  const r = { tags: ['O', 'B-LOC', 'O', 'O', 'O', 'B-PER', 'I-PER', 'O', 'O', 'O', 'O', 'O'], confidence: new Array<number>(12).fill(1) };
  addStateCodes(words, r);
  assert.deepEqual(r.tags, ['O', 'B-LOC', 'O', 'B-LOC', 'O', 'B-PER', 'I-PER', 'O', 'O', 'O', 'O', 'O']);
});

test('dropStreetPlaces: a place name right before a street word is dropped', () => {
  const words = ['on', 'New', 'York', 'Avenue', 'in', 'Dallas', ',', 'not', 'Wall', 'Street'];
  const tags = ['O', 'B-LOC', 'I-LOC', 'O', 'O', 'B-LOC', 'O', 'O', 'B-ORG', 'O'];
  dropStreetPlaces(words, tags);
  assert.deepEqual(tags, ['O', 'O', 'O', 'O', 'O', 'B-LOC', 'O', 'O', 'B-ORG', 'O']);
});

test('an e-mail display name written surname first is one person', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  const words = ['"', 'Lenhart', ',', 'Matthew', '"', '<', 'matthew.lenhart@enron.com', '>'];
  const spans = spansFromTags(tagger.tag(words).tags).map((s) => `${s.type}:${words.slice(s.start, s.end).join(' ')}`);
  assert.deepEqual(spans, ['PER:Lenhart , Matthew']);
});

test('title guard: a word of a multi-word title is never part of a person', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  const words = ['US', 'Secretary', 'of', 'State', 'Antony', 'Blinken', 'met', 'Alicia', 'Bárcena', '.'];
  const spans = spansFromTags(tagger.tagDocument([{ words }])[0].tags).map((s) => `${s.type}:${words.slice(s.start, s.end).join(' ')}`);
  assert.ok(spans.includes('PER:Antony Blinken'), spans.join(', '));
});

test('spansFromTags: spans with exclusive ends, adjacent and ill-formed input', () => {
  assert.deepEqual(spansFromTags([]), []);
  assert.deepEqual(spansFromTags(['B-PER', 'I-PER', 'O', 'B-LOC']), [
    { type: 'PER', start: 0, end: 2 },
    { type: 'LOC', start: 3, end: 4 },
  ]);
  // Two adjacent entities of one type, then an I- of another type without its B- (starts a new span).
  assert.deepEqual(spansFromTags(['B-ORG', 'B-ORG', 'I-ORG', 'I-LOC', 'O']), [
    { type: 'ORG', start: 0, end: 1 },
    { type: 'ORG', start: 1, end: 3 },
    { type: 'LOC', start: 3, end: 4 },
  ]);
  assert.deepEqual(spansFromTags(['I-PER', 'I-PER']), [{ type: 'PER', start: 0, end: 2 }]);
});

test('repairIob and the BILOU ↔ IOB2 mapping', () => {
  assert.deepEqual(repairIob(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-ORG', 'I-LOC']), ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'B-LOC']);
  const iob = ['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC'];
  const bilou = iob2ToBilou(iob);
  assert.deepEqual(bilou, ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'B-LOC', 'L-LOC']);
  assert.deepEqual(bilou.map(toIob2), iob);
});

/** A stand-in tagger for annotateIob: capitalised words are B-LOC, so the test needs no trained model. */
const fakeTagger = {
  tag(words: readonly string[]) {
    return { tags: words.map((w) => (/^\p{Lu}/u.test(w) ? 'B-LOC' : 'O')), confidence: words.map(() => 1) };
  },
} as unknown as EntityTagger;

test('annotateIob: adds a last column, keeps -DOCSTART-, comments and blank lines', () => {
  const input = ['-DOCSTART- -X- O O', '', '# sent_id = 1', 'Gondor\tNNP\tB-LOC', 'fell\tVBD\tO', '', 'Arnor NNP B-NP B-LOC', 'rose VBD B-VP O', ''].join('\n');
  const expected = [
    '-DOCSTART- -X- O O',
    '',
    '# sent_id = 1',
    'Gondor\tNNP\tB-LOC\tB-LOC',
    'fell\tVBD\tO\tO',
    '',
    'Arnor NNP B-NP B-LOC\tB-LOC',
    'rose VBD B-VP O\tO',
    '',
  ].join('\n');
  assert.equal(annotateIob(input, fakeTagger), expected);
});

test('annotateIob with the trained model tags a tiny file', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  const out = annotateIob('-DOCSTART- O\n\nPresident\tO\nObama\tB-PER\nvisited\tO\nParis\tB-LOC\n.\tO\n', tagger);
  const lines = out.split('\n');
  assert.equal(lines[0], '-DOCSTART- O');
  assert.equal(lines[1], '');
  assert.equal(lines[3], 'Obama\tB-PER\tB-PER');
  assert.equal(lines[5], 'Paris\tB-LOC\tB-LOC');
  assert.equal(lines.length, 8);
});

test('gazetteer: compiled form matches like the phrase lists (longest span, prefixes, diacritics)', () => {
  const data = {
    format: 'herodotus-ner-gazetteer' as const,
    version: 1 as const,
    lists: { city: ['Mexico City', 'San José', 'New York City'], country: ['Mexico'], region: ['New York'], given: ['Ana'] },
  };
  const compiled = compileGazetteer(data);
  const gaz = Gazetteer.fromBytes(gazetteerBytes(compiled));
  assert.throws(() => Gazetteer.fromBytes(gazetteerBytes(compiled).subarray(0, 60)), /truncated/);
  assert.equal(gaz.size, 6);
  assert.equal(gaz.lookup('mexico'), GAZ_BIT.country);
  assert.equal(gaz.lookup('mexico city'), GAZ_BIT.city);
  assert.equal(gaz.lookup('new'), 0, 'a prefix alone is not a phrase');
  const norm = ['in', 'mexico', 'city', 'and', 'san', 'jose', 'and', 'new', 'york', 'city'].map(normalizeToken);
  const m = gaz.match(norm);
  const city = gaz.spanCategories.indexOf('city');
  const region = gaz.spanCategories.indexOf('region');
  assert.deepEqual(Array.from(m.pos[city].subarray(0, norm.length)), [0, 1, 2, 0, 1, 2, 0, 1, 2, 2]);
  assert.deepEqual(Array.from(m.len[city].subarray(0, norm.length)), [0, 2, 2, 0, 2, 2, 0, 3, 3, 3]);
  assert.deepEqual(Array.from(m.len[region].subarray(0, norm.length)), [0, 0, 0, 0, 0, 0, 0, 2, 2, 0]);
  assert.equal(m.word[1], GAZ_BIT.country);
  // Buffers are reused: a shorter sentence afterwards sees no stale matches.
  const m2 = gaz.match(['ana', 'city']);
  assert.equal(m2.word[0], GAZ_BIT.given);
  assert.equal(m2.pos[city][1], 0);
});

test('wordShape: classes by character code, runs collapsed, non-ASCII letters', () => {
  assert.equal(wordShape('Blinken'), 'Xxx');
  assert.equal(wordShape('U.S.'), 'X.X.');
  assert.equal(wordShape('COVID-19'), 'XX-dd');
  assert.equal(wordShape('Éxito'), 'Xxx');
  assert.equal(wordShape('ÑANDÚ'), 'XX');
  assert.equal(wordShape(''), '');
});

test('features: a word gets the same ids whatever buffers were used before; upos adds features', () => {
  const gaz = new Gazetteer({ format: 'herodotus-ner-gazetteer', version: 1, lists: { country: ['France'] } });
  const ex = new FeatureExtractor(gaz);
  const first = extractFeatures(['Paris', 'is', 'in', 'France', '.'], gaz, undefined, ex);
  ex.extract(Array.from({ length: 300 }, (_, i) => 'w' + i));
  const again = extractFeatures(['Paris', 'is', 'in', 'France', '.'], gaz, undefined, ex);
  assert.deepEqual(again, first);
  const withPos = extractFeatures(['Paris', 'is', 'in', 'France', '.'], gaz, ['PROPN', 'AUX', 'ADP', 'PROPN', 'PUNCT']);
  assert.ok(withPos.ids.length > first.ids.length);
  assert.equal(withPos.offsets.length, 6);
});

test('document history: earlier tags become features of the same word later', () => {
  const gaz = new Gazetteer({ format: 'herodotus-ner-gazetteer', version: 1, lists: {} });
  const ex = new FeatureExtractor(gaz);
  const history = new DocumentHistory();
  const hf = new HistoryFeatures();
  ex.extract(['Blinken', 'met', 'Ortega', '.']);
  const keys1 = ex.keys(4);
  assert.equal(hf.extract(keys1, 4, history).ids.length, 0, 'nothing before the first sentence');
  history.record(keys1, [0, -1, 1, -1], 4);
  ex.extract(['Then', 'blinken', 'left', '.']);
  const keys2 = ex.keys(4);
  assert.equal(history.get(keys2.hw[1]), 1, 'PER, matched case-insensitively');
  const f = hf.extract(keys2, 4, history);
  assert.ok(f.offsets[2] - f.offsets[1] >= 2, 'the word itself gets history features');
  assert.ok(f.offsets[1] - f.offsets[0] >= 1 && f.offsets[3] - f.offsets[2] >= 1, 'its neighbours see it');
  assert.equal(f.offsets[4] - f.offsets[3], 0);
});

test('quantised emissions: each score is the sum of its features\' weights (both feature sets) times the scale', () => {
  const p = new AveragedPerceptron({ nClasses: 13, nBuckets: 64 });
  for (let i = 0; i < p.weights.length; i++) p.weights[i] = ((i * 53) % 31) - 15;
  const w = parseQuantized(p.serialize(8));
  const quant = new NerDecoder(w, NER_TAGS);
  const ids = Uint32Array.of(3, 17, 900, 5, 64 + 3);
  const offsets = Uint32Array.of(0, 2, 5);
  const extra = { ids: Uint32Array.of(40, 41, 7), offsets: Uint32Array.of(0, 1, 3) };
  const em = quant.emissions(ids, offsets, 2, 0.5, extra).slice(0, 26);
  const row = (id: number): number => (w.rowBase ? w.rowBase[id & 63] : (id & 63) * 13);
  const byWord = [[3, 17, 40], [900, 5, 64 + 3, 41, 7]];
  byWord.forEach((feats, i) => {
    for (let c = 0; c < 13; c++) {
      let sum = 0;
      for (const id of feats) sum += w.values[row(id) + c];
      const expected = Math.fround(Math.fround(sum * w.scale) - (c === 0 ? 0.5 : 0));
      assert.equal(em[i * 13 + c], expected, `word ${i} class ${c}`);
    }
  });
});

test('quantised runtime weights score like the float perceptron', () => {
  const p = new AveragedPerceptron({ nClasses: 13, nBuckets: 64 });
  for (let i = 0; i < p.weights.length; i++) p.weights[i] = ((i * 37) % 23) - 11;
  const w = parseQuantized(p.serialize(16));
  const dense = new NerDecoder(floatWeights(p), NER_TAGS);
  const quant = new NerDecoder(w, NER_TAGS);
  const ids = Uint32Array.of(3, 17, 900, 5, 64 + 3);
  const offsets = Uint32Array.of(0, 2, 5);
  const a = dense.emissions(ids, offsets, 2).slice(0, 26);
  const b = quant.emissions(ids, offsets, 2).slice(0, 26);
  for (let i = 0; i < 26; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-2, `${i}: ${a[i]} vs ${b[i]}`);
  assert.deepEqual(quant.viterbi(b, 2), dense.viterbi(a, 2));
  assert.throws(() => parseQuantized(p.serialize(16).subarray(0, 100)), /truncated/);
});

test('tagDocument: one result per sentence; the first sentence is tagged as by tag()', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  const doc = [
    { words: ['Secretary', 'of', 'State', 'Antony', 'Blinken', 'arrived', 'in', 'Mexico', '.'] },
    { words: ['Blinken', 'said', 'the', 'talks', 'went', 'well', '.'] },
    { words: [] },
  ];
  const out = tagger.tagDocument(doc);
  assert.equal(out.length, 3);
  assert.deepEqual(out[0], tagger.tag(doc[0].words));
  assert.deepEqual(out[2], { tags: [], confidence: [] });
  for (const r of out) assert.ok(isWellFormed(r.tags));
});

test('seed story by document: the bare later "Blinken" is a person (document history)', { skip }, () => {
  const tagger = EntityTagger.load(modelsDir);
  assert.equal(tagger.header.docHistory, true, 'the shipped model is trained with document history');
  const words = SEED.map(tokenize);
  const results = tagger.tagDocument(words.map((w) => ({ words: w })));
  assert.equal(results.length, SEED.length);
  // Sentence 3: "At Friday's meeting, Blinken also expressed …"
  const s3 = words[2];
  const spans = spansFromTags(results[2].tags).map((s) => ({ type: s.type, text: s3.slice(s.start, s.end).join(' ') }));
  assert.ok(spans.some((s) => s.type === 'PER' && s.text === 'Blinken'), JSON.stringify(spans));
  for (const r of results) assert.ok(isWellFormed(r.tags));
});
