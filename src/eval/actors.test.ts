import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorAt, actorViews, scoreActors, sectorMatches, type ActorView } from './actors.js';
import { currentPloverType, goldSector, isoCountry, locateActor, occurrences, readGsr, type GsrRecord } from './gsr.js';

const RAW = JSON.stringify([
  { id: 'X-DOCUMENT-0001', event: 'DOCUMENT', eventText: 'docs' },
  {
    id: 'X-AGREE-0001',
    date: '2000-01-01',
    event: 'AGREE',
    source: [
      { actorText: 'Hungarian', code: 'HUN', sector: 'GOV' },
      { actorText: 'Romanian', code: 'ROU', sector: '***' },
    ],
    target: '',
    text: 'Senior Hungarian and Romanian officials agreed that Romanian refugees should return.',
    textInfo: { markup: 'Senior (SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials (EVT: agreed) that Romanian refugees should return.' },
  },
  {
    id: 'X-DEMAND-0001',
    date: '2000-01-01',
    event: 'DEMAND',
    mode: '',
    source: [{ actorText: 'Tokyo', code: 'JAP', sector: 'CIV' }],
    target: [{ actorText: ' Asia-Pacific  Forum', code: 'IGO' }],
    text: 'Tokyo asked the Asia-Pacific Forum to act.',
    textInfo: { markup: '(SRC: Tokyo) (EVT: asked) the (TAR: Asia-Pacific Forum) to act.' },
  },
]);

test('readGsr skips DOCUMENT records, reads actors from lists only, maps codes and sectors', () => {
  const records = readGsr(RAW);
  assert.equal(records.length, 2);
  assert.deepEqual(
    records[0].actors.map((a) => [a.text, a.country, a.sector, a.role]),
    [
      ['Hungarian', 'HUN', 'GOV', 'source'],
      ['Romanian', 'ROU', '', 'source'],
    ],
  );
  assert.deepEqual(
    records[1].actors.map((a) => [a.text, a.country, a.sector, a.role]),
    [
      ['Tokyo', 'JPN', 'CVL', 'source'],
      ['Asia-Pacific Forum', '', '', 'target'],
    ],
  );
  assert.equal(isoCountry('ITL'), 'ITA');
  assert.equal(isoCountry('VTN'), 'VNM');
  assert.equal(isoCountry('IMG'), '');
  assert.equal(goldSector('REBkur'), 'REB');
  assert.equal(goldSector('***'), '');
  assert.equal(currentPloverType('DEMAND'), 'REQUEST');
  assert.equal(currentPloverType('FIGHT'), 'ASSAULT');
  assert.equal(currentPloverType('AGREE'), 'AGREE');
});

test('occurrences are word-bounded and case-insensitive', () => {
  assert.deepEqual(occurrences('The UN and UNITA met the un envoy in unrest', 'UN'), [4, 25]);
  assert.deepEqual(occurrences('Croatia said Croatian extremists', 'Croatia'), [0]);
});

test('locateActor takes the occurrence the markup tags, and the first part of a discontinuous text', () => {
  const text = 'The United States said it would deny entry to the United States to all rebels.';
  const markup = 'The United States said it would deny entry to the (TAR: United States) to all rebels.';
  assert.deepEqual(locateActor(text, markup, { text: 'United States', role: 'target' }), { start: 50, end: 63 });
  assert.deepEqual(locateActor(text, markup, { text: 'United States', role: 'source' }), { start: 4, end: 17 });
  assert.deepEqual(locateActor('Sierra Leonean and Liberian refugees', '', { text: 'Sierra Leonean ... refugees', role: 'target' }), { start: 0, end: 14 });
  assert.equal(locateActor('Nothing here', '', { text: 'Ghana', role: 'source' }), null);
});

test('actorViews resolves mention ids through entities and mentions; actorAt takes the largest overlap', () => {
  const views = actorViews(
    [
      { id: 'a1', name: 'Warren Christopher', code: 'USAGOV', country: 'USA', sectors: ['GOV'], mentions: ['e1', 'm9'] },
      { id: 'a2', name: 'United States', code: 'USA', country: 'USA', sectors: [], mentions: ['e2'] },
    ],
    [
      { id: 'e1', start: 24, end: 42 },
      { id: 'e2', start: 0, end: 4 },
      { id: 'm9', start: 50, end: 52 },
    ],
  );
  assert.deepEqual(views[0].spans, [
    { start: 24, end: 42 },
    { start: 50, end: 52 },
  ]);
  // Gold "U.S. Secretary of State Warren Christopher" = [0, 42): overlaps both; a1 overlaps more.
  assert.equal(actorAt(views, { start: 0, end: 42 })?.id, 'a1');
  assert.equal(actorAt(views, { start: 0, end: 3 })?.id, 'a2');
  assert.equal(actorAt(views, { start: 43, end: 49 }), null);
});

test('sectorMatches accepts the sector or its equivalents, compared on the first three letters', () => {
  assert.ok(sectorMatches('GOV', ['MIL', 'GOV']));
  assert.ok(sectorMatches('CVL', ['CIV']));
  assert.ok(sectorMatches('JRN', ['MED']));
  assert.ok(!sectorMatches('REB', ['OPP']));
});

test('scoreActors counts coverage, country (state and non-state apart) and sector', () => {
  const records: GsrRecord[] = readGsr(RAW);
  const view = (id: string, country: string, sectors: string[], start: number, end: number, code = country): ActorView => ({ id, name: id, code, country, sectors, spans: [{ start, end }] });
  const s = scoreActors(records, (r) =>
    r.id === 'X-AGREE-0001'
      ? [view('hu', 'HUN', ['GOV'], 7, 16)] // Hungarian right; Romanian not found
      : [view('tk', 'JPN', ['GOV'], 0, 5), view('apf', '', ['IGO'], 15, 33, 'IGO')],
  );
  assert.equal(s.gold, 4);
  assert.equal(s.located, 4);
  assert.equal(s.covered, 3);
  // Countries: Hungarian ✓, Romanian (missed), Tokyo ✓ → 2 of 3 state actors; the IGO ✓.
  assert.deepEqual(s.country, { total: 3, covered: 2, correct: 2 });
  assert.deepEqual(s.nonState, { total: 1, covered: 1, correct: 1 });
  // Sectors: Hungarian GOV ✓, Tokyo CVL ✗ (we said GOV); Romanian and the IGO have none.
  assert.deepEqual(s.sector, { total: 2, covered: 2, correct: 1 });
});
