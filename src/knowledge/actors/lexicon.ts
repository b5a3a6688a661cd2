/**
 * Actor knowledge compiled from data/actors/*.tsv: role words → sectors, organisations → codes, office
 * holders with dates, sector names. Loaded once per pipeline and shared by the coreference and actor stages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type RoleKind = 'person' | 'org' | 'group';

export interface Role {
  /** The phrase as written in the lexicon (lower case). */
  readonly phrase: string;
  readonly sectors: readonly string[];
  /** Phrases with the same key name the same office. */
  readonly key: string;
  readonly kind: RoleKind;
}

export interface KnownOrganization {
  readonly name: string;
  readonly country: string;
  readonly sectors: readonly string[];
  readonly code: string;
}

export interface KnownPerson {
  readonly name: string;
  readonly country: string;
  readonly sectors: readonly string[];
  readonly title: string;
  readonly from: string;
  readonly to?: string;
}

export interface RoleMatch {
  readonly role: Role;
  /** Index of the first word matched, and one past the last, in the word list given. */
  readonly start: number;
  readonly end: number;
}

/** Lower-cases and folds the words of names and titles for lookup ("U.S." → "us", "Élysée" → "elysee"). */
const folded = new Map<string, string>();

export function foldWord(word: string): string {
  let out = folded.get(word);
  if (out !== undefined) return out;
  out = /^[a-z]*$/.test(word)
    ? word
    : word
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[.’']/g, '');
  if (folded.size > 50_000) folded.clear();
  folded.set(word, out);
  return out;
}

export const foldName = (name: string): string =>
  name
    .split(/[\s-]+/)
    .map(foldWord)
    .filter((w) => w !== '')
    .join(' ');

export class ActorLexicon {
  private readonly roles = new Map<string, Role[]>();
  private readonly roleWords = new Set<string>();
  private readonly organizations = new Map<string, KnownOrganization>();
  private readonly people = new Map<string, KnownPerson[]>();
  readonly ploverSector: ReadonlyMap<string, string>;
  private readonly countryNames: ReadonlyMap<string, string>;

  constructor(rows: { roles: string[][]; organizations: string[][]; people: string[][]; sectors: string[][]; countryNames?: string[][] }) {
    this.countryNames = new Map((rows.countryNames ?? []).map(([name, country]) => [foldName(name), country] as const));
    for (const [phrase, sectors, key, kind] of rows.roles) {
      const words = phrase.split(' ').map(foldWord);
      const role: Role = { phrase: words.join(' '), sectors: sectors.split(','), key, kind: kind as RoleKind };
      for (const w of words) if (w !== 'of' && w !== 'the') this.roleWords.add(w);
      const list = this.roles.get(words[0]) ?? [];
      list.push(role);
      list.sort((a, b) => b.phrase.length - a.phrase.length);
      this.roles.set(words[0], list);
    }
    for (const [name, aliases, country, sectors, code] of rows.organizations) {
      const org: KnownOrganization = { name, country, sectors: sectors.split(','), code };
      for (const n of [name, ...(aliases ? aliases.split('|') : [])]) this.organizations.set(foldName(n), org);
    }
    for (const [name, aliases, country, sectors, title, from, to] of rows.people) {
      const person: KnownPerson = { name, country, sectors: sectors.split(','), title, from, ...(to ? { to } : {}) };
      for (const n of [name, ...(aliases ? aliases.split('|') : [])]) {
        const key = foldName(n);
        this.people.set(key, [...(this.people.get(key) ?? []), person]);
      }
    }
    this.ploverSector = new Map(rows.sectors.map(([code, name]) => [code, name] as const));
  }

  /** The longest role phrase starting at word `at` of already-folded words. */
  roleAt(words: readonly string[], at: number): RoleMatch | undefined {
    for (const role of this.roles.get(words[at]) ?? []) {
      const parts = role.phrase.split(' ');
      if (parts.every((p, k) => words[at + k] === p)) return { role, start: at, end: at + parts.length };
    }
    return undefined;
  }

  /** Every non-overlapping role phrase in the words, left to right, longest first. */
  rolesIn(words: readonly string[]): RoleMatch[] {
    const out: RoleMatch[] = [];
    for (let i = 0; i < words.length; ) {
      const m = this.roleAt(words, i);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }

  /** Whether a (folded) word is part of some role phrase ("chiefs" of "security chiefs"). */
  isRoleWord(word: string): boolean {
    return this.roleWords.has(word);
  }

  /** A country short form or group name of our own table ("Bosnia", "Serbs", "PRC"). */
  countryName(name: string): string | undefined {
    return this.countryNames.get(foldName(name));
  }

  organization(name: string): KnownOrganization | undefined {
    return this.organizations.get(foldName(name));
  }

  /** Whether a known office holder has this full name or alias. */
  knowsPerson(name: string): boolean {
    // One word (the common case: a capitalised token) folds through the memoised foldWord.
    return this.people.has(/\s|-/.test(name) ? foldName(name) : foldWord(name));
  }

  /** The office a known person held on `date` (YYYY-MM-DD); without a date, the latest. */
  person(name: string, date?: string): KnownPerson | undefined {
    const terms = this.people.get(foldName(name));
    if (!terms) return undefined;
    if (!date) return terms[terms.length - 1];
    return terms.find((t) => t.from <= date && (t.to === undefined || date < t.to));
  }
}

/** Loads the compiled lexicons (dist/data/actors/*.json). */
export function loadActorLexicon(dataDir: string): ActorLexicon {
  const read = (name: string): string[][] => {
    const path = join(dataDir, 'actors', `${name}.json`);
    if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
    return JSON.parse(readFileSync(path, 'utf8')) as string[][];
  };
  return new ActorLexicon({ roles: read('roles'), organizations: read('organizations'), people: read('people'), sectors: read('sectors'), countryNames: read('country-names') });
}
