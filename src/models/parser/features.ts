/**
 * Feature extraction for the arc-hybrid parser: Zhang & Nivre (2011)-style templates over the stack
 * (s0, s1, s2), the buffer (b0, b1, b2), the left/right-most dependents of s0, s1 and b0 with their
 * labels, distances, valencies and label sets. Features are combined as integers (no strings are built
 * at parse time): every token's form, XPOS and UPOS is hashed once per sentence, and a feature id is a
 * mix of a template number with up to four such values.
 */

import { hashString, type FeatureBuffer } from '../perceptron.js';
import type { ArcHybridState } from './state.js';

/** Lower-cases and maps every digit to 0, so numbers share statistics. */
export function normForm(form: string): string {
  const lower = form.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 48 && c <= 57) return lower.replace(/[0-9]/g, '0');
  }
  return lower;
}

/** 0 lower-case, 1 Capitalised, 2 ALL CAPS, 3 starts with a digit, 4 anything else. */
export function wordShape(form: string): number {
  const c = form.charCodeAt(0);
  if (c >= 97 && c <= 122) return 0;
  if (c >= 48 && c <= 57) return 3;
  if (form.length > 1 && form === form.toUpperCase() && form !== form.toLowerCase()) return 2;
  if (form !== form.toLowerCase() && form[0] !== form[0].toLowerCase()) return 1;
  return c > 127 && form[0] !== form[0].toUpperCase() ? 0 : 4;
}

const NONE = 0x2f0c3a51;
/** Upper bound on the features of one decision (the buffers are sized for it). */
const MAX_FEATURES = 192;
const ROOT_W = hashString('<ROOT>');
const ROOT_P = hashString('<ROOT-P>');
const ROOT_U = hashString('<ROOT-U>');
/** Lexical class of the root, and of an empty stack or buffer position. */
const ROOT_CLASS = 5000;
const NO_CLASS = 6000;

/** Per-sentence hashed token attributes; index n is the root. */
export class SentenceTable {
  n = 0;
  w: Int32Array = new Int32Array(0);
  p: Int32Array = new Int32Array(0);
  u: Int32Array = new Int32Array(0);
  /** Suffix of the word form (3 chars), for rare words. */
  sfx: Int32Array = new Int32Array(0);
  /** Word shape (see wordShape), which survives a tagger's NN/NNP confusions. */
  shape: Int32Array = new Int32Array(0);
  /**
   * Lexical class of each word: a hash of the Penn tags an outside dictionary gives its form (the tagger's external
   * lexicon: brill plus data/pos/lexicon-extra.tsv), 0 for a form the dictionary lacks; filled by fillClasses and read
   * only when `hasClasses` (a parser trained with ParserMeta.lexicalClasses).
   */
  cls: Int32Array = new Int32Array(0);
  hasClasses = false;
  /**
   * Stacking (Nivre & McDonald 2008): each word's head in a guide parser's tree (parser indexing: 0-based,
   * root = n), read by the transition features; null when the model has no guide.
   */
  guide: Int32Array | null = null;

  fill(words: readonly string[], upos: readonly string[], xpos: readonly string[]): void {
    const n = words.length;
    this.n = n;
    if (this.w.length < n + 1) {
      const cap = Math.max(n + 1, this.w.length * 2, 64);
      this.w = new Int32Array(cap);
      this.p = new Int32Array(cap);
      this.u = new Int32Array(cap);
      this.sfx = new Int32Array(cap);
      this.shape = new Int32Array(cap);
      this.cls = new Int32Array(cap);
    }
    for (let i = 0; i < n; i++) {
      const norm = normForm(words[i]);
      this.w[i] = hashString(norm) | 0;
      this.sfx[i] = hashString(norm.length > 3 ? norm.slice(-3) : norm, 0x1234567) | 0;
      this.p[i] = hashString(xpos[i] ?? '_', 0x2545f491) | 0;
      this.u[i] = hashString(upos[i] ?? '_', 0x3c6ef372) | 0;
      this.shape[i] = wordShape(words[i]) + (i === 0 ? 8 : 0);
    }
    this.shape[n] = 16;
    this.cls[n] = ROOT_CLASS;
    this.w[n] = ROOT_W;
    this.p[n] = ROOT_P;
    this.u[n] = ROOT_U;
    this.sfx[n] = ROOT_W;
  }

