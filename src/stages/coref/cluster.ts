/**
 * Coreference within one document: mentions (names, role descriptions, pronouns) are linked left to right
 * to an earlier mention by the first rule that applies, each link recording its rule:
 *
 *   same name        "Antony Blinken" … "Antony Blinken"
 *   part of name     "Antony Blinken" … "Blinken"; "Luis Cresencio Sandoval" … "Sandoval"
 *   full name        "Blinken" … "Antony Blinken" (the later mention is the fuller one)
 *   acronym          "National Migration Institute" … "NMI"
 *   same country     "US" … "the United States" (both resolve to one country)
 *   role title       "US Secretary of State Antony Blinken" … "the head of US diplomacy" (same office key)
 *   org short form   "the State Department" … "the Department"
 *   same head        "the meeting" … "the meeting" (same head word; not for indefinites and bare plurals)
 *   same pronoun     "I" … "me" … "my" (first and second person, outside and inside quotes kept apart)
 *   pronoun          "he", "she", "it", "they" → the most salient agreeing mention before it
 *
 * Salience for pronouns prefers subjects, then recency (same sentence, then up to three sentences back).
 * The function is pure: it sees the text, tokens, tags and parse, and the mentions it is given (detected
 * by the stage, or gold mentions in evaluation).
 */
import type { Dependency, EntityType, MentionKind, PosTag, Sentence, Token } from '../../core/layers.js';
import { foldWord, type ActorLexicon } from '../../knowledge/actors/lexicon.js';
import { hashString } from '../../models/perceptron.js';
import { rankAntecedent, RankScratch, type RankingModel } from './ranker.js';

export interface CorefView {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly pos: readonly PosTag[];
  readonly deps: readonly Dependency[];
  readonly sentences: readonly Sentence[];
}

export interface CandidateMention {
  readonly start: number;
  readonly end: number;
  /** Token index of the head word. */
  readonly head: number;
  readonly kind: MentionKind;
  readonly type: EntityType;
}

export interface MentionLink {
  /** Cluster number (0-based, in order of first mention). */
  readonly cluster: number;
  /** Index of the earlier mention this one was linked to. */
  readonly antecedent?: number;
  readonly reason?: string;
}

export interface CorefKnowledge {
  readonly lexicon?: ActorLexicon;
  /** The country (ISO3) a place or country name stands for, when it is one. */
  readonly countryOf?: (name: string) => string | undefined;
  /** Title words written before a name mention ("US Secretary of State" for "Antony Blinken"), by mention index. */
  readonly titles?: ReadonlyMap<number, string>;
  /** A trained antecedent-ranking model (models/coref.bin): decides every mention no precise rule settles. */
  readonly model?: RankingModel;
}

type Person = 'first' | 'second' | 'third';
type Gender = 'm' | 'f' | 'n' | undefined;

export interface MentionFeatures {
  readonly words: string[];
  /** The words joined by spaces (for exact comparisons). */
  readonly joined: string;
  readonly headWord: string;
  readonly headLemma: string;
  readonly plural: boolean;
  /** A coordination ("Mexico and the United States"): a group of its own, plural. */
  readonly coordinated: boolean;
  readonly subject: boolean;
  readonly sentence: number;
  readonly definite: boolean;
  readonly indefinite: boolean;
  readonly inQuote: boolean;
  readonly person: Person;
  readonly gender: Gender;
  readonly roleKeys: readonly string[];
  readonly rolePhrases: readonly string[];
  /** Whether the head word belongs to a role phrase ("the foreign [minister]", not "the secretary's [action]"). */
  readonly roleHead: boolean;
  /** Always present (undefined when none), so that every mention's features have one shape. */
  readonly country: string | undefined;
  /** Whether the whole mention names the country ("the United States"), not a word inside it ("the capital of Greece"). */
  readonly countryWhole: boolean;
  /** Token range and head token. */
  readonly first: number;
  readonly last: number;
  readonly head: number;
  /** The head's dependency relation (subtype dropped) and its own head token (−1 for the root). */
  readonly deprel: string;
  readonly parent: number;
  /** Whether the head word has a copula ("X is [a Y]"). */
  readonly copula: boolean;
  /** The words without a leading determiner, joined: for exact-match tests. */
  readonly key: string;
  /** Hashed attributes for the ranking model's features. */
  readonly h: {
    readonly kindType: number;
    readonly form: number;
    readonly lemma: number;
    readonly firstWord: number;
    readonly lastWord: number;
    readonly deprel: number;
    readonly det: number;
    /** The words just before and after the mention, and the lemma of the word its head depends on. */
    readonly prev: number;
    readonly next: number;
    readonly governor: number;
  };
  readonly det: 'def' | 'indef' | 'dem' | 'poss' | 'bare' | 'name' | 'pron';
  /** Personal pronoun class as a bit (he, she, it, they, I, we, you; 0 for other mentions). */
  readonly pronounClass: number;
}

