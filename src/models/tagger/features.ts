/**
 * Feature extraction for the part-of-speech tagger.
 *
 * Features are never built as strings at tagging time: each token's properties (normalised word,
 * affixes, shape…) are hashed once per sentence into typed arrays, and every feature is a small
 * integer template id mixed with one or two of those hashes. This keeps tagging allocation-light.
 *
 * Normalisation happens only here (and in the lemmatizer's lookup keys), never in the output:
 * typographic quotes fold to ASCII (“ ” „ « » `` '' → ", ‘ ’ ‚ → '), so "’s" and "'s", "n’t" and
 * "n't" share features; digits fold to 0 in the word-identity feature so unseen years and amounts
 * look like seen ones.
 */

import { hashString } from '../perceptron.js';

/** Mixes two 32-bit values into a well-distributed 32-bit hash (murmur3 finaliser on a combination). Signed int32, so V8 keeps it unboxed;
 * the typed arrays it is stored in hold the same 32 bits as the unsigned value would.
 */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) | 0;
}

const DOUBLE_QUOTES = /[“”„‟«»″]|``|''/g;
const SINGLE_QUOTES = /[‘’‚‛′]/g;

/**
 * Folds typographic variants to the forms most frequent in the training data. Used for features and
 * lexicon keys only. Pure ASCII input is returned as is (the fast path for most tokens).
 */
export function normalizeForm(form: string): string {
  let ascii = true;
  for (let i = 0; i < form.length; i++) {
    if (form.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return form === '``' || form === "''" ? '"' : form;
  let out = form.normalize('NFC');
  out = out.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'");
  return out;
}

/** FNV-1a over text[start, end), digits folded to "0" when `foldDigits` (no substring allocated). */
export function hashRange(text: string, start: number, end: number, foldDigits = false): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (foldDigits && c >= 48 && c <= 57) c = 48;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Shape class of one character: 1 upper, 2 lower, 3 digit, otherwise the code unit itself (+ 16). */
function charClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (c >= 65 && c <= 90) return 1;
    if (c >= 97 && c <= 122) return 2;
    if (c >= 48 && c <= 57) return 3;
    return c + 16;
  }
  const ch = text[i];
  const lower = ch.toLowerCase();
  if (lower !== ch.toUpperCase()) return ch === lower ? 2 : 1;
  return c + 16;
}

/** Word shape: X upper, x lower, d digit, other characters kept; runs capped at 3 ("Blinken" → "Xxxx"). */
export function wordShape(form: string): string {
  let out = '';
  let last = -1;
  let run = 0;
  for (let i = 0; i < form.length; i++) {
    const k = charClass(form, i);
    if (k === last) {
      if (++run > 3) continue;
    } else {
      last = k;
      run = 1;
    }
    out += k === 1 ? 'X' : k === 2 ? 'x' : k === 3 ? 'd' : form[i];
  }
  return out;
}

/** Capitalisation classes, combined with "first word of the sentence" into one feature. */
const enum Caps {
  None = 0,
  Lower = 1,
  Title = 2,
  Upper = 3,
  Mixed = 4,
}

// Template ids: small distinct constants mixed into every feature hash.
const T_BIAS = 1;
const T_WORD = 2;
const T_FORM = 3;
const T_SUF1 = 4;
const T_SUF2 = 5;
const T_SUF3 = 6;
const T_SUF4 = 7;
const T_PRE1 = 8;
const T_PRE2 = 9;
const T_PRE3 = 10;
const T_SHAPE = 11;
const T_CAPS = 12;
const T_CHARS = 13;
const T_T1 = 14;
const T_T2 = 15;
const T_T1T2 = 16;
const T_T1W = 17;
const T_WM1 = 18;
const T_WM2 = 19;
const T_WP1 = 20;
const T_WP2 = 21;
const T_S3M1 = 22;
const T_S3P1 = 23;
const T_WM1W = 24;
const T_WWP1 = 25;
const T_T1S3 = 26;
const T_SHP1 = 27;
const T_T1SH = 28;
const T_AMB = 29;
const T_AMBP1 = 30;
const T_AMBP2 = 31;
const T_T1AMB = 32;
const T_AMBAMBP1 = 33;
const T_AMBM1 = 34;
const T_UNKNOWN = 35;
const T_R1 = 36;
const T_R2 = 37;
const T_R1R2 = 38;
const T_R1W = 39;
const T_T1R1 = 40;
const T_R1S3 = 41;
const T_LOWAMB = 42;
const T_SENTCAPS = 43;
const T_CAPSCTX = 44;
const T_T1WP1 = 45;
const T_WM1WP1 = 46;
const T_T2W = 47;
const T_SUF5 = 48;
const T_UPAMB = 49;
const T_SUF3CAPS = 50;
const T_SHM1 = 51;
const T_AMBSENT = 52;
const T_T1AMBP1 = 53;
const T_R1AMB = 54;
const T_R0 = 55;
const T_R0W = 56;
const T_T1R0 = 57;
const T_R0R1 = 58;
const T_EXTAMB = 59;

