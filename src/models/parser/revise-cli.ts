#!/usr/bin/env node
/**
 * Trains the tree reviser (revise.ts) for the parser in --models: node dist/models/parser/revise-cli.js
 *   [--corpora DIR] [--models DIR] [--epochs N] [--bits N] [--ancestors N] [--gate R] [--tags-cache FILE] [--trees-cache FILE]
 * 1. jackknifed training tags (4 folds, as the parser's trainer makes them; cached in --tags-cache);
 * 2. jackknifed first-stage trees: for each fold, a parser of the shipped recipe trained on the other three folds
 *    parses it (cached in --trees-cache);
 * 3. the reviser learns from those trees, is written to models/parser-revise.bin, and is scored on the dev sets
 *    with the models' own tagger and parser.bin, with and without it.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corporaDir as findCorpora, modelsDir as findModels } from '../paths.js';
import { corpusRecord, updateManifest, weightsRecord } from '../manifest.js';
import { loadTreebank } from './data.js';
import { Parser, PARSER_FILE } from './parser.js';
import { DEFAULT_REVISER_CONFIG, REVISER_FILE, trainReviser, type RevisionExample } from './revise.js';
import { corpusPaths, DEFAULT_PARSER_CONFIG, jackknifeTags, scoreParser, tryLoadTagger } from './train.js';
import { jackknifeTrees, type FoldTree } from './revise-folds.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const log = (m: string): void => void process.stderr.write(m + '\n');
const corporaDir = findCorpora(arg('--corpora'));
const modelsDir = resolve(findModels(arg('--models')));
const FOLDS = 4;
const started = Date.now();

const paths = corpusPaths(corporaDir);
const train = paths.train.flatMap((p) => loadTreebank(p));
type Tags = { upos: string[]; xpos: string[] };
const tagsCache = arg('--tags-cache');
let tags: Tags[];
if (tagsCache && existsSync(tagsCache)) tags = JSON.parse(readFileSync(tagsCache, 'utf8')) as Tags[];
else {
  const t = await jackknifeTags(train, DEFAULT_PARSER_CONFIG.jackknifeFolds, 1, log);
  if (t === null) throw new Error('revise: the tagger trainer is not built');
  tags = t;
  if (tagsCache) writeFileSync(tagsCache, JSON.stringify(tags));
}
if (tags.length !== train.length) throw new Error(`revise: ${tags.length} cached tag sequences for ${train.length} training sentences`);

const treesCache = arg('--trees-cache');
let trees: FoldTree[];
if (treesCache && existsSync(treesCache)) trees = JSON.parse(readFileSync(treesCache, 'utf8')) as FoldTree[];
else {
  trees = await jackknifeTrees(train, tags, FOLDS, 1, {}, log);
  if (treesCache) writeFileSync(treesCache, JSON.stringify(trees));
}

const examples: RevisionExample[] = trees.map((t) => ({
  words: train[t.i].forms,
  upos: tags[t.i].upos,
  xpos: tags[t.i].xpos,
  head: t.head,
  deprel: t.deprel,
  margin: t.margin,
  gold: train[t.i].heads,
}));
const config = { ...DEFAULT_REVISER_CONFIG, ...(arg('--epochs') ? { epochs: Number(arg('--epochs')) } : {}), ...(arg('--bits') ? { bits: Number(arg('--bits')) } : {}), ...(arg('--ancestors') ? { maxAncestors: Number(arg('--ancestors')) } : {}), ...(arg('--gate') ? { gate: Number(arg('--gate')) } : {}) };
const reviser = trainReviser(examples, config, log);
writeFileSync(join(modelsDir, REVISER_FILE), reviser.toBytes());

// Dev sets: parser.bin with and without the reviser.
const tagger = await tryLoadTagger(modelsDir);
if (tagger === null) throw new Error('revise: no tagger in ' + modelsDir);
const parser = Parser.fromBytes(readFileSync(join(modelsDir, PARSER_FILE)));
const dev: Record<string, number> = {};
for (const [name, path] of Object.entries(paths.dev)) {
  const sentences = loadTreebank(path);
  const devTags = sentences.map((s) => tagger.tag(s.forms));
  parser.reviser = null;
  const without = scoreParser(parser, sentences, devTags);
  parser.reviser = reviser;
  const withIt = scoreParser(parser, sentences, devTags);
  dev[`${name}.uas`] = Number((100 * withIt.uas).toFixed(2));
  dev[`${name}.las`] = Number((100 * withIt.las).toFixed(2));
  dev[`${name}.uasWithoutReviser`] = Number((100 * without.uas).toFixed(2));
  log(`reviser: ${name}-dev predicted tags UAS ${(100 * without.uas).toFixed(2)} → ${(100 * withIt.uas).toFixed(2)}, LAS ${(100 * without.las).toFixed(2)} → ${(100 * withIt.las).toFixed(2)}`);
}
updateManifest(modelsDir, 'parser-revise', {
  ...weightsRecord(modelsDir, REVISER_FILE, 'revise-1'),
  corpora: paths.train.map((p) => corpusRecord(p)),
  dev,
  notes: {
    role: `second stage after ${PARSER_FILE}: re-chooses each word's head among the parser's head, its ancestors and the word's siblings`,
    firstStageTrees: `jackknifed: ${FOLDS} parsers of the shipped recipe, each trained on three folds, parse the fourth`,
    epochs: config.epochs,
    bits: config.bits,
    maxAncestors: config.maxAncestors,
    trainSeconds: Math.round((Date.now() - started) / 1000),
  },
});
log(`reviser: wrote ${join(modelsDir, REVISER_FILE)} in ${Math.round((Date.now() - started) / 1000)} s`);
