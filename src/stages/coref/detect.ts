/**
 * Mention detection for coreference: every named entity (person names extended over a trailing surname
 * the tagger left out), noun phrases headed by a role or agent word of the actor lexicon ("the foreign
 * minister", "the Joe Biden administration", "Guatemala's new government", "migrants"), and personal and
 * possessive pronouns. Also the title written before a name ("US Secretary of State" Antony Blinken).
 */
import type { Dependency, Entity, EntityType, MentionKind, PosTag, Token } from '../../core/layers.js';
import { foldWord, type ActorLexicon } from '../../knowledge/actors/lexicon.js';
import type { CandidateMention } from './cluster.js';

export interface DetectInputs {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly pos: readonly PosTag[];
  readonly deps: readonly Dependency[];
  readonly entities: readonly Entity[];
  readonly lexicon: ActorLexicon;
  /** The country a word or name stands for (country names, demonyms). */
  readonly countryOf: (name: string) => string | undefined;
  /** Whether a word is a person's name known before this story (the actor store, office holders). */
  readonly knownPerson?: (word: string) => boolean;
}

export interface DetectedMention extends CandidateMention {
  readonly text: string;
  readonly entity?: string;
  /** Title words before a name mention, with their span. */
  readonly title?: { readonly text: string; readonly start: number; readonly end: number };
}

/**
 * A detected mention with every key, `entity` and `title` undefined when absent: one object shape for all of them,
 * so that the coreference code optimised on the first documents does not meet a new shape later in a run.
 */
function detected(start: number, end: number, text: string, head: number, kind: MentionKind, type: EntityType, entity?: string, title?: DetectedMention['title']): DetectedMention {
  return { start, end, text, head, kind, type, entity, title };
}

const PERSONAL = new Set(['PRP', 'PRP$']);
const NOT_PRONOUNS = new Set(['one', 'ones', 'there']);
const LEFT_PARTS = new Set(['det', 'amod', 'compound', 'nmod:poss', 'nummod', 'flat', 'det:poss', 'obl:npmod', 'nmod:npmod']);
const NOT_ROLE_WORDS = new Set(['the', 'a', 'an', 'of', 'this', 'that', 'these', 'those', 'both', 'new', 'former', 'top', "'s", '’s', 's']);
const TITLE_STOP_UPOS = new Set(['DET', 'VERB', 'AUX', 'PUNCT', 'PRON', 'SCONJ', 'NUM', 'ADV', 'PART']);
const isCapitalised = (s: string): boolean => s[0] !== undefined && s[0] !== s[0].toLowerCase();

/** Token index of the first token that ends after `offset` (binary search). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The title written immediately before a name: capitalised words, role words, "of", "and", demonyms. */
export function titleBefore(
  input: Pick<DetectInputs, 'tokens' | 'pos' | 'text' | 'lexicon'>,
  first: number,
): { text: string; start: number; end: number } | undefined {
  const { tokens, pos } = input;
  const sentence = tokens[first].sentence;
  let i = first - 1;
  for (; i >= 0 && tokens[i].sentence === sentence; i--) {
    const t = tokens[i];
    const word = foldWord(t.text);
    if (word === 'of') {
      if (i > 0 && isCapitalised(tokens[i - 1].text)) continue;
      break;
    }
    if (word === 'and') continue;
    // "Lebanon's new President": the possessor names the country.
    if ((word === 's' || t.text === "'s" || t.text === '’s') && i > 0 && isCapitalised(tokens[i - 1].text)) continue;
    if (TITLE_STOP_UPOS.has(pos[i].upos) || pos[i].upos === 'ADP' || pos[i].upos === 'CCONJ') break;
    if (!isCapitalised(t.text) && !input.lexicon.isRoleWord(word) && !['new', 'former', 'interim', 'acting', 'deputy', 'top', 'senior'].includes(word)) break;
  }
  let from = i + 1;
  while (from < first && ['and', 'of'].includes(foldWord(tokens[from].text))) from++;
  if (from >= first) return undefined;
  const start = tokens[from].start;
  const end = tokens[first - 1].end;
  return { text: input.text.slice(start, end), start, end };
}

