/**
 * Spherical k-means (cosine similarity on unit vectors), seeded k-means++ start, optional point weights.
 * Deterministic for a given seed. Used at training time only (word clusters from word vectors).
 */

import { seededRandom } from '../../core/random.js';

export interface KMeansResult {
  /** k × dims unit centroids. */
  centroids: Float32Array;
  /** Cluster of every point. */
  assignment: Uint16Array;
  /** Total weight of every cluster. */
  weights: Float64Array;
}

/** Scales every row of an n × dims matrix to unit length (zero rows stay zero). */
export function normaliseRows(data: Float32Array, dims: number): void {
  for (let o = 0; o < data.length; o += dims) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += data[o + d] * data[o + d];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dims; d++) data[o + d] *= inv;
  }
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += a[ao + d] * b[bo + d];
  return s;
}

/** The nearest (highest cosine) centroid of each point of `data`. */
export function assign(data: Float32Array, dims: number, centroids: Float32Array, out?: Uint16Array): Uint16Array {
  const n = data.length / dims;
  const k = centroids.length / dims;
  const assignment = out ?? new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const io = i * dims;
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dot(data, io, centroids, c * dims, dims);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    assignment[i] = best;
  }
  return assignment;
}

/** k-means++ seeding on cosine distance (1 − cos), sampled with the seeded PRNG. */
function seedCentroids(data: Float32Array, dims: number, k: number, weights: Float64Array, random: () => number): Float32Array {
  const n = data.length / dims;
  const centroids = new Float32Array(k * dims);
  const dist = new Float64Array(n).fill(Infinity);
  let first = Math.floor(random() * n);
  centroids.set(data.subarray(first * dims, first * dims + dims), 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    const po = (c - 1) * dims;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(data, i * dims, centroids, po, dims));
      if (d < dist[i]) dist[i] = d;
      total += dist[i] * dist[i] * weights[i];
    }
    let r = random() * total;
    first = n - 1;
    for (let i = 0; i < n; i++) {
      r -= dist[i] * dist[i] * weights[i];
      if (r <= 0) {
        first = i;
        break;
      }
    }
    centroids.set(data.subarray(first * dims, first * dims + dims), c * dims);
  }
  return centroids;
}

/**
 * Clusters the unit rows of `data` into k groups: `iterations` rounds of assignment and re-centring (or until no
 * point moves). A cluster left empty is re-seeded with the point farthest from its centroid.
 */
export function sphericalKMeans(
  data: Float32Array,
  dims: number,
  k: number,
  options: { seed: number; iterations: number; weights?: Float64Array; log?: (m: string) => void },
): KMeansResult {
  const n = data.length / dims;
  if (k > n) throw new Error(`k-means: ${k} clusters for ${n} points`);
  const weights = options.weights ?? new Float64Array(n).fill(1);
  const random = seededRandom(options.seed);
  const centroids = seedCentroids(data, dims, k, weights, random);
  const assignment = new Uint16Array(n);
  const previous = new Uint16Array(n).fill(0xffff);
  const clusterWeights = new Float64Array(k);
  for (let it = 1; it <= options.iterations; it++) {
    assign(data, dims, centroids, assignment);
    let moved = 0;
    for (let i = 0; i < n; i++) if (assignment[i] !== previous[i]) moved++;
    previous.set(assignment);
    centroids.fill(0);
    clusterWeights.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i];
      const w = weights[i];
      clusterWeights[c] += w;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] += w * data[i * dims + d];
    }
    for (let c = 0; c < k; c++) {
      if (clusterWeights[c] > 0) continue;
      // Empty cluster: take the point that fits its own centroid worst.
      let worst = 0;
      let worstScore = Infinity;
      for (let i = 0; i < n; i++) {
        const s = dot(data, i * dims, centroids, assignment[i] * dims, dims);
        if (s < worstScore) {
          worstScore = s;
          worst = i;
        }
      }
      centroids.set(data.subarray(worst * dims, worst * dims + dims), c * dims);
    }
    normaliseRows(centroids, dims);
    options.log?.(`k-means k=${k}: iteration ${it}/${options.iterations}, ${moved} of ${n} points moved`);
    if (moved === 0) break;
  }
  assign(data, dims, centroids, assignment);
  clusterWeights.fill(0);
  for (let i = 0; i < n; i++) clusterWeights[assignment[i]] += weights[i];
  return { centroids, assignment, weights: clusterWeights };
}
