/**
 * Actor coding: each coreference cluster that is a person, an organisation, a group or a country becomes
 * an actor { name, code, country, sectors, title }. Country and sectors come, in this order, from
 *   1. imported dictionaries (when given),
 *   2. the text: the title before a name ("Mexican Foreign Minister"), the words of a role description
 *      ("the head of US diplomacy", "Guatemala's new government"), a known organisation in the title
 *      ("White House National Security Advisor"), a list label before the name ("Defense: Luis Cresencio
 *      Sandoval", "by Marina, Rafael Ojeda"), and the one country the sentence names when a titled
 *      person has none of their own,
 *   3. the actor store (roles learned from earlier stories) and the built-in tables (organisations,
 *      heads of state with dates).
 * The CAMEO code is country + the first sector (USAGOV, MEXMIL); international bodies keep their own
 * code (IGOUNO). Roles stated in the text are reported so the actor store can learn them.
 */
import type { Actor, Dependency, Mention, PosTag, Quote, QuoteSpeaker, Sentence, StatedRole, Token } from '../../core/layers.js';
import { foldWord, type ActorLexicon, type RoleMatch } from '../../knowledge/actors/lexicon.js';
import type { ActorMemory } from '../../knowledge/actors/memory.js';
import type { Gazetteer } from '../../knowledge/gazetteer/gazetteer.js';
import { titleBefore, tokenAt } from '../coref/detect.js';

export const ACTORS_VERSION = '1.0.0';

export interface ActorDictionaryLookup {
  /** A dictionary code for the words starting at token `at` (longest match), valid on `date`. */
  match(tokens: readonly Token[], at: number, end: number, date?: string, options?: { names?: boolean }): { code: string; country: string; sectors: string[]; name: string } | undefined;
}

export interface ActorInputs {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly pos: readonly PosTag[];
  readonly deps: readonly Dependency[];
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly quotes: readonly Quote[];
  readonly published?: string;
  readonly documentId: string;
}

export interface ActorKnowledge {
  readonly lexicon: ActorLexicon;
  readonly gazetteer: Gazetteer;
  readonly countryOf: (name: string) => string | undefined;
  /** The country a capital or region stands for when it acts (see coref/countries.ts). */
  readonly seatOf?: (name: string) => string | undefined;
  readonly memory?: ActorMemory;
  readonly dictionary?: ActorDictionaryLookup;
}

interface Facts {
  country?: string;
  sectors?: string[];
  title?: string;
  code?: string;
  basis: NonNullable<Actor['basis']>;
  rule: string;
}

const SEPARATORS = new Set([';', ':']);
const ARGUMENT = /^(nsubj|obj|iobj|nmod|obl|conj)/;
const LOCATIVE = new Set(['in', 'at', 'from', 'near', 'to', 'into', 'across', 'outside', 'inside', 'around', 'through']);
const prov = (rule: string, confidence: number): Actor['prov'] => ({ stage: 'actors', rule, version: ACTORS_VERSION, confidence });

/** What a span of words states about an actor. */
type Stated = { country?: string; sectors?: string[]; role?: RoleMatch; org?: string };

/**
 * Country and sectors stated by a span of words: country words, demonyms, known organisations, role phrases. A
 * module-level function, not a closure made on every call of codeActors (such a closure loses its optimised code at
 * every full garbage collection and is compiled again).
 */
function statedBy(input: ActorInputs, knowledge: ActorKnowledge, from: number, to: number): Stated {
  const { tokens, text } = input;
  const { lexicon, countryOf } = knowledge;
  let country: string | undefined;
  let org: string | undefined;
  const kept: string[] = [];
  for (let k = from; k < to; k++) {
    const c = countryOf(tokens[k].text) ?? (input.pos[k].upos === 'PROPN' ? knowledge.seatOf?.(tokens[k].text) : undefined);
    if (c && !country) country = c;
    if (!c) kept.push(foldWord(tokens[k].text));
  }
  // Known organisations named inside ("White House National Security Advisor").
  for (let n = Math.min(4, to - from); n >= 1 && !org; n--) {
    for (let k = from; k + n <= to; k++) {
      const known = lexicon.organization(text.slice(tokens[k].start, tokens[k + n - 1].end));
      if (known) {
        org = known.name;
        country ??= known.country;
        break;
      }
    }
  }
  const roles = lexicon.rolesIn(kept);
  const role = roles[0];
  return { ...(country ? { country } : {}), ...(role ? { role, sectors: [...role.role.sectors] } : {}), ...(org ? { org } : {}) };
}

