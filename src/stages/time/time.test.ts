import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Doc } from '../../core/document.js';
import type { DateMention } from '../../core/layers.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { standardPipelineParts } from '../../pipeline/pipeline.js';

const { stages: STAGES, resources: RESOURCES } = standardPipelineParts();
import { createTimeStage } from './stage.js';

const dataDir = fileURLToPath(new URL('../../../dist/data', import.meta.url));
const time = createTimeStage({ dataDir });
const pipeline = createPipeline({ resources: RESOURCES, stages: [...STAGES.filter((s) => s.name !== 'time' && s.name !== 'quantities'), time] });

function dates(text: string, published: string | null = '2024-01-13'): DateMention[] {
  const doc = pipeline.annotate(text, published !== null ? { published } : {});
  const found = doc.get('dates');
  for (const d of found) assert.equal(text.slice(d.start, d.end), d.text, `span of ${d.id}`);
  return [...found];
}

interface Case { note: string; text: string; expect: Array<{ text: string; type: string; value: string; mod?: string }> }

function check(c: Case): void {
  const got = dates(c.text).map((d) => ({ text: d.text, type: d.type, value: d.value, ...(d.mod ? { mod: d.mod } : {}) }));
  assert.deepEqual(got, c.expect, c.note);
}

// Sentences of the EFE seed story (published Saturday 2024-01-13), quoted as fixtures.
const SEED = [
  'US Secretary of State Antony Blinken congratulated Mexican Foreign Minister Alicia Bárcena on the “positive results” in reducing the number of migrants arriving at the common border, the State Department reported a statement this Saturday.',
  'The head of US diplomacy conveyed this message during the meeting of two high-level delegations from the US and Mexico on Friday in Washington to follow up on the migration crisis in the region.',
  'These measures were agreed during the emergency meeting of both governments on December 27 in Mexico City, as the number of migrants crossing the border reached a record high this month, estimated at more than 300,000.',
  'The situation created a crisis between the United States and Mexico as the Joe Biden administration closed several border points crucial to binational trade for several days.',
  "At Friday's meeting, Blinken also expressed his desire to expand migration cooperation between the United States, Mexico and Guatemala following the inauguration of new Guatemalan President Bernardo Arévalo de León.",
  'For its part, the Mexican Foreign Ministry announced on Friday an agreement for representatives of Mexico and the United States to visit the Darién jungle in Panama, where thousands of migrants pass through every year.',
  'Both committees will meet again in early February, but this time with a focus on fentanyl trafficking.',
].join('\n');

test('seed story: every row of the dates table', () => {
  const got = dates(SEED).map((d) => [d.text, d.type, d.value, d.mod ?? '']);
  assert.deepEqual(got, [
    ['this Saturday', 'DATE', '2024-01-13', ''],
    ['Friday', 'DATE', '2024-01-12', ''],
    ['December 27', 'DATE', '2023-12-27', ''],
    ['this month', 'DATE', '2023-12', ''],
    ['several days', 'DURATION', 'PXD', ''],
    ['Friday', 'DATE', '2024-01-12', ''],
    ['Friday', 'DATE', '2024-01-12', ''],
    ['every year', 'SET', 'P1Y', ''],
    ['early February', 'DATE', '2024-02', 'EARLY'],
  ]);
});

test('seed story: "this month" explains its anchoring in prov', () => {
  const thisMonth = dates(SEED).find((d) => d.text === 'this month')!;
  assert.match(thisMonth.prov.rule ?? '', /event-month/);
  assert.match(thisMonth.prov.reason ?? '', /2023-12-27/);
});

const CASES: Case[] = [
  { note: '"this month" without another month in the sentence is the publication month', text: 'Migrant crossings fell sharply this month, officials said.', expect: [{ text: 'this month', type: 'DATE', value: '2024-01' }] },
  { note: 'future clause: the coming Friday', text: 'The two delegations will meet again on Friday in Mexico City.', expect: [{ text: 'Friday', type: 'DATE', value: '2024-01-19' }] },
  { note: 'past clause: previous Tuesday', text: 'Protesters marched through the capital on Tuesday.', expect: [{ text: 'Tuesday', type: 'DATE', value: '2024-01-09' }] },
  { note: 'future clause: month-day ahead', text: 'The summit will take place on March 12 in Geneva.', expect: [{ text: 'March 12', type: 'DATE', value: '2024-03-12' }] },
  { note: 'explicit full date', text: 'The ceasefire was signed on Oct. 7, 2023, in Cairo.', expect: [{ text: 'Oct. 7, 2023', type: 'DATE', value: '2023-10-07' }] },
  { note: 'last week → ISO week', text: 'The central bank raised rates last week.', expect: [{ text: 'last week', type: 'DATE', value: '2024-W01' }] },
  { note: 'year with preposition', text: 'Inflation peaked in 2023 and has eased since.', expect: [{ text: '2023', type: 'DATE', value: '2023' }] },
  { note: 'decade', text: 'The border fence was first built in the 1990s.', expect: [{ text: 'the 1990s', type: 'DATE', value: '199' }] },
  { note: 'N units ago', text: 'The law was passed two years ago.', expect: [{ text: 'two years ago', type: 'DATE', value: '2022' }] },
  { note: 'range: two DATE mentions, the second inherits month and year', text: 'The talks ran from Jan. 5 to 7 in Doha.', expect: [{ text: 'Jan. 5', type: 'DATE', value: '2024-01-05' }, { text: '7', type: 'DATE', value: '2024-01-07' }] },
  { note: 'clock time on the publication day', text: 'The minister will speak at 3 p.m. in parliament.', expect: [{ text: '3 p.m.', type: 'TIME', value: '2024-01-13T15:00' }] },
  { note: 'clock time takes the day before it', text: 'The vote was held on Thursday at 10:30 a.m. local time.', expect: [{ text: 'Thursday', type: 'DATE', value: '2024-01-11' }, { text: '10:30 a.m.', type: 'TIME', value: '2024-01-11T10:30' }] },
  { note: 'durations with numbers', text: 'The strike lasted 24 hours after a three-week standoff.', expect: [{ text: '24 hours', type: 'DURATION', value: 'PT24H' }, { text: 'three-week', type: 'DURATION', value: 'P3W' }] },
  { note: 'present reference and yesterday', text: 'The government now says the storm hit yesterday.', expect: [{ text: 'now', type: 'DATE', value: 'PRESENT_REF' }, { text: 'yesterday', type: 'DATE', value: '2024-01-12' }] },
  { note: 'quarter in a past clause', text: 'Profits rose 5 percent in the fourth quarter.', expect: [{ text: 'the fourth quarter', type: 'DATE', value: '2023-Q4' }] },
  { note: 'sets', text: 'The committee meets every two weeks and reports annually.', expect: [{ text: 'every two weeks', type: 'SET', value: 'P2W' }, { text: 'annually', type: 'SET', value: 'P1Y' }] },
  { note: 'last year and next month', text: 'Exports fell last year and will recover next month.', expect: [{ text: 'last year', type: 'DATE', value: '2023' }, { text: 'next month', type: 'DATE', value: '2024-02' }] },
  { note: 'mid-month modifier', text: 'Elections are due in mid-March.', expect: [{ text: 'mid-March', type: 'DATE', value: '2024-03', mod: 'MID' }] },
];

