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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureBuffer, hashString } from '../perceptron.js';
import { CompactLinear } from './compact.js';
import { bufferFeatures, labelFeatures, SentenceTable, transitionFeatures } from './features.js';
import { attachPunctuation } from './punctuation.js';
import { blendTrees, EisnerScratch, reversed } from './blend.js';
import { ArcHybridState, forcedTransition, LEFT, RIGHT, SHIFT } from './state.js';
import { Reviser, REVISER_FILE } from './revise.js';
import { modelHeader } from './model-file.js';
import { externalClassLookup, type ExternalLexicon } from '../tagger/external-lexicon.js';

export const PARSER_FILE = 'parser.bin';
/**
 * A second left-to-right parser (its meta has `cascade`): when present, sentences on which parser.bin is unsure get
 * the Eisner blend of both parsers' trees (see Parser.parse).
 */
export const SECOND_FILE = 'parser-b.bin';
/** The right-to-left guide parser read by a model whose meta has guide: 'r2l'. */
export const GUIDE_FILE = 'parser-r2l.bin';
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
  /**
   * 'lite': the transition model reads the 69 templates of transitionFeatures(…, lite); 'unlabelled': the 63 of
   * them that read no label, and the parser labels no arc (every label is the fallback; for a guide parser).
   */
  templates?: 'full' | 'lite' | 'unlabelled';
  /**
   * 'r2l': the transition model reads the tree of a right-to-left guide parser (GUIDE_FILE, run on the reversed
   * sentence) through the stacking templates of transitionFeatures.
   */
  guide?: 'r2l';
  /**
   * In a second parser's meta (SECOND_FILE): a sentence whose lowest arc margin from the main parser, divided by
   * scale[0], is under `threshold` is parsed by both and gets their blend (blend.ts; margins divided by scale[0] and
   * scale[1], weight 1 + alpha·min(cap, margin) per arc). With `greedy`, each word takes its heavier head and
   * Eisner's algorithm runs only when those do not form a projective tree.
   */
  cascade?: { threshold: number; scale: [number, number]; alpha: number; cap: number; greedy?: boolean };
  /**
   * In a second parser's meta (SECOND_FILE): a second opinion on close decisions. Where the main parser's best two
   * valid transitions score within `threshold` of each other, this parser scores the same configuration and its
   * scores, times `weight`, are added to the main parser's before the choice. Excludes `cascade`.
   */
  opinion?: { threshold: number; weight: number };
  /**
   * The dictionary whose tag lists give the lexical-class templates (SentenceTable.cls), compiled into the model:
   * a parser with it reads them, one without does not.
   */
  lexicalClasses?: ExternalLexicon;
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

/** Form → lexical class hash (0 when the dictionary lacks the form): the exact form first, then its lower case. */
export function classLookup(lexicon: ExternalLexicon): (form: string) => number {
  const index = externalClassLookup(lexicon);
  const hashes = Int32Array.from(lexicon.classes, (c) => hashString(c, 77) | 0);
  // Forms recur (news vocabulary), and the dictionary is searched by bisection: remember the answers, up to a bound.
  const memo = new Map<string, number>();
  return (form) => {
    const known = memo.get(form);
    if (known !== undefined) return known;
    let c = index(form);
    if (c < 0) {
      const lower = form.toLowerCase();
      if (lower !== form) c = index(lower);
    }
    const hash = c < 0 ? 0 : hashes[c];
    if (memo.size >= CLASS_MEMO_SIZE) memo.clear();
    memo.set(form, hash);
    return hash;
  };
}

