/**
 * What the news has taught about people: a role (country, sectors, title) stated in a story, from the
 * story's publication date. Lookups see only roles learned from stories published strictly earlier than
 * the story being coded (ties broken by document id), so the coding of a story never depends on the order
 * in which stories were processed; among those, the latest role wins (a newer role supersedes an older one
 * from its date on). Names are matched in full, or by surname when only one known person has it.
 */
import type { CodedDocument } from '../../core/contract.js';
import { foldName } from './lexicon.js';

export interface LearnedRole {
  readonly name: string;
  readonly country: string;
  readonly sectors: readonly string[];
  readonly title?: string;
  /** Publication date (or date-time) of the story that stated the role. */
  readonly published: string;
  readonly documentId: string;
  /** The sentence that states it. */
  readonly evidence: string;
}

/** What the memory keeps of a role: everything but the evidence sentence (lookups never need it). */
export type KnownRole = Omit<LearnedRole, 'evidence'>;

/**
 * A string of our own: V8 keeps a slice of a long string as a view that holds the whole parent alive, and a
 * name sliced from a story must not keep the story in memory for as long as the role is remembered.
 */
const detached = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

export interface AsOf {
  readonly published?: string;
  readonly documentId: string;
}

/** Stories in lookup order: by publication day, then document id. */
const order = (day: string, documentId: string, otherDay: string, otherId: string): number =>
  day < otherDay ? -1 : day > otherDay ? 1 : documentId < otherId ? -1 : documentId > otherId ? 1 : 0;
const dayOf = (published: string): string => published.slice(0, 10);

export class ActorMemory {
  /** Each person's roles in lookup order (roles of one story in the order learned), so lookups are binary searches. */
  private readonly byName = new Map<string, KnownRole[]>();
  private readonly bySurname = new Map<string, Set<string>>();
  /** Story, country and sectors of every role kept, per person: a story restated is not kept twice. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(roles: Iterable<KnownRole> = []) {
    for (const r of roles) this.add(r);
  }

  add(role: KnownRole): void {
    const key = foldName(role.name);
    if (key === '') return;
    const list = this.byName.get(key) ?? [];
    const seen = this.seen.get(key) ?? new Set<string>();
    const identity = `${role.documentId}\u0000${role.country}\u0000${role.sectors.join()}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    this.seen.set(key, seen);
    // After every role of an earlier or the same story.
    const day = dayOf(role.published);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(dayOf(list[mid].published), list[mid].documentId, day, role.documentId) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, {
      name: detached(role.name),
      country: detached(role.country),
      sectors: role.sectors.map(detached),
      ...(role.title ? { title: detached(role.title) } : {}),
      published: detached(role.published),
      documentId: detached(role.documentId),
    });
    this.byName.set(key, list);
    const words = key.split(' ');
    if (words.length > 1) {
      const surname = words[words.length - 1];
      const set = this.bySurname.get(surname) ?? new Set();
      set.add(key);
      this.bySurname.set(surname, set);
    }
  }

  /**
   * Learns the roles a stored story states, as of its publication date (an undated story teaches nothing);
   * returns every role it states, also those already known.
   */
  learnFrom(story: Pick<CodedDocument, 'id' | 'published' | 'text' | 'roles'>): LearnedRole[] {
    if (!story.published) return [];
    const published = story.published;
    return story.roles.map((r) => {
      const role: LearnedRole = { name: r.name, country: r.country, sectors: r.sectors, ...(r.title ? { title: r.title } : {}), published, documentId: story.id, evidence: story.text.slice(r.start, r.end) };
      this.add(role);
      return role;
    });
  }

  /**
   * Learns as `learnFrom` does, and returns only the roles that can change how a story published after this
   * one is coded: its person was unknown before it, or the role then known differs in country, sectors or
   * title. The others restate what later stories were already coded with, so re-coding them would change
   * nothing (the actor codes stay; only the story a role is cited from would move).
   */
  learnNews(story: Pick<CodedDocument, 'id' | 'published' | 'text' | 'roles'>): LearnedRole[] {
    if (!story.published) return [];
    const published = story.published;
    const news = story.roles.filter((r) => this.teaches({ name: r.name, country: r.country, sectors: r.sectors, ...(r.title ? { title: r.title } : {}), published, documentId: story.id }));
    const names = new Set(news.map((r) => r.name));
    return this.learnFrom(story).filter((r) => names.has(r.name));
  }

  /** Whether learning `role` would change a lookup: see `learnNews`. */
  teaches(role: KnownRole): boolean {
    const before = this.latest(this.byName.get(foldName(role.name)), role);
    return !before || before.country !== role.country || before.sectors.join() !== role.sectors.join() || before.title !== role.title;
  }

  /** The latest role of this person stated before `asOf`; a one-word name is a surname. */
  lookup(name: string, asOf: AsOf): KnownRole | undefined {
    const key = foldName(name);
    let best = this.latest(this.byName.get(key), asOf);
    if (!best && !key.includes(' ')) {
      const full = [...(this.bySurname.get(key) ?? [])].filter((k) => this.latest(this.byName.get(k), asOf));
      if (full.length === 1) best = this.latest(this.byName.get(full[0]), asOf);
    }
    return best;
  }

  /** The role of the latest story published strictly before `asOf` (the first learned of that story's). */
  private latest(list: readonly KnownRole[] | undefined, asOf: AsOf): KnownRole | undefined {
    if (!list || list.length === 0 || asOf.published === undefined) return undefined;
    const day = dayOf(asOf.published);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(dayOf(list[mid].published), list[mid].documentId, day, asOf.documentId) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    let first = lo - 1;
    const story = list[first];
    while (first > 0 && list[first - 1].documentId === story.documentId && dayOf(list[first - 1].published) === dayOf(story.published)) first--;
    return list[first];
  }

  /** Whether a person with this full name or surname was learned from a story published before `asOf`. */
  knows(name: string, asOf: AsOf): boolean {
    if (this.byName.size === 0) return false;
    return this.lookup(name, asOf) !== undefined || [...(this.bySurname.get(foldName(name)) ?? [])].some((k) => this.latest(this.byName.get(k), asOf));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byName.values()) n += list.length;
    return n;
  }

  *roles(): IterableIterator<KnownRole> {
    for (const list of this.byName.values()) yield* list;
  }
}
