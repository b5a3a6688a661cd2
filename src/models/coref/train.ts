/**
 * Trains the coreference antecedent ranker (src/stages/coref/ranker.ts) on GUM train with gold mentions:
 * a latent-antecedent, loss-augmented averaged perceptron (mention ranking). Documents are walked left to
 * right exactly as clusterMentions walks them: the precise rules settle their mentions first, and for every
 * other mention the options are the new-entity choice and the candidate antecedents. The best-scoring
 * antecedent of the gold entity (or the new-entity choice for a first mention) is the target; the
 * prediction, made with a cost added to wrong options (false new, false link, wrong link), is pushed down
 * when it is wrong. The clusters that later features read are the model's own (unaugmented) decisions.
 *
 * Views (tags, parse, heads) come from our own tagger and parser on the gold words, as in the eval
 * (src/eval/gum-coref.ts). Dev and test documents are never trained on; the dev score goes in the manifest.
 * Fixed epochs and seeded shuffles: deterministic for a given seed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom, shuffleInPlace } from '../../core/random.js';
import { loadActorLexicon } from '../../knowledge/actors/lexicon.js';
import { defaultGazetteerDir, loadGazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import { CorefState, clusterMentions, PRIORITY_RULES, type CorefKnowledge } from '../../stages/coref/cluster.js';
import { countryResolver } from '../../stages/coref/countries.js';
import { candidates, newFeatures, pairFeatures, RANKER_FEATURE_VERSION } from '../../stages/coref/ranker.js';
import { clustersFromLinks, CorefScorer, withoutSingletons } from '../../eval/coref.js';
import { loadGumCases, readUdDocuments, splitDocuments, trainDocuments, type CorefCase } from '../../eval/gum-coref.js';
import { corpusRecord, updateManifest, weightsRecord } from '../manifest.js';
import { packageRoot } from '../paths.js';
import { AveragedPerceptron, FeatureBuffer } from '../perceptron.js';
import { Parser } from '../parser/parser.js';
import { Tagger } from '../tagger/tagger.js';
import type { TrainOptions } from '../train-options.js';
import { COREF_MODEL_FILE, CorefModel } from './model.js';

export const COREF_CORPORA = {
  coref: 'gum-extra/coref-gum-conll',
  splits: 'gum-extra/splits.md',
  udTrain: 'ud-english-gum/en_gum-ud-train.permissive.conllu',
  udDev: 'ud-english-gum/en_gum-ud-dev.permissive.conllu',
} as const;

export interface CorefTrainConfig {
  epochs: number;
  nBuckets: number;
  bits: 8 | 16;
  /** Loss-augmented decoding: cost of choosing "new" for a mention with an antecedent. */
  falseNew: number;
  /** Cost of linking a mention that starts an entity. */
  falseLink: number;
  /** Cost of linking to a mention of another entity. */
  wrongLink: number;
  /** Clusters during training follow the gold entities (true) or the model's own decisions (false). */
  teacher: boolean;
  /** Runs with different shuffles whose averaged weights are averaged again. */
  ensemble: number;
}

export const DEFAULT_COREF_CONFIG: CorefTrainConfig = { epochs: 4, nBuckets: 1 << 20, bits: 16, falseNew: 1, falseLink: 3, wrongLink: 1, teacher: false, ensemble: 5 };

/** The knowledge the coreference stage gives clusterMentions (actor lexicon, country names), from the built package. */
export function corefKnowledge(): CorefKnowledge {
  const gazetteer = loadGazetteer(defaultGazetteerDir());
  return { lexicon: loadActorLexicon(join(packageRoot(), 'dist', 'data')), countryOf: countryResolver(gazetteer) };
}

