/**
 * Scoring back-ends for the tagger's perceptrons.
 *
 * Training scores with the float AveragedPerceptron. At run time the weights stay in the quantised
 * integers of their serialised form (AveragedPerceptron.serialize, "HPCT" v1: 24-byte header, bitmap of
 * live buckets, then nClasses ints per live bucket): an int8 table is a quarter the size of the float
 * one, so far more of it stays in cache, and loading is a few block copies instead of a per-value parse.
 * Argmax over integer sums equals argmax over the dequantised floats (one positive scale per model).
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
    return this.model.serialize(bits);
  }
}

const HEADER = 24;

/** Quantised weights: live rows only plus a per-bucket row offset, scored with integer sums. */
export class QuantizedScorer implements LabelScorer {
  private readonly mask: number;
  private readonly sums: Int32Array;
  private bases = new Int32Array(64);

  /**
   * @param values live rows (nClasses ints each) followed by one all-zero row
   * @param rowBase offset in `values` of each bucket's row (dead buckets share the zero row)
   */
  private constructor(
    readonly nClasses: number,
    readonly nBuckets: number,
    readonly bits: 8 | 16,
    readonly scale: number,
    private readonly values: Int8Array | Int16Array,
    private readonly rowBase: Int32Array,
  ) {
    this.mask = nBuckets - 1;
    this.sums = new Int32Array(nClasses);
  }

  /** Reads AveragedPerceptron.serialize bytes. */
  static parse(bytes: Uint8Array): QuantizedScorer {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < HEADER || buf.toString('ascii', 0, 4) !== 'HPCT') throw new Error('not a Herodotus perceptron model (bad magic)');
    const version = buf.readUInt32LE(4);
    if (version !== 1) throw new Error(`unsupported perceptron format version ${version}`);
    const k = buf.readUInt32LE(8);
    const nBuckets = buf.readUInt32LE(12);
    const bits = buf.readUInt32LE(16);
    if (bits !== 8 && bits !== 16) throw new Error(`unsupported weight width ${bits}`);
    if ((nBuckets & (nBuckets - 1)) !== 0) throw new Error('bucket count is not a power of two');
    const scale = buf.readFloatLE(20);
    const bitmapBytes = Math.ceil(nBuckets / 8);
    const bitmap = buf.subarray(HEADER, HEADER + bitmapBytes);
    let live = 0;
    for (let i = 0; i < bitmap.length; i++) {
      let b = bitmap[i];
      while (b) {
        live += b & 1;
        b >>= 1;
      }
    }
    const start = HEADER + bitmapBytes;
    const expected = start + live * k * (bits / 8);
    if (buf.length !== expected) throw new Error(`perceptron weights truncated or padded (${buf.length} bytes, expected ${expected})`);
    const values = bits === 8 ? new Int8Array((live + 1) * k) : new Int16Array((live + 1) * k);
    if (bits === 8) values.set(new Int8Array(buf.buffer, buf.byteOffset + start, live * k));
    else for (let i = 0; i < live * k; i++) values[i] = buf.readInt16LE(start + 2 * i);
    const rowBase = new Int32Array(nBuckets).fill(live * k);
    let row = 0;
    for (let b = 0; b < nBuckets; b++) {
      if (bitmap[b >> 3] & (1 << (b & 7))) rowBase[b] = k * row++;
    }
    return new QuantizedScorer(k, nBuckets, bits, scale, values, rowBase);
  }

  best(features: FeatureBuffer): number {
    const k = this.nClasses;
    const s = this.sums;
    const w = this.values;
    const ids = features.ids;
    const rowBase = this.rowBase;
    s.fill(0);
    for (let f = 0; f < features.length; f++) {
      const base = rowBase[ids[f] & this.mask];
      for (let c = 0; c < k; c++) s[c] += w[base + c];
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (s[c] > s[best]) best = c;
    return best;
  }

  bestAmong(features: FeatureBuffer, candidates: Int32Array): number {
    const w = this.values;
    const ids = features.ids;
    const nf = features.length;
    if (this.bases.length < nf) this.bases = new Int32Array(nf * 2);
    const bases = this.bases;
    for (let f = 0; f < nf; f++) bases[f] = this.rowBase[ids[f] & this.mask];
    let best = candidates[0];
    let bestScore = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      const label = candidates[c];
      let score = 0;
      for (let f = 0; f < nf; f++) score += w[bases[f] + label];
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  }

  /** The same bytes format it was read from (re-quantising to another width is not supported). */
  serialize(bits: 8 | 16): Buffer {
    if (bits !== this.bits) throw new Error(`weights are stored as int${this.bits}; cannot re-serialise as int${bits}`);
    const k = this.nClasses;
    const zeroRow = this.values.length - k;
    const bitmap = new Uint8Array(Math.ceil(this.nBuckets / 8));
    const rows: number[] = [];
    for (let b = 0; b < this.nBuckets; b++) {
      const base = this.rowBase[b];
      if (base === zeroRow) continue;
      for (let c = 0; c < k; c++) {
        if (this.values[base + c] !== 0) {
          bitmap[b >> 3] |= 1 << (b & 7);
          rows.push(base);
          break;
        }
      }
    }
    const header = Buffer.alloc(HEADER);
    header.write('HPCT', 0, 'ascii');
    header.writeUInt32LE(1, 4);
    header.writeUInt32LE(k, 8);
    header.writeUInt32LE(this.nBuckets, 12);
    header.writeUInt32LE(this.bits, 16);
    header.writeFloatLE(this.scale, 20);
    const out = this.bits === 8 ? new Int8Array(rows.length * k) : new Int16Array(rows.length * k);
    rows.forEach((base, r) => out.set(this.values.subarray(base, base + k), r * k));
    return Buffer.concat([header, Buffer.from(bitmap.buffer), Buffer.from(out.buffer, out.byteOffset, out.byteLength)]);
  }
}
