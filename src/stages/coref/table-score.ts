/**
 * Scoring a candidate antecedent without hashing most of its features (same score as the ranker's
 * pairFeatures + model.score, bit for bit). Almost every pair feature combines a few small integers
 * (the kind conjunction, distance buckets, flags) with at most two attributes of the mentions drawn from
 * small vocabularies (kind|type, determiner, dependency relation, pronoun form, pronoun class, rule name).
 * Each such feature's weight is kept in a small table indexed by those values, filled on first use from
 * the model's weight vector: a pair then reads a few kilobytes of tables instead of ~35 scattered entries
 * of a 4 MB vector. Only the features over open vocabularies (lemmas, last words) are still hashed.
 *
 * Sums do not depend on order: weights loaded from a model file are quantised (an integer times one
 * scale, stored as float32), so every partial sum of a few dozen of them is exact in a double. Models
 * whose weights are not quantised (in training) are scored the usual way.
 */
import type { CorefState } from './cluster.js';
import { C, CONJ, F, G, KIND, lengthBucket, mentionBucket, ruleRelation, sentenceBucket, sizeBucket } from './hash.js';

/** Small integer ids for the hashed values of one attribute (−1 once `cap` distinct values are taken). */
class Intern {
  private readonly ids = new Map<number, number>();
  constructor(readonly cap: number) {}
  id(hash: number): number {
    let k = this.ids.get(hash);
    if (k === undefined) {
      if (this.ids.size >= this.cap) return -1;
      k = this.ids.size;
      this.ids.set(hash, k);
    }
    return k;
  }
}

const KT = 32; // kind|type
const DET = 8;
const REL = 64; // dependency relations
const FORM = 64; // pronoun forms and mention kinds
const PC = 16; // pronoun classes
const RULE = 32;

const table = (n: number): Float32Array => new Float32Array(n).fill(NaN);

/** The weight tables of one model (filled as pairs need them) and the interned attribute vocabularies. */
export class PairTables {
  readonly kt = new Intern(KT);
  readonly det = new Intern(DET);
  readonly rel = new Intern(REL);
  readonly form = new Intern(FORM);
  readonly pc = new Intern(PC);
  readonly rule = new Intern(RULE);
  readonly t1 = table(10);
  readonly t2 = table(10 * 8);
  readonly t3 = table(10 * 10);
  readonly t4 = table(10 * 4);
  readonly t5 = table(10 * 2 * DET);
  readonly t6 = table(10 * 3);
  readonly t7 = table(10 * 3);
  readonly t8 = table(10 * 4);
  readonly t9 = table(10 * 2);
  readonly t10 = table(10 * REL * REL);
  readonly t11 = table(KT * KT);
  readonly t12 = table(10 * 2 * 8);
  readonly t13 = table(10 * 2 * 8);
  readonly t14 = table(10 * DET * 2);
  readonly t40 = table(RULE * 4);
  readonly t41 = table(RULE * 4 * 10);
  readonly t42 = table(RULE * 4 * 8);
  readonly t50 = table(10 * 6 * 2);
  readonly t51 = table(10 * 4);
  readonly t52 = table(3 * 4);
  readonly t53 = table(10 * 2 * 6);
  readonly t20 = table(FORM * KT);
  readonly t21 = table(FORM * FORM * 2);
  readonly t22 = table(FORM * 8);
  readonly t23 = table(FORM * 2 * 4);
  readonly t24 = table(FORM * REL);
  readonly t25 = table(FORM * 4 * 8);
  readonly t26 = table(FORM * 10 * 3);
  readonly t27 = table(FORM * 3 * 3);
  readonly t29 = table(REL * REL * 4);
  readonly t55 = table(PC * 3 * 3);
  readonly t56 = table(PC * PC * 8);
  readonly t57 = table(PC * 128 * 2);
  readonly t34 = table(KT * 4);
  readonly t36 = table(10 * 3);
  readonly t37 = table(DET * DET * 2);
  readonly t38 = table(10 * 7 * 7);

