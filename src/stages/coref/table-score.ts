/**
 * Scoring a candidate antecedent without hashing most of its features (same score as the ranker's
 * pairFeatures + model.score, bit for bit). Almost every pair feature combines a few small integers
 * (the kind conjunction, distance buckets, flags) with at most two attributes of the mentions drawn from
 * small vocabularies (kind|type, determiner, dependency relation, pronoun form, pronoun class, rule name).
 * Each such feature's weights are laid out in a small table indexed by those values: a pair then reads a few
 * kilobytes of tables instead of ~35 scattered entries of a 4 MB vector. Only the features over open
 * vocabularies (lemmas, last words) are still hashed. The tables are complete for every attribute value met
 * so far: a value seen for the first time gets an id and its rows are filled then (see {@link PairTables.id}).
 *
 * Sums do not depend on order: weights loaded from a model file are quantised (an integer times one
 * scale, stored as float32), so every partial sum of a few dozen of them is exact in a double. Models
 * whose weights are not quantised (in training) are scored the usual way.
 */
import type { CorefState } from './cluster.js';
import { C, CONJ, copularPair, F, G, inApposition, KIND, lengthBucket, mentionBucket, mix, ruleRelation, sentenceBucket, sizeBucket, TEMPLATE } from './hash.js';

/** Mention attributes with small vocabularies, interned as small ids; CAP is each one's table size. */
type Attr = 'kt' | 'det' | 'rel' | 'form' | 'pc' | 'rule';
const CAP: Record<Attr, number> = { kt: 32, det: 8, rel: 64, form: 64, pc: 16, rule: 32 };
const KT = CAP.kt;
const DET = CAP.det;
const REL = CAP.rel;
const FORM = CAP.form;
const PC = CAP.pc;

/** A table dimension: a small integer below n, or an interned attribute (valued by its hash). */
type Dim = number | Attr;

/** The weights of one feature template over every combination of its values, row-major in `dims` order. */
class Table {
  readonly data: Float32Array;
  readonly sizes: number[];
  constructor(
    readonly dims: readonly Dim[],
    readonly hash: (v: readonly number[]) => number,
  ) {
    this.sizes = dims.map((d) => (typeof d === 'number' ? d : CAP[d]));
    this.data = new Float32Array(this.sizes.reduce((a, b) => a * b, 1));
  }
}

/** The template's prefix for a first value belonging to the mention (as the ranker's mentionPrefixes makes it). */
const P = (t: number, a: number): number => mix(TEMPLATE[t], a);

/** The weight tables of one model and the interned attribute vocabularies. */
export class PairTables {
  private readonly vocab: Record<Attr, number[]> = { kt: [], det: [], rel: [], form: [], pc: [], rule: [] };
  private readonly ids: Record<Attr, Map<number, number>> = { kt: new Map(), det: new Map(), rel: new Map(), form: new Map(), pc: new Map(), rule: new Map() };
  private readonly all: Table[] = [];
  private readonly table = (dims: readonly Dim[], hash: (v: readonly number[]) => number): Float32Array => {
    const t = new Table(dims, hash);
    this.all.push(t);
    return t.data;
  };

