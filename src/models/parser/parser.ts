/**
 * Greedy arc-hybrid dependency parser (UD relations) with two averaged perceptrons: one chooses the
 * transition (SHIFT / LEFT / RIGHT), the other labels each arc when it is made. See state.ts for the
 * transition system and features.ts for the feature templates; training is in train.ts.
 *
 * Weights file (models/parser.bin):
 *   'HPAR' | u32 version | u32 metaBytes | meta JSON | transition model | label model
 * where both models are CompactLinear (compact.ts): the transition model with one int16 scale, the
 * label model int8 with one scale per bucket. Version 2 pads the meta JSON with spaces to a multiple of 4
 * bytes and stores both models dense, so they load as views over the file's bytes; version 1 (sparse models)
 * is still read.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureBuffer } from '../perceptron.js';
import { CompactLinear } from './compact.js';
import { labelFeatures, SentenceTable, transitionFeatures } from './features.js';
import { attachPunctuation } from './punctuation.js';
import { ArcHybridState, forcedTransition, LEFT, RIGHT, SHIFT } from './state.js';

export const PARSER_FILE = 'parser.bin';
const MAGIC = 'HPAR';
const FORMAT_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

export interface ParserMeta {
  /**
   * Dependency relation names; index = label class id. Ordered so that the labels seen with the
   * dependent before its head are labels[0..leftEnd) and those seen after it labels[rightStart..).
   */
  labels: string[];
  leftEnd: number;
  rightStart: number;
  /**
   * Labels seen in training for each attachment, keyed "D DEP HEAD": D 0 when the dependent comes before its
   * head, 1 after it; DEP and HEAD the two words' UPOS (gold, or the training tagger's guess). The label of
   * an arc is chosen among those of its key; an unknown key leaves every label of the direction open.
   */
  labelsByUpos?: Record<string, string[]>;
  /** Free-form training information. */
  [key: string]: unknown;
}

export interface ParseResult {
  /** 1-based head per word, 0 = root. */
  head: number[];
  deprel: string[];
}

/** Index of the best-scoring label in [lo, hi), never `exclude`. */
export function bestLabel(scores: Float32Array, exclude: number, lo = 0, hi = scores.length): number {
  let best = -1;
  for (let c = lo; c < hi; c++) {
    if (c !== exclude && (best < 0 || scores[c] > scores[best])) best = c;
  }
  return best;
}

export class Parser {
  readonly labels: readonly string[];
  readonly rootLabel: number;
  /** Used only if a direction had no label to choose from (never with a trained model). */
  private readonly fallbackLabel: number;
  readonly meta: ParserMeta;
  private readonly trans: CompactLinear;
  private readonly labeler: CompactLinear;
  // Per-instance scratch (not shared between instances).
  private readonly fb = new FeatureBuffer(256);
  private readonly tScores: Float32Array;
  private readonly lScores: Float32Array;
  private readonly state = new ArcHybridState(128);
  private readonly table = new SentenceTable();
  /** UPOS tag → index into `allowed` (see ParserMeta.labelsByUpos); empty when the model has no such table. */
  private readonly uposIndex = new Map<string, number>();
  /** Label ids allowed for (direction × UPOS × UPOS), or null for any label of the direction. */
  private readonly allowed: Array<Int32Array | null> = [];
  /** UPOS index of each word of the sentence being parsed (−1: not in the table). */
  private uposIds = new Int32Array(128);

  constructor(trans: CompactLinear, labeler: CompactLinear, meta: ParserMeta) {
    if (trans.nClasses !== 3) throw new Error('parser: transition model must have 3 classes');
    if (labeler.nClasses !== meta.labels.length) throw new Error('parser: label model does not match the label list');
    this.trans = trans;
    this.labeler = labeler;
    this.meta = meta;
    this.labels = meta.labels;
    this.rootLabel = meta.labels.indexOf('root');
    if (this.rootLabel < 0) throw new Error('parser: label list lacks "root"');
    this.fallbackLabel = Math.max(0, meta.labels.indexOf('dep'));
    this.tScores = new Float32Array(3);
    this.lScores = new Float32Array(labeler.nClasses);
    this.buildAllowed(meta.labelsByUpos);
  }