  constructor(
    readonly weights: Float32Array,
    readonly mask: number,
  ) {}
}

/** The interned attributes of every mention of one document, and the per-mention tables of the one being resolved. */
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
  /** Interned id of the rule's name for the mention being resolved. */
  rule = 0;
  private state: CorefState | undefined;
  private done = 0;

  /** Brings the ids up to date with `state` (mentions are interned once per document). */
  update(state: CorefState, tables: PairTables): void {
    const n = state.feats.length;
    if (this.state !== state) {
      this.state = state;
      this.done = 0;
      if (this.kt.length < n) {
        this.kt = new Int32Array(n);
        this.det = new Int32Array(n);
        this.rel = new Int32Array(n);
        this.form = new Int32Array(n);
        this.pc = new Int32Array(n);
        this.ok = new Uint8Array(n);
      }
    }
    for (let i = this.done; i < n; i++) {
      const h = state.feats[i].h;
      const kt = (this.kt[i] = tables.kt.id(h.kindType));
      const det = (this.det[i] = tables.det.id(h.det));
      const rel = (this.rel[i] = tables.rel.id(h.deprel));
      const form = (this.form[i] = tables.form.id(h.form));
      const pc = (this.pc[i] = tables.pc.id(state.feats[i].pronounClass));
      this.ok[i] = kt >= 0 && det >= 0 && rel >= 0 && form >= 0 && pc >= 0 ? 1 : 0;
    }
    this.done = n;
  }
}

/**
 * The score of linking mention j to the earlier mention i, as model.score(pairFeatures(…)) gives it; NaN when
 * a value falls outside the tables (the caller then hashes the features). `p` holds j's mention prefixes.
 */
