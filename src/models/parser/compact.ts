/**
 * Runtime linear model for the parser: hashed features (bucket = hash & (nBuckets − 1)), weights kept
 * QUANTISED in memory so that the tables stay small enough for the CPU caches:
 *
 * - mode 16: int16 weights with one scale for the model (used for the 3-class transition model);
 * - mode 8:  int8 weights with one scale per bucket (used for the label model: a per-bucket scale keeps
 *            the small weights of rare features that a single scale would round to zero);
 * - mode 9:  int8 weights with one scale for the model (the 3-class transition model: half the bytes of
 *            mode 16, so twice the buckets fit in the same memory; on EWT dev it parsed as well as int16).
 *
 * File formats:
 * - dense (written now): the in-memory arrays as they are, so that loading is a view over the file's bytes
 *   with no copy when the bytes are 4-byte aligned (almost every bucket of a trained model is live, so the
 *   sparse form saved little space and cost ~100 ms of scattering at every start-up):
 *     u32 'HPCD' | u32 nClasses | u32 nBuckets | u32 mode | scales (modes 16 and 9: 1 f32; mode 8: nBuckets f32) |
 *     nBuckets × nClasses weights (int16 or int8) | zero padding to a multiple of 4 bytes
 * - sparse (read for older model files): only buckets with a non-zero weight are stored:
 *     u32 'HPCL' | u32 nClasses | u32 nBuckets | u32 mode | u32 live | bitmap (nBuckets/8 bytes)
 *     mode 16: f32 scale, live × nClasses int16
 *     mode 8:  live × f32 bucket scale, live × nClasses int8
 *     mode 9:  f32 scale, live × nClasses int8
 */

import type { FeatureBuffer } from '../perceptron.js';

const MAGIC = 0x4c435048; // 'HPCL' little-endian (sparse)
const MAGIC_DENSE = 0x44435048; // 'HPCD' little-endian (dense)

/** Quantisation modes (see the file comment). */
export type CompactMode = 8 | 9 | 16;

function isMode(m: number): m is CompactMode {
  return m === 8 || m === 9 || m === 16;
}

/** Number of stored scales: one per bucket in mode 8, one for the model otherwise. */
function scaleCount(mode: CompactMode, nBuckets: number): number {
  return mode === 8 ? nBuckets : 1;
}

export class CompactLinear {
  readonly nClasses: number;
  readonly nBuckets: number;
  readonly mask: number;
  readonly mode: CompactMode;
  /** Dense quantised weights, bucket-major (Int16Array in mode 16, Int8Array in modes 8 and 9). */
  readonly q: Int16Array | Int8Array;
  // The same array under its precise type (the other is empty), so element access stays monomorphic.
  private readonly q16: Int16Array;
  private readonly q8: Int8Array;
  /** Per-instance scratch. */
  private readonly acc: Float64Array;
  private rowBase = new Int32Array(64);
  private rowScale = new Float64Array(64);
  /**
   * Mode 8: every bucket's scale and weights side by side (a float32 scale, then the nClasses int8 weights, padded
   * to `rowStride` bytes), filled once from `scales` and `q` (see rowsReady). Scoring reads a bucket's scale and
   * weights from one place instead of two tables, which saves a cache miss per feature; the values, and so the
   * scores, are the same. Empty in the other modes.
   */
  private readonly rows8: Int8Array;
  private readonly rowsF32: Float32Array;
  private readonly rowStride: number;
  /**
   * Whether rows8 holds the interleaved rows. They are filled on the first scoring, not at load: a model loaded but
   * never asked for labels (the second opinion's label model) then costs neither the copy nor the memory.
   */
  private rowsReady: boolean;
  /** Modes 16 and 9: [scale]; mode 8: one scale per bucket (0 for empty buckets). */
  readonly scales: Float32Array;

  private constructor(nClasses: number, nBuckets: number, mode: CompactMode, q: Int16Array | Int8Array, scales: Float32Array) {
    if ((nBuckets & (nBuckets - 1)) !== 0) throw new Error('CompactLinear: nBuckets must be a power of two');
    this.nClasses = nClasses;
    this.nBuckets = nBuckets;
    this.mask = nBuckets - 1;
    this.mode = mode;
    this.q = q;
    this.q16 = q instanceof Int16Array ? q : new Int16Array(0);
    this.q8 = q instanceof Int8Array ? q : new Int8Array(0);
    this.scales = scales;
    this.acc = new Float64Array(nClasses);
    this.rowStride = mode === 8 ? (nClasses + 4 + 3) & ~3 : 0;
    const rows = new ArrayBuffer(nBuckets * this.rowStride);
    this.rows8 = new Int8Array(rows);
    this.rowsF32 = new Float32Array(rows);
    this.rowsReady = mode !== 8;
  }

