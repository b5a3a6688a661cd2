#!/usr/bin/env node
/**
 * Trains the tagger alone:
 *   node dist/models/tagger/train-cli.js [--corpora DIR] [--models DIR] [--seed N] [--epochs N] [--buckets N] [--bits 8|16] [--external 0|1]
 * Defaults are resolved from this file's location, never the cwd: <project>/../shared/corpora and <project>/models.
 */

import { resolve } from 'node:path';
import { corporaDir, modelsDir } from '../paths.js';
import { parseArgs } from 'node:util';
import { DEFAULT_HYPER, trainTagger } from './train.js';

const { values } = parseArgs({
  options: {
    corpora: { type: 'string' },
    models: { type: 'string' },
    seed: { type: 'string' },
    epochs: { type: 'string' },
    buckets: { type: 'string' },
    bits: { type: 'string' },
    external: { type: 'string' },
  },
});

const bits = values.bits === undefined ? DEFAULT_HYPER.bits : Number(values.bits);
if (bits !== 8 && bits !== 16) throw new Error('--bits must be 8 or 16');

await trainTagger(
  {
    corporaDir: corporaDir(values.corpora),
    modelsDir: resolve(modelsDir(values.models)),
    log: (message) => process.stderr.write(message + '\n'),
    seed: values.seed === undefined ? 1 : Number(values.seed),
  },
  {
    ...DEFAULT_HYPER,
    epochs: values.epochs === undefined ? DEFAULT_HYPER.epochs : Number(values.epochs),
    nBuckets: values.buckets === undefined ? DEFAULT_HYPER.nBuckets : Number(values.buckets),
    bits,
    externalLexicon: values.external === undefined ? DEFAULT_HYPER.externalLexicon : values.external !== '0',
  },
);
