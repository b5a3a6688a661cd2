/**
 * Tree revision: a second stage after the greedy parser. The parser decides each arc from a partial tree; the
 * reviser sees the whole tree and, for each non-punctuation word the parser attached with less than its median
 * margin (`ReviserMeta.gate`; training reads every word), re-chooses its head among the parser's head, that head's
 * ancestors (up to `maxAncestors` levels, not the root) and that head's other children (the word's siblings, except
 * bare noun-phrase adverbials such as "this week"), with a ranking perceptron over hashed features of the candidate
 * arc in the finished tree: the two words and their tags, direction and distance, the word's case marker, what else
 * the candidate governs, verbs and punctuation in between, and the parser's own margin for the arc it made. The
 * parser's head is one of the candidates, so the model also learns when to keep it.
 *
 * Moving a word to an ancestor or a sibling of its head never makes it its own ancestor, but several moves in one
 * sentence could; moves are applied best first, and one that would close a cycle or cross another arc (the parser
 * and its training trees are projective) is skipped. Labels are not revised: a moved word keeps its relation.
 *
 * Training reads trees of the training sentences from parsers that did not see them (jackknifed, see
 * `trainReviser` and train-cli `--reviser`), so that the errors it learns to mend are those of unseen text.
 *
 * Weights file (models/parser-revise.bin): 'HREV' | u32 version | u32 metaBytes | meta JSON (padded to 4) | int16
 * weights (2^bits, one scale).
 */

import { readFileSync } from 'node:fs';
import { hashString } from '../perceptron.js';
import { modelHeader } from './model-file.js';

export const REVISER_FILE = 'parser-revise.bin';
const MAGIC = 'HREV';
const VERSION = 1;

export interface ReviserMeta {
  version: 'revise-1';
  /** log2 of the number of weight buckets. */
  bits: number;
  /** Float weight = stored int16 × scale. */
  scale: number;
  /** How many ancestors of the parser's head are candidates (beyond the head itself). */
  maxAncestors: number;
  /** Median arc margin of the first-stage parser on the training trees; margins are bucketed relative to it. */
  medianMargin: number;
  epochs: number;
  /**
   * At run time, a word whose arc margin is at least gate × medianMargin keeps the parser's head without being
   * scored: the reviser reconsiders only the arcs the parser was less sure of than usual. (Training reads every
   * word.) Absent: every word is reconsidered.
   */
  gate?: number;
  /** Free-form training information (corpora, dev-set scores). */
  [key: string]: unknown;
}

/** One sentence with a first-stage tree: heads 1-based (0 = root), relations, and the parser's margin per word. */
export interface RevisionInput {
  words: readonly string[];
  upos: readonly string[];
  xpos: readonly string[];
  head: readonly number[];
  deprel: readonly string[];
  margin: ArrayLike<number>;
}

const NO_WORD = hashString('<none>');
const NO_CASE = hashString('<nocase>');

function distBucket(d: number): number {
  return d <= 1 ? d : d <= 2 ? 2 : d <= 3 ? 3 : d <= 5 ? 4 : d <= 8 ? 5 : d <= 14 ? 6 : 7;
}

function marginBucket(ratio: number): number {
  return ratio < 0.05 ? 0 : ratio < 0.15 ? 1 : ratio < 0.3 ? 2 : ratio < 0.6 ? 3 : ratio < 1 ? 4 : 5;
}

/** Whether the arc d → head[d - 1] crosses no other arc of the tree (the root sits at position 0). */
export function arcIsProjective(head: ArrayLike<number>, d: number): boolean {
  const h = head[d - 1];
  const lo = Math.min(d, h);
  const hi = Math.max(d, h);
  for (let k = 1; k <= head.length; k++) {
    const hk = head[k - 1];
    const a = Math.min(k, hk);
    const b = Math.max(k, hk);
    if ((a < lo && lo < b && b < hi) || (lo < a && a < hi && hi < b)) return false;
  }
  return true;
}

/** Whether giving word d the head h keeps the tree acyclic (h is not d and not below d). */
function acyclic(head: ArrayLike<number>, d: number, h: number): boolean {
  for (let x = h, steps = 0; x !== 0; x = head[x - 1]) {
    if (x === d || ++steps > head.length) return false;
  }
  return true;
}

