/**
 * Trains the entity tagger: structured averaged perceptron (Collins 2002) over features.ts, Viterbi-decoded
 * under the IOB2 constraint, on UNER English-EWT train plus GUM train (entity annotations converted to
 * PER/ORG/LOC, see data.ts). Fixed epochs, seeded shuffles: deterministic for a given seed.
 *
 * Writes models/ner.bin, models/ner-gazetteer.bin and the 'ner' entry of models/manifest.json, with dev
 * scores on UNER dev and on the GUM dev news documents.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AveragedPerceptron } from '../perceptron.js';
import { corpusRecord, sha256File, updateManifest, weightsRecord } from '../manifest.js';
import type { TrainOptions } from '../train-options.js';
import { buildGazetteer, readHandLists } from './build-gazetteer.js';
import { readGumNer, readIob2, readWnut, type NerSentence } from './data.js';
import { Tagger } from '../tagger/tagger.js';
import { DocumentHistory, extractFeatures, FEATURE_VERSION, FeatureExtractor, HistoryFeatures, type SentenceFeatures, type TokenKeys } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { floatWeights, iob2ToBilou, NER_TAGS, NerDecoder, tagTypes, toIob2, writeNerModel, type Decoder, type NerHeader } from './model.js';
import { EntityTagger, NER_MODEL_FILE } from './ner.js';
import { formatScores, SpanScorer, type SpanScores } from './score.js';
import { seededRandom, shuffleInPlace } from '../../core/random.js';
import { packageRoot } from '../paths.js';

export const NER_GAZETTEER_FILE = 'ner-gazetteer.bin';

export const NER_CORPORA = {
  unerTrain: 'uner-english/en_ewt-ud-train.DRAFT-0c7ce0d.clean.iob2',
  unerDev: 'uner-english/en_ewt-ud-dev.iob2',
  gumTrain: 'ud-english-gum/en_gum-ud-train.permissive.conllu',
  gumDev: 'ud-english-gum/en_gum-ud-dev.permissive.conllu',
  wnutTrain: 'wnut17/wnut17train.conll',
} as const;

/** Hyper-parameters; the defaults are the shipped configuration. Others exist to measure alternatives. */
export interface NerTrainConfig {
  /** Which GUM training documents to add to UNER train: none, news only, or all permissive genres. */
  gum: 'none' | 'news' | 'all';
  decoder: Decoder;
  epochs: number;
  nBuckets: number;
  bits: 8 | 16;
  /** Add WNUT-17 train (social media). */
  wnut: boolean;
  /** Tune a penalty on the O tag on UNER dev. */
  tuneOPenalty: boolean;
  /** Number of perceptron runs (different shuffles) whose weights are averaged. */
  ensemble: number;
  /** Fraction of training sentences added again in lowercase (web text is often uncased). */
  lowerAug: number;
  /** UPOS features, from the trained POS tagger (models/tagger.bin) run on the training text. */
  pos: boolean;
  /** Fraction of training sentences whose POS features are left out, so the model copes without tags. */
  posDropout: number;
  /**
   * Per-token rate of confusing a predicted content-word tag (PROPN/NOUN/ADJ/VERB…) in the training text. The
   * tagger was trained on this very text, so its tags there are near-gold; at run time they are not.
   */
  posNoise: number;
  /** Times UNER train (in-domain for UNER dev) is repeated. */
  unerCopies: number;
  /**
   * Document-history features (see DocumentHistory): training walks whole documents in order (documents
   * shuffled), feeding each sentence the model's own predictions on the earlier ones.
   */
  docHistory: boolean;
}

/** Plausible tagger confusions, used to add noise to the training text's tags (see posNoise). */
const POS_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  PROPN: ['NOUN', 'NOUN', 'ADJ', 'X', 'VERB'],
  NOUN: ['PROPN', 'PROPN', 'ADJ', 'VERB'],
  ADJ: ['PROPN', 'NOUN', 'VERB'],
  VERB: ['NOUN', 'ADJ', 'PROPN'],
  X: ['PROPN', 'NOUN'],
  NUM: ['PROPN', 'NOUN'],
  INTJ: ['PROPN'],
};

export const DEFAULT_NER_CONFIG: NerTrainConfig = { gum: 'all', decoder: 'viterbi', epochs: 12, nBuckets: 1 << 19, bits: 8, wnut: false, lowerAug: 0.3, ensemble: 3, tuneOPenalty: false, pos: true, posDropout: 0.1, posNoise: 0.12, unerCopies: 1, docHistory: true };



