/**
 * A lemmatizer learned from tagged training data.
 *
 * Every (form, lemma) pair is described by an edit rule: a casing choice (lowercase the form, or keep
 * it as is — proper nouns, "I"), then cut N characters off the end and append a string
 * ("deportations" → lower, cut 1, add "" → "deportation"; "went" → lower, cut 4, add "go").
 *
 * Lemmatizing a word with its XPOS tag:
 *  1. an exceptions table keyed by (XPOS, lowercase normalised form), holding only the words whose
 *     rule differs from what the suffix rules would predict (irregulars, "n't" → "not", "'s" → "be");
 *  2. otherwise the longest known suffix (up to MAX_SUFFIX characters) for that XPOS, learned from word
 *     types by frequency, gives the rule;
 *  3. otherwise the XPOS default (suffix of length 0), then "lowercase unless proper noun".
 *
 * A plausibility check catches suffix rules that cut a word in the wrong place ("reshuffling" with
 * the "-ling" → "-l" rule of "calling" gives "reshuffl"): when a rule changes the word and the result
 * ends in ENDING characters that no training lemma ends in, the tag's other frequent rules are tried
 * in order of frequency and the first whose result has an attested ending wins ("reshuffle",
 * "stockpile"). Both the endings and the rule lists are learned from the training data.
 */

import { normalizeForm } from './features.js';

export interface LemmaRule {
  /** true: apply the edit to the form as written; false: to its lowercase. */
  keepCase: boolean;
  cut: number;
  add: string;
}

export interface LemmatizerData {
  /** Rules as [keepCase ? 1 : 0, cut, add]. */
  rules: Array<[number, number, string]>;
  /** "XPOS\tlowerform" → rule index. */
  exceptions: Record<string, number>;
  /** "XPOS\tsuffix" → rule index (suffix may be empty: the tag's default). */
  suffixes: Record<string, number>;
  /** Lowercase endings (ENDING characters) of training lemmas; absent in old models (no check). */
  endings?: string[];
  /**
   * XPOS → its frequent rules, most frequent first, each with the word endings it was seen applied to
   * (the characters it cuts plus the one before): fallbacks for implausible results.
   */
  alternatives?: Record<string, Array<[number, string[]]>>;
}

export const MAX_SUFFIX = 6;
const MIN_SUFFIX_TYPES = 2;
/** Length of the lemma endings used by the plausibility check. */
export const ENDING = 4;
/** A rule is a fallback for its tag when at least this many word types of the tag use it… */
const MIN_ALTERNATIVE_TYPES = 3;
/** …and at most this many fallbacks are kept per tag… */
const MAX_ALTERNATIVES = 8;
/** …each applying only to word endings it was seen with in at least this many types. */
const MIN_CONTEXT_TYPES = 2;

