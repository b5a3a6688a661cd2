/**
 * Training-side averaged perceptron for the parser. Same bucket-major layout and hashing as
 * `AveragedPerceptron` (../perceptron.ts), plus what the parser's trainer needs: an averaged snapshot
 * that leaves the training state intact (so dev scores can be measured after every epoch), and an
 * update that skips the second class when truth and guess coincide.
 */

import type { FeatureBuffer } from '../perceptron.js';
import { CompactLinear, type CompactMode } from './compact.js';

export class TrainablePerceptron {
  readonly nClasses: number;
  readonly nBuckets: number;
  private readonly mask: number;
  readonly weights: Float32Array;
  private readonly totals: Float64Array;
  private readonly stamps: Uint32Array;
  private step = 0;

  constructor(nClasses: number, nBuckets: number) {
    let buckets = 1;
    while (buckets < nBuckets) buckets *= 2;
    this.nClasses = nClasses;
    this.nBuckets = buckets;
    this.mask = buckets - 1;
    this.weights = new Float32Array(buckets * nClasses);
    this.totals = new Float64Array(buckets * nClasses);
    this.stamps = new Uint32Array(buckets * nClasses);
  }

  scores(fb: FeatureBuffer, out: Float32Array): Float32Array {
    const k = this.nClasses;
    const w = this.weights;
    out.fill(0);
    const ids = fb.ids;
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & this.mask) * k;
      for (let c = 0; c < k; c++) out[c] += w[base + c];
    }
    return out;
  }

  tick(): void {
    this.step++;
  }

  private bump(i: number, delta: number): void {
    this.totals[i] += (this.step - this.stamps[i]) * this.weights[i];
    this.stamps[i] = this.step;
    this.weights[i] += delta;
  }

  update(fb: FeatureBuffer, truth: number, guess: number): void {
    if (truth === guess) return;
    const k = this.nClasses;
    const ids = fb.ids;
    for (let f = 0; f < fb.length; f++) {
      const base = (ids[f] & this.mask) * k;
      this.bump(base + truth, 1);
      this.bump(base + guess, -1);
    }
  }

  /** The float weights averaged over all steps so far (the training state is left intact). */
  averagedWeights(): Float32Array {
    const w = this.weights;
    const out = new Float32Array(w.length);
    const step = this.step || 1;
    for (let i = 0; i < w.length; i++) {
      out[i] = (this.totals[i] + (this.step - this.stamps[i]) * w[i]) / step;
    }
    return out;
  }

  /** A quantised runtime model holding the weights averaged over all steps so far. */
  averaged(mode: CompactMode): CompactLinear {
    return CompactLinear.fromWeights(this.averagedWeights(), this.nClasses, this.nBuckets, mode);
  }
}
