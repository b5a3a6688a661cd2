import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importGeonames } from './import.js';
import { loadGazetteer } from './gazetteer.js';

// A few lines in the GeoNames "geoname" table format (19 tab-separated columns), written for this test.
const row = (...cells: Array<string | number>): string => cells.join('\t');
const SAMPLE = [
  row(3703443, 'Panama City', 'Panama City', 'Ciudad de Panama,Panamá', 8.9936, -79.51973, 'P', 'PPLC', 'PA', '', '08', '', '', '', 408168, '', 2, 'America/Panama', '2019-09-05'),
  row(3712410, 'Darién', 'Darien', 'Provincia del Darien', 8.25, -77.75, 'A', 'ADM1', 'PA', '', '09', '', '', '', 46951, '', 50, 'America/Panama', '2012-01-16'),
  row(4140963, 'Washington, D.C.', 'Washington, D.C.', 'Washington DC', 38.89511, -77.03637, 'P', 'PPLC', 'US', '', 'DC', '001', '', '', 689545, 7, 6, 'America/New_York', '2019-09-19'),
  row(9999999, 'Tinyville', 'Tinyville', '', 10, 10, 'P', 'PPL', 'NG', '', '01', '', '', '', 12, '', 5, 'Africa/Lagos', '2020-01-01'),
  'this line is malformed',
].join('\n');

test('importGeonames streams a dump into a gazetteer that loadGazetteer reads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herodotus-gaz-'));
  try {
    const file = join(dir, 'sample.txt');
    writeFileSync(file, SAMPLE + '\n');
    const messages: string[] = [];
    const { entries } = await importGeonames(file, join(dir, 'out'), (m) => messages.push(m));
    const g = loadGazetteer(join(dir, 'out'));
    assert.equal(g.size, entries);
    const panama = g.lookup('Ciudad de Panama')[0];
    assert.equal(panama?.entry.name, 'Panama City', 'alternate names become lookup keys');
    assert.equal(panama.entry.country, 'PAN');
    assert.equal(panama.entry.geonameId, 3703443);
    assert.ok(g.lookup('Darien').some((s) => s.entry.featureCode === 'ADM1' && s.entry.country === 'PAN'), 'ADM1 rows are kept');
    assert.equal(g.lookup('Tinyville').length, 0, 'villages under the population floor are skipped');
    assert.ok(g.lookup('Washington').some((s) => s.entry.name === 'Washington, D.C.' && s.bonus > 0), 'our alias table is carried over');
    assert.equal(g.country('MEX')?.featureCode, 'PCLI', 'countries come from the base gazetteer');
    assert.ok(messages.some((m) => /1 malformed/.test(m)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('importGeonames rejects a missing file', async () => {
  await assert.rejects(importGeonames('/nonexistent/allCountries.txt', tmpdir(), () => {}), /not found/);
});
