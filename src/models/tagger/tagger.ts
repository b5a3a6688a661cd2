/**
 * Part-of-speech tagger and lemmatizer: UPOS, PTB-style XPOS and lemma for each word of a tokenised
 * sentence (UD English tokenisation: "'s" and "n't" split off).
 *
 * Two greedy averaged perceptrons:
 *  1. a small UPOS-only model (17 classes, fewer features) tags right to left, so its guess for a
 *     token has seen that token's right context;
 *  2. the main model predicts the joint label "UPOS|XPOS" (so the two tags are always consistent) left
 *     to right, seeing its own previous decisions on the left and the first model's guesses for the
 *     token itself and the two on its right.
 * At run time the first model's UPOS scores, and those of a third UPOS-only model run in the opposite
 * direction (trained alongside, used only for these scores), are added to the main model's scores.
 * Frequent unambiguous words come from a tag dictionary; frequent ambiguous words may only take labels
 * they were seen with in training. Lemmas come from a learned exceptions table and suffix rules
 * (lemmatizer.ts).
 *
 * File format of models/tagger.bin: "HTAG", u32 format version, u32 byte length of a UTF-8 JSON header
 * (labels, lexicon, lemmatizer tables), the JSON, u32 byte length of the first model, the first model's
 * serialised bytes, u32 byte length of the main model, its bytes, then (optionally) the third model's
 * bytes (sparse quantised format, see weights.ts).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureBuffer, hashString } from '../perceptron.js';
import { SparseScorer, type LabelScorer } from './weights.js';
import {
  MAX_FEATURES,
  N_INTRINSIC,
  intrinsicFeatures,
  SentenceFeatures,
  START_TAG,
  END_TAG,
  mix,
  rightFeatures,
  tokenFeatures,
  firstFeatures,
  normalizeForm,
  type AmbiguityLookup,
} from './features.js';
import { Lemmatizer, type LemmatizerData } from './lemmatizer.js';
import { externalClassLookup, type ExternalLexicon } from './external-lexicon.js';

export interface TaggedWords {
  upos: string[];
  xpos: string[];
  lemma: string[];
}

/** Everything but the weights, stored as the JSON header of tagger.bin. */
export interface TaggerLexicon {
  /** Feature-set version; a model is only valid with the feature code it was trained with. */
  featureVersion: number;
  /** Joint labels "UPOS|XPOS", indexed by the main model's classes. */
  labels: string[];
  /** UPOS tags, indexed by the first model's classes. */
  uposLabels: string[];
  /** Normalised form → label index, for frequent words that (nearly) always take one label. */
  tagDict: Record<string, number>;
  /** Normalised form → every label it was seen with in training (words seen at least a few times). */
  words: Record<string, number[]>;
  /** Training counts of the words in `words`. */
  wordCounts: Record<string, number>;
  /** Words seen at least this often are only given labels they were seen with. */
  restrictMinCount: number;
  /** Direction of the first (UPOS) pass. */
  firstRightToLeft: boolean;
  /**
   * Run time: weight of the first pass's UPOS scores added to the main model's label scores (0: the
   * main model alone). Both are scaled to real-valued perceptron scores first.
   */
  firstWeight?: number;
  /**
   * Run time: weight of a third model's UPOS scores (a UPOS pass in the direction opposite to the
   * first's, stored after the main model) added like the first pass's; 0 or absent: no third model.
   */
  backWeight?: number;
  lemmatizer: LemmatizerData;
  /**
   * External dictionary lexicon for words the training data does not know (see external-lexicon.ts):
   * `classes` are space-joined Penn tag lists, `forms` (sorted, joined with '\n') and `classOf` give each
   * form's class index. Only forms that are not training-lexicon entries are kept.
   */
  external?: ExternalLexicon;
}


interface WordInfo {
  /** Ambiguity-class hash (never 0). */
  amb: number;
  /** Dictionary label, or -1. */
  fixed: number;
  /** Allowed joint labels, or null when the model may choose any label. */
  candidates: Int32Array | null;
  /** Allowed UPOS ids for the first model, or null. */
  uposCandidates: Int32Array | null;
}

