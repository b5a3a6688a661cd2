import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTERS_FILE, encodeClusters, NO_CLUSTER, WordClusters, wordHashes } from './clusters.js';
import { assign, normaliseRows, sphericalKMeans } from './kmeans.js';

const modelsDir = join(new URL('.', import.meta.url).pathname, '..', '..', '..', 'models');

function table(words: string[], fine: number[]) {
  const h1 = new Uint32Array(words.length);
  const h2 = new Uint32Array(words.length);
  words.forEach((w, i) => ([h1[i], h2[i]] = wordHashes(w)));
  return { h1, h2, fine: Uint16Array.from(fine), fineToMid: Uint16Array.from([0, 0, 1]), fineToCoarse: Uint16Array.from([0, 0, 0]), midK: 2, coarseK: 1 };
}

test('a cluster table survives encoding, and unknown words have no cluster', () => {
  const words = ['mexico', 'spain', 'talks', 'negotiations', 'the'];
  const bytes = encodeClusters(table(words, [0, 0, 1, 1, 2]));
  // An odd entry count exercises the padding before the 16-bit maps.
  const clusters = WordClusters.fromBytes(new Uint8Array(bytes));
  assert.equal(clusters.size, 5);
  assert.deepEqual(words.map((w) => clusters.fineOf(w)), [0, 0, 1, 1, 2]);
  assert.equal(clusters.midOf(clusters.fineOf('the')), 1);
  assert.equal(clusters.fineOf('Mexico'), NO_CLUSTER, 'lookup is on the lower-cased form the caller gives');
  assert.equal(clusters.fineOf('zzzz'), NO_CLUSTER);
  assert.equal(clusters.midOf(NO_CLUSTER), NO_CLUSTER);
  assert.throws(() => WordClusters.fromBytes(new Uint8Array(bytes.subarray(0, bytes.length - 2))), /bytes, expected/);
  assert.throws(() => WordClusters.fromBytes(new Uint8Array(30)), /not a word-clusters file/);
});

test('spherical k-means separates two directions and is deterministic', () => {
  const dims = 3;
  const points = Float32Array.from([1, 0.1, 0, 0.9, 0, 0.1, 1, -0.1, 0, 0, 1, 0.1, 0.1, 0.9, 0, 0, 1, -0.1]);
  normaliseRows(points, dims);
  const a = sphericalKMeans(points, dims, 2, { seed: 3, iterations: 10 });
  const b = sphericalKMeans(points, dims, 2, { seed: 3, iterations: 10 });
  assert.deepEqual(a.assignment, b.assignment);
  assert.equal(new Set(a.assignment.slice(0, 3)).size, 1);
  assert.equal(new Set(a.assignment.slice(3)).size, 1);
  assert.notEqual(a.assignment[0], a.assignment[3]);
  assert.deepEqual([...a.weights].sort(), [3, 3]);
  assert.deepEqual(assign(points, dims, a.centroids), a.assignment);
});

test('the shipped clusters group words used alike', () => {
  const clusters = WordClusters.fromBytes(readFileSync(join(modelsDir, CLUSTERS_FILE)));
  assert.ok(clusters.size >= 100_000);
  const c = (w: string) => clusters.fineOf(w);
  assert.equal(c('mexico'), c('spain'));
  assert.equal(c('talks'), c('negotiations'));
  assert.notEqual(c('mexico'), c('talks'));
  assert.equal(clusters.coarseOf(c('deportations')), clusters.coarseOf(c('arrests')));
  assert.notEqual(c('said'), NO_CLUSTER);
});