/** GUM train and dev cases, annotated by the trained tagger and parser in `modelsDir`. */
export function loadCorefData(corporaDir: string, modelsDir: string): { train: CorefCase[]; dev: CorefCase[] } {
  const splits = readFileSync(join(corporaDir, COREF_CORPORA.splits), 'utf8');
  const corefDir = join(corporaDir, COREF_CORPORA.coref);
  const tagger = Tagger.load(modelsDir);
  const parser = Parser.load(modelsDir);
  const udTrain = readUdDocuments(readFileSync(join(corporaDir, COREF_CORPORA.udTrain), 'utf8'));
  const udDev = readUdDocuments(readFileSync(join(corporaDir, COREF_CORPORA.udDev), 'utf8'));
  const train = loadGumCases(corefDir, trainDocuments(splits, readdirSync(corefDir)), udTrain, tagger, parser).cases;
  const dev = loadGumCases(corefDir, splitDocuments(splits, 'dev'), udDev, tagger, parser).cases;
  return { train, dev };
}

/** CoNLL F1 (with and without singletons) of clusterMentions with the given knowledge. */
export function scoreCases(cases: readonly CorefCase[], knowledge: CorefKnowledge): { conll: number; conllNoSingletons: number } {
  const all = new CorefScorer();
  const no = new CorefScorer();
  for (const c of cases) {
    const response = clustersFromLinks(clusterMentions(c.view, c.mentions, knowledge));
    all.add(c.key, response);
    no.add(withoutSingletons(c.key), withoutSingletons(response));
  }
  return { conll: all.scores().conll, conllNoSingletons: no.scores().conll };
}

/** Trains the ranker on the given cases (config.ensemble runs, weights averaged); returns the model. */
export function trainRanker(train: readonly CorefCase[], knowledge: CorefKnowledge, config: CorefTrainConfig, seed: number, log: (m: string) => void, dev?: readonly CorefCase[]): CorefModel {
  const first = trainOnce(train, knowledge, config, seed, log, dev);
  if (config.ensemble <= 1) return first;
  const w = first.perceptron.weights;
  for (let k = 1; k < config.ensemble; k++) {
    const other = trainOnce(train, knowledge, config, seed + 1000 * k, log, dev).perceptron.weights;
    for (let i = 0; i < w.length; i++) w[i] += other[i];
  }
  for (let i = 0; i < w.length; i++) w[i] /= config.ensemble;
  return first;
}

function trainOnce(train: readonly CorefCase[], knowledge: CorefKnowledge, config: CorefTrainConfig, seed: number, log: (m: string) => void, dev?: readonly CorefCase[]): CorefModel {
  const perceptron = new AveragedPerceptron({ nClasses: 1, nBuckets: config.nBuckets });
  const model = new CorefModel(perceptron, { featureVersion: RANKER_FEATURE_VERSION, trainedOn: [] });
  const random = seededRandom(seed);
  const order = train.map((_, i) => i);
  const pool: FeatureBuffer[] = [];
  const buffer = (k: number): FeatureBuffer => (pool[k] ??= new FeatureBuffer(96));
  const list: number[] = [];
  const scores: number[] = [];
  const update = (buf: FeatureBuffer, delta: number): void => {
    for (let f = 0; f < buf.length; f++) perceptron.bump(perceptron.bucket(buf.ids[f]), delta);
  };
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    shuffleInPlace(order, random);
    let decisions = 0;
    let mistakes = 0;
    for (const d of order) {
      const c = train[d];
      const entity = new Int32Array(c.mentions.length);
      c.key.forEach((e, k) => e.forEach((m) => (entity[m] = k)));
      const state = new CorefState(c.view, c.mentions, knowledge);
      for (let j = 0; j < c.mentions.length; j++) {
        const rule = state.ruleAntecedent(j);
        if (rule && PRIORITY_RULES.has(rule[1])) {
          state.join(j, rule[0], rule[1]);
          continue;
        }
        // Option 0 is the new entity, option k ≥ 1 the candidate list[k − 1].
        candidates(state, j, list);
        newFeatures(state, j, rule, buffer(0));
        scores[0] = model.score(buffer(0));
        let hasGoldEarlier = false;
        for (let i = 0; i < j && !hasGoldEarlier; i++) if (entity[i] === entity[j]) hasGoldEarlier = true;
        let target = hasGoldEarlier ? -1 : 0;
        let predicted = 0;
        let augmented = 0;
        let bestAugmented = scores[0] + (hasGoldEarlier ? config.falseNew : 0);
        for (let k = 1; k <= list.length; k++) {
          const i = list[k - 1];
          pairFeatures(state, j, i, rule, buffer(k));
          const s = model.score(buffer(k));
          scores[k] = s;
          const gold = entity[i] === entity[j];
          if (gold && (target < 0 || s > scores[target])) target = k;
          if (s > scores[predicted]) predicted = k;
          const a = s + (gold ? 0 : hasGoldEarlier ? config.wrongLink : config.falseLink);
          if (a > bestAugmented) {
            bestAugmented = a;
            augmented = k;
          }
        }
        if (target >= 0) {
          decisions++;
          perceptron.tick();
          const right = augmented === target || (augmented > 0 && entity[list[augmented - 1]] === entity[j]);
          if (!right) {
            mistakes++;
            update(buffer(target), 1);
            update(buffer(augmented), -1);
          }
        }
        if (config.teacher) {
          let gold = -1;
          for (let i = j - 1; i >= 0 && gold < 0; i--) if (entity[i] === entity[j]) gold = i;
          if (gold < 0) state.open(j);
          else state.join(j, gold, 'gold');
        } else if (predicted === 0) state.open(j);
        else state.join(j, list[predicted - 1], 'model');
      }
    }
    let line = `coref: epoch ${epoch}: ${mistakes} of ${decisions} decisions wrong (loss-augmented)`;
    if (dev && process.env.COREF_DEV_EACH_EPOCH) {
      const snapshot = new AveragedPerceptron({ nClasses: 1, nBuckets: config.nBuckets });
      snapshot.weights.set(perceptron.weights);
      line += ` — dev CoNLL (unaveraged) ${(100 * scoreCases(dev, { ...knowledge, model: new CorefModel(snapshot, model.header) }).conll).toFixed(2)}`;
    }
    log(line);
  }
  perceptron.average();
  return model;
}