export const MODEL_FILE = 'tagger.bin';
export const FEATURE_VERSION = 6;
const MAGIC = 'HTAG';
/** 4: the external lexicon's forms are one sorted '\n'-joined string (3: an object keyed by form). */
const FORMAT_VERSION = 4;

/** Typographic quotes whose direction the character itself tells (straight quotes are left to the model). */
const QUOTE_LABELS: Record<string, string> = {
  '“': 'PUNCT|``',
  '‘': 'PUNCT|``',
  '”': "PUNCT|''",
};

/** Word types whose partial scores and lemmas are memoised (the caches are emptied when full). */
const TYPE_CACHE_SIZE = 50_000;

const AMB_SEED = hashString('amb');

const NO_INFO: WordInfo = { amb: 0, fixed: -1, candidates: null, uposCandidates: null };

export class Tagger {
  readonly labels: readonly string[];
  readonly uposLabels: readonly string[];
  /** UPOS id (first model class) of each joint label. */
  readonly uposIdOf: Int32Array;
  readonly firstRightToLeft: boolean;
  private readonly uposOf: string[];
  private readonly xposOf: string[];
  /** Lexicon entries built so far (null: not in the lexicon). */
  private readonly words: Map<string, WordInfo | null>;
  /** Lowercase form → ambiguity class of its capitalised form ("asia" → that of "Asia"). */
  private readonly capitalised: Map<string, number>;
  private readonly quoteLabels: Map<string, number>;
  /** Hash of each external-lexicon class (never 0), indexed like ExternalLexicon.classes. */
  private readonly externalHashes: Uint32Array;
  /** Class index of a form in the external lexicon, or -1. */
  private readonly externalClass: (form: string) => number;
  readonly lemmatizer: Lemmatizer;
  // Scratch space reused by tag(); tag() is synchronous, so one instance is never used concurrently.
  private readonly sentence = new SentenceFeatures();
  private readonly features = new FeatureBuffer(MAX_FEATURES);
  private info: WordInfo[] = [];
  private fixedLabels = new Int32Array(64);
  private firstGuess = new Int32Array(64);
  /**
   * Run time only (quantised weights): summed first- and main-model scores of each word type's
   * intrinsic features (N_INTRINSIC), keyed by normalised form ("\u0000" appended sentence-initially).
   */
  private readonly cached: { first: SparseScorer; model: SparseScorer; back: SparseScorer | null } | null;
  private readonly typeScores = new Map<string, Int16Array>();
  private tokenScores: Int16Array[] = [];
  /** First-pass integer scores per token (run time, when `beta` ≠ 0), and whether they were computed. */
  private firstScores = new Int32Array(64 * 32);
  private firstScored = new Uint8Array(64);
  /** Third-pass integer scores per token (run time, with a back model). */
  private backScores = new Int32Array(64 * 32);
  /** Back-model integer units → first-model integer units, times backWeight / firstWeight. */
  private backRatio = 0;
  /** firstWeight in main-model integer units (0 when off or when training). */
  private beta = 0;
  private readonly intrinsic = new FeatureBuffer(N_INTRINSIC);
  /** Lemmas by normalised-form-independent raw form, one slot per joint label (run time). */
  private readonly lemmaCache = new Map<string, Array<string | undefined>>();

