/**
 * Trains the tagger (joint UPOS|XPOS averaged perceptron + lemmatizer tables) on UD English EWT train
 * and GUM (permissive) train, evaluates on both dev sets, writes models/tagger.bin and its manifest entry.
 */

import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readConllu } from '../conllu.js';
import { corpusRecord, updateManifest, weightsRecord } from '../manifest.js';
import { AveragedPerceptron, FeatureBuffer } from '../perceptron.js';
import type { TrainOptions } from '../train-options.js';
import { MAX_FEATURES, START_TAG, END_TAG, normalizeForm } from './features.js';
import { buildExternalLexicon } from './external-lexicon.js';
import { Lemmatizer } from './lemmatizer.js';
import { FloatScorer } from './weights.js';
import { FEATURE_VERSION, MODEL_FILE, Tagger, type TaggerLexicon } from './tagger.js';
import { seededRandom, shuffleInPlace } from '../../core/random.js';

export interface TaggerHyperParameters {
  epochs: number;
  nBuckets: number;
  bits: 8 | 16;
  /** Tag dictionary: minimum count and share of the majority label. */
  dictMinCount: number;
  dictMinShare: number;
  /** Words seen at least this often get an ambiguity-class feature. */
  ambMinCount: number;
  /** Words seen at least this often are restricted to labels seen with them. */
  restrictMinCount: number;
  /** Joint labels seen fewer times are folded into a frequent label with the same XPOS (or UPOS). */
  minLabelCount: number;
  /** Hash buckets of the first-pass UPOS model. */
  firstBuckets: number;
  /**
   * Jackknifed lexicon: training sentences are split into this many folds and each fold is tagged
   * with ambiguity classes and label restrictions counted on the other folds only, so that rare
   * words look as (un)reliable in training as unseen text makes them look. 0 or 1: off.
   */
  lexiconFolds: number;
  /**
   * Share of training sentences shown all lowercase in each epoch (labels unchanged), so that
   * lowercased names in web text ("lisa", "kerala") are seen as proper nouns at least sometimes.
   */
  lowerAug: number;
  /** Whether the first (UPOS) pass runs right to left (else left to right, like the main pass). */
  firstRightToLeft: boolean;
  /**
   * Run-time weight of the first pass's UPOS scores in the main decision (a two-model ensemble; no
   * effect on training). 0.5 was picked on EWT + GUM dev among 0, 0.25, 0.5, 1, 2.
   */
  firstWeight: number;
  /**
   * Run-time weight of a third model's UPOS scores: a UPOS pass in the opposite direction to the
   * first, trained alongside (0: no third model). 1.5 was picked on EWT + GUM dev among 0, 0.25, 0.5,
   * 1, 1.5, 2, 3 (with firstWeight 0.5): +0.07 UPOS on EWT dev, +0.08 on GUM dev over 0.
   */
  backWeight: number;
  /** Whether unknown words take their ambiguity class from the external lexicon (external-lexicon.ts). */
  externalLexicon: boolean;
}

export const DEFAULT_HYPER: TaggerHyperParameters = {
  epochs: 8,
  nBuckets: 1 << 16,
  bits: 8,
  dictMinCount: 20,
  dictMinShare: 0.995,
  ambMinCount: 2,
  restrictMinCount: 4,
  minLabelCount: 10,
  firstBuckets: 1 << 16,
  lexiconFolds: 0,
  lowerAug: 0,
  firstRightToLeft: false,
  firstWeight: 0.5,
  backWeight: 1.5,
  externalLexicon: true,
};

export const TAGGER_VERSION = '1.0.0';

export interface GoldSentence {
  words: string[];
  upos: string[];
  xpos: string[];
  lemma: string[];
}

export function readGold(path: string): GoldSentence[] {
  const out: GoldSentence[] = [];
  for (const sentence of readConllu(readFileSync(path, 'utf8'))) {
    out.push({
      words: sentence.words.map((w) => w.form),
      upos: sentence.words.map((w) => w.upos),
      xpos: sentence.words.map((w) => w.xpos),
      lemma: sentence.words.map((w) => w.lemma),
    });
  }
  return out;
}