export function codeActors(input: ActorInputs, knowledge: ActorKnowledge): { actors: Actor[]; speakers: QuoteSpeaker[]; roles: StatedRole[] } {
  const { tokens, mentions, text } = input;
  const { lexicon, countryOf } = knowledge;
  const date = input.published?.slice(0, 10);
  const clusters = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = clusters.get(m.cluster);
    if (list) list.push(m);
    else clusters.set(m.cluster, [m]);
  }

  const tokenIndex = (offset: number): number => tokenAt(tokens, offset);
  /** The one country the sentence names (demonyms and country names), if exactly one. */
  const sentenceCountry = (sentence: number): string | undefined => {
    const s = input.sentences[sentence];
    // Only in lists of officials ("…, security chiefs Rosa Icela Rodríguez; Defense: …"): elsewhere the one
    // country of a sentence is as often the other party ("President Obama met the Moroccan king").
    if (!tokens.slice(s.tokenStart, s.tokenEnd).some((t) => t.text === ';' || t.text === ':')) return undefined;
    const found = new Set<string>();
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const c = countryOf(tokens[k].text);
      if (c) found.add(c);
    }
    for (let k = s.tokenStart; k < s.tokenEnd; k++) {
      const known = lexicon.organization(tokens[k].text);
      if (known && /^[A-Z]{3}$/.test(known.country) && known.country !== 'IGO' && known.country !== 'NGO') found.add(known.country);
    }
    return found.size === 1 ? [...found][0] : undefined;
  };
  /** A list label before a name: "Defense: NAME", "by Marina, NAME" (back to the previous ; or : or name, at most 7 tokens). */
  const listLabel = (first: number): Stated | undefined => {
    const sentence = tokens[first].sentence;
    let end = first;
    if (end > 0 && (tokens[end - 1].text === ':' || tokens[end - 1].text === ',')) end--;
    else return undefined;
    let from = end;
    while (
      from - 1 >= 0 &&
      tokens[from - 1].sentence === sentence &&
      !SEPARATORS.has(tokens[from - 1].text) &&
      end - from < 7 &&
      !mentions.some((m) => m.type === 'PERSON' && m.kind === 'name' && m.start <= tokens[from - 1].start && tokens[from - 1].end <= m.end)
    )
      from--;
    if (from >= end || input.pos.slice(from, end).some((p) => p.upos === 'VERB' || p.upos === 'AUX')) return undefined;
    const found = statedBy(input, knowledge, from, end);
    return found.role || found.org ? found : undefined;
  };

  /** Whether a token has a locative preposition ("in Tokyo"). */
  const hasLocativeCase = (head: number): boolean => {
    for (let k = Math.max(0, head - 3); k < head; k++) if (input.deps[k].head === head && input.deps[k].deprel === 'case' && LOCATIVE.has(tokens[k].text.toLowerCase())) return true;
    return false;
  };

  const actors: Actor[] = [];
  const roles: StatedRole[] = [];
  const actorOfCluster = new Map<string, string>();

  /** A coordination of named actors ("Mexico and the United States"): coded after its members, as a group. */
  const names = mentions.filter((o) => o.kind === 'name').sort((a, b) => a.start - b.start);
  const partsOf = (m: Mention): Mention[] => {
    if (m.kind !== 'nominal') return [];
    // Names inside the nominal's span, by binary search over names sorted by start.
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[mid].start < m.start) lo = mid + 1;
      else hi = mid;
    }
    const out: Mention[] = [];
    for (let k = lo; k < names.length && names[k].start < m.end; k++) if (names[k].end <= m.end && names[k].cluster !== m.cluster) out.push(names[k]);
    return out;
  };
  const groups: Array<[string, Mention[]]> = [];

  for (const [cluster, ms] of clusters) {
    const head = ms.find((m) => m.kind !== 'pronoun');
    if (head && partsOf(head).length >= 2 && ms.every((m) => m.kind !== 'name')) {
      // Only a coordination referred to again ("… Mexico and the United States … they") is an actor of its
      // own; otherwise its members are the actors (events pair them one by one).
      if (ms.length > 1) groups.push([cluster, ms]);
      continue;
    }
    // One pass, not five .filter callbacks (see pipeline/columns.ts).
    const names: Mention[] = [];
    const nominals: Mention[] = [];
    const people: Mention[] = [];
    const orgs: Mention[] = [];
    const places: Mention[] = [];
    for (const m of ms) {
      if (m.kind === 'nominal') nominals.push(m);
      if (m.kind !== 'name') continue;
      names.push(m);
      if (m.type === 'PERSON') people.push(m);
      else if (m.type === 'ORG') orgs.push(m);
      else if (m.type === 'LOC' || m.type === 'GPE') places.push(m);
    }
    let name: string | undefined;
    let facts: Facts | undefined;
    let kind: 'person' | 'org' | 'country' | 'group' | undefined;

    // Imported dictionaries take precedence over everything the text and built-in tables say.
    let fromDictionary = dictionaryFacts(ms);
    // A title's country alone ("US" in "US Secretary of State Antony Blinken") leaves the sector to the text.
    if (fromDictionary && people.length > 0 && fromDictionary.sectors?.length === 0 && fromDictionary.code === fromDictionary.country) {
      const own = personFacts(people, nominals);
      if (own.sectors && own.sectors.length > 0 && (own.country ?? fromDictionary.country) === fromDictionary.country)
        fromDictionary = { ...fromDictionary, sectors: own.sectors, code: undefined, rule: `${fromDictionary.rule} + ${own.rule}` };
    }
    if (fromDictionary) {
      kind = people.length > 0 ? 'person' : 'org';
      name = (people.length > 0 ? people.reduce((a, b) => (b.text.length > a.text.length ? b : a)) : (orgs[0] ?? places[0] ?? nominals[0])).text;
      facts = fromDictionary;
    } else if (people.length > 0) {
      kind = 'person';
      const best = people.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      name = best.text;
      facts = personFacts(people, nominals);
    } else if (orgs.length > 0) {
      kind = 'org';
      name = orgs.reduce((a, b) => (b.text.length > a.text.length ? b : a)).text;
      const known = lexicon.organization(name);
      const first = tokenIndex(orgs[0].start);
      const inside = statedBy(input, knowledge, first, tokenIndex(orgs[0].end - 1) + 1);
      if (known) facts = { country: known.country, sectors: [...known.sectors], code: known.code, basis: 'knowledge', rule: 'known organisation' };
      else if (inside.country || inside.sectors) facts = { ...inside, basis: 'text', rule: 'organisation name' };
      else facts = { basis: 'text', rule: 'organisation' };
      if (!facts.country) {
        const c = sentenceCountry(tokens[first].sentence);
        if (c) facts = { ...facts, country: c, rule: `${facts.rule} + sentence country` };
      }
    } else if (places.length > 0) {
      const country = places.map((p) => countryOf(p.text)).find((c) => c !== undefined);
      const known = places.map((p) => lexicon.organization(p.text)).find((o) => o !== undefined);
      if (known) {
        kind = 'org';
        name = known.name === places[0].text ? known.name : places[0].text;
        facts = { country: known.country, sectors: [...known.sectors], code: known.code, basis: 'knowledge', rule: 'known organisation' };
      } else if (country) {
        kind = 'country';
        name = knowledge.gazetteer.country(country)?.name ?? places[0].text;
        facts = { country, sectors: [], basis: 'text', rule: 'country name' };
      } else {
        // A capital acting ("Tokyo agreed", "talks with Tehran") stands for its country's government.
        const acting = places.find((p) => ARGUMENT.test(input.deps[p.head]?.deprel ?? '') && !hasLocativeCase(p.head));
        const seat = acting ? knowledge.seatOf?.(acting.text) : undefined;
        if (acting && seat) {
          kind = 'country';
          name = acting.text;
          facts = { country: seat, sectors: [], basis: 'text', rule: 'capital or region as actor' };
        }
      }
    } else if (nominals.length > 0) {
      const n = nominals[0];
      const first = tokenIndex(n.start);
      const last = tokenIndex(n.end - 1) + 1;
      const found = statedBy(input, knowledge, first, last);
      if (!found.role && !found.org && found.country && n.type === 'NORP') {
        // "the Palestinians", "Turkish" as a noun: the people of a country.
        kind = 'group';
        facts = { country: found.country, sectors: [], basis: 'text', rule: 'demonym' };
        name = n.text;
      } else if (found.role || found.org) {
        kind = found.role?.role.kind === 'person' ? 'person' : found.role?.role.kind === 'group' ? 'group' : 'org';
        facts = { ...(found.country ? { country: found.country } : {}), ...(found.sectors ? { sectors: found.sectors } : {}), basis: 'text', rule: 'role description' };
        name = n.text.replace(/^(the|a|an|both|this|these|those)\s+/i, '');
        // "the Joe Biden administration": the person it is named after gives the country.
        const person = mentions.find((m) => m.kind === 'name' && m.type === 'PERSON' && m.start >= n.start && m.end <= n.end);
        if (person) {
          name = `${person.text} (${text.slice(person.end, n.end).trim() || 'administration'})`;
          if (!facts.country) {
            const p = personKnowledge(person.text);
            if (p?.country) facts = { ...facts, country: p.country, rule: `role description + ${p.rule}` };
          }
        }
        if (!facts.country && kind !== 'group') {
          const c = sentenceCountry(tokens[first].sentence);
          if (c) facts = { ...facts, country: c, rule: `${facts.rule} + sentence country` };
        }
      }
    }
    if (!kind || !facts || !name) continue;
    const id = `a${actors.length + 1}`;
    const sectors = facts.sectors ?? [];
    const country = facts.country ?? '';
    const code = facts.code ?? cameoCode(country, sectors);
    const confidence = facts.basis === 'text' ? 0.9 : facts.basis === 'dictionary' ? 0.85 : facts.basis === 'store' ? 0.8 : 0.7;
    actors.push({
      id,
      name,
      code,
      country: /^[A-Z]{3}$/.test(country) && country !== 'IGO' && country !== 'NGO' && country !== 'IMG' ? country : '',
      sectors,
      ploverSectors: sectors.map((s) => lexicon.ploverSector.get(s) ?? s),
      ...(facts.title ? { title: facts.title } : {}),
      cluster,
      mentions: ms.map((m) => m.id),
      basis: facts.basis,
      prov: prov(facts.rule, confidence),
    });
    actorOfCluster.set(cluster, id);
    if (kind === 'person' && facts.basis === 'text' && country && sectors.length > 0 && facts.title) {
      const where = people[0] ?? ms[0];
      const s = input.sentences[tokens[tokenIndex(where.start)].sentence];
      roles.push({
        actor: id,
        name,
        country,
        sectors,
        title: facts.title,
        sentence: tokens[tokenIndex(where.start)].sentence,
        start: s.start,
        end: s.end,
        prov: { stage: 'actors', rule: facts.rule, version: ACTORS_VERSION },
      });
    }
  }

  for (const [cluster, ms] of groups) {
    const head = ms.find((m) => m.kind !== 'pronoun')!;
    const members = [...new Set(partsOf(head).map((p) => actorOfCluster.get(p.cluster)).filter((a): a is string => a !== undefined))];
    if (members.length < 2) continue;
    const memberActors = members.map((id) => actors.find((a) => a.id === id)!);
    const countries = new Set(memberActors.map((a) => a.country));
    const sectors = new Set(memberActors.map((a) => a.sectors[0] ?? ''));
    const country = countries.size === 1 ? [...countries][0] : '';
    const role = statedBy(input, knowledge, tokenIndex(head.start), tokenIndex(head.end - 1) + 1).sectors?.[0];
    const sector = role ?? (sectors.size === 1 ? [...sectors][0] : '');
    const id = `a${actors.length + 1}`;
    actors.push({
      id,
      name: head.text,
      code: country || sector ? cameoCode(country, sector ? [sector] : []) : '---',
      country,
      sectors: sector ? [sector] : [],
      ploverSectors: sector ? [lexicon.ploverSector.get(sector) ?? sector] : [],
      cluster,
      mentions: ms.map((m) => m.id),
      members,
      basis: 'text',
      prov: prov('coordination of actors', 0.8),
    });
    actorOfCluster.set(cluster, id);
  }

  const speakers: QuoteSpeaker[] = [];
  for (const q of input.quotes) {
    if (q.speakerStart === undefined || q.speakerEnd === undefined) continue;
    const m =
      mentions.find((x) => x.start === q.speakerStart && x.end === q.speakerEnd) ??
      mentions.find((x) => x.kind !== 'pronoun' && x.start <= q.speakerStart! && q.speakerEnd! <= x.end) ??
      mentions.find((x) => x.kind !== 'pronoun' && q.speakerStart! <= x.start && x.end <= q.speakerEnd!);
    const actor = m ? actorOfCluster.get(m.cluster) : undefined;
    if (actor) speakers.push({ quote: q.id, actor, prov: { stage: 'actors', rule: m!.link ? `speaker mention (${m!.link.reason})` : 'speaker mention', version: ACTORS_VERSION } });
  }
  return { actors, speakers, roles };

  function personKnowledge(name: string): { country: string; sectors: string[]; title?: string; basis: Facts['basis']; rule: string } | undefined {
    const learned = knowledge.memory?.lookup(name, { ...(input.published ? { published: input.published } : {}), documentId: input.documentId });
    if (learned) return { country: learned.country, sectors: [...learned.sectors], ...(learned.title ? { title: learned.title } : {}), basis: 'store', rule: `actor store (${learned.published.slice(0, 10)})` };
    const known = lexicon.person(name, date);
    if (known) return { country: known.country, sectors: [...known.sectors], title: known.title, basis: 'knowledge', rule: 'known office holder' };
    return undefined;
  }

  /** The first dictionary hit over a cluster's name and nominal mentions (longest first; a person's title included). */
  function dictionaryFacts(ms: readonly Mention[]): Facts | undefined {
    if (!knowledge.dictionary) return undefined;
    for (const m of [...ms].filter((x) => x.kind !== 'pronoun').sort((a, b) => b.end - b.start - (a.end - a.start))) {
      let first = tokenIndex(m.start);
      const end = tokenIndex(m.end - 1) + 1;
      const hitName = knowledge.dictionary.match(tokens, first, end, date, { names: m.kind === 'name' });
      if (hitName) return { country: hitName.country, sectors: hitName.sectors, code: hitName.code, basis: 'dictionary', rule: `imported dictionary (${hitName.name})` };
      if (m.type === 'PERSON' && m.kind === 'name') {
        const title = titleBefore({ tokens, pos: input.pos, text, lexicon }, first);
        if (title) first = tokenIndex(title.start);
        const hit = knowledge.dictionary.match(tokens, first, end, date, { names: true });
        if (hit) return { country: hit.country, sectors: hit.sectors, code: hit.code, basis: 'dictionary', rule: `imported dictionary (${hit.name})` };
      }
    }
    return undefined;
  }

  function personFacts(people: readonly Mention[], nominals: readonly Mention[]): Facts {
    let facts: Facts | undefined;
    for (const p of people) {
      const first = tokenIndex(p.start);
      const title = titleBefore({ tokens, pos: input.pos, text, lexicon }, first);
      if (!title) continue;
      const found = statedBy(input, knowledge, tokenIndex(title.start), first);
      if (!found.country && !found.sectors) continue;
      facts = { ...(found.country ? { country: found.country } : {}), ...(found.sectors ? { sectors: found.sectors } : {}), title: title.text.replace(/^(and|of)\s+/i, ''), basis: 'text', rule: 'title' };
      if (!facts.country) {
        const c = sentenceCountry(tokens[first].sentence);
        if (c) facts = { ...facts, country: c, rule: 'title + sentence country' };
      }
      break;
    }
    if (!facts) {
      for (const p of people) {
        const label = listLabel(tokenIndex(p.start));
        if (!label) continue;
        const first = tokenIndex(p.start);
        facts = {
          ...(label.country ? { country: label.country } : {}),
          ...(label.sectors ? { sectors: label.sectors } : {}),
          title: label.org ?? (label.role ? label.role.role.phrase.replace(/\b\w/g, (c) => c.toUpperCase()) : ''),
          basis: 'text',
          rule: 'list label',
        };
        if (label.org && !label.sectors) {
          const known = lexicon.organization(label.org);
          if (known) facts.sectors = [...known.sectors];
        }
        if (!facts.country) {
          const c = sentenceCountry(tokens[first].sentence);
          if (c) facts = { ...facts, country: c, rule: 'list label + sentence country' };
        }
        break;
      }
    }
    if (!facts) {
      // Role descriptions in the cluster ("the foreign minister" linked to the name).
      for (const n of nominals) {
        const found = statedBy(input, knowledge, tokenIndex(n.start), tokenIndex(n.end - 1) + 1);
        if (found.country || found.sectors) {
          facts = { ...(found.country ? { country: found.country } : {}), ...(found.sectors ? { sectors: found.sectors } : {}), basis: 'text', rule: 'role description' };
          break;
        }
      }
    }
    if (facts?.country && facts.sectors) return facts;
    for (const p of [...people].sort((a, b) => b.text.length - a.text.length)) {
      const k = personKnowledge(p.text);
      if (k) {
        if (!facts) return { ...k };
        return { ...facts, country: facts.country ?? k.country, sectors: facts.sectors ?? k.sectors, rule: `${facts.rule} + ${k.rule}` };
      }
    }
    return facts ?? { basis: 'text', rule: 'person without role' };
  }
}

/** CAMEO actor code: country block then the first sector ('---' when the country is unknown). */
export function cameoCode(country: string, sectors: readonly string[]): string {
  const block = country === '' ? '' : country;
  const sector = sectors[0] ?? '';
  if (block === '' && sector === '') return '---';
  return `${block}${sector}`;
}
