/**
 * The seed story's actors as EXPECTED.md of the seed lists them (persons with country and sector, the
 * organisations, the coreference clusters, the quote speakers), coded with the shipped models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createPipeline } from '../../pipeline/pipeline.js';

const text = readFileSync(new URL('../../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');
const doc = createPipeline().code(text, { published: '2024-01-13', id: 'efe' });
const actor = (name: string) => doc.actors.find((a) => a.name === name);

test('the ten persons of the seed are coded with their country and sector', () => {
  const expected: Array<[string, string, string[]]> = [
    ['Antony Blinken', 'USA', ['GOV']],
    ['Alicia Bárcena', 'MEX', ['GOV']],
    ['Joe Biden (administration)', 'USA', ['GOV']],
    ['Bernardo Arévalo de León', 'GTM', ['GOV']],
    ['Alejandro Mayorkas', 'USA', ['GOV']],
    ['Elizabeth Sherwood-Randall', 'USA', ['GOV']],
    ['Rosa Icela Rodríguez', 'MEX', ['GOV', 'COP']],
    ['Luis Cresencio Sandoval', 'MEX', ['MIL', 'GOV']],
    ['Rafael Ojeda', 'MEX', ['MIL']],
    ['Francisco Garduño', 'MEX', ['GOV']],
  ];
  for (const [name, country, sectors] of expected) {
    const a = actor(name);
    assert.ok(a, `no actor ${name}`);
    assert.equal(a.country, country, `${name} country`);
    assert.ok(sectors.includes(a.sectors[0]), `${name} sector ${a.sectors.join(',')} not in ${sectors.join('/')}`);
    assert.equal(a.code, `${country}${a.sectors[0]}`);
  }
  assert.ok(!doc.actors.some((a) => a.name === 'Marina' && a.sectors[0] !== 'MIL'), 'Marina is the Navy, not a person');
});

test('organisations and countries are actors with codes', () => {
  assert.equal(actor('State Department')?.code, 'USAGOV');
  assert.equal(actor('White House')?.code, 'USAGOV');
  assert.equal(actor('National Migration Institute')?.code, 'MEXGOV');
  assert.equal(actor('Mexican Foreign Ministry')?.code, 'MEXGOV');
  assert.equal(doc.actors.find((a) => a.code === 'MEX' && a.sectors.length === 0)?.name, 'Mexico');
  assert.equal(doc.actors.find((a) => a.name.startsWith("Guatemala's"))?.code, 'GTMGOV');
  assert.deepEqual(actor('Antony Blinken')?.ploverSectors, ['Government']);
});

test('clusters: Blinken with "The head of US diplomacy", "Blinken" and "he"; Bárcena with "The foreign minister"', () => {
  const mentionsOf = (name: string): readonly string[] => {
    const a = actor(name);
    assert.ok(a);
    const cluster = doc.entities.find((e) => a.mentions.includes(e.id))?.cluster;
    assert.ok(cluster, `${name} has a cluster`);
    return a.mentions;
  };
  const blinken = mentionsOf('Antony Blinken');
  const barcena = mentionsOf('Alicia Bárcena');
  assert.ok(blinken.length >= 5, `Blinken mentions: ${blinken.join(' ')}`);
  // Entities of one actor share one cluster id in the output.
  const clusters = new Set(doc.entities.filter((e) => blinken.includes(e.id)).map((e) => e.cluster));
  assert.equal(clusters.size, 1);
  assert.ok(barcena.length >= 3);
  assert.ok(!blinken.some((m) => barcena.includes(m)));
});

test('quote speakers are actors: Blinken (also via "he added") and Bárcena (via "The foreign minister")', () => {
  const speakerOf = (quoteStart: string): string | undefined => {
    const q = doc.quotes.find((x) => x.text.includes(quoteStart));
    assert.ok(q, quoteStart);
    return doc.actors.find((a) => a.id === q.speaker)?.name;
  };
  assert.equal(speakerOf('positive results”'), 'Antony Blinken');
  assert.equal(speakerOf('coordinated efforts'), 'Antony Blinken');
  assert.equal(speakerOf('positive impact'), 'Antony Blinken');
  assert.equal(speakerOf('address the root causes'), 'Alicia Bárcena');
  // “the best ways to strengthen”: no speech verb; the words are those of the clause's subject, "they" = Mexico and the US.
  assert.equal(speakerOf('the best ways'), 'Mexico and the United States');
  const group = doc.actors.find((a) => a.name === 'Mexico and the United States');
  assert.deepEqual(group?.members?.map((id) => doc.actors.find((a) => a.id === id)?.code).sort(), ['MEX', 'USA']);
});

test('roles the story states are reported for the actor store, with their evidence sentence', () => {
  const blinken = doc.roles.find((r) => r.name === 'Antony Blinken');
  assert.ok(blinken);
  assert.equal(blinken.country, 'USA');
  assert.equal(blinken.title, 'US Secretary of State');
  assert.ok(text.slice(blinken.start, blinken.end).includes('congratulated'));
  assert.ok(doc.roles.some((r) => r.name === 'Alicia Bárcena' && r.country === 'MEX'));
});

test('US federal bodies named without a country are coded with it (data/actors/organizations.tsv)', () => {
  const coded = createPipeline().code('The Justice Department said on Monday that the Defense Department agreed. The U.S. Immigration and Naturalization Service has given the relatives until Tuesday.', { published: '2000-04-17', id: 'orgs' });
  const codeOf = (name: string) => coded.actors.find((a) => a.name === name)?.code;
  assert.equal(codeOf('Justice Department'), 'USAGOV');
  assert.equal(codeOf('Defense Department'), 'USAMIL');
  assert.equal(codeOf('U.S. Immigration and Naturalization Service'), 'USAGOV');
});

test('heads of state of earlier years are known for the stories of their years (data/actors/people.tsv)', () => {
  const codeOf = (text: string, published: string, name: string) => createPipeline().code(text, { published, id: 'h' }).actors.find((a) => a.name === name)?.code;
  const meeting = 'President Clinton met Prime Minister Blair in London on Monday, and the two leaders talked about the peace process for two hours.';
  assert.equal(codeOf(meeting, '1998-05-04', 'Clinton'), 'USAGOV');
  assert.equal(codeOf(meeting, '1998-05-04', 'Blair'), 'GBRGOV');
  assert.notEqual(codeOf('Clinton spoke in Chicago on Monday about her new book, which she wrote after the election, and about the campaign.', '2017-09-11', 'Clinton'), 'USAGOV');
  assert.equal(codeOf('Libyan leader Moammar Gadhafi agreed in April to hand over the two suspects.', '1999-06-07', 'Moammar Gadhafi'), 'LBYGOV');
});