  /** Quantises float weights (bucket-major, nBuckets × nClasses). */
  static fromWeights(weights: Float32Array, nClasses: number, nBuckets: number, mode: CompactMode): CompactLinear {
    const k = nClasses;
    if (weights.length !== nBuckets * k) throw new Error('CompactLinear: weight array has the wrong size');
    if (mode === 16 || mode === 9) {
      let maxAbs = 0;
      for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
      const top = mode === 16 ? 32767 : 127;
      const scale = maxAbs > 0 ? maxAbs / top : 1;
      const q = mode === 16 ? new Int16Array(weights.length) : new Int8Array(weights.length);
      for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i] / scale);
      return new CompactLinear(k, nBuckets, mode, q, new Float32Array([scale]));
    }
    const q = new Int8Array(weights.length);
    const scales = new Float32Array(nBuckets);
    for (let b = 0; b < nBuckets; b++) {
      let m = 0;
      for (let c = 0; c < k; c++) m = Math.max(m, Math.abs(weights[b * k + c]));
      if (m === 0) continue;
      const scale = m / 127;
      scales[b] = scale;
      for (let c = 0; c < k; c++) q[b * k + c] = Math.round(weights[b * k + c] / scale);
    }
    return new CompactLinear(k, nBuckets, 8, q, scales);
  }

  scores(fb: FeatureBuffer, out: Float32Array): Float32Array {
    return this.mode === 8 ? this.scores8(fb, out) : this.scoresOneScale(fb, out);
  }

  /**
   * Any class count with one scale for the model (modes 16 and 9). Not on the parser's hot path (its three-class
   * transition model goes through scores3), so one loop serves both weight arrays.
   */
  private scoresOneScale(fb: FeatureBuffer, out: Float32Array): Float32Array {
    const k = this.nClasses;
    const q = this.q;
    const ids = fb.ids;
    const mask = this.mask;
    out.fill(0);
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & mask) * k;
      for (let c = 0; c < k; c++) out[c] += q[base + c];
    }
    const s = this.scales[0];
    for (let c = 0; c < k; c++) out[c] *= s;
    return out;
  }

  /**
   * Scores of classes lo..hi−1 only (mode 8), written to out[lo..hi−1]; the other entries are
   * untouched. Lets the parser score just the labels possible in one attachment direction.
   */
  scoresRange(fb: FeatureBuffer, out: Float32Array, lo: number, hi: number): Float32Array {
    if (this.mode !== 8) {
      this.scores(fb, out);
      return out;
    }
    const q = this.rows8;
    // Gather the live rows first, then sum class by class in a register (no store per addition).
    const rows = this.gatherRows(fb);
    const rowBase = this.rowBase;
    const rowScale = this.rowScale;
    // Eight (then four) classes at a time: independent addition chains instead of one latency-bound
    // chain.
    let c = lo;
    for (; c + 8 <= hi; c += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let r = 0; r < rows; r++) {
        const base = rowBase[r] + c;
        const sc = rowScale[r];
        s0 += q[base] * sc;
        s1 += q[base + 1] * sc;
        s2 += q[base + 2] * sc;
        s3 += q[base + 3] * sc;
        s4 += q[base + 4] * sc;
        s5 += q[base + 5] * sc;
        s6 += q[base + 6] * sc;
        s7 += q[base + 7] * sc;
      }
      out[c] = s0;
      out[c + 1] = s1;
      out[c + 2] = s2;
      out[c + 3] = s3;
      out[c + 4] = s4;
      out[c + 5] = s5;
      out[c + 6] = s6;
      out[c + 7] = s7;
    }
    for (; c + 4 <= hi; c += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < rows; r++) {
        const base = rowBase[r] + c;
        const sc = rowScale[r];
        s0 += q[base] * sc;
        s1 += q[base + 1] * sc;
        s2 += q[base + 2] * sc;
        s3 += q[base + 3] * sc;
      }
      out[c] = s0;
      out[c + 1] = s1;
      out[c + 2] = s2;
      out[c + 3] = s3;
    }
    for (; c < hi; c++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += q[rowBase[r] + c] * rowScale[r];
      out[c] = sum;
    }
    return out;
  }

  /**
   * Scores of the classes in `candidates` only (mode 8), written to out[c] for each candidate c; returns the
   * best of them (the first on ties), or −1 when there is none. Each score is summed exactly as scoresRange
   * sums it, so the choice is the one scoresRange's scores would give among the same classes.
   */
  bestAmong(fb: FeatureBuffer, out: Float32Array, candidates: Int32Array): number {
    if (this.mode !== 8) {
      this.scores(fb, out);
    } else {
      const q = this.rows8;
      const rows = this.gatherRows(fb);
      const rowBase = this.rowBase;
      const rowScale = this.rowScale;
      // Four candidates at a time: independent addition chains, as in scoresRange.
      const n = candidates.length;
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        const c0 = candidates[i];
        const c1 = candidates[i + 1];
        const c2 = candidates[i + 2];
        const c3 = candidates[i + 3];
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let r = 0; r < rows; r++) {
          const base = rowBase[r];
          const sc = rowScale[r];
          s0 += q[base + c0] * sc;
          s1 += q[base + c1] * sc;
          s2 += q[base + c2] * sc;
          s3 += q[base + c3] * sc;
        }
        out[c0] = s0;
        out[c1] = s1;
        out[c2] = s2;
        out[c3] = s3;
      }
      for (; i < n; i++) {
        const c = candidates[i];
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += q[rowBase[r] + c] * rowScale[r];
        out[c] = sum;
      }
    }
    let best = -1;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      if (best < 0 || out[c] > out[best]) best = c;
    }
    return best;
  }

  /** Fills rowBase/rowScale with the weight row and scale of every feature whose bucket is live (mode 8); returns their count. */
  private gatherRows(fb: FeatureBuffer): number {
    if (!this.rowsReady) {
      interleaveRows(this.q8, this.scales, this.nClasses, this.nBuckets, this.rowStride, this.rows8, this.rowsF32);
      this.rowsReady = true;
    }
    const stride = this.rowStride;
    const scaleAt = stride >> 2;
    const ids = fb.ids;
    const mask = this.mask;
    const rowsF32 = this.rowsF32;
    if (this.rowBase.length < fb.length) {
      this.rowBase = new Int32Array(fb.length * 2);
      this.rowScale = new Float64Array(fb.length * 2);
    }
    const rowBase = this.rowBase;
    const rowScale = this.rowScale;
    let rows = 0;
    for (let f = 0; f < fb.length; f++) {
      const b = ids[f] & mask;
      const s = rowsF32[b * scaleAt];
      if (s === 0) continue;
      rowBase[rows] = b * stride + 4;
      rowScale[rows++] = s;
    }
    return rows;
  }

  private scores8(fb: FeatureBuffer, out: Float32Array): Float32Array {
    const k = this.nClasses;
    const q = this.q8;
    const ids = fb.ids;
    const mask = this.mask;
    const scales = this.scales;
    const acc = this.acc;
    acc.fill(0);
    for (let f = 0; f < fb.length; f++) {
      const b = ids[f] & mask;
      const s = scales[b];
      if (s === 0) continue;
      const base = b * k;
      for (let c = 0; c < k; c++) acc[c] += q[base + c] * s;
    }
    for (let c = 0; c < k; c++) out[c] = acc[c];
    return out;
  }

  /**
   * Scoring for a three-class model with one scale (mode 16 or 9). `partial`, when given (only for those modes; see
   * hasIntegerSums3), holds the unscaled weight sums of features left out of `fb` (from sums3), added before scaling.
   */
  scores3(fb: FeatureBuffer, out: Float32Array, partial: Float64Array | null = null): Float32Array {
    if (this.nClasses !== 3) return this.scores(fb, out);
    if (this.mode === 9) return this.scores3int8(fb, out, partial);
    if (this.mode !== 16) return this.scores(fb, out);
    const q = this.q16;
    const ids = fb.ids;
    const mask = this.mask;
    let a = partial === null ? 0 : partial[0];
    let b = partial === null ? 0 : partial[1];
    let c = partial === null ? 0 : partial[2];
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & mask) * 3;
      a += q[base];
      b += q[base + 1];
      c += q[base + 2];
    }
    const s = this.scales[0];
    out[0] = a * s;
    out[1] = b * s;
    out[2] = c * s;
    return out;
  }

  // The int16 loop again over the Int8Array: one loop over the union type would make the parser's hottest
  // element access polymorphic.
  private scores3int8(fb: FeatureBuffer, out: Float32Array, partial: Float64Array | null): Float32Array {
    const q = this.q8;
    const ids = fb.ids;
    const mask = this.mask;
    let a = partial === null ? 0 : partial[0];
    let b = partial === null ? 0 : partial[1];
    let c = partial === null ? 0 : partial[2];
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & mask) * 3;
      a += q[base];
      b += q[base + 1];
      c += q[base + 2];
    }
    const s = this.scales[0];
    out[0] = a * s;
    out[1] = b * s;
    out[2] = c * s;
    return out;
  }

  /** Whether scores3 sums integer weights before one scale (modes 16 and 9), so that sums3 can split its work exactly. */
  get hasIntegerSums3(): boolean {
    return this.nClasses === 3 && (this.mode === 16 || this.mode === 9);
  }

  /** The unscaled integer weight sums of `fb`'s features for the three classes (a model with hasIntegerSums3). */
  sums3(fb: FeatureBuffer, out: Float64Array): Float64Array {
    const q = this.mode === 9 ? this.q8 : this.q16;
    const ids = fb.ids;
    const mask = this.mask;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & mask) * 3;
      a += q[base];
      b += q[base + 1];
      c += q[base + 2];
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
    return out;
  }

  serialize(): Buffer {
    const k = this.nClasses;
    const nb = this.nBuckets;
    const q = this.q;
    const bitmap = new Uint8Array(Math.max(1, nb >>> 3));
    let live = 0;
    for (let b = 0; b < nb; b++) {
      for (let c = 0; c < k; c++) {
        if (q[b * k + c] !== 0) {
          bitmap[b >>> 3] |= 1 << (b & 7);
          live++;
          break;
        }
      }
    }
    const header = Buffer.alloc(20);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(k, 4);
    header.writeUInt32LE(nb, 8);
    header.writeUInt32LE(this.mode, 12);
    header.writeUInt32LE(live, 16);
    const parts: Buffer[] = [header, Buffer.from(bitmap.buffer)];
    const values = this.mode === 16 ? new Int16Array(live * k) : new Int8Array(live * k);
    const scales = this.mode === 8 ? new Float32Array(live) : new Float32Array([this.scales[0]]);
    let v = 0;
    let j = 0;
    for (let b = 0; b < nb; b++) {
      if (!(bitmap[b >>> 3] & (1 << (b & 7)))) continue;
      if (this.mode === 8) scales[j++] = this.scales[b];
      for (let c = 0; c < k; c++) values[v++] = q[b * k + c];
    }
    parts.push(Buffer.from(scales.buffer), Buffer.from(values.buffer));
    return Buffer.concat(parts);
  }

  /** The dense file form (see the file comment); its length is a multiple of 4. */
  serializeDense(): Buffer {
    const header = Buffer.alloc(16);
    header.writeUInt32LE(MAGIC_DENSE, 0);
    header.writeUInt32LE(this.nClasses, 4);
    header.writeUInt32LE(this.nBuckets, 8);
    header.writeUInt32LE(this.mode, 12);
    const scales = this.scales.subarray(0, scaleCount(this.mode, this.nBuckets));
    const weights = Buffer.from(this.q.buffer, this.q.byteOffset, this.q.byteLength);
    const pad = Buffer.alloc((4 - (weights.length % 4)) % 4);
    return Buffer.concat([header, Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength), weights, pad]);
  }

  /** Reads a model in either form; returns it with the number of bytes consumed. */
  static deserialize(bytes: Uint8Array): { model: CompactLinear; bytes: number } {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (dv.getUint32(0, true) === MAGIC_DENSE) return CompactLinear.deserializeDense(bytes, dv);
    if (dv.getUint32(0, true) !== MAGIC) throw new Error('not a Herodotus compact linear model (bad magic)');
    const k = dv.getUint32(4, true);
    const nb = dv.getUint32(8, true);
    const mode = dv.getUint32(12, true);
    const live = dv.getUint32(16, true);
    if (!isMode(mode)) throw new Error(`CompactLinear: unknown mode ${mode}`);
    let off = 20;
    const bitmapBytes = Math.max(1, nb >>> 3);
    const bitmap = bytes.subarray(off, off + bitmapBytes);
    off += bitmapBytes;
    const nScales = mode === 8 ? live : 1;
    // Copy into fresh, aligned buffers so typed-array views can be used (Buffer#slice does not copy).
    const copy = (a: number, b: number): ArrayBuffer => new Uint8Array(bytes.subarray(a, b)).buffer;
    const liveScales = new Float32Array(copy(off, off + nScales * 4));
    off += nScales * 4;
    const valueBytes = live * k * (mode === 16 ? 2 : 1);
    const values = mode === 16 ? new Int16Array(copy(off, off + valueBytes)) : new Int8Array(copy(off, off + valueBytes));
    off += valueBytes;
    if (mode === 16) {
      const q = new Int16Array(nb * k);
      scatter(bitmap, nb, k, values as Int16Array, q);
      return { model: new CompactLinear(k, nb, mode, q, liveScales), bytes: off };
    }
    if (mode === 9) {
      const q = new Int8Array(nb * k);
      scatter(bitmap, nb, k, values as Int8Array, q);
      return { model: new CompactLinear(k, nb, mode, q, liveScales), bytes: off };
    }
    const q = new Int8Array(nb * k);
    scatter(bitmap, nb, k, values as Int8Array, q);
    const scales = new Float32Array(nb);
    let j = 0;
    for (let byte = 0; byte < bitmap.length; byte++) {
      const bits = bitmap[byte];
      if (bits === 0) continue;
      for (let i = 0; i < 8; i++) if (bits & (1 << i)) scales[byte * 8 + i] = liveScales[j++];
    }
    return { model: new CompactLinear(k, nb, mode, q, scales), bytes: off };
  }

  private static deserializeDense(bytes: Uint8Array, dv: DataView): { model: CompactLinear; bytes: number } {
    const k = dv.getUint32(4, true);
    const nb = dv.getUint32(8, true);
    const mode = dv.getUint32(12, true);
    if (!isMode(mode)) throw new Error(`CompactLinear: unknown mode ${mode}`);
    const { scales, q, end } = denseArrays(bytes, 16, scaleCount(mode, nb), nb * k, mode);
    return { model: new CompactLinear(k, nb, mode, q, scales), bytes: end };
  }
}