  /** Fills `cls` for the sentence last given to fill: `classOf(form)` is a form's class hash, or 0. */
  fillClasses(words: readonly string[], classOf: (form: string) => number): void {
    for (let i = 0; i < this.n; i++) this.cls[i] = classOf(words[i]);
  }
}

// Feature ids are built by chaining multiply–xorshift steps over a template number and up to four hashed values;
// the finaliser folds high bits into the low bits that pick the bucket. Each of f1…f4 spells its steps out: the
// parser calls them ~230 times per word and the optimising compiler does not inline them into the long feature
// functions, so helper calls for each step would be calls too (parsing was 4-5 % slower with them).
// The id is returned as a signed 32-bit integer, which V8 keeps unboxed (an unsigned one above 2^31 would be a
// heap number allocated per feature); the Uint32Array it is stored in holds the same 32 bits either way.
function f1(t: number, a: number): number {
  let h = Math.imul(Math.imul(t, 0x9e3779b1) ^ a, 0x5bd1e995);
  h ^= h >>> 15;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) | 0;
}
function f2(t: number, a: number, b: number): number {
  let h = Math.imul(Math.imul(t, 0x9e3779b1) ^ a, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x5bd1e995);
  h ^= h >>> 15;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) | 0;
}
function f3(t: number, a: number, b: number, c: number): number {
  let h = Math.imul(Math.imul(t, 0x9e3779b1) ^ a, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ c, 0x5bd1e995);
  h ^= h >>> 15;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) | 0;
}
function f4(t: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(Math.imul(t, 0x9e3779b1) ^ a, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ c, 0x5bd1e995);
  h ^= h >>> 15;
  h = Math.imul(h ^ d, 0x5bd1e995);
  h ^= h >>> 15;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) | 0;
}

function distBucket(d: number): number {
  return d <= 4 ? d : d <= 7 ? 5 : d <= 10 ? 6 : d <= 15 ? 7 : 8;
}

/**
 * Transition-classifier features of the current configuration. `lite` keeps 69 of the 143 templates (the
 * cheaper model of the right-to-left parser, parser-r2l.bin; same template numbers), and 63 of them when
 * `unlabelled` (no template reads a dependency label, so such a parser need not label its arcs). With `buffer`
 * false the templates of bufferFeatures are left out (the caller has their weights summed already).
 */
