/**
 * Scoring back-ends for the tagger's perceptrons.
 *
 * Training scores with the float AveragedPerceptron. At run time the weights are quantised integers
 * (one positive scale per model, so argmax over integer sums equals argmax over the dequantised floats)
 * stored sparsely: after averaging and quantisation a bucket holds on average fewer than 10 non-zero
 * weights of the main model's ~80 classes, so the file (and load time) only grows with the
 * non-zero weights. In memory they are expanded to dense rows (see SparseScorer).
 *
 * Serialised format "HSPW" v1: 24-byte header (magic, version, nClasses, nBuckets, bits, float scale),
 * one u8 entry count per bucket, then every entry's u8 class, then every entry's int8/int16 weight
 * (little-endian), buckets in order and classes ascending within a bucket.
 */

import type { AveragedPerceptron, FeatureBuffer } from '../perceptron.js';

export interface LabelScorer {
  readonly nClasses: number;
  /** The best class (ties → lowest id). */
  best(features: FeatureBuffer): number;
  /** The best class among `candidates` (ties → first candidate). */
  bestAmong(features: FeatureBuffer, candidates: Int32Array): number;
  /** Bytes in the AveragedPerceptron serialisation format. */
  serialize(bits: 8 | 16): Buffer;
}

/** Wraps a (training) float perceptron. */
export class FloatScorer implements LabelScorer {
  readonly nClasses: number;
  private readonly scratch: Float32Array;
  constructor(readonly model: AveragedPerceptron) {
    this.nClasses = model.nClasses;
    this.scratch = new Float32Array(model.nClasses);
  }
  best(features: FeatureBuffer): number {
    return this.model.predict(features, this.scratch);
  }
  bestAmong(features: FeatureBuffer, candidates: Int32Array): number {
    const k = this.nClasses;
    const mask = this.model.nBuckets - 1;
    const w = this.model.weights;
    const ids = features.ids;
    const nf = features.length;
    let best = candidates[0];
    let bestScore = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      const label = candidates[c];
      let score = 0;
      for (let f = 0; f < nf; f++) score += w[(ids[f] & mask) * k + label];
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  }
  serialize(bits: 8 | 16): Buffer {
    return SparseScorer.fromWeights(this.model.weights, this.nClasses, this.model.nBuckets, bits).serialize(bits);
  }
}


const HEADER = 24;
const MAGIC = 'HSPW';

/**
 * Quantised weights scored with integer sums. Stored sparse (see the file comment), held dense in
 * memory: nBuckets × nClasses int8 (or int16) values, so a feature's row is one contiguous read with a
 * fixed, branch-free loop — measured faster than walking sparse (class, weight) lists.
 */
export class SparseScorer implements LabelScorer {
  private readonly mask: number;
  private readonly sums: Int32Array;
  private rows = new Int32Array(64);

  private constructor(
    readonly nClasses: number,
    readonly nBuckets: number,
    readonly bits: 8 | 16,
    readonly scale: number,
    /** Bucket-major dense weights. */
    private readonly values: Int8Array | Int16Array,
  ) {
    this.mask = nBuckets - 1;
    this.sums = new Int32Array(nClasses);
  }

  /** Quantises dense bucket-major float weights (nBuckets × nClasses). */
  static fromWeights(w: Float32Array, k: number, nBuckets: number, bits: 8 | 16): SparseScorer {
    if (k > 255) throw new Error('SparseScorer: at most 255 classes');
    let maxAbs = 0;
    for (let i = 0; i < w.length; i++) {
      const a = Math.abs(w[i]);
      if (a > maxAbs) maxAbs = a;
    }
    const limit = bits === 8 ? 127 : 32767;
    const scale = maxAbs > 0 ? maxAbs / limit : 1;
    const values = bits === 8 ? new Int8Array(nBuckets * k) : new Int16Array(nBuckets * k);
    for (let i = 0; i < nBuckets * k; i++) values[i] = Math.round(w[i] / scale);
    return new SparseScorer(k, nBuckets, bits, scale, values);
  }

