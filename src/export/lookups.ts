/**
 * Names and codes the exporters need beside the stored records: country names and FIPS 10-4 codes,
 * first-order division names, PLOVER sector names and CAMEO event names. Loaded once per export from the
 * compiled lexicons (dist/data) and the gazetteer; the gazetteer is read only when a name is first asked for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultGazetteerDir, loadGazetteer, type Gazetteer } from '../knowledge/gazetteer/gazetteer.js';
import { loadOntology } from '../ontology/index.js';
import { defaultLocations } from '../pipeline/resources.js';

export interface ExportLookups {
  /** English name of an ISO 3166-1 alpha-3 country ('' when unknown, e.g. IGO). */
  countryName(iso3: string): string;
  /** FIPS 10-4 country code of an ISO 3166-1 alpha-3 code ('' when none). */
  fips(iso3: string): string;
  /** Name of a first-order division by its admin-1 code ('' when unknown). */
  admin1Name(iso3: string, admin1: string): string;
  /** PLOVER/POLECAT sector name of a sector code (GOV → Government); the code itself when unknown. */
  sectorName(code: string): string;
  /** CAMEO event name (043 → Rally support on behalf of); '' when unknown. */
  cameoName(code: string): string;
  /** Whether a three-letter block is a country code (ISO 3166-1 alpha-3). */
  isCountry(code: string): boolean;
  /** Whether a three-letter block is a sector code. */
  isSector(code: string): boolean;
}

function rows(dataDir: string, file: string): string[][] {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new Error(`missing compiled lexicon ${path} — run \`npm run build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as string[][];
}

export function loadExportLookups(options: { dataDir?: string; gazetteerDir?: string } = {}): ExportLookups {
  const dataDir = options.dataDir ?? defaultLocations().dataDir;
  const fips = new Map(rows(dataDir, 'export/fips-countries.json').map(([iso3, code]) => [iso3, code] as const));
  const sectors = new Map(rows(dataDir, 'actors/sectors.json').map(([code, name]) => [code, name] as const));
  const ontology = loadOntology(dataDir);
  let gazetteer: Gazetteer | undefined;
  const gaz = (): Gazetteer => (gazetteer ??= loadGazetteer(options.gazetteerDir ?? defaultGazetteerDir()));
  const countryNames = new Map<string, string>();
  return {
    countryName(iso3) {
      if (!fips.has(iso3)) return '';
      let name = countryNames.get(iso3);
      if (name === undefined) {
        name = gaz().country(iso3)?.name ?? '';
        countryNames.set(iso3, name);
      }
      return name;
    },
    fips: (iso3) => fips.get(iso3) ?? '',
    admin1Name: (iso3, admin1) => (admin1 ? (gaz().admin1Of(iso3, admin1)?.name ?? '') : ''),
    sectorName: (code) => sectors.get(code) ?? code,
    cameoName: (code) => ontology.cameo(code)?.name ?? '',
    isCountry: (code) => fips.has(code),
    isSector: (code) => sectors.has(code),
  };
}
