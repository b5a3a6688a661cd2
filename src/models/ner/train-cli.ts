#!/usr/bin/env node
/**
 * Trains the entity tagger.
 *   node dist/models/ner/train-cli.js [--corpora DIR] [--models DIR] [--seed N]
 *     [--gum none|news|all] [--decoder viterbi|greedy] [--epochs N] [--buckets N] [--bits 8|16]
 *     [--wnut yes|no] [--lower-aug FRACTION] [--ensemble N] [--o-penalty yes|no] [--pos yes|no]
 *     [--pos-dropout FRACTION] [--pos-noise RATE] [--uner-copies N]
 *     [--doc-history yes|no]
 * Defaults: <project>/../shared/corpora and <project>/models, resolved from this file (never the cwd); the
 * other flags exist to measure alternatives to the shipped configuration.
 */

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { corporaDir as findCorpora, modelsDir as defaultModelsDir } from '../paths.js';
import { DEFAULT_NER_CONFIG, trainNerWith, type NerTrainConfig } from './train.js';

function main(argv: string[]): Promise<unknown> {
  let corporaDir: string | undefined;
  let modelsDir = defaultModelsDir();
  let seed = 2; // the seed of the shipped model (as `npm run train` uses)
  const config: NerTrainConfig = { ...DEFAULT_NER_CONFIG };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (v === undefined && a.startsWith('--')) throw new Error(`${a} needs a value`);
    switch (a) {
      case '--corpora': corporaDir = resolve(v); i++; break;
      case '--models': modelsDir = resolve(v); i++; break;
      case '--seed': seed = Number(v); i++; break;
      case '--gum': config.gum = v as NerTrainConfig['gum']; i++; break;
      case '--decoder': config.decoder = v as NerTrainConfig['decoder']; i++; break;
      case '--epochs': config.epochs = Number(v); i++; break;
      case '--buckets': config.nBuckets = Number(v); i++; break;
      case '--wnut': config.wnut = v === 'yes' || v === 'true'; i++; break;
      case '--lower-aug': config.lowerAug = Number(v); i++; break;
      case '--ensemble': config.ensemble = Number(v); i++; break;
      case '--o-penalty': config.tuneOPenalty = v === 'yes' || v === 'true'; i++; break;
      case '--pos': config.pos = v === 'yes' || v === 'true'; i++; break;
      case '--pos-dropout': config.posDropout = Number(v); i++; break;
      case '--pos-noise': config.posNoise = Number(v); i++; break;
      case '--uner-copies': config.unerCopies = Number(v); i++; break;
      case '--doc-history': config.docHistory = v === 'yes' || v === 'true'; i++; break;
      case '--bits': config.bits = Number(v) === 16 ? 16 : 8; i++; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  mkdirSync(modelsDir, { recursive: true });
  return trainNerWith({ corporaDir: findCorpora(corporaDir), modelsDir, seed, log: (m) => process.stderr.write(m + '\n') }, config);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`train-cli: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
