/**
 * The runtime gazetteer: entries with coordinates, indexed by name key. Loaded once from a gazetteer
 * directory (the shipped `models/gazetteer/` or one written by `importGeonames`) and passed to the places
 * stage; nothing here reads the npm data packages or anything outside the directory.
 *
 * Entries stay in the file's columns and become objects only when a lookup returns them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { checkGazetteerFile, entryAt, fromGazetteerFile, GAZETTEER_FILE, nameKey, toGazetteerFile, type GazetteerColumns, type GazetteerData, type GazetteerEntry, type GazetteerFile } from './format.js';

/** One way a name can refer to an entry: the entry and the bonus its alias carries (0 for its own names). */
export interface NameSense {
  readonly entry: GazetteerEntry;
  readonly bonus: number;
  /** How the name reached the entry: its own name, one of its alternate names, or our alias table. */
  readonly via: 'name' | 'alt' | 'alias';
}

/** Packed sense: entry index × 4 + via code; bonuses live in a side table (few senses have one). */
type Packed = number;
const VIA: ReadonlyArray<NameSense['via']> = ['name', 'alt', 'alias'];

export class Gazetteer {
  private readonly file: GazetteerFile;
  private readonly columns: GazetteerColumns;
  private readonly cache: Array<GazetteerEntry | undefined>;
  /** name key → packed senses (a single number when there is one). */
  private readonly byKey = new Map<string, Packed | Packed[]>();
  private readonly bonuses = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  private readonly admin1 = new Map<string, number>();
  private readonly demonymKeys = new Map<string, string>();
  private readonly resolved = new Map<string, readonly NameSense[]>();
  /** The most words any name has, to bound the candidate scan. */
  readonly maxWords: number;

  constructor(file: GazetteerFile) {
    const c = checkGazetteerFile(file).columns;
    this.file = file;
    this.columns = c;
    this.cache = new Array<GazetteerEntry | undefined>(c.id.length);
    let maxWords = 1;
    const add = (key: string, packed: Packed): void => {
      const prev = this.byKey.get(key);
      if (prev === undefined) {
        this.byKey.set(key, packed);
        let words = 1;
        for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) words++;
        if (words > maxWords) maxWords = words;
      } else if (typeof prev === 'number') {
        if (prev >> 2 !== packed >> 2) this.byKey.set(key, [prev, packed]);
      } else if (!prev.some((p) => p >> 2 === packed >> 2)) prev.push(packed);
    };
    const n = c.id.length;
    for (let i = 0; i < n; i++) {
      const keys = c.keys[i];
      if (keys === '') add(c.name[i].toLowerCase(), i * 4);
      else if (keys.indexOf('|') < 0) add(keys, i * 4);
      else {
        const parts = keys.split('|');
        for (let k = 0; k < parts.length; k++) add(parts[k], i * 4 + (k === 0 ? 0 : 1));
      }
      const code = c.featureCode[i];
      if (c.featureClass[i] === 'A') {
        if (code.startsWith('PCL') && c.country[i] !== '') {
          const prev = this.countries.get(c.country[i]);
          if (prev === undefined || (c.featureCode[prev] !== 'PCLI' && code === 'PCLI')) this.countries.set(c.country[i], i);
        } else if (code === 'ADM1' && c.admin1Code[i] !== '') this.admin1.set(`${c.country[i]}.${c.admin1Code[i]}`, i);
      }
    }
    for (const [alias, i, bonus] of file.aliases) {
      if (!(i >= 0 && i < n)) continue;
      const key = nameKey(alias);
      const prev = this.byKey.get(key);
      const existing = prev === undefined ? undefined : (typeof prev === 'number' ? [prev] : prev).find((p) => p >> 2 === i);
      if (existing === undefined) add(key, i * 4 + 2);
      if (bonus !== 0) this.bonuses.set(`${key}\u0000${i}`, bonus);
    }
    for (const [word, country] of file.demonyms) this.demonymKeys.set(nameKey(word), country);
    this.maxWords = Math.min(maxWords, 8);
  }

  /** Builds a gazetteer from entries in memory (tests, the importer). */
  static fromData(data: GazetteerData): Gazetteer {
    return new Gazetteer(toGazetteerFile(data, 'in memory'));
  }

  /** The entry at an index, as an object (created once). */
  entry(i: number): GazetteerEntry {
    let e = this.cache[i];
    if (e === undefined) {
      const c = this.columns;
      const admin = c.featureCode[i] === 'ADM1' ? i : this.admin1.get(`${c.country[i]}.${c.admin1Code[i]}`);
      e = entryAt(this.file, i, admin === undefined ? '' : c.name[admin]);
      this.cache[i] = e;
    }
    return e;
  }

  /** Everything a name (any case, with or without diacritics and periods) can refer to, most populous first. */
  lookup(name: string): readonly NameSense[] {
    return this.lookupKey(nameKey(name));
  }

  /** Lookup by an already computed name key. */
  lookupKey(key: string): readonly NameSense[] {
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const packed = this.byKey.get(key);
    if (packed === undefined) return [];
    const list = (typeof packed === 'number' ? [packed] : packed).map((p) => {
      const i = p >> 2;
      return { entry: this.entry(i), bonus: this.bonuses.get(`${key}\u0000${i}`) ?? 0, via: VIA[p & 3] };
    });
    list.sort((a, b) => b.entry.population - a.entry.population);
    this.resolved.set(key, list);
    return list;
  }

  /** Whether any entry has this name key (cheap: no objects made). */
  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The country entry (PCLI…) of an ISO 3166-1 alpha-3 code. */
  country(iso3: string): GazetteerEntry | undefined {
    const i = this.countries.get(iso3);
    return i === undefined ? undefined : this.entry(i);
  }

  /** The first-order administrative division of a country by its admin-1 code. */
  admin1Of(iso3: string, code: string): GazetteerEntry | undefined {
    const i = this.admin1.get(`${iso3}.${code}`);
    return i === undefined ? undefined : this.entry(i);
  }

  /** The country (ISO3) a demonym or nationality adjective names: "Mexican" → MEX. */
  demonym(word: string): string | undefined {
    return this.demonymKeys.get(nameKey(word));
  }

  get size(): number {
    return this.columns.id.length;
  }
}

/** Reads a gazetteer directory's file (for the importer, which merges it with a dump). */
export function readGazetteerData(dir: string): GazetteerData {
  return fromGazetteerFile(readGazetteerFile(dir));
}

function readGazetteerFile(dir: string): GazetteerFile {
  const path = join(dir, GAZETTEER_FILE);
  if (!existsSync(path)) throw new Error(`missing gazetteer ${path} — run \`node dist/knowledge/gazetteer/build.js\` or \`herodotus gazetteer import\``);
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as GazetteerFile;
}

/** Loads a gazetteer directory (`gazetteer.json.gz`). */
export function loadGazetteer(dir: string): Gazetteer {
  return new Gazetteer(readGazetteerFile(dir));
}

/** The shipped gazetteer directory, resolved from this file's location (never from the cwd). */
export function defaultGazetteerDir(): string {
  return fileURLToPath(new URL('../../../models/gazetteer/', import.meta.url));
}
