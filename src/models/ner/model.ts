/**
 * The entity tagger's model: an averaged perceptron scoring IOB2 tags from per-token features (emission)
 * plus first-order tag transitions, decoded by Viterbi (or greedily) under the IOB2 constraint, so output
 * tags are always well formed. Shared by the runtime (ner.ts) and the trainer (train.ts).
 *
 * File format of models/ner.bin: "HNER", uint32 version, uint32 header length, UTF-8 JSON header
 * ({@link NerHeader}), then the perceptron's own serialised bytes.
 */

import { AveragedPerceptron, hashString } from '../perceptron.js';

export const NER_TYPES = ['PER', 'ORG', 'LOC'] as const;
/** Tags predicted internally: BILOU (Begin, Inside, Last, Unit), mapped to IOB2 on output. */
export const NER_TAGS: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => ['B-' + t, 'I-' + t, 'L-' + t, 'U-' + t])];

/** BILOU (or IOB2) tag → IOB2 tag. */
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

/** Scores and decodes one sentence. Scratch buffers are per call; the object itself is immutable after construction. */
export class NerDecoder {
  readonly k: number;
  private readonly allowed: Uint8Array;
  private readonly transBase: Int32Array;
  private readonly transHashes: Uint32Array;
  /** IOB2 group of each tag (B-X and U-X together, I-X and L-X together), for confidences. */
  private readonly group: Int32Array;

  constructor(
    readonly model: AveragedPerceptron,
    readonly tags: readonly string[],
  ) {
    this.k = tags.length;
    this.allowed = allowedTransitions(tags);
    const th = transitionHashes(this.k);
    this.transHashes = th;
    const iob = tags.map(toIob2);
    this.group = Int32Array.from(iob, (t) => iob.indexOf(t));
    this.transBase = new Int32Array(th.length);
    for (let p = 0; p < th.length; p++) this.transBase[p] = model.bucket(th[p]) * model.nClasses;
  }

  /** Emission scores, n × k, row-major. */
  emissions(ids: Uint32Array, offsets: Uint32Array, n: number): Float32Array {
    const k = this.k;
    const w = this.model.weights;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let f = offsets[i]; f < offsets[i + 1]; f++) {
        const base = this.model.bucket(ids[f]) * k;
        for (let c = 0; c < k; c++) out[o + c] += w[base + c];
      }
    }
    return out;
  }

  /** Transition score of tag c after tag p (p = k for the sentence start). */
  trans(p: number, c: number): number {
    return this.model.weights[this.transBase[p] + c];
  }

  /** Hashed feature id of transition row p (p = k for the sentence start). */
  transitionHash(p: number): number {
    return this.transHashes[p];
  }

  /** Best allowed tag at one position given the previous tag (em holds that position's k scores). */
  greedyStep(em: Float32Array, prev: number): number {
    const k = this.k;
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < k; c++) {
      if (!this.allowed[prev * k + c]) continue;
      const s = em[c] + this.trans(prev, c);
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
    const k = this.k;
    const out = new Int32Array(n);
    let prev = k;
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        if (!this.allowed[prev * k + c]) continue;
        const s = em[i * k + c] + this.trans(prev, c);
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      out[i] = best;
      prev = best;
    }
    return out;
  }

  viterbi(em: Float32Array, n: number): Int32Array {
    const k = this.k;
    const out = new Int32Array(n);
    if (n === 0) return out;
    const delta = new Float64Array(n * k);
    const back = new Int32Array(n * k);
    for (let c = 0; c < k; c++) delta[c] = this.allowed[k * k + c] ? em[c] + this.trans(k, c) : -Infinity;
    for (let i = 1; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let best = -Infinity;
        let arg = 0;
        for (let p = 0; p < k; p++) {
          if (!this.allowed[p * k + c]) continue;
          const s = delta[(i - 1) * k + p] + this.trans(p, c);
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        delta[i * k + c] = best + em[i * k + c];
        back[i * k + c] = arg;
      }
    }
    let best = 0;
    const endRow = (k + 1) * k;
    for (let c = 1; c < k; c++) {
      if (this.allowed[endRow + c] && delta[(n - 1) * k + c] > delta[(n - 1) * k + best]) best = c;
    }
    out[n - 1] = best;
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
    const s = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const prev = i === 0 ? k : path[i - 1];
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        s[c] = this.allowed[prev * k + c] ? (em[i * k + c] + this.trans(prev, c)) / temperature : -Infinity;
        if (s[c] > max) max = s[c];
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

export function readNerModel(bytes: Uint8Array): { header: NerHeader; model: AveragedPerceptron } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'HNER') throw new Error('not a Herodotus NER model (bad magic)');
  const version = buf.readUInt32LE(4);
  if (version !== NER_FORMAT_VERSION) throw new Error(`unsupported NER model format version ${version}`);
  const len = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + len)) as NerHeader;
  const model = AveragedPerceptron.deserialize(buf.subarray(12 + len));
  return { header, model };
}
