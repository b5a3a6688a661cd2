/**
 * Matching verb-dictionary patterns over a dependency parse.
 *
 * PETRARCH matched patterns against constituency (Treebank) parses: the noun phrases and prepositional
 * phrases of the verb phrase. Here the same reading is approximated on a UD dependency tree:
 *
 * - A verb is a token tagged VERB whose lemma, or whose text, is a form in the dictionary. A multi-word
 *   verb also needs its other words next to it (`ASK FOR`; `RE - ARREST`), or, for a two-word verb, its
 *   particle as a `compound:prt` dependent ("called the talks off"); multi-word verbs win over single ones.
 * - The verb's region is its subtree without the verb, without its particle words, and without
 *   coordinated verbs (`conj` VERB) and `parataxis` clauses, which are coded on their own. Pattern elements
 *   before `*` are matched in the region's tokens before the verb, those after `*` in tokens after it.
 * - Elements match in order, with any words between them (as TABARI patterns do); words joined with
 *   `_` and synset phrases must be consecutive (hyphens, brackets and quote tokens between them skipped).
 * - A word matches a token's normalised text or lemma (so `ATTACK` matches "attacks").
 * - `{… HEAD}`: a token matching the head, with every other element found in the head's subtree or
 *   in the three tokens before it (when the parse attached a modifier elsewhere).
 * - `(PREP …)`: a token matching the preposition; what it governs is its head when it is a `case` or
 *   `mark` dependent, otherwise the next noun; the inner elements match, in order, in that object's
 *   subtree after the preposition.
 * - `$`, `+`, `^`: the next nominal head (NOUN, PROPN, PRON, NUM not a `compound`/`flat`/`fixed` part);
 *   `$` makes it the source, `+` the target, `^` skips it. `%` (compound actor) matches nothing.
 * - The best pattern is the one with most matched material (a word or synset counts 2, a marker 1, a
 *   preposition 1, a noun phrase 1 plus its contents); ties go to the earlier pattern in the file. With no
 *   pattern, the verb line's own code, else the block header's first code, is returned (`---` included).
 * - Source and target not given by the pattern come from the verb: source its `nsubj` (or the by-agent of
 *   a passive), target its `obj`, else `iobj`, else the passive subject, else an `obl` introduced by to,
 *   with, against, toward(s), into, at, on or over. A verb with no subject of its own (`xcomp`, `conj`)
 *   takes its head verb's.
 */
import { isJoiner, normalizeWord } from './words.js';
import type { PatternElement, Synset, VerbDictionary, VerbEntry, VerbPattern } from './verbs.js';

/** One token of a parsed sentence, as the matcher needs it. */
export interface VerbSentenceToken {
  readonly text: string;
  readonly lemma: string;
  readonly upos: string;
  /** Index of the head within the sentence; -1 for the root. */
  readonly head: number;
  readonly deprel: string;
}

export interface VerbSentenceView {
  readonly tokens: readonly VerbSentenceToken[];
}

export interface VerbMatch {
  readonly verbIndex: number;
  /** Verb block name (`ACCELERATE`) and the matched entry's lemma. */
  readonly block: string;
  readonly lemma: string;
  /** `file:line` of the pattern; absent when the verb's or block's own code applies. */
  readonly patternId?: string;
  /** Opaque code (`042:043`, `---`). */
  readonly code: string;
  readonly sourceIndex?: number;
  readonly targetIndex?: number;
}

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM']);
const NAME_PART = /^(compound|flat|fixed|goeswith)(:|$)/;
const TARGET_PREPS = new Set(['TO', 'WITH', 'AGAINST', 'TOWARD', 'TOWARDS', 'INTO', 'AT', 'ON', 'OVER']);
const STEP_LIMIT = 20000;

interface Bindings {
  source?: number;
  target?: number;
  /** Largest sentence index consumed so far. */
  end: number;
  score: number;
}

/** Per-sentence precomputation shared by every verb of the sentence. */
class SentenceIndex {
  readonly n: number;
  readonly text: string[];
  readonly lemma: string[];
  readonly children: number[][];

