import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { EventArgument, EventRecord } from '../core/layers.js';
import { argumentCountry, codeAccepted, scoreGsrEvents, scoreJudged, scoreSeed, sentenceOf, type CodedEvents } from './events.js';
import type { GoldActor, GsrRecord } from './gsr.js';
import { SEED_EVENTS, SEED_HEADLINE, type ExpectedEvent } from './seed-events.js';

function event(sentence: number, code: string, source: EventArgument | null, target: EventArgument | null, date: string, trigger: [number, number], ploverType = 'CONSULT', confidence = 0.5): EventRecord {
  return {
    id: `ev${sentence}-${code}`,
    sentence,
    trigger: { text: 'x', start: trigger[0], end: trigger[1] },
    source,
    target,
    cameo: { code, root: code.slice(0, 2), quadClass: 1, goldstein: 1 },
    plover: { type: ploverType, contexts: [] },
    date: { value: date, precision: date.length === 10 ? 'day' : 'month', basis: 'text' },
    place: null,
    modality: { negated: false, future: false, hypothetical: false },
    confidence,
    rule: 'test',
    coder: 'test',
  };
}

test('codeAccepted: exact codes and 03* prefixes', () => {
  assert.ok(codeAccepted('031', ['057', '03*']));
  assert.ok(codeAccepted('057', ['057', '03*']));
  assert.ok(!codeAccepted('043', ['042', '03*']));
  assert.ok(!codeAccepted('0', ['03*']));
});

test('argumentCountry: the actor’s country, else the code’s first block; non-state blocks as such', () => {
  const actors = [
    { id: 'a1', country: 'USA', code: 'USAGOV' },
    { id: 'a2', country: '', code: 'IGOUNO' },
  ];
  assert.equal(argumentCountry({ code: 'USAGOV', actor: 'a1' }, actors), 'USA');
  assert.equal(argumentCountry({ code: 'MEXGOV' }, actors), 'MEX');
  assert.equal(argumentCountry({ code: 'IGOUNO', actor: 'a2' }, actors), 'IGO');
  assert.equal(argumentCountry({ code: '---GOV' }, actors), '');
  assert.equal(argumentCountry(null, actors), '');
});

// Three sentences: a headline, then two sentences with one expected event each.
const TEXT = 'Big Headline Here\nThe US hosted Mexico on Friday. Mexico will deport migrants.';
const DOC_SENTENCES = [
  { start: 0, end: 17 },
  { start: 18, end: 49 },
  { start: 50, end: 78 },
];
const EXPECTED: ExpectedEvent[] = [
  { n: 1, sentence: 'The US hosted', summary: 'hosting', codes: ['043', '04*'], dyads: [{ source: ['USA'], target: ['MEX'] }], dates: ['2024-01-12'] },
  { n: 2, sentence: 'will deport', summary: 'deport', codes: ['174'], dyads: [{ source: ['MEX'], target: '*' }], dates: null },
];

test('sentenceOf finds the sentence holding a phrase', () => {
  assert.equal(sentenceOf({ text: TEXT, sentences: DOC_SENTENCES }, 'will deport'), 2);
  assert.equal(sentenceOf({ text: TEXT, sentences: DOC_SENTENCES }, 'absent'), -1);
});

test('scoreSeed: best event per expected sentence, dyad and date, headline and extra events', () => {
  const doc: CodedEvents = {
    text: TEXT,
    sentences: DOC_SENTENCES,
    actors: [],
    events: [
      event(0, '010', { code: 'USA' }, null, '2024-01-13', [4, 12]), // in the headline
      event(1, '042', { code: 'MEXGOV' }, { code: 'USAGOV' }, '2024-01-12', [25, 31]), // acceptable code, wrong direction
      event(1, '043', { code: 'USAGOV' }, { code: 'MEXGOV' }, '2024-01-19', [25, 31]), // acceptable code, right dyad, wrong date
      event(2, '174', { code: 'MEXGOV' }, null, '2024-01-13', [61, 67]), // right (target any, date any)
      event(2, '010', { code: 'MEXGOV' }, null, '2024-01-13', [56, 60]), // extra
    ],
  };
  const s = scoreSeed(doc, EXPECTED, 'Big Headline Here');
  assert.equal(s.results[0].event?.cameo.code, '043'); // the dyad outweighs the date
  assert.deepEqual([s.results[0].code, s.results[0].dyad, s.results[0].date], [true, true, false]);
  assert.deepEqual([s.results[1].code, s.results[1].dyad, s.results[1].date], [true, true, true]);
  assert.deepEqual([s.code, s.codeDyad, s.full], [2, 2, 1]);
  assert.deepEqual(
    s.headline.map((e) => e.cameo.code),
    ['010'],
  );
  assert.deepEqual(
    s.extra.map((e) => `${e.sentence}:${e.cameo.code}`),
    ['2:010'],
  );
});

