/**
 * The hashing behind the ranker's features (src/stages/coref/ranker.ts): every feature is a template number
 * and up to three small integers mixed into one 32-bit id, looked up in the model's weight vector.
 */
import { hashString } from '../../models/perceptron.js';
import type { CorefState } from './cluster.js';

/** Murmur3's finaliser over a running hash: mixes one integer in. Signed int32, so V8 keeps it unboxed;
 * the typed arrays it is stored in hold the same 32 bits as the unsigned value would.
 */
export function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The hash of feature template t with up to three values. Every template's first step, mix(seed, t), is a
 * constant ({@link TEMPLATE}); where a template's first value belongs to the mention being resolved, its first two
 * steps are taken once per mention (the ranker's mention prefixes) instead of once per candidate. The hashes are
 * the same either way.
 */
export const N_TEMPLATES = 128;
export const TEMPLATE = Uint32Array.from({ length: N_TEMPLATES }, (_, t) => mix(0x9e3779b9, t));
export const F = (t: number, a = 0, b = 0, c = 0): number => mix(mix(mix(TEMPLATE[t], a), b), c);
/** The rest of F after a prefix mix(mix(seed, t), a). */
export const G = (prefix: number, b = 0, c = 0): number => mix(mix(prefix, b), c);
/** Templates whose first value is the kind conjunction (1–9): their prefixes for every conjunction. */
const CONJ_TEMPLATES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 36, 38, 50, 51, 53];
export const CONJ = new Uint32Array(N_TEMPLATES * 10);
for (const t of CONJ_TEMPLATES) for (let conj = 1; conj <= 9; conj++) CONJ[t * 10 + conj] = mix(TEMPLATE[t], conj);
export const C = (t: number, conj: number, b = 0, c = 0): number => G(CONJ[t * 10 + conj], b, c);

export const KIND = { name: 0, nominal: 1, pronoun: 2 } as const;

/**
 * Buckets read from tables rather than chains of comparisons: a comparison that only large values reach had no type
 * feedback when the functions that inline these were optimised, so they were deoptimised and compiled again the
 * first time a large value came. bucketTable(upTo, bounds)[v] is the number of bounds below v.
 */
function bucketTable(upTo: number, bounds: readonly number[]): Uint8Array {
  const t = new Uint8Array(upTo + 1);
  for (let d = 0; d <= upTo; d++) {
    let b = 0;
    while (b < bounds.length && d > bounds[b]) b++;
    t[d] = b;
  }
  return t;
}
/** Sentence distance: 0–3 as they are, 4–5 → 4, 6–8 → 5, 9–15 → 6, more → 7 (negative distances as they are). */
const SENTENCE_BUCKETS = bucketTable(16, [0, 1, 2, 3, 5, 8, 15]);
export const sentenceBucket = (d: number): number => (d <= 3 ? d : SENTENCE_BUCKETS[Math.min(d, 16)]);
/** Mention distance: 0–4 as they are, 5–7 → 5, 8–12 → 6, 13–20 → 7, 21–35 → 8, more → 9. */
const MENTION_BUCKETS = bucketTable(36, [0, 1, 2, 3, 4, 7, 12, 20, 35]);
export const mentionBucket = (d: number): number => (d <= 4 ? d : MENTION_BUCKETS[Math.min(d, 36)]);
/** Cluster size: 0–2 as they are, 3–4 → 3, 5–8 → 4, more → 5. */
const SIZE_BUCKETS = bucketTable(9, [0, 1, 2, 4, 8]);
export const sizeBucket = (n: number): number => (n <= 2 ? n : SIZE_BUCKETS[Math.min(n, 9)]);
/** Mention length in words: 0–3 as they are, 4–5 → 4, 6–9 → 5, 10 and more → 6. */
const LENGTH_BUCKETS = bucketTable(10, [0, 1, 2, 3, 5, 9]);
export const lengthBucket = (n: number): number => LENGTH_BUCKETS[Math.min(n, 10)];

/** How the rule's antecedent relates to candidate i: 1 the same mention, 2 the same cluster, 0 neither, 3 no rule. */
export function ruleRelation(state: CorefState, i: number, rule: readonly [number, string] | undefined): number {
  if (!rule) return 3;
  if (rule[0] === i) return 1;
  return state.clusterOf[rule[0]] === state.clusterOf[i] ? 2 : 0;
}

const ruleHashes = new Map<string, number>();
export function ruleHash(rule: readonly [number, string] | undefined): number {
  const name = rule ? rule[1] : '-';
  let h = ruleHashes.get(name);
  if (h === undefined) {
    h = hashString(name);
    ruleHashes.set(name, h);
  }
  return h;
}

/** What inApposition and copularPair read of a mention's features (MentionFeatures). */
interface PairSyntax {
  readonly head: number;
  readonly parent: number;
  readonly copula: boolean;
  /** Hashes; h.deprel is that of the relation without its subtype (but "nmod:poss"). */
  readonly h: { readonly deprel: number };
}

const APPOS = hashString('appos');
const NSUBJ = hashString('nsubj');

// Both helpers run every comparison on every call and compare relations as hashes: a comparison first reached after
// optimisation (appositions are rare), or a relation string that is not internalised (split from "nmod:poss"),
// deoptimised the large functions they are inlined into, which V8 then compiled again.

/** One mention is an apposition on the other's head. */
export function inApposition(f: PairSyntax, g: PairSyntax): boolean {
  const fUnderG = f.parent === g.head;
  const gUnderF = g.parent === f.head;
  return (f.h.deprel === APPOS && fUnderG) || (g.h.deprel === APPOS && gUnderF);
}

/** "[X] is [a Y]": one mention is the subject of a copular clause whose predicate the other heads. */
export function copularPair(f: PairSyntax, g: PairSyntax): boolean {
  const fUnderG = f.parent === g.head;
  const gUnderF = g.parent === f.head;
  return (f.copula && gUnderF && g.h.deprel === NSUBJ) || (g.copula && fUnderG && f.h.deprel === NSUBJ);
}