/** Whether a lemma is checked at all: lowercase letters only, long enough to have an ENDING. */
function checkable(lemma: string): boolean {
  if (lemma.length < ENDING + 1) return false;
  for (let i = 0; i < lemma.length; i++) {
    const c = lemma.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** The form a lemma lookup starts from: typographic quotes folded ("n’t" → "n't"). */
function lemmaBase(form: string): string {
  return normalizeForm(form);
}

function lowercase(form: string, xpos: string): string {
  return xpos === 'NNP' || xpos === 'NNPS' ? form : form.toLowerCase();
}

/** The edit turning `from` into `to`: characters cut from the end of `from`, then the string added. */
function edit(from: string, to: string): { cut: number; add: string } {
  let p = 0;
  const max = Math.min(from.length, to.length);
  while (p < max && from.charCodeAt(p) === to.charCodeAt(p)) p++;
  return { cut: from.length - p, add: to.slice(p) };
}

/** The simplest rule describing form → lemma (fewest characters cut; lowercase on ties). */
export function ruleFor(form: string, lemma: string): LemmaRule {
  const lower = form.toLowerCase();
  const viaLower = edit(lower, lemma);
  if (lower === form) return { keepCase: false, ...viaLower };
  const viaForm = edit(form, lemma);
  return viaForm.cut < viaLower.cut ? { keepCase: true, ...viaForm } : { keepCase: false, ...viaLower };
}

export function applyRule(form: string, rule: LemmaRule): string {
  const base = rule.keepCase ? form : form.toLowerCase();
  if (rule.cut > base.length) return base;
  return base.slice(0, base.length - rule.cut) + rule.add;
}

function ruleKey(rule: LemmaRule): string {
  return `${rule.keepCase ? 1 : 0}\u0000${rule.cut}\u0000${rule.add}`;
}

function best(counts: Map<string, number>): [string, number, number] {
  let bestKey = '';
  let bestCount = -1;
  let total = 0;
  for (const [key, count] of counts) {
    total += count;
    if (count > bestCount || (count === bestCount && key < bestKey)) {
      bestKey = key;
      bestCount = count;
    }
  }
  return [bestKey, bestCount, total];
}

export class Lemmatizer {
  private readonly rules: LemmaRule[];
  private readonly exceptions: Map<string, number>;
  private readonly suffixes: Map<string, number>;
  private readonly endings: Set<string> | null;
  private readonly alternatives: Map<string, Array<{ rule: LemmaRule; contexts: Set<string> }>>;

  constructor(private readonly data: LemmatizerData) {
    this.rules = data.rules.map(([keep, cut, add]) => ({ keepCase: keep === 1, cut, add }));
    this.exceptions = new Map(Object.entries(data.exceptions));
    this.suffixes = new Map(Object.entries(data.suffixes));
    this.endings = data.endings ? new Set(data.endings) : null;
    this.alternatives = new Map(
      Object.entries(data.alternatives ?? {}).map(([xpos, list]) => [
        xpos,
        list.map(([index, contexts]) => ({ rule: this.rules[index], contexts: new Set(contexts) })),
      ]),
    );
  }

  /** The lemma of `form` tagged `xpos`. */
  lemmatize(form: string, xpos: string): string {
    const base = lemmaBase(form);
    const lower = base.toLowerCase();
    const exception = this.exceptions.get(xpos + '\t' + lower);
    if (exception !== undefined) return applyRule(base, this.rules[exception]);
    const rule = this.ruleOf(base, lower, xpos);
    return rule ? applyRule(base, rule) : lowercase(base, xpos);
  }

  /** The suffix rule for a word not in the exceptions, after the plausibility check (null: none). */
  private ruleOf(base: string, lower: string, xpos: string): LemmaRule | null {
    const rule = this.suffixRule(lower, xpos);
    if (!rule || rule.cut === 0 || this.endings === null || this.plausible(applyRule(base, rule))) return rule;
    const alternatives = this.alternatives.get(xpos);
    if (alternatives) {
      for (const { rule: other, contexts } of alternatives) {
        if (other === rule || other.cut === 0 || other.cut >= lower.length - 1) continue;
        if (!contexts.has(lower.slice(lower.length - other.cut - 1))) continue;
        if (this.plausible(applyRule(base, other))) return other;
      }
    }
    return rule;
  }

  /** Whether a lemma's ending is attested (unchecked forms — capitals, digits, short — always are). */
  plausible(lemma: string): boolean {
    if (!checkable(lemma)) return true;
    return this.endings!.has(lemma.slice(lemma.length - ENDING));
  }

  private suffixRule(lower: string, xpos: string): LemmaRule | null {
    for (let n = Math.min(MAX_SUFFIX, lower.length); n >= 0; n--) {
      const index = this.suffixes.get(xpos + '\t' + lower.slice(lower.length - n));
      if (index !== undefined) return this.rules[index];
    }
    return null;
  }

  toJSON(): LemmatizerData {
    return {
      rules: this.rules.map((r) => [r.keepCase ? 1 : 0, r.cut, r.add]),
      exceptions: Object.fromEntries(this.exceptions),
      suffixes: Object.fromEntries(this.suffixes),
      ...(this.data.endings ? { endings: this.data.endings } : {}),
      ...(this.data.alternatives ? { alternatives: this.data.alternatives } : {}),
    };
  }

  /**
   * Learns the tables from (form, xpos, lemma) triples. Suffix rules are counted over word types
   * (distinct form + tag), which generalises better to unseen words than token counts.
   */
  static learn(examples: Iterable<{ form: string; xpos: string; lemma: string }>): Lemmatizer {
    // (xpos, lower form) → rule key → token count
    const byType = new Map<string, Map<string, number>>();
    const endingSet = new Set<string>();
    for (const { form, xpos, lemma } of examples) {
      if (lemma === '_' || lemma === '') continue;
      const lowerLemma = lemma.toLowerCase();
      if (checkable(lowerLemma)) endingSet.add(lowerLemma.slice(lowerLemma.length - ENDING));
      const base = lemmaBase(form);
      const key = xpos + '\t' + base.toLowerCase();
      const rk = ruleKey(ruleFor(base, lemma));
      let counts = byType.get(key);
      if (!counts) byType.set(key, (counts = new Map()));
      counts.set(rk, (counts.get(rk) ?? 0) + 1);
    }
    const ruleIndex = new Map<string, number>();
    const rules: Array<[number, number, string]> = [];
    const intern = (rk: string): number => {
      let index = ruleIndex.get(rk);
      if (index === undefined) {
        const [keep, cut, add] = rk.split('\u0000');
        index = rules.length;
        rules.push([Number(keep), Number(cut), add]);
        ruleIndex.set(rk, index);
      }
      return index;
    };
    // Suffix statistics over types: each type votes once for its majority rule.
    const typeRule = new Map<string, string>();
    const suffixCounts = new Map<string, Map<string, number>>();
    for (const [key, counts] of byType) {
      const [rk] = best(counts);
      typeRule.set(key, rk);
      const tab = key.indexOf('\t');
      const xpos = key.slice(0, tab);
      const lower = key.slice(tab + 1);
      const cut = Number(rk.split('\u0000')[1]);
      for (let n = 0; n <= Math.min(MAX_SUFFIX, lower.length); n++) {
        // A suffix can only carry rules whose cut stays inside it (or the tag default, n = 0).
        if (n > 0 && cut > n) continue;
        const sk = xpos + '\t' + lower.slice(lower.length - n);
        let counts2 = suffixCounts.get(sk);
        if (!counts2) suffixCounts.set(sk, (counts2 = new Map()));
        counts2.set(rk, (counts2.get(rk) ?? 0) + 1);
      }
    }
    // Keep a suffix entry only when it is well attested and changes its parent's answer.
    const suffixBest = new Map<string, string>();
    for (const [sk, counts] of suffixCounts) {
      const [rk, , total] = best(counts);
      const suffix = sk.slice(sk.indexOf('\t') + 1);
      if (suffix.length === 0 || total >= MIN_SUFFIX_TYPES) suffixBest.set(sk, rk);
    }
    const inherited = (xpos: string, suffix: string): string | undefined => {
      for (let n = suffix.length; n >= 0; n--) {
        const rk = suffixBest.get(xpos + '\t' + suffix.slice(suffix.length - n));
        if (rk !== undefined) return rk;
      }
      return undefined;
    };
    const suffixes: Record<string, number> = {};
    for (const [sk, rk] of [...suffixBest].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const tab = sk.indexOf('\t');
      const xpos = sk.slice(0, tab);
      const suffix = sk.slice(tab + 1);
      if (suffix.length > 0 && inherited(xpos, suffix.slice(1)) === rk) continue;
      suffixes[sk] = intern(rk);
    }
    // Fallback rules per tag: the rules most word types of the tag use, with the endings they cut.
    const ruleTypes = new Map<string, Map<string, Map<string, number>>>();
    for (const [key, rk] of typeRule) {
      const tab = key.indexOf('\t');
      const xpos = key.slice(0, tab);
      const lower = key.slice(tab + 1);
      const cut = Number(rk.split('\u0000')[1]);
      if (cut === 0 || cut + 1 > lower.length) continue;
      let byRule = ruleTypes.get(xpos);
      if (!byRule) ruleTypes.set(xpos, (byRule = new Map()));
      let contexts = byRule.get(rk);
      if (!contexts) byRule.set(rk, (contexts = new Map()));
      const context = lower.slice(lower.length - cut - 1);
      contexts.set(context, (contexts.get(context) ?? 0) + 1);
    }
    const alternatives: Record<string, Array<[number, string[]]>> = {};
    for (const xpos of [...ruleTypes.keys()].sort()) {
      const ranked: Array<[string, number, string[]]> = [];
      for (const [rk, contexts] of ruleTypes.get(xpos)!) {
        let types = 0;
        for (const count of contexts.values()) types += count;
        const kept = [...contexts].filter(([, count]) => count >= MIN_CONTEXT_TYPES).map(([c]) => c).sort();
        if (types >= MIN_ALTERNATIVE_TYPES && kept.length > 0) ranked.push([rk, types, kept]);
      }
      ranked.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (ranked.length > 1) alternatives[xpos] = ranked.slice(0, MAX_ALTERNATIVES).map(([rk, , kept]) => [intern(rk), kept]);
    }
    const endings = [...endingSet].sort();
    const data: LemmatizerData = { rules, exceptions: {}, suffixes, endings, alternatives };
    const draft = new Lemmatizer(data);
    // Exceptions: types whose majority rule the suffix rules get wrong.
    const exceptions: Record<string, number> = {};
    for (const [key, rk] of [...typeRule].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const tab = key.indexOf('\t');
      const xpos = key.slice(0, tab);
      const lower = key.slice(tab + 1);
      const predicted = draft.ruleOf(lower, lower, xpos);
      if (predicted && ruleKey(predicted) === rk) continue;
      exceptions[key] = intern(rk);
    }
    return new Lemmatizer({ rules, exceptions, suffixes, endings, alternatives });
  }
}
