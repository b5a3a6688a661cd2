import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodedDocument } from '../core/contract.js';
import { createPipeline, normalizePublished } from './pipeline.js';
import { validateStages } from './runner.js';
import { locatedAnnotations, spanProblems } from './spans.js';
import type { Stage } from './stage.js';

const seed = readFileSync(new URL('../../examples/efe-2024-01-13-us-mexico-migration.txt', import.meta.url), 'utf8');
const pipeline = createPipeline();

function assertSpans(doc: CodedDocument): void {
  assert.deepEqual(spanProblems(doc), []);
  assert.ok(locatedAnnotations(doc).length > 0);
}

test('the seed story: every span matches its text slice, the dateline is outside every sentence', () => {
  const doc = pipeline.code(seed, { published: '2024-01-13', id: 'efe' });
  assertSpans(doc);
  assert.equal(doc.dateline?.text, 'Washington, (EFE).-');
  assert.equal(doc.source, 'EFE', 'the dateline agency becomes the source');
  for (const s of doc.sentences) assert.ok(s.start >= doc.dateline!.end);
  assert.equal(doc.sentences.length, 14);
  assert.equal(doc.text.slice(doc.sentences[4].start, doc.sentences[4].end), 'Joint Action Between the United States and Mexico');
  assert.equal(doc.language, 'en');
  assert.equal(doc.published, '2024-01-13');
});

test('spans stay exact with emoji, flags and mathematical letters outside the BMP', () => {
  const text = 'Protesters 😠 marched in Kyiv 🇺🇦 on Monday.\n𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: the minister resigned 👏👏. Officials said more would follow in the coming weeks.';
  const doc = pipeline.annotate(text, { published: '2024-01-13' });
  for (const t of doc.get('tokens')) assert.equal(text.slice(t.start, t.end), t.text);
  assertSpans(pipeline.code(text, { published: '2024-01-13' }));
});

test('the output contract has every field, also for layers no stage fills yet', () => {
  const doc = pipeline.code('Blinken met Bárcena in Washington on Friday, officials said.', { published: '2024-01-13' });
  for (const key of ['id', 'published', 'language', 'text', 'sentences', 'entities', 'actors', 'dates', 'places', 'quantities', 'quotes', 'events', 'diagnostics']) {
    assert.ok(key in doc, `missing ${key}`);
  }
  assert.ok(Array.isArray(doc.events));
});

test('documents in an unsupported language are kept with a diagnostic and not coded', () => {
  const spanish = 'El secretario de Estado de Estados Unidos felicitó a la canciller mexicana por los resultados positivos en la reducción del número de migrantes que llegan a la frontera común.';
  const doc = pipeline.code(spanish, { published: '2024-01-13' });
  assert.equal(doc.language, 'es');
  assert.deepEqual(doc.sentences, []);
  assert.ok(doc.diagnostics.some((d) => d.code === 'LANGUAGE_UNSUPPORTED'));
});

test('publication dates: ISO dates accepted, others reported and never replaced by today', () => {
  assert.equal(normalizePublished('2024-01-13'), '2024-01-13');
  assert.equal(normalizePublished('2024-01-13 10:00:00Z'), '2024-01-13T10:00:00Z');
  assert.equal(normalizePublished('2024-02-30'), undefined);
  assert.equal(normalizePublished('13/01/2024'), undefined);
  const doc = pipeline.code('Officials met on Friday in Washington to discuss the border.', { published: 'last Saturday' });
  assert.equal(doc.published, null);
  assert.ok(doc.diagnostics.some((d) => d.code === 'PUBLISHED_INVALID'));
});

test('the runner refuses stage lists that read unwritten layers or write a layer twice', () => {
  const reader: Stage = { name: 'r', version: '1', reads: ['tokens'], writes: ['entities'], run: () => ({ layers: {} }) };
  assert.throws(() => validateStages([reader]), /reads 'tokens'/);
  const twice: Stage = { name: 't', version: '1', reads: [], writes: ['dateline'], run: () => ({ layers: { dateline: null } }) };
  assert.throws(() => validateStages([twice, twice]), /already wrote|writes 'dateline'/);
});

test('a stage that throws becomes a diagnostic; the document is still returned', () => {
  const broken: Stage = { name: 'broken', version: '1', reads: [], writes: ['events'], run: () => { throw new Error('boom'); } };
  const p = createPipeline({ stages: [...pipeline.stages.filter((s) => s.name !== 'events'), broken] });
  const doc = p.code('Blinken met Bárcena.', { published: '2024-01-13' });
  assert.ok(doc.diagnostics.some((d) => d.code === 'STAGE_FAILED' && d.message.includes('boom')));
  assert.ok(doc.sentences.length === 1);
});

test('codeBatch gives the same documents as code, in input order, halted documents included', () => {
  const texts = [
    seed,
    'Mexico and Guatemala signed a border agreement on Monday in Guatemala City.',
    'El secretario de Estado de Estados Unidos felicitó a la canciller mexicana por los resultados positivos en la reducción del número de migrantes.',
    '',
  ];
  const options = { published: '2024-01-13' };
  const batch = pipeline.codeBatch(texts.map((text, i) => ({ text, options: { ...options, id: `d${i}` } })));
  const single = texts.map((text, i) => pipeline.code(text, { ...options, id: `d${i}` }));
  assert.deepEqual(batch, single);
  assert.deepEqual(batch.map((d) => d.id), ['d0', 'd1', 'd2', 'd3']);
});

test('short, name-heavy English that franc ranks just below French is still coded as English', () => {
  const doc = pipeline.code('"We will not accept new sanctions," President Emmanuel Macron said on Monday.', { published: '2024-01-13' });
  assert.equal(doc.language, 'en');
  assert.equal(doc.sentences.length, 1);
  assert.ok(doc.diagnostics.some((d) => d.code === 'LANGUAGE_UNCERTAIN'));
});
