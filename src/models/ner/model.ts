/**
 * The entity tagger's model: an averaged perceptron scoring IOB2 tags from per-token features (emission)
 * plus first-order tag transitions, decoded by Viterbi (or greedily) under the IOB2 constraint, so output
 * tags are always well formed. Shared by the runtime (ner.ts) and the trainer (train.ts).
 *
 * File format of models/ner.bin: "HNER", uint32 version, uint32 header length, UTF-8 JSON header
 * ({@link NerHeader}), then the perceptron's own serialised bytes.
 */

import { AveragedPerceptron, hashString } from '../perceptron.js';
import type { SentenceFeatures } from './features.js';

export const NER_TYPES = ['PER', 'ORG', 'LOC'] as const;
/** Tags predicted internally: BILOU (Begin, Inside, Last, Unit), mapped to IOB2 on output. */
export const NER_TAGS: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => ['B-' + t, 'I-' + t, 'L-' + t, 'U-' + t])];

/** BILOU (or IOB2) tag → IOB2 tag. */
/** Entity type index (into NER_TYPES) of each class of NER_TAGS, −1 for O. */
export function tagTypes(tags: readonly string[]): Int8Array {
  return Int8Array.from(tags, (t) => (t === 'O' ? -1 : (NER_TYPES as readonly string[]).indexOf(t.slice(2))));
}

export function toIob2(tag: string): string {
  if (tag.startsWith('L-')) return 'I-' + tag.slice(2);
  if (tag.startsWith('U-')) return 'B-' + tag.slice(2);
  return tag;
}

/** IOB2 tags of one sentence → BILOU tags. */
export function iob2ToBilou(tags: readonly string[]): string[] {
  return tags.map((t, i) => {
    if (t === 'O') return t;
    const next = tags[i + 1];
    const continues = next !== undefined && next.startsWith('I-') && next.slice(2) === t.slice(2);
    if (t.startsWith('B-')) return (continues ? 'B-' : 'U-') + t.slice(2);
    return (continues ? 'I-' : 'L-') + t.slice(2);
  });
}
export const NER_FORMAT_VERSION = 1;

export type Decoder = 'viterbi' | 'greedy';

export interface NerHeader {
  tags: string[];
  featureVersion: number;
  decoder: Decoder;
  /** Softmax temperature for confidences (scores are divided by it). */
  temperature: number;
  /** Subtracted from the O tag's score before decoding (tuned on dev: trades precision for recall). */
  oPenalty: number;
  /** Whether the model was trained with UPOS features. */
  usesPos: boolean;
  /** Whether the model was trained with document-history features (EntityTagger.tagDocument). */
  docHistory?: boolean;
  /** false turns off the run-time rule that drops PER from the words of a matched multi-word title. */
  titleGuard?: boolean;
  /** false turns off tagDocument's propagation of a name's type to its untagged repetitions (propagateNames). */
  propagate?: boolean;
  gazetteerFile: string;
  trainedOn: string[];
}

/** Index of the "previous tag" at the start of a sentence in the transition table. */
export function startIndex(nTags: number): number {
  return nTags;
}

/** Hashed feature ids of the transition rows: row p (p = nTags for sentence start). */
export function transitionHashes(nTags: number): Uint32Array {
  const out = new Uint32Array(nTags + 1);
  for (let p = 0; p <= nTags; p++) out[p] = hashString('T=' + (p === nTags ? '<s>' : String(p)));
  return out;
}

/**
 * allowed[p * nTags + c] = 1 when tag c may follow tag p (p = nTags is the sentence start), for IOB2 or BILOU
 * tag sets; row nTags + 1 marks the tags allowed to end a sentence.
 */
export function allowedTransitions(tags: readonly string[]): Uint8Array {
  const k = tags.length;
  const bilou = tags.some((t) => t.startsWith('L-'));
  const out = new Uint8Array((k + 2) * k);
  const open = (t: string): boolean => bilou && (t.startsWith('B-') || t.startsWith('I-'));
  for (let p = 0; p <= k; p++) {
    const tp = p === k ? 'O' : tags[p];
    for (let c = 0; c < k; c++) {
      const tc = tags[c];
      const inside = tc.startsWith('I-') || tc.startsWith('L-');
      let ok: boolean;
      if (bilou && open(tp)) ok = inside && tp.slice(2) === tc.slice(2);
      else if (inside) ok = !bilou && tp !== 'O' && tp.slice(2) === tc.slice(2);
      else ok = true;
      out[p * k + c] = ok ? 1 : 0;
    }
  }
  for (let c = 0; c < k; c++) out[(k + 1) * k + c] = open(tags[c]) ? 0 : 1;
  return out;
}

