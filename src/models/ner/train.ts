/**
 * Trains the entity tagger: structured averaged perceptron (Collins 2002) over features.ts, Viterbi-decoded
 * under the IOB2 constraint, on UNER English-EWT train plus GUM train (entity annotations converted to
 * PER/ORG/LOC, see data.ts). Fixed epochs, seeded shuffles: deterministic for a given seed.
 *
 * Writes models/ner.bin, models/ner-gazetteer.json.gz and the 'ner' entry of models/manifest.json, with dev
 * scores on UNER dev and on the GUM dev news documents.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AveragedPerceptron } from '../perceptron.js';
import { corpusRecord, sha256File, updateManifest } from '../manifest.js';
import type { TrainOptions } from '../train-options.js';
import { buildGazetteer, readHandLists } from './build-gazetteer.js';
import { readGumNer, readIob2, readWnut, type NerSentence } from './data.js';
import { extractFeatures, FEATURE_VERSION, type SentenceFeatures } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { iob2ToBilou, NER_TAGS, NerDecoder, toIob2, writeNerModel, type Decoder, type NerHeader } from './model.js';
import { EntityTagger, NER_MODEL_FILE } from './ner.js';
import { formatScores, SpanScorer, type SpanScores } from './score.js';

export const NER_GAZETTEER_FILE = 'ner-gazetteer.json.gz';

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
}

export const DEFAULT_NER_CONFIG: NerTrainConfig = { gum: 'all', decoder: 'viterbi', epochs: 12, nBuckets: 1 << 19, bits: 8, wnut: false, lowerAug: 0.3, ensemble: 1, tuneOPenalty: false };

/** Project root (the folder with package.json and data/), from this file's location in dist/models/ner/. */
export function projectRoot(): string {
  return join(dirname(new URL(import.meta.url).pathname), '..', '..', '..');
}

/** mulberry32: a small deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

export interface NerDevSets {
  uner: NerSentence[];
  gumNews: NerSentence[];
}

/** Loads the dev sets (UNER dev, GUM dev news documents converted like the training data). */
export function loadNerDevSets(corporaDir: string, root: string = projectRoot()): NerDevSets {
  const hand = readHandLists(join(root, 'data', 'ner'));
  const gumOpts = { titles: new Set(hand.titles.map((t) => t.toLowerCase())), demonyms: new Set(hand.demonyms.map((t) => t.toLowerCase())) };
  return {
    uner: readIob2(readFileSync(join(corporaDir, NER_CORPORA.unerDev), 'utf8')),
    gumNews: readGumNer(readFileSync(join(corporaDir, NER_CORPORA.gumDev), 'utf8'), { ...gumOpts, docFilter: (d) => d.startsWith('GUM_news') }),
  };
}

export function scoreTagger(tagger: EntityTagger, sentences: readonly NerSentence[]): SpanScores {
  const scorer = new SpanScorer();
  for (const s of sentences) scorer.add(s.tags, tagger.tag(s.words).tags);
  return scorer.result();
}

