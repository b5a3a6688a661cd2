/**
 * Feature extraction for the entity tagger.
 *
 * Every feature is a 32-bit id: a per-template seed mixed with integer hashes of its values. Each token's
 * values (lowercase word, form, shape, short shape, prefixes, suffixes, UPOS) are hashed once per sentence
 * with charCode loops, never by building "w=…" strings, and the ids are written into reusable typed-array
 * buffers (one FeatureExtractor per tagger; its output is valid until its next call).
 *
 * Features depend only on the words, the gazetteer and the UPOS tags, never on predicted entity tags, so
 * they are extracted once per sentence; tag-history information enters through the transition weights in
 * decoding (see model.ts).
 */

import { hashString } from '../perceptron.js';
import { GAZ_BIT, GAZ_CATEGORIES, Gazetteer, normalizeToken, type GazMatch } from './gazetteer.js';

/** Bumped whenever a feature changes meaning, so an old model file is refused rather than misread. */
export const FEATURE_VERSION = 8;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Mixes two 32-bit values into one (order-sensitive, well spread). Signed int32, so V8 keeps it unboxed;
 * the typed arrays it is stored in hold the same 32 bits as the unsigned value would.
 */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) | 0;
}

let templateCount = 0;
/** A template seed: distinct per template name. */
const T = (name: string): number => mix(hashString(name), ++templateCount);
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
  first: T('first'),
  allcaps: T('allcaps'),
  punct: T('punct'),
  caseStyle: T('casestyle'),
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
  runLast: T('caprun|last'),
  runFirst: T('caprun|first'),
  runBag: T('caprun|bag'),
  cc: T('cap|common'),
  titleW: T('title-1|w'),
  sufW: T('w|orgsuf+1'),
  pos: T('upos'),
  posm1: T('upos-1'),
  posp1: T('upos+1'),
  posm2: T('upos-2'),
  posp2: T('upos+2'),
  posBgl: T('upos-1|upos'),
  posBgr: T('upos|upos+1'),
  posCap: T('upos|cap'),
  posW: T('upos|w'),
  propnRun: T('propnrun'),
  hist: T('hist'),
  histOne: T('hist1'),
  histPrev: T('hist-1'),
  histNext: T('hist+1'),
};

const BOS = [hashString('<s>'), hashString('<s2>')];
const EOS = [hashString('</s>'), hashString('</s2>')];

// Character classes: 0 upper, 1 lower, 2 digit, 3 other.
const C_UPPER = 0;
const C_LOWER = 1;
const C_DIGIT = 2;
const C_OTHER = 3;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const nonAsciiClass = new Map<number, number>();
function charClass(c: number): number {
  if (c < 128) {
    if (c >= 65 && c <= 90) return C_UPPER;
    if (c >= 97 && c <= 122) return C_LOWER;
    if (c >= 48 && c <= 57) return C_DIGIT;
    return C_OTHER;
  }
  if (c >= 0xd800 && c <= 0xdfff) return C_OTHER;
  let k = nonAsciiClass.get(c);
  if (k === undefined) {
    const ch = String.fromCharCode(c);
    k = UPPER.test(ch) ? C_UPPER : LOWER.test(ch) ? C_LOWER : DIGIT.test(ch) ? C_DIGIT : C_OTHER;
    if (nonAsciiClass.size < 4096) nonAsciiClass.set(c, k);
  }
  return k;
}
const SHAPE_CHAR = [88 /* X */, 120 /* x */, 100 /* d */];

