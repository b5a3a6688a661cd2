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

export const sentenceBucket = (d: number): number => (d <= 3 ? d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 15 ? 6 : 7);
export const mentionBucket = (d: number): number => (d <= 4 ? d : d <= 7 ? 5 : d <= 12 ? 6 : d <= 20 ? 7 : d <= 35 ? 8 : 9);
export const sizeBucket = (n: number): number => (n <= 2 ? n : n <= 4 ? 3 : n <= 8 ? 4 : 5);
export const lengthBucket = (n: number): number => (n <= 3 ? n : n <= 5 ? 4 : n <= 9 ? 5 : 6);

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
