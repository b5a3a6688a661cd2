import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterAll, compare, componentOf, componentOfBatched, MemoryIndex } from './linker.js';
import { dateInterval, type LinkMention } from './mention.js';
import { containment, isCopy, signature } from './minhash.js';

const WASHINGTON = { name: 'Washington, D.C.', country: 'USA', lat: 38.9, lon: -77.04, level: 'site' as const };
const MEXICO_CITY = { name: 'Mexico City', country: 'MEX', lat: 19.43, lon: -99.13, level: 'site' as const };

function m(id: string, over: Partial<LinkMention> = {}): LinkMention {
  return {
    id, documentId: id.split('#')[0], published: '2024-01-13', sentence: 0,
    source: 'USAGOV', sourceName: null, target: 'MEXGOV', targetName: null,
    cameo: '040', root: '04', plover: 'CONSULT', negated: false, future: false, hypothetical: false,
    date: '2024-01-12', precision: 'day', basis: 'text', place: WASHINGTON, ...over,
  };
}

const shape = (clusters: ReturnType<typeof clusterAll>): string[][] => clusters.map((c) => c.members).sort((a, b) => a[0].localeCompare(b[0]));

test('"A hosted B" and "B visited A" on the same day at the same place are one event, also in one article', () => {
  const hosted = m('a#ev1', { cameo: '043' });
  const visited = m('a#ev2', { cameo: '042', source: 'MEXGOV', target: 'USA' });
  const c = compare(hosted, visited);
  assert.ok(c, 'compatible');
  assert.match(c.reason, /unordered: symmetric act/);
  assert.deepEqual(shape(clusterAll([hosted, visited])), [['a#ev1', 'a#ev2']]);
  // Not symmetric: "A criticised B" and "B criticised A" stay apart.
  const ab = m('b#ev1', { cameo: '111', root: '11', plover: 'DISAPPROVE' });
  const ba = m('b#ev2', { cameo: '111', root: '11', plover: 'DISAPPROVE', source: 'MEXGOV', target: 'USAGOV' });
  assert.equal(compare(ab, ba), null);
});

test('different day, different place, other dyad, other type or other modality: separate events', () => {
  const base = m('a#ev1');
  assert.equal(compare(base, m('b#ev1', { date: '2024-01-11' })), null);
  assert.equal(compare(base, m('b#ev1', { place: MEXICO_CITY })), null);
  assert.equal(compare(base, m('b#ev1', { source: 'JPNGOV', target: 'AUSGOV' })), null);
  assert.equal(compare(base, m('b#ev1', { cameo: '172', root: '17', plover: 'COERCE' })), null);
  assert.equal(compare(base, m('b#ev1', { negated: true })), null);
  assert.ok(compare(base, m('b#ev1', { place: null })), 'a report without a place fits');
  assert.ok(compare(base, m('b#ev1', { source: 'USA' })), 'USA refines to USAGOV');
});

test('a vaguer report joins the one cluster it fits, and founds its own when it fits several', () => {
  const washington = m('a#ev1');
  const mexicoCity = m('b#ev1', { date: '2024-01-20', place: MEXICO_CITY });
  const january = m('c#ev1', { date: '2024-01', precision: 'month', place: null });
  const published = m('d#ev1', { date: '2024-01-13', basis: 'published', place: null });
  const clusters = clusterAll([washington, mexicoCity, january, published]);
  assert.deepEqual(shape(clusters), [['a#ev1', 'd#ev1'], ['b#ev1'], ['c#ev1']]);
  const january1 = clusters.find((c) => c.members.includes('c#ev1'));
  assert.match(january1?.decisions[0].reason ?? '', /ambiguous: fits 2/);
  const joined = clusters.find((c) => c.members.includes('d#ev1'))?.decisions.find((d) => d.mention === 'd#ev1');
  assert.equal(joined?.partner, 'a#ev1');
  assert.match(joined?.reason ?? '', /joined the only cluster it fits/);
  assert.ok((joined?.score ?? 0) > 0.5 && (joined?.score ?? 1) < 1);
  // Without the Mexico City meeting, the month report is no longer ambiguous.
  assert.deepEqual(shape(clusterAll([washington, january])), [['a#ev1', 'c#ev1']]);
});

