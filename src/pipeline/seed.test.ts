/**
 * End to end on the bundled EFE story with the shipped models: the facts of the careful coder's table
 * (EXPECTED.md of the seed) that the stages built so far must get right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPipeline } from './pipeline.js';

const text = readFileSync(new URL('../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');
const doc = createPipeline().code(text, { published: '2024-01-13', id: 'efe' });

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

test('persons are found as full-name spans; Marina (the Navy) and "State Antony" are not persons', () => {
  const persons = new Set(doc.entities.filter((e) => e.type === 'PERSON').map((e) => e.text));
  for (const name of ['Antony Blinken', 'Alicia Bárcena', 'Bernardo Arévalo de León', 'Alejandro Mayorkas', 'Elizabeth Sherwood-Randall', 'Rosa Icela Rodríguez', 'Rafael Ojeda', 'Francisco Garduño', 'Joe Biden', 'Luis Cresencio Sandoval']) {
    assert.ok(persons.has(name), `missing person ${name}`);
  }
  assert.ok(!persons.has('Marina'));
  assert.ok(!doc.entities.some((e) => e.text.includes('State Antony')));
  const orgs = new Set(doc.entities.filter((e) => e.type === 'ORG').map((e) => e.text));
  for (const org of ['State Department', 'White House', 'National Migration Institute']) assert.ok(orgs.has(org), `missing organisation ${org}`);
});

test('dates resolve against the publication date and the tense of their clause', () => {
  const byText = (t: string): string[] => doc.dates.filter((d) => d.text === t).map((d) => `${d.type} ${d.value}${d.mod ? ` ${d.mod}` : ''}`);
  assert.deepEqual(byText('this Saturday'), ['DATE 2024-01-13']);
  assert.deepEqual(byText('Friday'), ['DATE 2024-01-12', 'DATE 2024-01-12', 'DATE 2024-01-12']);
  assert.deepEqual(byText('December 27'), ['DATE 2023-12-27']);
  assert.deepEqual(byText('this month'), ['DATE 2023-12']);
  assert.deepEqual(byText('every year'), ['SET P1Y']);
  assert.deepEqual(byText('early February'), ['DATE 2024-02 EARLY']);
  assert.equal(doc.dates.find((d) => d.text.includes('several days'))?.type, 'DURATION');
});

test('places: Washington is the capital (dateline and text), Mexico City, the Darién in Panama; no Marina, no Homeland', () => {
  const near = (name: string, lat: number, lon: number): void => {
    const found = doc.places.filter((p) => p.text === name);
    assert.ok(found.length > 0, `no place for ${name}`);
    for (const p of found) assert.ok(km(p.lat, p.lon, lat, lon) < 50, `${name} resolved to ${p.name} (${p.lat}, ${p.lon})`);
  };
  near('Washington', 38.9, -77.04);
  near('Mexico City', 19.43, -99.13);
  near('Darién', 8.4, -77.9);
  const dateline = doc.places.find((p) => p.id === doc.dateline?.placeId);
  assert.equal(dateline?.name.startsWith('Washington, D.C.'), true, 'the dateline names the capital');
  assert.ok(dateline!.end <= doc.dateline!.end);
  for (const country of ['PAN', 'GTM', 'USA', 'MEX']) assert.ok(doc.places.some((p) => p.country === country && p.featureCode === 'PCLI'), `no country place ${country}`);
  assert.ok(!doc.places.some((p) => ['Marina', 'Homeland', 'State', 'León'].includes(p.text)), 'a non-place was resolved');
});

test('quantities: more than 300,000 migrants, thousands of migrants, two delegations', () => {
  const q = (t: string) => doc.quantities.find((x) => x.text === t);
  assert.deepEqual([q('more than 300,000')?.value, q('more than 300,000')?.qualifier, q('more than 300,000')?.noun], [300000, 'more than', 'migrants']);
  assert.equal(q('thousands of migrants')?.noun, 'migrants');
  assert.equal(q('two high-level delegations')?.value, 2);
  assert.ok(!doc.quantities.some((x) => x.text.includes('27') || x.text.includes('2023')), 'dates are not quantities');
});

test('quotes: the seed quotations with their speakers (coreference of "The foreign minister" comes with actors)', () => {
  const bySpeaker = doc.quotes.map((q) => [q.text.replace(/[“”,]/g, '').trim(), q.speakerText]);
  assert.deepEqual(bySpeaker.slice(0, 3), [
    ['positive results', 'Antony Blinken'],
    ['coordinated efforts with Mexico are producing positive results on the shared border', 'Blinken'],
    ['positive impact', 'Blinken'],
  ]);
  assert.equal(doc.quotes.length, 5);
  assert.match(doc.quotes[2].prov.reason ?? '', /pronoun "he"/);
});
