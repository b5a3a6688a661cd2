/**
 * Antecedent ranking for coreference (mention ranking, Durrett & Klein 2013 style): each mention chooses
 * among the earlier mentions in a window (plus any further back with the same head or words) and a
 * "new entity" option; the choice with the highest linear score wins. Features are conjunctions of
 * per-mention attributes (kind, type, head lemma, pronoun form, determiner, dependency relation) with pair
 * attributes (distance, head and string match, agreement, nesting, apposition, copula, the cluster built so
 * far, and the rules' own verdicts), hashed from integers (no strings at run time) into one weight vector.
 *
 * The weights come from models/coref.bin (src/models/coref/), trained on GUM train by `npm run train -- coref`.
 */
import { FeatureBuffer } from '../../models/perceptron.js';
import { MAX_LOOKBACK, type CorefState } from './cluster.js';
import { MentionIds, tableScore, type PairTables } from './table-score.js';
import { C, CONJ, copularPair, F, G, inApposition, KIND, lengthBucket, mentionBucket, mix, N_TEMPLATES, ruleHash, ruleRelation, sentenceBucket, sizeBucket, TEMPLATE } from './hash.js';

/** Bumped whenever the features change: a model trained on other features is refused. */
export const RANKER_FEATURE_VERSION = 1;

/** Earlier mentions always considered; further back only those sharing the head word or the words. */
export const RANK_WINDOW = 60;

/** What the ranker needs from a trained model: the summed weight of a feature buffer. */
export interface RankingModel {
  score(features: FeatureBuffer): number;
  /** Added to the new-entity option's score (tuned after training: trades links against new entities). */
  readonly newBias?: number;
  /** Present when the weights are quantised (sums exact in any order): candidates are then scored from tables. */
  readonly tables?: PairTables;
}

/** Reusable buffers for one document. */
export class RankScratch {
  readonly features = new FeatureBuffer(96);
  readonly candidates: number[] = [];
  /** Per-template prefixes mix(mix(seed, t), a) of the mention being resolved (see F). */
  readonly prefixes = new Uint32Array(N_TEMPLATES);
  /** The document's mentions' interned attributes, for table scoring. */
  readonly ids = new MentionIds();
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'on', 'for', 'to', 's', ',', '.', '(', ')', '-', '—', 'mr', 'mrs', 'ms', 'dr']);

/** Whether two mentions share a content word. */
function shareWord(a: readonly string[], b: readonly string[]): boolean {
  for (const w of a) if (!STOP.has(w) && b.includes(w)) return true;
  return false;
}

/**
 * Which earlier mentions mention j may link to, nearest first. A name of two words or more ("Rosa Icela
 * Rodríguez") only takes a mention that shares a word with it or stands in apposition to it with the same type: a full name
 * that matches nothing earlier is a newcomer.
 */
export function candidates(state: CorefState, j: number, out: number[] = []): number[] {
  out.length = 0;
  const f = state.feats[j];
  const fullName = state.mentions[j].kind === 'name' && f.words.length >= 2;
  for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
    if (fullName) {
      const g = state.feats[i];
      const typed = state.mentions[i].type === state.mentions[j].type || state.mentions[i].type === 'OTHER';
      if (!shareWord(f.words, g.words) && !(inApposition(f, g) && typed)) continue;
    }
    if (j - i <= RANK_WINDOW) {
      out.push(i);
      continue;
    }
    const g = state.feats[i];
    if (state.mentions[i].kind !== 'pronoun' && (g.headLemma === f.headLemma || g.key === f.key)) out.push(i);
  }
  return out;
}