  /** Reads `serialize` bytes. */
  static parse(bytes: Uint8Array): SparseScorer {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < HEADER || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a Herodotus sparse weight table (bad magic)');
    const version = buf.readUInt32LE(4);
    if (version !== 1) throw new Error(`unsupported sparse weight format version ${version}`);
    const k = buf.readUInt32LE(8);
    const nBuckets = buf.readUInt32LE(12);
    const bits = buf.readUInt32LE(16);
    if (bits !== 8 && bits !== 16) throw new Error(`unsupported weight width ${bits}`);
    if ((nBuckets & (nBuckets - 1)) !== 0) throw new Error('bucket count is not a power of two');
    const scale = buf.readFloatLE(20);
    if (buf.length < HEADER + nBuckets) throw new Error('sparse weight table truncated');
    let total = 0;
    for (let b = 0; b < nBuckets; b++) total += buf[HEADER + b];
    const classAt = HEADER + nBuckets;
    const valueAt = classAt + total;
    const expected = valueAt + total * (bits / 8);
    if (buf.length !== expected) throw new Error(`sparse weights truncated or padded (${buf.length} bytes, expected ${expected})`);
    const values = bits === 8 ? new Int8Array(nBuckets * k) : new Int16Array(nBuckets * k);
    let e = 0;
    for (let b = 0; b < nBuckets; b++) {
      const base = b * k;
      for (let end = e + buf[HEADER + b]; e < end; e++) {
        const c = buf[classAt + e];
        if (c >= k) throw new Error('sparse weight class out of range');
        values[base + c] = bits === 8 ? (buf[valueAt + e] << 24) >> 24 : buf.readInt16LE(valueAt + 2 * e);
      }
    }
    return new SparseScorer(k, nBuckets, bits, scale, values);
  }

  /** Integer class scores of `features` (a shared scratch array, overwritten by the next call). */
  scores(features: FeatureBuffer): Int32Array {
    const s = this.sums;
    const k = this.nClasses;
    const w = this.values;
    const mask = this.mask;
    const ids = features.ids;
    s.fill(0);
    for (let f = 0; f < features.length; f++) {
      const base = (ids[f] & mask) * k;
      for (let c = 0; c < k; c++) s[c] += w[base + c];
    }
    return s;
  }

