/**
 * Coding events in one document: patterns matched on the dependency parse, arguments resolved to actors,
 * then modality, date, place, size and contexts attached. Every decision that a reader may audit is
 * written into `prov`-like fields of the event (`rule`, `confidence`) and, for fallbacks, lowers confidence.
 *
 * Decisions (documented in docs/CODEBOOK.md):
 *  - Compound actors give one event per (source, target) pair; a joint act (pattern flag `mutual`: meet,
 *    talks, agreement) among a group of actors gives one event per unordered pair, first-named as source.
 *  - A statement (CAMEO 01) whose complement is itself coded is dropped: reported speech codes the act.
 *  - No event without a source; no event without a target unless the pattern is one-sided.
 *  - A sentence that looks like a headline (no final punctuation, title case) is not coded.
 *  - The same (code, source, target) in one sentence is coded once.
 */
import type { DateMention, Discards, DocumentContext, EventRecord, Place, Quantity, Sentence, ContextTrigger } from '../../core/layers.js';
import { matchVerbPatterns, type VerbSentenceView } from '../../knowledge/petrarch/verb-match.js';
import type { VerbDictionary } from '../../knowledge/petrarch/verbs.js';
import { argActor, type ArgActor, type ArgumentResolver } from './arguments.js';
import type { EventsLexicon, SizeField } from './lexicon.js';
import type { EventPattern } from './patterns.js';
import type { Tree } from './tree.js';

export const EVENTS_STAGE_VERSION = '1.0.0';

export interface CodingInput {
  text: string;
  published?: string;
  /** The story's title from its metadata: a line of the text that repeats it is the headline. */
  title?: string;
  tree: Tree;
  sentences: readonly Sentence[];
  dates: readonly DateMention[];
  places: readonly Place[];
  quantities: readonly Quantity[];
  /** The dateline's place, when there is one. */
  datelinePlace?: Place;
  resolver: ArgumentResolver;
  lexicon: EventsLexicon;
  /**
   * An imported PETRARCH/TABARI verb dictionary: when given, its patterns code the verbs of each sentence in
   * place of our own patterns (verbs and nouns); its codes are opaque strings (`075A`; `---` is no event;
   * `042:043` is a pair of reciprocal events).
   */
  verbs?: VerbDictionary;
  /** Sentences (or the whole story) that imported discard lists keep out of event coding. */
  discards?: Discards;
}

interface Match {
  pattern: EventPattern;
  trigger: number;
}

interface Draft {
  /** Our pattern, when one of ours coded the event (absent for an imported verb dictionary's). */
  pattern?: EventPattern;
  /** The rule recorded on the event: our pattern's id, or the dictionary pattern's file:line. */
  rule: string;
  code: string;
  trigger: number;
  sentence: number;
  /** null: an unknown source (patterns flagged unknown-source only: an attack whose only agent is a weapon). */
  source: ArgActor | null;
  target: ArgActor | null;
  negated: boolean;
  future: boolean;
  hypothetical: boolean;
  confidence: number;
  notes: string[];
}

const CLAUSE_RELS = new Set(['ccomp', 'xcomp', 'advcl', 'acl', 'parataxis', 'conj', 'csubj', 'list']);
const ZONE_STOP = new Set(['ccomp', 'xcomp', 'advcl', 'acl', 'parataxis', 'conj', 'csubj', 'list', 'punct', 'nsubj', 'obj', 'iobj']);
/** Passive verbs whose subject takes part in the act of their in-phrase ("were engaged in ethnic cleansing"). */
const IN_ACT: ReadonlySet<string> = new Set(['engage', 'involve', 'implicate', 'embroil', 'mire']);
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'along']);
const FINAL = /[.!?…"”'’)\]:;]\s*$/;

export function codeDocument(input: CodingInput): { events: EventRecord[]; contexts: DocumentContext[] } {
  const { tree, resolver } = input;
  const { tokens } = tree;
  const drafts: Draft[] = [];
  const contextHits = findContextWords(input);
  // A story the discard lists remove has no events; discarded sentences are skipped.
  if (input.discards?.story) return { events: [], contexts: documentContexts(contextHits, []) };
  const discarded = new Set(input.discards?.sentences ?? []);
  // The title, compared with every sentence to find a headline line repeated in the text, is normalised once.
  const title = input.title === undefined ? undefined : lineKey(input.title);

  for (let s = 0; s < input.sentences.length; s++) {
    const sentence = input.sentences[s];
    if (discarded.has(s)) continue;
    // Groups named in this sentence ("the US and Mexico") are remembered for "they" and "both" later on, those of
    // the headline too ("Japan and Australia pledge …", then "The two ministers agreed …"); a headline itself is
    // not coded.
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const upos = tree.upos(i);
      if ((upos === 'PROPN' || upos === 'NOUN') && tree.children(i).some((c) => tree.rel(c) === 'conj')) resolver.noteGroup(tokens[i].start, resolver.phrase(i));
    }
    if (isHeadline(input, sentence, title)) continue;
    if (input.verbs) {
      drafts.push(...dictionaryDrafts(input, input.verbs, s));
      continue;
    }
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      // The most specific pattern whose arguments resolve; a vaguer one when the specific one finds no dyad — but not a
      // vaguer one of another kind (CAMEO root): "NATO air strikes against Milosevic" is no labour strike when
      // Milosevic is not an actor.
      const matches = matchesAt(input, i);
      for (const m of matches) {
        if (m.pattern.specificity < matches[0].pattern.specificity && m.pattern.code.slice(0, 2) !== matches[0].pattern.code.slice(0, 2)) continue;
        const got = argumentsFor(input, m, s);
        if (got.length === 0) continue;
        drafts.push(...got);
        break;
      }
    }
  }

  // Reported speech: a statement (01) is dropped when an event is coded inside what was said. What is
  // requested, demanded, refused or threatened (02, 10, 12, 13) has not happened: an act coded inside the complement of
  // a request, demand, refusal or threat is dropped ("declined to resign"), the request stays.
  const asks = (d: Draft): boolean => /^(02|10|12|13)/.test(d.code);
  const sameSentence = new Map<number, Draft[]>();
  for (const d of drafts) {
    const list = sameSentence.get(d.sentence);
    if (list) list.push(d);
    else sameSentence.set(d.sentence, [d]);
  }
  const others = (d: Draft): readonly Draft[] => sameSentence.get(d.sentence) ?? [];
  const kept = drafts.filter((d) => !(d.code.startsWith('01') && others(d).some((o) => o !== d && governs(tree, d.trigger, o.trigger))))
    .filter((d) => asks(d) || !others(d).some((o) => o !== d && asks(o) && o.trigger !== d.trigger && governs(tree, o.trigger, d.trigger)))
    // "launched cruise missile strikes": when the event noun a verb pattern names as its object is coded as the same
    // kind of act (same CAMEO root), the noun's event is the act itself (195, not the verb's generic 190) and the verb's
    // is dropped; "began a hunger strike" keeps both, the protest being another kind.
    .filter((d) => !others(d).some((o) => o.pattern?.pos === 'noun' && o.code.slice(0, 2) === d.code.slice(0, 2) && namesObject(tree, d, o.trigger)));
  // One event per (sentence, code, source, target); of "seek to meet" and "meet", the act itself (the governed one) is kept.
  const chosen = new Map<string, Draft>();
  for (const d of kept) {
    const key = `${d.sentence}|${d.code}|${d.source?.code ?? ''}|${d.target?.code ?? ''}`;
    const earlier = chosen.get(key);
    if (!earlier || governs(tree, earlier.trigger, d.trigger)) chosen.set(key, d);
  }
  const events: EventRecord[] = [];
  for (const d of kept) {
    const key = `${d.sentence}|${d.code}|${d.source?.code ?? ''}|${d.target?.code ?? ''}`;
    if (chosen.get(key) === d) events.push(finish(input, d, events.length + 1, contextHits));
  }
  return { events, contexts: documentContexts(contextHits, events) };
}

/** Whether draft d comes from a verb pattern whose object condition names the noun at `noun`, its object. */
function namesObject(tree: Tree, d: Draft, noun: number): boolean {
  const words = d.pattern?.pos === 'verb' ? d.pattern.obj : undefined;
  return words !== undefined && tree.head(noun) === d.trigger && tree.rel(noun) === 'obj' && (words.includes(tree.lemma(noun)) || words.includes(tree.lower(noun)));
}

/**
 * A headline line inside the text: the story's title repeated, or a line with no sentence-final punctuation and
 * mostly capitalised words.
 */
function isHeadline(input: CodingInput, sentence: Sentence, title: string | undefined): boolean {
  const text = input.text.slice(sentence.start, sentence.end);
  if (title !== undefined && lineKey(text) === title) return true;
  if (FINAL.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0 || words.length > 20) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}

