/**
 * Feature extraction for the entity tagger. Every feature is a hashed string; templates are hashed once
 * into a seed and the value is hashed on top of it (FNV-1a is sequential, so
 * hashString(value, hashString(template)) === hashString(template + value)), which avoids building strings.
 *
 * Features depend only on the words (and the gazetteer), never on predicted tags, so they are extracted once
 * per sentence; tag-history information enters through the transition weights in decoding (see model.ts).
 */

import { hashString } from '../perceptron.js';
import { GAZ_BIT, GAZ_CATEGORIES, Gazetteer, normalizeToken } from './gazetteer.js';

/** Bumped whenever a feature changes meaning, so an old model file is refused rather than misread. */
export const FEATURE_VERSION = 4;

const T = (name: string): number => hashString(name + '=');
const F = {
  bias: T('bias'),
  w: T('w'),
  form: T('form'),
  shape: T('shape'),
  sshape: T('sshape'),
  pre1: T('p1'),
  pre2: T('p2'),
  pre3: T('p3'),
  suf1: T('s1'),
  suf2: T('s2'),
  suf3: T('s3'),
  suf4: T('s4'),
  flag: T('flag'),
  wm1: T('w-1'),
  wm2: T('w-2'),
  wp1: T('w+1'),
  wp2: T('w+2'),
  bgl: T('w-1|w'),
  bgr: T('w|w+1'),
  sm1: T('sh-1'),
  sp1: T('sh+1'),
  sm2: T('sh-2'),
  sp2: T('sh+2'),
  str: T('sh-1|sh|sh+1'),
  gw: T('g'),
  gm1: T('g-1'),
  gp1: T('g+1'),
  gm2: T('g-2'),
  gp2: T('g+2'),
  gs: T('gs'),
  gsCap: T('gs|cap'),
  run: T('caprun'),
  runW: T('caprun|w'),
  cc: T('cap|common'),
  lowsent: T('lowsent'),
  titleW: T('title-1|w'),
  sufW: T('w|orgsuf+1'),
  pos: T('upos'),
  posm1: T('upos-1'),
  posp1: T('upos+1'),
};

const PUNCT = /^[\p{P}\p{S}]+$/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

/** Word shape: X for upper, x for lower, d for digits, others kept; runs longer than 2 collapsed. */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    let c: string;
    if (UPPER.test(ch)) c = 'X';
    else if (LOWER.test(ch)) c = 'x';
    else if (DIGIT.test(ch)) c = 'd';
    else c = ch;
    if (c === last) {
      run++;
      if (run > 2) continue;
    } else {
      last = c;
      run = 1;
    }
    out += c;
    if (out.length >= 8) break;
  }
  return out;
}