  constructor(
    /** UPOS-only first pass. */
    readonly first: LabelScorer,
    /** Joint UPOS|XPOS main model. */
    readonly model: LabelScorer,
    private readonly lexicon: TaggerLexicon,
    /** Optional UPOS-only pass in the opposite direction (see TaggerLexicon.backWeight). */
    readonly back: LabelScorer | null = null,
  ) {
    if (lexicon.featureVersion !== FEATURE_VERSION) {
      throw new Error(`tagger model uses feature version ${lexicon.featureVersion}, code expects ${FEATURE_VERSION}`);
    }
    if (model.nClasses !== lexicon.labels.length || first.nClasses !== lexicon.uposLabels.length) {
      throw new Error('tagger model class counts do not match its labels');
    }
    this.labels = lexicon.labels;
    this.firstRightToLeft = lexicon.firstRightToLeft;
    this.uposLabels = lexicon.uposLabels;
    this.uposOf = lexicon.labels.map((l) => l.slice(0, l.indexOf('|')));
    this.xposOf = lexicon.labels.map((l) => l.slice(l.indexOf('|') + 1));
    this.uposIdOf = Int32Array.from(this.uposOf.map((u) => lexicon.uposLabels.indexOf(u)));
    this.quoteLabels = new Map();
    for (const [quote, label] of Object.entries(QUOTE_LABELS)) {
      const index = lexicon.labels.indexOf(label);
      if (index >= 0) this.quoteLabels.set(quote, index);
    }
    // Entries are built on first lookup (most of the 13,000 words never occur in a run); only the ambiguity
    // classes of capitalised words are needed up front.
    this.words = new Map();
    this.capitalised = new Map();
    const capitalised = (word: string): void => {
      const head = word[0];
      const lower = head.toLowerCase();
      if (lower !== head && word.slice(1).toLowerCase() === word.slice(1)) this.capitalised.set(lower + word.slice(1), this.entry(word)!.amb);
    };
    for (const word of Object.keys(lexicon.words)) capitalised(word);
    for (const word of Object.keys(lexicon.tagDict)) if (!Object.hasOwn(lexicon.words, word)) capitalised(word);
    this.lemmatizer = new Lemmatizer(lexicon.lemmatizer);
    this.externalHashes = Uint32Array.from((lexicon.external?.classes ?? []).map((c) => hashString('ext ' + c) || 1));
    this.externalClass = lexicon.external === undefined ? () => -1 : externalClassLookup(lexicon.external);
    if (back !== null && back.nClasses !== first.nClasses) throw new Error('tagger back model class count does not match');
    this.cached =
      first instanceof SparseScorer &&
      model instanceof SparseScorer &&
      first.bits === 8 &&
      model.bits === 8 &&
      (back === null || (back instanceof SparseScorer && back.bits === 8))
        ? { first, model, back: back as SparseScorer | null }
        : null;
    this.setFirstWeight(lexicon.firstWeight ?? 0);
  }

  /** The external lexicon compiled into the model, if any. */
  get external(): ExternalLexicon | undefined {
    return this.lexicon.external;
  }

  /** Sets the run-time weight of the first pass's UPOS scores in the main decision (see TaggerLexicon). */
  setFirstWeight(weight: number): void {
    this.lexicon.firstWeight = weight;
    this.beta = this.cached !== null && weight > 0 ? (weight * this.cached.first.scale) / this.cached.model.scale : 0;
    this.setBackWeight(this.lexicon.backWeight ?? 0);
  }

  /** Sets the run-time weight of the back pass's UPOS scores (needs a back model and firstWeight > 0). */
  setBackWeight(weight: number): void {
    this.lexicon.backWeight = weight;
    const c = this.cached;
    const fw = this.lexicon.firstWeight ?? 0;
    this.backRatio = c !== null && c.back !== null && this.beta !== 0 && weight > 0 ? (weight * c.back.scale) / (fw * c.first.scale) : 0;
  }

  /** Loads `tagger.bin` from a models folder. */
  static load(modelsDir: string): Tagger {
    return Tagger.fromBytes(readFileSync(join(modelsDir, MODEL_FILE)));
  }

  static fromBytes(bytes: Uint8Array): Tagger {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 12 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a Herodotus tagger model (bad magic)');
    const version = buf.readUInt32LE(4);
    if (version !== FORMAT_VERSION) {
      throw new Error(`unsupported tagger format version ${version} (this code reads version ${FORMAT_VERSION}; retrain or convert the model)`);
    }
    const jsonBytes = buf.readUInt32LE(8);
    const lexicon = JSON.parse(buf.toString('utf8', 12, 12 + jsonBytes)) as TaggerLexicon;
    let offset = 12 + jsonBytes;
    const firstBytes = buf.readUInt32LE(offset);
    offset += 4;
    const first = SparseScorer.parse(buf.subarray(offset, offset + firstBytes));
    offset += firstBytes;
    const modelBytes = buf.readUInt32LE(offset);
    offset += 4;
    const model = SparseScorer.parse(buf.subarray(offset, offset + modelBytes));
    offset += modelBytes;
    const back = offset < buf.length ? SparseScorer.parse(buf.subarray(offset)) : null;
    return new Tagger(first, model, lexicon, back);
  }