/** Where a sentence's tokens find their ambiguity classes (0 = unknown word). */
export interface AmbiguityLookup {
  /** Ambiguity class of a normalised token at `index`. */
  ambiguity(norm: string, index: number): number;
  /** Ambiguity class of a lowercased form, without side effects. */
  lowerAmbiguity(lower: string): number;
  /** Ambiguity class of the form with its first letter capitalised (`lower` is all lowercase), or 0. */
  capitalisedAmbiguity(lower: string): number;
  /**
   * Class hash of the word in the external (dictionary) lexicon — the set of Penn tags a dictionary
   * gives the form, else its lowercase form — or 0. Used for words the training lexicon does not know.
   */
  external(norm: string, lower: string): number;
}

/** Hash used for the tag history before the sentence start. */
export const START_TAG = -1;
/** Tag value after the sentence end (right context). */
export const END_TAG = -2;
export const PAD = 2;
const PAD_HASHES = [hashString('<s2>'), hashString('<s1>')];
const END_HASHES = [hashString('</s1>'), hashString('</s2>')];

/**
 * Per-sentence cache of token hashes, indexed with an offset of PAD so that i−2 … i+2 never fall
 * outside the arrays. One instance is reused across sentences (it grows as needed).
 */
export class SentenceFeatures {
  length = 0;
  /** Normalised forms (features and lexicon keys). */
  norm: string[] = [];
  word = new Uint32Array(0);
  form = new Uint32Array(0);
  suf1 = new Uint32Array(0);
  suf2 = new Uint32Array(0);
  suf3 = new Uint32Array(0);
  suf4 = new Uint32Array(0);
  suf5 = new Uint32Array(0);
  pre1 = new Uint32Array(0);
  pre2 = new Uint32Array(0);
  pre3 = new Uint32Array(0);
  shape = new Uint32Array(0);
  caps = new Uint32Array(0);
  chars = new Uint32Array(0);
  /**
   * Ambiguity class: hash of the labels a known word was seen with (unknown words: hash of their
   * external-lexicon class and caps class, or of the caps class alone).
   */
  amb = new Uint32Array(0);
  /** Ambiguity class of the lowercase form of a capitalised word (0 when unknown or not capitalised). */
  lowerAmb = new Uint32Array(0);
  /** Ambiguity class of the capitalised form of a lowercase word (0 when unknown or not lowercase). */
  upperAmb = new Uint32Array(0);
  /** 0 ordinary, 1 title-case headline, 2 no capitals, 3 all caps. */
  sentCaps = 0;
  /** Tag-independent feature hashes, N_STATIC per token. */
  stat = new Uint32Array(0);

  private ensure(n: number): void {
    const size = n + 2 * PAD;
    if (this.word.length >= size) return;
    const cap = Math.max(size, this.word.length * 2, 64);
    this.word = new Uint32Array(cap);
    this.form = new Uint32Array(cap);
    this.suf1 = new Uint32Array(cap);
    this.suf2 = new Uint32Array(cap);
    this.suf3 = new Uint32Array(cap);
    this.suf4 = new Uint32Array(cap);
    this.suf5 = new Uint32Array(cap);
    this.pre1 = new Uint32Array(cap);
    this.pre2 = new Uint32Array(cap);
    this.pre3 = new Uint32Array(cap);
    this.shape = new Uint32Array(cap);
    this.caps = new Uint32Array(cap);
    this.chars = new Uint32Array(cap);
    this.amb = new Uint32Array(cap);
    this.lowerAmb = new Uint32Array(cap);
    this.upperAmb = new Uint32Array(cap);
  }