export function transitionFeatures(s: ArcHybridState, tab: SentenceTable, fb: FeatureBuffer, lite = false, unlabelled = false, buffer = true): void {
  if (fb.ids.length < MAX_FEATURES) fb.ids = new Uint32Array(MAX_FEATURES);
  const ids = fb.ids;
  let k = buffer ? bufferTemplates(ids, tab, s.b, lite) : 0;
  const W = tab.w;
  const P = tab.p;
  const U = tab.u;
  const n = s.n;
  const sp = s.sp;
  const s0 = sp > 0 ? s.stack[sp - 1] : -1;
  const s1 = sp > 1 ? s.stack[sp - 2] : -1;
  const s2 = sp > 2 ? s.stack[sp - 3] : -1;
  const b0 = s.b;
  const b1 = b0 + 1 <= n ? b0 + 1 : -1;

  const s0w = s0 >= 0 ? W[s0] : NONE;
  const s0p = s0 >= 0 ? P[s0] : NONE;
  const s0u = s0 >= 0 ? U[s0] : NONE;
  const s1w = s1 >= 0 ? W[s1] : NONE;
  const s1p = s1 >= 0 ? P[s1] : NONE;
  const s1u = s1 >= 0 ? U[s1] : NONE;
  const s2w = s2 >= 0 ? W[s2] : NONE;
  const s2p = s2 >= 0 ? P[s2] : NONE;
  const b0w = W[b0];
  const b0p = P[b0];
  const b0u = U[b0];
  const b1w = b1 >= 0 ? W[b1] : NONE;
  const b1p = b1 >= 0 ? P[b1] : NONE;
  const b1u = b1 >= 0 ? U[b1] : NONE;

  const L = s.labels;
  // Children of s0, s1 and b0.
  const s0l1 = s0 >= 0 ? s.lc1[s0] : -1;
  const s0l2 = s0 >= 0 ? s.lc2[s0] : -1;
  const s0r1 = s0 >= 0 ? s.rc1[s0] : -1;
  const s0r2 = s0 >= 0 ? s.rc2[s0] : -1;
  const s1l1 = s1 >= 0 ? s.lc1[s1] : -1;
  const s1r1 = s1 >= 0 ? s.rc1[s1] : -1;
  const s1r2 = s1 >= 0 ? s.rc2[s1] : -1;
  const b0l1 = s.lc1[b0];
  const b0l2 = s.lc2[b0];

  const s0l1p = s0l1 >= 0 ? P[s0l1] : NONE;
  const s0l2p = s0l2 >= 0 ? P[s0l2] : NONE;
  const s0r1p = s0r1 >= 0 ? P[s0r1] : NONE;
  const s0r2p = s0r2 >= 0 ? P[s0r2] : NONE;
  const s1l1p = s1l1 >= 0 ? P[s1l1] : NONE;
  const s1r1p = s1r1 >= 0 ? P[s1r1] : NONE;
  const b0l1p = b0l1 >= 0 ? P[b0l1] : NONE;
  const b0l2p = b0l2 >= 0 ? P[b0l2] : NONE;
  const s0l1l = s0l1 >= 0 ? L[s0l1] + 1 : 0;
  const s0l2l = s0l2 >= 0 ? L[s0l2] + 1 : 0;
  const s0r1l = s0r1 >= 0 ? L[s0r1] + 1 : 0;
  const s0r2l = s0r2 >= 0 ? L[s0r2] + 1 : 0;
  const s1l1l = s1l1 >= 0 ? L[s1l1] + 1 : 0;
  const s1r1l = s1r1 >= 0 ? L[s1r1] + 1 : 0;
  const s1r2l = s1r2 >= 0 ? L[s1r2] + 1 : 0;
  const b0l1l = b0l1 >= 0 ? L[b0l1] + 1 : 0;
  const b0l2l = b0l2 >= 0 ? L[b0l2] + 1 : 0;

  // Distances and valencies.
  const d1 = s0 >= 0 ? (b0 === n ? 15 : distBucket(b0 - s0)) : 0;
  const d2 = s1 >= 0 ? distBucket(s0 - s1) : 0;
  const s0vl = s0 >= 0 ? Math.min(s.nl[s0], 6) : 7;
  const s0vr = s0 >= 0 ? Math.min(s.nr[s0], 6) : 7;
  const s1vl = s1 >= 0 ? Math.min(s.nl[s1], 6) : 7;
  const s1vr = s1 >= 0 ? Math.min(s.nr[s1], 6) : 7;
  const b0vl = Math.min(s.nl[b0], 6);
  const s0ls = s0 >= 0 ? s.lset[s0] : -1;
  const s0rs = s0 >= 0 ? s.rset[s0] : -1;
  const s1rs = s1 >= 0 ? s.rset[s1] : -1;
  const b0ls = s.lset[b0];

  const SH = tab.shape;
  const s0sh = s0 >= 0 ? SH[s0] : 32;
  const b0sh = SH[b0];
  const s0l1u = s0l1 >= 0 ? U[s0l1] : NONE;
  const s0r1u = s0r1 >= 0 ? U[s0r1] : NONE;
  const b0l1u = b0l1 >= 0 ? U[b0l1] : NONE;
  // The 69 templates of the lite set come first (18 of them in bufferTemplates), the 63 that read no dependency label
  // before the 6 that do, so that a lite or unlabelled model stops early; the full set goes on with the other 74
  // (2 of them in bufferTemplates). Template numbers, not positions, make the ids, so the order does not change a
  // model.
  ids[k++] = f1(2, s0w);
  ids[k++] = f1(3, s0p);
  ids[k++] = f2(4, s0w, s0p);
  ids[k++] = f1(14, s1w);
  ids[k++] = f1(15, s1p);
  ids[k++] = f2(16, s1w, s1p);
  ids[k++] = f1(19, s0u);
  ids[k++] = f1(21, s1u);
  ids[k++] = f2(23, s0u, b0u);
  ids[k++] = f3(24, s1u, s0u, b0u);
  ids[k++] = f2(25, s1u, s0u);
  ids[k++] = f2(26, s0 >= 0 ? tab.sfx[s0] : NONE, s0p);
  ids[k++] = f4(30, s0w, s0p, b0w, b0p);
  ids[k++] = f3(31, s0w, s0p, b0w);
  ids[k++] = f3(32, s0w, b0w, b0p);
  ids[k++] = f3(33, s0w, s0p, b0p);
  ids[k++] = f3(34, s0p, b0w, b0p);
  ids[k++] = f2(35, s0w, b0w);
  ids[k++] = f2(36, s0p, b0p);
  ids[k++] = f2(38, s1p, s0p);
  ids[k++] = f2(43, s1p, b0p);
  ids[k++] = f3(51, s0p, b0p, b1p);
  ids[k++] = f3(52, s1p, s0p, b0p);
  ids[k++] = f3(53, s0p, s0l1p, b0p);
  ids[k++] = f3(54, s0p, s0r1p, b0p);
  ids[k++] = f3(55, s0p, b0p, b0l1p);
  ids[k++] = f2(70, s0w, d1);
  ids[k++] = f2(71, s0p, d1);
  ids[k++] = f2(72, b0w, d1);
  ids[k++] = f2(73, b0p, d1);
  ids[k++] = f3(75, s0p, b0p, d1);
  ids[k++] = f3(76, s1p, s0p, d2);
  ids[k++] = f2(85, s0w, s0vl);
  ids[k++] = f2(86, s0p, s0vl);
  ids[k++] = f2(87, s0w, s0vr);
  ids[k++] = f2(88, s0p, s0vr);
  ids[k++] = f2(89, b0w, b0vl);
  ids[k++] = f2(90, b0p, b0vl);
  ids[k++] = f1(101, s0l1p);
  ids[k++] = f1(107, s0r1p);
  ids[k++] = f1(120, b0l1p);
  ids[k++] = f2(150, s0sh, s0p);
  ids[k++] = f3(160, s0u, b0u, b1u);
  ids[k++] = f3(164, s0u, b0u, d1);
  ids[k++] = f2(168, s0w, s0u);
  if (lite && unlabelled) {
    fb.length = k;
    return;
  }
  ids[k++] = f1(102, s0l1l);
  ids[k++] = f1(108, s0r1l);
  ids[k++] = f1(121, b0l1l);
  ids[k++] = f2(130, s0p, s0l1l);
  ids[k++] = f2(131, s0p, s0r1l);
  ids[k++] = f2(134, b0p, b0l1l);
  if (lite) {
    fb.length = k;
    return;
  }
  // Unigrams.
  ids[k++] = f1(17, s2p);
  ids[k++] = f2(18, s2w, s2p);
  // Pairs.
  ids[k++] = f2(39, s1w, s0w);
  ids[k++] = f3(40, s1w, s1p, s0p);
  ids[k++] = f3(41, s1p, s0w, s0p);
  ids[k++] = f4(42, s1w, s1p, s0w, s0p);
  ids[k++] = f2(44, s1w, b0w);
  ids[k++] = f2(45, s0w, b1w);
  // Triples of tags.
  ids[k++] = f3(56, s1p, s1r1p, s0p);
  ids[k++] = f3(57, s1p, s0p, s0r1p);
  ids[k++] = f3(58, s1p, s1l1p, s0p);
  ids[k++] = f3(59, s1p, s0p, s0l1p);
  ids[k++] = f3(60, s0p, s0l1p, s0l2p);
  ids[k++] = f3(61, s0p, s0r1p, s0r2p);
  ids[k++] = f3(62, b0p, b0l1p, b0l2p);
  ids[k++] = f3(63, s2p, s1p, s0p);
  ids[k++] = f3(64, s0w, b0p, b1p);
  ids[k++] = f3(65, s0p, b0w, b1p);
  ids[k++] = f3(66, s1p, s0p, b1p);
  ids[k++] = f4(67, s1p, s0p, b0p, b1p);
  // Distance.
  ids[k++] = f3(74, s0w, b0w, d1);
  ids[k++] = f3(77, s1w, s0w, d2);
  ids[k++] = f2(78, s1w, d2);
  ids[k++] = f2(79, s0w, d2);
  ids[k++] = f3(80, s1p, s0w, d2);
  ids[k++] = f3(81, s1w, s0p, d2);
  // Valency.
  ids[k++] = f2(91, s1w, s1vr);
  ids[k++] = f2(92, s1p, s1vr);
  ids[k++] = f2(93, s1p, s1vl);
  // Children: word, tag, label.
  ids[k++] = f1(100, s0l1 >= 0 ? W[s0l1] : NONE);
  ids[k++] = f1(103, s0l2 >= 0 ? W[s0l2] : NONE);
  ids[k++] = f1(104, s0l2p);
  ids[k++] = f1(105, s0l2l);
  ids[k++] = f1(106, s0r1 >= 0 ? W[s0r1] : NONE);
  ids[k++] = f1(109, s0r2 >= 0 ? W[s0r2] : NONE);
  ids[k++] = f1(110, s0r2p);
  ids[k++] = f1(111, s0r2l);
  ids[k++] = f1(112, s1l1 >= 0 ? W[s1l1] : NONE);
  ids[k++] = f1(113, s1l1p);
  ids[k++] = f1(114, s1l1l);
  ids[k++] = f1(115, s1r1 >= 0 ? W[s1r1] : NONE);
  ids[k++] = f1(116, s1r1p);
  ids[k++] = f1(117, s1r1l);
  ids[k++] = f1(118, s1r2l);
  ids[k++] = f1(119, b0l1 >= 0 ? W[b0l1] : NONE);
  ids[k++] = f1(122, b0l2 >= 0 ? W[b0l2] : NONE);
  ids[k++] = f1(123, b0l2p);
  ids[k++] = f1(124, b0l2l);
  // Children labels in context.
  ids[k++] = f3(132, s0p, s0r1l, s0r2l);
  ids[k++] = f3(133, s0p, s0l1l, s0l2l);
  ids[k++] = f3(135, b0p, b0l1l, b0l2l);
  ids[k++] = f2(136, s1p, s1r1l);
  ids[k++] = f3(137, s1p, s0p, s0l1l);
  ids[k++] = f3(138, s0p, b0p, b0l1l);
  // Label sets.
  ids[k++] = f2(140, s0w, s0ls);
  ids[k++] = f2(141, s0p, s0ls);
  ids[k++] = f2(142, s0w, s0rs);
  ids[k++] = f2(143, s0p, s0rs);
  ids[k++] = f2(144, b0w, b0ls);
  ids[k++] = f2(145, b0p, b0ls);
  ids[k++] = f2(146, s1p, s1rs);
  ids[k++] = f3(147, s1p, s1rs, s0p);
  // Shapes.
  ids[k++] = f2(152, s0sh, b0sh);
  // UPOS-only and word×UPOS templates: coarser than XPOS, so they survive the tagger's XPOS errors.
  ids[k++] = f2(162, s0w, b0u);
  ids[k++] = f2(163, s0u, b0w);
  ids[k++] = f3(165, s0u, s0l1u, b0u);
  ids[k++] = f3(166, s0u, s0r1u, b0u);
  ids[k++] = f3(167, s0u, b0u, b0l1u);
  ids[k++] = f3(170, s1u, s0u, d2);
  ids[k++] = f3(171, s1w, s0u, b0u);
  ids[k++] = f3(172, s0w, b0w, b0u);
  ids[k++] = f3(173, s0w, s0u, b0w);
  if (tab.hasClasses) {
    // Lexical classes: which tags the dictionary allows the words, whatever tag the tagger chose.
    const C = tab.cls;
    const s0a = s0 >= 0 ? C[s0] : NO_CLASS;
    const s1a = s1 >= 0 ? C[s1] : NO_CLASS;
    const b0a = C[b0];
    const b1a = b1 >= 0 ? C[b1] : NO_CLASS;
    ids[k++] = f1(210, s0a);
    ids[k++] = f1(211, s1a);
    ids[k++] = f2(212, s0a, b0a);
    ids[k++] = f2(213, s0a, b0p);
    ids[k++] = f2(214, s0p, b0a);
    ids[k++] = f2(215, s0a, s0p);
    ids[k++] = f3(216, s1a, s0a, b0a);
    ids[k++] = f3(217, s0a, b0a, b1a);
  }
  const G = tab.guide;
  if (G !== null) {
    // Where the guide parser attaches s0, b0 and s1, relative to the configuration.
    let cs0 = 7;
    if (s0 >= 0) {
      const g = G[s0];
      cs0 = g === b0 ? 1 : g === s1 ? 2 : g > b0 ? 3 : g < s0 ? (g === s2 ? 6 : 4) : 5;
    }
    let cb0 = 7;
    if (b0 < n) {
      const g = G[b0];
      cb0 = g === s0 ? 1 : g === n ? 3 : g < b0 ? (g === s1 ? 5 : 2) : g === b1 ? 6 : 4;
    }
    let cs1 = 7;
    if (s1 >= 0) {
      const g = G[s1];
      cs1 = g === s0 ? 1 : g === b0 ? 2 : g > b0 ? 3 : g < s1 ? 4 : 5;
    }
    ids[k++] = f1(180, cs0);
    ids[k++] = f1(181, cb0);
    ids[k++] = f3(182, cs0, cb0, cs1);
    ids[k++] = f3(183, cs0, s0p, b0p);
    ids[k++] = f3(184, cb0, s0p, b0p);
    ids[k++] = f3(185, cs1, s1p, s0p);
    ids[k++] = f3(186, cs0, s0u, b0u);
    ids[k++] = f3(187, cs0, cb0, s0w);
  }
  fb.length = k;
}