export interface NerDevSets {
  uner: NerSentence[];
  gumNews: NerSentence[];
}

/**
 * Loads the dev sets (UNER dev, GUM dev news documents converted like the training data). Gold POS tags are
 * never used: `upos` is set to the tags predicted by `posTagger` when given, otherwise removed.
 */
export function loadNerDevSets(corporaDir: string, root: string = packageRoot(), posTagger?: Tagger): NerDevSets {
  const hand = readHandLists(join(root, 'data', 'ner'));
  const gumOpts = { titles: new Set(hand.titles.map((t) => t.toLowerCase())), demonyms: new Set(hand.demonyms.map((t) => t.toLowerCase())) };
  return {
    uner: withPredictedPos(readIob2(readFileSync(join(corporaDir, NER_CORPORA.unerDev), 'utf8')), posTagger),
    gumNews: withPredictedPos(readGumNer(readFileSync(join(corporaDir, NER_CORPORA.gumDev), 'utf8'), { ...gumOpts, docFilter: (d) => d.startsWith('GUM_news') }), posTagger),
  };
}

/** Replaces each sentence's `upos` by the POS tagger's prediction (or removes it without a tagger). */
export function withPredictedPos(sentences: NerSentence[], posTagger?: Tagger): NerSentence[] {
  for (const s of sentences) s.upos = posTagger ? posTagger.tag(s.words).upos : undefined;
  return sentences;
}

/** Span scores of the tagger on gold sentences (given their `upos`, which must be predicted tags). */
export function scoreTagger(tagger: EntityTagger, sentences: readonly NerSentence[]): SpanScores {
  const scorer = new SpanScorer();
  for (const s of sentences) scorer.add(s.tags, tagger.tag(s.words, s.upos).tags);
  return scorer.result();
}

/** Consecutive sentences with one document id; sentences without one are documents of their own. */
export function groupDocuments<T extends { doc?: string }>(sentences: readonly T[]): T[][] {
  const out: T[][] = [];
  let prev: string | undefined;
  for (const s of sentences) {
    if (s.doc === undefined || s.doc !== prev || out.length === 0) out.push([s]);
    else out[out.length - 1].push(s);
    prev = s.doc;
  }
  return out;
}

/** Span scores of the tagger in document mode (EntityTagger.tagDocument over each document). */
export function scoreTaggerDocuments(tagger: EntityTagger, sentences: readonly NerSentence[]): SpanScores {
  const scorer = new SpanScorer();
  for (const doc of groupDocuments(sentences)) {
    const results = tagger.tagDocument(doc);
    doc.forEach((s, i) => scorer.add(s.tags, results[i].tags));
  }
  return scorer.result();
}

/** Picks the softmax temperature minimising the log loss of the gold tag on dev (grid search). */
function fitTemperature(decoder: NerDecoder, gaz: Gazetteer, dev: readonly NerSentence[], tagIndex: Map<string, number>, usePos: boolean): number {
  const grid = [0.5, 1, 2, 3, 5, 8, 12, 20, 30, 50];
  const losses = grid.map(() => 0);
  const k = decoder.k;
  const extractor = new FeatureExtractor(gaz);
  for (const s of dev) {
    const n = s.words.length;
    const f = extractor.extract(s.words, usePos ? s.upos : undefined);
    const em = decoder.emissions(f.ids, f.offsets, n);
    const bilou = iob2ToBilou(s.tags);
    for (let i = 0; i < n; i++) {
      const gold = tagIndex.get(bilou[i]) ?? 0;
      const prev = i === 0 ? k : (tagIndex.get(bilou[i - 1]) ?? 0);
      grid.forEach((t, gi) => {
        let max = -Infinity;
        const sc: number[] = [];
        for (let c = 0; c < k; c++) {
          sc.push((em[i * k + c] + decoder.trans(prev, c)) / t);
          max = Math.max(max, sc[c]);
        }
        let z = 0;
        for (const v of sc) z += Math.exp(v - max);
        losses[gi] += -(sc[gold] - max - Math.log(z));
      });
    }
  }
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (losses[i] < losses[best]) best = i;
  return grid[best];
}