test('clusters do not depend on the order of the mentions', () => {
  const mentions = [
    m('efe#ev2'), m('ap#ev1', { source: 'USA', place: null }), m('wire#ev1', { cameo: '043', place: null }),
    m('diario#ev1', { cameo: '042', source: 'MEXGOV', target: 'USA', place: null }), m('x#ev1', { date: '2024-01', precision: 'month', place: null }),
    m('y#ev1', { date: '2024-01-12', place: MEXICO_CITY }), m('z#ev1', { date: '2024-01-13', basis: 'published', place: null }),
    m('jp#ev1', { source: 'JPNGOV', target: 'AUSGOV', place: null }),
  ];
  const expected = JSON.stringify(clusterAll(mentions));
  for (let seed = 1; seed <= 20; seed++) {
    const shuffled = [...mentions];
    let s = seed;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    assert.equal(JSON.stringify(clusterAll(shuffled)), expected);
  }
});

test('a syndicated near-copy is recognised; a different story on the same subject is not', () => {
  const wire = 'WASHINGTON (AP) — U.S. Secretary of State Antony Blinken met with Mexican Foreign Minister Alicia Bárcena at the State Department on Friday, as the two governments try to keep down the number of migrants reaching their shared border. Illegal crossings have dropped since late December, when record numbers of people arrived at the border and U.S. authorities temporarily shut several rail and road crossings in Texas and Arizona. Homeland Security Secretary Alejandro Mayorkas also took part.';
  const reprint = 'US, Mexico officials meet on migration\n\n' + wire.replace(' Homeland Security Secretary Alejandro Mayorkas also took part.', '');
  const other = 'Mexican Foreign Minister Alicia Bárcena visited Washington on Friday at the head of a delegation that included the defense and navy secretaries. The trip followed an emergency meeting in Mexico City on December 27, when the number of migrants crossing the border reached a record.';
  assert.ok(containment(signature(wire), signature(reprint)) > 0.8);
  assert.equal(isCopy(signature(wire), signature(reprint)), true);
  assert.equal(isCopy(signature(wire), signature(other)), false);
  assert.equal(isCopy(signature('Talks resumed.'), signature('Talks resumed.')), false, 'too short to tell');
});

test('dates without a calendar year (no publication date) give an empty interval; weeks and quarters the year', () => {
  const empty = dateInterval({ date: 'XXXX-XX-XX', precision: 'day', basis: 'published' });
  assert.ok(empty.lo > empty.hi, 'an empty interval overlaps nothing');
  assert.deepEqual(dateInterval({ date: 'XXXX-WXX-5', precision: 'day', basis: 'text' }), empty);
  assert.deepEqual(dateInterval({ date: '2024-W02', precision: 'day', basis: 'text' }), { lo: '2024-01-01', hi: '2024-12-31', width: 3 });
  assert.deepEqual(dateInterval({ date: '2024-Q1', precision: 'month', basis: 'text' }), { lo: '2024-01-01', hi: '2024-12-31', width: 3 });
  assert.deepEqual(dateInterval({ date: '2024-02', precision: 'month', basis: 'text' }), { lo: '2024-02-01', hi: '2024-02-29', width: 2 });
  assert.deepEqual(dateInterval({ date: '2024-01-13', precision: 'day', basis: 'published' }), { lo: '2024-01-11', hi: '2024-01-13', width: 1 });
});

test('the component found a frontier at a time (one lookup per frontier) is the one found a mention at a time', async () => {
  // A chain: a day report, a publication-dated report two days later, a month report, and an unrelated meeting.
  const mentions = [
    m('a#ev1'),
    m('b#ev1', { date: '2024-01-14', basis: 'published', published: '2024-01-14' }),
    m('c#ev1', { date: '2024-01', precision: 'month', place: null }),
    m('d#ev1', { source: 'JPNGOV', target: 'AUSGOV' }),
    m('e#ev1', { date: '2024-01-20', place: MEXICO_CITY }),
  ];
  const index = new MemoryIndex(mentions);
  let lookups = 0;
  const batched = {
    candidates: async (ms: readonly LinkMention[]): Promise<LinkMention[][]> => {
      lookups++;
      return ms.map((x) => [...index.candidates(x)]);
    },
  };
  const ids = (list: LinkMention[]): string[] => list.map((x) => x.id).sort();
  assert.deepEqual(ids(await componentOfBatched([mentions[1]], batched)), ids(componentOf([mentions[1]], index)));
  assert.deepEqual(ids(await componentOfBatched([mentions[1]], batched)), ['a#ev1', 'b#ev1', 'c#ev1', 'e#ev1']);
  lookups = 0;
  assert.deepEqual(ids(await componentOfBatched([mentions[3], mentions[3]], batched)), ['d#ev1']);
  assert.equal(lookups, 1, 'a seed with no compatible candidate: one lookup');
});