/** The hashed attributes of one sentence and its first-stage tree; arrays 1-based, index 0 the root. */
class TreeContext {
  n = 0;
  w: number[] = [];
  x: number[] = [];
  u: number[] = [];
  punct: boolean[] = [];
  verb: boolean[] = [];
  rel: number[] = [];
  relName: string[] = [];
  /** Whether the word is a bare noun-phrase adverbial ("this week", "two days"): it takes no word moved to it. */
  adverbial: boolean[] = [];
  head: number[] = [];
  kids: number[][] = [];
  caseWord: number[] = [];
  hasCc: number[] = [];
  /** Per word: the sum (mod 2^32) of its dependents' relation hashes, and how many are nsubj and obj. */
  kidRelSum: number[] = [];
  nsubjKids: number[] = [];
  objKids: number[] = [];
  marginB: number[] = [];
  verbsBefore: number[] = [];
  punctBefore: number[] = [];

  constructor(input: RevisionInput, medianMargin: number) {
    const n = input.words.length;
    this.n = n;
    this.w.push(hashString('<root>'));
    this.x.push(hashString('<ROOT>'));
    this.u.push(hashString('<ROOT>'));
    this.punct.push(false);
    this.verb.push(false);
    this.rel.push(NO_WORD);
    this.relName.push('');
    this.adverbial.push(false);
    this.head.push(-1);
    for (let i = 0; i < n; i++) {
      this.w.push(hashString(input.words[i].toLowerCase()));
      this.x.push(hashString(input.xpos[i] ?? '_'));
      this.u.push(hashString(input.upos[i] ?? '_'));
      this.punct.push(input.upos[i] === 'PUNCT');
      this.verb.push(input.upos[i] === 'VERB' || input.upos[i] === 'AUX');
      const base = input.deprel[i].split(':')[0];
      this.relName.push(base);
      this.adverbial.push(BARE_ADVERBIAL.test(input.deprel[i]));
      this.rel.push(hashString(base));
      this.head.push(input.head[i]);
    }
    for (let i = 0; i <= n; i++) this.kids.push([]);
    for (let i = 1; i <= n; i++) this.kids[this.head[i]].push(i);
    for (let i = 0; i <= n; i++) {
      this.caseWord.push(NO_CASE);
      this.hasCc.push(0);
      let sum = 0;
      let nsubj = 0;
      let obj = 0;
      for (const k of this.kids[i]) {
        const r = this.relName[k];
        if (i > 0 && (r === 'case' || r === 'mark') && k < i) this.caseWord[i] = this.w[k];
        if (i > 0 && r === 'cc') this.hasCc[i] = 1;
        sum = (sum + this.rel[k]) >>> 0;
        if (r === 'nsubj') nsubj++;
        else if (r === 'obj') obj++;
      }
      this.kidRelSum.push(sum);
      this.nsubjKids.push(nsubj);
      this.objKids.push(obj);
    }
    this.marginB.push(0);
    for (let i = 0; i < n; i++) this.marginB.push(marginBucket(medianMargin > 0 ? input.margin[i] / medianMargin : 1));
    this.verbsBefore.push(0);
    this.punctBefore.push(0);
    for (let i = 1; i <= n; i++) {
      this.verbsBefore.push(this.verbsBefore[i - 1] + (this.verb[i] ? 1 : 0));
      this.punctBefore.push(this.punctBefore[i - 1] + (this.punct[i] ? 1 : 0));
    }
  }
}

/**
 * The bucket of template t over up to five hashed values: one multiply per value, then a final avalanche (values
 * left at 0 still change the state, so a template's arity need not be stored).
 */
function fid(mask: number, t: number, a = 0, b = 0, x = 0, y = 0, z = 0): number {
  let h = Math.imul(t + 0x1234567, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b) + 0x68e31da4;
  h = Math.imul(h ^ b, 0xc2b2ae35) + 0x1b56c4e9;
  h = Math.imul(h ^ x, 0x27d4eb2f) + 0x165667b1;
  h = Math.imul(h ^ y, 0x9e3779b1) + 0x7f4a7c15;
  h = Math.imul(h ^ z, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 13)) & mask) >>> 0;
}