  /** The bytes of tagger.bin, with weights quantised to `bits`. */
  toBytes(bits: 8 | 16 = 8): Buffer {
    const json = Buffer.from(JSON.stringify(this.lexicon), 'utf8');
    const first = this.first.serialize(bits);
    const header = Buffer.alloc(12);
    header.write(MAGIC, 0, 'ascii');
    header.writeUInt32LE(FORMAT_VERSION, 4);
    header.writeUInt32LE(json.length, 8);
    const firstLength = Buffer.alloc(4);
    firstLength.writeUInt32LE(first.length, 0);
    const model = this.model.serialize(bits);
    const modelLength = Buffer.alloc(4);
    modelLength.writeUInt32LE(model.length, 0);
    const parts = [header, json, firstLength, first, modelLength, model];
    if (this.back !== null) parts.push(this.back.serialize(bits));
    return Buffer.concat(parts);
  }

  /** The lexicon entry of a word (its ambiguity class, dictionary label and allowed labels), built once. */
  private entry(word: string): WordInfo | undefined {
    let info = this.words.get(word);
    if (info !== undefined) return info ?? undefined;
    const lexicon = this.lexicon;
    const labels = Object.hasOwn(lexicon.words, word) ? lexicon.words[word] : undefined;
    const fixed = Object.hasOwn(lexicon.tagDict, word) ? lexicon.tagDict[word] : undefined;
    if (labels !== undefined) {
      let amb = AMB_SEED;
      for (const label of labels) amb = mix(amb, label + 1);
      const restricted = (lexicon.wordCounts[word] ?? 0) >= lexicon.restrictMinCount;
      const upos = restricted ? [...new Set(labels.map((l) => this.uposIdOf[l]))].sort((a, b) => a - b) : [];
      info = { amb: amb || 1, fixed: fixed ?? -1, candidates: restricted ? Int32Array.from(labels) : null, uposCandidates: restricted ? Int32Array.from(upos) : null };
    } else if (fixed !== undefined) {
      info = { amb: mix(AMB_SEED, fixed + 1) || 1, fixed, candidates: null, uposCandidates: null };
    } else {
      info = null;
    }
    if (this.words.size >= TYPE_CACHE_SIZE) this.words.clear();
    this.words.set(word, info);
    return info ?? undefined;
  }

  /** Lexicon lookups for SentenceFeatures.load; records each token's entry as a side effect. */
  private readonly lookup: AmbiguityLookup = {
    ambiguity: (norm: string, index: number): number => {
      let info = this.entry(norm);
      if (info === undefined && index === 0) info = this.entry(norm.toLowerCase());
      this.info[index] = info ?? NO_INFO;
      return info ? info.amb : 0;
    },
    lowerAmbiguity: (lower: string): number => this.entry(lower)?.amb ?? 0,
    capitalisedAmbiguity: (lower: string): number => this.capitalised.get(lower) ?? 0,
    external: (norm: string, lower: string): number => {
      let c = this.externalClass(norm);
      if (c < 0) c = this.externalClass(lower);
      return c >= 0 ? this.externalHashes[c] : 0;
    },
  };

  /**
   * Fills the per-sentence caches for `words`: features, lexicon entries and dictionary labels
   * (`fixedLabel(i)`, -1 when the model must decide).
   */
  prepare(words: readonly string[]): SentenceFeatures {
    const n = words.length;
    this.info.length = n;
    if (this.fixedLabels.length < n) {
      this.fixedLabels = new Int32Array(n * 2);
      this.firstGuess = new Int32Array(n * 2);
      this.firstScores = new Int32Array(n * 2 * this.first.nClasses);
      this.firstScored = new Uint8Array(n * 2);
      this.backScores = new Int32Array(n * 2 * this.first.nClasses);
    }
    this.sentence.load(words, this.lookup, this.cached === null);
    if (this.beta !== 0) this.firstScored.fill(0, 0, n);
    for (let i = 0; i < n; i++) {
      const quote = this.quoteLabels.get(words[i]);
      this.fixedLabels[i] = quote !== undefined ? quote : this.info[i].fixed;
    }
    if (this.cached !== null) {
      const sentence = this.sentence;
      this.tokenScores.length = n;
      for (let i = 0; i < n; i++) {
        const key = i === 0 ? sentence.norm[i] + '\u0000' : sentence.norm[i];
        let scores = this.typeScores.get(key);
        if (scores === undefined) {
          scores = this.intrinsicScores(i, this.cached.first, this.cached.model, this.cached.back);
          if (this.typeScores.size >= TYPE_CACHE_SIZE) this.typeScores.clear();
          this.typeScores.set(key, scores);
        }
        this.tokenScores[i] = scores;
      }
    }
    return this.sentence;
  }

