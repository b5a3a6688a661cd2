/**
 * The runtime gazetteer: entries with coordinates, indexed by name key. Loaded once from a gazetteer
 * directory (the shipped `models/gazetteer/` or one written by `importGeonames`) and passed to the places
 * stage; nothing here reads the npm data packages or anything outside the directory.
 *
 * Loading reads `gazetteer.bin` and lays typed arrays over it (see format.ts): no parse of the entries, no
 * index built at load. Entries stay in the columns and become objects only when a lookup returns them;
 * the name strings are decoded on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  decodeHeader,
  encodeGazetteer,
  fromGazetteerFile,
  GAZETTEER_FILE,
  keyHash,
  LEGACY_GAZETTEER_FILE,
  nameKey,
  SECTIONS,
  type BinaryHeader,
  type GazetteerData,
  type GazetteerEntry,
  type GazetteerFile,
  type SectionName,
} from './format.js';

/** One way a name can refer to an entry: the entry and the bonus its alias carries (0 for its own names). */
export interface NameSense {
  readonly entry: GazetteerEntry;
  readonly bonus: number;
  /** How the name reached the entry: its own name, one of its alternate names, or our alias table. */
  readonly via: 'name' | 'alt' | 'alias';
}

const VIA: ReadonlyArray<NameSense['via']> = ['name', 'alt', 'alias'];
const NONE: readonly NameSense[] = Object.freeze([]);
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

declare module 'node:buffer' {
  interface Buffer {
    /** Node's own UTF-8 decoder behind `toString('utf8', …)`, without its argument checks. */
    utf8Slice(start: number, end: number): string;
  }
}

const FAST_UTF8 = typeof Buffer.prototype.utf8Slice === 'function';

type Columns = { [K in SectionName]: InstanceType<(typeof SECTIONS)[K]> };

export class Gazetteer {
  private readonly header: BinaryHeader;
  private readonly bytes: Uint8Array;
  private readonly dataStart: number;
  private readonly col: Columns;
  private readonly cache: Array<GazetteerEntry | undefined>;
  private readonly mask: number;
  private readonly buffer: Buffer;
  private readonly keyBase: number;
  private idsByIndex: Map<number, string> | undefined;
  private bonusMap: Map<string, Map<number, number>> | undefined;
  private countryMap: Map<string, number> | undefined;
  private admin1Map: Map<string, number> | undefined;
  private admin1Numeric: Map<number, number> | undefined;
  private demonymMap: Map<string, string> | undefined;
  private readonly resolved = new Map<string, readonly NameSense[]>();
  /** The most words any name has, to bound the candidate scan. */
  readonly maxWords: number;

  /** A gazetteer over the bytes of a binary gazetteer file (format.ts). */
  constructor(bytes: Uint8Array) {
    if (endianness() !== 'LE') throw new Error('the binary gazetteer needs a little-endian machine');
    const { header, dataStart } = decodeHeader(bytes);
    let buffer = bytes.buffer as ArrayBuffer;
    let base = bytes.byteOffset + dataStart;
    if (base % 8 !== 0) {
      // Typed arrays need aligned offsets: copy the data part once (only for Buffers from a shared pool).
      const copy = new Uint8Array(bytes.length - dataStart);
      copy.set(bytes.subarray(dataStart));
      buffer = copy.buffer;
      base = 0;
    }
    const col = {} as Record<SectionName, ArrayBufferView>;
    for (const name of Object.keys(SECTIONS) as SectionName[]) {
      const Ctor = SECTIONS[name];
      const [offset, length] = header.sections[name];
      col[name] = new Ctor(buffer, base + offset, length / Ctor.BYTES_PER_ELEMENT);
    }
    this.col = col as Columns;
    this.header = header;
    this.bytes = bytes;
    this.buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.dataStart = dataStart;
    this.keyBase = dataStart + header.sections.keys[0];
    this.cache = new Array<GazetteerEntry | undefined>(header.count);
    this.mask = this.col.hashTable.length - 1;
    this.maxWords = header.maxWords;
    const n = header.count;
    for (const name of ['lat', 'lon', 'population', 'geonameId', 'country', 'admin1', 'featureCode', 'featureClass', 'source'] as const) {
      if (this.col[name].length !== n) throw new Error(`gazetteer column '${name}' has the wrong length`);
    }
    if (this.col.nameOffsets.length !== n + 1 || this.col.keyOffsets.length !== header.keyCount + 1 || (this.col.hashTable.length & this.mask) !== 0) {
      throw new Error('gazetteer index is malformed: rebuild or re-import');
    }
  }