/**
 * Weights as the decoder reads them: the training perceptron's dense floats (rowBase null, bucket b's row at
 * b × k), or at run time the quantised ints of the serialised file, live rows only, with a per-bucket row offset
 * (dead buckets share an all-zero row) and one scale. Loading the latter is a block copy and one pass over the
 * bucket bitmap; an int8 table is a quarter of the float one, so more of it stays in cache.
 */
export interface NerWeights {
  readonly nClasses: number;
  readonly nBuckets: number;
  readonly values: Float32Array | Int8Array | Int16Array;
  readonly rowBase: Int32Array | null;
  readonly scale: number;
}

/** The dense float weights of a (training) perceptron, read live. */
export function floatWeights(model: AveragedPerceptron): NerWeights {
  return {
    nClasses: model.nClasses,
    nBuckets: model.nBuckets,
    get values() {
      return model.weights;
    },
    rowBase: null,
    scale: 1,
  };
}

/** Reads AveragedPerceptron.serialize bytes ("HPCT" v1) into compact quantised weights. */
export function parseQuantized(bytes: Uint8Array): NerWeights {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 24 || buf.toString('ascii', 0, 4) !== 'HPCT') throw new Error('not a Herodotus perceptron model (bad magic)');
  const version = buf.readUInt32LE(4);
  if (version !== 1) throw new Error(`unsupported perceptron format version ${version}`);
  const k = buf.readUInt32LE(8);
  const nBuckets = buf.readUInt32LE(12);
  const bits = buf.readUInt32LE(16);
  if (bits !== 8 && bits !== 16) throw new Error(`unsupported weight width ${bits}`);
  if (nBuckets === 0 || (nBuckets & (nBuckets - 1)) !== 0) throw new Error('bucket count is not a power of two');
  const scale = buf.readFloatLE(20);
  const bitmapBytes = Math.ceil(nBuckets / 8);
  const start = 24 + bitmapBytes;
  const rowBytes = k * (bits / 8);
  const live = Math.floor((buf.length - start) / rowBytes);
  if (buf.length < start || buf.length !== start + live * rowBytes) throw new Error(`perceptron weights truncated or padded (${buf.length} bytes)`);
  // Row 0 is all zeros: every dead bucket points at it (the zero-initialised rowBase), live rows follow.
  const rowBase = new Int32Array(nBuckets);
  let row = 0;
  for (let i = 0; i < bitmapBytes; i++) {
    let v = buf[24 + i];
    while (v !== 0) {
      const bit = 31 - Math.clz32(v & -v);
      v &= v - 1;
      rowBase[i * 8 + bit] = k * ++row;
    }
  }
  // Bits are visited in increasing bucket order within a byte, as serialize() wrote the rows.
  if (row !== live) throw new Error(`perceptron weights truncated or padded (${live} rows for ${row} live buckets)`);
  let values: Int8Array | Int16Array;
  if (bits === 8) {
    values = new Int8Array((live + 1) * k);
    values.set(new Int8Array(buf.buffer, buf.byteOffset + start, live * k), k);
  } else {
    values = new Int16Array((live + 1) * k);
    const raw = new Uint8Array(live * k * 2);
    raw.set(buf.subarray(start, start + raw.length));
    values.set(new Int16Array(raw.buffer), k);
  }
  return { nClasses: k, nBuckets, values, rowBase, scale };
}

/**
 * Scores and decodes one sentence. Scratch buffers are reused across calls (not re-entrant: one decoder per
 * tagger); returned arrays are fresh unless documented otherwise.
 */
export class NerDecoder {
  readonly k: number;
  private readonly allowed: Uint8Array;
  private readonly transHashes: Uint32Array;
  private readonly mask: number;
  /** trans[p * k + c]: transition weight of c after p (p = k: sentence start), −∞ where not allowed. */
  readonly transMatrix: Float32Array;
  /** IOB2 group of each tag (B-X and U-X together, I-X and L-X together), for confidences. */
  private readonly group: Int32Array;
  private em = new Float32Array(0);
  private delta = new Float32Array(0);
  private back = new Uint8Array(0);
  /** Weight-row offsets of one word's features (scratch for emissions). */
  private rows = new Int32Array(256);
  private readonly probs: Float64Array;