  constructor(
    readonly view: VerbSentenceView,
    readonly synsets: ReadonlyMap<string, Synset>,
  ) {
    const tokens = view.tokens;
    this.n = tokens.length;
    this.text = tokens.map((t) => normalizeWord(t.text));
    this.lemma = tokens.map((t) => normalizeWord(t.lemma || t.text));
    this.children = tokens.map(() => []);
    tokens.forEach((t, i) => {
      if (t.head >= 0 && t.head < tokens.length && t.head !== i) this.children[t.head].push(i);
    });
  }

  token(i: number): VerbSentenceToken {
    return this.view.tokens[i];
  }

  is(i: number, word: string): boolean {
    return this.text[i] === word || this.lemma[i] === word;
  }

  /** Sentence indices in the subtree of `root` (root included), skipping `excluded` subtrees; sorted. */
  subtree(root: number, excluded: (i: number) => boolean = () => false): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(i);
      for (const c of this.children[i]) if (!excluded(c)) stack.push(c);
    }
    return out.sort((a, b) => a - b);
  }

  /** A consecutive word sequence starting at sentence index `i`; returns the last index used. */
  sequence(i: number, words: readonly string[]): number | undefined {
    let j = i;
    for (let k = 0; k < words.length; k++) {
      if (k > 0) {
        j++;
        while (j < this.n && isJoiner(this.token(j).text)) j++;
      }
      if (j >= this.n || !this.is(j, words[k])) return undefined;
    }
    return j;
  }

  nominalHead(i: number): boolean {
    const t = this.token(i);
    return NOMINAL.has(t.upos) && !NAME_PART.test(t.deprel);
  }

  childWith(i: number, deprel: RegExp): number | undefined {
    return this.children[i].find((c) => deprel.test(this.token(c).deprel));
  }
}

/** Codes every dictionary verb of the sentence. */
export function matchVerbPatterns(sentence: VerbSentenceView, dictionary: VerbDictionary): VerbMatch[] {
  const s = new SentenceIndex(sentence, dictionary.synsets);
  const out: VerbMatch[] = [];
  for (let v = 0; v < s.n; v++) {
    if (s.token(v).upos !== 'VERB') continue;
    const found = verbEntriesAt(s, v, dictionary);
    if (found.length === 0) continue;
    const particles = new Set(found[0].particles);
    const region = s
      .subtree(v, (c) => {
        const t = s.token(c);
        return t.deprel === 'parataxis' || (t.deprel.startsWith('conj') && t.upos === 'VERB');
      })
      .filter((i) => i !== v && !particles.has(i));
    const before = region.filter((i) => i < v);
    const after = region.filter((i) => i > v);

    let best: { pattern: VerbPattern; b: Bindings } | undefined;
    const tried = new Set<number>();
    for (const { entry } of found) {
      if (tried.has(entry.block)) continue;
      tried.add(entry.block);
      for (const pattern of dictionary.blocks[entry.block].patterns) {
        const b = matchPattern(s, pattern, before, after);
        if (b && (!best || b.score > best.b.score)) best = { pattern, b };
      }
    }
    const entry = found[0].entry;
    const defaults = defaultRoles(s, v);
    const block = dictionary.blocks[(best?.pattern.block ?? entry.block)];
    const code = best ? best.pattern.code : (entry.code ?? dictionary.blocks[entry.block].codes[0]);
    const sourceIndex = best?.b.source ?? defaults.source;
    const targetIndex = best?.b.target ?? defaults.target;
    out.push({
      verbIndex: v,
      block: block.name,
      lemma: entry.lemma,
      ...(best ? { patternId: best.pattern.id } : {}),
      code,
      ...(sourceIndex !== undefined ? { sourceIndex } : {}),
      ...(targetIndex !== undefined && targetIndex !== sourceIndex ? { targetIndex } : {}),
    });
  }
  return out;
}