  /**
   * Fills the cache for one sentence of raw word forms. `ambiguity(norm, i)` returns a word's
   * ambiguity-class hash, or 0 when the word is unknown.
   */
  load(words: readonly string[], lexicon: AmbiguityLookup, intrinsic = true): void {
    const n = words.length;
    this.ensure(n);
    if (this.stat.length < n * N_STATIC) this.stat = new Uint32Array(Math.max(64, n * 2) * N_STATIC);
    this.length = n;
    this.norm.length = n;
    const pads = PAD_HASHES;
    const ends = END_HASHES;
    for (let p = 0; p < PAD; p++) {
      this.word[p] = pads[p];
      this.suf3[p] = pads[p];
      this.shape[p] = pads[p];
      this.word[PAD + n + p] = ends[p];
      this.suf3[PAD + n + p] = ends[p];
      this.shape[PAD + n + p] = ends[p];
      this.amb[p] = pads[p];
      this.amb[PAD + n + p] = ends[p];
      // Outside the sentence: a capitalisation class no token has (not a previous sentence's value).
      this.caps[p] = 15;
      this.caps[PAD + n + p] = 15;
    }
    let alphabetic = 0;
    let capitalised = 0;
    let shouting = 0;
    for (let i = 0; i < n; i++) {
      const j = i + PAD;
      const norm = normalizeForm(words[i]);
      this.norm[i] = norm;
      const lower = norm.toLowerCase();
      const len = lower.length;
      // One pass over the characters: shape hash (runs capped at 3), capitalisation, digits, hyphens.
      let shapeHash = 0x811c9dc5;
      let last = -1;
      let run = 0;
      let upper = 0;
      let lowerCount = 0;
      let firstUpper = false;
      let digits = false;
      let hyphen = false;
      for (let c = 0; c < norm.length; c++) {
        const k = charClass(norm, c);
        if (k === 1) {
          upper++;
          if (c === 0) firstUpper = true;
        } else if (k === 2) lowerCount++;
        else if (k === 3) digits = true;
        else if (k === 45 + 16) hyphen = true;
        if (k === last) {
          if (++run > 3) continue;
        } else {
          last = k;
          run = 1;
        }
        shapeHash = Math.imul(shapeHash ^ k, 0x01000193);
      }
      let caps: Caps;
      if (upper === 0 && lowerCount === 0) caps = Caps.None;
      else if (upper === 0) caps = Caps.Lower;
      else if (lowerCount === 0) caps = upper > 1 ? Caps.Upper : Caps.Title;
      else caps = firstUpper && upper === 1 ? Caps.Title : Caps.Mixed;
      this.word[j] = hashRange(lower, 0, len, digits);
      this.form[j] = hashRange(norm, 0, norm.length);
      this.suf1[j] = hashRange(lower, Math.max(0, len - 1), len);
      this.suf2[j] = hashRange(lower, Math.max(0, len - 2), len);
      this.suf3[j] = hashRange(lower, Math.max(0, len - 3), len);
      this.suf4[j] = hashRange(lower, Math.max(0, len - 4), len);
      this.suf5[j] = hashRange(lower, Math.max(0, len - 5), len);
      this.pre1[j] = hashRange(norm, 0, Math.min(1, len));
      this.pre2[j] = hashRange(lower, 0, Math.min(2, len));
      this.pre3[j] = hashRange(lower, 0, Math.min(3, len));
      this.shape[j] = shapeHash >>> 0;
      this.caps[j] = caps * 2 + (i === 0 ? 1 : 0);
      const amb = lexicon.ambiguity(norm, i);
      let ext = 0;
      this.amb[j] =
        amb !== 0 ? amb : (ext = lexicon.external(norm, lower)) !== 0 ? mix(mix(T_EXTAMB, ext), this.caps[j]) : mix(T_UNKNOWN, this.caps[j]);
      this.lowerAmb[j] = lower === norm ? 0 : lexicon.lowerAmbiguity(lower);
      this.upperAmb[j] = caps === Caps.Lower ? lexicon.capitalisedAmbiguity(norm) : 0;
      if (i > 0 && caps !== Caps.None) {
        alphabetic++;
        if (caps === Caps.Title || caps === Caps.Mixed) capitalised++;
        else if (caps === Caps.Upper) shouting++;
      }
      this.chars[j] = (digits ? 1 : 0) | (hyphen ? 2 : 0) | (len > 12 ? 4 : len <= 2 ? 8 : 0);
    }
    // Sentence casing: headline-style title case, all lowercase, all caps, or ordinary.
    if (alphabetic >= 3 && shouting >= 0.6 * alphabetic) this.sentCaps = 3;
    else if (alphabetic >= 3 && capitalised + shouting >= 0.6 * alphabetic) this.sentCaps = 1;
    else if (alphabetic >= 3 && capitalised + shouting === 0) this.sentCaps = 2;
    else this.sentCaps = 0;
    fillStatic(this, intrinsic);
  }
}