  constructor(
    readonly weights: NerWeights,
    readonly tags: readonly string[],
  ) {
    this.k = tags.length;
    if (weights.nClasses !== this.k) throw new Error(`NER model has ${weights.nClasses} classes for ${this.k} tags`);
    this.allowed = allowedTransitions(tags);
    this.transHashes = transitionHashes(this.k);
    this.mask = weights.nBuckets - 1;
    const iob = tags.map(toIob2);
    this.group = Int32Array.from(iob, (t) => iob.indexOf(t));
    this.transMatrix = new Float32Array((this.k + 1) * this.k);
    this.probs = new Float64Array(this.k);
    this.refreshTransitions();
  }

  /** Offset in weights.values of the row of a hashed feature. */
  rowOf(hash: number): number {
    const b = hash & this.mask;
    return this.weights.rowBase ? this.weights.rowBase[b] : b * this.k;
  }

  /** Re-reads the transition weights (call after the weights change, i.e. in training). */
  refreshTransitions(): void {
    const k = this.k;
    const w = this.weights.values;
    const scale = this.weights.scale;
    for (let p = 0; p <= k; p++) {
      const base = this.rowOf(this.transHashes[p]);
      for (let c = 0; c < k; c++) this.transMatrix[p * k + c] = this.allowed[p * k + c] ? w[base + c] * scale : -Infinity;
    }
  }