/** Dictionary entries for the verb at `v`, multi-word ones (with their other words present) first. */
function verbEntriesAt(s: SentenceIndex, v: number, d: VerbDictionary): { entry: VerbEntry; particles: number[] }[] {
  const candidates = new Set<VerbEntry>([...(d.byForm.get(s.lemma[v]) ?? []), ...(d.byForm.get(s.text[v]) ?? [])]);
  const multi: { entry: VerbEntry; particles: number[] }[] = [];
  const single: { entry: VerbEntry; particles: number[] }[] = [];
  for (const entry of candidates) {
    if (entry.words.length === 1) {
      single.push({ entry, particles: [] });
      continue;
    }
    const particles = otherWords(s, v, entry);
    if (particles) multi.push({ entry, particles });
  }
  const byLemma = (a: { entry: VerbEntry }, b: { entry: VerbEntry }): number =>
    Number(b.entry.lemma === s.lemma[v]) - Number(a.entry.lemma === s.lemma[v]) || a.entry.source.line - b.entry.source.line;
  multi.sort((a, b) => b.entry.words.length - a.entry.words.length || byLemma(a, b));
  single.sort(byLemma);
  return [...multi, ...single];
}

/** Sentence indices of a multi-word verb's other words around the verb at `v`, if they are there. */
function otherWords(s: SentenceIndex, v: number, entry: VerbEntry): number[] | undefined {
  const afterWords = entry.words.slice(entry.verbAt + 1);
  const beforeWords = entry.words.slice(0, entry.verbAt);
  const used: number[] = [];
  if (afterWords.length > 0) {
    let j = v;
    let ok = true;
    for (const w of afterWords) {
      j++;
      while (j < s.n && isJoiner(s.token(j).text)) j++;
      if (j >= s.n || !s.is(j, w)) {
        ok = false;
        break;
      }
      used.push(j);
    }
    if (!ok) {
      // "called the talks off": a lone particle may be a compound:prt dependent anywhere
      const prt = afterWords.length === 1 ? s.children[v].find((c) => s.token(c).deprel === 'compound:prt' && s.is(c, afterWords[0])) : undefined;
      if (prt === undefined) return undefined;
      used.length = 0;
      used.push(prt);
    }
  }
  let j = v;
  for (let k = beforeWords.length - 1; k >= 0; k--) {
    j--;
    while (j >= 0 && isJoiner(s.token(j).text)) j--;
    if (j < 0 || !s.is(j, beforeWords[k])) return undefined;
    used.push(j);
  }
  return used;
}

function matchPattern(s: SentenceIndex, p: VerbPattern, before: number[], after: number[]): Bindings | undefined {
  const budget = { steps: 0 };
  const b1 = matchSeq(s, p.before, 0, before, 0, { end: -1, score: 0 }, budget);
  if (!b1) return undefined;
  const b2 = matchSeq(s, p.after, 0, after, 0, { ...b1, end: -1 }, budget);
  if (!b2) return undefined;
  return b2;
}

/** First index in `region` (from `from`) whose sentence index is past `end`. */
function nextPos(region: readonly number[], from: number, end: number): number {
  let p = from;
  while (p < region.length && region[p] <= end) p++;
  return p;
}

/** Ordered matching of `elements[k..]` over `region[p..]` with gaps allowed; backtracks, bounded. */
function matchSeq(s: SentenceIndex, elements: readonly PatternElement[], k: number, region: readonly number[], p: number, b: Bindings, budget: { steps: number }): Bindings | undefined {
  if (k === elements.length) return b;
  if (++budget.steps > STEP_LIMIT) return undefined;
  const e = elements[k];
  if (e.kind === 'compound') return matchSeq(s, elements, k + 1, region, p, b, budget);
  for (let q = p; q < region.length; q++) {
    for (const r of matchElement(s, e, region, q, b, budget)) {
      const done = matchSeq(s, elements, k + 1, region, nextPos(region, q, r.end), r, budget);
      if (done) return done;
    }
  }
  return undefined;
}