  /** First-model then main-model integer scores of token `i`'s intrinsic features. */
  private intrinsicScores(i: number, first: SparseScorer, model: SparseScorer, back: SparseScorer | null): Int16Array {
    const fb = this.intrinsic;
    intrinsicFeatures(this.sentence, i, fb.ids, 0);
    fb.length = N_INTRINSIC;
    const out = new Int16Array(first.nClasses + model.nClasses + (back !== null ? back.nClasses : 0));
    out.set(first.scores(fb), 0);
    out.set(model.scores(fb), first.nClasses);
    if (back !== null) out.set(back.scores(fb), first.nClasses + model.nClasses);
    return out;
  }

  /** Dictionary label of token `index` of the prepared sentence, or -1. */
  fixedLabel(index: number): number {
    return this.fixedLabels[index];
  }

  /** Whether the first pass asks its model about token `index` (not fixed by the lexicon). */
  firstUsesModel(index: number): boolean {
    if (this.fixedLabels[index] >= 0) return false;
    const candidates = this.info[index].uposCandidates;
    return candidates === null || candidates.length > 1;
  }

  /**
   * First-pass UPOS id for token `index`, given the first pass's two previous UPOS ids (when the first
   * pass runs right to left: those of tokens index + 1 and index + 2, END_TAG past the end).
   */
  decideFirst(fb: FeatureBuffer, index: number, u1: number, u2: number): number {
    const fixed = this.fixedLabels[index];
    if (fixed >= 0) return this.uposIdOf[fixed];
    const candidates = this.info[index].uposCandidates;
    if (candidates !== null && candidates.length === 1) return candidates[0];
    fb.length = firstFeatures(this.sentence, index, u1, u2, fb.ids);
    if (this.cached !== null) {
      if (this.beta === 0) return this.cached.first.bestFrom(this.tokenScores[index], 0, fb, N_INTRINSIC, candidates);
      // Keep the scores for the main pass (only the allowed UPOS when restricted: the main model's
      // candidates for the word never carry another).
      this.firstScored[index] = 1;
      const k = this.first.nClasses;
      return this.cached.first.bestFromInto(this.tokenScores[index], 0, fb, N_INTRINSIC, candidates, this.firstScores, index * k);
    }
    return candidates === null ? this.first.best(fb) : this.first.bestAmong(fb, candidates);
  }

  /**
   * Back-pass UPOS id for token `index` (the pass runs opposite to the first), given its two previous
   * UPOS ids. At run time its scores are kept for the main pass; in training the float model decides.
   */
  decideBack(fb: FeatureBuffer, index: number, u1: number, u2: number): number {
    const back = this.back!;
    const fixed = this.fixedLabels[index];
    if (fixed >= 0) return this.uposIdOf[fixed];
    const candidates = this.info[index].uposCandidates;
    if (candidates !== null && candidates.length === 1) return candidates[0];
    fb.length = firstFeatures(this.sentence, index, u1, u2, fb.ids);
    const c = this.cached;
    if (c !== null && c.back !== null) {
      const k = this.first.nClasses;
      return c.back.bestFromInto(this.tokenScores[index], k + this.model.nClasses, fb, N_INTRINSIC, candidates, this.backScores, index * k);
    }
    return candidates === null ? back.best(fb) : back.bestAmong(fb, candidates);
  }

  /** Whether the back pass asks its model about token `index` (same rule as the first pass). */
  backUsesModel(index: number): boolean {
    return this.firstUsesModel(index);
  }