export function tableScore(state: CorefState, j: number, i: number, rule: readonly [number, string] | undefined, p: Uint32Array, T: PairTables, ids: MentionIds): number {
  if (!ids.ok[j] || !ids.ok[i] || ids.rule < 0) return NaN;
  const w = T.weights;
  const mask = T.mask;
  const f = state.feats[j];
  const g = state.feats[i];
  const mj = state.mentions[j];
  const mi = state.mentions[i];
  const kj = KIND[mj.kind];
  const ki = KIND[mi.kind];
  const conj = kj * 3 + ki + 1;
  const sd = sentenceBucket(f.sentence - g.sentence);
  if (!(sd >= 0 && sd < 8)) return NaN;
  const md = mentionBucket(j - i);
  const headMatch = f.headLemma === g.headLemma || f.headWord === g.headWord ? 1 : 0;
  const exact = f.key === g.key ? 1 : 0;
  const partial = headMatch ? 0 : g.words.includes(f.headWord) ? 1 : f.words.includes(g.headWord) ? 2 : 0;
  const nested = g.first <= f.first && g.last >= f.last ? 1 : f.first <= g.first && f.last >= g.last ? 2 : 0;
  const appos = (f.deprel === 'appos' && f.parent === g.head) || (g.deprel === 'appos' && g.parent === f.head) ? 1 : 0;
  const copula = (f.copula && g.parent === f.head && g.deprel === 'nsubj') || (g.copula && f.parent === g.head && f.deprel === 'nsubj') ? 1 : 0;
  const number = f.plural === g.plural ? 1 : 0;
  const c = state.clusterOf[i];
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

  let s = 0;
  let k: number;
  let v: number;
  // Each line: the table entry of one feature, filled on first use with the weight of the feature's hash.
  v = T.t1[conj];
  if (v !== v) v = T.t1[conj] = w[G(CONJ[10 + conj]) & mask];
  s += v;
  v = T.t2[(k = conj * 8 + sd)];
  if (v !== v) v = T.t2[k] = w[C(2, conj, sd) & mask];
  s += v;
  v = T.t3[(k = conj * 10 + md)];
  if (v !== v) v = T.t3[k] = w[C(3, conj, md) & mask];
  s += v;
  v = T.t4[(k = (conj * 2 + headMatch) * 2 + exact)];
  if (v !== v) v = T.t4[k] = w[C(4, conj, headMatch, exact) & mask];
  s += v;
  v = T.t5[(k = (conj * 2 + headMatch) * DET + detF)];
  if (v !== v) v = T.t5[k] = w[C(5, conj, headMatch, f.h.det) & mask];
  s += v;
  v = T.t6[(k = conj * 3 + partial)];
  if (v !== v) v = T.t6[k] = w[C(6, conj, partial) & mask];
  s += v;
  v = T.t7[(k = conj * 3 + nested)];
  if (v !== v) v = T.t7[k] = w[C(7, conj, nested) & mask];
  s += v;
  v = T.t8[(k = (conj * 2 + appos) * 2 + copula)];
  if (v !== v) v = T.t8[k] = w[C(8, conj, appos, copula) & mask];
  s += v;
  v = T.t9[(k = conj * 2 + number)];
  if (v !== v) v = T.t9[k] = w[C(9, conj, number) & mask];
  s += v;
  v = T.t10[(k = (conj * REL + relF) * REL + relG)];
  if (v !== v) v = T.t10[k] = w[C(10, conj, f.h.deprel, g.h.deprel) & mask];
  s += v;
  v = T.t11[(k = ktF * KT + ktG)];
  if (v !== v) v = T.t11[k] = w[G(p[11], g.h.kindType) & mask];
  s += v;
  v = T.t12[(k = (conj * 2 + sameQuote) * 8 + sd)];
  if (v !== v) v = T.t12[k] = w[C(12, conj, sameQuote, sd) & mask];
  s += v;
  v = T.t13[(k = (conj * 2 + headMatch) * 8 + sd)];
  if (v !== v) v = T.t13[k] = w[C(13, conj, headMatch, sd) & mask];
  s += v;
  v = T.t14[(k = (conj * DET + detG) * 2 + headMatch)];
  if (v !== v) v = T.t14[k] = w[C(14, conj, g.h.det, headMatch) & mask];
  s += v;
  v = T.t40[(k = r * 4 + rel)];
  if (v !== v) v = T.t40[k] = w[G(p[40], rel) & mask];
  s += v;
  v = T.t41[(k = (r * 4 + rel) * 10 + conj)];
  if (v !== v) v = T.t41[k] = w[G(p[41], rel, conj) & mask];
  s += v;
  v = T.t42[(k = (r * 4 + rel) * 8 + sd)];
  if (v !== v) v = T.t42[k] = w[G(p[42], rel, sd) & mask];
  s += v;
  v = T.t50[(k = (conj * 6 + size) * 2 + latest)];
  if (v !== v) v = T.t50[k] = w[C(50, conj, size, latest) & mask];
  s += v;
  v = T.t51[(k = (conj * 2 + clusterHead) * 2 + headMatch)];
  if (v !== v) v = T.t51[k] = w[C(51, conj, clusterHead, headMatch) & mask];
  s += v;
  v = T.t52[(k = (kj * 2 + hasName) * 2 + clusterHead)];
  if (v !== v) v = T.t52[k] = w[G(p[52], hasName, clusterHead) & mask];
  s += v;
  v = T.t53[(k = (conj * 2 + exact) * 6 + size)];
  if (v !== v) v = T.t53[k] = w[C(53, conj, exact, size) & mask];
  s += v;
  if (mj.kind === 'pronoun') {
    const formF = ids.form[j];
    const formG = ids.form[i];
    const pcF = ids.pc[j];
    const pcG = ids.pc[i];
    const clusterGender = state.clusterGender[c];
    const genderCode = clusterGender === 'm' ? 1 : clusterGender === 'f' ? 2 : g.gender === 'n' ? 3 : 0;
    const agrees = f.person === 'third' ? (state.agrees(j, i) ? 1 : 0) : f.person === g.person ? 3 : 2;
    const plural = g.plural ? 1 : 0;
    const pronouns = state.clusterPronouns[c];
    if (pronouns >= 128) return NaN;
    const shared = pronouns & f.pronounClass ? 1 : pronouns ? 2 : 0;
    v = T.t20[(k = formF * KT + ktG)];
    if (v !== v) v = T.t20[k] = w[G(p[20], g.h.kindType) & mask];
    s += v;
    v = T.t21[(k = (formF * FORM + formG) * 2 + sameQuote)];
    if (v !== v) v = T.t21[k] = w[G(p[21], g.h.form, sameQuote) & mask];
    s += v;
    v = T.t22[(k = formF * 8 + sd)];
    if (v !== v) v = T.t22[k] = w[G(p[22], sd) & mask];
    s += v;
    v = T.t23[(k = (formF * 2 + plural) * 4 + genderCode)];
    if (v !== v) v = T.t23[k] = w[G(p[23], plural, genderCode) & mask];
    s += v;
    v = T.t24[(k = formF * REL + relG)];
    if (v !== v) v = T.t24[k] = w[G(p[24], g.h.deprel) & mask];
    s += v;
    v = T.t25[(k = (formF * 4 + agrees) * 8 + sd)];
    if (v !== v) v = T.t25[k] = w[G(p[25], agrees, sd) & mask];
    s += v;
    v = T.t26[(k = (formF * 10 + md) * 3 + ki)];
    if (v !== v) v = T.t26[k] = w[G(p[26], md, ki) & mask];
    s += v;
    v = T.t27[(k = (formF * 3 + nested) * 3 + ki)];
    if (v !== v) v = T.t27[k] = w[G(p[27], nested, ki) & mask];
    s += v;
    s += w[G(p[28], g.h.lemma) & mask];
    v = T.t29[(k = (relF * REL + relG) * 4 + agrees)];
    if (v !== v) v = T.t29[k] = w[G(p[29], g.h.deprel, agrees) & mask];
    s += v;
    v = T.t55[(k = (pcF * 3 + shared) * 3 + ki)];
    if (v !== v) v = T.t55[k] = w[G(p[55], shared, ki) & mask];
    s += v;
    v = T.t56[(k = (pcF * PC + pcG) * 8 + sd)];
    if (v !== v) v = T.t56[k] = w[G(p[56], g.pronounClass, sd) & mask];
    s += v;
    v = T.t57[(k = (pcF * 128 + pronouns) * 2 + latest)];
    if (v !== v) v = T.t57[k] = w[G(p[57], pronouns, latest) & mask];
    s += v;
  } else {
    const own = ids.own;
    const country = f.country && g.country ? (f.country === g.country ? 1 : 2) : 0;
    const lbF = lengthBucket(f.words.length);
    const lbG = lengthBucket(g.words.length);
    s += w[G(p[30], g.h.lemma) & mask];
    v = own[headMatch];
    if (v !== v) v = own[headMatch] = w[G(p[31], headMatch) & mask];
    s += v;
    s += w[F(32, g.h.lemma, kj, headMatch) & mask];
    v = own[(k = 2 + headMatch * 3 + ki)];
    if (v !== v) v = own[k] = w[G(p[33], headMatch, ki) & mask];
    s += v;
    v = T.t34[(k = (ktF * 2 + headMatch) * 2 + exact)];
    if (v !== v) v = T.t34[k] = w[G(p[34], headMatch, exact) & mask];
    s += v;
    v = own[(k = 8 + clusterHead)];
    if (v !== v) v = own[k] = w[G(p[35], clusterHead) & mask];
    s += v;
    v = T.t36[(k = conj * 3 + country)];
    if (v !== v) v = T.t36[k] = w[C(36, conj, country) & mask];
    s += v;
    v = T.t37[(k = (detF * DET + detG) * 2 + headMatch)];
    if (v !== v) v = T.t37[k] = w[G(p[37], g.h.det, headMatch) & mask];
    s += v;
    v = T.t38[(k = (conj * 7 + lbF) * 7 + lbG)];
    if (v !== v) v = T.t38[k] = w[C(38, conj, lbF, lbG) & mask];
    s += v;
    s += w[G(p[39], g.h.lastWord) & mask];
  }
  return s;
}