test('the seed fixture has the ten events of EXPECTED.md with phrases that occur once in the story', () => {
  const story = readFileSync(new URL('../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');
  for (const phrase of [SEED_HEADLINE, ...SEED_EVENTS.map((e) => e.sentence)]) assert.equal(story.split(phrase).length, 2, phrase);
  assert.deepEqual(
    SEED_EVENTS.map((e) => e.n),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  for (const e of SEED_EVENTS) assert.ok(e.codes.length > 0 && e.dyads.length > 0, `event ${e.n}`);
});

const actor = (text: string, country: string, role: 'source' | 'target', code = country): GoldActor => ({ text, code, country, sector: '', role });
const record = (id: string, event: string, actors: GoldActor[], joint = false): GsrRecord => ({ id, event, mode: '', context: '', date: '2000-01-01', text: id, markup: '', actors, joint });

test('scoreGsrEvents: type accuracy with PLOVER 0.5 names mapped, confusions, source/target agreement', () => {
  const records = [
    record('r1', 'DEMAND', [actor('Greece', 'GRC', 'source'), actor('EC', '', 'target', 'IGO')]),
    record('r2', 'FIGHT', [actor('Serb forces', 'SRB', 'source'), actor('Albanians', 'ALB', 'target')]),
    record('r3', 'AGREE', [actor('Jordan', 'JOR', 'source'), actor('Britain', 'GBR', 'source')], true),
    record('r4', 'DISAPPROVE', [actor('Albania', 'ALB', 'source')]),
    record('r5', 'PROTEST', []),
  ];
  const predictions: Record<string, Pick<CodedEvents, 'events' | 'actors'>> = {
    // REQUEST coded twice: the one with the right dyad is the match.
    r1: { actors: [], events: [event(0, '100', { code: 'USA' }, null, '', [0, 1], 'REQUEST'), event(0, '100', { code: 'GRCGOV' }, { code: 'IGOEEC' }, '', [0, 1], 'REQUEST')] },
    r2: { actors: [], events: [event(0, '190', { code: 'SRBMIL' }, { code: 'MKD' }, '', [0, 1], 'ASSAULT')] },
    r3: { actors: [], events: [event(0, '030', { code: 'JOR' }, { code: 'GBR' }, '', [0, 1], 'AGREE')] },
    r4: { actors: [], events: [event(0, '111', { code: 'ALB' }, null, '', [0, 1], 'REJECT')] },
    r5: { actors: [], events: [] },
  };
  const s = scoreGsrEvents(records, (r) => predictions[r.id]);
  assert.equal(s.records, 5);
  assert.equal(s.right, 3);
  assert.equal(s.noEvents, 1);
  assert.deepEqual(s.byType.get('REQUEST'), { total: 1, correct: 1 });
  assert.deepEqual(s.byType.get('ACCUSE'), { total: 1, correct: 0 });
  // Source: r1 ✓, r2 ✓, r3 ✓ (joint: either actor); target: r1 ✓ (IGO), r2 ✗ (MKD ≠ ALB), r3 ✓.
  assert.deepEqual(s.source, { total: 3, correct: 3 });
  assert.deepEqual(s.target, { total: 3, correct: 2 });
  assert.deepEqual(s.confusions, [
    { gold: 'ACCUSE', coded: 'REJECT', count: 1 },
    { gold: 'PROTEST', coded: 'none', count: 1 },
  ]);
  assert.equal(s.cases[0].matched?.source?.code, 'GRCGOV');
});

test('scoreJudged: judged events coded now, right in type and dyad; unjudged ones listed; judged ones no longer coded', () => {
  const src = (code: string): EventArgument => ({ code });
  const judged = [
    { doc: 'a', at: 5, code: '040', source: 'USA', target: 'MEX', type: true, dyad: true },
    { doc: 'a', at: 9, code: '183', source: 'KEN', target: '', type: true, dyad: false },
    { doc: 'b', at: 2, code: '064', source: 'POL', target: 'HUN', type: false, dyad: false },
    { doc: 'b', at: 7, code: '020', source: 'CUB', target: 'USA', type: true, dyad: true },
  ];
  const stories = [
    { id: 'a', events: [event(0, '040', src('USA'), src('MEX'), '2000', [5, 9]), event(0, '183', src('KEN'), null, '2000', [9, 14]), event(1, '190', src('USA'), src('SDN'), '2000', [20, 25])] },
    { id: 'b', events: [] },
  ];
  const s = scoreJudged(stories, judged);
  assert.equal(s.coded, 3);
  assert.equal(s.judged, 2);
  assert.equal(s.typeRight, 2);
  assert.equal(s.bothRight, 1);
  assert.deepEqual(s.unjudged, ['a [20] 190 USA → SDN']);
  assert.equal(s.lostRight, 1);
  assert.equal(s.removedWrong, 1);
});