  /**
   * Best class (among `candidates` when not null) for the sum of precomputed partial scores
   * `base[baseAt … baseAt + nClasses)` and the weights of `features.ids[start …]`.
   */
  bestFrom(base: Int16Array, baseAt: number, features: FeatureBuffer, start: number, candidates: Int32Array | null): number {
    const k = this.nClasses;
    const w = this.values;
    const mask = this.mask;
    const ids = features.ids;
    const nf = features.length;
    if (candidates !== null) {
      // Few allowed labels: sum each one's column over the feature rows (a fraction of the table reads).
      if (this.rows.length < nf) this.rows = new Int32Array(nf * 2);
      const rows = this.rows;
      for (let f = start; f < nf; f++) rows[f] = (ids[f] & mask) * k;
      let best = candidates[0];
      let bestScore = -Infinity;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i];
        let score = base[baseAt + c];
        for (let f = start; f < nf; f++) score += w[rows[f] + c];
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      return best;
    }
    const s = this.sumsFrom(base, baseAt, features, start);
    let best = 0;
    for (let c = 1; c < k; c++) if (s[c] > s[best]) best = c;
    return best;
  }

  /**
   * Class sums of `base[baseAt…]` plus the weights of `features.ids[start …]` (shared scratch array). The
   * feature rows are gathered first, then eight classes at a time are summed in registers: independent
   * addition chains and no store per addition (integer sums, so the result is the same in any order).
   */
  sumsFrom(base: Int16Array, baseAt: number, features: FeatureBuffer, start: number): Int32Array {
    const s = this.sums;
    const k = this.nClasses;
    const w = this.values;
    const mask = this.mask;
    const ids = features.ids;
    const nf = features.length;
    if (this.rows.length < nf) this.rows = new Int32Array(nf * 2);
    const rows = this.rows;
    let nr = 0;
    for (let f = start; f < nf; f++) rows[nr++] = (ids[f] & mask) * k;
    let c = 0;
    for (; c + 8 <= k; c += 8) {
      const at = baseAt + c;
      let s0 = base[at];
      let s1 = base[at + 1];
      let s2 = base[at + 2];
      let s3 = base[at + 3];
      let s4 = base[at + 4];
      let s5 = base[at + 5];
      let s6 = base[at + 6];
      let s7 = base[at + 7];
      for (let r = 0; r < nr; r++) {
        const row = rows[r] + c;
        s0 += w[row];
        s1 += w[row + 1];
        s2 += w[row + 2];
        s3 += w[row + 3];
        s4 += w[row + 4];
        s5 += w[row + 5];
        s6 += w[row + 6];
        s7 += w[row + 7];
      }
      s[c] = s0;
      s[c + 1] = s1;
      s[c + 2] = s2;
      s[c + 3] = s3;
      s[c + 4] = s4;
      s[c + 5] = s5;
      s[c + 6] = s6;
      s[c + 7] = s7;
    }
    for (; c < k; c++) {
      let sum = base[baseAt + c];
      for (let r = 0; r < nr; r++) sum += w[rows[r] + c];
      s[c] = sum;
    }
    return s;
  }

  /**
   * Like bestFrom, also writing the scores it computes to `out[outAt + c]` (every class, or only the
   * candidates when given: other entries are left as they were).
   */
  bestFromInto(
    base: Int16Array,
    baseAt: number,
    features: FeatureBuffer,
    start: number,
    candidates: Int32Array | null,
    out: Int32Array,
    outAt: number,
  ): number {
    const k = this.nClasses;
    if (candidates !== null) {
      const w = this.values;
      const mask = this.mask;
      const ids = features.ids;
      const nf = features.length;
      if (this.rows.length < nf) this.rows = new Int32Array(nf * 2);
      const rows = this.rows;
      for (let f = start; f < nf; f++) rows[f] = (ids[f] & mask) * k;
      let best = candidates[0];
      let bestScore = -Infinity;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i];
        let score = base[baseAt + c];
        for (let f = start; f < nf; f++) score += w[rows[f] + c];
        out[outAt + c] = score;
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      return best;
    }
    const s = this.sumsFrom(base, baseAt, features, start);
    out.set(s, outAt);
    let best = 0;
    for (let c = 1; c < k; c++) if (s[c] > s[best]) best = c;
    return best;
  }

  /**
   * Like bestFrom, with `beta × bonus[bonusAt + group[c]]` added to each class c's score (another
   * model's opinion about the class's group, e.g. its UPOS).
   */
  bestFromWithBonus(
    base: Int16Array,
    baseAt: number,
    features: FeatureBuffer,
    start: number,
    candidates: Int32Array | null,
    bonus: Int32Array,
    bonusAt: number,
    group: Int32Array,
    beta: number,
  ): number {
    const k = this.nClasses;
    if (candidates !== null) {
      const w = this.values;
      const mask = this.mask;
      const ids = features.ids;
      const nf = features.length;
      if (this.rows.length < nf) this.rows = new Int32Array(nf * 2);
      const rows = this.rows;
      for (let f = start; f < nf; f++) rows[f] = (ids[f] & mask) * k;
      let best = candidates[0];
      let bestScore = -Infinity;
      for (let i = 0; i < candidates.length; i++) {
        const c = candidates[i];
        let score = base[baseAt + c];
        for (let f = start; f < nf; f++) score += w[rows[f] + c];
        const total = score + beta * bonus[bonusAt + group[c]];
        if (total > bestScore) {
          bestScore = total;
          best = c;
        }
      }
      return best;
    }
    const s = this.sumsFrom(base, baseAt, features, start);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const total = s[c] + beta * bonus[bonusAt + group[c]];
      if (total > bestScore) {
        bestScore = total;
        best = c;
      }
    }
    return best;
  }

  best(features: FeatureBuffer): number {
    const s = this.scores(features);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    return best;
  }

  bestAmong(features: FeatureBuffer, candidates: Int32Array): number {
    const s = this.scores(features);
    let best = candidates[0];
    for (let c = 1; c < candidates.length; c++) if (s[candidates[c]] > s[best]) best = candidates[c];
    return best;
  }

  /** Non-zero weights stored. */
  get size(): number {
    let n = 0;
    for (let i = 0; i < this.values.length; i++) if (this.values[i] !== 0) n++;
    return n;
  }

  /** The bytes format it was read from (re-quantising to another width is not supported). */
  serialize(bits: 8 | 16): Buffer {
    if (bits !== this.bits) throw new Error(`weights are stored as int${this.bits}; cannot re-serialise as int${bits}`);
    const k = this.nClasses;
    const w = this.values;
    const total = this.size;
    const out = Buffer.alloc(HEADER + this.nBuckets + total * (1 + bits / 8));
    out.write(MAGIC, 0, 'ascii');
    out.writeUInt32LE(1, 4);
    out.writeUInt32LE(k, 8);
    out.writeUInt32LE(this.nBuckets, 12);
    out.writeUInt32LE(this.bits, 16);
    out.writeFloatLE(this.scale, 20);
    const classAt = HEADER + this.nBuckets;
    const valueAt = classAt + total;
    let e = 0;
    for (let b = 0; b < this.nBuckets; b++) {
      let count = 0;
      for (let c = 0; c < k; c++) {
        const v = w[b * k + c];
        if (v === 0) continue;
        count++;
        out[classAt + e] = c;
        if (bits === 8) out.writeInt8(v, valueAt + e);
        else out.writeInt16LE(v, valueAt + 2 * e);
        e++;
      }
      out[HEADER + b] = count;
    }
    return out;
  }
}
