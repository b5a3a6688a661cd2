import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tagger, MODEL_FILE } from './tagger.js';
import { Lemmatizer, applyRule, ruleFor } from './lemmatizer.js';
import { normalizeForm, wordShape } from './features.js';
import { SparseScorer } from './weights.js';
import { buildExternalLexicon, externalClassLookup } from './external-lexicon.js';
import { AveragedPerceptron, FeatureBuffer } from '../perceptron.js';

// The shipped model: dist/models/tagger/ → <project>/models.
const modelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));
const tagger = Tagger.load(modelsDir);

function tagOf(sentence: string) {
  const words = sentence.split(' ');
  const out = tagger.tag(words);
  assert.equal(out.upos.length, words.length);
  assert.equal(out.xpos.length, words.length);
  assert.equal(out.lemma.length, words.length);
  return (word: string, nth = 0) => {
    let i = -1;
    for (let seen = -1; seen < nth; ) {
      i = words.indexOf(word, i + 1);
      if (i < 0) throw new Error(`"${word}" not in sentence`);
      seen++;
    }
    return { upos: out.upos[i], xpos: out.xpos[i], lemma: out.lemma[i] };
  };
}

test('news sentence: proper names with accents, past-tense verb, nationality adjective, curly quotes', () => {
  const t = tagOf(
    'US Secretary of State Antony Blinken congratulated Mexican Foreign Minister Alicia Bárcena on the “ positive results ” .',
  );
  assert.equal(t('Blinken').upos, 'PROPN');
  assert.equal(t('Blinken').lemma, 'Blinken');
  assert.equal(t('Bárcena').upos, 'PROPN');
  assert.equal(t('Bárcena').lemma, 'Bárcena');
  assert.deepEqual(t('congratulated'), { upos: 'VERB', xpos: 'VBD', lemma: 'congratulate' });
  assert.equal(t('Mexican').upos, 'ADJ');
  assert.equal(t('“').upos, 'PUNCT');
  assert.equal(t('“').xpos, '``');
  assert.equal(t('”').xpos, "''");
  assert.equal(t('results').lemma, 'result');
  assert.equal(t('.').xpos, '.');
});

test('possessive clitic, with straight and curly apostrophes', () => {
  for (const clitic of ["'s", '’s']) {
    const t = tagOf(`Mexico ${clitic} increased deportations worried the government .`);
    assert.equal(t(clitic).upos, 'PART', clitic);
    assert.equal(t(clitic).xpos, 'POS', clitic);
    assert.equal(t(clitic).lemma, "'s", clitic);
    assert.equal(t('Mexico').upos, 'PROPN');
    assert.equal(t('deportations').upos, 'NOUN');
    assert.equal(t('deportations').lemma, 'deportation');
  }
});

test('auxiliaries, negation and copula clitics', () => {
  const t = tagOf("The minister said he does n't know whether it 's over .");
  assert.equal(t("n't").upos, 'PART');
  assert.equal(t("n't").lemma, 'not');
  assert.equal(t('does').upos, 'AUX');
  assert.equal(t('does').lemma, 'do');
  assert.equal(t("'s").upos, 'AUX');
  assert.equal(t("'s").lemma, 'be');
  assert.equal(t('said').lemma, 'say');
  assert.equal(t('said').xpos, 'VBD');
});

test('unseen capitalised names mid-sentence are proper nouns', () => {
  const t = tagOf('The talks were led by Ximena Arévalo and Tlalnepantla mayor Zorbatz Quetzalcoatl .');
  for (const name of ['Ximena', 'Arévalo', 'Tlalnepantla', 'Zorbatz', 'Quetzalcoatl']) {
    assert.equal(t(name).upos, 'PROPN', name);
    assert.equal(t(name).lemma, name, name);
  }
  assert.equal(t('led').xpos, 'VBN');
  assert.equal(t('led').lemma, 'lead');
});

test('em dashes and numbers', () => {
  const t = tagOf('More than 2,400 migrants — most of them from Venezuela — crossed on Tuesday .');
  assert.equal(t('—').upos, 'PUNCT');
  assert.equal(t('2,400').upos, 'NUM');
  assert.equal(t('2,400').xpos, 'CD');
  assert.equal(t('migrants').lemma, 'migrant');
  assert.equal(t('crossed').lemma, 'cross');
  assert.equal(t('Tuesday').upos, 'PROPN');
});

test('empty input gives empty output', () => {
  assert.deepEqual(tagger.tag([]), { upos: [], xpos: [], lemma: [] });
});