/** Shape with every run collapsed to one character ("Xx", "X.X.", "d,d"). */
export function shortShape(shape: string): string {
  let out = '';
  for (const ch of shape) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

function isInitCap(word: string): boolean {
  const first = word.codePointAt(0);
  return first !== undefined && UPPER.test(String.fromCodePoint(first));
}

/** All features of one sentence: the ids of token i are ids[offsets[i] .. offsets[i+1]). */
export interface SentenceFeatures {
  ids: Uint32Array;
  offsets: Uint32Array;
}

class Sink {
  ids: Uint32Array;
  n = 0;
  constructor(capacity: number) {
    this.ids = new Uint32Array(capacity);
  }
  push(h: number): void {
    if (this.n === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.n++] = h >>> 0;
  }
  add(template: number, value: string): void {
    this.push(hashString(value, template));
  }
}

const BOS = ['<s>', '<s2>'];
const EOS = ['</s>', '</s2>'];

/** Extracts the features of every token of a sentence. `upos` is optional (used only if the model was trained with it). */
export function extractFeatures(
  words: readonly string[],
  gaz: Gazetteer,
  upos?: readonly string[],
): SentenceFeatures {
  const n = words.length;
  const sink = new Sink(Math.max(16, n * 64));
  const offsets = new Uint32Array(n + 1);
  if (n === 0) return { ids: sink.ids.subarray(0, 0), offsets };

  const lower = new Array<string>(n);
  const norm = new Array<string>(n);
  const shapes = new Array<string>(n);
  const sshapes = new Array<string>(n);
  const caps = new Uint8Array(n);
  let capCount = 0;
  let alphaCount = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    lower[i] = w.toLowerCase();
    norm[i] = normalizeToken(w);
    shapes[i] = wordShape(w);
    sshapes[i] = shortShape(shapes[i]);
    caps[i] = isInitCap(w) ? 1 : 0;
    if (LOWER.test(w) || UPPER.test(w)) {
      alphaCount++;
      if (caps[i]) capCount++;
    }
  }
  const gm = gaz.match(norm);
  // A sentence in all lowercase, or one where nearly every word is capitalised (a headline), makes case a weak cue.
  const caseStyle = alphaCount < 3 ? 'short' : capCount === 0 ? 'lower' : capCount / alphaCount > 0.7 ? 'title' : 'mixed';

  // Runs of capitalised words (allowing "of", "de", "the", "-", "&" inside a run when capitalised words follow).
  const runStart = new Int32Array(n).fill(-1);
  const runLen = new Int32Array(n);
  {
    let i = 0;
    while (i < n) {
      if (!caps[i]) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j < n && caps[j]) {
          j++;
          continue;
        }
        if (j + 1 < n && caps[j + 1] && (lower[j] === 'of' || lower[j] === 'de' || lower[j] === 'del' || lower[j] === '&' || lower[j] === '-' || lower[j] === 'la' || lower[j] === 'for' || lower[j] === 'and')) {
          j += 2;
          continue;
        }
        break;
      }
      for (let t = i; t < j; t++) {
        runStart[t] = i;
        runLen[t] = j - i;
      }
      i = j;
    }
  }

  const wAt = (j: number): string => (j < 0 ? BOS[-j - 1] : j >= n ? EOS[j - n] : lower[j]);
  const shAt = (j: number): string => (j < 0 ? BOS[-j - 1] : j >= n ? EOS[j - n] : sshapes[j]);
  const gAt = (j: number): number => (j < 0 || j >= n ? 0 : gm.word[j]);
  const common = GAZ_BIT.common;
  const title = GAZ_BIT.title;
  const orgsuf = GAZ_BIT.orgsuffix;

  for (let i = 0; i < n; i++) {
    offsets[i] = sink.n;
    const w = words[i];
    const lw = lower[i];
    sink.push(F.bias);
    sink.add(F.w, lw);
    if (w !== lw) sink.add(F.form, w);
    sink.add(F.shape, shapes[i]);
    sink.add(F.sshape, sshapes[i]);
    const len = lw.length;
    if (len > 1) {
      sink.add(F.pre1, lw.slice(0, 1));
      if (len > 2) sink.add(F.pre2, lw.slice(0, 2));
      if (len > 3) sink.add(F.pre3, lw.slice(0, 3));
      sink.add(F.suf1, lw.slice(-1));
      if (len > 2) sink.add(F.suf2, lw.slice(-2));
      if (len > 3) sink.add(F.suf3, lw.slice(-3));
      if (len > 4) sink.add(F.suf4, lw.slice(-4));
    }
    const cap = caps[i] === 1;
    if (i === 0) sink.add(F.flag, cap ? 'first|cap' : 'first');
    if (cap && w.length > 1 && w === w.toUpperCase() && !DIGIT.test(w)) sink.add(F.flag, 'allcaps');
    if (PUNCT.test(w)) sink.add(F.flag, 'punct');
    sink.add(F.lowsent, caseStyle + (cap ? '|cap' : '|nocap'));

    sink.add(F.wm1, wAt(i - 1));
    sink.add(F.wm2, wAt(i - 2));
    sink.add(F.wp1, wAt(i + 1));
    sink.add(F.wp2, wAt(i + 2));
    sink.add(F.bgl, wAt(i - 1) + '|' + lw);
    sink.add(F.bgr, lw + '|' + wAt(i + 1));
    sink.add(F.sm1, shAt(i - 1));
    sink.add(F.sp1, shAt(i + 1));
    sink.add(F.sm2, shAt(i - 2));
    sink.add(F.sp2, shAt(i + 2));
    sink.add(F.str, shAt(i - 1) + '|' + sshapes[i] + '|' + shAt(i + 1));

    // Gazetteer: single-word categories of this word and its neighbours.
    const g0 = gm.word[i];
    for (let c = 0; c < GAZ_CATEGORIES.length; c++) {
      const bit = 1 << c;
      const name = GAZ_CATEGORIES[c];
      if (g0 & bit) sink.add(F.gw, name + (cap ? '|cap' : ''));
      if (gAt(i - 1) & bit) sink.add(F.gm1, name);
      if (gAt(i + 1) & bit) sink.add(F.gp1, name);
      if (gAt(i - 2) & bit) sink.add(F.gm2, name);
      if (gAt(i + 2) & bit) sink.add(F.gp2, name);
    }
    if (cap) sink.add(F.cc, g0 & common ? 'common' : 'rare');
    // Multi-word gazetteer matches: category × B/I × length bucket, and with this word's case.
    for (let c = 0; c < gaz.spanCategories.length; c++) {
      const p = gm.pos[c][i];
      if (p === 0) continue;
      const l = gm.len[c][i];
      const v = gaz.spanCategories[c] + (p === 1 ? '|B|' : '|I|') + (l > 3 ? 3 : l);
      sink.add(F.gs, v);
      sink.add(F.gsCap, v + (cap ? '|cap' : '|low'));
    }
    // Title word right before; organisation suffix right after.
    if (gAt(i - 1) & title) sink.add(F.titleW, cap ? 'cap' : 'low');
    if (gAt(i + 1) & orgsuf) sink.add(F.sufW, cap ? 'cap' : 'low');

    // Position in the run of capitalised words.
    if (runStart[i] >= 0) {
      const L = runLen[i];
      const k = i - runStart[i];
      const p = k === 0 ? 'B' : k === L - 1 ? 'E' : 'I';
      const lb = L > 4 ? 4 : L;
      sink.add(F.run, p + lb + (runStart[i] === 0 ? '|s0' : ''));
      // Last word of the run (often the org keyword or the surname) as seen from here.
      const last = runStart[i] + L - 1;
      if (last !== i) sink.add(F.runW, 'last=' + lower[last]);
      if (runStart[i] !== i) sink.add(F.runW, 'first=' + lower[runStart[i]]);
    }

    if (upos && upos.length === n) {
      sink.add(F.pos, upos[i]);
      sink.add(F.posm1, i > 0 ? upos[i - 1] : '<s>');
      sink.add(F.posp1, i + 1 < n ? upos[i + 1] : '</s>');
    }
  }
  offsets[n] = sink.n;
  return { ids: sink.ids.subarray(0, sink.n), offsets };
}
