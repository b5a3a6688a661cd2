import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeGazetteer, LEGACY_GAZETTEER_FILE, nameKey, type GazetteerData, type GazetteerEntry } from './format.js';
import { defaultGazetteerDir, Gazetteer, loadGazetteer } from './gazetteer.js';
import { readTsv } from './overlay.js';

const entry = (id: string, name: string, country: string, featureCode: string, lat: number, lon: number, population: number, extra: Partial<GazetteerEntry> = {}): GazetteerEntry => ({
  id, name, altNames: [], country, admin1Code: '', admin1Name: '', lat, lon, population, featureClass: featureCode.startsWith('PPL') ? 'P' : 'A', featureCode, source: 'test', ...extra,
});

// A tiny gazetteer written for these tests.
const DATA: GazetteerData = {
  entries: [
    entry('cAUS', 'Australia', 'AUS', 'PCLI', -25, 135, 25000000),
    entry('rAUS.02', 'New South Wales', 'AUS', 'ADM1', -32.5, 147.1, 8000000, { admin1Code: '02', altNames: ['NSW'] }),
    entry('g2147714', 'Sydney', 'AUS', 'PPLA', -33.8679, 151.2073, 4627345, { admin1Code: '02', geonameId: 2147714 }),
    entry('g3094802', 'Kraków', 'POL', 'PPLA', 50.0614, 19.9366, 755050, { geonameId: 3094802, altNames: ['Cracow'] }),
    entry('g3093133', 'Łódź', 'POL', 'PPLA', 51.75, 19.4667, 768755, { geonameId: 3093133 }),
    entry('g5101798', 'Newark', 'USA', 'PPL', 40.7357, -74.1724, 281944, { geonameId: 5101798 }),
    entry('g2641598', 'Newark', 'GBR', 'PPL', 53.0766, -0.8085, 37084, { geonameId: 2641598 }),
    entry('x1', 'Asia', '', 'CONT', 29.84, 89.3, 4500000000, { featureClass: 'L' }),
  ],
  aliases: [{ alias: 'Cracovia', entryId: 'g3094802', bonus: 2 }],
  demonyms: [{ word: 'Australian', country: 'AUS' }],
};

test('binary gazetteer: lookups, senses most populous first, alias bonus, admin-1 names, round trip', () => {
  const g = Gazetteer.fromData(DATA);
  assert.equal(g.size, DATA.entries.length);
  assert.deepEqual(g.lookup('NEWARK').map((s) => s.entry.country), ['USA', 'GBR'], 'most populous first');
  assert.equal(g.lookup('Krakow')[0]?.entry.name, 'Kraków', 'diacritics are ignored');
  assert.equal(g.lookup('cracow')[0]?.via, 'alt');
  const alias = g.lookup('Cracovia')[0];
  assert.equal(alias?.via, 'alias');
  assert.equal(alias?.bonus, 2);
  assert.equal(g.lookup('Łódź')[0]?.entry.lat, 51.75, 'a key with a letter NFD does not strip (ł) is found by its UTF-8 bytes');
  assert.equal(g.lookup('Sydney')[0]?.entry.admin1Name, 'New South Wales');
  assert.equal(g.lookup('Sydney')[0]?.entry.lat, -33.8679, 'coordinates come back at 4 decimals');
  assert.equal(g.country('AUS')?.name, 'Australia');
  assert.equal(g.admin1Of('AUS', '02')?.name, 'New South Wales');
  assert.equal(g.demonym('australian'), 'AUS');
  assert.equal(g.lookup('Asia')[0]?.entry.population, 0xffffffff, 'continent populations saturate');
  assert.equal(g.maxWords, 3);
  const back = g.toData();
  assert.deepEqual(back.entries.map((e) => e.id), DATA.entries.map((e) => e.id));
  assert.deepEqual(back.aliases, DATA.aliases);
  assert.deepEqual(back.entries[3].altNames, ['Cracow']);
});

test('binary gazetteer: word prefixes of longer names are known but have no senses', () => {
  const g = Gazetteer.fromData(DATA);
  assert.equal(g.hasKeyOrPrefix('new south'), true);
  assert.equal(g.hasKeyOrPrefix('new'), true);
  assert.equal(g.hasKey('new south'), false, 'a prefix is not a name');
  assert.deepEqual(g.lookup('New South'), []);
  assert.equal(g.hasKeyOrPrefix('south wales'), false, 'only prefixes, not inner words');
  assert.equal(g.hasKey('new south wales'), true);
});

test('binary gazetteer: a buffer at an odd offset still loads; a corrupt one is an error', () => {
  const bytes = encodeGazetteer(DATA, 'test');
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  assert.equal(new Gazetteer(shifted.subarray(3)).lookup('Sydney')[0]?.entry.name, 'Sydney');
  const bad = Buffer.from(bytes);
  bad.write('XXXX', 0, 'latin1');
  assert.throws(() => new Gazetteer(bad), /bad magic/);
  assert.throws(() => new Gazetteer(bytes.subarray(0, bytes.length - 100)), /truncated/);
});

test('loadGazetteer still reads a format-1 gazetteer.json.gz directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-gaz1-'));
  try {
    const legacy = {
      format: 1, note: 'test', sources: ['test'],
      columns: { id: ['cAUS'], name: ['Australia'], alt: [''], country: ['AUS'], admin1Code: [''], lat: [-25], lon: [135], population: [1], featureClass: ['A'], featureCode: ['PCLI'], geonameId: [0], source: [0], keys: [''] },
      aliases: [], demonyms: [],
    };
    writeFileSync(join(dir, LEGACY_GAZETTEER_FILE), gzipSync(JSON.stringify(legacy)));
    assert.equal(loadGazetteer(dir).lookup('australia')[0]?.entry.featureCode, 'PCLI');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nameKey: the ASCII fast path agrees with the full normalisation', () => {
  const slow = (name: string): string =>
    name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’‘`]/g, "'").replace(/\./g, '').replace(/[-‐–—_]/g, ' ').replace(/\s*,\s*/g, ', ').replace(/\s+/g, ' ').trim();
  for (const s of ['Sydney', 'New South Wales', "Cote d'Ivoire", 'U.S.', 'Port-au-Prince', ' Leading', 'Double  Space', 'Trailing ', 'Paris, Texas', 'Darién', 'A1', '', 'Washington D.C.', 'St. Louis']) {
    assert.equal(nameKey(s), slow(s), JSON.stringify(s));
  }
});

test('shipped gazetteer: every country of data/gazetteer/countries.tsv sits at its reference point', () => {
  const g = loadGazetteer(defaultGazetteerDir());
  const rows = readTsv(fileURLToPath(new URL('../../../data/gazetteer/countries.tsv', import.meta.url)));
  assert.ok(rows.length > 150);
  let checked = 0;
  for (const [iso3, lat, lon] of rows) {
    const c = g.country(iso3);
    if (!c) continue; // a code i18n-iso-countries lacks
    assert.ok(Math.abs(c.lat - Number(lat)) < 0.01 && Math.abs(c.lon - Number(lon)) < 0.01, `${iso3}: (${c.lat}, ${c.lon}) vs table (${lat}, ${lon})`);
    checked++;
  }
  assert.ok(checked > 150, `${checked} countries checked`);
  const canada = g.country('CAN');
  assert.ok(canada && canada.lat > 55 && canada.lon < -90, 'Canada is not at the centroid of its largest polygon');
});
