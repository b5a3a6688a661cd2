/** A dependency tree over one document's tokens: children by head, phrase words, prepositions. */
import type { Dependency, PosTag, Token } from '../../core/layers.js';

export class Tree {
  readonly tokens: readonly Token[];
  readonly pos: readonly PosTag[];
  readonly deps: readonly Dependency[];
  private readonly kids: number[][];
  /** Per-document memo for derived facts about a token (complement clauses). */
  readonly memo = new Map<number, number[]>();

  private readonly lemmas: string[];
  private readonly lowers: string[];

  constructor(tokens: readonly Token[], pos: readonly PosTag[], deps: readonly Dependency[]) {
    this.tokens = tokens;
    this.pos = pos;
    this.deps = deps;
    // Plain loops, not .map callbacks: see pipeline/columns.ts.
    this.lemmas = [];
    for (const p of pos) this.lemmas.push(p.lemma.toLowerCase());
    this.lowers = [];
    this.kids = [];
    for (const t of tokens) {
      this.lowers.push(t.text.toLowerCase());
      this.kids.push([]);
    }
    for (let i = 0; i < deps.length; i++) {
      const h = deps[i].head;
      if (h >= 0 && h < tokens.length && h !== i) this.kids[h].push(i);
    }
  }

  children(i: number): readonly number[] {
    return this.kids[i];
  }

  /** Children whose relation is `rel` or a subtype of it (`obl` matches `obl:tmod`), unless exact. */
  childrenBy(i: number, rel: string, exact = false): number[] {
    const out: number[] = [];
    for (const c of this.kids[i]) {
      const r = this.deps[c].deprel;
      if (r === rel || (!exact && r.length > rel.length && r.startsWith(rel) && r[rel.length] === ':')) out.push(c);
    }
    return out;
  }

  /** Whether token i has a child whose relation is exactly `rel` (or, with `prefix`, starts with it). */
  hasChildRel(i: number, rel: string, prefix = false): boolean {
    for (const c of this.kids[i]) {
      const r = this.deps[c].deprel;
      if (r === rel || (prefix && r.startsWith(rel))) return true;
    }
    return false;
  }

  rel(i: number): string {
    return this.deps[i].deprel;
  }

  head(i: number): number {
    return this.deps[i].head;
  }

  lemma(i: number): string {
    return this.lemmas[i];
  }

  lower(i: number): string {
    return this.lowers[i];
  }

  /** First token index whose end is after `offset` (binary search). */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].end <= offset) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /**
   * Words to look a trigger up by: the lemma, the lowercase form, and regular English stems of the form
   * ("shelled" → "shell" when the lemmatiser gave "shel"; "rioted" → "riot"), most trusted first.
   */
  keys(i: number): string[] {
    const out = [this.lemmas[i], this.lowers[i]];
    const w = this.lowers[i];
    const add = (k: string): void => {
      if (k.length >= 3 && !out.includes(k)) out.push(k);
    };
    if (w.endsWith('ied')) add(`${w.slice(0, -3)}y`);
    if (w.endsWith('ies')) add(`${w.slice(0, -3)}y`);
    for (const suffix of ['ing', 'ed']) {
      if (!w.endsWith(suffix)) continue;
      const stem = w.slice(0, -suffix.length);
      add(stem);
      add(`${stem}e`);
      if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) add(stem.slice(0, -1));
    }
    if (w.endsWith('es')) add(w.slice(0, -2));
    if (w.endsWith('s') && !w.endsWith('ss')) add(w.slice(0, -1));
    return out;
  }

  upos(i: number): string {
    return this.pos[i].upos;
  }

  /** The preposition (case marker) of a nominal, lowercased, or '' (multiword "according to" → "according"). */
  caseOf(i: number): string {
    for (const k of this.kids[i]) {
      const r = this.deps[k].deprel;
      if (r === 'case' || r === 'mark') return this.lower(k);
    }
    return '';
  }

  private readonly phrases: Array<{ words: ReadonlySet<string>; text: string } | undefined> = [];

  /** Words of a nominal phrase: the head and its compound/amod/flat dependents, as lemmas and lowercase forms, plus the phrase text (computed once per token). */
  phraseWords(i: number): { words: ReadonlySet<string>; text: string } {
    return (this.phrases[i] ??= this.makePhraseWords(i));
  }

  private makePhraseWords(i: number): { words: ReadonlySet<string>; text: string } {
    const words = new Set<string>([this.lemma(i), this.lower(i)]);
    let lo = i;
    for (const c of this.kids[i]) {
      const r = this.deps[c].deprel;
      // (goeswith: "reiterated its demand" parsed with "demand" as a piece of "its")
      if (r === 'compound' || r === 'amod' || r.startsWith('flat') || r === 'nmod:desc' || r === 'goeswith') {
        words.add(this.lemma(c));
        words.add(this.lower(c));
        if (c < lo) lo = c;
      }
    }
    // "state of emergency", "war of words": a written "of" phrase right after the head belongs to the phrase's text
    // (by the words, so that a misattached "of" phrase still counts).
    let hi = i;
    if (i + 2 < this.tokens.length && this.lower(i + 1) === 'of' && this.tokens[i + 2].sentence === this.tokens[i].sentence) hi = i + 2;
    const text = this.tokens.slice(lo, hi + 1).map((t) => t.text.toLowerCase()).join(' ').replace(/ - /g, '-');
    return { words, text };
  }

  /** Whether a phrase contains one of `wanted` (multiword entries match the phrase text; '*' matches anything). */
  phraseHas(i: number, wanted: readonly string[]): boolean {
    if (wanted.includes('*')) return true;
    const { words, text } = this.phraseWords(i);
    for (const w of wanted) {
      if (w.includes(' ') ? text.includes(w) : words.has(w) || words.has(`${w}s`)) return true;
    }
    return false;
  }

  /** Token indexes of the subtree under i, not entering the given relations. */
  subtree(i: number, stop: ReadonlySet<string> = new Set(), limit = 60): number[] {
    const out: number[] = [];
    const stack = [i];
    while (stack.length > 0 && out.length < limit) {
      const t = stack.pop() as number;
      out.push(t);
      for (const c of this.kids[t]) if (!stop.has(this.deps[c].deprel.split(':')[0]) && !stop.has(this.deps[c].deprel)) stack.push(c);
    }
    return out;
  }

  isPassive(verb: number): boolean {
    // "agents sexually abused immigrants" tagged nsubj:pass without a passive auxiliary: a verb with an object
    // and no passive auxiliary is active.
    if (this.hasChildRel(verb, 'aux:pass')) return true;
    // A clause's main verb with a subject but no auxiliary at all is finite, not a passive participle: "Pakistan today
    // threatened to break off relations" tagged VBN with "Pakistan" labelled nsubj:pass (headlines, where "Three soldiers
    // killed" is passive, are coded apart). Not for conjuncts, which may share the first verb's auxiliary ("were
    // arrested and three released").
    const rel = this.deps[verb].deprel;
    if ((rel === 'root' || rel === 'ccomp') && !this.hasChildRel(verb, 'aux', true) && !this.hasChildRel(verb, 'cop')) return false;
    return this.hasChildRel(verb, 'nsubj:pass') && !this.hasChildRel(verb, 'obj');
  }
}
