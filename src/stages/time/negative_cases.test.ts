import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createPipeline } from '../../pipeline/pipeline.js';
import { standardPipelineParts } from '../../pipeline/pipeline.js';

const { stages: STAGES, resources: RESOURCES } = standardPipelineParts();
import { createTimeStage } from './stage.js';

const dataDir = fileURLToPath(new URL('../../../dist/data', import.meta.url));
const pipeline = createPipeline({ resources: RESOURCES, stages: [...STAGES.filter((s) => s.name !== 'time' && s.name !== 'quantities'), createTimeStage({ dataDir })] });
const texts = (text: string): string[] => pipeline.annotate(text, { published: '2024-01-13' }).get('dates').map((d) => d.text);

const NONE: Array<[string, string]> = [
  ['"march" as a verb', 'She will march on despite the ban.'],
  ['a percentage is not a time', 'The central bank held its rate at 5.25% for the fourth time.'],
  ['"may" as a modal, even capitalised at the start', 'May the talks succeed, the bishop said. Officials may meet again.'],
  ['a company name with a day name', 'Sun Microsystems shares rose sharply.'],
  ['an age is not a duration', 'A 30-year-old man was arrested.'],
  ['a bond tenor is not a duration', 'The 10-year note yield fell.'],
  ['"the fall of" is not autumn', 'They remembered the fall of the Berlin Wall.'],
  ['a product name with a year-like number', 'The bank still runs Windows 2000 on its servers.'],
  ['a count of people is not a year', 'Police said 2000 protesters gathered.'],
  ['"now that" is a conjunction', 'Now that the ceasefire holds, aid can flow.'],
  ['"a quarter of" is a fraction', 'A quarter of the vote went to the opposition.'],
  ['a stray abbreviation or first name', 'Jan Kowalski and Aug Schmidt spoke.'],
];
for (const [note, text] of NONE) test(`no date: ${note}`, () => assert.deepEqual(texts(text), []));

test("a possessive day name is still a date: \"Friday's meeting\" → the previous Friday", () => {
  const doc = pipeline.annotate("At Friday's meeting, Blinken also expressed his desire to expand cooperation.", { published: '2024-01-13' });
  const [d] = doc.get('dates');
  assert.equal(d.text, 'Friday');
  assert.equal(d.value, '2024-01-12');
});

test('"May" with a day is a month', () => {
  assert.deepEqual(texts('Elections were held on May 5.'), ['May 5']);
});

test('a date that does not exist is not coded, and the document says so', () => {
  const doc = createPipeline().code('The vote was set for February 30, 2024, and the count for 31 April, officials said. It ended on February 29.', { published: '2024-03-01' });
  assert.ok(!doc.dates.some((d) => /-02-30|-04-31/.test(d.value)), JSON.stringify(doc.dates.map((d) => d.value)));
  assert.deepEqual(
    doc.diagnostics.filter((d) => d.code === 'DATE_IMPOSSIBLE').map((d) => doc.text.slice(d.start, d.end)),
    ['February 30', '31 April'],
  );
  assert.ok(doc.dates.some((d) => d.value === '2024-02-29'), 'February 29 of a leap year is a date');
});