export interface DevScores {
  tokens: number;
  upos: number;
  xpos: number;
  lemma: number;
  /** Tokens tagged per second, tagging the whole set (lemmas included) several times. */
  tokensPerSecond?: number;
}

export function evaluate(tagger: Tagger, gold: readonly GoldSentence[]): DevScores {
  let tokens = 0;
  let upos = 0;
  let xpos = 0;
  let lemma = 0;
  for (const s of gold) {
    const out = tagger.tag(s.words);
    for (let i = 0; i < s.words.length; i++) {
      tokens++;
      if (out.upos[i] === s.upos[i]) upos++;
      if (out.xpos[i] === s.xpos[i]) xpos++;
      if (out.lemma[i] === s.lemma[i]) lemma++;
    }
  }
  return { tokens, upos: upos / tokens, xpos: xpos / tokens, lemma: lemma / tokens };
}

export function measureSpeed(tagger: Tagger, gold: readonly GoldSentence[], rounds = 5): number {
  let tokens = 0;
  for (const s of gold) tagger.tag(s.words); // warm-up
  // CPU time of this (single-threaded) process, so that other jobs sharing the machine do not count.
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const s of gold) {
      tagger.tag(s.words);
      tokens += s.words.length;
    }
  }
  const used = process.cpuUsage(start);
  return tokens / ((used.user + used.system) / 1e6);
}

/**
 * Label set, dictionary, lexicon and lemmatizer from the training data. Rare joint labels (e.g.
 * "X|VB") are folded into the most frequent label sharing their XPOS, else their UPOS.
 */
function buildLexicon(
  train: readonly GoldSentence[],
  hyper: TaggerHyperParameters,
): { lexicon: TaggerLexicon; labelOf: (upos: string, xpos: string) => string; foldLexicons: TaggerLexicon[] } {
  const labelCounts = new Map<string, number>();
  const uposSet = new Set<string>();
  for (const s of train) {
    for (let i = 0; i < s.words.length; i++) {
      const label = s.upos[i] + '|' + s.xpos[i];
      labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
      uposSet.add(s.upos[i]);
    }
  }
  const byFrequency = [...labelCounts.keys()].sort((a, b) => labelCounts.get(b)! - labelCounts.get(a)! || (a < b ? -1 : 1));
  const labels = byFrequency.filter((l) => labelCounts.get(l)! >= hyper.minLabelCount);
  const folded = new Map<string, string>();
  for (const label of byFrequency) {
    if (labelCounts.get(label)! >= hyper.minLabelCount) {
      folded.set(label, label);
      continue;
    }
    const [upos, xpos] = label.split('|');
    const target =
      labels.find((l) => l.endsWith('|' + xpos)) ?? labels.find((l) => l.startsWith(upos + '|')) ?? labels[0];
    folded.set(label, target);
  }
  const labelOf = (upos: string, xpos: string): string => folded.get(upos + '|' + xpos) ?? labels[0];
  const index = new Map(labels.map((l, i) => [l, i]));
  const wordLabels = countWordLabels(train, labelOf, () => true);
  const { tagDict, words, wordCounts } = wordTables(wordLabels, index, hyper, null);
  const lemmatizer = Lemmatizer.learn(
    (function* () {
      for (const s of train) for (let i = 0; i < s.words.length; i++) yield { form: s.words[i], xpos: s.xpos[i], lemma: s.lemma[i] };
    })(),
  );
  const lexicon: TaggerLexicon = {
    featureVersion: FEATURE_VERSION,
    labels,
    uposLabels: [...uposSet].sort(),
    tagDict,
    words,
    wordCounts,
    restrictMinCount: hyper.restrictMinCount,
    firstRightToLeft: hyper.firstRightToLeft,
    firstWeight: hyper.firstWeight,
    backWeight: hyper.backWeight,
    lemmatizer: lemmatizer.toJSON(),
  };
  if (hyper.externalLexicon) lexicon.external = buildExternalLexicon((w) => Object.hasOwn(words, w) || Object.hasOwn(tagDict, w));
  // Per fold: the same tables counted without that fold's sentences (the tag dictionary stays shared).
  const foldLexicons: TaggerLexicon[] = [];
  if (hyper.lexiconFolds > 1) {
    for (let fold = 0; fold < hyper.lexiconFolds; fold++) {
      const counts = countWordLabels(train, labelOf, (k) => k % hyper.lexiconFolds !== fold);
      const tables = wordTables(counts, index, hyper, tagDict);
      foldLexicons.push({ ...lexicon, words: tables.words, wordCounts: tables.wordCounts });
    }
  }
  return { lexicon, labelOf, foldLexicons };
}