/** Number of features that do not depend on predicted tags (computed once per sentence). */
export const N_STATIC = 36;

/**
 * The first N_INTRINSIC static features of a token depend only on its normalised form, whether it
 * starts the sentence, and the lexicon, so a tagger may cache their summed scores per word type.
 */
export const N_INTRINSIC = 18;

/** Static features the (UPOS-only) first pass uses: the intrinsic ones and the nearest context. */
export const N_FIRST_STATIC = 28;

/** Writes token `i`'s intrinsic features at `out[o…o + N_INTRINSIC)`. */
export function intrinsicFeatures(s: SentenceFeatures, i: number, out: Uint32Array, o: number): void {
  const j = i + PAD;
  const w = s.word[j];
  const a = s.amb[j];
  out[o] = mix(T_BIAS, 0);
  out[o + 1] = mix(T_WORD, w);
  out[o + 2] = mix(T_FORM, s.form[j]);
  out[o + 3] = mix(T_SUF1, s.suf1[j]);
  out[o + 4] = mix(T_SUF2, s.suf2[j]);
  out[o + 5] = mix(T_SUF3, s.suf3[j]);
  out[o + 6] = mix(T_SUF4, s.suf4[j]);
  out[o + 7] = mix(T_SUF5, s.suf5[j]);
  out[o + 8] = mix(T_PRE1, s.pre1[j]);
  out[o + 9] = mix(T_PRE2, s.pre2[j]);
  out[o + 10] = mix(T_PRE3, s.pre3[j]);
  out[o + 11] = mix(T_SHAPE, s.shape[j]);
  out[o + 12] = mix(T_CAPS, s.caps[j]);
  out[o + 13] = mix(T_CHARS, s.chars[j]);
  out[o + 14] = mix(T_AMB, a);
  out[o + 15] = mix(T_LOWAMB, s.lowerAmb[j]);
  out[o + 16] = mix(T_UPAMB, s.upperAmb[j]);
  out[o + 17] = mix(mix(T_SUF3CAPS, s.suf3[j]), s.caps[j]);
}

/** Writes token `i`'s contextual static features at `out[o + N_INTRINSIC…]`. */
function contextFeatures(s: SentenceFeatures, i: number, out: Uint32Array, o: number): void {
  const j = i + PAD;
  const w = s.word[j];
  const a = s.amb[j];
  // Contextual from here on (N_INTRINSIC); the first N_FIRST_STATIC also feed the first pass.
  out[o + 18] = mix(T_WM1, s.word[j - 1]);
  out[o + 19] = mix(T_WP1, s.word[j + 1]);
  out[o + 20] = mix(mix(T_WM1W, s.word[j - 1]), w);
  out[o + 21] = mix(mix(T_WWP1, w), s.word[j + 1]);
  out[o + 22] = mix(T_AMBP1, s.amb[j + 1]);
  out[o + 23] = mix(T_AMBM1, s.amb[j - 1]);
  out[o + 24] = mix(T_S3P1, s.suf3[j + 1]);
  out[o + 25] = mix(T_S3M1, s.suf3[j - 1]);
  out[o + 26] = mix(T_CAPSCTX, s.caps[j - 1] * 256 + s.caps[j] * 16 + s.caps[j + 1]);
  out[o + 27] = mix(T_SENTCAPS, s.sentCaps * 16 + s.caps[j]);
  // Main pass only.
  out[o + 28] = mix(T_WM2, s.word[j - 2]);
  out[o + 29] = mix(T_WP2, s.word[j + 2]);
  out[o + 30] = mix(T_SHP1, s.shape[j + 1]);
  out[o + 31] = mix(T_AMBP2, s.amb[j + 2]);
  out[o + 32] = mix(mix(T_AMBAMBP1, a), s.amb[j + 1]);
  out[o + 33] = mix(mix(T_WM1WP1, s.word[j - 1]), s.word[j + 1]);
  out[o + 34] = mix(T_SHM1, s.shape[j - 1]);
  out[o + 35] = mix(mix(T_AMBSENT, a), s.sentCaps * 16 + s.caps[j]);
}