/** Word shape: X for upper, x for lower, d for digits, others kept; runs longer than 2 collapsed; at most 8 characters. */
export function wordShape(word: string): string {
  let out = '';
  let last = -1;
  let run = 0;
  for (let i = 0; i < word.length && out.length < 8; i++) {
    const code = word.charCodeAt(i);
    const cls = charClass(code);
    const c = cls === C_OTHER ? code : SHAPE_CHAR[cls];
    if (c === last) {
      if (++run > 2) continue;
    } else {
      last = c;
      run = 1;
    }
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * What earlier sentences of the same document said about each word (Ratinov & Roth 2009, "extended
 * prediction history"): word hash → bit mask of the entity types it was tagged with, plus HIST_O when it was
 * written capitalised (not sentence-initially) and left untagged. Fed by EntityTagger.tagDocument and by
 * training, which walks documents in order with the model's own predictions.
 */
export const HIST_O = 8;
export class DocumentHistory {
  private readonly seen = new Map<number, number>();

  /** The mask of one word hash (0 when never seen). */
  get(hash: number): number {
    return this.seen.get(hash) ?? 0;
  }

  /**
   * Records a tagged sentence: `types[i]` is the entity type index of token i (0 PER, 1 ORG, 2 LOC, as in
   * NER_TYPES) or −1 for O; `keys` are the sentence's token keys from FeatureExtractor.keys().
   */
  record(keys: TokenKeys, types: ArrayLike<number>, n: number): void {
    for (let i = 0; i < n; i++) {
      const f = keys.flags[i];
      if (!(f & 8)) continue;
      const t = types[i];
      let bit = 0;
      if (t >= 0) bit = 1 << t;
      else if (f & 1 && i > 0) bit = HIST_O;
      if (bit === 0) continue;
      const h = keys.hw[i];
      this.seen.set(h, (this.seen.get(h) ?? 0) | bit);
    }
  }
}

/** Per-token keys of a sentence: lowercase-word hash and flags (1 initial capital, 2 all caps, 4 punctuation, 8 has a letter). */
export interface TokenKeys {
  hw: Uint32Array;
  flags: Uint8Array;
}

/**
 * Document-history features of a sentence (see DocumentHistory), written to `out` (reused; views valid until
 * its next use). Tokens whose word has no history get none.
 */
export class HistoryFeatures {
  private ids = new Uint32Array(256);
  private offsets = new Uint32Array(65);

  extract(keys: TokenKeys, n: number, history: DocumentHistory): SentenceFeatures {
    if (this.offsets.length < n + 1) this.offsets = new Uint32Array(2 * n + 1);
    if (this.ids.length < n * 8) this.ids = new Uint32Array(n * 16);
    const ids = this.ids;
    const offsets = this.offsets;
    const { hw, flags } = keys;
    let m = 0;
    let prevMask = 0;
    let mask = n > 0 && flags[0] & 8 ? history.get(hw[0]) : 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = m;
      const nextMask = i + 1 < n && flags[i + 1] & 8 ? history.get(hw[i + 1]) : 0;
      if (mask !== 0) {
        const cap = flags[i] & 1;
        ids[m++] = mix(F.hist, mask * 2 + cap);
        for (let b = 1; b <= HIST_O; b <<= 1) if (mask & b) ids[m++] = mix(F.histOne, b * 2 + cap);
      }
      if (prevMask & 7) ids[m++] = mix(F.histPrev, prevMask & 7);
      if (nextMask & 7) ids[m++] = mix(F.histNext, nextMask & 7);
      prevMask = mask;
      mask = nextMask;
    }
    offsets[n] = m;
    return { ids: ids.subarray(0, m), offsets: offsets.subarray(0, n + 1) };
  }
}

/** All features of one sentence: the ids of token i are ids[offsets[i] .. offsets[i+1]). */
export interface SentenceFeatures {
  ids: Uint32Array;
  offsets: Uint32Array;
}

const RUN_CONNECTORS = new Set(['of', 'de', 'del', '&', '-', 'la', 'for', 'and']);
/** Capitalised-run words hashed into the run bag at most this far from the token. */
const BAG_WINDOW = 4;

/** Reusable per-sentence buffers and the extraction itself. Not re-entrant; one per tagger. */
export class FeatureExtractor {
  private cap = 0;
  private ids = new Uint32Array(4096);
  private offsets = new Uint32Array(1);
  private hw = new Uint32Array(0);
  private hform = new Uint32Array(0);
  private hsh = new Uint32Array(0);
  private hss = new Uint32Array(0);
  private hpre = new Uint32Array(0);
  private hsuf = new Uint32Array(0);
  private hpos = new Uint32Array(0);
  private flags = new Uint8Array(0);
  private runStart = new Int32Array(0);
  private runLen = new Int32Array(0);
  private propn = new Uint8Array(0);
  private lower: string[] = [];
  private norm: string[] = [];
  private posHash = new Map<string, number>();

  private lastMatch: GazMatch | null = null;
  /** Index of the gazetteer's title spans (−1 when it has none). */
  private readonly titleSpan: number;

  constructor(readonly gazetteer: Gazetteer) {
    this.titleSpan = gazetteer.spanCategories.indexOf('title');
  }

  /**
   * Whether token i of the sentence last extracted lies in a multi-word title matched by the gazetteer
   * ("Secretary of State", "Attorney General"). Valid until the next call of extract.
   */
  inMultiWordTitle(i: number): boolean {
    const c = this.titleSpan;
    if (c < 0 || this.lastMatch === null) return false;
    return this.lastMatch.pos[c][i] !== 0 && this.lastMatch.len[c][i] >= 2;
  }

  /** Whether token i of the sentence last extracted is a given name in the gazetteer. Valid until the next call of extract. */
  isGivenName(i: number): boolean {
    return this.lastMatch !== null && (this.lastMatch.word[i] & GAZ_BIT.given) !== 0;
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    const c = Math.max(64, n * 2);
    this.cap = c;
    this.offsets = new Uint32Array(c + 1);
    this.hw = new Uint32Array(c);
    this.hform = new Uint32Array(c);
    this.hsh = new Uint32Array(c);
    this.hss = new Uint32Array(c);
    this.hpre = new Uint32Array(c * 3);
    this.hsuf = new Uint32Array(c * 4);
    this.hpos = new Uint32Array(c);
    this.flags = new Uint8Array(c);
    this.runStart = new Int32Array(c);
    this.runLen = new Int32Array(c);
    this.propn = new Uint8Array(c);
  }

  /** Token keys of the sentence last extracted (views of internal buffers, valid until the next call). */
  keys(n: number): TokenKeys {
    return { hw: this.hw.subarray(0, n), flags: this.flags.subarray(0, n) };
  }

  private hashPos(tag: string): number {
    let h = this.posHash.get(tag);
    if (h === undefined) {
      h = hashString(tag);
      this.posHash.set(tag, h);
    }
    return h;
  }

  /**
   * Extracts the features of every token. `upos` is used when given with one tag per word. The returned
   * arrays are views of internal buffers, valid until the next call.
   */
  extract(words: readonly string[], upos?: readonly string[]): SentenceFeatures {
    const n = words.length;
    this.ensure(n);
    const { hw, hform, hsh, hss, hpre, hsuf, flags, runStart, runLen } = this;
    const lower = this.lower;
    const norm = this.norm;
    lower.length = n;
    norm.length = n;
    let capCount = 0;
    let alphaCount = 0;
    // flags bits: 1 initial capital, 2 all caps, 4 all punctuation/symbols, 8 has a letter.
    for (let i = 0; i < n; i++) {
      const w = words[i];
      const lw = w.toLowerCase();
      lower[i] = lw;
      norm[i] = normalizeToken(w);
      // Shape and short shape hashes; character classes.
      let sh = FNV_OFFSET;
      let ss = FNV_OFFSET;
      let shLen = 0;
      let last = -1;
      let run = 0;
      let nUpper = 0;
      let nLower = 0;
      let nDigit = 0;
      let nOther = 0;
      let firstCls = C_OTHER;
      for (let j = 0; j < w.length; j++) {
        const code = w.charCodeAt(j);
        const cls = charClass(code);
        if (j === 0) firstCls = cls;
        if (cls === C_UPPER) nUpper++;
        else if (cls === C_LOWER) nLower++;
        else if (cls === C_DIGIT) nDigit++;
        else nOther++;
        if (shLen >= 8) continue;
        const c = cls === C_OTHER ? code : SHAPE_CHAR[cls];
        if (c === last) {
          if (++run > 2) continue;
        } else {
          last = c;
          run = 1;
          ss = Math.imul(ss ^ c, FNV_PRIME);
        }
        sh = Math.imul(sh ^ c, FNV_PRIME);
        shLen++;
      }
      hsh[i] = sh >>> 0;
      hss[i] = ss >>> 0;
      let f = 0;
      if (firstCls === C_UPPER) f |= 1;
      if (firstCls === C_UPPER && w.length > 1 && nLower === 0 && nDigit === 0) f |= 2;
      if (nOther === w.length && w.length > 0) f |= 4;
      if (nUpper + nLower > 0) {
        f |= 8;
        alphaCount++;
        if (f & 1) capCount++;
      }
      flags[i] = f;
      // Word, form, prefixes and suffixes (of the lowercase word).
      let h = FNV_OFFSET;
      const len = lw.length;
      for (let j = 0; j < len; j++) {
        h = Math.imul(h ^ lw.charCodeAt(j), FNV_PRIME);
        if (j < 3) hpre[i * 3 + j] = h >>> 0;
      }
      hw[i] = h >>> 0;
      hform[i] = w === lw ? 0 : hashString(w);
      let s = FNV_OFFSET ^ 0x5bd1e995;
      for (let j = 0; j < 4 && j < len; j++) {
        s = Math.imul(s ^ lw.charCodeAt(len - 1 - j), FNV_PRIME);
        hsuf[i * 4 + j] = s >>> 0;
      }
    }
    const gm = this.gazetteer.match(norm);
    this.lastMatch = gm;
    // A sentence in all lowercase, or one where nearly every word is capitalised (a headline), makes case a weak cue.
    const caseStyle = alphaCount < 3 ? 1 : capCount === 0 ? 2 : capCount / alphaCount > 0.7 ? 3 : 4;

    // Runs of capitalised words (allowing "of", "de", "the", "-", "&" inside a run when capitalised words follow).
    for (let i = 0; i < n; i++) runStart[i] = -1;
    {
      let i = 0;
      while (i < n) {
        if (!(flags[i] & 1)) {
          i++;
          continue;
        }
        let j = i + 1;
        for (;;) {
          if (j < n && flags[j] & 1) {
            j++;
            continue;
          }
          if (j + 1 < n && flags[j + 1] & 1 && RUN_CONNECTORS.has(lower[j])) {
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

    const usePos = upos !== undefined && upos.length === n;
    const hpos = this.hpos;
    const propn = this.propn;
    if (usePos) {
      for (let i = 0; i < n; i++) {
        hpos[i] = this.hashPos(upos[i]);
        propn[i] = upos[i] === 'PROPN' ? 1 : 0;
      }
    }

    let ids = this.ids;
    let m = 0;
    const offsets = this.offsets;
    const wAt = (j: number): number => (j < 0 ? BOS[-j - 1] : j >= n ? EOS[j - n] : hw[j]);
    const shAt = (j: number): number => (j < 0 ? BOS[-j - 1] : j >= n ? EOS[j - n] : hss[j]);
    const gAt = (j: number): number => (j < 0 || j >= n ? 0 : gm.word[j]);
    const pAt = (j: number): number => (j < 0 ? BOS[-j - 1] : j >= n ? EOS[j - n] : hpos[j]);
    const common = GAZ_BIT.common;
    const title = GAZ_BIT.title;
    const orgsuf = GAZ_BIT.orgsuffix;
    const nCat = GAZ_CATEGORIES.length;
    const spanCats = this.gazetteer.spanCategories.length;
    // Multi-word titles ("Secretary of State") are span matches: a word right after one is "after a title".
    const titleSpan = this.gazetteer.spanCategories.indexOf('title');
    const titlePos = titleSpan >= 0 ? gm.pos[titleSpan] : null;

    for (let i = 0; i < n; i++) {
      // At most ~90 features per token; grow before writing.
      if (ids.length < m + 128) {
        const grown = new Uint32Array(Math.max(ids.length * 2, m + 256));
        grown.set(ids.subarray(0, m));
        ids = this.ids = grown;
      }
      offsets[i] = m;
      const fl = flags[i];
      const cap = fl & 1;
      const w0 = hw[i];
      ids[m++] = F.bias;
      ids[m++] = mix(F.w, w0);
      if (hform[i] !== 0) ids[m++] = mix(F.form, hform[i]);
      ids[m++] = mix(F.shape, hsh[i]);
      ids[m++] = mix(F.sshape, hss[i]);
      const len = lower[i].length;
      if (len > 1) {
        ids[m++] = mix(F.pre1, hpre[i * 3]);
        if (len > 2) ids[m++] = mix(F.pre2, hpre[i * 3 + 1]);
        if (len > 3) ids[m++] = mix(F.pre3, hpre[i * 3 + 2]);
        ids[m++] = mix(F.suf1, hsuf[i * 4]);
        if (len > 2) ids[m++] = mix(F.suf2, hsuf[i * 4 + 1]);
        if (len > 3) ids[m++] = mix(F.suf3, hsuf[i * 4 + 2]);
        if (len > 4) ids[m++] = mix(F.suf4, hsuf[i * 4 + 3]);
      }
      if (i === 0) ids[m++] = mix(F.first, cap);
      if (fl & 2) ids[m++] = F.allcaps;
      if (fl & 4) ids[m++] = F.punct;
      ids[m++] = mix(F.caseStyle, caseStyle * 2 + cap);

      const wm1 = wAt(i - 1);
      const wp1 = wAt(i + 1);
      ids[m++] = mix(F.wm1, wm1);
      ids[m++] = mix(F.wm2, wAt(i - 2));
      ids[m++] = mix(F.wp1, wp1);
      ids[m++] = mix(F.wp2, wAt(i + 2));
      ids[m++] = mix(mix(F.bgl, wm1), w0);
      ids[m++] = mix(mix(F.bgr, w0), wp1);
      const sm1 = shAt(i - 1);
      const sp1 = shAt(i + 1);
      ids[m++] = mix(F.sm1, sm1);
      ids[m++] = mix(F.sp1, sp1);
      ids[m++] = mix(F.sm2, shAt(i - 2));
      ids[m++] = mix(F.sp2, shAt(i + 2));
      ids[m++] = mix(mix(mix(F.str, sm1), hss[i]), sp1);

      // Gazetteer: single-word categories of this word and its neighbours.
      const g0 = gm.word[i];
      const gm1 = gAt(i - 1);
      const gp1 = gAt(i + 1);
      const gm2 = gAt(i - 2);
      const gp2 = gAt(i + 2);
      if (g0 | gm1 | gp1 | gm2 | gp2) {
        for (let c = 0; c < nCat; c++) {
          const bit = 1 << c;
          if (g0 & bit) ids[m++] = mix(F.gw, c * 2 + cap);
          if (gm1 & bit) ids[m++] = mix(F.gm1, c);
          if (gp1 & bit) ids[m++] = mix(F.gp1, c);
          if (gm2 & bit) ids[m++] = mix(F.gm2, c);
          if (gp2 & bit) ids[m++] = mix(F.gp2, c);
        }
      }
      if (cap) ids[m++] = mix(F.cc, g0 & common ? 1 : 0);
      // Multi-word gazetteer matches: category × B/I × length bucket, and with this word's case.
      for (let c = 0; c < spanCats; c++) {
        const p = gm.pos[c][i];
        if (p === 0) continue;
        const l = gm.len[c][i];
        const v = (c * 4 + (l > 3 ? 3 : l)) * 2 + (p === 1 ? 0 : 1);
        ids[m++] = mix(F.gs, v);
        ids[m++] = mix(F.gsCap, v * 2 + cap);
      }
      // Title word right before; organisation suffix right after.
      if (gm1 & title || (titlePos !== null && i > 0 && titlePos[i - 1] !== 0 && titlePos[i] !== 2)) ids[m++] = mix(F.titleW, cap);
      if (gp1 & orgsuf) ids[m++] = mix(F.sufW, cap);

      // Position in the run of capitalised words; its first and last words; the other words near it.
      const rs = runStart[i];
      if (rs >= 0) {
        const L = runLen[i];
        const k = i - rs;
        const p = k === 0 ? 0 : k === L - 1 ? 2 : 1;
        const lb = L > 4 ? 4 : L;
        ids[m++] = mix(F.run, (p * 8 + lb) * 2 + (rs === 0 ? 1 : 0));
        const last = rs + L - 1;
        if (last !== i) ids[m++] = mix(F.runLast, hw[last]);
        if (rs !== i) ids[m++] = mix(F.runFirst, hw[rs]);
        const lo = Math.max(rs, i - BAG_WINDOW);
        const hi = Math.min(last, i + BAG_WINDOW);
        for (let t = lo; t <= hi; t++) if (t !== i && t !== rs && t !== last) ids[m++] = mix(F.runBag, hw[t]);
      }

      if (usePos) {
        const p0 = hpos[i];
        const pm1 = pAt(i - 1);
        const pp1 = pAt(i + 1);
        ids[m++] = mix(F.pos, p0);
        ids[m++] = mix(F.posm1, pm1);
        ids[m++] = mix(F.posp1, pp1);
        ids[m++] = mix(F.posm2, pAt(i - 2));
        ids[m++] = mix(F.posp2, pAt(i + 2));
        ids[m++] = mix(mix(F.posBgl, pm1), p0);
        ids[m++] = mix(mix(F.posBgr, p0), pp1);
        ids[m++] = mix(F.posCap, p0 * 2 + cap);
        ids[m++] = mix(mix(F.posW, p0), w0);
        // Position in a run of proper nouns.
        if (propn[i]) {
          const b = i > 0 && propn[i - 1] ? 1 : 0;
          const e = i + 1 < n && propn[i + 1] ? 1 : 0;
          ids[m++] = mix(F.propnRun, b * 2 + e);
        }
      }
    }
    offsets[n] = m;
    return { ids: ids.subarray(0, m), offsets: offsets.subarray(0, n + 1) };
  }
}

/** Extracts the features of every token of a sentence into fresh arrays (training; the runtime reuses a FeatureExtractor). */
export function extractFeatures(words: readonly string[], gaz: Gazetteer, upos?: readonly string[], extractor: FeatureExtractor = new FeatureExtractor(gaz)): SentenceFeatures {
  const f = extractor.extract(words, upos);
  return { ids: Uint32Array.from(f.ids), offsets: Uint32Array.from(f.offsets) };
}
