import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../pipeline/pipeline.js';
import { standardPipelineParts } from '../../pipeline/pipeline.js';

const { stages: STAGES, resources: RESOURCES } = standardPipelineParts();
import { createTimeStage } from '../time/stage.js';
import { createQuantitiesStage, type QuantityWithUnit } from './stage.js';

const dataDir = fileURLToPath(new URL('../../../dist/data', import.meta.url));
const base = STAGES.filter((s) => s.name !== 'time' && s.name !== 'quantities');
const withTime = createPipeline({ resources: RESOURCES, stages: [...base, createTimeStage({ dataDir }), createQuantitiesStage({ dataDir })] });
const alone = createPipeline({ resources: RESOURCES, stages: [...base, createQuantitiesStage({ dataDir })] });

type Row = [text: string, value: number, qualifier: string, noun: string, unit: string];
function rows(text: string, pipeline = withTime): Row[] {
  const found = pipeline.annotate(text, { published: '2024-01-13' }).get('quantities') as readonly QuantityWithUnit[];
  for (const q of found) assert.equal(text.slice(q.start, q.end), q.text, `span of ${q.id}`);
  return found.map((q) => [q.text, q.value, q.qualifier ?? '', q.noun ?? '', q.unit ?? '']);
}

// Sentences of the EFE seed story (published 2024-01-13), quoted as fixtures.
const SEED = [
  'The head of US diplomacy conveyed this message during the meeting of two high-level delegations from the US and Mexico on Friday in Washington to follow up on the migration crisis in the region.',
  'These measures were agreed during the emergency meeting of both governments on December 27 in Mexico City, as the number of migrants crossing the border reached a record high this month, estimated at more than 300,000.',
  'The situation created a crisis between the United States and Mexico as the Joe Biden administration closed several border points crucial to binational trade for several days.',
  'For its part, the Mexican Foreign Ministry announced on Friday an agreement for representatives of Mexico and the United States to visit the Darién jungle in Panama, where thousands of migrants pass through every year.',
].join('\n');

test('seed story: every quantity of EXPECTED.md, and no date counted', () => {
  for (const pipeline of [withTime, alone]) {
    assert.deepEqual(rows(SEED, pipeline), [
      ['two high-level delegations', 2, '', 'delegations', ''],
      ['more than 300,000', 300000, 'more than', 'migrants', ''],
      ['several border points', 3, 'several', 'points', ''],
      ['several days', 3, 'several', 'days', ''],
      ['thousands of migrants', 1000, 'thousands of', 'migrants', ''],
    ]);
  }
});

const CASES: Array<[note: string, text: string, expect: Row[]]> = [
  ['money with a scale word', 'Washington pledged $3.2 billion in aid.', [['$3.2 billion', 3.2e9, '', '', 'USD']]],
  ['a percentage', 'The central bank held its rate at 5.25%.', [['5.25%', 5.25, '', '', 'percent']]],
  ['"percent" written out, with a qualifier', 'Turnout reached about 61 percent.', [['about 61 percent', 61, 'about', '', 'percent']]],
  ['two dozen', 'Two dozen soldiers were wounded.', [['Two dozen soldiers', 24, '', 'soldiers', '']]],
  ['a fraction with its noun after "of"', 'Nearly a third of voters stayed home.', [['Nearly a third of voters', 1 / 3, 'nearly', 'voters', '']]],
  ['digits with commas', 'Police arrested 1,200 people and seized 35 vehicles.', [['1,200 people', 1200, '', 'people', ''], ['35 vehicles', 35, '', 'vehicles', '']]],
  ['number words with a hyphen', 'Twenty-four migrants were rescued at sea.', [['Twenty-four migrants', 24, '', 'migrants', '']]],
  ['a currency name after the number', 'The fine was 500,000 pesos.', [['500,000 pesos', 500000, '', '', 'MXN']]],
  ['an estimate', 'An estimated 40,000 people fled the fighting.', [['An estimated 40,000 people', 40000, 'an estimated', 'people', '']]],
];
for (const [note, text, expect] of CASES) test(note, () => assert.deepEqual(rows(text), expect));

const NONE: Array<[string, string]> = [
  ['dates and years are not counts', 'The meeting on December 27, 2023 was the first since 2019.'],
  ['clock times are not counts', 'The vote opens at 3 p.m. and closes at 10:30 p.m.'],
  ['"one" as a pronoun', 'One of them said no one was hurt.'],
];
for (const [note, text] of NONE) test(`no quantity: ${note}`, () => assert.deepEqual(rows(text), []));