/** The ways element `e` can match starting exactly at `region[q]`. */
function matchElement(s: SentenceIndex, e: PatternElement, region: readonly number[], q: number, b: Bindings, budget: { steps: number }): Bindings[] {
  const i = region[q];
  switch (e.kind) {
    case 'word': {
      const last = s.sequence(i, e.words);
      return last === undefined ? [] : [{ ...b, end: Math.max(b.end, last), score: b.score + 2 * e.words.length }];
    }
    case 'synset':
      return synsetAt(s, e.name, i, b);
    case 'source':
    case 'target':
    case 'skip': {
      if (!s.nominalHead(i)) return [];
      const r: Bindings = { ...b, end: Math.max(b.end, i), score: b.score + 1 };
      if (e.kind === 'source' && r.source === undefined) r.source = i;
      if (e.kind === 'target' && r.target === undefined) r.target = i;
      return [r];
    }
    case 'compound':
      return [b];
    case 'noun': {
      const heads = e.elements.filter((x) => x.kind === 'word' || x.kind === 'synset');
      const head = heads[heads.length - 1];
      if (!head) return [];
      const out: Bindings[] = [];
      for (const h of matchElement(s, head, region, q, b, budget)) {
        const headToken = h.end;
        const near = s.subtree(headToken).filter((x) => x !== headToken);
        for (let x = Math.max(0, i - 3); x < i; x++) if (!near.includes(x)) near.push(x);
        near.sort((a, c) => a - c);
        let r: Bindings | undefined = h;
        for (const m of e.elements) {
          if (m === head || !r) continue;
          if (m.kind === 'source' || m.kind === 'target') {
            r = { ...r, ...(m.kind === 'source' ? { source: r.source ?? headToken } : { target: r.target ?? headToken }) };
            continue;
          }
          if (m.kind === 'skip' || m.kind === 'compound') continue;
          let found: Bindings | undefined;
          for (let z = 0; z < near.length && !found; z++) found = matchElement(s, m, near, z, r, budget)[0];
          r = found ? { ...found, end: Math.max(found.end, h.end) } : undefined;
        }
        if (r) out.push({ ...r, score: r.score + 1 });
      }
      return out;
    }
    case 'prep': {
      // the preposition itself counts 1: a bare "(TO)" is weaker evidence than a content word
      const starts = matchElement(s, e.preposition, region, q, b, budget).map((x) => ({ ...x, score: x.score - 1 }));
      const out: Bindings[] = [];
      for (const start of starts) {
        if (e.elements.length === 0) {
          out.push(start);
          continue;
        }
        const prepToken = start.end;
        const t = s.token(prepToken);
        let object: number | undefined;
        if ((t.deprel === 'case' || t.deprel === 'mark') && t.head > prepToken) object = t.head;
        else object = region.find((x) => x > prepToken && s.nominalHead(x));
        if (object === undefined) continue;
        const inner = s.subtree(object).filter((x) => x > prepToken);
        const r = matchSeq(s, e.elements, 0, inner, 0, { ...start, end: -1 }, budget);
        if (r) out.push({ ...r, end: Math.max(r.end, object, start.end) });
      }
      return out;
    }
  }
}

function synsetAt(s: SentenceIndex, name: string, i: number, b: Bindings): Bindings[] {
  const synset = s.synsets.get(name);
  if (!synset) return [];
  const out: Bindings[] = [];
  for (const member of synset.members) {
    const last = s.sequence(i, member);
    if (last !== undefined) out.push({ ...b, end: Math.max(b.end, last), score: b.score + 2 });
  }
  // longest member first, so later elements see the most consumed
  return out.sort((x, y) => y.end - x.end);
}

/** Source and target from the verb's own dependents (see the module comment). */
function defaultRoles(s: SentenceIndex, v: number): { source?: number; target?: number } {
  let subject = s.childWith(v, /^nsubj$|^csubj$/);
  const passive = s.childWith(v, /^nsubj:pass$/);
  let agent = s.childWith(v, /^obl:agent$/);
  if (agent === undefined && passive !== undefined) {
    agent = s.children[v].find((c) => s.token(c).deprel.startsWith('obl') && s.children[c].some((g) => s.token(g).deprel === 'case' && s.text[g] === 'BY'));
  }
  let up = v;
  for (let hops = 0; subject === undefined && passive === undefined && hops < 3; hops++) {
    const t = s.token(up);
    if (t.head < 0 || !/^(xcomp|conj|advcl)/.test(t.deprel)) break;
    up = t.head;
    subject = s.childWith(up, /^nsubj$/);
  }
  const source = passive !== undefined ? agent : subject;
  let target = s.childWith(v, /^obj$/) ?? s.childWith(v, /^iobj$/) ?? passive;
  if (target === undefined) {
    target = s.children[v].find((c) => s.token(c).deprel.startsWith('obl') && s.children[c].some((g) => s.token(g).deprel === 'case' && TARGET_PREPS.has(s.text[g])));
  }
  return { ...(source !== undefined ? { source } : {}), ...(target !== undefined ? { target } : {}) };
}