/** Relations of bare noun-phrase adverbials (UD English: obl:unmarked, formerly obl:tmod / obl:npmod). */
const BARE_ADVERBIAL = /^(obl|nmod):(unmarked|tmod|npmod)$/;

/** Candidate kinds: the parser's head, its head, a higher ancestor, a sibling. */
const KEEP = 0;
const GRANDPARENT = 1;
const ANCESTOR = 2;
const SIBLING = 3;

/** Candidate heads of word d as [head, kind] pairs, the parser's head first. */
function candidates(c: TreeContext, d: number, maxAncestors: number): Array<[number, number]> {
  const out: Array<[number, number]> = [[c.head[d], KEEP]];
  let a = c.head[d];
  for (let k = 0; a !== 0 && k < maxAncestors; k++) {
    a = c.head[a];
    if (a !== 0 && !opensBetween(c, d, a)) out.push([a, k === 0 ? GRANDPARENT : ANCESTOR]);
  }
  for (const s of c.kids[c.head[d]]) if (s !== d && !c.punct[s] && !c.adverbial[s] && !opensBetween(c, d, s)) out.push([s, SIBLING]);
  return out;
}

/**
 * Whether candidate head h has a case marker or subordinator between d and itself: d would then stand outside the
 * phrase or clause that marker opens ("for talks on limiting …" does not make "talks" a dependent of "limiting").
 */
function opensBetween(c: TreeContext, d: number, h: number): boolean {
  if (h < d) return false;
  for (const k of c.kids[h]) if (k > d && k < h && (c.relName[k] === 'case' || c.relName[k] === 'mark')) return true;
  return false;
}

/** Writes the feature buckets of the arc d → h (candidate kind `kind`) into out; returns their number. */
function features(c: TreeContext, d: number, h: number, kind: number, mask: number, out: Uint32Array): number {
  const dir = h > d ? 1 : 0;
  const dist = distBucket(Math.abs(h - d));
  const lo = Math.min(d, h);
  const hi = Math.max(d, h);
  const vb = Math.min(2, c.verbsBefore[hi - 1] - c.verbsBefore[lo]);
  const pb = Math.min(2, c.punctBefore[hi - 1] - c.punctBefore[lo]);
  const keep = kind === KEEP ? 1 : 0;
  const hh = h === 0 ? 0 : c.head[h];
  const hhx = h === 0 ? NO_WORD : c.x[hh];
  const dl = c.rel[d];
  const hl = c.rel[h];
  // What else h governs: its dependents' summaries with d's own part taken out when d is one of them.
  const own = c.head[d] === h;
  const kidSet = own ? (c.kidRelSum[h] - dl) >>> 0 : c.kidRelSum[h];
  const subj = c.nsubjKids[h] - (own && c.relName[d] === 'nsubj' ? 1 : 0) > 0 ? 1 : 0;
  const obj = c.objKids[h] - (own && c.relName[d] === 'obj' ? 1 : 0) > 0 ? 1 : 0;
  const dx = c.x[d];
  const hx = c.x[h];
  const dw = c.w[d];
  const hw = c.w[h];
  const du = c.u[d];
  const hu = c.u[h];
  const cw = c.caseWord[d];
  const mb = c.marginB[d];
  let k = 0;
  out[k++] = fid(mask, 1, kind);
  out[k++] = fid(mask, 2, kind, dx, hx);
  out[k++] = fid(mask, 3, dx, hx, dir, dist);
  out[k++] = fid(mask, 4, dw, hx, dir);
  out[k++] = fid(mask, 5, dx, hw, dir);
  out[k++] = fid(mask, 6, dw, hw);
  out[k++] = fid(mask, 7, du, hu, dir);
  out[k++] = fid(mask, 8, cw, hw);
  out[k++] = fid(mask, 9, cw, hx, dx);
  out[k++] = fid(mask, 10, cw, hu, dw);
  out[k++] = fid(mask, 11, dl, hx, dx, keep);
  out[k++] = fid(mask, 12, hhx, hx, dx);
  out[k++] = fid(mask, 13, vb * 3 + pb, du, hu);
  out[k++] = fid(mask, 14, kidSet, dl, keep);
  out[k++] = fid(mask, 15, subj * 2 + obj, dl, du, hu, keep);
  out[k++] = fid(mask, 16, mb, keep);
  out[k++] = fid(mask, 17, mb * 2 + keep, dx, hx);
  out[k++] = fid(mask, 18, hh === 0 ? 1 : 0, dx, hx);
  out[k++] = fid(mask, 19, c.hasCc[d] * 2 + dir, dx, hx);
  out[k++] = fid(mask, 20, dl, kind);
  out[k++] = fid(mask, 21, hl, dx, dl);
  out[k++] = fid(mask, 22, dx, hx, d > 1 ? c.x[d - 1] : 0, d < c.n ? c.x[d + 1] : 0);
  out[k++] = fid(mask, 23, dx, hx, h > 1 ? c.x[h - 1] : 0, h < c.n ? c.x[h + 1] : 0);
  out[k++] = fid(mask, 24, dl, hl, kind);
  out[k++] = fid(mask, 25, cw, dl, kind);
  out[k++] = fid(mask, 26, vb * 3 + pb, kind, dx);
  out[k++] = fid(mask, 27, dist * 2 + dir, kind);
  return k;
}