/** Children of every token (in text order), computed once per document. */
const childrenCache = new WeakMap<readonly Dependency[], number[][]>();
function childrenOf(tokens: readonly Token[], deps: readonly Dependency[], head: number): number[] {
  let all = childrenCache.get(deps);
  if (!all) {
    all = tokens.map(() => []);
    for (let i = 0; i < deps.length; i++) if (deps[i].head >= 0) all[deps[i].head].push(i);
    childrenCache.set(deps, all);
  }
  return all[head];
}

/** Left edge of a noun phrase: its left modifiers and their subtrees. */
function leftEdge(tokens: readonly Token[], deps: readonly Dependency[], head: number): number {
  let edge = head;
  for (const c of childrenOf(tokens, deps, head)) {
    if (c < head && LEFT_PARTS.has(deps[c].deprel)) edge = Math.min(edge, leftEdge(tokens, deps, c));
  }
  return edge;
}

/** Right edge: "of"-phrases attached to the head ("the head of US diplomacy"). */
function rightEdge(tokens: readonly Token[], deps: readonly Dependency[], pos: readonly PosTag[], head: number): number {
  let edge = head;
  for (const c of childrenOf(tokens, deps, head)) {
    if (c > head && deps[c].deprel === 'nmod') {
      const kids = childrenOf(tokens, deps, c);
      if (kids.some((k) => k < c && foldWord(tokens[k].text) === 'of')) edge = Math.max(edge, subtreeEnd(tokens, deps, c));
    }
    if (c > head && (deps[c].deprel === 'flat' || deps[c].deprel === 'compound') && pos[c].upos === 'PROPN') edge = Math.max(edge, c);
  }
  return edge;
}

function subtreeEnd(tokens: readonly Token[], deps: readonly Dependency[], head: number): number {
  let edge = head;
  for (const c of childrenOf(tokens, deps, head)) if (c > head) edge = Math.max(edge, subtreeEnd(tokens, deps, c));
  return edge;
}

/**
 * The last token of a person's mention: the tagger sometimes stops before a final surname ("Luis Cresencio" |
 * "Sandoval"), which is then taken in. (A function of its own for the reason given at missedSurnames.)
 */
function personEnd(input: DetectInputs, e: Entity, last: number): number {
  const { tokens, pos, entities } = input;
  while (
    last + 1 < tokens.length &&
    tokens[last + 1].sentence === tokens[last].sentence &&
    pos[last + 1].upos === 'PROPN' &&
    isCapitalised(tokens[last + 1].text) &&
    tokens[last].spaceAfter &&
    !inOtherEntity(entities, e, tokens[last + 1])
  )
    last++;
  return last;
}

/** Whether token t lies inside an entity other than e. */
function inOtherEntity(entities: readonly Entity[], e: Entity, t: Token): boolean {
  for (const o of entities) if (o !== e && o.start <= t.start && t.end <= o.end) return true;
  return false;
}

/**
 * Surnames of persons named earlier that the tagger missed ("Blinken emphasized …" at a sentence start).
 * (A function of its own, as is missedCountries: a rare branch first reached after optimisation then recompiles
 * only this pass, not the whole of detectMentions.)
 */
function missedSurnames(input: DetectInputs, covered: Uint8Array, out: DetectedMention[]): void {
  const { tokens, pos } = input;
  const surnames = new Map<string, number>();
  for (const m of out) {
    if (m.type !== 'PERSON') continue;
    const parts = m.text.split(/\s+/);
    if (parts.length >= 2) surnames.set(parts[parts.length - 1], m.start);
  }
  for (let i = 0; i < tokens.length; i++) {
    // The cheap tests first: the name lookups run only for capitalised nouns not yet covered.
    if (covered[i] || !isCapitalised(tokens[i].text)) continue;
    if (pos[i].upos !== 'PROPN' && pos[i].upos !== 'NOUN' && pos[i].upos !== 'X') continue;
    const since = surnames.get(tokens[i].text) ?? (input.knownPerson?.(tokens[i].text) ? -1 : undefined);
    if (since === undefined || tokens[i].start <= since) continue;
    covered[i] = 1;
    out.push(detected(tokens[i].start, tokens[i].end, tokens[i].text, i, 'name', 'PERSON'));
  }
}