/** How many forms' lexical classes classLookup remembers before it starts again. */
const CLASS_MEMO_SIZE = 65536;

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
  /** The buffer-only templates' features and weight sums (see bufferFeatures and decode). */
  private readonly bufferFb = new FeatureBuffer(32);
  private readonly bufferSums = new Float64Array(3);
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
  private readonly lite: boolean;
  private readonly unlabelled: boolean;
  /** The right-to-left guide parser (meta.guide 'r2l'), else null. */
  readonly guideParser: Parser | null;
  private guideHeads = new Int32Array(128);
  /** The second parser of the cascade (SECOND_FILE, meta.cascade), else null. */
  readonly second: Parser | null;
  /** The tree reviser (REVISER_FILE beside parser.bin, see revise.ts), applied after parsing; null without one. */
  reviser: Reviser | null = null;
  /** The second opinion on close decisions (SECOND_FILE, meta.opinion), else null. */
  readonly opinion: Parser | null;
  /** Lexical class hash of a form (meta.lexicalClasses), or null for a parser without those templates. */
  private readonly classOf: ((form: string) => number) | null;
  /** Decisions this parser's opinion was asked for, and all scored decisions (for benchmarks and tests). */
  readonly opinionStats = { consulted: 0, decisions: 0 };
  private margins = new Float32Array(128);
  private blendHeads = new Int32Array(128);
  private readonly eisnerScratch = new EisnerScratch();
  private readonly blendScores = { buf: new Float64Array(0) };

  constructor(trans: CompactLinear, labeler: CompactLinear, meta: ParserMeta, guide: Parser | null = null, second: Parser | null = null) {
    if (second !== null && second.meta.cascade === undefined && second.meta.opinion === undefined) {
      throw new Error('parser: the second parser lacks its cascade or opinion settings');
    }
    this.second = second !== null && second.meta.opinion === undefined ? second : null;
    this.opinion = second !== null && second.meta.opinion !== undefined ? second : null;
    this.classOf = meta.lexicalClasses === undefined ? null : classLookup(meta.lexicalClasses);
    this.table.hasClasses = this.classOf !== null;
    if ((meta.guide === 'r2l') !== (guide !== null)) throw new Error(`parser: ${meta.guide === 'r2l' ? 'model needs its guide parser (' + GUIDE_FILE + ')' : 'model takes no guide parser'}`);
    this.guideParser = guide;
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
    this.lite = meta.templates === 'lite' || meta.templates === 'unlabelled';
    this.unlabelled = meta.templates === 'unlabelled';
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
    const bytes = readFileSync(join(modelsDir, PARSER_FILE));
    const guide = existsSync(join(modelsDir, GUIDE_FILE)) ? readFileSync(join(modelsDir, GUIDE_FILE)) : null;
    const second = existsSync(join(modelsDir, SECOND_FILE)) ? readFileSync(join(modelsDir, SECOND_FILE)) : null;
    const parser = Parser.fromBytes(bytes, guide, second);
    if (existsSync(join(modelsDir, REVISER_FILE))) parser.reviser = Reviser.load(join(modelsDir, REVISER_FILE));
    return parser;
  }

  /**
   * `guide`: the bytes of GUIDE_FILE, read only when the model's meta asks for a guide parser; `second`: the bytes
   * of SECOND_FILE (the cascade's second parser), or null for this parser alone.
   */
  static fromBytes(bytes: Uint8Array, guide: Uint8Array | null = null, second: Uint8Array | null = null): Parser {
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
    if (meta.guide === 'r2l' && guide === null) throw new Error(`parser: model needs its guide parser (${GUIDE_FILE})`);
    return new Parser(trans, labeler, meta, meta.guide === 'r2l' ? Parser.fromBytes(guide!) : null, second === null ? null : Parser.fromBytes(second));
  }

  /** The same model file with another meta (the weights' bytes unchanged). */
  static withMeta(bytes: Uint8Array, meta: ParserMeta): Buffer {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const metaLen = buf.readUInt32LE(8);
    return Buffer.concat([modelHeader(buf.toString('ascii', 0, 4), buf.readUInt32LE(4), meta), buf.subarray(12 + metaLen)]);
  }

  static toBytes(trans: CompactLinear, labeler: CompactLinear, meta: ParserMeta): Buffer {
    return Buffer.concat([modelHeader(MAGIC, FORMAT_VERSION, meta), trans.serializeDense(), labeler.serializeDense()]);
  }

  /**
   * Runs the transition system over one non-empty sentence, leaving the tree in this.state. When `margins`
   * is given, margins[d] receives the score margin of the transition that attached word d (its score minus
   * that of the best other valid transition; 0 for a forced transition).
   */
  private decode(words: readonly string[], upos: readonly string[], xpos: readonly string[], margins: Float32Array | null): void {
    const n = words.length;
    const tab = this.table;
    const s = this.state;
    this.prepare(words, upos, xpos);
    s.init(n);
    const fb = this.fb;
    const sc = this.tScores;
    // The buffer-only templates' weight sums, kept from one decision to the next until a SHIFT moves b0 (integer
    // sums, so splitting them off changes no score).
    const bufferSums = this.trans.hasIntegerSums3 ? this.bufferSums : null;
    let sumsFor = -1;
    const opinion = this.opinion;
    this.opinionFilled = false;
    while (!s.isTerminal()) {
      let best: number;
      let margin = 0;
      const forced = forcedTransition(s);
      if (forced >= 0) {
        best = forced;
      } else {
        if (bufferSums === null) {
          transitionFeatures(s, tab, fb, this.lite, this.unlabelled);
          this.trans.scores3(fb, sc);
        } else {
          if (s.b !== sumsFor) {
            bufferFeatures(tab, s.b, this.bufferFb, this.lite);
            this.trans.sums3(this.bufferFb, bufferSums);
            sumsFor = s.b;
          }
          transitionFeatures(s, tab, fb, this.lite, this.unlabelled, false);
          this.trans.scores3(fb, sc, bufferSums);
        }
        best = -1;
        if (s.canShift()) best = SHIFT;
        if (s.canLeft() && (best < 0 || sc[LEFT] > sc[best])) best = LEFT;
        if (s.canRight() && (best < 0 || sc[RIGHT] > sc[best])) best = RIGHT;
        if (opinion !== null) best = this.askOpinion(opinion, best, words, upos, xpos);
        if (margins !== null) {
          let second = -Infinity;
          for (let t = 0; t < 3; t++) if (t !== best && s.valid(t) && sc[t] > second) second = sc[t];
          margin = second === -Infinity ? 0 : sc[best] - second;
        }
      }
      if (best === SHIFT) {
        s.shift();
        continue;
      }
      const h = s.arcHead(best);
      const d = s.arcDep();
      if (margins !== null) margins[d] = margin;
      s.arc(best, h === n ? this.rootLabel : this.unlabelled ? this.fallbackLabel : this.chooseLabel(h, d));
    }
  }

  /**
   * The transition to take where the main parser's choice is `best` (tScores filled): unchanged unless the best two
   * valid transitions are within the opinion's threshold, in which case the opinion parser scores the same
   * configuration and the weighted sum decides. The opinion's sentence table is filled when first needed.
   */
  private askOpinion(opinion: Parser, best: number, words: readonly string[], upos: readonly string[], xpos: readonly string[]): number {
    const s = this.state;
    const sc = this.tScores;
    const { threshold, weight } = opinion.meta.opinion!;
    this.opinionStats.decisions++;
    let close = false;
    for (let t = 0; t < 3; t++) if (t !== best && s.valid(t) && sc[best] - sc[t] < threshold) close = true;
    if (!close) return best;
    this.opinionStats.consulted++;
    if (!this.opinionFilled) {
      opinion.table.fill(words, upos, xpos);
      if (opinion.classOf !== null) opinion.table.fillClasses(words, opinion.classOf);
      this.opinionFilled = true;
    }
    transitionFeatures(s, opinion.table, opinion.fb, opinion.lite, opinion.unlabelled);
    const osc = opinion.trans.scores3(opinion.fb, opinion.tScores);
    let choice = -1;
    for (let t = 0; t < 3; t++) {
      if (s.valid(t) && (choice < 0 || sc[t] + weight * osc[t] > sc[choice] + weight * osc[choice])) choice = t;
    }
    return choice;
  }

  /** Whether the opinion parser's sentence table holds the sentence being parsed. */
  private opinionFilled = false;

  /** Fills the sentence table (and the guide parser's tree) and the words' UPOS indexes for the sentence about to be parsed. */
  private prepare(words: readonly string[], upos: readonly string[], xpos: readonly string[]): void {
    const n = words.length;
    this.table.fill(words, upos, xpos);
    if (this.classOf !== null) this.table.fillClasses(words, this.classOf);
    this.table.guide = this.guideParser === null ? null : this.guideTree(words, upos, xpos);
    if (this.uposIndex.size > 0) {
      if (this.uposIds.length < n) this.uposIds = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) this.uposIds[i] = this.uposIndex.get(upos[i]) ?? -1;
    }
  }

  /**
   * The guide parser's heads for a sentence (it parses the reversed sentence), in this parser's indexing:
   * 0-based, root = n.
   */
  guideTree(words: readonly string[], upos: readonly string[], xpos: readonly string[]): Int32Array {
    const n = words.length;
    const g = this.guideParser!.parseArcs(reversed(words), reversed(upos), reversed(xpos)).head;
    if (this.guideHeads.length < n) this.guideHeads = new Int32Array(2 * n);
    const out = this.guideHeads;
    // Reversed word j is word n−1−j; a reversed head h (1-based) is word n−h (0-based).
    for (let j = 0; j < n; j++) out[n - 1 - j] = g[j] === 0 ? n : n - g[j];
    return out;
  }

  /** The label of the arc h → d about to be made in this.state (this.table and this.uposIds filled). */
  private chooseLabel(h: number, d: number): number {
    const u = this.uposIndex.size;
    const fb = this.fb;
    labelFeatures(this.state, this.table, h, d, fb);
    const allowed = u > 0 && this.uposIds[d] >= 0 && this.uposIds[h] >= 0 ? this.allowed[((d < h ? 0 : u) + this.uposIds[d]) * u + this.uposIds[h]] : null;
    let label: number;
    if (allowed !== null) {
      label = this.labeler.bestAmong(fb, this.lScores, allowed);
    } else {
      const lo = d < h ? 0 : this.meta.rightStart;
      const hi = d < h ? this.meta.leftEnd : this.labels.length;
      label = bestLabel(this.labeler.scoresRange(fb, this.lScores, lo, hi), this.rootLabel, lo, hi);
    }
    return label < 0 ? this.fallbackLabel : label;
  }

  /**
   * Parses one sentence given its words and POS tags. Always returns a tree: one head per word
   * (1-based, 0 = root), exactly one root, no cycles.
   */
  parse(words: readonly string[], upos: readonly string[], xpos: readonly string[]): ParseResult {
    const n = words.length;
    if (n === 0) return { head: [], deprel: [] };
    const second = this.second;
    const reviser = this.reviser;
    const wantMargins = second !== null || reviser !== null;
    if (wantMargins && this.margins.length < n) this.margins = new Float32Array(2 * n);
    this.decode(words, upos, xpos, wantMargins ? this.margins : null);
    const s = this.state;
    const head = new Array<number>(n);
    const deprel = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const h = s.heads[i];
      head[i] = h === n ? 0 : h + 1;
      deprel[i] = this.labels[s.labels[i]];
    }
    if (second !== null) this.cascade(second, words, upos, xpos, head, deprel);
    attachPunctuation(words, head, deprel);
    if (reviser !== null) this.revise(reviser, words, upos, xpos, head, deprel);
    return { head, deprel };
  }

  /**
   * Applies the tree reviser to the parsed tree (head, deprel: 1-based, changed in place): a word given another head
   * gets the label this parser's label model chooses for the new arc, and the punctuation rules run again.
   */
  private revise(reviser: Reviser, words: readonly string[], upos: readonly string[], xpos: readonly string[], head: number[], deprel: string[]): void {
    const n = words.length;
    const before = head.slice();
    if (reviser.revise({ words, upos, xpos, head: before, deprel, margin: this.margins }, head) === 0) return;
    for (let i = 0; i < n; i++) if (head[i] !== before[i]) deprel[i] = head[i] === 0 ? 'root' : this.labels[this.chooseLabel(head[i] - 1, i)];
    attachPunctuation(words, head, deprel);
  }

  /**
   * When this parser's lowest arc margin on the sentence is under the second parser's threshold, replaces its tree
   * (head, deprel: this parser's, 1-based) by the blend of both parsers' trees; an arc keeps the label of a parser
   * that made it.
   */
  private cascade(second: Parser, words: readonly string[], upos: readonly string[], xpos: readonly string[], head: number[], deprel: string[]): void {
    const n = words.length;
    const c = second.meta.cascade!;
    const margins = this.margins;
    let min = Infinity;
    for (let i = 0; i < n; i++) if (margins[i] > 0 && margins[i] < min) min = margins[i];
    if (!(min / c.scale[0] < c.threshold)) return;
    const b = second.parseArcs(words, upos, xpos);
    if (this.blendHeads.length < n) this.blendHeads = new Int32Array(2 * n);
    const out = this.blendHeads;
    const changed = blendTrees([{ head, margin: margins }, b], c, out, this.eisnerScratch, this.blendScores, c.greedy === true);
    if (!changed) return;
    for (let i = 0; i < n; i++) {
      const h = out[i];
      if (h === head[i]) continue;
      head[i] = h;
      if (h === 0) {
        deprel[i] = 'root';
        continue;
      }
      const l = h === b.head[i] ? second.labels[b.label[i]] : deprel[i] !== 'root' ? deprel[i] : second.labels[b.label[i]];
      deprel[i] = l === 'root' ? 'dep' : l;
    }
  }

  /**
   * Selectional branching (Choi & McCallum 2013) at inference: the greedy sequence, plus up to `k` sequences
   * that take the second-best transition at one of the greedy sequence's `k` lowest-margin decisions (those
   * with margin under `maxMargin`) and continue greedily; the sequence with the highest summed transition score
   * wins. Returns the tree (punctuation rules applied) and the number of transitions scored beyond the greedy
   * parse's.
   */
  parseBranching(words: readonly string[], upos: readonly string[], xpos: readonly string[], k: number, maxMargin = Infinity): ParseResult & { extra: number } {
    const n = words.length;
    if (n === 0) return { head: [], deprel: [], extra: 0 };
    const steps = 2 * n;
    const seqT = new Int8Array(steps);
    const seqL = new Int32Array(steps);
    const stepScore = new Float64Array(steps);
    const altT = new Int8Array(steps).fill(-1);
    const altScore = new Float64Array(steps);
    const margin = new Float64Array(steps).fill(Infinity);
    const tab = this.table;
    const s = this.state;
    this.prepare(words, upos, xpos);
    const fb = this.fb;
    const sc = this.tScores;
    // Runs from step `from` (the state already holds steps 0..from−1) greedily, taking `first` at step `from`
    // when it is ≥ 0; records into the arrays when `record`. Returns the summed score of steps from.. and the
    // number of scored steps.
    const run = (from: number, first: number, firstScore: number, record: boolean): { score: number; scored: number } => {
      let total = 0;
      let scored = 0;
      for (let step = from; !s.isTerminal(); step++) {
        let best: number;
        let bestScore = 0;
        const forced = forcedTransition(s);
        if (step === from && first >= 0) {
          best = first;
          bestScore = firstScore;
        } else if (forced >= 0) {
          best = forced;
        } else {
          transitionFeatures(s, tab, fb, this.lite, this.unlabelled);
          this.trans.scores3(fb, sc);
          scored++;
          best = -1;
          if (s.canShift()) best = SHIFT;
          if (s.canLeft() && (best < 0 || sc[LEFT] > sc[best])) best = LEFT;
          if (s.canRight() && (best < 0 || sc[RIGHT] > sc[best])) best = RIGHT;
          bestScore = sc[best];
          if (record) {
            let second = -1;
            for (let t = 0; t < 3; t++) if (t !== best && s.valid(t) && (second < 0 || sc[t] > sc[second])) second = t;
            if (second >= 0) {
              altT[step] = second;
              altScore[step] = sc[second];
              margin[step] = sc[best] - sc[second];
            }
          }
        }
        total += bestScore;
        let label = -1;
        if (best === SHIFT) {
          s.shift();
        } else {
          const h = s.arcHead(best);
          label = h === n ? this.rootLabel : this.chooseLabel(h, s.arcDep());
          s.arc(best, label);
        }
        if (record) {
          seqT[step] = best;
          seqL[step] = label;
          stepScore[step] = bestScore;
        }
      }
      return { score: total, scored };
    };
    s.init(n);
    const greedy = run(0, -1, 0, true);
    let bestHeads = Int32Array.from(s.heads.subarray(0, n));
    let bestLabels = Int32Array.from(s.labels.subarray(0, n));
    let bestTotal = greedy.score;
    let extra = 0;
    if (k > 0) {
      const cand: number[] = [];
      for (let step = 0; step < steps; step++) if (altT[step] >= 0 && margin[step] < maxMargin) cand.push(step);
      cand.sort((a, b) => margin[a] - margin[b] || a - b);
      for (const j of cand.slice(0, k)) {
        s.init(n);
        let prefix = 0;
        for (let step = 0; step < j; step++) {
          if (seqT[step] === SHIFT) s.shift();
          else s.arc(seqT[step], seqL[step]);
          prefix += stepScore[step];
        }
        const r = run(j, altT[j], altScore[j], false);
        extra += r.scored;
        if (prefix + r.score > bestTotal) {
          bestTotal = prefix + r.score;
          bestHeads = Int32Array.from(s.heads.subarray(0, n));
          bestLabels = Int32Array.from(s.labels.subarray(0, n));
        }
      }
    }
    const head = new Array<number>(n);
    const deprel = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      head[i] = bestHeads[i] === n ? 0 : bestHeads[i] + 1;
      deprel[i] = this.labels[bestLabels[i]];
    }
    attachPunctuation(words, head, deprel);
    return { head, deprel, extra };
  }

  /**
   * The parser's own tree without the punctuation rules, with the margin of the transition behind each arc
   * (see decode): heads 1-based (0 = root), label ids into this.labels.
   */
  parseArcs(words: readonly string[], upos: readonly string[], xpos: readonly string[]): { head: Int32Array; label: Int32Array; margin: Float32Array } {
    const n = words.length;
    const head = new Int32Array(n);
    const label = new Int32Array(n);
    const margin = new Float32Array(n);
    if (n === 0) return { head, label, margin };
    this.decode(words, upos, xpos, margin);
    const s = this.state;
    for (let i = 0; i < n; i++) {
      head[i] = s.heads[i] === n ? 0 : s.heads[i] + 1;
      label[i] = s.labels[i];
    }
    return { head, label, margin };
  }
}