/**
 * The features of the templates that read only the buffer's first three words, and the bias: the same from one
 * decision to the next until a SHIFT moves b0, so the parser sums their weights once per b0 and leaves them out of
 * transitionFeatures (`buffer` false). Exactly the features transitionFeatures adds for them with `buffer` true.
 */
export function bufferFeatures(tab: SentenceTable, b0: number, fb: FeatureBuffer, lite = false): void {
  if (fb.ids.length < BUFFER_FEATURES) fb.ids = new Uint32Array(BUFFER_FEATURES);
  fb.length = bufferTemplates(fb.ids, tab, b0, lite);
}

/** Upper bound on bufferTemplates' features. */
const BUFFER_FEATURES = 24;

/** Writes the buffer-only templates' ids from ids[0]; returns how many (18 for the lite set, 20 for the full one, 24 with lexical classes). */
function bufferTemplates(ids: Uint32Array, tab: SentenceTable, b0: number, lite: boolean): number {
  const n = tab.n;
  const W = tab.w;
  const P = tab.p;
  const U = tab.u;
  const b1 = b0 + 1 <= n ? b0 + 1 : -1;
  const b2 = b0 + 2 <= n ? b0 + 2 : -1;
  const b0w = W[b0];
  const b0p = P[b0];
  const b0u = U[b0];
  const b1w = b1 >= 0 ? W[b1] : NONE;
  const b1p = b1 >= 0 ? P[b1] : NONE;
  const b1u = b1 >= 0 ? U[b1] : NONE;
  const b2w = b2 >= 0 ? W[b2] : NONE;
  const b2p = b2 >= 0 ? P[b2] : NONE;
  const b2u = b2 >= 0 ? U[b2] : NONE;
  const b0sh = tab.shape[b0];
  let k = 0;
  ids[k++] = f1(1, 0); // bias
  ids[k++] = f1(5, b0w);
  ids[k++] = f1(6, b0p);
  ids[k++] = f2(7, b0w, b0p);
  ids[k++] = f1(8, b1w);
  ids[k++] = f1(9, b1p);
  ids[k++] = f2(10, b1w, b1p);
  ids[k++] = f1(11, b2w);
  ids[k++] = f1(12, b2p);
  ids[k++] = f2(13, b2w, b2p);
  ids[k++] = f1(20, b0u);
  ids[k++] = f1(22, b1u);
  ids[k++] = f2(27, tab.sfx[b0], b0p);
  ids[k++] = f2(37, b0p, b1p);
  ids[k++] = f3(50, b0p, b1p, b2p);
  ids[k++] = f2(151, b0sh, b0p);
  ids[k++] = f3(161, b0u, b1u, b2u);
  ids[k++] = f2(169, b0w, b0u);
  if (lite) return k;
  ids[k++] = f2(46, b0w, b1w);
  ids[k++] = f3(153, b0sh, b1 >= 0 ? tab.shape[b1] : 32, b0p);
  if (tab.hasClasses) {
    const b0a = tab.cls[b0];
    const b1a = b1 >= 0 ? tab.cls[b1] : NO_CLASS;
    ids[k++] = f1(218, b0a);
    ids[k++] = f2(219, b0a, b0p);
    ids[k++] = f1(220, b1a);
    ids[k++] = f2(221, b0a, b1a);
  }
  return k;
}

