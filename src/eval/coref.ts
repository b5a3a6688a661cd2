/**
 * Coreference scoring: MUC (Vilain et al. 1995), B³ (Bagga & Baldwin 1998), entity-based CEAF with φ4
 * (Luo 2005, best one-to-one entity alignment by the Kuhn–Munkres algorithm) and the CoNLL F1 (their mean
 * F1). Our own implementation of the definitions the CoNLL-2011/2012 reference scorer uses: counts are
 * summed over documents (micro average) before P/R/F1 are taken, and a ratio with a zero denominator is 0.
 *
 * A clustering is a list of entities, each a list of mention keys (any string or number that identifies
 * a mention, e.g. its span); a mention that appears in the key but not in the response (or the reverse)
 * is handled the way the definitions say (MUC: its own partition; B³/CEAF: no overlap).
 *
 * Also here: the same-head-word baseline and the small helpers that turn a gold span into a candidate
 * mention (head token from the parse, kind from the head's part of speech).
 */
import type { Dependency, MentionKind } from '../core/layers.js';
import type { CandidateMention, CorefView, MentionLink } from '../stages/coref/cluster.js';

export type MentionKey = string | number;
export type Clustering = ReadonlyArray<ReadonlyArray<MentionKey>>;

/** Numerators and denominators of one metric, summable over documents. */
export interface MetricCounts {
  recallNum: number;
  recallDen: number;
  precisionNum: number;
  precisionDen: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

export function prf(c: MetricCounts): Prf {
  const precision = ratio(c.precisionNum, c.precisionDen);
  const recall = ratio(c.recallNum, c.recallDen);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export function addCounts(a: MetricCounts, b: MetricCounts): MetricCounts {
  return {
    recallNum: a.recallNum + b.recallNum,
    recallDen: a.recallDen + b.recallDen,
    precisionNum: a.precisionNum + b.precisionNum,
    precisionDen: a.precisionDen + b.precisionDen,
  };
}

export const zeroCounts = (): MetricCounts => ({ recallNum: 0, recallDen: 0, precisionNum: 0, precisionDen: 0 });

/** Mention → index of its entity (the first entity wins if a clustering lists a mention twice). */
function entityIndex(clustering: Clustering): Map<MentionKey, number> {
  const index = new Map<MentionKey, number>();
  clustering.forEach((entity, i) => {
    for (const m of entity) if (!index.has(m)) index.set(m, i);
  });
  return index;
}

/** MUC one way: Σ (|K| − |partitions of K by the other side|) over Σ (|K| − 1). Unmatched mentions are partitions of their own. */
function mucOneWay(key: Clustering, response: Clustering): { num: number; den: number } {
  const other = entityIndex(response);
  let num = 0;
  let den = 0;
  for (const entity of key) {
    if (entity.length === 0) continue;
    const parts = new Set<string>();
    let alone = 0;
    for (const m of entity) {
      const j = other.get(m);
      if (j === undefined) alone++;
      else parts.add(String(j));
    }
    num += entity.length - (parts.size + alone);
    den += entity.length - 1;
  }
  return { num, den };
}

export function muc(key: Clustering, response: Clustering): MetricCounts {
  const r = mucOneWay(key, response);
  const p = mucOneWay(response, key);
  return { recallNum: r.num, recallDen: r.den, precisionNum: p.num, precisionDen: p.den };
}

/** Overlap sizes |A ∩ B| for every pair of entities that share a mention: map from "i,j". */
function overlaps(a: Clustering, b: Clustering): Map<string, number> {
  const bIndex = entityIndex(b);
  const out = new Map<string, number>();
  a.forEach((entity, i) => {
    for (const m of new Set(entity)) {
      const j = bIndex.get(m);
      if (j === undefined) continue;
      const k = `${i},${j}`;
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  });
  return out;
}

/** B³: recall = Σ_K Σ_R |K∩R|² / |K| over the number of key mentions; precision the same with the roles swapped. */
export function bcubed(key: Clustering, response: Clustering): MetricCounts {
  const shared = overlaps(key, response);
  let recallNum = 0;
  let precisionNum = 0;
  for (const [k, n] of shared) {
    const [i, j] = k.split(',').map(Number);
    recallNum += (n * n) / key[i].length;
    precisionNum += (n * n) / response[j].length;
  }
  const size = (c: Clustering): number => c.reduce((s, e) => s + e.length, 0);
  return { recallNum, recallDen: size(key), precisionNum, precisionDen: size(response) };
}

/**
 * The assignment of rows to columns (each used at most once) that maximises the summed weight, by the
 * Kuhn–Munkres (Hungarian) algorithm with potentials, O(n³) on the matrix padded to a square.
 * Returns the best total and, per row, its column (or -1).
 */
export function maxAssignment(weights: readonly (readonly number[])[]): { total: number; columnOf: number[] } {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : Math.max(...weights.map((r) => r.length));
  const n = Math.max(rows, cols);
  if (n === 0) return { total: 0, columnOf: [] };
  let max = 0;
  for (const r of weights) for (const w of r) if (w > max) max = w;
  // Minimisation of (max − weight); padding cells weigh 0, i.e. cost max.
  const cost = (i: number, j: number): number => max - (i < rows && j < (weights[i]?.length ?? 0) ? weights[i][j] : 0);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j]: row (1-based) assigned to column j (1-based); 0 = none
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Array<number>(rows).fill(-1);
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = p[j] - 1;
    if (i < rows && j - 1 < (weights[i]?.length ?? 0)) {
      columnOf[i] = j - 1;
      total += weights[i][j - 1];
    }
  }
  return { total, columnOf };
}

/** φ4(K, R) = 2 |K ∩ R| / (|K| + |R|). */
export const phi4 = (shared: number, keySize: number, responseSize: number): number => (2 * shared) / (keySize + responseSize);

/**
 * CEAF-e: the one-to-one alignment of key and response entities that maximises Σ φ4; recall = that sum
 * over the number of key entities, precision = over the number of response entities. Entities that share
 * no mention with anything are not in the assignment problem (they add 0), which keeps it small.
 */
export function ceafe(key: Clustering, response: Clustering): MetricCounts {
  const keyEntities = key.filter((e) => e.length > 0);
  const responseEntities = response.filter((e) => e.length > 0);
  const shared = overlaps(keyEntities, responseEntities);
  const rowIds = [...new Set([...shared.keys()].map((k) => Number(k.split(',')[0])))];
  const colIds = [...new Set([...shared.keys()].map((k) => Number(k.split(',')[1])))];
  const colPos = new Map(colIds.map((j, c) => [j, c] as const));
  const weights = rowIds.map(() => new Array<number>(colIds.length).fill(0));
  const rowPos = new Map(rowIds.map((i, r) => [i, r] as const));
  for (const [k, n] of shared) {
    const [i, j] = k.split(',').map(Number);
    weights[rowPos.get(i) as number][colPos.get(j) as number] = phi4(n, keyEntities[i].length, responseEntities[j].length);
  }
  const best = maxAssignment(weights).total;
  return { recallNum: best, recallDen: keyEntities.length, precisionNum: best, precisionDen: responseEntities.length };
}

export interface CorefScores {
  muc: Prf;
  bcubed: Prf;
  ceafe: Prf;
  /** Mean of the three F1s (the CoNLL-2012 score). */
  conll: number;
}

/** Accumulates the three metrics over documents (micro average, as the reference scorer does). */
export class CorefScorer {
  private mucCounts = zeroCounts();
  private b3Counts = zeroCounts();
  private ceafCounts = zeroCounts();
  documents = 0;