const PRONOUN_GENDER: Record<string, Gender> = {
  he: 'm', him: 'm', his: 'm', himself: 'm', she: 'f', her: 'f', hers: 'f', herself: 'f', it: 'n', its: 'n', itself: 'n',
};
const PRONOUN_CLASS: Record<string, number> = Object.fromEntries(
  [
    ['he', 'him', 'his', 'himself'],
    ['she', 'her', 'hers', 'herself'],
    ['it', 'its', 'itself'],
    ['they', 'them', 'their', 'theirs', 'themselves'],
    ['i', 'me', 'my', 'mine', 'myself'],
    ['we', 'us', 'our', 'ours', 'ourselves'],
    ['you', 'your', 'yours', 'yourself', 'yourselves'],
  ].flatMap((forms, k) => forms.map((w) => [w, 1 << k] as const)),
);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'their', 'theirs', 'themselves', 'we', 'us', 'our', 'ours', 'ourselves']);
const FIRST = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves']);
const SECOND = new Set(['you', 'your', 'yours', 'yourself', 'yourselves']);
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);
const INDEFINITE = new Set(['a', 'an', 'some', 'any', 'another', 'no', 'one', 'several', 'many', 'few', 'every', 'each']);
const MAX_PRONOUN_DISTANCE = 3;
/**
 * How far back (in mentions) any antecedent is looked for: a news story has well under this many mentions;
 * a 10,000-sentence text would otherwise cost time quadratic in its length.
 */
export const MAX_LOOKBACK = 400;
const DEMONSTRATIVE = new Set(['this', 'that', 'these', 'those', 'which', 'who', 'whom', 'whose', 'what', 'there', 'here']);

/** Token index range [first, last] of a mention, by its character span. */
function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last + 1 < tokens.length && tokens[last + 1].start < end) last++;
  return [lo, last];
}

/** Whether a character offset lies inside paired double quotes of its paragraph. */
function quoteMask(text: string): (offset: number) => boolean {
  const inside: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') open = -1;
    else if (c === '“' || (c === '"' && open < 0)) open = i;
    else if ((c === '”' || c === '"') && open >= 0) {
      inside.push([open, i]);
      open = -1;
    }
  }
  return (offset) => inside.some(([a, b]) => offset > a && offset < b);
}

function parentLemma(view: CorefView, head: number): string {
  const p = view.deps[head]?.head ?? -1;
  if (p < 0) return '<root>';
  return view.pos[p]?.lemma.toLowerCase() ?? foldWord(view.tokens[p].text);
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);

