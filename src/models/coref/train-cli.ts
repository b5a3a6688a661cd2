#!/usr/bin/env node
/**
 * `node dist/models/coref/train-cli.js [--corpora DIR] [--seed N] [CONFIG_JSON ...]`: trains the coreference
 * ranker with each given configuration (partial JSON over DEFAULT_COREF_CONFIG) and prints GUM dev scores,
 * without writing anything: for measuring alternatives. `npm run train -- coref` writes the shipped model.
 */
import { corporaDir, modelsDir } from '../paths.js';
import { corefKnowledge, DEFAULT_COREF_CONFIG, loadCorefData, scoreCases, trainRanker, type CorefTrainConfig } from './train.js';
import { CorefModel } from './model.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const configs = args.filter((a, i) => a.startsWith('{') && !args[i - 1]?.startsWith('--')).map((a) => ({ ...DEFAULT_COREF_CONFIG, ...(JSON.parse(a) as Partial<CorefTrainConfig>) }));
if (configs.length === 0) configs.push(DEFAULT_COREF_CONFIG);
const log = (m: string): void => void process.stderr.write(`${m}\n`);
const t = Date.now();
const { train, dev } = loadCorefData(corporaDir(flag('--corpora')), modelsDir());
log(`data: ${train.length} train, ${dev.length} dev documents in ${((Date.now() - t) / 1000).toFixed(1)} s`);
const knowledge = corefKnowledge();
log(`rules alone: dev CoNLL ${(100 * scoreCases(dev, knowledge).conll).toFixed(2)}`);
for (const config of configs) {
  const t0 = Date.now();
  const trained = trainRanker(train, knowledge, config, Number(flag('--seed') ?? 1), log, dev);
  const shipped = CorefModel.deserialize(trained.serialize(config.bits));
  const s = scoreCases(dev, { ...knowledge, model: shipped });
  console.log(`${JSON.stringify(config)}  dev CoNLL ${(100 * s.conll).toFixed(2)}  without singletons ${(100 * s.conllNoSingletons).toFixed(2)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
