/**
 * Our own human-editable gazetteer tables under data/gazetteer/ (regions, extra places, aliases,
 * demonyms), read at build time. Plain TSV with `#` comment lines, the format of every data/ lexicon.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readTsv(path: string): string[][] {
  const rows: string[][] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      rows.push(line.split('\t').map((c) => c.trim()));
    });
  return rows;
}

export interface RegionRow {
  country: string;
  code: string;
  name: string;
  aliases: string[];
  lat?: number;
  lon?: number;
  geonameId?: number;
}

export interface ExtraRow {
  name: string;
  aliases: string[];
  country: string;
  featureCode: string;
  lat: number;
  lon: number;
  population: number;
  geonameId?: number;
}

export interface AliasRow {
  alias: string;
  target: string;
  country: string;
  featureCode: string;
  bonus: number;
  note: string;
}

const list = (cell: string | undefined): string[] => (cell ? cell.split('|').map((s) => s.trim()).filter(Boolean) : []);
const num = (cell: string | undefined): number | undefined => (cell === undefined || cell === '' ? undefined : Number(cell));

export function readRegions(dataDir: string): RegionRow[] {
  return readTsv(join(dataDir, 'regions.tsv')).map((c, i) => {
    if (c.length < 3) throw new Error(`regions.tsv row ${i + 1}: expected at least 3 columns`);
    const row: RegionRow = { country: c[0], code: c[1], name: c[2], aliases: list(c[3]) };
    const lat = num(c[4]);
    const lon = num(c[5]);
    if (lat !== undefined && lon !== undefined) Object.assign(row, { lat, lon });
    const id = num(c[6]);
    if (id !== undefined) row.geonameId = id;
    return row;
  });
}

export function readExtras(dataDir: string): ExtraRow[] {
  return readTsv(join(dataDir, 'places.tsv')).map((c, i) => {
    if (c.length < 7) throw new Error(`places.tsv row ${i + 1} (${c[0]}): expected at least 7 columns`);
    const lat = Number(c[4]);
    const lon = Number(c[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error(`places.tsv row ${i + 1} (${c[0]}): bad coordinates`);
    const row: ExtraRow = { name: c[0], aliases: list(c[1]), country: c[2], featureCode: c[3], lat, lon, population: num(c[6]) ?? 0 };
    const id = num(c[7]);
    if (id !== undefined) row.geonameId = id;
    return row;
  });
}

export function readAliases(dataDir: string): AliasRow[] {
  return readTsv(join(dataDir, 'aliases.tsv')).map((c, i) => {
    if (c.length < 5) throw new Error(`aliases.tsv row ${i + 1} (${c[0]}): expected at least 5 columns`);
    return { alias: c[0], target: c[1], country: c[2], featureCode: c[3], bonus: Number(c[4]) || 0, note: c[5] ?? '' };
  });
}

export function readDemonyms(dataDir: string): Array<{ word: string; country: string }> {
  return readTsv(join(dataDir, 'demonyms.tsv')).map((c) => ({ word: c[0], country: c[1] }));
}

/** Country reference points (data/gazetteer/countries.tsv): ISO3 → [lat, lon]. */
export function readCountryPoints(dataDir: string): Map<string, { lat: number; lon: number }> {
  const out = new Map<string, { lat: number; lon: number }>();
  readTsv(join(dataDir, 'countries.tsv')).forEach((c, i) => {
    const lat = Number(c[1]);
    const lon = Number(c[2]);
    if (!/^[A-Z]{3}$/.test(c[0] ?? '') || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new Error(`countries.tsv row ${i + 1} (${c[0]}): expected country3, lat, lon`);
    }
    if (out.has(c[0])) throw new Error(`countries.tsv row ${i + 1}: ${c[0]} twice`);
    out.set(c[0], { lat, lon });
  });
  return out;
}
