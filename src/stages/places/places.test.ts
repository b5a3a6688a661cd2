import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Doc } from '../../core/document.js';
import type { Place } from '../../core/layers.js';
import { haversineKm } from '../../knowledge/gazetteer/format.js';
import { placesHarness } from './testing.js';

const harness = placesHarness();
const seed = readFileSync(new URL('../../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');

function placesOf(doc: Doc): readonly Place[] {
  const places = doc.get('places');
  for (const p of places) assert.equal(doc.text.slice(p.start, p.end), p.text, `place ${p.id}: text differs from its slice`);
  return places;
}

function near(p: Place | undefined, lat: number, lon: number, km: number, what: string): void {
  assert.ok(p, `${what}: no place found`);
  const d = haversineKm(p.lat, p.lon, lat, lon);
  assert.ok(d <= km, `${what}: ${p.name} (${p.lat}, ${p.lon}) is ${Math.round(d)} km from (${lat}, ${lon})`);
}

const find = (places: readonly Place[], text: string, from = 0): Place | undefined => places.find((p) => p.text === text && p.start >= from);

test('seed story: Washington (dateline and meeting), Mexico City, the Darién, and the countries', () => {
  const doc = harness.annotate(seed);
  const places = placesOf(doc);
  const dateline = places.find((p) => p.start === 0);
  assert.equal(dateline?.text, 'Washington', 'the dateline place');
  near(dateline, 38.9, -77.04, 50, 'dateline Washington');
  near(find(places, 'Washington', 10), 38.9, -77.04, 50, '"on Friday in Washington"');
  near(find(places, 'Mexico City'), 19.43, -99.13, 50, 'Mexico City');
  const darien = find(places, 'Darién');
  near(darien, 8.4, -77.9, 50, 'the Darién');
  assert.equal(darien?.country, 'PAN');
  for (const [text, iso] of [['Panama', 'PAN'], ['Guatemala', 'GTM'], ['United States', 'USA'], ['Mexico', 'MEX'], ['US', 'USA']] as const) {
    const p = find(places, text);
    assert.equal(p?.country, iso, `${text} → ${iso}`);
    assert.equal(p?.featureCode, 'PCLI', `${text} is a country`);
  }
  assert.ok(places.every((p) => p.prov.stage === 'places' && typeof p.prov.reason === 'string' && p.prov.reason.length > 0), 'every place records why it won');
});

test('seed story: nothing for "State", "Marina", "León" or the other names', () => {
  const places = placesOf(harness.annotate(seed));
  const texts = new Set(places.map((p) => p.text));
  for (const bad of ['State', 'Marina', 'León', 'Blinken', 'Defense', 'Friday', 'Joint Action', 'Homeland Security', 'White House']) assert.ok(!texts.has(bad), `"${bad}" is not a place`);
  assert.deepEqual([...texts].sort(), ['Darién', 'Guatemala', 'Mexico', 'Mexico City', 'Panama', 'US', 'United States', 'Washington']);
});

test('seed story with NER: PERSON spans block places inside them, LOC spans are kept', () => {
  const doc = harness.annotate(seed, [['Bernardo Arévalo de León', 'PERSON'], ['Marina', 'PERSON'], ['Mexico City', 'LOC'], ['State Department', 'ORG']]);
  const places = placesOf(doc);
  assert.ok(!places.some((p) => p.text === 'León'));
  assert.equal(find(places, 'Mexico City')?.prov.rule, 'ner+gazetteer');
});

test('Washington: the state after a city and a comma, D.C. otherwise', () => {
  // A qualifier "City, State" picks the state and the city in it.
  const places = placesOf(harness.annotate('Protests spread from Seattle, Washington to Portland on Sunday, officials said.'));
  const wa = find(places, 'Washington');
  near(wa, 47.4, -120.5, 200, 'Washington state');
  assert.equal(wa?.featureCode, 'ADM1');
  near(find(places, 'Seattle'), 47.61, -122.33, 20, 'Seattle');
  const dc = placesOf(harness.annotate('The talks were held in Washington on Friday.'));
  near(find(dc, 'Washington'), 38.9, -77.04, 30, 'Washington alone');
  const state = placesOf(harness.annotate('Wildfires burned across Washington state this week.'));
  assert.equal(find(state, 'Washington')?.featureCode, 'ADM1', '"Washington state"');
});

test('Georgia: the country in world news, the US state in a US story', () => {
  const world = placesOf(harness.annotate('Russian troops massed near the border with Georgia, the government in Tbilisi said.'));
  assert.equal(find(world, 'Georgia')?.country, 'GEO');
  const us = placesOf(harness.annotate('Voters in Atlanta lined up for hours as Georgia counted ballots, officials in the United States said.'));
  const ga = find(us, 'Georgia');
  assert.equal(ga?.country, 'USA');
  assert.equal(ga?.featureCode, 'ADM1');
});

test('Kiev resolves to Kyiv', () => {
  const places = placesOf(harness.annotate('Air raid sirens sounded in Kiev overnight.'));
  const kyiv = find(places, 'Kiev');
  assert.equal(kyiv?.name, 'Kyiv');
  assert.equal(kyiv?.country, 'UKR');
  near(kyiv, 50.45, 30.52, 20, 'Kiev');
});

test('Paris, Texas versus Paris', () => {
  const texas = placesOf(harness.annotate('A tornado struck Paris, Texas, late on Tuesday.'));
  near(find(texas, 'Paris'), 33.66, -95.56, 30, 'Paris, Texas');
  assert.equal(find(texas, 'Texas')?.featureCode, 'ADM1');
  const france = placesOf(harness.annotate('Leaders met in Paris to discuss the climate accord.'));
  near(find(france, 'Paris'), 48.85, 2.35, 30, 'Paris');
});

test('offsets survive non-BMP characters before a place', () => {
  const doc = harness.annotate('Fans 🎉🎉 celebrated in Mexico City after the match.');
  const p = find(placesOf(doc), 'Mexico City');
  assert.ok(p);
  assert.equal(doc.text.slice(p.start, p.end), 'Mexico City');
});

test('the stage works without any entities layer from NER (empty entities)', () => {
  const doc = harness.annotate('Officials in Guatemala City and Tegucigalpa met on Monday.');
  const places = placesOf(doc);
  assert.equal(find(places, 'Guatemala City')?.country, 'GTM');
  assert.equal(find(places, 'Tegucigalpa')?.country, 'HND');
});

test('lists: a name among states takes the state sense, among countries the country sense', () => {
  const states = placesOf(harness.annotate('Cases were confirmed in Oregon, Utah, Washington and Wisconsin last week.'));
  const wa = find(states, 'Washington');
  assert.equal(wa?.featureCode, 'ADM1', 'Washington among states');
  assert.match(wa?.prov.reason ?? '', /in a list with/);
  const ga = find(placesOf(harness.annotate('Farmers in Colorado, Georgia and Illinois were told to check their flocks.')), 'Georgia');
  assert.equal(ga?.country, 'USA');
  assert.equal(ga?.featureCode, 'ADM1');
  const world = placesOf(harness.annotate('Travellers to Armenia, Azerbaijan, Georgia, Iraq and Syria were warned.'));
  assert.equal(find(world, 'Georgia')?.country, 'GEO', 'Georgia among countries');
  // Not a list: the usual senses stay.
  const dc = placesOf(harness.annotate('Officials in Washington met envoys from the state of Oregon on Monday, the agency said.'));
  near(find(dc, 'Washington'), 38.9, -77.04, 30, 'Washington, not in a list');
});

test('UK counties outrank small towns of the same name abroad; Republic of Congo is not the DRC', () => {
  const uk = placesOf(harness.annotate('Heavy rain flooded roads in Cornwall and Devon on Tuesday.'));
  assert.equal(find(uk, 'Cornwall')?.country, 'GBR');
  assert.equal(find(uk, 'Devon')?.country, 'GBR');
  const congo = placesOf(harness.annotate('Doctors from the Republic of Congo joined the team.'));
  assert.equal(find(congo, 'Republic of Congo')?.country, 'COG');
  const drc = placesOf(harness.annotate('Fighting continued in eastern Congo on Sunday.'));
  assert.equal(find(drc, 'Congo')?.country, 'COD');
});

test('NER: a name that is only part of a longer NER place gets no support from it; "of the" and "’s" inside names', () => {
  const county = placesOf(harness.annotate('Health officers in Scott County reported two cases on Monday.', [['Scott County', 'LOC']]));
  assert.ok(!county.some((p) => p.text === 'Scott'), 'not the town of Scott');
  const drc = placesOf(harness.annotate('Aid reached the Democratic Republic of the Congo on Monday.', [['Democratic Republic of the Congo', 'LOC']]));
  assert.equal(find(drc, 'Democratic Republic of the Congo')?.country, 'COD');
  assert.ok(!drc.some((p) => p.text === 'Republic'));
  const hall = placesOf(harness.annotate('Crowds gathered outside Seoul City Hall on Monday.', [['Seoul City Hall', 'LOC']]));
  assert.equal(find(hall, 'Seoul')?.country, 'KOR', 'a capital at the edge of a longer NER name is still a place');
  const prc = placesOf(harness.annotate("Officials of the People's Republic of China met on Monday."));
  assert.equal(find(prc, "People's Republic of China")?.country, 'CHN');
});
