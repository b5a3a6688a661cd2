/**
 * Scoring back-ends for the tagger's perceptrons.
 *
 * Training scores with the float AveragedPerceptron. At run time the weights are quantised integers
 * (one positive scale per model, so argmax over integer sums equals argmax over the dequantised floats)
 * stored sparsely: after averaging and quantisation a bucket holds on average fewer than 10 non-zero
 * weights of the main model's ~80 classes, so each feature adds only its non-zero (class, weight)
 * entries. That is several times fewer memory reads than dense rows, and the file only grows with the
 * non-zero weights, which leaves room for more hash buckets (fewer collisions).
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

/** Quantised sparse weights scored with integer sums. */
export class SparseScorer implements LabelScorer {
  private readonly mask: number;
  private readonly sums: Int32Array;

  /**
   * @param rowStart bucket b's entries are entries[rowStart[b] … rowStart[b + 1])
   * @param entries (weight << 8) | class
   */
  private constructor(
    readonly nClasses: number,
    readonly nBuckets: number,
    readonly bits: 8 | 16,
    readonly scale: number,
    private readonly rowStart: Int32Array,
    private readonly entries: Int32Array,
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
    const rowStart = new Int32Array(nBuckets + 1);
    let total = 0;
    for (let b = 0; b < nBuckets; b++) {
      rowStart[b] = total;
      for (let c = 0; c < k; c++) if (Math.round(w[b * k + c] / scale) !== 0) total++;
    }
    rowStart[nBuckets] = total;
    const entries = new Int32Array(total);
    let e = 0;
    for (let b = 0; b < nBuckets; b++) {
      for (let c = 0; c < k; c++) {
        const q = Math.round(w[b * k + c] / scale);
        if (q !== 0) entries[e++] = (q << 8) | c;
      }
    }
    return new SparseScorer(k, nBuckets, bits, scale, rowStart, entries);
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
    const rowStart = new Int32Array(nBuckets + 1);
    let total = 0;
    for (let b = 0; b < nBuckets; b++) {
      rowStart[b] = total;
      total += buf[HEADER + b];
    }
    rowStart[nBuckets] = total;
    const classAt = HEADER + nBuckets;
    const valueAt = classAt + total;
    const expected = valueAt + total * (bits / 8);
    if (buf.length !== expected) throw new Error(`sparse weights truncated or padded (${buf.length} bytes, expected ${expected})`);
    const entries = new Int32Array(total);
    if (bits === 8) {
      for (let e = 0; e < total; e++) entries[e] = ((buf[valueAt + e] << 24) >> 16) | buf[classAt + e];
    } else {
      for (let e = 0; e < total; e++) entries[e] = (buf.readInt16LE(valueAt + 2 * e) << 8) | buf[classAt + e];
    }
    return new SparseScorer(k, nBuckets, bits, scale, rowStart, entries);
  }

  /** Integer class scores of `features` (a shared scratch array, overwritten by the next call). */
  scores(features: FeatureBuffer): Int32Array {
    const s = this.sums;
    const entries = this.entries;
    const rowStart = this.rowStart;
    const mask = this.mask;
    const ids = features.ids;
    s.fill(0);
    for (let f = 0; f < features.length; f++) {
      const b = ids[f] & mask;
      const end = rowStart[b + 1];
      for (let e = rowStart[b]; e < end; e++) {
        const v = entries[e];
        s[v & 255] += v >> 8;
      }
    }
    return s;
  }

  /**
   * Best class (among `candidates` when not null) for the sum of precomputed partial scores
   * `base[baseAt … baseAt + nClasses)` and the weights of `features.ids[start …]`.
   */
  bestFrom(base: Int16Array, baseAt: number, features: FeatureBuffer, start: number, candidates: Int32Array | null): number {
    const s = this.sums;
    const k = this.nClasses;
    for (let c = 0; c < k; c++) s[c] = base[baseAt + c];
    const entries = this.entries;
    const rowStart = this.rowStart;
    const mask = this.mask;
    const ids = features.ids;
    for (let f = start; f < features.length; f++) {
      const b = ids[f] & mask;
      const end = rowStart[b + 1];
      for (let e = rowStart[b]; e < end; e++) {
        const v = entries[e];
        s[v & 255] += v >> 8;
      }
    }
    if (candidates === null) {
      let best = 0;
      for (let c = 1; c < k; c++) if (s[c] > s[best]) best = c;
      return best;
    }
    let best = candidates[0];
    for (let c = 1; c < candidates.length; c++) if (s[candidates[c]] > s[best]) best = candidates[c];
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
    return this.entries.length;
  }

  /** The bytes format it was read from (re-quantising to another width is not supported). */
  serialize(bits: 8 | 16): Buffer {
    if (bits !== this.bits) throw new Error(`weights are stored as int${this.bits}; cannot re-serialise as int${bits}`);
    const total = this.entries.length;
    const out = Buffer.alloc(HEADER + this.nBuckets + total * (1 + bits / 8));
    out.write(MAGIC, 0, 'ascii');
    out.writeUInt32LE(1, 4);
    out.writeUInt32LE(this.nClasses, 8);
    out.writeUInt32LE(this.nBuckets, 12);
    out.writeUInt32LE(this.bits, 16);
    out.writeFloatLE(this.scale, 20);
    for (let b = 0; b < this.nBuckets; b++) out[HEADER + b] = this.rowStart[b + 1] - this.rowStart[b];
    const classAt = HEADER + this.nBuckets;
    const valueAt = classAt + total;
    for (let e = 0; e < total; e++) {
      const v = this.entries[e];
      out[classAt + e] = v & 255;
      if (bits === 8) out.writeInt8(v >> 8, valueAt + e);
      else out.writeInt16LE(v >> 8, valueAt + 2 * e);
    }
    return out;
  }
}
