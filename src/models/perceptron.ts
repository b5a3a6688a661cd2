/**
 * Averaged perceptron over hashed features, stored in typed arrays.
 *
 * Features are strings hashed (FNV-1a, 32 bit) into `nBuckets` buckets (a power of two). Each bucket
 * holds one weight per class, bucket-major, so scoring a feature reads `nClasses` contiguous floats.
 * Training keeps lazily averaged totals (Collins 2002; the "timestamp" trick), so an update costs
 * O(features × 2) and `average()` turns the weights into their average over all steps.
 *
 * Serialised weights are sparse (only non-zero buckets) and quantised to int8 or int16 with one scale
 * per model, which keeps shipped files small and loading fast.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(text: string, seed: number = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** A reusable buffer of hashed feature ids for one prediction. */
export class FeatureBuffer {
  ids: Uint32Array;
  length = 0;
  constructor(capacity = 128) {
    this.ids = new Uint32Array(capacity);
  }
  clear(): void {
    this.length = 0;
  }
  /** Adds the feature named by `text` (hashed). */
  add(text: string): void {
    if (this.length === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = hashString(text);
  }
  /** Adds an already hashed feature id. */
  addHash(hash: number): void {
    if (this.length === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = hash >>> 0;
  }
}

export interface PerceptronOptions {
  nClasses: number;
  /** Number of hash buckets; rounded up to a power of two. */
  nBuckets: number;
}

export class AveragedPerceptron {
  readonly nClasses: number;
  readonly nBuckets: number;
  private readonly mask: number;
  weights: Float32Array;
  private totals: Float64Array | null = null;
  private stamps: Uint32Array | null = null;
  private step = 0;

  constructor(options: PerceptronOptions) {
    if (options.nClasses < 1) throw new Error('AveragedPerceptron: nClasses must be ≥ 1');
    let buckets = 1;
    while (buckets < options.nBuckets) buckets *= 2;
    this.nClasses = options.nClasses;
    this.nBuckets = buckets;
    this.mask = buckets - 1;
    this.weights = new Float32Array(buckets * options.nClasses);
  }

  /** Bucket index of a hashed feature. */
  bucket(hash: number): number {
    return hash & this.mask;
  }

  /** Adds the scores of every feature to `out` (which it zeroes first) and returns it. */
  scores(features: FeatureBuffer, out: Float32Array = new Float32Array(this.nClasses)): Float32Array {
    const k = this.nClasses;
    const w = this.weights;
    out.fill(0);
    const ids = features.ids;
    for (let f = 0; f < features.length; f++) {
      const base = (ids[f] & this.mask) * k;
      for (let c = 0; c < k; c++) out[c] += w[base + c];
    }
    return out;
  }

  /** The best-scoring class (ties broken towards the lower class id). */
  predict(features: FeatureBuffer, scratch?: Float32Array): number {
    const s = this.scores(features, scratch);
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    return best;
  }

  /** Advances the training clock by one example; call once per prediction made during training. */
  tick(): void {
    this.step++;
  }

  /** Perceptron update: +1 to `truth`, −1 to `guess` for every feature. No-op when they agree. */
  update(features: FeatureBuffer, truth: number, guess: number): void {
    if (truth === guess) return;
    for (let f = 0; f < features.length; f++) {
      const base = (features.ids[f] & this.mask) * this.nClasses;
      this.bump(base + truth, 1);
      this.bump(base + guess, -1);
    }
  }

  /** Adds `delta` to one weight (bucket × class index), keeping the running average exact. */
  bump(index: number, delta: number): void {
    if (!this.totals || !this.stamps) {
      this.totals = new Float64Array(this.weights.length);
      this.stamps = new Uint32Array(this.weights.length);
    }
    this.totals[index] += (this.step - this.stamps[index]) * this.weights[index];
    this.stamps[index] = this.step;
    this.weights[index] += delta;
  }

  /** Replaces the weights by their average over all training steps and frees training state. */
  average(): void {
    if (!this.totals || !this.stamps || this.step === 0) return;
    const w = this.weights;
    for (let i = 0; i < w.length; i++) {
      const total = this.totals[i] + (this.step - this.stamps[i]) * w[i];
      w[i] = total / this.step;
    }
    this.totals = null;
    this.stamps = null;
  }

  /**
   * Sparse, quantised bytes: header, a bitmap of non-zero buckets, then one int per class of each
   * non-zero bucket. `bits` is 8 or 16.
   */
  serialize(bits: 8 | 16 = 16): Buffer {
    const k = this.nClasses;
    const w = this.weights;
    let maxAbs = 0;
    for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]));
    const limit = bits === 8 ? 127 : 32767;
    const scale = maxAbs > 0 ? maxAbs / limit : 1;
    const bitmap = new Uint8Array(Math.ceil(this.nBuckets / 8));
    let live = 0;
    for (let b = 0; b < this.nBuckets; b++) {
      for (let c = 0; c < k; c++) {
        if (Math.round(w[b * k + c] / scale) !== 0) {
          bitmap[b >> 3] |= 1 << (b & 7);
          live++;
          break;
        }
      }
    }
    const header = Buffer.alloc(24);
    header.write('HPCT', 0, 'ascii');
    header.writeUInt32LE(1, 4); // format version
    header.writeUInt32LE(k, 8);
    header.writeUInt32LE(this.nBuckets, 12);
    header.writeUInt32LE(bits, 16);
    header.writeFloatLE(scale, 20);
    const values = bits === 8 ? new Int8Array(live * k) : new Int16Array(live * k);
    let v = 0;
    for (let b = 0; b < this.nBuckets; b++) {
      if (!(bitmap[b >> 3] & (1 << (b & 7)))) continue;
      for (let c = 0; c < k; c++) values[v++] = Math.round(w[b * k + c] / scale);
    }
    return Buffer.concat([header, Buffer.from(bitmap.buffer), Buffer.from(values.buffer, values.byteOffset, values.byteLength)]);
  }

  static deserialize(bytes: Uint8Array): AveragedPerceptron {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.toString('ascii', 0, 4) !== 'HPCT') throw new Error('not a Herodotus perceptron model (bad magic)');
    const version = buf.readUInt32LE(4);
    if (version !== 1) throw new Error(`unsupported perceptron format version ${version}`);
    const k = buf.readUInt32LE(8);
    const nBuckets = buf.readUInt32LE(12);
    const bits = buf.readUInt32LE(16);
    const scale = buf.readFloatLE(20);
    const model = new AveragedPerceptron({ nClasses: k, nBuckets });
    const bitmapBytes = Math.ceil(nBuckets / 8);
    const bitmap = buf.subarray(24, 24 + bitmapBytes);
    const offset = 24 + bitmapBytes;
    const w = model.weights;
    // Copy the quantised values out once (the offset may not be aligned for a typed-array view).
    let live = 0;
    for (let i = 0; i < bitmapBytes; i++) {
      let v = bitmap[i];
      while (v) {
        v &= v - 1;
        live++;
      }
    }
    const byteLength = live * k * (bits / 8);
    const raw = new Uint8Array(byteLength);
    raw.set(buf.subarray(offset, offset + byteLength));
    const values = bits === 8 ? new Int8Array(raw.buffer) : new Int16Array(raw.buffer);
    let v = 0;
    for (let b = 0; b < nBuckets; b++) {
      if (!(bitmap[b >> 3] & (1 << (b & 7)))) continue;
      const base = b * k;
      for (let c = 0; c < k; c++) w[base + c] = values[v++] * scale;
    }
    return model;
  }
}