/** Features of linking mention j to the earlier mention i. */
export function pairFeatures(state: CorefState, j: number, i: number, rule: readonly [number, string] | undefined, out: FeatureBuffer, prefixes?: Uint32Array): void {
  out.clear();
  const p = prefixes ?? mentionPrefixes(state, j, rule, new Uint32Array(N_TEMPLATES));
  const f = state.feats[j];
  const g = state.feats[i];
  const mj = state.mentions[j];
  const mi = state.mentions[i];
  const kj = KIND[mj.kind];
  const ki = KIND[mi.kind];
  const conj = kj * 3 + ki + 1;
  const sd = sentenceBucket(f.sentence - g.sentence);
  const md = mentionBucket(j - i);
  const headMatch = f.headLemma === g.headLemma || f.headWord === g.headWord ? 1 : 0;
  const exact = f.key === g.key ? 1 : 0;
  const partial = headMatch ? 0 : g.words.includes(f.headWord) ? 1 : f.words.includes(g.headWord) ? 2 : 0;
  const nested = g.first <= f.first && g.last >= f.last ? 1 : f.first <= g.first && f.last >= g.last ? 2 : 0;
  const appos = inApposition(f, g) ? 1 : 0;
  const copula = copularPair(f, g) ? 1 : 0;
  const number = f.plural === g.plural ? 1 : 0;
  const c = state.clusterOf[i];
  const members = state.members[c];
  const latest = members[members.length - 1] === i ? 1 : 0;
  const clusterHead = state.clusterHeads[c].has(f.headLemma) ? 1 : 0;
  const clusterGender = state.clusterGender[c];
  const genderCode = clusterGender === 'm' ? 1 : clusterGender === 'f' ? 2 : g.gender === 'n' ? 3 : 0;
  const sameQuote = f.inQuote === g.inQuote ? 1 : 0;
  const rel = ruleRelation(state, i, rule);

  out.addHash(G(CONJ[10 + conj]));
  out.addHash(C(2, conj, sd));
  out.addHash(C(3, conj, md));
  out.addHash(C(4, conj, headMatch, exact));
  out.addHash(C(5, conj, headMatch, f.h.det));
  out.addHash(C(6, conj, partial));
  out.addHash(C(7, conj, nested));
  out.addHash(C(8, conj, appos, copula));
  out.addHash(C(9, conj, number));
  out.addHash(C(10, conj, f.h.deprel, g.h.deprel));
  out.addHash(G(p[11], g.h.kindType));
  out.addHash(C(12, conj, sameQuote, sd));
  out.addHash(C(13, conj, headMatch, sd));
  out.addHash(C(14, conj, g.h.det, headMatch));
  out.addHash(G(p[40], rel));
  out.addHash(G(p[41], rel, conj));
  out.addHash(G(p[42], rel, sd));
  out.addHash(C(50, conj, sizeBucket(members.length), latest));
  out.addHash(C(51, conj, clusterHead, headMatch));
  out.addHash(G(p[52], state.clusterHasName[c] ? 1 : 0, clusterHead));
  out.addHash(C(53, conj, exact, sizeBucket(members.length)));
  if (mj.kind === 'pronoun') {
    const agrees = f.person === 'third' ? (state.agrees(j, i) ? 1 : 0) : f.person === g.person ? 3 : 2;
    out.addHash(G(p[20], g.h.kindType));
    out.addHash(G(p[21], g.h.form, sameQuote));
    out.addHash(G(p[22], sd));
    out.addHash(G(p[23], g.plural ? 1 : 0, genderCode));
    out.addHash(G(p[24], g.h.deprel));
    out.addHash(G(p[25], agrees, sd));
    out.addHash(G(p[26], md, ki));
    out.addHash(G(p[27], nested, ki));
    out.addHash(G(p[28], g.h.lemma));
    out.addHash(G(p[29], g.h.deprel, agrees));
    const pronouns = state.clusterPronouns[c];
    out.addHash(G(p[55], pronouns & f.pronounClass ? 1 : pronouns ? 2 : 0, ki));
    out.addHash(G(p[56], g.pronounClass, sd));
    out.addHash(G(p[57], pronouns, latest));
  } else {
    out.addHash(G(p[30], g.h.lemma));
    out.addHash(G(p[31], headMatch));
    out.addHash(F(32, g.h.lemma, kj, headMatch));
    out.addHash(G(p[33], headMatch, ki));
    out.addHash(G(p[34], headMatch, exact));
    out.addHash(G(p[35], clusterHead));
    out.addHash(C(36, conj, f.country && g.country ? (f.country === g.country ? 1 : 2) : 0));
    out.addHash(G(p[37], g.h.det, headMatch));
    out.addHash(C(38, conj, lengthBucket(f.words.length), lengthBucket(g.words.length)));
    out.addHash(G(p[39], g.h.lastWord));
  }
}

