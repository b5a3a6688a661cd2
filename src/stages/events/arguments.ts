/**
 * Event arguments → actors. An argument is a token of the parse (the head of a phrase); it resolves to
 * actors through the `mentions` layer (a mention whose head is the token, or whose span holds it) and the
 * `actors` layer (an actor listing the mention's id or its entity's id). When the head is no actor, a
 * possessive, compound, nationality adjective or of/from/for phrase inside the argument can supply one
 * ("Mexico's increased deportations", "delegations from the US and Mexico"). A place named as an argument
 * stands for its country ("visit Panama" → PAN), as in GDELT. Coordinated phrases give several actors.
 * Plural pronouns and "both …"/"the two …" take the last group of two or more actors seen in the document.
 */
import type { Actor, EventArgument, Mention, Place } from '../../core/layers.js';
import type { Tree } from './tree.js';

export interface ArgActor extends EventArgument {
  readonly code: string;
  /** ISO 3166-1 alpha-3, or ''. */
  readonly country: string;
  /** The place this argument was read from, when it is a place. */
  readonly place?: Place;
  /** How the actor was found (for `prov.reason`). */
  readonly via: string;
}

/**
 * An ArgActor with every field present, always in this order, so that every argument actor has one object shape:
 * actors read from mentions, places and nationality words used to have three, and the event coder's functions that
 * read them were deoptimised and compiled again at each new one. Absent fields are undefined (JSON leaves them out).
 */
export function argActor(a: { code: string; country: string; via: string; name?: string; actor?: string; text?: string; start?: number; end?: number; place?: Place }): ArgActor {
  return { code: a.code, name: a.name, actor: a.actor, text: a.text, start: a.start, end: a.end, country: a.country, place: a.place, via: a.via };
}

const DESCEND = ['nmod:poss', 'appos', 'compound', 'amod', 'nmod', 'flat', 'nmod:desc'];
const NOMINAL_PREPS = new Set(['of', 'from', 'for', 'between', '']);
const GROUP_PRONOUNS = new Set(['they', 'them', 'both']);

export class ArgumentResolver {
  private readonly tree: Tree;
  private readonly mentionAt = new Map<number, Mention[]>();
  private readonly spanMentions: Mention[];
  private readonly actorOf = new Map<string, Actor>();
  private readonly places: readonly Place[];
  private readonly demonyms: ReadonlyMap<string, string>;
  /** Groups of two or more actors, in text order, for "they" and "both governments". */
  private readonly groups: Array<{ at: number; actors: ArgActor[] }> = [];

  /** Country names and demonyms beyond the events lexicon's table (the gazetteer's; regular forms such as "Serb", "Burundian"). */
  private readonly countryOf: ((word: string) => string | undefined) | undefined;

  constructor(tree: Tree, mentions: readonly Mention[], actors: readonly Actor[], places: readonly Place[], demonyms: ReadonlyMap<string, string>, countryOf?: (word: string) => string | undefined) {
    this.countryOf = countryOf;
    this.tree = tree;
    for (const m of mentions) {
      const list = this.mentionAt.get(m.head) ?? [];
      list.push(m);
      this.mentionAt.set(m.head, list);
    }
    // A coordination actor ("Mexico and the United States" … "they") stands for its members: events pair the
    // members one by one (through the last group named), so the group itself is not an argument.
    for (const a of actors) if (!a.members) for (const id of a.mentions) this.actorOf.set(id, a);
    this.spanMentions = mentions.filter((m) => this.actorOf.has(m.id) || (m.entity !== undefined && this.actorOf.has(m.entity))).sort((a, b) => a.end - a.start - (b.end - b.start));
    this.places = places;
    this.demonyms = demonyms;
  }

  private fromActor(actor: Actor, m: { text: string; start: number; end: number }, via: string): ArgActor {
    return argActor({ code: actor.code, name: actor.name, actor: actor.id, text: m.text, start: m.start, end: m.end, country: actor.country, via });
  }

  private readonly tokenCache = new Map<number, ArgActor | undefined>();
  private placeAt: Array<Place | undefined> | undefined;
  private mentionIn: Array<Mention | undefined> | undefined;

  /** The place whose span holds each token (built once, on first use). */
  private placeOf(i: number): Place | undefined {
    if (!this.placeAt) {
      const at: Array<Place | undefined> = new Array<Place | undefined>(this.tree.tokens.length);
      const tokens = this.tree.tokens;
      for (const p of this.places) {
        for (let k = this.tree.tokenAt(p.start); k < tokens.length && tokens[k].start < p.end; k++) if (tokens[k].start >= p.start && tokens[k].end <= p.end && !at[k]) at[k] = p;
      }
      this.placeAt = at;
    }
    return this.placeAt[i];
  }