  private buildAllowed(table: Record<string, string[]> | undefined): void {
    if (table === undefined) return;
    const entries = Object.entries(table).map(([key, labels]) => ({ key: key.split(' '), labels }));
    for (const { key } of entries) {
      for (const tag of key.slice(1)) if (!this.uposIndex.has(tag)) this.uposIndex.set(tag, this.uposIndex.size);
    }
    const u = this.uposIndex.size;
    this.allowed.length = 2 * u * u;
    this.allowed.fill(null);
    const labelId = new Map(this.labels.map((l, i) => [l, i]));
    for (const { key: [dir, dep, head], labels } of entries) {
      const lo = dir === '0' ? 0 : this.meta.rightStart;
      const hi = dir === '0' ? this.meta.leftEnd : this.labels.length;
      const ids = labels
        .map((l) => labelId.get(l) ?? -1)
        .filter((id) => id >= lo && id < hi && id !== this.rootLabel)
        .sort((a, b) => a - b);
      if (ids.length > 0) this.allowed[(Number(dir === '1') * u + this.uposIndex.get(dep)!) * u + this.uposIndex.get(head)!] = Int32Array.from(ids);
    }
  }

  static load(modelsDir: string): Parser {
    return Parser.fromBytes(readFileSync(join(modelsDir, PARSER_FILE)));
  }

  static fromBytes(bytes: Uint8Array): Parser {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a Herodotus parser model (bad magic)');
    const version = buf.readUInt32LE(4);
    if (!READABLE_VERSIONS.includes(version)) throw new Error(`unsupported parser format version ${version}`);
    let off = 8;
    const metaLen = buf.readUInt32LE(off);
    off += 4;
    const meta = JSON.parse(buf.toString('utf8', off, off + metaLen)) as ParserMeta;
    off += metaLen;
    const t = CompactLinear.deserialize(buf.subarray(off));
    off += t.bytes;
    const l = CompactLinear.deserialize(buf.subarray(off));
    const trans = t.model;
    const labeler = l.model;
    return new Parser(trans, labeler, meta);
  }

  static toBytes(trans: CompactLinear, labeler: CompactLinear, meta: ParserMeta): Buffer {
    const head = Buffer.alloc(12);
    head.write(MAGIC, 0, 'ascii');
    head.writeUInt32LE(FORMAT_VERSION, 4);
    const json = JSON.stringify(meta);
    const metaBytes = Buffer.from(json + ' '.repeat((4 - (Buffer.byteLength(json) % 4)) % 4), 'utf8');
    head.writeUInt32LE(metaBytes.length, 8);
    return Buffer.concat([head, metaBytes, trans.serializeDense(), labeler.serializeDense()]);
  }

  /**
   * Parses one sentence given its words and POS tags. Always returns a tree: one head per word
   * (1-based, 0 = root), exactly one root, no cycles.
   */
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): ParseResult {
    const n = words.length;
    if (n === 0) return { head: [], deprel: [] };
    const tab = this.table;
    const s = this.state;
    tab.fill(words, upos, xpos);
    s.init(n);
    const u = this.uposIndex.size;
    if (u > 0) {
      if (this.uposIds.length < n) this.uposIds = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) this.uposIds[i] = this.uposIndex.get(upos[i]) ?? -1;
    }
    const fb = this.fb;
    const sc = this.tScores;
    while (!s.isTerminal()) {
      let best: number;
      const forced = forcedTransition(s);
      if (forced >= 0) {
        best = forced;
      } else {
        transitionFeatures(s, tab, fb);
        this.trans.scores3(fb, sc);
        best = -1;
        if (s.canShift()) best = SHIFT;
        if (s.canLeft() && (best < 0 || sc[LEFT] > sc[best])) best = LEFT;
        if (s.canRight() && (best < 0 || sc[RIGHT] > sc[best])) best = RIGHT;
      }
      if (best === SHIFT) {
        s.shift();
        continue;
      }
      const h = s.arcHead(best);
      const d = s.arcDep();
      let label = this.rootLabel;
      if (h !== n) {
        labelFeatures(s, tab, h, d, fb);
        const allowed = u > 0 && this.uposIds[d] >= 0 && this.uposIds[h] >= 0 ? this.allowed[((d < h ? 0 : u) + this.uposIds[d]) * u + this.uposIds[h]] : null;
        if (allowed !== null) {
          label = this.labeler.bestAmong(fb, this.lScores, allowed);
        } else {
          const lo = d < h ? 0 : this.meta.rightStart;
          const hi = d < h ? this.meta.leftEnd : this.labels.length;
          label = bestLabel(this.labeler.scoresRange(fb, this.lScores, lo, hi), this.rootLabel, lo, hi);
        }
        if (label < 0) label = this.fallbackLabel;
      }
      s.arc(best, label);
    }
    const head = new Array<number>(n);
    const deprel = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const h = s.heads[i];
      head[i] = h === n ? 0 : h + 1;
      deprel[i] = this.labels[s.labels[i]];
    }
    attachPunctuation(words, head, deprel);
    return { head, deprel };
  }
}