test('serialise → load round trip gives identical bytes and tags', () => {
  const bytes = tagger.toBytes(8);
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-tagger-'));
  try {
    writeFileSync(join(dir, MODEL_FILE), bytes);
    const copy = Tagger.load(dir);
    assert.ok(copy.toBytes(8).equals(bytes));
    const sentences = [
      'Blinken met López Obrador in Mexico City on Wednesday .',
      'The “ positive results ” were n’t enough , officials said .',
      'Migrants crossing the border illegally fell by half in January .',
    ];
    for (const s of sentences) assert.deepEqual(copy.tag(s.split(' ')), tagger.tag(s.split(' ')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rejects bytes that are not a tagger model', () => {
  assert.throws(() => Tagger.fromBytes(Buffer.from('definitely not a tagger model')), /bad magic/);
  // An older format (3: the external lexicon as an object keyed by form) is refused with its version named.
  const old = tagger.toBytes(8);
  old.writeUInt32LE(3, 4);
  assert.throws(() => Tagger.fromBytes(old), /unsupported tagger format version 3 \(this code reads version 4/);
});

test('lemma rules from the shipped model generalise to unseen words', () => {
  const lem = tagger.lemmatizer;
  assert.equal(lem.lemmatize('deportations', 'NNS'), 'deportation');
  assert.equal(lem.lemmatize('zorbified', 'VBD'), 'zorbify');
  assert.equal(lem.lemmatize('outsourcing', 'VBG'), 'outsource');
  assert.equal(lem.lemmatize('stopped', 'VBD'), 'stop');
  assert.equal(lem.lemmatize('wolves', 'NNS'), 'wolf');
  assert.equal(lem.lemmatize('Quetzalcoatls', 'NNPS'), 'Quetzalcoatl');
  assert.equal(lem.lemmatize('Blinken', 'NNP'), 'Blinken');
  assert.equal(lem.lemmatize('Congratulated', 'VBD'), 'congratulate');
  assert.equal(lem.lemmatize('went', 'VBD'), 'go');
  assert.equal(lem.lemmatize('n’t', 'RB'), 'not');
});

test('lemmatizer learns exceptions and suffix rules from examples', () => {
  const lem = Lemmatizer.learn([
    { form: 'walked', xpos: 'VBD', lemma: 'walk' },
    { form: 'talked', xpos: 'VBD', lemma: 'talk' },
    { form: 'jumped', xpos: 'VBD', lemma: 'jump' },
    { form: 'created', xpos: 'VBD', lemma: 'create' },
    { form: 'rated', xpos: 'VBD', lemma: 'rate' },
    { form: 'went', xpos: 'VBD', lemma: 'go' },
    { form: 'Gondor', xpos: 'NNP', lemma: 'Gondor' },
    { form: 'Arnor', xpos: 'NNP', lemma: 'Arnor' },
  ]);
  assert.equal(lem.lemmatize('went', 'VBD'), 'go');
  assert.equal(lem.lemmatize('parked', 'VBD'), 'park');
  assert.equal(lem.lemmatize('debated', 'VBD'), 'debate');
  assert.equal(lem.lemmatize('Rohan', 'NNP'), 'Rohan');
  // Unknown tag: lowercase, except proper nouns.
  assert.equal(lem.lemmatize('Minas', 'NNPS'), 'Minas');
  assert.equal(lem.lemmatize('Tirith', 'NN'), 'tirith');
  // The tables survive JSON.
  const copy = new Lemmatizer(JSON.parse(JSON.stringify(lem.toJSON())));
  assert.equal(copy.lemmatize('debated', 'VBD'), 'debate');
});

test('edit rules keep case for proper nouns and lowercase otherwise', () => {
  assert.deepEqual(ruleFor('Bush', 'Bush'), { keepCase: true, cut: 0, add: '' });
  assert.deepEqual(ruleFor('The', 'the'), { keepCase: false, cut: 0, add: '' });
  assert.deepEqual(ruleFor('went', 'go'), { keepCase: false, cut: 4, add: 'go' });
  assert.equal(applyRule('Deportations', { keepCase: false, cut: 1, add: '' }), 'deportation');
});

test('feature normalisation folds typographic quotes but keeps letters', () => {
  assert.equal(normalizeForm('“'), '"');
  assert.equal(normalizeForm('’s'), "'s");
  assert.equal(normalizeForm("''"), '"');
  assert.equal(normalizeForm('Bárcena'), 'Bárcena');
  assert.equal(normalizeForm('Ba\u0301rcena'), 'Bárcena');
  assert.equal(wordShape('Bárcena'), 'Xxxx');
  assert.equal(wordShape('2,400'), 'd,ddd');
  // Astral-plane characters pass through untouched.
  assert.equal(normalizeForm('𝒳'), '𝒳');
});

test('shipped lemmatizer restores the e of -ling / -led verbs instead of leaving an unattested stem', () => {
  const lem = tagger.lemmatizer;
  assert.equal(lem.lemmatize('reshuffling', 'VBG'), 'reshuffle');
  assert.equal(lem.lemmatize('stockpiling', 'VBG'), 'stockpile');
  assert.equal(lem.lemmatize('reshuffled', 'VBD'), 'reshuffle');
  assert.equal(lem.lemmatize('stockpiled', 'VBN'), 'stockpile');
  // …without breaking the doubled-consonant and plain cases.
  assert.equal(lem.lemmatize('travelling', 'VBG'), 'travel');
  assert.equal(lem.lemmatize('stopped', 'VBD'), 'stop');
  assert.equal(lem.lemmatize('calling', 'VBG'), 'call');
  assert.equal(lem.lemmatize('reshuffles', 'VBZ'), 'reshuffle');
});

test('lemmatizer falls back to another frequent rule when the suffix rule gives an unattested ending', () => {
  // "-ling" is mostly "calling" → "call" in these examples, so "ruffling" would become "ruffl"; no
  // lemma ends in "-uffl" but some end in "-ffle", so the "-ing" → "-e" rule (seen on "-ling") wins.
  const examples = [
    ['calling', 'call'], ['telling', 'tell'], ['selling', 'sell'], ['killing', 'kill'], ['filling', 'fill'],
    ['handling', 'handle'], ['tackling', 'tackle'], ['making', 'make'], ['taking', 'take'],
    ['walking', 'walk'], ['talking', 'talk'], ['raffle', 'raffle'], ['waffle', 'waffle'],
  ].map(([form, lemma]) => ({ form, xpos: form.endsWith('ing') ? 'VBG' : 'NN', lemma }));
  const lem = Lemmatizer.learn(examples);
  assert.equal(lem.lemmatize('ruffling', 'VBG'), 'ruffle');
  assert.equal(lem.lemmatize('spelling', 'VBG'), 'spell');
  // Without the attested endings (an old model's tables), the plain suffix rule applies.
  const old = new Lemmatizer({ ...lem.toJSON(), endings: undefined, alternatives: undefined });
  assert.equal(old.lemmatize('ruffling', 'VBG'), 'ruffl');
});

test('sparse quantised weights score like the dense float weights and round-trip', () => {
  const model = new AveragedPerceptron({ nClasses: 3, nBuckets: 8 });
  model.weights.set([0, 2, -1, 0, 0, 0, 5, 0, 0.01, 0, -3, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
  const sparse = SparseScorer.fromWeights(model.weights, 3, 8, 8);
  assert.equal(sparse.size, 8); // 0.01 quantises to 0 and is dropped
  const fb = new FeatureBuffer();
  for (const ids of [[0], [2], [0, 3], [0, 2, 6], [1, 4, 5, 7]]) {
    fb.clear();
    for (const id of ids) fb.addHash(id);
    assert.equal(sparse.best(fb), model.predict(fb), String(ids));
  }
  const among = (ids: number[], candidates: number[]) => {
    fb.clear();
    for (const id of ids) fb.addHash(id);
    return sparse.bestAmong(fb, Int32Array.from(candidates));
  };
  assert.equal(among([0, 3], [0, 2]), 0);
  assert.equal(among([0], [1, 2]), 1);
  assert.equal(among([0], [2]), 2);
  assert.equal(among([6], [2, 1]), 2); // tie → first candidate
  const bytes = sparse.serialize(8);
  assert.ok(SparseScorer.parse(bytes).serialize(8).equals(bytes));
  assert.throws(() => SparseScorer.parse(bytes.subarray(0, bytes.length - 1)), /truncated/);
});

test('memoised per-word scores and lemmas do not change the output (cold vs warm caches)', () => {
  const sentences = [
    'Migrants crossing the border illegally fell by half in January .',
    'Crossing the border , migrants said they were reshuffling their plans .',
    'Half of the migrants crossed in January , officials said .',
  ];
  const warm = Tagger.fromBytes(tagger.toBytes(8));
  for (const s of sentences) warm.tag(s.split(' '));
  for (const s of [...sentences].reverse()) {
    const cold = Tagger.fromBytes(tagger.toBytes(8));
    assert.deepEqual(warm.tag(s.split(' ')), cold.tag(s.split(' ')), s);
  }
});

test('external lexicon: compiled into the model; regular -ed forms and base verbs get both tags of their pair', () => {
  const ext = tagger.external;
  assert.ok(ext, 'tagger.bin carries an external lexicon');
  assert.ok(ext.classOf.length > 50_000);
  const built = buildExternalLexicon(() => false);
  const classOf = externalClassLookup(built);
  const tagsOf = (w: string): string[] => built.classes[classOf(w)].split(' ');
  // The package lists "extradited" as VBN only.
  assert.deepEqual(tagsOf('extradited').sort(), ['VBD', 'VBN']);
  assert.ok(tagsOf('obfuscate').includes('VB') && tagsOf('obfuscate').includes('VBP'));
  // Hand-written additions (data/pos/lexicon-extra.tsv) are read.
  assert.deepEqual(tagsOf('emailed'), ['VBD', 'VBN']);
  // Words the training data does not know take their class from it: a rare past tense after a sentence-initial name.
  const t = tagOf('Kenya extradited suspected Somali pirate Abdi Hassan to Somalia on Monday .');
  assert.equal(t('extradited').xpos, 'VBD');
});