  /** The actor a single token stands for, without looking at its dependents. */
  token(i: number): ArgActor | undefined {
    if (this.tokenCache.has(i)) return this.tokenCache.get(i);
    const found = this.lookup(i);
    this.tokenCache.set(i, found);
    return found;
  }

  private lookup(i: number): ArgActor | undefined {
    const t = this.tree.tokens[i];
    const byHead = this.mentionAt.get(i) ?? [];
    for (const m of byHead) {
      const a = this.actorOf.get(m.id) ?? (m.entity ? this.actorOf.get(m.entity) : undefined);
      if (a) return this.fromActor(a, m, `mention "${m.text}"`);
    }
    if (!this.mentionIn) {
      // The smallest mention with an actor that holds each token (built once, on first use).
      this.mentionIn = new Array<Mention | undefined>(this.tree.tokens.length);
      for (const m of this.spanMentions) {
        for (let k = this.tree.tokenAt(m.start); k < this.tree.tokens.length && this.tree.tokens[k].start < m.end; k++) {
          if (this.tree.tokens[k].start >= m.start && this.tree.tokens[k].end <= m.end && !this.mentionIn[k]) this.mentionIn[k] = m;
        }
      }
    }
    const m = this.mentionIn[i];
    if (m) {
      const a = this.actorOf.get(m.id) ?? (m.entity ? this.actorOf.get(m.entity) : undefined);
      if (a) return this.fromActor(a, m, `inside mention "${m.text}"`);
    }
    const place = this.placeOf(i);
    if (place && place.country) {
      return argActor({ code: place.country, name: place.name, text: place.text, start: place.start, end: place.end, country: place.country, place, via: `place "${place.text}"` });
    }
    // "Sudanese rebels", "Palestinians", and "Serb forces" where the tagger took the capitalised demonym for a noun.
    const upos = this.tree.upos(i);
    const wordLike = upos === 'ADJ' || upos === 'PROPN' || (upos === 'NOUN' && /^\p{Lu}/u.test(t.text));
    const lower = t.text.toLowerCase();
    const country = wordLike ? this.demonyms.get(lower) ?? (lower.endsWith('s') ? this.demonyms.get(lower.slice(0, -1)) : undefined) ?? (/^\p{Lu}/u.test(t.text) ? this.countryOf?.(t.text) : undefined) : undefined;
    if (country) {
      return argActor({ code: country, text: t.text, start: t.start, end: t.end, country, via: `nationality "${t.text}"` });
    }
    return undefined;
  }

  /** Actors of the phrase headed by i: the head, else what its dependents name; with its coordinated phrases. */
  phrase(i: number, depth = 0): ArgActor[] {
    const out: ArgActor[] = [];
    let direct = this.token(i);
    // An actor without a country ("two high-level delegations" GOV) takes the countries its phrase names
    // ("… from the US and Mexico" → USAGOV, MEXGOV) or, for "both governments", the last group's.
    if (direct && direct.country === '' && depth < 3) {
      const inner = this.descend(i, depth);
      const group = inner.length > 0 ? inner : this.groupFor(i) ?? [];
      if (group.length > 0) {
        const role = direct;
        out.push(...group.map((a) => argActor({ ...role, code: `${a.country}${role.code}`, country: a.country, via: `${role.via} of ${a.country} (${a.via})` })));
        direct = undefined;
      }
    }
    if (direct) out.push(...this.coordinatedNationalities(i, direct));
    else if (out.length > 0) {
      // filled above
    } else if (depth < 3) {
      const kids = this.tree.children(i).filter((c) => this.descends(c));
      kids.sort((a, b) => DESCEND.indexOf(this.relClass(a)) - DESCEND.indexOf(this.relClass(b)));
      for (const c of kids) {
        const found = this.phrase(c, depth + 1);
        if (found.length > 0) {
          out.push(...found.map((a) => argActor({ ...a, via: `${a.via} inside "${this.tree.tokens[i].text}"` })));
          break;
        }
      }
    }
    if (out.length === 0) {
      const group = this.groupFor(i);
      if (group) out.push(...group);
    }
    if (out.length > 0 || depth === 0) {
      // "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov": the parser often hangs the second
      // conjunct on the first one's name (an apposition of "leader") rather than on "leader" itself.
      for (const c of this.tree.children(i)) {
        if (this.nominalConj(c)) out.push(...this.phrase(c, depth));
        if (this.tree.rel(c) === 'appos') for (const k of this.tree.children(c)) if (this.nominalConj(k)) out.push(...this.phrase(k, depth));
      }
    }
    return dedupe(out);
  }

  /** A conjunct that is a nominal (not a coordinated verb, which is another clause). */
  private nominalConj(c: number): boolean {
    return this.tree.rel(c) === 'conj' && this.tree.upos(c) !== 'VERB';
  }