  readonly t1 = this.table([10], ([c]) => G(CONJ[10 + c]));
  readonly t2 = this.table([10, 8], ([c, sd]) => C(2, c, sd));
  readonly t3 = this.table([10, 10], ([c, md]) => C(3, c, md));
  readonly t4 = this.table([10, 2, 2], ([c, hm, ex]) => C(4, c, hm, ex));
  readonly t5 = this.table([10, 2, 'det'], ([c, hm, det]) => C(5, c, hm, det));
  readonly t6 = this.table([10, 3], ([c, x]) => C(6, c, x));
  readonly t7 = this.table([10, 3], ([c, x]) => C(7, c, x));
  readonly t8 = this.table([10, 2, 2], ([c, a, b]) => C(8, c, a, b));
  readonly t9 = this.table([10, 2], ([c, x]) => C(9, c, x));
  readonly t10 = this.table([10, 'rel', 'rel'], ([c, a, b]) => C(10, c, a, b));
  readonly t11 = this.table(['kt', 'kt'], ([a, b]) => G(P(11, a), b));
  readonly t12 = this.table([10, 2, 8], ([c, q, sd]) => C(12, c, q, sd));
  readonly t13 = this.table([10, 2, 8], ([c, hm, sd]) => C(13, c, hm, sd));
  readonly t14 = this.table([10, 'det', 2], ([c, det, hm]) => C(14, c, det, hm));
  readonly t40 = this.table(['rule', 4], ([r, rel]) => G(P(40, r), rel));
  readonly t41 = this.table(['rule', 4, 10], ([r, rel, c]) => G(P(41, r), rel, c));
  readonly t42 = this.table(['rule', 4, 8], ([r, rel, sd]) => G(P(42, r), rel, sd));
  readonly t50 = this.table([10, 6, 2], ([c, n, l]) => C(50, c, n, l));
  readonly t51 = this.table([10, 2, 2], ([c, ch, hm]) => C(51, c, ch, hm));
  readonly t52 = this.table([3, 2, 2], ([k, n, ch]) => G(P(52, k), n, ch));
  readonly t53 = this.table([10, 2, 6], ([c, ex, n]) => C(53, c, ex, n));
  readonly t20 = this.table(['form', 'kt'], ([f, kt]) => G(P(20, f), kt));
  readonly t21 = this.table(['form', 'form', 2], ([f, g, q]) => G(P(21, f), g, q));
  readonly t22 = this.table(['form', 8], ([f, sd]) => G(P(22, f), sd));
  readonly t23 = this.table(['form', 2, 4], ([f, pl, gc]) => G(P(23, f), pl, gc));
  readonly t24 = this.table(['form', 'rel'], ([f, rel]) => G(P(24, f), rel));
  readonly t25 = this.table(['form', 4, 8], ([f, ag, sd]) => G(P(25, f), ag, sd));
  readonly t26 = this.table(['form', 10, 3], ([f, md, ki]) => G(P(26, f), md, ki));
  readonly t27 = this.table(['form', 3, 3], ([f, ne, ki]) => G(P(27, f), ne, ki));
  readonly t29 = this.table(['rel', 'rel', 4], ([a, b, ag]) => G(P(29, a), b, ag));
  readonly t55 = this.table(['pc', 3, 3], ([pc, x, ki]) => G(P(55, pc), x, ki));
  readonly t56 = this.table(['pc', 'pc', 8], ([a, b, sd]) => G(P(56, a), b, sd));
  readonly t57 = this.table(['pc', 128, 2], ([pc, bits, l]) => G(P(57, pc), bits, l));
  readonly t34 = this.table(['kt', 2, 2], ([kt, hm, ex]) => G(P(34, kt), hm, ex));
  readonly t36 = this.table([10, 3], ([c, x]) => C(36, c, x));
  readonly t37 = this.table(['det', 'det', 2], ([a, b, hm]) => G(P(37, a), b, hm));
  readonly t38 = this.table([10, 7, 7], ([c, a, b]) => C(38, c, a, b));

  constructor(
    readonly weights: Float32Array,
    readonly mask: number,
  ) {
    for (const t of this.all) if (t.dims.every((d) => typeof d === 'number')) this.fill(t, -1, 0);
  }

  /** The id of an attribute value (its hash); −1 once the attribute's table size is reached. A new value's rows are filled at once. */
  id(attr: Attr, hash: number): number {
    const known = this.ids[attr].get(hash);
    if (known !== undefined) return known;
    const vocab = this.vocab[attr];
    if (vocab.length >= CAP[attr]) return -1;
    const id = vocab.length;
    vocab.push(hash);
    this.ids[attr].set(hash, id);
    for (const t of this.all) t.dims.forEach((d, p) => d === attr && this.fill(t, p, id));
    return id;
  }

  /** Fills the entries of `t` whose dimension `fixed` is `id` (all entries when fixed is −1), over every known value of the others. */
  private fill(t: Table, fixed: number, id: number): void {
    const n = t.dims.length;
    const index = new Array<number>(n).fill(0);
    const values = new Array<number>(n);
    const extent = t.dims.map((d, p) => (p === fixed ? 1 : typeof d === 'number' ? d : this.vocab[d].length));
    if (extent.some((e) => e === 0)) return;
    for (;;) {
      let flat = 0;
      for (let p = 0; p < n; p++) {
        const d = t.dims[p];
        const k = p === fixed ? id : index[p];
        values[p] = typeof d === 'number' ? k : this.vocab[d][k];
        flat = flat * t.sizes[p] + k;
      }
      t.data[flat] = this.weights[t.hash(values) & this.mask];
      let p = n - 1;
      while (p >= 0 && ++index[p] >= extent[p]) index[p--] = 0;
      if (p < 0) return;
    }
  }
}