function features(
  view: CorefView,
  m: CandidateMention,
  inQuote: (o: number) => boolean,
  knowledge: CorefKnowledge,
  title: string | undefined,
  copula: Uint8Array,
): MentionFeatures {
  const [first, last] = tokenRange(view.tokens, m.start, m.end);
  const words: string[] = [];
  for (let i = first; i <= last; i++) words.push(foldWord(view.tokens[i].text));
  const head = Math.min(Math.max(m.head, 0), view.tokens.length - 1);
  const headWord = foldWord(view.tokens[head].text);
  const tag = view.pos[head];
  const headLemma = tag ? tag.lemma.toLowerCase() : headWord;
  const deprel = view.deps[head]?.deprel ?? '';
  const pronoun = m.kind === 'pronoun';
  let coordinated = false;
  for (let i = first; i <= last && !pronoun; i++) if (i !== head && view.deps[i]?.deprel === 'conj' && view.deps[i].head === head) coordinated = true;
  const plural = pronoun ? PLURAL_PRONOUNS.has(headWord) : coordinated || tag?.xpos === 'NNS' || tag?.xpos === 'NNPS';
  const person: Person = pronoun && FIRST.has(headWord) ? 'first' : pronoun && SECOND.has(headWord) ? 'second' : 'third';
  const countryWord = (w: string): boolean => knowledge.countryOf?.(w) !== undefined;
  const roleWords = (title ? [...title.split(/\s+/), ...words] : words).map(foldWord).filter((w) => w !== headWord && (countryWord(w) || w === 'the') ? false : true);
  const roles = knowledge.lexicon ? knowledge.lexicon.rolesIn(roleWords) : [];
  const roleKeys = roles.map((r) => r.role.key);
  const rolePhrases = roles.map((r) => r.role.phrase);
  const countryOf = knowledge.countryOf;
  const countryWhole = m.kind !== 'pronoun' && countryOf !== undefined && countryOf(view.text.slice(m.start, m.end).replace(/^the\s+/i, '')) !== undefined;
  const country =
    m.kind === 'pronoun' || !countryOf || coordinated
      ? undefined
      : (countryIn(view, first, last, m, countryOf) ?? (title ? title.split(/\s+/).map((w) => countryOf(w)).find((c) => c !== undefined) : undefined));
  const definite = DEFINITE.has(words[0]) || (first > 0 && view.deps[first - 1]?.deprel === 'nmod:poss');
  const indefinite = INDEFINITE.has(words[0]);
  const det: MentionFeatures['det'] =
    m.kind === 'pronoun'
      ? 'pron'
      : m.kind === 'name'
        ? 'name'
        : DEMONSTRATIVE.has(words[0]) && words.length > 1
          ? 'dem'
          : words[0] === 'the'
            ? 'def'
            : definite
              ? 'poss'
              : indefinite
                ? 'indef'
                : 'bare';
  const shortRel = deprel.split(':')[0];
  const form = pronoun ? headWord : m.kind;
  const key = (DETERMINERS.has(words[0]) && words.length > 1 ? words.slice(1) : words).join(' ');
  return {
    first,
    last,
    head,
    deprel: shortRel,
    parent: view.deps[head]?.head ?? -1,
    copula: copula[head] === 1,
    key,
    det,
    h: {
      kindType: hashString(`${m.kind}|${m.type}`),
      form: hashString(form),
      lemma: hashString(pronoun ? headWord : headLemma),
      firstWord: hashString(words[0] ?? ''),
      lastWord: hashString(words[words.length - 1] ?? ''),
      deprel: hashString(deprel === 'nmod:poss' ? deprel : shortRel),
      det: hashString(det),
      prev: hashString(first > 0 && view.tokens[first - 1].sentence === view.tokens[first].sentence ? foldWord(view.tokens[first - 1].text) : '<s>'),
      next: hashString(last + 1 < view.tokens.length && view.tokens[last + 1].sentence === view.tokens[last].sentence ? foldWord(view.tokens[last + 1].text) : '</s>'),
      governor: hashString(parentLemma(view, head)),
    },
    words,
    joined: words.join(' '),
    headWord,
    headLemma,
    plural,
    coordinated,
    subject: deprel.startsWith('nsubj'),
    sentence: view.tokens[head].sentence,
    definite,
    indefinite,
    inQuote: inQuote(m.start),
    person,
    gender: pronoun ? PRONOUN_GENDER[headWord] : m.type === 'PERSON' ? undefined : m.type === 'OTHER' ? undefined : 'n',
    roleKeys,
    rolePhrases,
    pronounClass: pronoun ? (PRONOUN_CLASS[headWord] ?? 0) : 0,
    roleHead: rolePhrases.some((p) => p.split(/\s+/).some((w) => foldWord(w) === headWord)),
    countryWhole,
    country: country || undefined,
  };
}

/** The country a mention names: the whole mention for a country name, else a country word or demonym inside it. */
function countryIn(view: CorefView, first: number, last: number, m: CandidateMention, countryOf: (n: string) => string | undefined): string | undefined {
  const whole = countryOf(view.text.slice(m.start, m.end).replace(/^the\s+/i, ''));
  if (whole || m.kind === 'name') return whole;
  for (let i = first; i <= last; i++) {
    const c = countryOf(view.tokens[i].text);
    if (c) return c;
  }
  return undefined;
}