/** Normalised form → label → count, over the sentences `use` accepts (by index). */
function countWordLabels(
  train: readonly GoldSentence[],
  labelOf: (upos: string, xpos: string) => string,
  use: (k: number) => boolean,
): Map<string, Map<string, number>> {
  const wordLabels = new Map<string, Map<string, number>>();
  for (let k = 0; k < train.length; k++) {
    if (!use(k)) continue;
    const s = train[k];
    for (let i = 0; i < s.words.length; i++) {
      const label = labelOf(s.upos[i], s.xpos[i]);
      const norm = normalizeForm(s.words[i]);
      let counts = wordLabels.get(norm);
      if (!counts) wordLabels.set(norm, (counts = new Map()));
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return wordLabels;
}

/**
 * Tag dictionary and ambiguity lexicon from word-label counts. With `fixedDict`, that dictionary is
 * kept and its words left out of the lexicon (jackknife folds share the full data's dictionary).
 */
function wordTables(
  wordLabels: Map<string, Map<string, number>>,
  index: Map<string, number>,
  hyper: TaggerHyperParameters,
  fixedDict: Record<string, number> | null,
): { tagDict: Record<string, number>; words: Record<string, number[]>; wordCounts: Record<string, number> } {
  const tagDict: Record<string, number> = fixedDict ?? {};
  const words: Record<string, number[]> = {};
  const wordCounts: Record<string, number> = {};
  for (const [word, counts] of [...wordLabels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    let total = 0;
    let bestLabel = '';
    let bestCount = 0;
    for (const [label, count] of counts) {
      total += count;
      if (count > bestCount || (count === bestCount && label < bestLabel)) {
        bestCount = count;
        bestLabel = label;
      }
    }
    if (fixedDict) {
      if (fixedDict[word] !== undefined) continue;
    } else if (total >= hyper.dictMinCount && bestCount / total >= hyper.dictMinShare) {
      tagDict[word] = index.get(bestLabel)!;
      continue;
    }
    if (total >= hyper.ambMinCount) {
      words[word] = [...counts.keys()].map((l) => index.get(l)!).sort((a, b) => a - b);
      wordCounts[word] = total;
    }
  }
  return { tagDict, words, wordCounts };
}

/** Trains a tagger in memory (no files written). */
export function trainInMemory(
  train: GoldSentence[],
  hyper: TaggerHyperParameters,
  seed: number,
  log: (message: string) => void,
): Tagger {
  const { lexicon, labelOf, foldLexicons } = buildLexicon(train, hyper);
  const labelIndex = new Map(lexicon.labels.map((l, i) => [l, i]));
  const uposIndex = new Map(lexicon.uposLabels.map((l, i) => [l, i]));
  const first = new AveragedPerceptron({ nClasses: lexicon.uposLabels.length, nBuckets: hyper.firstBuckets });
  const model = new AveragedPerceptron({ nClasses: lexicon.labels.length, nBuckets: hyper.nBuckets });
  const back = hyper.backWeight > 0 ? new AveragedPerceptron({ nClasses: lexicon.uposLabels.length, nBuckets: hyper.firstBuckets }) : null;
  const firstScorer = new FloatScorer(first);
  const mainScorer = new FloatScorer(model);
  const backScorer = back !== null ? new FloatScorer(back) : null;
  const tagger = new Tagger(firstScorer, mainScorer, lexicon, backScorer);
  // Sentence k is tagged during training by the tagger of its fold (same weights, fold lexicon).
  const foldTaggers = foldLexicons.map((l) => new Tagger(firstScorer, mainScorer, l, backScorer));
  const taggerFor = (k: number): Tagger => (foldTaggers.length > 0 ? foldTaggers[k % foldTaggers.length] : tagger);
  log(
    `tagger: ${lexicon.labels.length} labels, ${Object.keys(lexicon.tagDict).length} dictionary words, ` +
      `${Object.keys(lexicon.words).length} lexicon words, ${model.nBuckets} + ${first.nBuckets} buckets`,
  );
  const gold = train.map((s) => Int32Array.from(s.words.map((_, i) => labelIndex.get(labelOf(s.upos[i], s.xpos[i]))!)));
  const goldUpos = train.map((s) => Int32Array.from(s.upos.map((u) => uposIndex.get(u)!)));
  const order = train.map((_, i) => i);
  const lowered = train.map((s) => s.words.map((w) => w.toLowerCase()));
  const random = seededRandom(seed);
  const fb = new FeatureBuffer(MAX_FEATURES);
  let guesses: Int32Array = new Int32Array(256);
  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    shuffleInPlace(order, random);
    let seen = 0;
    let correct = 0;
    let firstCorrect = 0;
    for (const k of order) {
      const words = hyper.lowerAug > 0 && random() < hyper.lowerAug ? lowered[k] : train[k].words;
      const n = words.length;
      const truth = gold[k];
      const truthUpos = goldUpos[k];
      if (guesses.length < n) guesses = new Int32Array(n * 2);
      const tagger = taggerFor(k);
      tagger.prepare(words);
      // Pass 1: UPOS guesses right to left, learned online.
      firstPass(tagger, first, words, truthUpos, fb, guesses);
      for (let i = 0; i < n; i++) if (guesses[i] === truthUpos[i]) firstCorrect++;
      if (back !== null) backPass(tagger, back, n, truthUpos, fb);
      // Pass 2: joint labels, with the first pass's guesses as right context.
      let t1 = START_TAG;
      let t2 = START_TAG;
      for (let i = 0; i < n; i++) {
        let guess = tagger.fixedLabel(i);
        if (guess < 0) {
          guess = tagger.decide(fb, i, t1, t2, guesses[i], i + 1 < n ? guesses[i + 1] : END_TAG, i + 2 < n ? guesses[i + 2] : END_TAG);
          model.tick();
          model.update(fb, truth[i], guess);
        }
        seen++;
        if (guess === truth[i]) correct++;
        t2 = t1;
        t1 = guess;
      }
    }
    log(`tagger: epoch ${epoch + 1}/${hyper.epochs} train accuracy ${(correct / seen).toFixed(4)} (first pass UPOS ${(firstCorrect / seen).toFixed(4)})`);
  }
  first.average();
  model.average();
  back?.average();
  return tagger;
}

/**
 * Greedy first pass over one sentence into `out`, updating `model` online when given (right to left
 * unless the lexicon says otherwise: its "previous" guesses are then those of the two words to the right).
 */
function firstPass(
  tagger: Tagger,
  model: AveragedPerceptron | null,
  words: readonly string[],
  truth: Int32Array,
  fb: FeatureBuffer,
  out: Int32Array,
): void {
  tagger.prepare(words);
  const n = words.length;
  const rtl = tagger.firstRightToLeft;
  let u1 = rtl ? END_TAG : START_TAG;
  let u2 = u1;
  for (let step = 0; step < n; step++) {
    const i = rtl ? n - 1 - step : step;
    const u = tagger.decideFirst(fb, i, u1, u2);
    if (model !== null && tagger.firstUsesModel(i)) {
      model.tick();
      model.update(fb, truth[i], u);
    }
    out[i] = u;
    u2 = u1;
    u1 = u;
  }
}

/** The third (back) pass over a prepared sentence, opposite to the first pass, updating `model` online. */
function backPass(tagger: Tagger, model: AveragedPerceptron, n: number, truth: Int32Array, fb: FeatureBuffer): void {
  const rtl = !tagger.firstRightToLeft;
  let u1 = rtl ? END_TAG : START_TAG;
  let u2 = u1;
  for (let step = 0; step < n; step++) {
    const i = rtl ? n - 1 - step : step;
    const u = tagger.decideBack(fb, i, u1, u2);
    if (tagger.backUsesModel(i)) {
      model.tick();
      model.update(fb, truth[i], u);
    }
    u2 = u1;
    u1 = u;
  }
}

export async function trainTagger(options: TrainOptions, hyper: TaggerHyperParameters = DEFAULT_HYPER): Promise<void> {
  const started = Date.now();
  const ewtDir = join(options.corporaDir, 'ud-english-ewt');
  const gumDir = join(options.corporaDir, 'ud-english-gum');
  const trainFiles = [join(ewtDir, 'en_ewt-ud-train.conllu'), join(gumDir, 'en_gum-ud-train.permissive.conllu')];
  const devFiles = { ewt: join(ewtDir, 'en_ewt-ud-dev.conllu'), gum: join(gumDir, 'en_gum-ud-dev.permissive.conllu') };
  const train = trainFiles.flatMap((f) => readGold(f));
  options.log(`tagger: ${train.length} training sentences, ${train.reduce((n, s) => n + s.words.length, 0)} tokens`);
  const trained = trainInMemory(train, hyper, options.seed, options.log);
  const trainSeconds = (Date.now() - started) / 1000;

  // Evaluate exactly what ships: the quantised bytes, loaded back.
  const bytes = trained.toBytes(hyper.bits);
  const tagger = Tagger.fromBytes(bytes);
  const dev: Record<string, number> = {};
  const notes: Record<string, unknown> = {
    model: `two greedy averaged perceptrons: ${hyper.firstRightToLeft ? 'right-to-left' : 'left-to-right'} UPOS first pass (fewer features), then left-to-right joint UPOS|XPOS seeing the first pass guesses for the word and the two on its right; at run time the first pass's UPOS scores (weight ${hyper.firstWeight}) are added to the main model's${hyper.backWeight > 0 ? `, with those of a third UPOS-only pass in the opposite direction (weight ${hyper.backWeight})` : ''}`,
    epochs: hyper.epochs,
    nBuckets: hyper.nBuckets,
    bits: hyper.bits,
    labels: tagger.labels.length,
    dictMinCount: hyper.dictMinCount,
    dictMinShare: hyper.dictMinShare,
    ambMinCount: hyper.ambMinCount,
    minLabelCount: hyper.minLabelCount,
    firstBuckets: hyper.firstBuckets,
    restrictMinCount: hyper.restrictMinCount,
    lexiconFolds: hyper.lexiconFolds,
    lowerAug: hyper.lowerAug,
    firstRightToLeft: hyper.firstRightToLeft,
    firstWeight: hyper.firstWeight,
    backWeight: hyper.backWeight,
    externalLexicon: tagger.external ? `${tagger.external.source}: ${tagger.external.classOf.length} forms, ${tagger.external.classes.length} classes` : false,
    seed: options.seed,
    trainSeconds: Math.round(trainSeconds),
    devCorpora: Object.values(devFiles).map(corpusRecord),
  };
  for (const [name, path] of Object.entries(devFiles)) {
    const gold = readGold(path);
    const scores = evaluate(tagger, gold);
    dev[`${name}-dev.upos`] = Number(scores.upos.toFixed(4));
    dev[`${name}-dev.xpos`] = Number(scores.xpos.toFixed(4));
    dev[`${name}-dev.lemma`] = Number(scores.lemma.toFixed(4));
    options.log(
      `tagger: ${name} dev (${scores.tokens} tokens) UPOS ${(scores.upos * 100).toFixed(2)} XPOS ${(scores.xpos * 100).toFixed(2)} lemma ${(scores.lemma * 100).toFixed(2)}`,
    );
    if (name === 'ewt') {
      const speed = measureSpeed(tagger, gold);
      notes.tokensPerSecond = Math.round(speed);
      options.log(`tagger: ${Math.round(speed)} tokens/s (EWT dev ×5, one core)`);
    }
  }

  mkdirSync(options.modelsDir, { recursive: true });
  const file = join(options.modelsDir, MODEL_FILE);
  writeFileSync(file, bytes);
  const loadStart = process.hrtime.bigint();
  Tagger.load(options.modelsDir);
  notes.loadMilliseconds = Math.round(Number(process.hrtime.bigint() - loadStart) / 1e6);
  updateManifest(options.modelsDir, 'tagger', {
    ...weightsRecord(options.modelsDir, MODEL_FILE, TAGGER_VERSION),
    corpora: trainFiles.map(corpusRecord),
    dev,
    notes,
  });
  options.log(`tagger: wrote ${file} (${statSync(file).size} bytes) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
