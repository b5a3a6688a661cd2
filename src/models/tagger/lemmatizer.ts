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
}

export const MAX_SUFFIX = 6;
const MIN_SUFFIX_TYPES = 2;

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

  constructor(data: LemmatizerData) {
    this.rules = data.rules.map(([keep, cut, add]) => ({ keepCase: keep === 1, cut, add }));
    this.exceptions = new Map(Object.entries(data.exceptions));
    this.suffixes = new Map(Object.entries(data.suffixes));
  }

  /** The lemma of `form` tagged `xpos`. */
  lemmatize(form: string, xpos: string): string {
    const base = lemmaBase(form);
    const lower = base.toLowerCase();
    const exception = this.exceptions.get(xpos + '\t' + lower);
    if (exception !== undefined) return applyRule(base, this.rules[exception]);
    const rule = this.suffixRule(lower, xpos);
    return rule ? applyRule(base, rule) : lowercase(base, xpos);
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
    };
  }

  /**
   * Learns the tables from (form, xpos, lemma) triples. Suffix rules are counted over word types
   * (distinct form + tag), which generalises better to unseen words than token counts.
   */
  static learn(examples: Iterable<{ form: string; xpos: string; lemma: string }>): Lemmatizer {
    // (xpos, lower form) → rule key → token count
    const byType = new Map<string, Map<string, number>>();
    for (const { form, xpos, lemma } of examples) {
      if (lemma === '_' || lemma === '') continue;
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
    const data: LemmatizerData = { rules, exceptions: {}, suffixes };
    const draft = new Lemmatizer(data);
    // Exceptions: types whose majority rule the suffix rules get wrong.
    const exceptions: Record<string, number> = {};
    for (const [key, rk] of [...typeRule].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      const tab = key.indexOf('\t');
      const xpos = key.slice(0, tab);
      const lower = key.slice(tab + 1);
      const predicted = draft.suffixRule(lower, xpos);
      if (predicted && ruleKey(predicted) === rk) continue;
      exceptions[key] = intern(rk);
    }
    return new Lemmatizer({ rules, exceptions, suffixes });
  }
}