/** Picks the O-tag penalty (a multiple of the temperature) that maximises span F1 on UNER dev. */
function fitOPenalty(decoder: NerDecoder, gaz: Gazetteer, dev: readonly NerSentence[], tags: readonly string[], temperature: number, usePos: boolean, log: (m: string) => void): number {
  const grid = [0, 0.25, 0.5, 0.75, 1, 1.5, 2].map((g) => g * temperature);
  const k = decoder.k;
  const extractor = new FeatureExtractor(gaz);
  const cached = dev.map((s) => {
    const f = extractor.extract(s.words, usePos ? s.upos : undefined);
    return decoder.emissions(f.ids, f.offsets, s.words.length).slice(0, s.words.length * k);
  });
  let best = 0;
  let bestF1 = -1;
  for (const pen of grid) {
    const scorer = new SpanScorer();
    dev.forEach((s, si) => {
      const em = Float32Array.from(cached[si]);
      for (let i = 0; i < s.words.length; i++) em[i * k] -= pen;
      const path = decoder.viterbi(em, s.words.length);
      scorer.add(s.tags, Array.from(path, (c) => toIob2(tags[c])));
    });
    const f1 = scorer.result().micro.f1;
    log(`ner: O penalty ${pen.toFixed(2)}: UNER dev F1 ${(100 * f1).toFixed(2)}`);
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      best = pen;
    }
  }
  return best;
}

export interface NerTrainResult {
  uner: SpanScores;
  gumNews: SpanScores;
  seconds: number;
  bytes: number;
}