/** Picks the softmax temperature minimising the log loss of the gold tag on dev (grid search). */
function fitTemperature(decoder: NerDecoder, gaz: Gazetteer, dev: readonly NerSentence[], tagIndex: Map<string, number>): number {
  const grid = [0.5, 1, 2, 3, 5, 8, 12, 20, 30, 50];
  const losses = grid.map(() => 0);
  const k = decoder.k;
  for (const s of dev) {
    const n = s.words.length;
    const f = extractFeatures(s.words, gaz);
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
function fitOPenalty(decoder: NerDecoder, gaz: Gazetteer, dev: readonly NerSentence[], tags: readonly string[], temperature: number, log: (m: string) => void): number {
  const grid = [0, 0.25, 0.5, 0.75, 1, 1.5, 2].map((g) => g * temperature);
  const k = decoder.k;
  const cached = dev.map((s) => {
    const f = extractFeatures(s.words, gaz);
    return decoder.emissions(f.ids, f.offsets, s.words.length);
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
  const root = projectRoot();
  const hand = readHandLists(join(root, 'data', 'ner'));
  const gumOpts = { titles: new Set(hand.titles.map((t) => t.toLowerCase())), demonyms: new Set(hand.demonyms.map((t) => t.toLowerCase())) };

  const unerPath = join(corporaDir, NER_CORPORA.unerTrain);
  const train: NerSentence[] = readIob2(readFileSync(unerPath, 'utf8'));
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
  const dev = loadNerDevSets(corporaDir, root);
  // The gazetteer's "common lowercase words" come from the real training text, before augmentation.
  const gazBuilt = buildGazetteer(root, train);
  const gaz = new Gazetteer(gazBuilt.data);
  log(`ner: gazetteer ${gaz.size} phrases, ${gazBuilt.bytes.length} bytes gzipped`);
  const random = rng(options.seed);
  if (config.lowerAug > 0) {
    const extra: NerSentence[] = [];
    for (const s of train) if (random() < config.lowerAug) extra.push({ words: s.words.map((w) => w.toLowerCase()), tags: s.tags });
    log(`ner: ${extra.length} lowercased copies added`);
    train.push(...extra);
  }


  const tags: string[] = [...NER_TAGS];
  const tagIndex = new Map<string, number>(tags.map((t, i) => [t, i]));
  const k = tags.length;
  const feats: SentenceFeatures[] = train.map((s) => extractFeatures(s.words, gaz));
  const gold: Int32Array[] = train.map((s) => Int32Array.from(iob2ToBilou(s.tags), (t) => tagIndex.get(t) ?? 0));
  log(`ner: features extracted (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Structured perceptron runs with different shuffles; their averaged weights are averaged again.
  const ensembleModel = new AveragedPerceptron({ nClasses: k, nBuckets: config.nBuckets });
  for (let run = 0; run < config.ensemble; run++) {
    const runModel = new AveragedPerceptron({ nClasses: k, nBuckets: config.nBuckets });
    const model = runModel;
    const decoder = new NerDecoder(model, tags);
    const transBase = (p: number): number => model.bucket(decoderTransHash(decoder, p)) * k;
    const order = train.map((_, i) => i);
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      shuffle(order, random);
      let errors = 0;
      let tokens = 0;
      for (const si of order) {
        const f = feats[si];
        const y = gold[si];
        const n = y.length;
        tokens += n;
        if (config.decoder === 'viterbi') {
          const em = decoder.emissions(f.ids, f.offsets, n);
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
            }
            if (y[i] !== z[i] || gp !== pp) {
              model.bump(transBase(gp) + y[i], 1);
              model.bump(transBase(pp) + z[i], -1);
            }
          }
          model.tick();
        } else {
          let prev = k;
          for (let i = 0; i < n; i++) {
            const em = decoder.emissions(f.ids.subarray(0), offsetsOne(f.offsets, i), 1);
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
      log(`ner: run ${run + 1}/${config.ensemble} epoch ${epoch + 1}/${config.epochs}: token errors ${(100 * errors / tokens).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    model.average();
    for (let i = 0; i < runModel.weights.length; i++) ensembleModel.weights[i] += runModel.weights[i] / config.ensemble;
  }
  const model = ensembleModel;
  const decoder = new NerDecoder(model, tags);

  const temperature = fitTemperature(decoder, gaz, dev.uner, tagIndex);
  const oPenalty = config.tuneOPenalty ? fitOPenalty(decoder, gaz, dev.uner, tags, temperature, log) : 0;
  const header: NerHeader = {
    tags,
    featureVersion: FEATURE_VERSION,
    decoder: config.decoder,
    temperature,
    oPenalty,
    usesPos: false,
    gazetteerFile: NER_GAZETTEER_FILE,
    trainedOn: corpora.map((c) => c.file),
  };
  const bytes = writeNerModel(header, model, config.bits);
  writeFileSync(join(modelsDir, NER_MODEL_FILE), bytes);
  writeFileSync(join(modelsDir, NER_GAZETTEER_FILE), gazBuilt.bytes);

  // Score the model as shipped (quantised weights, loaded from disk).
  const tagger = EntityTagger.load(modelsDir);
  const uner = scoreTagger(tagger, dev.uner);
  const gumNews = scoreTagger(tagger, dev.gumNews);
  log(formatScores('ner UNER dev', uner));
  log(formatScores('ner GUM dev news', gumNews));
  const seconds = (Date.now() - t0) / 1000;

  const devScores: Record<string, number> = {
    'uner-dev.f1': round(uner.micro.f1),
    'uner-dev.precision': round(uner.micro.precision),
    'uner-dev.recall': round(uner.micro.recall),
    'gum-dev-news.f1': round(gumNews.micro.f1),
  };
  for (const [t, v] of Object.entries(uner.byType)) devScores[`uner-dev.${t}.f1`] = round(v.f1);
  for (const [t, v] of Object.entries(gumNews.byType)) devScores[`gum-dev-news.${t}.f1`] = round(v.f1);
  updateManifest(modelsDir, 'ner', {
    file: NER_MODEL_FILE,
    sha256: sha256File(join(modelsDir, NER_MODEL_FILE)),
    bytes: bytes.length,
    version: `ner-${FEATURE_VERSION}.${config.decoder}`,
    trainedAt: new Date().toISOString(),
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