  /**
   * Emission scores, n × k, row-major, in a scratch buffer valid until the next call (copy it to keep it).
   * `oPenalty` is subtracted from the O tag (index 0); `extra` holds more features per token (document history).
   */
  emissions(ids: Uint32Array, offsets: Uint32Array, n: number, oPenalty = 0, extra?: SentenceFeatures): Float32Array {
    const k = this.k;
    if (this.em.length < n * k) this.em = new Float32Array(Math.max(n * k * 2, 64 * k));
    const out = this.em;
    const w = this.weights.values;
    const mask = this.mask;
    const rowBase = this.weights.rowBase;
    const scale = this.weights.scale;
    const extraIds = extra?.ids;
    const extraOffsets = extra?.offsets;
    if (w instanceof Float32Array) return this.floatEmissions(ids, offsets, n, oPenalty, extra);
    for (let i = 0; i < n; i++) {
      // Gather the rows of the word's features (both sets), then sum class by class in a register: the sums of
      // integer weights are exact either way, so the scores are those of adding into `out` feature by feature.
      let rows = this.gatherRows(ids, offsets[i], offsets[i + 1], rowBase, mask, 0);
      if (extraIds && extraOffsets) rows = this.gatherRows(extraIds, extraOffsets[i], extraOffsets[i + 1], rowBase, mask, rows);
      const r = this.rows;
      const o = i * k;
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let f = 0; f < rows; f++) sum += w[r[f] + c];
        out[o + c] = sum;
        if (scale !== 1) out[o + c] *= scale;
      }
      out[o] -= oPenalty;
    }
    return out;
  }

  /**
   * Emissions over the training perceptron's float weights, added into `out` feature by feature in float32 as
   * training always has (summing in a register would round differently and change what training learns).
   */
  private floatEmissions(ids: Uint32Array, offsets: Uint32Array, n: number, oPenalty: number, extra?: SentenceFeatures): Float32Array {
    const k = this.k;
    const out = this.em;
    const w = this.weights.values;
    const mask = this.mask;
    const rowBase = this.weights.rowBase;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let c = 0; c < k; c++) out[o + c] = 0;
      for (let set = 0; set < 2; set++) {
        const fids = set === 0 ? ids : extra?.ids;
        const foff = set === 0 ? offsets : extra?.offsets;
        if (!fids || !foff) break;
        for (let f = foff[i]; f < foff[i + 1]; f++) {
          const base = rowBase ? rowBase[fids[f] & mask] : (fids[f] & mask) * k;
          for (let c = 0; c < k; c++) out[o + c] += w[base + c];
        }
      }
      if (this.weights.scale !== 1) for (let c = 0; c < k; c++) out[o + c] *= this.weights.scale;
      out[o] -= oPenalty;
    }
    return out;
  }

  /** Writes the weight-row offsets of features ids[from..to) to this.rows from `at`; returns the new count. */
  private gatherRows(ids: Uint32Array, from: number, to: number, rowBase: Int32Array | null, mask: number, at: number): number {
    if (this.rows.length < at + to - from) {
      const grown = new Int32Array(Math.max(2 * this.rows.length, at + to - from));
      grown.set(this.rows.subarray(0, at));
      this.rows = grown;
    }
    const r = this.rows;
    const k = this.k;
    if (rowBase) for (let f = from; f < to; f++) r[at++] = rowBase[ids[f] & mask];
    else for (let f = from; f < to; f++) r[at++] = (ids[f] & mask) * k;
    return at;
  }

  /** Transition score of tag c after tag p (p = k for the sentence start); −∞ when not allowed. */
  trans(p: number, c: number): number {
    return this.transMatrix[p * this.k + c];
  }

  /** Hashed feature id of transition row p (p = k for the sentence start). */
  transitionHash(p: number): number {
    return this.transHashes[p];
  }

  /** Best allowed tag at one position given the previous tag (em holds that position's k scores from `offset`). */
  greedyStep(em: Float32Array, prev: number, offset = 0): number {
    const k = this.k;
    const t = this.transMatrix;
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = em[offset + c] + t[prev * k + c];
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  /** Best well-formed tag sequence (class ids). */
  decode(em: Float32Array, n: number, decoder: Decoder): Int32Array {
    return decoder === 'greedy' ? this.greedy(em, n) : this.viterbi(em, n);
  }

  greedy(em: Float32Array, n: number): Int32Array {
    const out = new Int32Array(n);
    let prev = this.k;
    for (let i = 0; i < n; i++) {
      out[i] = prev = this.greedyStep(em, prev, i * this.k);
    }
    return out;
  }

  viterbi(em: Float32Array, n: number): Int32Array {
    const k = this.k;
    const out = new Int32Array(n);
    if (n === 0) return out;
    if (this.delta.length < n * k) {
      this.delta = new Float32Array(Math.max(n * k * 2, 64 * k));
      this.back = new Uint8Array(this.delta.length);
    }
    const delta = this.delta;
    const back = this.back;
    const t = this.transMatrix;
    const start = k * k;
    for (let c = 0; c < k; c++) delta[c] = em[c] + t[start + c];
    for (let i = 1; i < n; i++) {
      const prevRow = (i - 1) * k;
      const row = i * k;
      for (let c = 0; c < k; c++) {
        let best = -Infinity;
        let arg = 0;
        for (let p = 0; p < k; p++) {
          const s = delta[prevRow + p] + t[p * k + c];
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        delta[row + c] = best + em[row + c];
        back[row + c] = arg;
      }
    }
    const endRow = (k + 1) * k;
    const last = (n - 1) * k;
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      if (this.allowed[endRow + c] && delta[last + c] > bestScore) {
        bestScore = delta[last + c];
        best = c;
      }
    }
    out[n - 1] = best < 0 ? 0 : best;
    for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * k + out[i]];
    return out;
  }

  /**
   * Confidence of each chosen tag: softmax (scores / temperature) over the tags allowed after the chosen
   * previous tag, of emission + transition, summed over the tags with the same IOB2 tag as the chosen one.
   */
  confidences(em: Float32Array, path: Int32Array, n: number, temperature: number): number[] {
    const k = this.k;
    const out = new Array<number>(n);
    const s = this.probs;
    const t = this.transMatrix;
    const inv = 1 / temperature;
    for (let i = 0; i < n; i++) {
      const prev = i === 0 ? k : path[i - 1];
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        const v = (em[i * k + c] + t[prev * k + c]) * inv;
        s[c] = v;
        if (v > max) max = v;
      }
      let z = 0;
      let mass = 0;
      const chosen = this.group[path[i]];
      for (let c = 0; c < k; c++) {
        const e = s[c] === -Infinity ? 0 : Math.exp(s[c] - max);
        z += e;
        if (this.group[c] === chosen) mass += e;
      }
      const p = mass / z;
      out[i] = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
    }
    return out;
  }
}

export function writeNerModel(header: NerHeader, model: AveragedPerceptron, bits: 8 | 16): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(12);
  head.write('HNER', 0, 'ascii');
  head.writeUInt32LE(NER_FORMAT_VERSION, 4);
  head.writeUInt32LE(json.length, 8);
  return Buffer.concat([head, json, model.serialize(bits)]);
}

export function readNerModel(bytes: Uint8Array): { header: NerHeader; weights: NerWeights } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'HNER') throw new Error('not a Herodotus NER model (bad magic)');
  const version = buf.readUInt32LE(4);
  if (version !== NER_FORMAT_VERSION) throw new Error(`unsupported NER model format version ${version}`);
  const len = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + len)) as NerHeader;
  const weights = parseQuantized(buf.subarray(12 + len));
  return { header, weights };
}