/** The prefixes of the templates whose first value belongs to mention j (its own attributes, its rule's hash). */
export function mentionPrefixes(state: CorefState, j: number, rule: readonly [number, string] | undefined, out: Uint32Array): Uint32Array {
  const f = state.feats[j];
  const kj = KIND[state.mentions[j].kind];
  const rh = ruleHash(rule);
  const set = (t: number, a: number): void => {
    out[t] = mix(TEMPLATE[t], a);
  };
  set(11, f.h.kindType);
  set(40, rh);
  set(41, rh);
  set(42, rh);
  set(52, kj);
  for (let t = 20; t <= 27; t++) set(t, f.h.form);
  set(28, f.h.form);
  set(29, f.h.deprel);
  for (const t of [55, 56, 57]) set(t, f.pronounClass);
  for (const t of [30, 31, 35]) set(t, f.h.lemma);
  set(33, f.h.firstWord);
  set(34, f.h.kindType);
  set(37, f.h.det);
  set(39, f.h.lastWord);
  return out;
}

/** Features of mention j starting a new entity (no antecedent). */
export function newFeatures(state: CorefState, j: number, rule: readonly [number, string] | undefined, out: FeatureBuffer): void {
  out.clear();
  const f = state.feats[j];
  const mj = state.mentions[j];
  const kj = KIND[mj.kind];
  let priorHead = 0;
  let priorExact = 0;
  let nestedIn = 0;
  for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
    const g = state.feats[i];
    if (state.mentions[i].kind !== 'pronoun') {
      if (g.headLemma === f.headLemma) priorHead = 1;
      if (g.key === f.key) priorExact = 1;
    }
    if (i === j - 1 && g.first <= f.first && g.last >= f.last) nestedIn = 1;
  }
  out.addHash(F(100, f.h.kindType));
  out.addHash(F(101, f.h.form));
  out.addHash(F(102, kj, f.h.det));
  out.addHash(F(103, kj, f.h.deprel));
  out.addHash(F(104, kj, priorHead, f.h.det));
  out.addHash(F(105, kj, priorExact, priorHead));
  out.addHash(F(106, f.h.lemma, priorHead));
  out.addHash(F(107, f.h.firstWord, kj));
  out.addHash(F(108, kj, lengthBucket(f.words.length)));
  out.addHash(F(109, ruleHash(rule)));
  out.addHash(F(110, kj, nestedIn));
  out.addHash(F(111, kj, sentenceBucket(f.sentence)));
  out.addHash(F(112, f.h.form, f.inQuote ? 1 : 0));
  out.addHash(F(113, f.h.kindType, priorHead, f.plural ? 1 : 0));
  out.addHash(F(114, f.h.lastWord, kj));
  out.addHash(F(115, f.h.prev, kj));
  out.addHash(F(116, f.h.next, kj));
  out.addHash(F(117, f.h.governor, f.h.form, f.h.deprel));
  out.addHash(F(118, f.h.governor, kj));
}

/** The best antecedent of mention j by the model, or −1 for a new entity. */
export function rankAntecedent(state: CorefState, j: number, rule: readonly [number, string] | undefined, model: RankingModel, scratch: RankScratch): number {
  const buf = scratch.features;
  newFeatures(state, j, rule, buf);
  let best = -1;
  let bestScore = model.score(buf) + (model.newBias ?? 0);
  const prefixes = mentionPrefixes(state, j, rule, scratch.prefixes);
  const tables = model.tables;
  const ids = scratch.ids;
  if (tables) {
    ids.update(state, tables);
    ids.begin(tables, ruleHash(rule), prefixes);
  }
  for (const i of candidates(state, j, scratch.candidates)) {
    let s: number;
    if (tables && tableScore(state, j, i, rule, prefixes, tables, ids)) s = ids.score[0];
    else {
      pairFeatures(state, j, i, rule, buf, prefixes);
      s = model.score(buf);
    }
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}