const MAX_FEATURES = 32;

export class Reviser {
  readonly meta: ReviserMeta;
  private readonly weights: Int16Array;
  private readonly mask: number;
  private readonly fb = new Uint32Array(MAX_FEATURES);

  constructor(weights: Int16Array, meta: ReviserMeta) {
    if (weights.length !== 1 << meta.bits) throw new Error(`reviser: ${weights.length} weights for ${meta.bits} bits`);
    this.weights = weights;
    this.meta = meta;
    this.mask = (1 << meta.bits) - 1;
  }

  static load(path: string): Reviser {
    return Reviser.fromBytes(readFileSync(path));
  }

  static fromBytes(bytes: Uint8Array): Reviser {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a Herodotus reviser model (bad magic)');
    if (buf.readUInt32LE(4) !== VERSION) throw new Error(`unsupported reviser format version ${buf.readUInt32LE(4)}`);
    const metaLen = buf.readUInt32LE(8);
    const meta = JSON.parse(buf.toString('utf8', 12, 12 + metaLen)) as ReviserMeta;
    const off = 12 + metaLen;
    const aligned = new Uint8Array(buf.byteLength - off);
    aligned.set(buf.subarray(off));
    return new Reviser(new Int16Array(aligned.buffer, 0, 1 << meta.bits), meta);
  }

  /** Quantises float weights to int16 with one scale. */
  static fromFloat(weights: Float32Array, meta: Omit<ReviserMeta, 'scale'>): Reviser {
    let max = 0;
    for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(weights.length);
    for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] / scale);
    return new Reviser(q, { ...meta, scale } as ReviserMeta);
  }

  toBytes(): Buffer {
    return Buffer.concat([modelHeader(MAGIC, VERSION, this.meta), Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength)]);
  }

  private score(c: TreeContext, d: number, h: number, kind: number): number {
    const k = features(c, d, h, kind, this.mask, this.fb);
    let s = 0;
    for (let i = 0; i < k; i++) s += this.weights[this.fb[i]];
    return s;
  }

  /**
   * Revises `head` (1-based, 0 = root; changed in place) and returns how many words got a new head. The input's
   * own `head` field is the first-stage tree the features read; `head` may be the same array.
   */
  revise(input: RevisionInput, head: number[]): number {
    const c = new TreeContext(input, this.meta.medianMargin);
    const moves: Array<[number, number, number]> = [];
    const gate = (this.meta.gate ?? Infinity) * this.meta.medianMargin;
    for (let d = 1; d <= c.n; d++) {
      if (c.punct[d] || input.margin[d - 1] >= gate) continue;
      const cands = candidates(c, d, this.meta.maxAncestors);
      if (cands.length < 2) continue;
      const keep = this.score(c, d, cands[0][0], KEEP);
      let best = 0;
      let bestScore = keep;
      for (let k = 1; k < cands.length; k++) {
        const s = this.score(c, d, cands[k][0], cands[k][1]);
        if (s > bestScore) {
          bestScore = s;
          best = k;
        }
      }
      if (best !== 0) moves.push([bestScore - keep, d, cands[best][0]]);
    }
    moves.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    let moved = 0;
    for (const [, d, h] of moves) {
      if (!acyclic(head, d, h)) continue;
      const old = head[d - 1];
      head[d - 1] = h;
      if (arcIsProjective(head, d)) moved++;
      else head[d - 1] = old;
    }
    return moved;
  }
}