/**
 * Fills the tag-independent features of every token (called at the end of `load`); the intrinsic ones
 * only when asked (a tagger caching their scores per word type computes them on a cache miss).
 */
function fillStatic(s: SentenceFeatures, intrinsic: boolean): void {
  for (let i = 0; i < s.length; i++) {
    if (intrinsic) intrinsicFeatures(s, i, s.stat, i * N_STATIC);
    contextFeatures(s, i, s.stat, i * N_STATIC);
  }
}

/**
 * Fills `out` with the features of token `i` given the two previous predicted tags (START_TAG before
 * the sentence). Returns the number of features written.
 */
export function tokenFeatures(s: SentenceFeatures, i: number, t1: number, t2: number, out: Uint32Array): number {
  const stat = s.stat;
  for (let f = 0, from = i * N_STATIC; f < N_STATIC; f++) out[f] = stat[from + f];
  const j = i + PAD;
  const w = s.word[j];
  const p1 = t1 + 2;
  const p2 = t2 + 2;
  const o = N_STATIC;
  out[o] = mix(T_T1, p1);
  out[o + 1] = mix(T_T2, p2);
  out[o + 2] = mix(mix(T_T1T2, p1), p2);
  out[o + 3] = mix(mix(T_T1W, p1), w);
  out[o + 4] = mix(mix(T_T1S3, p1), s.suf3[j]);
  out[o + 5] = mix(mix(T_T1SH, p1), s.shape[j]);
  out[o + 6] = mix(mix(T_T1AMB, p1), s.amb[j]);
  out[o + 7] = mix(mix(T_T1WP1, p1), s.word[j + 1]);
  out[o + 8] = mix(mix(T_T2W, p2), w);
  out[o + 9] = mix(mix(T_T1AMBP1, p1), s.amb[j + 1]);
  return o + 10;
}

/**
 * The first pass's features for token `i` (a subset of tokenFeatures: fewer weights to fetch, since it
 * only has to give the main model a UPOS guess), given its two previous UPOS guesses.
 */
export function firstFeatures(s: SentenceFeatures, i: number, t1: number, t2: number, out: Uint32Array): number {
  const stat = s.stat;
  for (let f = 0, from = i * N_STATIC; f < N_FIRST_STATIC; f++) out[f] = stat[from + f];
  const j = i + PAD;
  const p1 = t1 + 2;
  const p2 = t2 + 2;
  const o = N_FIRST_STATIC;
  out[o] = mix(T_T1, p1);
  out[o + 1] = mix(T_T2, p2);
  out[o + 2] = mix(mix(T_T1T2, p1), p2);
  out[o + 3] = mix(mix(T_T1W, p1), s.word[j]);
  out[o + 4] = mix(mix(T_T1AMB, p1), s.amb[j]);
  return o + 5;
}

/**
 * Appends the first pass's features for token `i` at `out[n…]`: its guesses `r0`, `r1`, `r2` for tokens i, i+1,
 * i+2 (END_TAG past the end), combined with the word and the previous label `t1`.
 * Returns the new feature count.
 */
export function rightFeatures(
  s: SentenceFeatures,
  i: number,
  t1: number,
  r0: number,
  r1: number,
  r2: number,
  out: Uint32Array,
  n: number,
): number {
  const j = i + PAD;
  const q0 = r0 + 3;
  const q1 = r1 + 3;
  const q2 = r2 + 3;
  out[n] = mix(T_R1, q1);
  out[n + 1] = mix(T_R2, q2);
  out[n + 2] = mix(mix(T_R1R2, q1), q2);
  out[n + 3] = mix(mix(T_R1W, q1), s.word[j]);
  out[n + 4] = mix(mix(T_T1R1, t1 + 3), q1);
  out[n + 5] = mix(mix(T_R1S3, q1), s.suf3[j]);
  out[n + 6] = mix(mix(T_R1AMB, q1), s.amb[j]);
  out[n + 7] = mix(T_R0, q0);
  out[n + 8] = mix(mix(T_R0W, q0), s.word[j]);
  out[n + 9] = mix(mix(T_T1R0, t1 + 3), q0);
  out[n + 10] = mix(mix(T_R0R1, q0), q1);
  return n + 11;
}

export const MAX_FEATURES = 64;
