/**
 * Combining a left-to-right and a right-to-left parse of the same sentence (Sagae & Lavie 2006 reparsing):
 * every arc proposed by a parser gets the weight 1 + α·confidence, where confidence is the score margin of
 * the transition that made the arc divided by that parser's typical margin (capped), the weights of the two
 * parsers are added, and the projective tree of maximum total weight with exactly one root dependent is found
 * by Eisner's algorithm. With plain votes (α = 0) two parsers can only tie, so the margins decide.
 */

import { isProjective } from './projectivize.js';

/** Reverses a sentence's token order (words, tags, …). */
export function reversed<T>(xs: readonly T[]): T[] {
  const out = new Array<T>(xs.length);
  for (let i = 0, n = xs.length; i < n; i++) out[i] = xs[n - 1 - i];
  return out;
}

/**
 * Heads of a sentence after reversing its token order: word i (0-based) becomes word n−1−i; heads are 1-based
 * with 0 = root, so head h ≠ 0 becomes n + 1 − h. Applying it twice gives the original heads.
 */
export function reversedHeads(heads: ArrayLike<number>): Int32Array {
  const n = heads.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = heads[n - 1 - i];
    out[i] = h === 0 ? 0 : n + 1 - h;
  }
  return out;
}

/** Scratch tables for eisner(), grown as needed (one instance per parser, not shared between threads). */
export class EisnerScratch {
  size = 0;
  /** Complete / incomplete spans, index (s·(n+1) + t)·2 + dir; dir 0 = head at t, 1 = head at s. */
  c = new Float64Array(0);
  i = new Float64Array(0);
  cb = new Int32Array(0);
  ib = new Int32Array(0);

  ensure(n: number): void {
    const m = (n + 1) * (n + 1) * 2;
    if (this.c.length >= m) return;
    this.c = new Float64Array(m);
    this.i = new Float64Array(m);
    this.cb = new Int32Array(m);
    this.ib = new Int32Array(m);
  }
}

/**
 * Maximum-weight projective tree with exactly one root dependent (Eisner 1996; the root is attached to the best
 * word whose left and right complete spans cover the sentence). `score[h·(n+1) + d]` is the weight of the arc
 * h → d over nodes 0..n (0 = root, words 1..n). Writes 1-based heads (0 = root) into `head`.
 */
export function eisner(n: number, score: Float64Array, head: Int32Array, scratch = new EisnerScratch()): void {
  if (n === 1) {
    head[0] = 0;
    return;
  }
  scratch.ensure(n);
  const N = n + 1;
  const C = scratch.c;
  const I = scratch.i;
  const CB = scratch.cb;
  const IB = scratch.ib;
  for (let s = 1; s <= n; s++) {
    C[(s * N + s) * 2] = 0;
    C[(s * N + s) * 2 + 1] = 0;
  }
  for (let k = 1; k < n; k++) {
    for (let s = 1; s + k <= n; s++) {
      const t = s + k;
      // Incomplete spans: an arc between s and t over complete halves [s, r] (head s) and [r+1, t] (head t).
      let best = -Infinity;
      let arg = s;
      for (let r = s; r < t; r++) {
        const v = C[(s * N + r) * 2 + 1] + C[((r + 1) * N + t) * 2];
        if (v > best) {
          best = v;
          arg = r;
        }
      }
      const st = (s * N + t) * 2;
      I[st] = best + score[t * N + s];
      I[st + 1] = best + score[s * N + t];
      IB[st] = arg;
      IB[st + 1] = arg;
      // Complete spans headed at t (dir 0) and at s (dir 1).
      best = -Infinity;
      arg = s;
      for (let r = s; r < t; r++) {
        const v = C[(s * N + r) * 2] + I[(r * N + t) * 2];
        if (v > best) {
          best = v;
          arg = r;
        }
      }
      C[st] = best;
      CB[st] = arg;
      best = -Infinity;
      arg = t;
      for (let r = s + 1; r <= t; r++) {
        const v = I[(s * N + r) * 2 + 1] + C[(r * N + t) * 2 + 1];
        if (v > best) {
          best = v;
          arg = r;
        }
      }
      C[st + 1] = best;
      CB[st + 1] = arg;
    }
  }
  let root = 1;
  let best = -Infinity;
  for (let r = 1; r <= n; r++) {
    const v = score[r] + C[(1 * N + r) * 2] + C[(r * N + n) * 2 + 1];
    if (v > best) {
      best = v;
      root = r;
    }
  }
  head[root - 1] = 0;
  // Iterative backtracking over (kind, s, t, dir); kind 0 = complete, 1 = incomplete.
  const stack: number[] = [0, 1, root, 0, 0, root, n, 1];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const t = stack.pop()!;
    const s = stack.pop()!;
    const kind = stack.pop()!;
    if (s === t) continue;
    const st = (s * N + t) * 2 + dir;
    if (kind === 1) {
      if (dir === 0) head[s - 1] = t;
      else head[t - 1] = s;
      const r = IB[st];
      stack.push(0, s, r, 1, 0, r + 1, t, 0);
    } else if (dir === 0) {
      const r = CB[st];
      stack.push(0, s, r, 0, 1, r, t, 0);
    } else {
      const r = CB[st];
      stack.push(1, s, r, 1, 0, r, t, 1);
    }
  }
}