/** The interned attributes of every mention of one document, and the per-mention weights of the one being resolved. */
export class MentionIds {
  kt = new Int32Array(0);
  det = new Int32Array(0);
  rel = new Int32Array(0);
  form = new Int32Array(0);
  pc = new Int32Array(0);
  /** Whether every attribute of the mention got an id (otherwise its pairs are scored by hashing). */
  ok = new Uint8Array(0);
  /** Weights of templates 31, 33 and 35 for the mention being resolved (their prefix is one of its open-vocabulary words). */
  readonly own = new Float32Array(10);
  /** Interned id of the rule's name for the mention being resolved (−1: none). */
  rule = 0;
  /** The last score {@link tableScore} computed (kept here: a double returned from a call is boxed on the heap). */
  readonly score = new Float64Array(1);
  private state: CorefState | undefined;

  /** Interns the attributes of the document's mentions (once per document). */
  update(state: CorefState, tables: PairTables): void {
    if (this.state === state) return;
    this.state = state;
    const n = state.feats.length;
    if (this.kt.length < n) {
      this.kt = new Int32Array(n);
      this.det = new Int32Array(n);
      this.rel = new Int32Array(n);
      this.form = new Int32Array(n);
      this.pc = new Int32Array(n);
      this.ok = new Uint8Array(n);
    }
    for (let i = 0; i < n; i++) {
      const h = state.feats[i].h;
      const kt = (this.kt[i] = tables.id('kt', h.kindType));
      const det = (this.det[i] = tables.id('det', h.det));
      const rel = (this.rel[i] = tables.id('rel', h.deprel));
      const form = (this.form[i] = tables.id('form', h.form));
      const pc = (this.pc[i] = tables.id('pc', state.feats[i].pronounClass));
      this.ok[i] = kt >= 0 && det >= 0 && rel >= 0 && form >= 0 && pc >= 0 ? 1 : 0;
    }
  }

  /** Prepares the resolution of mention j: its rule's id and its own weights (`p`: its mention prefixes). */
  begin(tables: PairTables, ruleHash: number, p: Uint32Array): void {
    this.rule = tables.id('rule', ruleHash);
    const w = tables.weights;
    const mask = tables.mask;
    const own = this.own;
    for (let hm = 0; hm < 2; hm++) {
      own[hm] = w[G(p[31], hm) & mask];
      for (let ki = 0; ki < 3; ki++) own[2 + hm * 3 + ki] = w[G(p[33], hm, ki) & mask];
      own[8 + hm] = w[G(p[35], hm) & mask];
    }
  }
}

/**
 * Puts in ids.score[0] the score of linking mention j to the earlier mention i, as model.score(pairFeatures(…))
 * gives it, and returns true; false when a value falls outside the tables (the caller then hashes the
 * features). `p` holds j's mention prefixes.
 */