/** Trains with a given configuration; writes the model files and the manifest entry. */
export async function trainNerWith(options: TrainOptions, config: NerTrainConfig): Promise<NerTrainResult> {
  const t0 = Date.now();
  const { corporaDir, modelsDir, log } = options;
  const root = packageRoot();
  const hand = readHandLists(join(root, 'data', 'ner'));
  const gumOpts = { titles: new Set(hand.titles.map((t) => t.toLowerCase())), demonyms: new Set(hand.demonyms.map((t) => t.toLowerCase())) };

  const unerPath = join(corporaDir, NER_CORPORA.unerTrain);
  const unerTrain = readIob2(readFileSync(unerPath, 'utf8'));
  const train: NerSentence[] = [...unerTrain];
  const corpora = [corpusRecord(unerPath)];
  log(`ner: UNER train ${train.length} sentences`);
  if (config.gum !== 'none') {
    const gumPath = join(corporaDir, NER_CORPORA.gumTrain);
    const gum = readGumNer(readFileSync(gumPath, 'utf8'), {
      ...gumOpts,
      docFilter: config.gum === 'news' ? (d) => d.startsWith('GUM_news') : undefined,
    });
    log(`ner: GUM train (${config.gum}) ${gum.length} sentences`);
    train.push(...gum);
    corpora.push(corpusRecord(gumPath));
  }
  if (config.wnut) {
    const wnutPath = join(corporaDir, NER_CORPORA.wnutTrain);
    const wnut = readWnut(readFileSync(wnutPath, 'utf8'));
    log(`ner: WNUT-17 train ${wnut.length} sentences`);
    train.push(...wnut);
    corpora.push(corpusRecord(wnutPath));
  }
  const posTagger = config.pos ? Tagger.load(modelsDir) : undefined;
  if (posTagger) log('ner: UPOS features from the trained POS tagger (models/tagger.bin)');
  // Training text gets predicted tags too (runtime tags are predicted); gold GUM tags are dropped.
  withPredictedPos(train, posTagger);
  if (posTagger && config.posNoise > 0) {
    const noise = seededRandom(options.seed + 7);
    let changed = 0;
    for (const s of train) {
      s.upos = s.upos!.map((t) => {
        const alt = POS_CONFUSIONS[t];
        if (!alt || noise() >= config.posNoise) return t;
        changed++;
        return alt[Math.floor(noise() * alt.length)];
      });
    }
    log(`ner: ${changed} training tags confused (POS noise ${config.posNoise})`);
  }
  const dev = loadNerDevSets(corporaDir, root, posTagger);
  // The gazetteer's "common lowercase words" come from the real training text, before augmentation.
  const gazBuilt = buildGazetteer(root, train);
  const gaz = new Gazetteer(gazBuilt.data);
  log(`ner: gazetteer ${gaz.size} phrases, ${gazBuilt.bytes.length} bytes gzipped`);
  // Extra copies of the in-domain UNER train (after the gazetteer, whose word counts they would inflate).
  for (let c = 1; c < config.unerCopies; c++) train.push(...unerTrain.map((s) => ({ ...s, doc: s.doc === undefined ? undefined : `${s.doc}#${c}` })));
  const random = seededRandom(options.seed);
  if (config.lowerAug > 0) {
    const extra: NerSentence[] = [];
    for (const s of train) {
      if (random() < config.lowerAug) {
        const words = s.words.map((w) => w.toLowerCase());
        extra.push({ words, tags: s.tags, upos: posTagger ? posTagger.tag(words).upos : undefined });
      }
    }
    log(`ner: ${extra.length} lowercased copies added`);
    train.push(...extra);
  }


  const tags: string[] = [...NER_TAGS];
  const tagIndex = new Map<string, number>(tags.map((t, i) => [t, i]));
  const k = tags.length;
  const extractor = new FeatureExtractor(gaz);
  let dropped = 0;
  const keys: TokenKeys[] = [];
  const feats: SentenceFeatures[] = train.map((s) => {
    const drop = s.upos !== undefined && config.posDropout > 0 && random() < config.posDropout;
    if (drop) dropped++;
    const f = extractFeatures(s.words, gaz, drop ? undefined : s.upos, extractor);
    const kv = extractor.keys(s.words.length);
    keys.push({ hw: Uint32Array.from(kv.hw), flags: Uint8Array.from(kv.flags) });
    return f;
  });
  const docs = groupDocuments(train.map((s, i) => ({ doc: s.doc, i }))).map((d) => d.map((x) => x.i));
  if (config.docHistory) log(`ner: ${docs.length} training documents (document-history features)`);
  const types = tagTypes(tags);
  const histFeatures = new HistoryFeatures();
  if (config.pos) log(`ner: POS features left out of ${dropped} sentences`);
  const gold: Int32Array[] = train.map((s) => Int32Array.from(iob2ToBilou(s.tags), (t) => tagIndex.get(t) ?? 0));
  log(`ner: features extracted (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Structured perceptron runs with different shuffles; their averaged weights are averaged again.
  const ensembleModel = new AveragedPerceptron({ nClasses: k, nBuckets: config.nBuckets });
  for (let run = 0; run < config.ensemble; run++) {
    const runModel = new AveragedPerceptron({ nClasses: k, nBuckets: config.nBuckets });
    const model = runModel;
    const decoder = new NerDecoder(floatWeights(model), tags);
    const transBase = (p: number): number => model.bucket(decoderTransHash(decoder, p)) * k;
    // Documents in shuffled order, their sentences in order (without document history, just sentences).
    const order: number[][] = config.docHistory ? docs : train.map((_, i) => [i]);
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      shuffleInPlace(order, random);
      let errors = 0;
      let tokens = 0;
      for (const doc of order) {
        const history = config.docHistory ? new DocumentHistory() : null;
        for (const si of doc) {
        const f = feats[si];
        const y = gold[si];
        const n = y.length;
        tokens += n;
        decoder.refreshTransitions();
        const h = history ? histFeatures.extract(keys[si], n, history) : undefined;
        if (config.decoder === 'viterbi') {
          const em = decoder.emissions(f.ids, f.offsets, n, 0, h);
          const z = decoder.viterbi(em, n);
          for (let i = 0; i < n; i++) {
            const gp = i === 0 ? k : y[i - 1];
            const pp = i === 0 ? k : z[i - 1];
            if (y[i] !== z[i]) {
              errors++;
              for (let j = f.offsets[i]; j < f.offsets[i + 1]; j++) {
                const base = model.bucket(f.ids[j]) * k;
                model.bump(base + y[i], 1);
                model.bump(base + z[i], -1);
              }
              if (h) {
                for (let j = h.offsets[i]; j < h.offsets[i + 1]; j++) {
                  const base = model.bucket(h.ids[j]) * k;
                  model.bump(base + y[i], 1);
                  model.bump(base + z[i], -1);
                }
              }
            }
            if (y[i] !== z[i] || gp !== pp) {
              model.bump(transBase(gp) + y[i], 1);
              model.bump(transBase(pp) + z[i], -1);
            }
          }
          model.tick();
          if (history) history.record(keys[si], Array.from(z, (c) => types[c]), n);
        } else {
          let prev = k;
          for (let i = 0; i < n; i++) {
            if (i > 0) decoder.refreshTransitions();
            const em = decoder.emissions(f.ids, offsetsOne(f.offsets, i), 1);
            const z = decoder.greedyStep(em, prev);
            if (z !== y[i]) {
              errors++;
              for (let j = f.offsets[i]; j < f.offsets[i + 1]; j++) {
                const base = model.bucket(f.ids[j]) * k;
                model.bump(base + y[i], 1);
                model.bump(base + z, -1);
              }
              model.bump(transBase(prev) + y[i], 1);
              model.bump(transBase(prev) + z, -1);
            }
            model.tick();
            prev = z;
          }
        }
        }
      }
      log(`ner: run ${run + 1}/${config.ensemble} epoch ${epoch + 1}/${config.epochs}: token errors ${(100 * errors / tokens).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    model.average();
    for (let i = 0; i < runModel.weights.length; i++) ensembleModel.weights[i] += runModel.weights[i] / config.ensemble;
  }
  const model = ensembleModel;
  const decoder = new NerDecoder(floatWeights(model), tags);

  const temperature = fitTemperature(decoder, gaz, dev.uner, tagIndex, config.pos);
  const oPenalty = config.tuneOPenalty ? fitOPenalty(decoder, gaz, dev.uner, tags, temperature, config.pos, log) : 0;
  const header: NerHeader = {
    tags,
    featureVersion: FEATURE_VERSION,
    decoder: config.decoder,
    temperature,
    oPenalty,
    usesPos: config.pos,
    docHistory: config.docHistory && config.decoder === 'viterbi',
    gazetteerFile: NER_GAZETTEER_FILE,
    trainedOn: corpora.map((c) => c.file),
  };
  const bytes = writeNerModel(header, model, config.bits);
  writeFileSync(join(modelsDir, NER_MODEL_FILE), bytes);
  writeFileSync(join(modelsDir, NER_GAZETTEER_FILE), gazBuilt.bytes);

  // Score the model as shipped (quantised weights, loaded from disk).
  const tagger = EntityTagger.load(modelsDir);
  const score = header.docHistory ? scoreTaggerDocuments : scoreTagger;
  const uner = score(tagger, dev.uner);
  const gumNews = score(tagger, dev.gumNews);
  const unerSentences = scoreTagger(tagger, dev.uner);
  log(formatScores(`ner UNER dev (${header.docHistory ? 'documents' : 'sentences'})`, uner));
  log(formatScores('ner GUM dev news', gumNews));
  if (header.docHistory) log(`ner UNER dev sentence by sentence: F1 ${(100 * unerSentences.micro.f1).toFixed(2)}`);
  const seconds = (Date.now() - t0) / 1000;

  const devScores: Record<string, number> = {
    'uner-dev.f1': round(uner.micro.f1),
    'uner-dev.precision': round(uner.micro.precision),
    'uner-dev.recall': round(uner.micro.recall),
    'gum-dev-news.f1': round(gumNews.micro.f1),
    'uner-dev.sentences.f1': round(unerSentences.micro.f1),
  };
  for (const [t, v] of Object.entries(uner.byType)) devScores[`uner-dev.${t}.f1`] = round(v.f1);
  for (const [t, v] of Object.entries(gumNews.byType)) devScores[`gum-dev-news.${t}.f1`] = round(v.f1);
  updateManifest(modelsDir, 'ner', {
    ...weightsRecord(modelsDir, NER_MODEL_FILE, `ner-${FEATURE_VERSION}.${config.decoder}`),
    corpora,
    dev: devScores,
    notes: {
      ...config,
      seed: options.seed,
      temperature,
      oPenalty,
      seconds: Math.round(seconds),
      gazetteer: { file: NER_GAZETTEER_FILE, sha256: sha256File(join(modelsDir, NER_GAZETTEER_FILE)), bytes: gazBuilt.bytes.length, sources: gazBuilt.data.sources },
      trainSentences: train.length,
    },
  });
  log(`ner: wrote ${NER_MODEL_FILE} (${bytes.length} bytes) in ${seconds.toFixed(1)} s`);
  return { uner, gumNews, seconds, bytes: bytes.length };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function decoderTransHash(decoder: NerDecoder, p: number): number {
  return decoder.transitionHash(p);
}

function offsetsOne(offsets: Uint32Array, i: number): Uint32Array {
  return Uint32Array.of(offsets[i], offsets[i + 1]);
}

export async function trainNer(options: TrainOptions): Promise<void> {
  await trainNerWith(options, DEFAULT_NER_CONFIG);
}