/** A training sentence: its first-stage tree (from a parser that did not see it) and its gold heads. */
export interface RevisionExample extends RevisionInput {
  gold: readonly number[];
}

export interface ReviserTrainConfig {
  bits: number;
  epochs: number;
  maxAncestors: number;
  seed: number;
  /** Recorded as ReviserMeta.gate (run time only); Infinity reconsiders every word. */
  gate: number;
}

export const DEFAULT_REVISER_CONFIG: ReviserTrainConfig = { bits: 20, epochs: 8, maxAncestors: 4, seed: 7, gate: 1 };

/**
 * Averaged ranking perceptron: for each non-punctuation word whose gold head is among its candidates, the
 * candidate scored highest is compared with the gold one and, if they differ, the weights move towards the gold
 * arc's features and away from the chosen one's.
 */
export function trainReviser(examples: readonly RevisionExample[], config: ReviserTrainConfig, log: (m: string) => void): Reviser {
  const margins: number[] = [];
  for (const e of examples) for (let i = 0; i < e.margin.length; i++) if (e.margin[i] > 0) margins.push(e.margin[i]);
  margins.sort((a, b) => a - b);
  const medianMargin = margins.length > 0 ? margins[margins.length >> 1] : 1;
  const size = 1 << config.bits;
  const mask = size - 1;
  const w = new Float32Array(size);
  const total = new Float64Array(size);
  const stamp = new Int32Array(size);
  let step = 1;
  const contexts = examples.map((e) => new TreeContext(e, medianMargin));
  const fa = new Uint32Array(MAX_FEATURES);
  const fb = new Uint32Array(MAX_FEATURES);
  const update = (ids: Uint32Array, k: number, v: number): void => {
    for (let i = 0; i < k; i++) {
      const j = ids[i];
      total[j] += (step - stamp[j]) * w[j];
      stamp[j] = step;
      w[j] += v;
    }
  };
  const order = examples.map((_, i) => i);
  let rng = config.seed >>> 0;
  const random = (): number => {
    rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
    return rng / 4294967296;
  };
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let decisions = 0;
    for (const ix of order) {
      const c = contexts[ix];
      const gold = examples[ix].gold;
      for (let d = 1; d <= c.n; d++) {
        if (c.punct[d]) continue;
        const cands = candidates(c, d, config.maxAncestors);
        if (cands.length < 2) continue;
        const gi = cands.findIndex(([h]) => h === gold[d - 1]);
        if (gi < 0) continue;
        let best = -1;
        let bestScore = -Infinity;
        for (let k = 0; k < cands.length; k++) {
          const n = features(c, d, cands[k][0], cands[k][1], mask, fa);
          let s = 0;
          for (let i = 0; i < n; i++) s += w[fa[i]];
          if (s > bestScore) {
            bestScore = s;
            best = k;
          }
        }
        decisions++;
        if (best !== gi) {
          errors++;
          const na = features(c, d, cands[gi][0], cands[gi][1], mask, fa);
          const nb = features(c, d, cands[best][0], cands[best][1], mask, fb);
          update(fa, na, 1);
          update(fb, nb, -1);
        }
        step++;
      }
    }
    log(`reviser: epoch ${epoch + 1}/${config.epochs}, ${decisions} decisions, errors ${((100 * errors) / Math.max(1, decisions)).toFixed(2)}%`);
  }
  const avg = new Float32Array(size);
  for (let i = 0; i < size; i++) avg[i] = (total[i] + (step - stamp[i]) * w[i]) / step;
  return Reviser.fromFloat(avg, { version: 'revise-1', bits: config.bits, maxAncestors: config.maxAncestors, medianMargin, epochs: config.epochs, ...(Number.isFinite(config.gate) ? { gate: config.gate } : {}) });
}