export async function trainCoref(options: TrainOptions, config: CorefTrainConfig = DEFAULT_COREF_CONFIG): Promise<{ dev: number; bytes: number; seconds: number }> {
  const { corporaDir, modelsDir, log } = options;
  const started = Date.now();
  const { train, dev } = loadCorefData(corporaDir, modelsDir);
  const mentions = train.reduce((s, c) => s + c.mentions.length, 0);
  log(`coref: ${train.length} GUM train documents, ${mentions} mentions; ${dev.length} dev documents (read and parsed in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const knowledge = corefKnowledge();
  const trained = trainRanker(train, knowledge, config, options.seed, log, dev);
  const model = new CorefModel(trained.perceptron, { featureVersion: RANKER_FEATURE_VERSION, trainedOn: train.map((c) => c.name) });
  const bytes = model.serialize(config.bits);
  writeFileSync(join(modelsDir, COREF_MODEL_FILE), bytes);
  // Score what was written (quantised weights), as the pipeline will load it.
  const shipped = CorefModel.deserialize(bytes);
  const withModel = scoreCases(dev, { ...knowledge, model: shipped });
  const rulesOnly = scoreCases(dev, knowledge);
  const seconds = (Date.now() - started) / 1000;
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  updateManifest(modelsDir, 'coref', {
    ...weightsRecord(modelsDir, COREF_MODEL_FILE, `coref-${RANKER_FEATURE_VERSION}`),
    corpora: [corpusRecord(join(corporaDir, COREF_CORPORA.udTrain)), corpusRecord(join(corporaDir, COREF_CORPORA.splits))],
    dev: {
      'gum-dev.conll': round(withModel.conll),
      'gum-dev.conll-no-singletons': round(withModel.conllNoSingletons),
      'gum-dev.rules-only.conll': round(rulesOnly.conll),
    },
    notes: { ...config, seed: options.seed, seconds: Math.round(seconds), trainDocuments: train.length, trainMentions: mentions, source: 'GUM coref-gum-conll train documents (CC BY)' },
  });
  log(`coref: wrote ${COREF_MODEL_FILE} (${bytes.length} bytes) in ${seconds.toFixed(1)} s; GUM dev CoNLL ${(100 * withModel.conll).toFixed(2)} (rules alone ${(100 * rulesOnly.conll).toFixed(2)})`);
  return { dev: withModel.conll, bytes: bytes.length, seconds };
}