/** A line as the headline check compares it: spaces collapsed, trimmed, lower case. */
const lineKey = (line: string): string => line.replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether token a governs token b (b is in a's subtree). */
function governs(tree: Tree, a: number, b: number): boolean {
  for (let h = tree.head(b), steps = 0; h >= 0 && steps < 40; h = tree.head(h), steps++) if (h === a) return true;
  return false;
}

/** The patterns whose conditions hold at token i, most specific first (the first whose arguments resolve is used). */
function matchesAt(input: CodingInput, i: number): Match[] {
  const { tree, lexicon } = input;
  const upos = tree.upos(i);
  const table = upos === 'VERB' ? lexicon.byVerb : upos === 'NOUN' || upos === 'PROPN' ? lexicon.byNoun : undefined;
  if (!table) return [];
  for (const key of tree.keys(i)) {
    const candidates = table.get(key);
    if (!candidates) continue;
    const out = candidates.filter((p) => conditionsHold(tree, p, i, key)).map((p) => ({ pattern: p, trigger: i }));
    if (out.length > 0) return out;
  }
  return [];
}

function objectOf(tree: Tree, i: number, pattern: EventPattern): number | undefined {
  if (pattern.pos === 'noun') return undefined;
  // "lifted Friday a day-old blockade" parsed with two objects: a day or "today" is no object when another one follows.
  // An indirect object with no direct one is the object ("reiterated its demand" with "its" labelled iobj).
  let objs = tree.childrenBy(i, 'obj');
  if (objs.length === 0) objs = tree.childrenBy(i, 'iobj', true);
  const obj = objs.find((o) => !TIME_WORDS.has(tree.lower(o))) ?? objs[0];
  if (obj !== undefined) return obj;
  if (tree.isPassive(i)) return tree.childrenBy(i, 'nsubj:pass', true)[0];
  // Misparses: a noun taken for a complement clause ("called off a four-day strike" with strike as xcomp), and
  // the verb's object hung on a nominal before it ("shortened by one hour the nightly curfew": a noun takes no object).
  const kids = tree.children(i);
  const nominalComp = kids.find((c) => tree.rel(c) === 'xcomp' && tree.upos(c) === 'NOUN');
  if (nominalComp !== undefined) return nominalComp;
  for (const c of kids) {
    if (!tree.rel(c).startsWith('obl') || tree.upos(c) !== 'NOUN') continue;
    const stray = tree.children(c).find((g) => tree.rel(g) === 'obj');
    if (stray !== undefined) return stray;
  }
  // An object with a participle after it read as the subject of a clause ("blocked the Europe Bridge spanning the Rhine"
  // parsed as "blocked [the bridge spanning …]"): the noun between the verb and its -ing form is the object.
  for (const c of kids) {
    if (!['ccomp', 'advcl', 'xcomp'].includes(tree.rel(c)) || tree.pos[c].xpos !== 'VBG') continue;
    const subj = tree.children(c).find((g) => tree.rel(g) === 'nsubj' && g > i && g < c && (tree.upos(g) === 'NOUN' || tree.upos(g) === 'PROPN'));
    if (subj !== undefined) return subj;
  }
  return undefined;
}

/** Prepositions of a result phrase ("out of the country") that the parser may hang on the object instead of the verb. */
const RESULTATIVE: ReadonlySet<string> = new Set(['out']);

/** Each pattern's multiword lemmas (computed once per pattern). */
const multiwordLemmas = new WeakMap<EventPattern, readonly string[]>();

function conditionsHold(tree: Tree, p: EventPattern, i: number, key: string): boolean {
  let multi = multiwordLemmas.get(p);
  if (multi === undefined) {
    multi = p.lemmas.filter((l) => l.includes(' '));
    multiwordLemmas.set(p, multi);
  }
  if (multi.length > 0 && !p.lemmas.some((l) => !l.includes(' ') && (l === key || l === tree.lemma(i) || l === tree.lower(i)))) {
    if (!tree.phraseHas(i, multi)) return false;
  }
  // The particle this alternative needs: the pattern's single particle, or the matched lemma's own.
  const particle = p.particle ?? (p.particles ? p.particles[key] ?? p.particles[tree.lemma(i)] : undefined);
  if (particle) {
    const prt = tree.children(i).find((c) => tree.rel(c) === 'compound:prt' || ((tree.rel(c) === 'advmod' || tree.rel(c) === 'obl' || tree.rel(c) === 'case') && c === i + 1));
    if (prt === undefined || tree.lower(prt) !== particle) return false;
  }
  if (p.intransitive && tree.childrenBy(i, 'obj').length > 0) return false;
  if (p.noXcomp && tree.childrenBy(i, 'xcomp').length > 0) return false;
  if (p.obj) {
    if (p.pos === 'verb') {
      const obj = objectOf(tree, i, p);
      // "25,000 tons of food aid", "70 million dollars of aid": a measure's "of" phrase names the object
      const measured = obj === undefined ? undefined : tree.children(obj).find((c) => tree.rel(c).startsWith('nmod') && tree.caseOf(c) === 'of');
      // "meet hostage-takers demands" parsed with "demands" as the object of "takers": a noun takes no object
      const split = obj === undefined ? undefined : tree.children(obj).find((c) => tree.rel(c) === 'obj' && tree.upos(c) === 'NOUN' && tree.upos(obj) === 'NOUN');
      if (obj === undefined || !(tree.phraseHas(obj, p.obj) || (measured !== undefined && tree.phraseHas(measured, p.obj)) || (split !== undefined && tree.phraseHas(split, p.obj)))) return false;
    } else {
      const inside = tree.children(i).some((c) => (tree.rel(c) === 'compound' || (tree.rel(c).startsWith('nmod') && tree.caseOf(c) === 'of')) && tree.phraseHas(c, p.obj as string[]));
      if (!inside) return false;
    }
  }
  if (p.comp) {
    const comps = complements(tree, i);
    if (!comps.some((c) => p.comp?.includes('*') || p.comp?.includes(tree.lemma(c)))) return false;
  }
  if (p.modal && modalClause(tree, i, p.modal) === undefined) return false;
  if (p.agent && !agentPhrases(tree, i).some((a) => tree.phraseHas(a, p.agent as string[]))) return false;
  for (const pp of p.pp ?? []) {
    // ('*' admits any phrase but a day: "called the president on Friday" is no "called on")
    const has = (h: number): boolean =>
      tree.children(h).some((c) => (tree.rel(c).startsWith('obl') || tree.rel(c).startsWith('nmod')) && tree.caseOf(c) === pp.prep && tree.phraseHas(c, pp.lemmas) && !(pp.lemmas.includes('*') && TIME_WORDS.has(tree.lower(c))));
    // "forced the UN refugee agency out of the country": a resultative "out of" phrase hung on the verb's object
    const obj = p.pos === 'verb' && RESULTATIVE.has(pp.prep) ? tree.childrenBy(i, 'obj', true)[0] : undefined;
    if (!has(i) && (obj === undefined || !has(obj))) return false;
  }
  return true;
}

/**
 * The phrases that say what did the act of verb i: the subject of an active verb; the by-phrase of a passive and
 * its in-phrase ("was killed in a car bomb explosion", the instrument standing for the unnamed agent).
 */
function agentPhrases(tree: Tree, i: number): number[] {
  if (!tree.isPassive(i)) return tree.childrenBy(i, 'nsubj', true);
  return tree.children(i).filter((c) => tree.rel(c) === 'obl:agent' || (tree.rel(c).startsWith('obl') && (tree.caseOf(c) === 'by' || tree.caseOf(c) === 'in')));
}

/**
 * The clause with one of the modals that a speech verb introduces ("said Iraq must cooperate"); also when
 * the parser hung the clause on a date as a relative clause ("said on Tuesday that Sudan must return …":
 * a clause with its own subject and the modal).
 */
function modalClause(tree: Tree, i: number, modals: readonly string[]): number | undefined {
  // "must not have written the letter": a modal before a perfect is a guess about the past, not a demand
  const hasModal = (c: number): boolean =>
    tree.children(c).some((a) => tree.rel(a).startsWith('aux') && modals.includes(tree.lower(a))) && !tree.children(c).some((a) => tree.rel(a) === 'aux' && tree.lower(a) === 'have');
  for (const c of tree.children(i)) {
    const r = tree.rel(c);
    if ((r === 'ccomp' || r === 'xcomp') && hasModal(c)) return c;
    if (r.startsWith('obl') || r.startsWith('nmod')) {
      for (const g of tree.children(c)) if (tree.rel(g) === 'acl:relcl' && tree.children(g).some((x) => tree.rel(x) === 'nsubj') && hasModal(g)) return g;
    }
  }
  return undefined;
}

/** Clausal complements of a predicate ("pledged to work", "agreed that …"), and those of its object ("desire to expand"). */
function complements(tree: Tree, i: number): number[] {
  const cached = tree.memo.get(i);
  if (cached) return cached;
  const out: number[] = [];
  for (const c of tree.children(i)) {
    const r = tree.rel(c);
    if (r === 'xcomp' || r === 'ccomp' || r === 'acl' || (r === 'advcl' && tree.caseOf(c) === 'to')) out.push(c);
    if (r === 'obj') for (const g of tree.children(c)) if (tree.rel(g) === 'acl' || tree.rel(g) === 'xcomp') out.push(g);
  }
  tree.memo.set(i, out);
  return out;
}

/** The children of a predicate that fill a slot: subj, obj, poss, compound, amod, or a preposition. */
function slotFillers(tree: Tree, i: number, slot: string, pos: 'verb' | 'noun'): number[] {
  // A loop, not a .filter callback per call (see pipeline/columns.ts); children keep their order.
  const passive = slot === 'obj' && pos === 'verb' && tree.isPassive(i);
  const out: number[] = [];
  for (const c of tree.children(i)) {
    const r = tree.rel(c);
    let fills: boolean;
    switch (slot) {
      case 'subj':
        fills = r === 'nsubj' || r === 'csubj';
        break;
      case 'obj':
        fills = r === 'obj' || r === 'iobj' || (passive && r === 'nsubj:pass');
        break;
      case 'poss':
        fills = r === 'nmod:poss';
        break;
      case 'compound':
        fills = r === 'compound';
        break;
      case 'amod':
        fills = r === 'amod';
        break;
      default:
        fills = (r.startsWith('obl') || r.startsWith('nmod')) && r !== 'nmod:poss' && tree.caseOf(c) === slot;
    }
    if (fills) out.push(c);
  }
  return out;
}

/** How well an argument is known: an actor of the text with a role beats a bare country or a place. */
function strength(actors: readonly ArgActor[]): number {
  return Math.max(...actors.map((a) => (a.actor ? 2 : 0) + (a.code.length > 3 ? 1 : 0)));
}

function fillSlots(input: CodingInput, i: number, slots: readonly string[], pos: 'verb' | 'noun', exclude: ReadonlySet<number>, not: readonly ArgActor[] = []): { actors: ArgActor[]; head: number } | undefined {
  const same = (a: ArgActor): boolean => not.some((n) => n.code === a.code || (n.actor !== undefined && n.actor === a.actor));
  for (const slot of slots) {
    for (const c of slotFillers(input.tree, i, slot, pos)) {
      if (exclude.has(c)) continue;
      const actors = input.resolver.phrase(c);
      // "expressed his desire": a possessive naming the source itself is no target
      if (actors.length > 0 && !actors.every(same)) return { actors, head: c };
    }
  }
  return undefined;
}

/** The source of a verb: its subject (the by-phrase of a passive), else the controller of a complement or a coordinated verb. */
function verbSource(input: CodingInput, v: number, depth = 0): { actors: ArgActor[]; head: number; note?: string } | undefined {
  const { tree, resolver } = input;
  if (tree.isPassive(v)) {
    const agent = tree.children(v).find((c) => tree.rel(c) === 'obl:agent' || (tree.rel(c) === 'obl' && tree.caseOf(c) === 'by'));
    if (agent !== undefined) {
      const actors = resolver.phrase(agent);
      return actors.length > 0 ? { actors, head: agent, note: 'passive by-phrase' } : undefined;
    }
  } else {
    // A misparse may give two subjects ("US Secretary of State Antony Blinken"): the better-known actor wins.
    let best: { actors: ArgActor[]; head: number } | undefined;
    // (an active verb whose subject the parser labelled nsubj:pass: see Tree.isPassive)
    const own = tree.childrenBy(v, 'nsubj', true);
    const nominal = own.length > 0 ? own : tree.childrenBy(v, 'nsubj:pass', true);
    for (const subj of nominal) {
      const actors = resolver.phrase(subj);
      if (actors.length > 0 && (!best || strength(actors) > strength(best.actors))) best = { actors, head: subj };
    }
    let subjects = nominal;
    // "Syria says it is willing to withdraw …" parsed with "it" as an expletive: a pronoun that names an actor is the subject.
    if (subjects.length === 0) {
      // (when coreference left the pronoun unresolved, the speech-verb rule below still applies to it)
      const expl = tree.children(v).filter((c) => tree.rel(c) === 'expl' && tree.upos(c) === 'PRON' && /^(it|they)$/i.test(tree.tokens[c].text));
      if (expl.length > 0) {
        subjects = expl;
        const actors = resolver.phrase(expl[0]);
        if (actors.length > 0) best = { actors, head: expl[0] };
      }
    }
    // "Syria says it is willing to withdraw", "The United States announced it would prohibit …": a pronoun
    // subject that coreference left unresolved, in the complement of a speech or decision verb, is that verb's subject.
    if (!best && subjects.length === 1 && tree.upos(subjects[0]) === 'PRON' && (tree.rel(v) === 'ccomp' || tree.rel(v) === 'xcomp') && depth < 3) {
      const up = verbSource(input, tree.head(v), depth + 1);
      if (up) return { ...up, note: `pronoun "${tree.tokens[subjects[0]].text}" taken as the subject of "${tree.tokens[tree.head(v)].text}"` };
    }
    if (subjects.length > 0) return best;
  }
  // "an agreement for representatives of Mexico and the United States to visit …", wherever the parse hangs the
  // infinitive: a "for" phrase that ends right before its "to" is its subject.
  const forTo = forToSubject(tree, v);
  if (forTo !== undefined) {
    const actors = resolver.phrase(forTo);
    if (actors.length > 0) return { actors, head: forTo, note: 'subject of a for-to infinitive' };
  }
  if (depth > 3) return undefined;
  const rel = tree.rel(v);
  const head = tree.head(v);
  if (head < 0) return undefined;
  // A complement of a passive ("is prepared to impose martial law", "was asked to resign") is controlled by the
  // passive's subject, not by its by-phrase; so is a verb coordinated with a passive that has a tense of its own
  // ("has been indicted by the court … and will resign"; "was attacked by rebels and burned" shares the passive).
  // Only for an active verb without a subject of its own ("is expected to be charged" and "… had been hit with bricks,
  // and 46 people had been arrested" are not).
  if ((rel === 'xcomp' || rel === 'conj') && tree.upos(head) === 'VERB' && tree.isPassive(head) && !tree.isPassive(v)
    && (rel === 'xcomp' || tree.children(v).some((c) => tree.rel(c) === 'aux'))
    && !tree.children(v).some((c) => tree.rel(c).startsWith('nsubj') || tree.rel(c).startsWith('csubj'))) {
    const controlled = passiveSubject(input, head, depth + 1);
    if (controlled) return controlled;
  }
  // A complement or an adverbial clause without a subject of its own ("pledged to work", "…, killing 12
  // people", "opened fire to disperse …") is controlled by the subject of the clause it depends on.
  if (rel === 'xcomp' || rel === 'advcl' || rel === 'csubj') return verbSource(input, head, depth + 1);
  // "Zambia extradited …, a senior Zambian government official said" parsed with both nominals as subjects of "said" and the
  // reported verb as its complement without a subject: the subject of the reporting verb before the reported one is its.
  if (rel === 'ccomp' && head > v) {
    const subjects = tree.childrenBy(head, 'nsubj', true);
    const mine = subjects.find((c) => c < v);
    // (only a subject that names an actor itself: not "[a magnitude] 9 shook a … area of southern Iran", a phrase whose
    // actor comes from inside it)
    if (mine !== undefined && subjects.some((c) => c > v) && resolver.token(mine) !== undefined) {
      const actors = resolver.phrase(mine);
      if (actors.length > 0) return { actors, head: mine, note: 'subject repaired: the reporting verb after the clause has a subject of its own' };
    }
  }
  if (rel === 'conj') {
    // "… as the Joe Biden administration closed …" parsed with the subject hanging on the first verb:
    // the nominal right before the coordinated verb is its subject. Also when that nominal hangs elsewhere ("… a crisis
    // between the United States and Mexico as the Joe Biden administration closed …" with "administration" on "crisis") and
    // nothing coordinates the verb (no conjunction of its own): a verb right after a noun, with no "and" before it, is that
    // noun's predicate.
    const before = v - 1;
    // (Not a noun inside a prepositional phrase, "thieves armed with Kalashnikovs stormed …"; one ending an "of" phrase
    // or after a subordinator read as a preposition is: "as tens of thousands of people joined …", "as the … administration".)
    const uncoordinated = !tree.children(v).some((c) => tree.rel(c) === 'cc') && SUBJECT_CASES.has(tree.caseOf(before));
    if (before >= 0 && tree.tokens[before].sentence === tree.tokens[v].sentence && (tree.upos(before) === 'NOUN' || tree.upos(before) === 'PROPN') && (tree.head(before) === head || (uncoordinated && tree.head(before) !== v))) {
      const actors = resolver.phrase(before);
      if (actors.length > 0) return { actors, head: before, note: 'subject repaired from the preceding nominal' };
    }
    // "Members of the Association …, a body linked to …, investigated welfare of …" with the finite verb hung as a
    // conjunct on the nominal: that nominal is its subject.
    if ((tree.upos(head) === 'NOUN' || tree.upos(head) === 'PROPN') && head < v && tree.pos[v].xpos === 'VBD' && tree.children(v).some((c) => tree.rel(c) === 'obj')) {
      const actors = resolver.phrase(head);
      if (actors.length > 0) return { actors, head, note: 'subject repaired from the nominal the verb is coordinated with' };
    }
    return verbSource(input, head, depth + 1);
  }
  if (rel === 'acl') {
    // "an agreement for representatives of Mexico and the United States to visit …"
    const forPhrase = tree.children(head).find((c) => tree.rel(c).startsWith('nmod') && tree.caseOf(c) === 'for');
    if (forPhrase !== undefined) {
      const actors = resolver.phrase(forPhrase);
      if (actors.length > 0) return { actors, head: forPhrase };
    }
    // "Rebels attacked Goma" misparsed as a participle on "Rebels": the noun is the subject (a past-tense
    // form right after its noun is a finite verb, not a participle: "Zambia extradited …").
    // The same for a form tagged as a participle right after a sentence-initial proper name ("Zambia extradited …").
    const initialName = head === v - 1 && tree.upos(head) === 'PROPN' && (head === 0 || tree.tokens[head - 1].sentence !== tree.tokens[head].sentence) && tree.pos[v].xpos === 'VBN';
    if ((tree.children(v).some((c) => tree.rel(c) === 'obj') || (tree.pos[v].xpos === 'VBD' && head === v - 1) || initialName) && head < v) {
      const actors = resolver.phrase(head);
      if (actors.length > 0) return { actors, head, note: 'subject repaired from the noun the verb hangs on' };
    }
  }
  // "issued a declaration demanding that …", "released a statement condemning …": a participle on the statement
  // that a verb's subject issued is that subject's act.
  if (rel === 'acl' && tree.pos[v].xpos === 'VBG' && STATEMENT_NOUNS.has(tree.lemma(head)) && tree.rel(head) === 'obj' && tree.upos(tree.head(head)) === 'VERB') {
    const up = verbSource(input, tree.head(head), depth + 1);
    if (up) return { ...up, note: `source: who issued the ${tree.tokens[head].text}` };
  }
  if (rel === 'acl' || rel === 'acl:relcl') {
    // "European Community foreign ministers agreed in principle …", "Doctors from two American aid groups donated …",
    // "The German government today welcomed …" parsed as a noun phrase with a participle or relative clause: when
    // the subject phrase the verb hangs on has no predicate of its own (it is the sentence's root, or a second
    // subject of the reporting verb: "Thousands of Iraqi Kurds demonstrated …, witnesses said"), the verb is that
    // predicate and the phrase its subject.
    // Only a verb with an object or a complement (its own or a coordinated verb's) — "Two soldiers killed in the
    // attack, officials said" is a true participle.
    const top = subjectWithoutPredicate(tree, head);
    const kids = tree.children(v);
    const transitive = (x: number): boolean => tree.children(x).some((c) => tree.rel(c) === 'obj' || tree.rel(c) === 'xcomp' || tree.rel(c) === 'ccomp' || (tree.rel(c) === 'advcl' && tree.caseOf(c) === 'to'));
    if (top !== undefined && top < v && !kids.some((c) => tree.rel(c).startsWith('nsubj') || tree.rel(c).startsWith('aux') || tree.rel(c) === 'mark')
      && (transitive(v) || kids.some((c) => tree.rel(c) === 'conj' && tree.upos(c) === 'VERB' && transitive(c)))) {
      const actors = resolver.phrase(top);
      if (actors.length > 0) return { actors, head: top, note: 'subject repaired: the noun phrase before the verb has no predicate of its own' };
    }
    // "Thousands of students demonstrated in Caracas on Monday." parsed with the noun phrase as the sentence's root and the
    // verb as a participle on it: in a sentence that ends with a full stop and has no other verb, the verb is the
    // predicate and the root phrase its subject (not when the verb has an agent: "… deported by the authorities.").
    if (top !== undefined && top < v && tree.head(top) < 0 && rel === 'acl' && endsWithFullStop(tree, v) && onlyVerbOfSentence(tree, v)
      && !kids.some((c) => tree.rel(c).startsWith('nsubj') || tree.rel(c).startsWith('aux') || tree.rel(c) === 'mark' || tree.rel(c).startsWith('obl:agent') || (tree.rel(c) === 'obl' && tree.caseOf(c) === 'by'))) {
      const actors = resolver.phrase(top);
      if (actors.length > 0) return { actors, head: top, note: 'subject repaired: the root noun phrase of a sentence whose only verb hangs on it' };
    }
  }
  return undefined;
}

/** The head of a "for" phrase ending right before the "to" of infinitive v ("for X to visit"), or undefined. */
function forToSubject(tree: Tree, v: number): number | undefined {
  const to = tree.children(v).find((c) => c < v && tree.rel(c) === 'mark' && tree.lower(c) === 'to');
  if (to === undefined) return undefined;
  const sentence = tree.tokens[v].sentence;
  for (let k = to - 1; k >= 0 && tree.tokens[k].sentence === sentence && to - k <= 12; k--) {
    if (tree.lower(k) !== 'for' || tree.rel(k) !== 'case') continue;
    const n = tree.head(k);
    if (n <= k || n >= to) return undefined;
    return Math.max(...tree.subtree(n, CLAUSES)) === to - 1 ? n : undefined;
  }
  return undefined;
}

/** Clausal relations a noun phrase's span stops at. */
const CLAUSES: ReadonlySet<string> = new Set(['acl', 'advcl', 'ccomp', 'xcomp', 'parataxis']);

/** Whether the sentence of token i ends with a full stop. */
function endsWithFullStop(tree: Tree, i: number): boolean {
  const sentence = tree.tokens[i].sentence;
  let last = i;
  while (last + 1 < tree.tokens.length && tree.tokens[last + 1].sentence === sentence) last++;
  return tree.tokens[last].text === '.';
}

/** Whether token v is the only verb or auxiliary of its sentence. */
function onlyVerbOfSentence(tree: Tree, v: number): boolean {
  const sentence = tree.tokens[v].sentence;
  for (let i = v - 1; i >= 0 && tree.tokens[i].sentence === sentence; i--) if (tree.upos(i) === 'VERB' || tree.upos(i) === 'AUX') return false;
  for (let i = v + 1; i < tree.tokens.length && tree.tokens[i].sentence === sentence; i++) if (tree.upos(i) === 'VERB' || tree.upos(i) === 'AUX') return false;
  return true;
}

/** Case markers a noun right before a verb may have and still be its subject: none, the "of" that ends a subject phrase
 * ("tens of thousands of people"), and subordinators the tagger read as prepositions ("as", "after" …). */
const SUBJECT_CASES: ReadonlySet<string> = new Set(['', 'of', 'as', 'after', 'before', 'since', 'until', 'while', 'because', 'once']);

/** Nouns of a written or spoken statement whose participle is the act of whoever issued it. */
const STATEMENT_NOUNS: ReadonlySet<string> = new Set(['statement', 'declaration', 'communique', 'communiqué', 'letter', 'resolution', 'message', 'note', 'memorandum', 'appeal', 'ultimatum', 'report']);

/** The subject of passive verb v (with an unresolved pronoun, that of the speech or decision verb above). */
function passiveSubject(input: CodingInput, v: number, depth: number): { actors: ArgActor[]; head: number; note?: string } | undefined {
  const { tree, resolver } = input;
  const subj = tree.childrenBy(v, 'nsubj:pass', true)[0];
  if (subj === undefined) return undefined;
  const actors = resolver.phrase(subj);
  if (actors.length > 0) return { actors, head: subj, note: `controlled by the subject of the passive "${tree.tokens[v].text}"` };
  if (tree.upos(subj) === 'PRON' && (tree.rel(v) === 'ccomp' || tree.rel(v) === 'xcomp') && depth < 4) return verbSource(input, tree.head(v), depth + 1);
  return undefined;
}

/**
 * The top of a nominal subject phrase that has no predicate (climbing "of"/"from" phrases: "Doctors from two American
 * aid groups"): the phrase is the sentence's root, or the second nominal subject of its verb.
 */
function subjectWithoutPredicate(tree: Tree, n: number): number | undefined {
  let top = n;
  for (let steps = 0; steps < 3 && tree.rel(top).startsWith('nmod') && tree.head(top) >= 0 && tree.head(top) < top; steps++) top = tree.head(top);
  const upos = tree.upos(top);
  if (upos !== 'NOUN' && upos !== 'PROPN') return undefined;
  if (tree.head(top) < 0) return top;
  if (tree.rel(top) !== 'nsubj') return undefined;
  const verb = tree.head(top);
  return tree.children(verb).some((c) => c !== top && tree.rel(c) === 'nsubj') ? top : undefined;
}

const NOMINAL_SLOTS: ReadonlySet<string> = new Set(['subj', 'obj', 'iobj', 'poss', 'compound', 'amod']);

/** Targets: the pattern's slots on the trigger, then inside its object, then in its complement clauses. */
function findTarget(input: CodingInput, i: number, pattern: EventPattern, exclude: ReadonlySet<number>, not: readonly ArgActor[], depth = 0): { actors: ArgActor[]; head: number } | undefined {
  const { tree } = input;
  const pos = depth === 0 ? pattern.pos : 'verb';
  const slots = depth === 0 ? pattern.target : ['obj', 'with', 'to', 'between', 'against', 'on'];
  const direct = fillSlots(input, i, slots, pos, exclude, not);
  if (direct) return direct;
  const obj = pos === 'verb' ? objectOf(tree, i, pattern) : undefined;
  if (obj !== undefined) {
    const inner = fillSlots(input, obj, slots.filter((s) => s !== 'obj'), 'noun', exclude, not);
    if (inner) return inner;
    // "providing aerial photographs and other military intelligence to Macedonia": a prepositional phrase hung on a
    // conjunct of the object belongs to the whole coordination (also when the parser hung that nominal conjunct on
    // the verb).
    const preps = slots.filter((s) => !NOMINAL_SLOTS.has(s));
    if (preps.length > 0) {
      for (const c of [...tree.children(obj), ...tree.children(i)]) {
        if (tree.rel(c) !== 'conj' || (tree.upos(c) !== 'NOUN' && tree.upos(c) !== 'PROPN')) continue;
        const onConjunct = fillSlots(input, c, preps, 'noun', exclude, not);
        if (onConjunct) return onConjunct;
      }
    }
  }
  if (depth < 2) {
    for (const c of complements(tree, i)) {
      const found = findTarget(input, c, pattern, exclude, not, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Words between a demand and its "that" ("its demand today that …"). */
const TIME_WORDS: ReadonlySet<string> = new Set(['today', 'yesterday', 'tonight', 'again', 'anew', 'repeatedly', 'once', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The subject of a that-clause after a demand, read off the words when the parse lost the clause: the trigger or the
 * noun it governs ("its demand", "on its demands") followed by "that" (a time word may come between), then the first
 * actor among the next few words before a verb. Linear, so that it holds whatever the parser made of the clause.
 */
function thatClauseTarget(input: CodingInput, trigger: number, exclude: ReadonlySet<number>, not: readonly ArgActor[]): { actors: ArgActor[]; head: number } | undefined {
  const { tree, resolver } = input;
  const same = (a: ArgActor): boolean => not.some((n) => n.code === a.code || (n.actor !== undefined && n.actor === a.actor));
  const sentence = tree.tokens[trigger].sentence;
  const inSentence = (k: number): boolean => k < tree.tokens.length && tree.tokens[k].sentence === sentence;
  const heads = [trigger];
  for (const c of tree.children(trigger)) {
    const r = tree.rel(c);
    if (r === 'obj' || r.startsWith('obl')) heads.push(c, ...tree.children(c).filter((g) => tree.rel(g) === 'goeswith'));
  }
  for (const h of heads) {
    let k = h + 1;
    if (inSentence(k) && TIME_WORDS.has(tree.lower(k))) k++;
    if (!inSentence(k) || tree.lower(k) !== 'that') continue;
    for (let j = k + 1; j <= k + 6 && inSentence(j); j++) {
      const upos = tree.upos(j);
      if (upos === 'VERB' || upos === 'AUX' || upos === 'PUNCT' || upos === 'SCONJ') break;
      if (exclude.has(j) || (upos !== 'PROPN' && upos !== 'NOUN' && upos !== 'ADJ')) continue;
      const actors = resolver.phrase(j);
      if (actors.length > 0 && !actors.every(same)) return { actors: actors.filter((a) => !same(a)), head: j };
    }
  }
  return undefined;
}

/** Relations the phrase-target search does not enter: the trigger's own subject, asides, attributions, other clauses. */
const PHRASE_STOP = new Set(['nsubj', 'csubj', 'punct', 'parataxis', 'conj', 'acl:relcl', 'advcl', 'list', 'vocative', 'dislocated', 'reparandum', 'discourse', 'cc']);

/**
 * The target when the pattern's slots name none: the first actor in the trigger's own phrase, after the
 * trigger first, then before it — TABARI's default ("the first actor after the verb"), bounded by the
 * dependency tree so that the speaker of "…, officials said" or a coordinated clause is never taken. The
 * subject of a complement clause counts ("demanded that Israel withdraw"); a purpose clause ("to disperse
 * demonstrators") is entered, other adverbial clauses are not.
 */
function phraseTarget(input: CodingInput, trigger: number, exclude: ReadonlySet<number>, not: readonly ArgActor[], threat = false): { actors: ArgActor[]; head: number } | undefined {
  const { tree, resolver } = input;
  const same = (a: ArgActor): boolean => not.some((n) => n.code === a.code || (n.actor !== undefined && n.actor === a.actor));
  const seen: number[] = [];
  const stack = [trigger];
  while (stack.length > 0 && seen.length < 60) {
    const t = stack.pop() as number;
    if (exclude.has(t)) continue;
    seen.push(t);
    for (const c of tree.children(t)) {
      const r = tree.rel(c);
      const base = r.split(':')[0];
      if (t === trigger && (base === 'nsubj' || base === 'csubj')) continue;
      // (the subject of a threat's condition counts: "… if the United States goes ahead")
      if (t !== trigger && (r === 'nsubj' || r === 'nsubj:pass')) {
        if (['ccomp', 'xcomp'].includes(tree.rel(t)) || (threat && tree.rel(t).startsWith('advcl') && (tree.caseOf(t) === 'if' || tree.caseOf(t) === 'unless'))) stack.push(c);
        continue;
      }
      // a purpose clause ("to disperse demonstrators", "a formula for ending its dispute with …"), and a participle
      // without a subject of its own that describes what precedes it ("weapons seized last year from UN peacekeepers")
      // a threat's condition names whom it is aimed at ("threatened to stop negotiations if the United States goes ahead …")
      if (base === 'advcl' && threat && (tree.caseOf(c) === 'if' || tree.caseOf(c) === 'unless')) {
        stack.push(c);
        continue;
      }
      if (base === 'advcl' && (tree.caseOf(c) === 'to' || tree.caseOf(c) === 'for' || (tree.pos[c].xpos === 'VBN' && !tree.children(c).some((g) => tree.rel(g).startsWith('nsubj') || tree.rel(g) === 'mark')))) {
        stack.push(c);
        continue;
      }
      // "In Nairobi, a police official denied …": a place set before the act is where it happened, not its target
      // (after it, "resume attacks in Israel", the place is often what the act is aimed at).
      if (c < trigger && (base === 'obl' || base === 'nmod') && tree.upos(c) === 'PROPN' && LOCATIVE.has(tree.caseOf(c))) continue;
      if (PHRASE_STOP.has(r) || PHRASE_STOP.has(base)) {
        // coordinated nominals stay (resolver.phrase expands them); coordinated clauses do not
        if (base === 'conj' && tree.upos(c) !== 'VERB' && tree.upos(t) !== 'VERB') stack.push(c);
        continue;
      }
      stack.push(c);
    }
  }
  const after = seen.filter((k) => k > trigger).sort((a, b) => a - b);
  const before = seen.filter((k) => k < trigger).sort((a, b) => b - a);
  for (const k of [...after, ...before]) {
    const upos = tree.upos(k);
    if (upos !== 'NOUN' && upos !== 'PROPN' && upos !== 'PRON' && upos !== 'ADJ' && upos !== 'NUM') continue;
    const actors = resolver.phrase(k);
    if (actors.length > 0 && !actors.every(same)) return { actors: actors.filter((a) => !same(a)), head: k };
  }
  return undefined;
}

/**
 * What an announced, intended or conditional act is coded as when its pattern names no future= code:
 * a cooperative act becomes the intent to do it (03), a conflictual one a threat (13) — the CAMEO manual's
 * reading of "will impose sanctions", "threatened to stop negotiations", "may halt mediation if …".
 * Longest prefix wins.
 */
const FUTURE_CODES: ReadonlyMap<string, string> = new Map([
  ['04', '036'], ['05', '032'], ['057', '030'], ['06', '031'], ['061', '0311'], ['062', '0312'], ['063', '0313'], ['064', '0314'],
  ['07', '033'], ['071', '0331'], ['072', '0332'], ['073', '0333'], ['074', '0334'],
  ['08', '035'], ['081', '0351'], ['082', '0352'], ['083', '034'], ['084', '0353'], ['085', '0354'], ['086', '0355'], ['087', '0356'],
  ['14', '133'], ['16', '131'], ['161', '1313'], ['162', '1311'], ['163', '1312'], ['164', '134'], ['165', '135'], ['166', '136'],
  ['17', '137'], ['172', '132'], ['1721', '1321'], ['1722', '1322'], ['1723', '1323'], ['1724', '1324'],
  ['18', '1383'], ['19', '138'], ['191', '1381'], ['192', '1382'], ['20', '1385'],
]);

function futureCode(code: string): string | undefined {
  for (let n = code.length; n >= 2; n--) {
    const c = FUTURE_CODES.get(code.slice(0, n));
    if (c) return c;
  }
  return undefined;
}

/** Whether the trigger's clause (or a clause above it through complements) carries an if/unless condition. */
function conditional(tree: Tree, trigger: number): boolean {
  for (let v = trigger, steps = 0; v >= 0 && steps < 4; v = tree.head(v), steps++) {
    if (tree.children(v).some((c) => tree.rel(c) === 'advcl' && tree.children(c).some((g) => tree.rel(g) === 'mark' && (tree.lower(g) === 'if' || tree.lower(g) === 'unless')))) return true;
    const r = tree.rel(v);
    if (!(r === 'xcomp' || r === 'ccomp' || r === 'obj' || r === 'csubj')) break;
  }
  // The parser often hangs the condition on another clause ("may halt mediation … if cooperation founders, the
  // minister said"): in a sentence whose main act is hypothetical, an if/unless clause conditions it.
  const sentence = tree.tokens[trigger].sentence;
  for (let k = trigger + 1; k < tree.tokens.length && tree.tokens[k].sentence === sentence; k++) {
    if (tree.rel(k) === 'mark' && (tree.lower(k) === 'if' || tree.lower(k) === 'unless') && tree.rel(tree.head(k)) === 'advcl') return true;
  }
  return false;
}

/**
 * A refusal to yield: a negated act of CAMEO 08 ("would not meet their demands", "will not lift the curfew") is
 * coded as the matching refusal of CAMEO 12 (123 political reform, 124 yield and its sub-forms); a negated act of
 * material aid (07: "will not accept any more refugees", "would not provide aid") as the refusal of aid (122 and
 * its sub-forms). Longest prefix wins.
 */
const REFUSAL_CODES: ReadonlyMap<string, string> = new Map([
  ['07', '122'], ['071', '1221'], ['072', '1222'], ['073', '1223'], ['074', '1224'], ['075', '122'],
  ['08', '124'], ['081', '1241'], ['0811', '1241'], ['0812', '1241'], ['0813', '1241'], ['0814', '1241'], ['082', '1242'],
  ['083', '123'], ['0831', '1231'], ['0832', '1232'], ['0833', '1233'], ['0834', '1234'],
  ['084', '1243'], ['085', '1244'], ['086', '1245'], ['087', '1246'],
]);

function refusalCode(code: string): string | undefined {
  for (let n = code.length; n >= 2; n--) {
    const c = REFUSAL_CODES.get(code.slice(0, n));
    if (c) return c;
  }
  return undefined;
}

/** Whether the trigger's clause (or one above it through complements) is conditioned by "unless": an act announced "unless …" is a threat. */
function unlessCondition(tree: Tree, trigger: number): boolean {
  for (let v = trigger, steps = 0; v >= 0 && steps < 4; v = tree.head(v), steps++) {
    if (tree.children(v).some((c) => tree.rel(c) === 'advcl' && tree.children(c).some((g) => tree.rel(g) === 'mark' && tree.lower(g) === 'unless'))) return true;
    const r = tree.rel(v);
    if (!(r === 'xcomp' || r === 'ccomp' || r === 'obj' || r === 'csubj')) break;
  }
  return false;
}

function argumentsFor(input: CodingInput, m: Match, s: number): Draft[] {
  const { tree } = input;
  const p = m.pattern;
  const notes: string[] = [];
  let confidence = 0.8;
  let source: { actors: ArgActor[]; head: number; note?: string } | undefined;
  const used = new Set<number>();
  if (p.pos === 'verb') {
    source = p.source.includes('subj') ? verbSource(input, m.trigger) : undefined;
    // Further slots after the subject ("source=subj|obj": "guerrillas have been demobilized" — the demobilized disarm).
    const rest = p.source.filter((slot) => slot !== 'subj');
    if (!source && rest.length > 0) source = fillSlots(input, m.trigger, rest, 'verb', used);
  } else {
    source = fillSlots(input, m.trigger, p.source, 'noun', used);
    // A light verb's subject acts through the noun: "Mexico held talks with …", "Mexico announced an agreement …".
    if (!source) {
      const h = tree.head(m.trigger);
      const r = tree.rel(m.trigger);
      // … or through "engaged in ethnic cleansing", "wounded two soldiers in a bomb attack"
      const inPhrase = r.startsWith('obl') && (tree.caseOf(m.trigger) === 'in' || tree.caseOf(m.trigger) === 'into');
      // Not the subject of a verb that judges, reports or stops the act ("Estrada condemned the bombings").
      if (h >= 0 && tree.upos(h) === 'VERB' && (r === 'obj' || r === 'nsubj:pass' || inPhrase) && !input.lexicon.observerVerbs.has(tree.lemma(h))) {
        source = verbSource(input, h);
        if (source) notes.push(`source: subject of "${tree.tokens[h].text}"`);
        // "Serb forces were engaged in ethnic cleansing": a passive without an agent, the subject is engaged in the act.
        // Only verbs of taking part: "Twelve Americans were killed in the bombing" are its victims.
        if (!source && inPhrase && IN_ACT.has(tree.lemma(h)) && tree.isPassive(h) && !tree.children(h).some((c) => tree.rel(c) === 'obl:agent' || tree.caseOf(c) === 'by')) {
          const subj = tree.childrenBy(h, 'nsubj:pass', true)[0];
          const actors = subj === undefined ? [] : input.resolver.phrase(subj);
          if (subj !== undefined && actors.length > 0) {
            source = { actors, head: subj, note: `source: the one "${tree.tokens[h].text}" in the act` };
          }
        }
      }
    }
  }
  // "was killed in an Israeli air strike": the instrument phrase of a passive may name the agent.
  if (!source && p.agent && p.pos === 'verb' && tree.isPassive(m.trigger)) {
    for (const a of agentPhrases(tree, m.trigger)) {
      const actors = input.resolver.phrase(a);
      if (actors.length > 0) {
        source = { actors, head: a, note: `source: named in the agent phrase "${tree.tokens[a].text}"` };
        break;
      }
    }
  }
  if (!source && p.unknownSource) return unknownSourceDrafts(input, m, s);
  if (!source) return [];
  if (source.note) {
    notes.push(source.note);
    confidence -= 0.1;
  }
  used.add(source.head);
  let targets: ArgActor[] = [];
  // "said Iraq must cooperate": the subject of the modal clause is the one asked.
  const clause = p.modal ? modalClause(tree, m.trigger, p.modal) : undefined;
  const asked = clause === undefined ? undefined : fillSlots(input, clause, ['subj'], 'verb', used, source.actors);
  const direct = asked ?? fillSlots(input, m.trigger, p.target, p.pos, used, source.actors);
  // A joint act of a named group needs no target beyond the group ("an agreement for Mexico and the US to visit …").
  const t = direct ?? (p.mutual && source.actors.length >= 2 ? undefined : findTarget(input, m.trigger, p, used, source.actors));
  if (t) targets = t.actors;
  else if (!p.oneSided && !(p.mutual && source.actors.length >= 2)) {
    const f = phraseTarget(input, m.trigger, used, source.actors, p.code.startsWith('13'));
    if (f) {
      targets = f.actors;
      notes.push(`target: first actor in the phrase of "${tree.tokens[m.trigger].text}"`);
      confidence -= 0.1;
    }
  }
  // "reiterated its demand that Israel ease …", "insisted on its demands that Burundi's government grant …": a request or
  // demand whose that-clause the parser broke up; the first actor right after the "that" is the one asked.
  if (targets.length === 0 && !p.oneSided && /^(02|10)/.test(p.code)) {
    const f = thatClauseTarget(input, m.trigger, used, source.actors);
    if (f) {
      targets = f.actors;
      notes.push(`target: the subject of the that-clause after "${tree.tokens[m.trigger].text}"`);
      confidence -= 0.1;
    }
  }
  // A joint act among a group: "delegations from the US and Mexico met", "both committees will meet".
  const pairs: Array<[ArgActor, ArgActor | null]> = [];
  const sources = source.actors;
  if (p.mutual && targets.length === 0 && sources.length >= 2) {
    for (let a = 0; a < sources.length; a++) for (let b = a + 1; b < sources.length; b++) if (sources[a].code !== sources[b].code) pairs.push([sources[a], sources[b]]);
  } else {
    if (targets.length === 0 && p.targetFallback === 'sentence') {
      const other = sentenceCountry(input, s, sources);
      if (other) {
        targets = [other];
        notes.push(`target: ${other.code} named elsewhere in the sentence`);
        confidence -= 0.15;
      }
    }
    const ownCountry = (a: ArgActor): ArgActor[] => (a.country && a.code !== a.country ? [argActor({ code: a.country, country: a.country, via: `the source's own country (${a.country})` })] : []);
    if (targets.length === 0 && p.targetFallback === 'own' && sources.some((a) => a.country)) {
      notes.push("target: the source's own country");
      confidence -= 0.1;
      for (const a of sources) for (const b of ownCountry(a)) pairs.push([a, b]);
    }
    if (pairs.length === 0) for (const a of sources) {
      // In a list that names the source's own country ("between the US, Mexico and Guatemala" said by a US
      // official) that country is no target; alone it is ("Congolese rebels attacked Goma": domestic).
      const others = targets.filter((b) => b.code !== a.code);
      const own = others.length > 1 ? others.filter((b) => b.code !== a.country) : others;
      if (own.length === 0 && p.oneSided) pairs.push([a, null]);
      for (const b of own) pairs.push([a, b]);
    }
  }
  if (pairs.length === 0) return [];
  const modality = modalityOf(input, m.trigger);
  // An expression of intent (CAMEO 03) is about the future by definition.
  if (p.code.startsWith('03')) modality.future = true;
  let code = p.code;
  const announced = modality.future || (modality.hypothetical && conditional(tree, m.trigger));
  const later = p.future ?? (announced && !modality.negated ? futureCode(p.code) : undefined);
  if (modality.future && p.future) {
    code = p.future;
    notes.push(`future/intended: ${p.code} → ${p.future}`);
  } else if (announced && !p.future && later) {
    code = later;
    notes.push(`announced or conditional: ${p.code} → ${later}`);
  }
  // "will withdraw its force from Chad unless …": an act announced on a condition the target must meet is a threat.
  if (!code.startsWith('13') && !modality.negated && (modality.future || modality.hypothetical) && unlessCondition(tree, m.trigger)) {
    const threat = futureCode(p.code);
    code = threat?.startsWith('13') ? threat : '130';
    notes.push(`announced unless a condition is met: ${p.code} → ${code}`);
  }
  const refusal = modality.negated && (p.code.startsWith('08') || p.code.startsWith('07')) ? refusalCode(p.code) : undefined;
  if (refusal) {
    code = refusal;
    notes.push(`refusal to yield: ${p.code} → ${refusal}`);
  }
  return pairs.map(([a, b]) => ({ pattern: p, rule: p.id, code, trigger: m.trigger, sentence: s, source: a, target: b, ...modality, confidence, notes }));
}

/**
 * An attack whose only agent is a weapon ("a roadside bombing killed one U.S. soldier", "were killed by an
 * improvised explosive device"): coded with an unknown source (null) when the pattern allows it (unknown-source),
 * one event per target actor; without a target actor nothing is coded. Confidence is lowered.
 */
function unknownSourceDrafts(input: CodingInput, m: Match, s: number): Draft[] {
  const { tree } = input;
  const p = m.pattern;
  const used = new Set<number>(agentPhrases(tree, m.trigger));
  const t = fillSlots(input, m.trigger, p.target, p.pos, used);
  if (!t) return [];
  const modality = modalityOf(input, m.trigger);
  // an attack that did not happen, or only may, is not coded without its actor
  if (modality.negated || modality.future || modality.hypothetical) return [];
  const notes = [`source unknown: the agent is "${tree.tokens[agentPhrases(tree, m.trigger)[0] ?? m.trigger].text}"`];
  return t.actors.map((b) => ({ pattern: p, rule: p.id, code: p.code, trigger: m.trigger, sentence: s, source: null, target: b, ...modality, confidence: 0.6, notes }));
}

const NO_EVENT = /^-*$/;
const DICTIONARY_TARGET_SLOTS = ['obj', 'to', 'with', 'against', 'on', 'for', 'into', 'toward', 'towards', 'at', 'over'];

/**
 * Events from an imported verb dictionary over one sentence. The matcher gives the verb, the code and,
 * when the pattern marks them (`$`, `+`), the source and target tokens; those resolve to actors the same
 * way as for our patterns, and when they are missing or name no actor, our own subject and object
 * resolution fills in. PETRARCH's require-dyad rule holds: no event without both. A paired code `A:B` gives
 * the event A from source to target and the event B from target to source; `---` or an empty half gives none.
 */
function dictionaryDrafts(input: CodingInput, verbs: VerbDictionary, s: number): Draft[] {
  const { tree, resolver } = input;
  const sentence = input.sentences[s];
  const from = sentence.tokenStart;
  const view: VerbSentenceView = {
    tokens: tree.tokens.slice(from, sentence.tokenEnd).map((t, k) => {
      const h = tree.head(from + k);
      return { text: t.text, lemma: tree.pos[from + k].lemma, upos: tree.upos(from + k), head: h >= from && h < sentence.tokenEnd ? h - from : -1, deprel: tree.rel(from + k) };
    }),
  };
  const out: Draft[] = [];
  for (const m of matchVerbPatterns(view, verbs)) {
    const halves = m.code.includes(':') ? m.code.split(':') : [m.code];
    const forward = halves[0].trim();
    const backward = (halves[1] ?? '').trim();
    if (NO_EVENT.test(forward) && NO_EVENT.test(backward)) continue;
    const v = from + m.verbIndex;
    const notes: string[] = [];
    let confidence = 0.7;
    let source: { actors: ArgActor[]; head: number } | undefined;
    if (m.sourceIndex !== undefined) {
      const actors = resolver.phrase(from + m.sourceIndex);
      if (actors.length > 0) source = { actors, head: from + m.sourceIndex };
    }
    if (!source) {
      source = verbSource(input, v);
      if (source) notes.push('source: our subject resolution');
    }
    if (!source) continue;
    const used = new Set<number>([source.head]);
    const same = (a: ArgActor): boolean => source.actors.some((n) => n.code === a.code || (n.actor !== undefined && n.actor === a.actor));
    let targets: ArgActor[] = [];
    if (m.targetIndex !== undefined) targets = resolver.phrase(from + m.targetIndex).filter((a) => !same(a));
    if (targets.length === 0) {
      const t = fillSlots(input, v, DICTIONARY_TARGET_SLOTS, 'verb', used, source.actors) ?? phraseTarget(input, v, used, source.actors);
      if (t) {
        targets = t.actors.filter((a) => !same(a));
        notes.push('target: our object resolution');
        confidence -= 0.1;
      }
    }
    if (targets.length === 0) continue;
    const modality = modalityOf(input, v);
    const rule = m.patternId ?? `${m.block}/${m.lemma}`;
    for (const a of source.actors) {
      for (const b of targets) {
        if (a.code === b.code) continue;
        const base = { rule, trigger: v, sentence: s, ...modality, confidence, notes };
        if (!NO_EVENT.test(forward)) out.push({ ...base, code: forward, source: a, target: b });
        if (!NO_EVENT.test(backward)) out.push({ ...base, code: backward, source: b, target: a });
      }
    }
  }
  return out;
}

/** The most specific code of the ontology that an opaque code starts with (`075A` → 075), if any. */
function knownPrefix(input: CodingInput, code: string): string | undefined {
  for (let n = Math.min(code.length, 4); n >= 2; n--) if (input.lexicon.ontology.cameo(code.slice(0, n))) return code.slice(0, n);
  return undefined;
}

/** A country named in the sentence (outside the source) that is not the source's own. */
function sentenceCountry(input: CodingInput, s: number, sources: readonly ArgActor[]): ArgActor | undefined {
  const sentence = input.sentences[s];
  const own = new Set(sources.map((a) => a.country));
  for (const p of input.places) {
    if (p.start < sentence.start || p.end > sentence.end || !p.featureCode?.startsWith('PCL') || own.has(p.country)) continue;
    return argActor({ code: p.country, name: p.name, text: p.text, start: p.start, end: p.end, country: p.country, place: p, via: `country named in the sentence` });
  }
  // a country actor the places layer lacks ("Bosnia": the gazetteer's name is "Bosnia and Herzegovina")
  for (let k = sentence.tokenStart; k < sentence.tokenEnd; k++) {
    if (input.tree.upos(k) !== 'PROPN') continue;
    const a = input.resolver.token(k);
    if (a && a.actor !== undefined && a.code === a.country && a.code.length === 3 && !own.has(a.country)) return argActor({ ...a, via: `country named in the sentence (${a.via})` });
  }
  return undefined;
}

/** Negation, future (an auxiliary or an intent word above the trigger) and hypothetical (if, could …). */
function modalityOf(input: CodingInput, trigger: number): { negated: boolean; future: boolean; hypothetical: boolean } {
  const { tree, lexicon } = input;
  let negated = false;
  let future = false;
  let hypothetical = false;
  // The trigger and the predicates above it through complements ("seek to meet", "desire to expand").
  const chain: number[] = [trigger];
  /** Whether each predicate in the chain governs the one before it through a complement (its intent counts). */
  const viaComplement: boolean[] = [false];
  for (let v = trigger, steps = 0; steps < 4; steps++) {
    // "an agreement for representatives … to visit": the noun that the for-to infinitive's "for" phrase hangs on
    // governs the infinitive, wherever the parse hangs it.
    const forTo = forToSubject(tree, v);
    const governor = forTo === undefined ? -1 : tree.head(forTo);
    if (governor >= 0 && governor !== tree.head(v) && !chain.includes(governor)) {
      chain.push(governor);
      viaComplement.push(true);
      v = governor;
      continue;
    }
    const r = tree.rel(v);
    const h = tree.head(v);
    if (h < 0 || !(r === 'xcomp' || r === 'acl' || r === 'ccomp' || r === 'obj' || r === 'advcl' || r === 'csubj')) break;
    chain.push(h);
    viaComplement.push(r !== 'advcl' || tree.caseOf(v) === 'to');
    v = h;
  }
  const nounTrigger = tree.upos(trigger) !== 'VERB';
  if (nounTrigger && chain.length === 1) {
    // The verb a noun trigger depends on lends its tense and negation, not its meaning ("agreed during the meeting").
    const h = tree.head(trigger);
    if (h >= 0 && tree.upos(h) === 'VERB') {
      chain.push(h);
      viaComplement.push(false);
    }
  }
  chain.forEach((v, depth) => {
    if (depth > 0 && viaComplement[depth]) {
      const kind = lexicon.modality.get(tree.lemma(v));
      if (kind === 'intent') future = true;
    }
    for (const c of tree.children(v)) {
      const w = tree.lower(c);
      const r = tree.rel(c);
      const kind = lexicon.modality.get(w) ?? lexicon.modality.get(tree.lemma(c));
      if (kind === 'negation' && (r === 'advmod' || r === 'det' || r === 'neg' || r === 'cc:preconj')) {
        if (depth === 0 || chain[depth - 1] !== undefined) negated = true;
      }
      if (kind === 'future' && r.startsWith('aux')) future = true;
      // "said it would allow …": the future of reported speech, not a condition
      if (w === 'would' && r.startsWith('aux') && (tree.rel(v) === 'ccomp' || tree.rel(v) === 'xcomp') && tree.upos(tree.head(v)) === 'VERB') future = true;
      else if (kind === 'hypothetical' && (r.startsWith('aux') || r === 'mark')) hypothetical = true;
    }
  });
  return { negated, future, hypothetical };
}

/** Tokens whose dates, places and quantities belong to the event: the trigger's phrase, and its clause for a noun. */
function eventZone(tree: Tree, trigger: number): number[] {
  const zone = tree.subtree(trigger, ZONE_STOP);
  if (tree.upos(trigger) !== 'VERB') {
    const h = tree.head(trigger);
    if (h >= 0 && tree.upos(h) === 'VERB') {
      for (const c of tree.children(h)) {
        const r = tree.rel(c);
        if (r.startsWith('obl') || r === 'advmod' || r.startsWith('nmod')) zone.push(...tree.subtree(c, ZONE_STOP));
      }
      zone.push(h);
    }
  }
  return zone;
}

function overlaps(tokens: Tree['tokens'], zone: readonly number[], start: number, end: number): boolean {
  return zone.some((t) => tokens[t].start < end && start < tokens[t].end);
}

const CALENDAR = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/;

function calendarDate(d: DateMention): { value: string; precision: 'day' | 'month' | 'year' } | undefined {
  if (d.type !== 'DATE' && d.type !== 'TIME') return undefined;
  const m = CALENDAR.exec(d.value);
  if (!m) return undefined;
  if (m[3]) return { value: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day' };
  if (m[2]) return { value: `${m[1]}-${m[2]}`, precision: 'month' };
  return { value: m[1], precision: 'year' };
}

/**
 * Located items (dates, places, context hits) inside each sentence, indexed once per document and list: a scan of
 * the whole list per event is quadratic on long texts.
 */
const bySentence = new WeakMap<readonly object[], object[][]>();
function inSentenceOf<T extends { readonly start: number; readonly end: number }>(items: readonly T[], sentences: readonly Sentence[], sentence: number): readonly T[] {
  let index = bySentence.get(items) as T[][] | undefined;
  if (!index) {
    index = sentences.map(() => []);
    let s = 0;
    for (const x of [...items].sort((a, b) => a.start - b.start)) {
      while (s < sentences.length && sentences[s].end < x.end) s++;
      if (s < sentences.length && x.start >= sentences[s].start && x.end <= sentences[s].end) index[s].push(x);
    }
    bySentence.set(items, index);
  }
  return index[sentence] ?? [];
}
const datesOf = (input: CodingInput, sentence: number): readonly DateMention[] => inSentenceOf(input.dates, input.sentences, sentence);

function eventDate(input: CodingInput, d: Draft, zone: readonly number[]): { date: EventRecord['date']; note?: string } {
  const { tree } = input;
  const tokens = tree.tokens;
  const inSentence = datesOf(input, d.sentence).filter((x) => CALENDAR.test(x.value) && (x.type === 'DATE' || x.type === 'TIME'));
  const attached = inSentence.find((x) => overlaps(tokens, zone, x.start, x.end));
  const pick = (x: DateMention, note?: string): { date: EventRecord['date']; note?: string } => {
    const c = calendarDate(x) as { value: string; precision: 'day' | 'month' | 'year' };
    return { date: { value: c.value, precision: c.precision, basis: 'text', dateId: x.id }, ...(note ? { note } : {}) };
  };
  if (attached) return pick(attached);
  // The date governing the sentence: one attached to a predicate above the trigger.
  for (let h = tree.head(d.trigger), steps = 0; h >= 0 && steps < 6; h = tree.head(h), steps++) {
    const hz = [h, ...tree.children(h).filter((c) => !CLAUSE_RELS.has(tree.rel(c).split(':')[0])).flatMap((c) => tree.subtree(c, ZONE_STOP))];
    const up = inSentence.find((x) => overlaps(tokens, hz, x.start, x.end));
    if (up) return pick(up, 'date of the governing clause');
  }
  // A sentence without a date continues the time of the sentence before: a past act happened then, and a future
  // or intended act was stated then ("Likewise, they will seek to meet …" after "… announced on Friday …").
  if (inSentence.length === 0 && d.sentence > 0 && (d.future || isPast(tree, d.trigger))) {
    const before = datesOf(input, d.sentence - 1).filter((x) => calendarDate(x) && (!input.published || (calendarDate(x)?.value ?? '') <= input.published.slice(0, 10)));
    if (before.length > 0) return pick(before[before.length - 1], 'date of the previous sentence');
  }
  const published = input.published?.slice(0, 10);
  if (published && /^\d{4}-\d{2}-\d{2}$/.test(published)) return { date: { value: published, precision: 'day', basis: 'published' } };
  return { date: { value: 'XXXX-XX-XX', precision: 'day', basis: 'published' } };
}

function isPast(tree: Tree, trigger: number): boolean {
  for (let v = trigger, steps = 0; v >= 0 && steps < 3; v = tree.head(v), steps++) {
    if (tree.upos(v) === 'VERB') return tree.pos[v].xpos === 'VBD' || tree.children(v).some((c) => tree.rel(c).startsWith('aux') && (tree.lower(c) === 'had' || tree.lower(c) === 'did'));
  }
  return false;
}

function placeHead(tree: Tree, p: Place, sentence: Sentence): number | undefined {
  const idx: number[] = [];
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) if (tree.tokens[i].start >= p.start && tree.tokens[i].end <= p.end) idx.push(i);
  return idx.find((i) => { const h = tree.head(i); return h < 0 || tree.tokens[h].start < p.start || tree.tokens[h].end > p.end; }) ?? idx[idx.length - 1];
}

/** Index of the place's first token in the sentence, or −1. */
function firstTokenOf(tree: Tree, p: Place, sentence: Sentence): number {
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) if (tree.tokens[i].start >= p.start && tree.tokens[i].end <= p.end) return i;
  return -1;
}

function eventPlace(input: CodingInput, d: Draft, zone: readonly number[]): { place: Place | null; note?: string } {
  const { tree } = input;
  const tokens = tree.tokens;
  const sentence = input.sentences[d.sentence];
  const argSpans = [d.source, d.target].filter((a): a is ArgActor => a !== null);
  const isArg = (p: Place): boolean => argSpans.some((a) => a.start !== undefined && a.end !== undefined && a.start <= p.start && p.end <= a.end);
  for (const p of inSentenceOf(input.places, input.sentences, d.sentence)) {
    if (p.start < sentence.start || p.end > sentence.end || isArg(p) || !overlaps(tokens, zone, p.start, p.end)) continue;
    const h = placeHead(tree, p, sentence);
    if (h === undefined) continue;
    // "in Washington"; or a place inside a locative phrase ("in the Darién jungle")
    let k = h;
    for (let steps = 0; steps < 2 && k >= 0; steps++, k = tree.head(k)) {
      if (LOCATIVE.has(tree.caseOf(k))) return { place: p };
    }
    // The same phrase where the parse has lost its case link ("in" made the case marker of another word): the
    // locative preposition right before the place.
    const first = firstTokenOf(tree, p, sentence);
    if (first > sentence.tokenStart && LOCATIVE.has(tree.lower(first - 1))) return { place: p };
  }
  // The place visited or entered: a non-country place named as the target.
  if (d.target?.place && !d.target.place.featureCode?.startsWith('PCL')) return { place: d.target.place, note: 'place of the target' };
  if (d.future) return { place: null };
  const dl = input.datelinePlace;
  if (dl && (dl.country === d.source?.country || dl.country === d.target?.country)) return { place: dl, note: 'dateline' };
  // A one-sided act of a country named as a place happens in that country ("Mexico's deportations").
  if (d.source && (!d.target || d.target.country === '')) {
    const s = d.source;
    const named = s.place ?? input.places.find((p) => s.start !== undefined && s.end !== undefined && p.start >= s.start && p.end <= s.end && p.country === s.country);
    if (named) return { place: named, note: 'source country' };
  }
  return { place: null };
}

function eventSize(input: CodingInput, d: Draft, zone: readonly number[]): EventRecord['size'] | undefined {
  const { tree, lexicon } = input;
  const sentence = input.sentences[d.sentence];
  const size: { [K in SizeField]?: number } = {};
  for (const q of input.quantities) {
    if (q.start < sentence.start || q.end > sentence.end || q.unit) continue;
    let field: SizeField | undefined;
    const noun = q.noun?.toLowerCase().replace(/s$/, '');
    if (noun) field = lexicon.size.get(noun) ?? lexicon.size.get(q.noun?.toLowerCase() ?? '');
    // "12 were killed", "300 were detained": the verb the quantity is subject or object of.
    if (!field) {
      let h = -1;
      for (let k = sentence.tokenStart; k < sentence.tokenEnd && h < 0; k++) if (tree.tokens[k].start >= q.start && tree.tokens[k].end <= q.end && tree.upos(k) !== 'ADP') h = k;
      for (let k = h, steps = 0; k >= 0 && steps < 3 && !field; k = tree.head(k), steps++) field = lexicon.size.get(tree.lemma(k));
    }
    if (!field) continue;
    const inZone = overlaps(tree.tokens, zone, q.start, q.end);
    const fits = field === 'participants' ? d.code.startsWith('14') : field === 'arrested' ? d.code.startsWith('173') : ['18', '19', '20', '14', '17'].includes(d.code.slice(0, 2));
    if ((inZone || fits) && fits && size[field] === undefined) size[field] = q.value;
  }
  return Object.keys(size).length > 0 ? size : undefined;
}

function findContextWords(input: CodingInput): ContextTrigger[] {
  const { tree, lexicon } = input;
  const hits: ContextTrigger[] = [];
  const tokens = tree.tokens;
  for (let i = 0; i < tokens.length; i++) {
    let matched = false;
    const first = tree.lower(i);
    // Only the lengths of the phrases this word starts can match (a phrase of n words is n tokens joined by spaces).
    const lengths = lexicon.contextPhraseLengths.get(first);
    for (let n = 4; n >= 2 && !matched && lengths !== undefined; n--) {
      if (!lengths.has(n)) continue;
      if (i + n > tokens.length || tokens[i + n - 1].sentence !== tokens[i].sentence) continue;
      const words = tokens.slice(i, i + n).map((t, k) => (k === n - 1 ? tree.lemma(i + k) : t.text.toLowerCase()));
      const context = lexicon.contextPhrases.get(words.join(' ')) ?? lexicon.contextPhrases.get(tokens.slice(i, i + n).map((t) => t.text.toLowerCase()).join(' '));
      if (context) {
        hits.push({ context, text: input.text.slice(tokens[i].start, tokens[i + n - 1].end), start: tokens[i].start, end: tokens[i + n - 1].end });
        i += n - 1;
        matched = true;
      }
    }
    if (matched) continue;
    const context = lexicon.contextWords.get(tree.lemma(i)) ?? lexicon.contextWords.get(tree.lower(i));
    if (context) hits.push({ context, text: tokens[i].text, start: tokens[i].start, end: tokens[i].end });
  }
  return hits;
}

function documentContexts(hits: readonly ContextTrigger[], events: readonly EventRecord[]): DocumentContext[] {
  const byContext = new Map<string, ContextTrigger[]>();
  for (const h of hits) {
    const list = byContext.get(h.context);
    if (list) list.push(h);
    else byContext.set(h.context, [h]);
  }
  const inEvents = new Set(events.flatMap((e) => e.plover.triggers?.map((t) => t.context) ?? []));
  const out: DocumentContext[] = [];
  for (const [context, triggers] of byContext) {
    if (triggers.length < 2 && !inEvents.has(context)) continue;
    out.push({
      context,
      weight: Math.round((triggers.length / hits.length) * 1000) / 1000,
      triggers,
      prov: { stage: 'events', rule: 'context-words', version: EVENTS_STAGE_VERSION, confidence: Math.min(0.9, 0.4 + 0.1 * triggers.length) },
    });
  }
  return out.sort((a, b) => b.weight - a.weight || a.context.localeCompare(b.context));
}

function argument(a: ArgActor): EventRecord['source'] {
  return {
    code: a.code,
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.actor !== undefined ? { actor: a.actor } : {}),
    ...(a.text !== undefined ? { text: a.text, start: a.start, end: a.end } : {}),
  };
}

/** Sectors of people who act where they live (civilians, students, workers). */
const LOCAL_SECTORS: ReadonlySet<string> = new Set(['CVL', 'EDU', 'LAB']);

/**
 * "Protesters blocked streets in Hong Kong", "Thousands of students demonstrated in Caracas": a crowd named by its
 * sector alone is of the country where the event happens (HKGCVL, VENEDU), as event datasets code local crowds.
 */
function localised(input: CodingInput, a: ArgActor | null, place: Place | null): ArgActor | null {
  if (a === null || a.country !== '' || !LOCAL_SECTORS.has(a.code)) return a;
  const own = placeInPhrase(input, a);
  if (own?.country) return argActor({ ...a, code: `${own.country}${a.code}`, country: own.country, via: `${a.via}, of "${own.name}" in its phrase` });
  if (!place?.country) return a;
  return argActor({ ...a, code: `${place.country}${a.code}`, country: place.country, via: `${a.via}, of the event's place "${place.name}"` });
}

/**
 * "killed 257 people in Nairobi and Dar es Salaam": the place in a locative phrase on the argument's head noun, which
 * the event's place does not look at (it is inside the argument).
 */
function placeInPhrase(input: CodingInput, a: ArgActor): Place | undefined {
  if (a.end === undefined) return undefined;
  const { tree } = input;
  const head = tree.tokenAt(a.end - 1);
  if (head >= tree.tokens.length) return undefined;
  const placeAt = (k: number): Place | undefined => input.places.find((x) => x.start <= tree.tokens[k].start && tree.tokens[k].end <= x.end);
  for (const c of tree.children(head)) {
    if (!tree.rel(c).startsWith('nmod') || !LOCATIVE.has(tree.caseOf(c))) continue;
    // the places in the whole phrase: "in Nairobi and Dar es Salaam" (two countries) names no one country
    const found = tree.subtree(c).map(placeAt).filter((p): p is Place => p !== undefined && p.country !== undefined && p.country !== '');
    const countries = new Set(found.map((p) => p.country));
    if (countries.size === 1) return found[0];
    if (countries.size > 1) return undefined;
  }
  return undefined;
}

function finish(input: CodingInput, d: Draft, n: number, contextHits: readonly ContextTrigger[]): EventRecord {
  const { tree, lexicon } = input;
  // Our patterns' codes are checked at build time; an imported dictionary's are opaque: root, QuadClass,
  // Goldstein and PLOVER come from the longest CAMEO code they start with, and stay empty when there is none.
  const known = knownPrefix(input, d.code);
  if (!known && d.pattern) throw new Error(`events: pattern ${d.rule} codes unknown CAMEO ${d.code}`);
  const base = known ? lexicon.ontology.cameo(known) : undefined;
  const cameo = { code: d.code, root: base?.root ?? d.code.slice(0, 2), quadClass: base?.quadClass ?? 0, goldstein: base?.goldstein ?? 0 };
  const table = known ? lexicon.ontology.ploverFor(known) : undefined;
  // The pattern's own PLOVER reading (the PLOVER manual's, where the 2021 table differs) for its own code.
  const own = d.pattern?.plover && d.code === d.pattern.code ? d.pattern.plover : undefined;
  const plover = table && own ? { ...table, type: own.type, mode: own.mode } : table;
  const zone = eventZone(tree, d.trigger);
  const { date, note: dateNote } = eventDate(input, d, zone);
  const { place } = eventPlace(input, d, zone);
  const source = localised(input, d.source, place);
  const target = localised(input, d.target, place);
  const size = eventSize(input, d, zone);
  const triggers = inSentenceOf(contextHits, input.sentences, d.sentence);
  const contexts = [...new Set([...(plover?.contexts ?? []), ...triggers.map((t) => t.context)])];
  let confidence = d.confidence;
  if (dateNote === 'date of the previous sentence') confidence -= 0.05;
  if (d.source?.via.includes('last group')) confidence -= 0.1;
  const t = tree.tokens[d.trigger];
  return {
    id: `ev${n}`,
    sentence: d.sentence,
    trigger: { text: t.text, start: t.start, end: t.end },
    source: source ? argument(source) : null,
    target: target ? argument(target) : null,
    cameo: { code: cameo.code, root: cameo.root, quadClass: cameo.quadClass, goldstein: cameo.goldstein },
    plover: { type: plover?.type ?? '', ...(plover?.mode ? { mode: plover.mode } : {}), contexts, ...(triggers.length > 0 ? { triggers } : {}) },
    date,
    place: place ? { placeId: place.id, name: place.name, country: place.country, lat: place.lat, lon: place.lon } : null,
    ...(size ? { size } : {}),
    modality: { negated: d.negated, future: d.future, hypothetical: d.hypothetical },
    confidence: Math.round(Math.max(0.1, confidence) * 100) / 100,
    rule: d.rule,
    coder: `herodotus-events/${EVENTS_STAGE_VERSION}`,
  };
}