  /** Builds a gazetteer from entries in memory (tests, the importer). */
  static fromData(data: GazetteerData): Gazetteer {
    return new Gazetteer(encodeGazetteer(data, 'in memory'));
  }

  /** Byte offset of a string section in `bytes`. */
  private sectionStart(section: 'keys' | 'names' | 'alts'): number {
    return this.dataStart + this.header.sections[section][0];
  }

  /** The index of a name key in the name index, or -1 (compares UTF-8 bytes: nothing is decoded). */
  private keyIndex(key: string): number {
    const table = this.col.hashTable;
    const offsets = this.col.keyOffsets;
    const bytes = this.bytes;
    const base = this.keyBase;
    let ascii = true;
    for (let j = 0; j < key.length; j++) {
      if (key.charCodeAt(j) >= 0x80) {
        ascii = false;
        break;
      }
    }
    const encoded = ascii ? undefined : Buffer.from(key, 'utf8');
    const length = encoded ? encoded.length : key.length;
    for (let slot = keyHash(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = table[slot];
      if (v === 0) return -1;
      const k = v - 1;
      const at = base + offsets[k];
      if (offsets[k + 1] - offsets[k] !== length) continue;
      let j = 0;
      if (encoded) while (j < length && bytes[at + j] === encoded[j]) j++;
      else while (j < length && bytes[at + j] === key.charCodeAt(j)) j++;
      if (j === length) return k;
    }
  }

  private decode(section: 'names' | 'alts', offsets: Uint32Array, i: number): string {
    const start = this.sectionStart(section);
    return FAST_UTF8 ? this.buffer.utf8Slice(start + offsets[i], start + offsets[i + 1]) : this.buffer.toString('utf8', start + offsets[i], start + offsets[i + 1]);
  }

  /** The entry at an index, as an object (created once). */
  entry(i: number): GazetteerEntry {
    let e = this.cache[i];
    if (e === undefined) {
      e = this.makeEntry(i);
      this.cache[i] = e;
    }
    return e;
  }

  private makeEntry(i: number): GazetteerEntry {
    const c = this.col;
    const h = this.header;
    this.idsByIndex ??= new Map(h.ids);
    const alt = c.altOffsets[i] === c.altOffsets[i + 1] ? '' : this.decode('alts', c.altOffsets, i);
    const geonameId = c.geonameId[i];
    const country = h.countries[c.country[i]];
    const admin1Code = h.admin1Codes[c.admin1[i]];
    const featureCode = h.featureCodes[c.featureCode[i]];
    const name = this.decode('names', c.nameOffsets, i);
    const admin = featureCode === 'ADM1' ? i : c.admin1[i] === 0 ? undefined : this.admin1ByCodes().get(c.country[i] * 65536 + c.admin1[i]);
    return {
      id: this.idsByIndex.get(i) ?? `g${geonameId}`,
      name,
      altNames: alt === '' ? [] : alt.split('|'),
      country,
      admin1Code,
      admin1Name: admin === undefined ? '' : admin === i ? name : this.decode('names', c.nameOffsets, admin),
      lat: round4(c.lat[i]),
      lon: round4(c.lon[i]),
      population: c.population[i],
      featureClass: h.featureClasses[c.featureClass[i]],
      featureCode,
      ...(geonameId ? { geonameId } : {}),
      source: h.sources[c.source[i]] ?? '',
    };
  }

  /** First-order divisions by `ISO3.code` (and countries by ISO3), from the header's small tables. */
  private admin1Maps(): Map<string, number> {
    if (!this.admin1Map) {
      this.countryMap = new Map(this.header.countryIndex);
      this.admin1Map = new Map(this.header.admin1Index);
    }
    return this.admin1Map;
  }

  /** First-order divisions by country index × 65536 + admin-1 code index (no strings built per entry). */
  private admin1ByCodes(): Map<number, number> {
    if (!this.admin1Numeric) {
      this.admin1Numeric = new Map();
      for (const i of this.admin1Maps().values()) this.admin1Numeric.set(this.col.country[i] * 65536 + this.col.admin1[i], i);
    }
    return this.admin1Numeric;
  }

  /** Everything a name (any case, with or without diacritics and periods) can refer to, most populous first. */
  lookup(name: string): readonly NameSense[] {
    return this.lookupKey(nameKey(name));
  }

  /** Lookup by an already computed name key. */
  lookupKey(key: string): readonly NameSense[] {
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const k = this.keyIndex(key);
    if (k < 0 || this.col.senseOffsets[k + 1] === this.col.senseOffsets[k]) return NONE;
    if (!this.bonusMap) {
      this.bonusMap = new Map();
      for (const [bonusKey, i, bonus] of this.header.bonuses) {
        const m = this.bonusMap.get(bonusKey) ?? new Map<number, number>();
        m.set(i, bonus);
        this.bonusMap.set(bonusKey, m);
      }
    }
    const bonuses = this.bonusMap.get(key);
    const list: NameSense[] = [];
    const senses = this.col.senses;
    for (let s = this.col.senseOffsets[k], end = this.col.senseOffsets[k + 1]; s < end; s++) {
      const i = senses[s] >>> 2;
      list.push({ entry: this.entry(i), bonus: bonuses?.get(i) ?? 0, via: VIA[senses[s] & 3] });
    }
    this.resolved.set(key, list);
    return list;
  }

  /** Whether any entry has this name key (cheap: no objects made). */
  hasKey(key: string): boolean {
    const cached = this.resolved.get(key);
    if (cached) return cached.length > 0;
    const k = this.keyIndex(key);
    return k >= 0 && this.col.senseOffsets[k + 1] > this.col.senseOffsets[k];
  }

  /** Whether some name key is this key or starts with it followed by more words ("new south" → yes). */
  hasKeyOrPrefix(key: string): boolean {
    return this.resolved.has(key) || this.keyIndex(key) >= 0;
  }

  /** The country entry (PCLI…) of an ISO 3166-1 alpha-3 code. */
  country(iso3: string): GazetteerEntry | undefined {
    this.admin1Maps();
    const i = this.countryMap?.get(iso3);
    return i === undefined ? undefined : this.entry(i);
  }

  /** The ISO 3166-1 alpha-3 codes that have a country entry, sorted. */
  countryCodes(): string[] {
    this.admin1Maps();
    return [...(this.countryMap?.keys() ?? [])].sort();
  }

  /** The first-order administrative division of a country by its admin-1 code. */
  admin1Of(iso3: string, code: string): GazetteerEntry | undefined {
    const i = this.admin1Maps().get(`${iso3}.${code}`);
    return i === undefined ? undefined : this.entry(i);
  }

  /** The country (ISO3) a demonym or nationality adjective names: "Mexican" → MEX. */
  demonym(word: string): string | undefined {
    this.demonymMap ??= new Map(this.header.demonyms.map(([w, country]) => [nameKey(w), country]));
    return this.demonymMap.get(nameKey(word));
  }

  get size(): number {
    return this.header.count;
  }

  /** Every entry, alias and demonym (for the importer, which merges a dump into them). */
  toData(): GazetteerData {
    const entries: GazetteerEntry[] = [];
    for (let i = 0; i < this.header.count; i++) entries.push(this.cache[i] ?? this.makeEntry(i));
    const idOf = (i: number): string => this.idsByIndex?.get(i) ?? `g${this.col.geonameId[i]}`;
    return {
      entries,
      aliases: this.header.aliases.map(([alias, i, bonus]) => ({ alias, entryId: idOf(i), bonus })),
      demonyms: this.header.demonyms.map(([word, country]) => ({ word, country })),
    };
  }
}

/** Reads a gazetteer directory's data (for the importer, which merges it with a dump). */
export function readGazetteerData(dir: string): GazetteerData {
  return loadGazetteer(dir).toData();
}

/** Loads a gazetteer directory (`gazetteer.bin`; a format-1 `gazetteer.json.gz` is converted in memory). */
export function loadGazetteer(dir: string): Gazetteer {
  const path = join(dir, GAZETTEER_FILE);
  if (existsSync(path)) return new Gazetteer(readFileSync(path));
  const legacy = join(dir, LEGACY_GAZETTEER_FILE);
  if (existsSync(legacy)) return Gazetteer.fromData(fromGazetteerFile(JSON.parse(gunzipSync(readFileSync(legacy)).toString('utf8')) as GazetteerFile));
  throw new Error(`missing gazetteer ${path} — run \`node dist/knowledge/gazetteer/build.js\` or \`herodotus gazetteer import\``);
}

/** The shipped gazetteer directory, resolved from this file's location (never from the cwd). */
export function defaultGazetteerDir(): string {
  return fileURLToPath(new URL('../../../models/gazetteer/', import.meta.url));
}