/** Views (or, when the bytes are not 4-byte aligned, copies) of a dense model's arrays. */
function denseArrays(bytes: Uint8Array, off: number, nScales: number, nWeights: number, mode: CompactMode): { scales: Float32Array; q: Int16Array | Int8Array; end: number } {
  const weightBytes = nWeights * (mode === 16 ? 2 : 1);
  const end = off + nScales * 4 + weightBytes;
  if (end > bytes.byteLength) throw new Error('CompactLinear: model file is truncated');
  const aligned = (bytes.byteOffset + off) % 4 === 0;
  const source = aligned ? bytes : new Uint8Array(bytes.subarray(off, end));
  const base = aligned ? bytes.byteOffset + off : 0;
  const scales = new Float32Array(source.buffer, base, nScales);
  const q = mode === 16 ? new Int16Array(source.buffer, base + nScales * 4, nWeights) : new Int8Array(source.buffer, base + nScales * 4, nWeights);
  return { scales, q, end: end + ((4 - (weightBytes % 4)) % 4) };
}

/** Fills the interleaved rows of a mode-8 model (see CompactLinear.rows8): scale first, then the bucket's weights. */
function interleaveRows(q: Int8Array, scales: Float32Array, k: number, nb: number, stride: number, rows8: Int8Array, rowsF32: Float32Array): void {
  const scaleAt = stride >> 2;
  for (let b = 0; b < nb; b++) {
    rowsF32[b * scaleAt] = scales[b];
    const from = b * k;
    const to = b * stride + 4;
    for (let c = 0; c < k; c++) rows8[to + c] = q[from + c];
  }
}

/** Copies the live buckets' values to their places in the dense array. */
function scatter<T extends Int8Array | Int16Array>(bitmap: Uint8Array, nb: number, k: number, values: T, dense: T): void {
  let v = 0;
  for (let byte = 0; byte < bitmap.length; byte++) {
    const bits = bitmap[byte];
    if (bits === 0) continue;
    for (let i = 0; i < 8; i++) {
      if (!(bits & (1 << i))) continue;
      const base = (byte * 8 + i) * k;
      if (base >= nb * k) return;
      for (let c = 0; c < k; c++) dense[base + c] = values[v++];
    }
  }
}