for (const c of CASES) test(c.note, () => check(c));

test('without a publication date, relative expressions are underspecified, never resolved against today', () => {
  const got = dates('Officials met on Friday and again on December 27; talks resumed this month, two years ago the law passed, and in 2023 it changed.', null)
    .map((d) => [d.text, d.value]);
  assert.deepEqual(got, [['Friday', 'XXXX-WXX-5'], ['December 27', 'XXXX-12-27'], ['this month', 'XXXX-XX'], ['two years ago', 'XXXX'], ['2023', '2023']]);
});

test('offsets are UTF-16 code units (text with emoji before the date)', () => {
  const text = 'Fans 🎉🎉 celebrated on Friday in Madrid.';
  const [d] = dates(text);
  assert.equal(d.text, 'Friday');
  assert.equal(d.start, text.indexOf('Friday'));
  assert.equal(d.value, '2024-01-12');
});

test('a date-time publication date is used for its day', () => {
  assert.equal(dates('The storm hit yesterday.', '2024-01-13T18:30:00Z')[0].value, '2024-01-12');
});

test('with pos and deps layers, the governing verb decides the tense', () => {
  // The same words read two ways: with "will" as the verb's MD auxiliary → the coming Friday; with a
  // (deliberately contrary) analysis where the verb is VBD and "will" is not its auxiliary → the
  // previous Friday, which the word cues alone ("will" next to the verb) would never give.
  const text = 'Talks will resume Friday .';
  const run = (verbXpos: string, willDeprel: string): string => {
    const pre = createPipeline({ resources: RESOURCES, stages: STAGES.filter((s) => ['language', 'dateline', 'segment'].includes(s.name)) }).annotate(text, { published: '2024-01-13' });
    const doc = new Doc(text, pre.meta);
    for (const name of ['language', 'dateline', 'sentences', 'tokens'] as const) doc.set(name, pre.get(name) as never);
    const tokens = doc.get('tokens');
    assert.deepEqual(tokens.map((t) => t.text), ['Talks', 'will', 'resume', 'Friday', '.']);
    doc.set('pos', { items: [
      { upos: 'NOUN', xpos: 'NNS', lemma: 'talk' }, { upos: 'AUX', xpos: 'MD', lemma: 'will' }, { upos: 'VERB', xpos: verbXpos, lemma: 'resume' },
      { upos: 'PROPN', xpos: 'NNP', lemma: 'Friday' }, { upos: 'PUNCT', xpos: '.', lemma: '.' },
    ], prov: { stage: 'tag', version: 'test' } });
    doc.set('deps', { items: [
      { head: 2, deprel: 'nsubj' }, { head: 2, deprel: willDeprel }, { head: -1, deprel: 'root' }, { head: 2, deprel: 'obl:tmod' }, { head: 2, deprel: 'punct' },
    ], prov: { stage: 'parse', version: 'test' } });
    return (time.run(doc, pipeline.resources).layers.dates ?? [])[0].value;
  };
  assert.equal(run('VB', 'aux'), '2024-01-19');
  assert.equal(run('VBD', 'dep'), '2024-01-12');
});

test('the rules gate splits words as /[^\\p{L}\\p{N}]+/u does, astral letters and lone surrogates included', async () => {
  const { sentenceWords } = await import('./rules.js');
  const bySplit = (s: string): string[] => [...new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
  for (const s of ['On Tuesday, 3 p.m.', 'İstanbul’s “noonday” — ΣΑΒΒΑΤΟ ﬁve', 'x\u0307y \ud835\udc00b\ud800c \udc00d ٣Ⅻ_9', '', '  ']) {
    const got = sentenceWords(s);
    assert.deepEqual([...got.words], bySplit(s));
    assert.equal(got.digit, /\d/.test(s));
  }
});
