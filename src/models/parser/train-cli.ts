#!/usr/bin/env node
/**
 * Trains the dependency parser: node dist/models/parser/train-cli.js [--corpora DIR] [--models DIR]
 *   [--seed N] [--epochs N] [--runs N] [--transition-buckets N] [--transition-mode 9|16] [--eval-every-epoch] [--second]
 *   [--no-opinion] [--lexical-classes]
 * Defaults resolve from this file's location (never the cwd): <project>/../shared/corpora and
 * <project>/models.
 */

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { corporaDir as findCorpora, modelsDir as findModels } from '../paths.js';
import { trainParser, type ParserTrainConfig } from './train.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corporaDir = findCorpora(arg('--corpora'));
const modelsDir = resolve(findModels(arg('--models')));
const seed = Number(arg('--seed') ?? 1);
const overrides: Partial<ParserTrainConfig> = {};
if (arg('--epochs')) overrides.epochs = Number(arg('--epochs'));
if (arg('--tag-noise')) overrides.tagNoise = Number(arg('--tag-noise'));
if (arg('--jackknife')) overrides.jackknifeFolds = Number(arg('--jackknife'));
if (arg('--bits')) overrides.bits = Number(arg('--bits')) === 8 ? 8 : 16;
if (arg('--label-buckets')) overrides.labelBuckets = Number(arg('--label-buckets'));
if (arg('--transition-buckets')) overrides.transitionBuckets = Number(arg('--transition-buckets'));
if (arg('--transition-mode')) overrides.transitionMode = Number(arg('--transition-mode')) === 9 ? 9 : 16;
if (arg('--runs')) overrides.runs = Number(arg('--runs'));
if (arg('--gold-mix')) overrides.goldMix = Number(arg('--gold-mix'));
if (process.argv.includes('--eval-every-epoch')) overrides.evalEveryEpoch = true;
if (process.argv.includes('--second')) overrides.second = true;
if (process.argv.includes('--no-opinion')) overrides.opinion = false;
if (process.argv.includes('--lexical-classes')) overrides.lexicalClasses = true;

mkdirSync(modelsDir, { recursive: true });
await trainParser({ corporaDir, modelsDir, seed, log: (m) => process.stderr.write(m + '\n') }, overrides);