const isAcronymOf = (short: string, long: readonly string[]): boolean =>
  short.length >= 2 && long.length >= 2 && long.filter((w) => !['of', 'the', 'and', 'for'].includes(w)).map((w) => w[0]).join('') === short;

/** Rules precise enough to decide on their own when a ranking model is given (the model decides the rest). */
export const PRIORITY_RULES: ReadonlySet<string> = new Set(['same name', 'part of name', 'full name', 'acronym', 'org short form', 'same country', 'role title', 'plural to coordination']);

/** Clusters the mentions (sorted by start); one link per mention. */
export function clusterMentions(view: CorefView, mentions: readonly CandidateMention[], knowledge: CorefKnowledge = {}): MentionLink[] {
  const state = new CorefState(view, mentions, knowledge);
  const model = knowledge.model;
  const scratch = model ? new RankScratch() : undefined;
  const links: MentionLink[] = [];
  for (let j = 0; j < mentions.length; j++) {
    const rule = state.ruleAntecedent(j);
    let pick = rule;
    if (model && scratch && !(rule && PRIORITY_RULES.has(rule[1]))) {
      const i = rankAntecedent(state, j, rule, model, scratch);
      // The rule's own name when the model confirms its choice; otherwise the model's, with the kind of mention it resolved.
      pick = i < 0 ? undefined : [i, rule && rule[0] === i ? rule[1] : `model: ${mentions[j].kind}`];
    }
    links.push(pick ? state.join(j, pick[0], pick[1]) : state.open(j));
  }
  return links;
}

/**
 * The document being clustered: per-mention features and the clusters built so far (left to right), with
 * the rules that propose an antecedent for the next mention. Shared by clusterMentions and the ranking
 * model's trainer, so both see the same features.
 */
export class CorefState {
  readonly feats: MentionFeatures[];
  readonly clusterOf: number[] = [];
  readonly clusterGender: Gender[] = [];
  readonly clusterCountry: Array<string | undefined> = [];
  readonly clusterPlural: boolean[] = [];
  readonly clusterTypes: EntityType[] = [];
  /** Mention indices of each cluster, in order. */
  readonly members: number[][] = [];
  /** Head lemmas of each cluster's nominal and name mentions. */
  readonly clusterHeads: Array<Set<string>> = [];
  readonly clusterHasName: boolean[] = [];
  /** Pronoun classes (bits of MentionFeatures.pronounClass) used in each cluster. */
  readonly clusterPronouns: number[] = [];
  clusters = 0;

  constructor(
    readonly view: CorefView,
    readonly mentions: readonly CandidateMention[],
    readonly knowledge: CorefKnowledge,
  ) {
    const inQuote = quoteMask(view.text);
    const copula = new Uint8Array(view.tokens.length);
    view.deps.forEach((d) => {
      if (d.deprel === 'cop' && d.head >= 0) copula[d.head] = 1;
    });
    this.feats = mentions.map((m, i) => features(view, m, inQuote, knowledge, knowledge.titles?.get(i), copula));
  }

  join(j: number, i: number, reason: string): MentionLink {
    const c = this.clusterOf[i];
    this.clusterOf[j] = c;
    const f = this.feats[j];
    if (f.gender && f.gender !== 'n' && this.mentions[j].kind === 'pronoun') this.clusterGender[c] = f.gender;
    if (f.country && !this.clusterCountry[c]) this.clusterCountry[c] = f.country;
    this.members[c].push(j);
    if (this.mentions[j].kind !== 'pronoun') this.clusterHeads[c].add(f.headLemma);
    if (this.mentions[j].kind === 'name') this.clusterHasName[c] = true;
    this.clusterPronouns[c] |= f.pronounClass;
    return { cluster: c, antecedent: i, reason };
  }

  open(j: number): MentionLink {
    const c = this.clusters++;
    const f = this.feats[j];
    this.clusterOf[j] = c;
    this.clusterGender[c] = undefined;
    this.clusterCountry[c] = f.country;
    this.clusterPlural[c] = f.plural;
    this.clusterTypes[c] = this.mentions[j].type;
    this.members[c] = [j];
    this.clusterHeads[c] = new Set(this.mentions[j].kind === 'pronoun' ? [] : [f.headLemma]);
    this.clusterHasName[c] = this.mentions[j].kind === 'name';
    this.clusterPronouns[c] = f.pronounClass;
    return { cluster: c };
  }