export function tableScore(state: CorefState, j: number, i: number, rule: readonly [number, string] | undefined, p: Uint32Array, T: PairTables, ids: MentionIds): boolean {
  if (ids.ok[j] === 0 || ids.ok[i] === 0 || ids.rule < 0) return false;
  const f = state.feats[j];
  const g = state.feats[i];
  const sd = sentenceBucket(f.sentence - g.sentence);
  if (!(sd >= 0 && sd < 8)) return false;
  const c = state.clusterOf[i];
  const pronouns = state.clusterPronouns[c];
  if (pronouns >= 128) return false;
  const w = T.weights;
  const mask = T.mask;
  const mj = state.mentions[j];
  const kj = KIND[mj.kind];
  const ki = KIND[state.mentions[i].kind];
  const conj = kj * 3 + ki + 1;
  const md = mentionBucket(j - i);
  const headMatch = f.headLemma === g.headLemma || f.headWord === g.headWord ? 1 : 0;
  const exact = f.key === g.key ? 1 : 0;
  const partial = headMatch ? 0 : g.words.includes(f.headWord) ? 1 : f.words.includes(g.headWord) ? 2 : 0;
  const nested = g.first <= f.first && g.last >= f.last ? 1 : f.first <= g.first && f.last >= g.last ? 2 : 0;
  const appos = inApposition(f, g) ? 1 : 0;
  const copula = copularPair(f, g) ? 1 : 0;
  const number = f.plural === g.plural ? 1 : 0;
  const members = state.members[c];
  const latest = members[members.length - 1] === i ? 1 : 0;
  const clusterHead = state.clusterHeads[c].has(f.headLemma) ? 1 : 0;
  const sameQuote = f.inQuote === g.inQuote ? 1 : 0;
  const rel = ruleRelation(state, i, rule);
  const size = sizeBucket(members.length);
  const hasName = state.clusterHasName[c] ? 1 : 0;
  const ktF = ids.kt[j];
  const ktG = ids.kt[i];
  const detF = ids.det[j];
  const detG = ids.det[i];
  const relF = ids.rel[j];
  const relG = ids.rel[i];
  const r = ids.rule;
  const c10 = conj * 10;

  // Index arithmetic follows each table's dimensions in PairTables.
  let s =
    T.t1[conj] +
    T.t2[conj * 8 + sd] +
    T.t3[c10 + md] +
    T.t4[(conj * 2 + headMatch) * 2 + exact] +
    T.t5[(conj * 2 + headMatch) * DET + detF] +
    T.t6[conj * 3 + partial] +
    T.t7[conj * 3 + nested] +
    T.t8[(conj * 2 + appos) * 2 + copula] +
    T.t9[conj * 2 + number] +
    T.t10[(conj * REL + relF) * REL + relG] +
    T.t11[ktF * KT + ktG] +
    T.t12[(conj * 2 + sameQuote) * 8 + sd] +
    T.t13[(conj * 2 + headMatch) * 8 + sd] +
    T.t14[(conj * DET + detG) * 2 + headMatch] +
    T.t40[r * 4 + rel] +
    T.t41[(r * 4 + rel) * 10 + conj] +
    T.t42[(r * 4 + rel) * 8 + sd] +
    T.t50[(conj * 6 + size) * 2 + latest] +
    T.t51[(conj * 2 + clusterHead) * 2 + headMatch] +
    T.t52[(kj * 2 + hasName) * 2 + clusterHead] +
    T.t53[(conj * 2 + exact) * 6 + size];
  if (kj === KIND.pronoun) {
    const formF = ids.form[j];
    const pcF = ids.pc[j];
    const clusterGender = state.clusterGender[c];
    const genderCode = clusterGender === 'm' ? 1 : clusterGender === 'f' ? 2 : g.gender === 'n' ? 3 : 0;
    const agrees = f.person === 'third' ? (state.agrees(j, i) ? 1 : 0) : f.person === g.person ? 3 : 2;
    const shared = pronouns & f.pronounClass ? 1 : pronouns ? 2 : 0;
    s +=
      T.t20[formF * KT + ktG] +
      T.t21[(formF * FORM + ids.form[i]) * 2 + sameQuote] +
      T.t22[formF * 8 + sd] +
      T.t23[(formF * 2 + (g.plural ? 1 : 0)) * 4 + genderCode] +
      T.t24[formF * REL + relG] +
      T.t25[(formF * 4 + agrees) * 8 + sd] +
      T.t26[(formF * 10 + md) * 3 + ki] +
      T.t27[(formF * 3 + nested) * 3 + ki] +
      w[G(p[28], g.h.lemma) & mask] +
      T.t29[(relF * REL + relG) * 4 + agrees] +
      T.t55[(pcF * 3 + shared) * 3 + ki] +
      T.t56[(pcF * PC + ids.pc[i]) * 8 + sd] +
      T.t57[(pcF * 128 + pronouns) * 2 + latest];
  } else {
    const own = ids.own;
    const country = f.country && g.country ? (f.country === g.country ? 1 : 2) : 0;
    s +=
      w[G(p[30], g.h.lemma) & mask] +
      own[headMatch] +
      w[F(32, g.h.lemma, kj, headMatch) & mask] +
      own[2 + headMatch * 3 + ki] +
      T.t34[(ktF * 2 + headMatch) * 2 + exact] +
      own[8 + clusterHead] +
      T.t36[conj * 3 + country] +
      T.t37[(detF * DET + detG) * 2 + headMatch] +
      T.t38[(conj * 7 + lengthBucket(f.words.length)) * 7 + lengthBucket(g.words.length)] +
      w[G(p[39], g.h.lastWord) & mask];
  }
  ids.score[0] = s;
  return true;
}