export function labelFeatures(s: ArcHybridState, tab: SentenceTable, h: number, d: number, fb: FeatureBuffer): void {
  if (fb.ids.length < MAX_FEATURES) fb.ids = new Uint32Array(MAX_FEATURES);
  const ids = fb.ids;
  let k = 0;
  const W = tab.w;
  const P = tab.p;
  const U = tab.u;
  const L = s.labels;
  const n = s.n;
  const dir = d < h ? 0 : 1;
  // Template ids are 2t + dir: every label feature is conjoined with the attachment direction.
  const hw = W[h];
  const hp = P[h];
  const dw = W[d];
  const dp = P[d];
  const dist = h === n ? 15 : distBucket(Math.abs(h - d));
  const dm1p = d > 0 ? P[d - 1] : NONE;
  const dp1p = d + 1 <= n ? P[d + 1] : NONE;
  const hm1p = h > 0 ? P[h - 1] : NONE;
  const hp1p = h + 1 <= n ? P[h + 1] : NONE;
  const dl1 = s.lc1[d];
  const dr1 = s.rc1[d];
  const dl1w = dl1 >= 0 ? W[dl1] : NONE;
  const dl1p = dl1 >= 0 ? P[dl1] : NONE;
  const dl1l = dl1 >= 0 ? L[dl1] + 1 : 0;
  const dr1w = dr1 >= 0 ? W[dr1] : NONE;
  const dr1l = dr1 >= 0 ? L[dr1] + 1 : 0;
  const hl1 = s.lc1[h];
  const hr1 = s.rc1[h];
  const hl1l = hl1 >= 0 ? L[hl1] + 1 : 0;
  const hr1l = hr1 >= 0 ? L[hr1] + 1 : 0;
  const hl1w = hl1 >= 0 ? W[hl1] : NONE;

  ids[k++] = f1(2 + dir, 0);
  ids[k++] = f1(4 + dir, hw);
  ids[k++] = f1(6 + dir, hp);
  ids[k++] = f1(8 + dir, dw);
  ids[k++] = f1(10 + dir, dp);
  ids[k++] = f2(12 + dir, hw, dw);
  ids[k++] = f2(14 + dir, hp, dp);
  ids[k++] = f2(16 + dir, hw, dp);
  ids[k++] = f2(18 + dir, hp, dw);
  ids[k++] = f2(20 + dir, U[h], U[d]);
  ids[k++] = f3(22 + dir, hp, dp, dist);
  ids[k++] = f2(24 + dir, dw, dist);
  ids[k++] = f3(26 + dir, dp, hp, dm1p);
  ids[k++] = f3(28 + dir, dp, hp, dp1p);
  ids[k++] = f3(30 + dir, dp, hp, hm1p);
  ids[k++] = f3(32 + dir, dp, hp, hp1p);
  ids[k++] = f2(34 + dir, dp, s.lset[d]);
  ids[k++] = f2(36 + dir, dp, s.rset[d]);
  ids[k++] = f2(38 + dir, dw, s.lset[d]);
  ids[k++] = f2(40 + dir, dl1w, dp);
  ids[k++] = f3(42 + dir, dl1p, dl1l, dp);
  ids[k++] = f2(44 + dir, dl1w, hp);
  ids[k++] = f3(46 + dir, dl1w, hw, dp);
  ids[k++] = f2(48 + dir, dr1w, dp);
  ids[k++] = f2(50 + dir, dr1l, dp);
  ids[k++] = f2(54 + dir, hp, s.lset[h]);
  ids[k++] = f2(56 + dir, hp, s.rset[h]);
  ids[k++] = f3(58 + dir, hp, hl1l, dp);
  ids[k++] = f3(60 + dir, hp, hr1l, dp);
  ids[k++] = f3(62 + dir, hw, hl1w, dp);
  ids[k++] = f2(64 + dir, tab.sfx[d], dp);
  ids[k++] = f3(66 + dir, U[d], U[h], dist);
  ids[k++] = f3(68 + dir, dw, hw, dist);
  ids[k++] = f2(70 + dir, dw, dp);
  ids[k++] = f3(72 + dir, tab.shape[d], tab.shape[h], dp);
  // UPOS counterparts (robust to XPOS errors).
  const du = U[d];
  const hu = U[h];
  ids[k++] = f2(74 + dir, hw, du);
  ids[k++] = f2(76 + dir, hu, dw);
  ids[k++] = f3(78 + dir, du, hu, d > 0 ? U[d - 1] : NONE);
  ids[k++] = f3(80 + dir, du, hu, d + 1 <= n ? U[d + 1] : NONE);
  ids[k++] = f3(82 + dir, du, dl1l, hu);
  ids[k++] = f2(84 + dir, dw, du);
  ids[k++] = f2(86 + dir, du, s.lset[d]);
  ids[k++] = f3(88 + dir, du, hu, hl1l);
  fb.length = k;
}