  /** The antecedent the rules give mention j (all earlier mentions already clustered), with the rule's name. */
  ruleAntecedent(j: number): [number, string] | undefined {
    const kind = this.mentions[j].kind;
    return kind === 'name' ? this.nameAntecedent(j) : kind === 'nominal' ? this.nominalAntecedent(j) : this.pronounAntecedent(j);
  }

  private nameAntecedent(j: number): [number, string] | undefined {
    const { mentions, feats } = this;
    const m = mentions[j];
    const f = feats[j];
    const text = f.joined;
    for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
      const a = mentions[i];
      const g = feats[i];
      if (a.kind === 'pronoun') continue;
      const compatible = a.type === m.type || (isPlace(a.type) && isPlace(m.type)) || a.type === 'OTHER' || m.type === 'OTHER';
      if (a.kind === 'name' && compatible && g.joined === text) return [i, 'same name'];
      if (a.kind === 'name' && m.type === 'PERSON' && a.type === 'PERSON' && plainName(f.words) && plainName(g.words)) {
        if (f.words.length < g.words.length && endsWithPart(g.words, f.words)) return [i, 'part of name'];
        if (g.words.length < f.words.length && endsWithPart(f.words, g.words)) return [i, 'full name'];
      }
      if (a.kind === 'name' && m.type === 'ORG' && a.type === 'ORG') {
        // "the Department" after "the State Department".
        if (f.words.length <= 2 && g.words.length > f.words.length && g.words[g.words.length - 1] === f.headWord && f.words[f.words.length - 1] === f.headWord)
          return [i, 'org short form'];
        if (f.words.length === 1 && isAcronymOf(f.words[0], g.words)) return [i, 'acronym'];
        if (g.words.length === 1 && isAcronymOf(g.words[0], f.words)) return [i, 'acronym'];
      }
      if (f.country && g.country === f.country && f.countryWhole && g.countryWhole && isPlace(m.type) && (isPlace(a.type) || a.kind === 'name') && a.type !== 'PERSON' && a.type !== 'ORG')
        return [i, 'same country'];
    }
    return undefined;
  }

  private nominalAntecedent(j: number): [number, string] | undefined {
    const { mentions, feats } = this;
    const f = feats[j];
    // A coordination is its own group: it only corefers with the same coordination.
    if (f.coordinated) {
      for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) if (feats[i].coordinated && feats[i].joined === f.joined) return [i, 'same name'];
      return undefined;
    }
    // Indefinites ("a car") and bare plurals ("jokes") introduce new referents.
    if (f.indefinite || (f.plural && !f.definite)) return undefined;
    // Role descriptions: the nearest person whose title names the same office in the same words, else the
    // same office in other words ("the head of US diplomacy" → "Secretary of State"), and the same country when both say.
    // The person must be named: a role description does not take another description ("the president" … "the president" is the same-head rule's).
    if (f.roleKeys.length > 0 && f.roleHead && !f.plural && f.definite) {
      for (const sameWords of [true, false]) {
        for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
          const g = feats[i];
          const a = mentions[i];
          if (a.kind !== 'name' || a.type !== 'PERSON') continue;
          const c = this.clusterCountry[this.clusterOf[i]];
          if (f.country && c && c !== f.country) continue;
          if (sameWords ? g.rolePhrases.includes(f.rolePhrases[0]) : g.roleKeys.includes(f.roleKeys[0])) return [i, 'role title'];
        }
      }
    }
    for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
      const a = mentions[i];
      const g = feats[i];
      if (a.kind === 'pronoun') continue;
      // "the Department" after "the State Department".
      if (a.kind === 'name' && a.type === 'ORG' && f.definite && f.words.length <= 2 && g.words[g.words.length - 1] === f.headWord && g.words.length > 1)
        return [i, 'org short form'];
      if (g.headWord === f.headWord && !conflicting(f, g)) return [i, 'same head'];
    }
    return undefined;
  }

  private pronounAntecedent(j: number): [number, string] | undefined {
    const { mentions, feats } = this;
    const f = feats[j];
    // Demonstratives and relatives ("that", "which") mostly point at events and propositions: left alone.
    if (DEMONSTRATIVE.has(f.headWord)) return undefined;
    if (f.person !== 'third') {
      for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
        const g = feats[i];
        if (mentions[i].kind === 'pronoun' && g.person === f.person && g.plural === f.plural && g.inQuote === f.inQuote) return [i, 'same pronoun'];
      }
      return undefined;
    }
    // "… representatives of Mexico and the United States … they will seek …": a plural subject pronoun takes a
    // coordination of named actors in its own or the previous sentence (nearest first).
    if (f.plural && f.subject) {
      for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK && f.sentence - feats[i].sentence <= 1; i--) {
        if (feats[i].coordinated && mentions[i].kind === 'nominal' && mentions[i].type !== 'OTHER') return [i, 'plural to coordination'];
      }
    }
    let best = -1;
    let bestScore = -Infinity;
    for (let i = j - 1; i >= 0 && j - i <= MAX_LOOKBACK; i--) {
      const g = feats[i];
      const distance = f.sentence - g.sentence;
      if (distance > MAX_PRONOUN_DISTANCE) break;
      if (!this.agrees(j, i)) continue;
      let score = -distance * 2 + (g.subject ? 1.5 : 0) + (mentions[i].kind === 'name' ? 0.5 : 0) + (mentions[i].kind === 'pronoun' ? 0.6 : 0);
      // "they" prefers a grammatical plural ("representatives of Mexico and the United States") to an organisation.
      if (f.plural && g.plural && mentions[i].kind === 'nominal') score += g.coordinated ? 3 : 2;
      if (distance === 0) score += 0.5 - (j - i) * 0.01;
      else score -= (j - i) * 0.001;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best >= 0 ? [best, 'pronoun'] : undefined;
  }

  /** Whether the third-person pronoun j agrees in number and gender with the earlier mention i (and its cluster). */
  agrees(j: number, i: number): boolean {
    const f = this.feats[j];
    const g = this.feats[i];
    const a = this.mentions[i];
    if (g.person !== 'third') return false;
    const c = this.clusterOf[i];
    if (f.plural) {
      if (a.kind === 'pronoun') return g.plural;
      return g.plural || a.type === 'ORG' || this.clusterPlural[c];
    }
    if (g.plural) return false;
    if (f.gender === 'n') return this.clusterTypes[c] !== 'PERSON' && g.gender !== 'm' && g.gender !== 'f' && (a.kind !== 'nominal' || !this.personNominal(g));
    // he / she
    if (this.clusterTypes[c] === 'PERSON' || this.personNominal(g)) {
      const known = this.clusterGender[c];
      return known === undefined || known === f.gender;
    }
    return false;
  }

  private readonly personRoles = new Map<MentionFeatures, boolean>();
  private personNominal(g: MentionFeatures): boolean {
    if (g.roleKeys.length === 0 || !this.knowledge.lexicon) return false;
    let known = this.personRoles.get(g);
    if (known === undefined) {
      known = this.knowledge.lexicon.rolesIn(g.words).some((r) => r.role.kind === 'person');
      this.personRoles.set(g, known);
    }
    return known;
  }
}