/**
 * Country names the tagger missed ("Jordan", "Bosnia") and demonyms used as nouns ("the Palestinians"). (A function
 * of its own for the reason given at missedSurnames.)
 */
function missedCountries(input: DetectInputs, covered: Uint8Array, out: DetectedMention[]): void {
  const { tokens, pos, deps } = input;
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !isCapitalised(tokens[i].text) || tokens[i].text.length < 3) continue;
    const p = pos[i];
    if (p.upos !== 'PROPN' && p.upos !== 'NOUN' && p.upos !== 'ADJ') continue;
    const d = deps[i];
    const asNoun = p.upos !== 'ADJ' || /^(nsubj|obj|iobj|nmod|obl|conj)/.test(d.deprel);
    if (!asNoun || d.deprel === 'amod' || d.deprel === 'compound') continue;
    if (!input.countryOf(tokens[i].text)) continue;
    covered[i] = 1;
    const demonym = p.xpos === 'NNPS' || p.xpos === 'NNS' || /(ans|ese|ians|is|ish)$/i.test(tokens[i].text);
    out.push(detected(tokens[i].start, tokens[i].end, tokens[i].text, i, demonym ? 'nominal' : 'name', demonym ? 'NORP' : 'GPE'));
  }
}

export function detectMentions(input: DetectInputs): DetectedMention[] {
  const { text, tokens, pos, deps, entities } = input;
  const out: DetectedMention[] = [];
  const covered = new Uint8Array(tokens.length);
  const inTitle = new Uint8Array(tokens.length);

  for (const e of entities) {
    const first = tokenAt(tokens, e.start);
    let last = tokenAt(tokens, e.end - 1);
    if (first >= tokens.length) continue;
    if (e.type === 'PERSON') last = personEnd(input, e, last);
    for (let k = first; k <= last; k++) covered[k] = 1;
    const start = tokens[first].start;
    const end = tokens[last].end;
    const title = e.type === 'PERSON' ? titleBefore(input, first) : undefined;
    // Title words belong to the name's mention ("US Secretary of State" Antony Blinken), not to mentions of their own.
    if (title) for (let k = tokenAt(tokens, title.start); k < first; k++) covered[k] = inTitle[k] = 1;
    out.push(detected(start, end, text.slice(start, end), headOf(deps, first, last), 'name', e.type, e.id, title));
  }

  // Coordinated names ("Mexico and the United States") are also a group mention of their own.
  const kindOf = (t: EntityType): string => (t === 'GPE' || t === 'LOC' ? 'place' : t);
  // Name mentions that are conjuncts, by the head they are coordinated with (one pass, not one per mention).
  const conjunctsOf = new Map<number, DetectedMention[]>();
  for (const o of new Map(out.map((m) => [m.head, m] as const)).values()) {
    if (deps[o.head].deprel !== 'conj') continue;
    const list = conjunctsOf.get(deps[o.head].head) ?? [];
    list.push(o);
    conjunctsOf.set(deps[o.head].head, list);
  }
  for (const m of [...out]) {
    const conjuncts = (conjunctsOf.get(m.head) ?? []).filter((o) => o !== m && kindOf(o.type) === kindOf(m.type));
    if (conjuncts.length === 0 || deps[m.head].deprel === 'conj') continue;
    const end = Math.max(...conjuncts.map((o) => o.end));
    out.push(detected(m.start, end, text.slice(m.start, end), m.head, 'nominal', m.type));
  }

  // Known organisations the tagger missed ("The European Community on Monday gave …"): the longest run of
  // up to six words, starting with a capitalised word, that the organisations table names.
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !isCapitalised(tokens[i].text)) continue;
    for (let n = Math.min(6, tokens.length - i); n >= 1; n--) {
      const last = i + n - 1;
      if (tokens[last].sentence !== tokens[i].sentence || !isCapitalised(tokens[last].text)) continue;
      let free = true;
      for (let k = i; k <= last; k++) if (covered[k]) free = false;
      if (!free || !input.lexicon.organization(text.slice(tokens[i].start, tokens[last].end))) continue;
      for (let k = i; k <= last; k++) covered[k] = 1;
      out.push(detected(tokens[i].start, tokens[last].end, text.slice(tokens[i].start, tokens[last].end), headOf(deps, i, last), 'name', 'ORG'));
      i = last;
      break;
    }
  }

  missedSurnames(input, covered, out);
  missedCountries(input, covered, out);

  for (let i = 0; i < tokens.length; i++) {
    const p = pos[i];
    if (p.upos === 'PRON' && PERSONAL.has(p.xpos) && !NOT_PRONOUNS.has(tokens[i].text.toLowerCase())) {
      out.push(detected(tokens[i].start, tokens[i].end, tokens[i].text, i, 'pronoun', pronounType(tokens[i].text)));
      continue;
    }
    if (covered[i] || (p.upos !== 'NOUN' && p.upos !== 'PROPN')) continue;
    const d = deps[i];
    // A role word modifying a name is that name's title, not a mention of its own.
    if ((d.deprel === 'compound' || d.deprel === 'flat') && d.head >= 0 && pos[d.head].upos === 'PROPN') continue;
    if (d.deprel === 'compound' && d.head >= 0) continue;
    // Cheap test first: a role description's head word is a word of some role phrase.
    if (!input.lexicon.isRoleWord(foldWord(tokens[i].text)) && !input.lexicon.isRoleWord(foldWord(p.lemma))) continue;
    let from = leftEdge(tokens, deps, i);
    const to = rightEdge(tokens, deps, pos, i);
    const role = roleOfPhrase(input, from, to, i);
    if (!role) continue;
    while (from < i && inTitle[from]) from++;
    const start = tokens[from].start;
    const end = tokens[to].end;
    const type: EntityType = role.kind === 'person' ? 'PERSON' : role.kind === 'org' ? 'ORG' : 'OTHER';
    out.push(detected(start, end, text.slice(start, end), i, 'nominal', type));
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The role a noun phrase names, with country words, determiners and possessors left out ("the head of US
 * diplomacy" → "head of diplomacy"; "Guatemala's new government" → "government"); the head word must be in it.
 */
function roleOfPhrase(input: DetectInputs, from: number, to: number, head: number): { kind: string } | undefined {
  const { tokens, lexicon, countryOf, deps } = input;
  const words: string[] = [];
  let headAt = -1;
  for (let k = from; k <= to; k++) {
    const w = foldWord(tokens[k].text);
    if (k !== head && (NOT_ROLE_WORDS.has(w) && w !== 'of' || countryOf(tokens[k].text) || deps[k].deprel === 'nmod:poss' || deps[k].deprel === 'case' && w !== 'of')) continue;
    if (k === head) headAt = words.length;
    words.push(w);
  }
  for (const m of lexicon.rolesIn(words)) if (m.start <= headAt && headAt < m.end) return m.role;
  const lemma = foldWord(input.pos[head].lemma);
  return lexicon.roleAt([lemma], 0)?.role;
}

function headOf(deps: readonly Dependency[], first: number, last: number): number {
  for (let k = last; k >= first; k--) {
    const h = deps[k].head;
    if (h < first || h > last) return k;
  }
  return last;
}

function pronounType(word: string): EntityType {
  const w = word.toLowerCase();
  return ['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself'].includes(w) ? 'PERSON' : 'OTHER';
}