export interface ScoredTree {
  /** 1-based heads, 0 = root. */
  head: ArrayLike<number>;
  /** Margin of the transition behind each word's arc. */
  margin: ArrayLike<number>;
}

export interface BlendWeights {
  /** Weight of the margins against the vote. */
  alpha: number;
  /** Each parser's typical margin (its margins are divided by it), in the order of the trees. */
  scale: readonly number[];
  /** Cap on a normalised margin. */
  cap: number;
  /** Weight of each parser's vote (1 each by default). */
  vote?: readonly number[];
}

/**
 * The blended tree of several parses of one sentence (see the file comment). Sentences where every parse
 * agrees are returned as they are, with no decoding. Writes 1-based heads into `head`; returns true when the
 * trees differed. With `greedy`, each word first takes its heaviest proposed head, and Eisner's algorithm runs only
 * when those heads do not form a projective tree (several root dependents, a cycle or crossing arcs): the result is
 * Eisner's but for ties, at a fraction of its cost.
 */
export function blendTrees(trees: readonly ScoredTree[], w: BlendWeights, head: Int32Array, scratch?: EisnerScratch, scores?: { buf: Float64Array }, greedy = false): boolean {
  const n = trees[0].head.length;
  let same = true;
  for (let p = 1; p < trees.length && same; p++) {
    const h = trees[p].head;
    for (let i = 0; i < n; i++) {
      if (h[i] !== trees[0].head[i]) {
        same = false;
        break;
      }
    }
  }
  if (same) {
    for (let i = 0; i < n; i++) head[i] = trees[0].head[i];
    return false;
  }
  if (greedy && greedyHeads(trees, w, head)) return true;
  const N = n + 1;
  let buf = scores?.buf;
  if (buf === undefined || buf.length < N * N) {
    buf = new Float64Array(N * N * 2);
    if (scores) scores.buf = buf;
  }
  const score = buf;
  score.fill(0, 0, N * N);
  trees.forEach((t, p) => {
    // The first tree wins exact ties.
    for (let i = 0; i < n; i++) score[t.head[i] * N + i + 1] += arcWeight(w, p, t.margin[i]) + (p === 0 ? 1e-6 : 0);
  });
  eisner(n, score, head, scratch);
  return true;
}

/** The weight parser p's arc gets: its vote plus alpha times its margin over the parser's scale (capped). */
function arcWeight(w: BlendWeights, p: number, margin: number): number {
  return (w.vote?.[p] ?? 1) + w.alpha * Math.min(w.cap, Math.max(0, margin / w.scale[p]));
}

/**
 * Each word's proposed head of greatest total weight (the first tree's on ties), written into `head` (1-based);
 * true when they form a projective tree: exactly one word on the root, every word reaches it, no arcs cross.
 */
export function greedyHeads(trees: readonly ScoredTree[], w: BlendWeights, head: Int32Array): boolean {
  const n = trees[0].head.length;
  let roots = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestWeight = -Infinity;
    for (let p = 0; p < trees.length; p++) {
      const h = trees[p].head[i];
      if (h === best) continue;
      let weight = 0;
      for (let q = p; q < trees.length; q++) {
        if (trees[q].head[i] !== h) continue;
        weight += arcWeight(w, q, trees[q].margin[i]);
      }
      if (weight > bestWeight + 1e-9) {
        best = h;
        bestWeight = weight;
      }
    }
    head[i] = best;
    if (best === 0) roots++;
  }
  return roots === 1 && acyclic(head, n) && isProjective(head.subarray(0, n));
}

/** True when following the 1-based heads from every word reaches the root (0) without a cycle. */
function acyclic(head: Int32Array, n: number): boolean {
  // state: 0 unvisited, 1 on the current path, 2 known to reach the root.
  const state = new Uint8Array(n + 1);
  state[0] = 2;
  for (let i = 1; i <= n; i++) {
    let v = i;
    while (state[v] === 0) {
      state[v] = 1;
      v = head[v - 1];
    }
    if (state[v] === 1) return false;
    for (v = i; state[v] === 1; v = head[v - 1]) state[v] = 2;
  }
  return true;
}