const NOT_IN_NAMES = new Set(['and', 'or', 'nor', ',', '(', ')', '—', '–', '-', ';', ':', 'who', 'which', 'whose', 'both', 'neither', 'of']);
/** Whether the words are a name alone (at most five words, no coordination, apposition or clause): "Luis Cresencio Sandoval", not "Pantha and Rezwan". */
const plainName = (words: readonly string[]): boolean => words.length <= 5 && !words.some((w) => NOT_IN_NAMES.has(w));

const isPlace = (t: EntityType): boolean => t === 'GPE' || t === 'LOC';

/** Whether `part` is the tail of `name` ("Blinken" of "Antony Blinken") or its first name alone is not enough. */
function endsWithPart(name: readonly string[], part: readonly string[]): boolean {
  const offset = name.length - part.length;
  if (part.every((w, k) => name[offset + k] === w)) return true;
  // "Luis Cresencio Sandoval" … "Sandoval" is covered above; "Arévalo de León" … "Arévalo": a surname followed by particles.
  return part.length === 1 && name.length >= 3 && name.indexOf(part[0]) > 0;
}

/** Nominals with different modifiers that name different things ("the US delegation" / "the Mexican delegation"). */
function conflicting(f: MentionFeatures, g: MentionFeatures): boolean {
  return f.country !== undefined && g.country !== undefined && f.country !== g.country;
}