  /**
   * Main-model label for token `index` (not in the dictionary), given the two previous labels and the
   * first pass's guesses for this token and the two on its right.
   */
  decide(fb: FeatureBuffer, index: number, t1: number, t2: number, r0: number, r1: number, r2: number): number {
    const n = tokenFeatures(this.sentence, index, t1, t2, fb.ids);
    fb.length = rightFeatures(this.sentence, index, t1, r0, r1, r2, fb.ids, n);
    const candidates = this.info[index].candidates;
    if (this.cached !== null) {
      if (this.beta !== 0 && this.firstScored[index] === 1) {
        return this.cached.model.bestFromWithBonus(
          this.tokenScores[index],
          this.first.nClasses,
          fb,
          N_INTRINSIC,
          candidates,
          this.firstScores,
          index * this.first.nClasses,
          this.uposIdOf,
          this.beta,
        );
      }
      return this.cached.model.bestFrom(this.tokenScores[index], this.first.nClasses, fb, N_INTRINSIC, candidates);
    }
    return candidates === null ? this.model.best(fb) : this.model.bestAmong(fb, candidates);
  }

  /** Joint label ids ("UPOS|XPOS" indices into `labels`) for one sentence. */
  tagIds(words: readonly string[]): Int32Array {
    const n = words.length;
    const out = new Int32Array(n);
    this.prepare(words);
    const fb = this.features;
    const guess = this.firstGuess;
    const rtl = this.firstRightToLeft;
    let u1 = rtl ? END_TAG : START_TAG;
    let u2 = u1;
    for (let step = 0; step < n; step++) {
      const i = rtl ? n - 1 - step : step;
      const u = this.decideFirst(fb, i, u1, u2);
      guess[i] = u;
      u2 = u1;
      u1 = u;
    }
    if (this.backRatio !== 0) {
      // Third pass, opposite direction; its scores join the first pass's (in first-model units).
      u1 = rtl ? START_TAG : END_TAG;
      u2 = u1;
      for (let step = 0; step < n; step++) {
        const i = rtl ? step : n - 1 - step;
        const u = this.decideBack(fb, i, u1, u2);
        u2 = u1;
        u1 = u;
      }
      const k = this.first.nClasses;
      const fs = this.firstScores;
      const bs = this.backScores;
      const r = this.backRatio;
      for (let i = 0; i < n; i++) {
        if (this.firstScored[i] !== 1) continue;
        const candidates = this.info[i].uposCandidates;
        if (candidates !== null) {
          for (let j = 0; j < candidates.length; j++) fs[i * k + candidates[j]] += Math.round(r * bs[i * k + candidates[j]]);
        } else {
          for (let c = 0; c < k; c++) fs[i * k + c] += Math.round(r * bs[i * k + c]);
        }
      }
    }
    let t1 = START_TAG;
    let t2 = START_TAG;
    for (let i = 0; i < n; i++) {
      let label = this.fixedLabels[i];
      if (label < 0) {
        label = this.decide(fb, i, t1, t2, guess[i], i + 1 < n ? guess[i + 1] : END_TAG, i + 2 < n ? guess[i + 2] : END_TAG);
      }
      out[i] = label;
      t2 = t1;
      t1 = label;
    }
    return out;
  }

  /** Lemma of a word with joint label `label`, memoised per (form, label). */
  private lemmaOf(word: string, label: number): string {
    let slots = this.lemmaCache.get(word);
    if (slots === undefined) {
      if (this.lemmaCache.size >= TYPE_CACHE_SIZE) this.lemmaCache.clear();
      this.lemmaCache.set(word, (slots = []));
    }
    let lemma = slots[label];
    if (lemma === undefined) slots[label] = lemma = this.lemmatizer.lemmatize(word, this.xposOf[label]);
    return lemma;
  }

  tag(words: readonly string[]): TaggedWords {
    const ids = this.tagIds(words);
    const n = words.length;
    const upos = new Array<string>(n);
    const xpos = new Array<string>(n);
    const lemma = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      upos[i] = this.uposOf[ids[i]];
      xpos[i] = this.xposOf[ids[i]];
      lemma[i] = this.lemmaOf(words[i], ids[i]);
    }
    return { upos, xpos, lemma };
  }
}

/** Re-exported for the trainer and tests: the normalisation used for dictionary keys. */
export { normalizeForm };