  add(key: Clustering, response: Clustering): void {
    this.mucCounts = addCounts(this.mucCounts, muc(key, response));
    this.b3Counts = addCounts(this.b3Counts, bcubed(key, response));
    this.ceafCounts = addCounts(this.ceafCounts, ceafe(key, response));
    this.documents++;
  }

  scores(): CorefScores {
    const m = prf(this.mucCounts);
    const b = prf(this.b3Counts);
    const c = prf(this.ceafCounts);
    return { muc: m, bcubed: b, ceafe: c, conll: (m.f1 + b.f1 + c.f1) / 3 };
  }
}

/** Scores one key/response pair on its own. */
export function scoreCoref(key: Clustering, response: Clustering): CorefScores {
  const s = new CorefScorer();
  s.add(key, response);
  return s.scores();
}

/** Drops single-mention entities (for the "without singletons" figures). */
export const withoutSingletons = (c: Clustering): Clustering => c.filter((e) => e.length > 1);

// ---------------------------------------------------------------------------------------------------
// The clustering interface is the coreference stage's (src/stages/coref/cluster.ts).

export type { CandidateMention, CorefView, MentionLink };

export type ClusterFunction = (view: CorefView, mentions: readonly CandidateMention[]) => MentionLink[];

/** Baseline: mentions whose head words are equal (case-insensitive) form one cluster; every other mention is alone. */
export const sameHeadBaseline: ClusterFunction = (view, mentions) => {
  const clusterOfHead = new Map<string, number>();
  return mentions.map((m) => {
    const word = (view.tokens[m.head]?.text ?? '').toLowerCase();
    const cluster = clusterOfHead.get(word);
    if (cluster !== undefined) return { cluster, reason: 'same-head' };
    clusterOfHead.set(word, clusterOfHead.size);
    return { cluster: clusterOfHead.size - 1 };
  });
};

/** Groups mention indices by the cluster number of their link: the response clustering. */
export function clustersFromLinks(links: readonly MentionLink[]): number[][] {
  const byCluster = new Map<number, number[]>();
  links.forEach((l, i) => {
    const list = byCluster.get(l.cluster);
    if (list) list.push(i);
    else byCluster.set(l.cluster, [i]);
  });
  return [...byCluster.values()];
}

/**
 * The head of the token span [from, to): the token whose syntactic head lies outside the span (the
 * first such non-punctuation token when the parse does not make the span one subtree; the last token
 * when even that fails).
 */
export function spanHead(deps: readonly Dependency[], from: number, to: number): number {
  let fallback = -1;
  for (let i = from; i < to; i++) {
    const h = deps[i]?.head ?? -1;
    if (h >= from && h < to) continue;
    if (deps[i]?.deprel !== 'punct') return i;
    if (fallback < 0) fallback = i;
  }
  return fallback >= 0 ? fallback : to - 1;
}

export function mentionKind(upos: string | undefined): MentionKind {
  if (upos === 'PRON') return 'pronoun';
  if (upos === 'PROPN') return 'name';
  return 'nominal';
}