  /**
   * "French and Egyptian warships", "U.S. and Russian negotiators": one noun with coordinated nationality words is
   * one actor per country, in the same role (FRAMIL, EGYMIL). Otherwise the actor itself.
   */
  private coordinatedNationalities(i: number, actor: ArgActor): ArgActor[] {
    if (actor.country === '') return [actor];
    const role = actor.code.startsWith(actor.country) ? actor.code.slice(actor.country.length) : '';
    for (const m of this.tree.children(i)) {
      const r = this.tree.rel(m);
      if (r !== 'amod' && r !== 'compound') continue;
      const conjuncts = this.tree.children(m).filter((c) => this.tree.rel(c) === 'conj');
      if (conjuncts.length === 0) continue;
      const countries: ArgActor[] = [];
      for (const k of [m, ...conjuncts]) {
        const c = this.nationalityOf(k);
        if (c === undefined) return [actor];
        if (!countries.some((x) => x.country === c.country)) countries.push(c);
      }
      if (countries.length < 2 || !countries.some((c) => c.country === actor.country)) return [actor];
      return countries.map((c) => argActor({ ...actor, code: `${c.country}${role}`, country: c.country, via: `${actor.via}, ${c.country} of the coordinated "${c.text ?? ''}"` }));
    }
    return [actor];
  }

  /** The country a single modifier word names (a demonym or a country name), ignoring any mention it sits in. */
  private nationalityOf(k: number): ArgActor | undefined {
    const t = this.tree.tokens[k];
    const lower = t.text.toLowerCase();
    const country = this.demonyms.get(lower) ?? (/^\p{Lu}/u.test(t.text) ? this.countryOf?.(t.text) : undefined) ?? this.placeOf(k)?.country;
    return country ? argActor({ code: country, text: t.text, start: t.start, end: t.end, country, via: `nationality "${t.text}"` }) : undefined;
  }

  /** Actors named by the dependents of i (possessor, compound, nationality, of/from/for phrase), with their coordinates. */
  private descend(i: number, depth: number): ArgActor[] {
    const kids = this.tree.children(i).filter((c) => this.descends(c));
    kids.sort((a, b) => DESCEND.indexOf(this.relClass(a)) - DESCEND.indexOf(this.relClass(b)));
    for (const c of kids) {
      const found = this.phrase(c, depth + 1).filter((a) => a.country !== '');
      if (found.length > 0) return found;
    }
    return [];
  }

  private relClass(c: number): string {
    const r = this.tree.rel(c);
    if (r === 'nmod:poss' || r === 'nmod:desc') return r;
    if (r.startsWith('flat')) return 'flat';
    return r.split(':')[0];
  }

  /** Whether an argument's dependent may name the actor: possessor, compound, nationality, of/from/for phrase. */
  private descends(c: number): boolean {
    const r = this.relClass(c);
    if (!DESCEND.includes(r)) return false;
    if (r === 'nmod') return NOMINAL_PREPS.has(this.tree.caseOf(c));
    return true;
  }

  /** "they", "both governments", "the two delegations": the last group named before token i. */
  private groupFor(i: number): ArgActor[] | undefined {
    const lower = this.tree.lower(i);
    const plural = GROUP_PRONOUNS.has(lower) || this.tree.children(i).some((c) => {
      const w = this.tree.lower(c);
      return (this.tree.rel(c) === 'det' && w === 'both') || (this.tree.rel(c) === 'nummod' && (w === 'two' || w === '2'));
    });
    if (!plural) return undefined;
    const at = this.tree.tokens[i].start;
    for (let g = this.groups.length - 1; g >= 0; g--) {
      if (this.groups[g].at < at) {
        const t = this.tree.tokens[i];
        return this.groups[g].actors.map((a) => argActor({ ...a, text: t.text, start: t.start, end: t.end, via: `"${t.text}" → ${a.code} (last group named)` }));
      }
    }
    return undefined;
  }

  /** Remembers a group of two or more distinct actors named at a text offset. */
  noteGroup(at: number, actors: readonly ArgActor[]): void {
    const distinct = dedupeBy([...actors], (a) => a.code);
    if (new Set(distinct.map((a) => a.country).filter(Boolean)).size >= 2) {
      this.groups.push({ at, actors: distinct });
      this.groups.sort((a, b) => a.at - b.at);
    }
  }
}

function dedupe(actors: ArgActor[]): ArgActor[] {
  return dedupeBy(actors, (a) => `${a.actor ?? ''}|${a.code}`);
}

function dedupeBy(actors: ArgActor[], keyOf: (a: ArgActor) => string): ArgActor[] {
  const seen = new Set<string>();
  return actors.filter((a) => {
    const key = keyOf(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
