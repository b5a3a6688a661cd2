import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import type { CodedDocument } from '../core/contract.js';
import type { Actor, EventRecord, Place } from '../core/layers.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';
import { exportChunks, loadExportLookups, type ExportFormat, type ExportLookups } from './index.js';

const prov = { stage: 'test', version: '1' };

const textA = 'Mexican President Andrés Manuel López Obrador met US Secretary of State Antony Blinken in Mexico City on Friday. Police in Chiapas did not arrest the migrants.';
const textB = 'The United Nations criticised Russia in February. The United Nations said it was concerned.';

function at(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  assert.ok(start >= 0, words);
  return { start, end: start + words.length };
}

function place(id: string, text: string, words: string, p: Omit<Place, 'id' | 'text' | 'start' | 'end' | 'prov'>): Place {
  return { id, text: words, ...at(text, words), ...p, prov };
}

function actor(id: string, name: string, code: string, country: string, sectors: string[], title?: string): Actor {
  return { id, name, code, country, sectors, ...(title ? { title } : {}), mentions: [], prov };
}

const base = { entities: [], roles: [], dates: [], quantities: [], quotes: [], diagnostics: [] };
const event = (e: Partial<EventRecord> & Pick<EventRecord, 'id' | 'sentence' | 'trigger' | 'source' | 'target' | 'cameo' | 'plover' | 'date'>): EventRecord => ({
  place: null,
  modality: { negated: false, future: false, hypothetical: false },
  confidence: 0.9,
  rule: 'test-rule',
  coder: 'herodotus-events/1.0.0',
  ...e,
});

const mexicoCity = place('p1', textA, 'Mexico City', { name: 'Mexico City', country: 'MEX', admin1: '09', lat: 19.4285, lon: -99.1277, geonameId: 3530597, featureCode: 'PPLC' });
const chiapas = place('p2', textA, 'Chiapas', { name: 'Chiapas', country: 'MEX', admin1: '05', lat: 16.5, lon: -92.5, geonameId: 3531011, featureCode: 'ADM1' });

const docA: CodedDocument = {
  id: 'story-a',
  published: '2024-01-13',
  language: 'en',
  source: 'EFE',
  url: 'https://www.example.org/news/a',
  text: textA,
  sentences: [at(textA, textA.slice(0, textA.indexOf(' Police'))), at(textA, 'Police in Chiapas did not arrest the migrants.')],
  ...base,
  actors: [actor('a1', 'Andrés Manuel López Obrador', 'MEXGOV', 'MEX', ['GOV'], 'President'), actor('a2', 'Antony Blinken', 'USAGOV', 'USA', ['GOV'], 'Secretary of State'), actor('a3', 'Police', 'MEXCOP', 'MEX', ['COP'])],
  places: [mexicoCity, chiapas],
  events: [
    event({
      id: 'ev1',
      sentence: 0,
      trigger: { text: 'met', ...at(textA, 'met') },
      source: { code: 'MEXGOV', name: 'Andrés Manuel López Obrador', actor: 'a1', ...at(textA, 'Andrés Manuel López Obrador') },
      target: { code: 'USAGOV', name: 'Antony Blinken', actor: 'a2', ...at(textA, 'Antony Blinken') },
      cameo: { code: '040', root: '04', quadClass: 1, goldstein: 1 },
      plover: { type: 'CONSULT', contexts: ['diplomatic'] },
      date: { value: '2024-01-12', precision: 'day', basis: 'text' },
      place: { placeId: 'p1', name: 'Mexico City', country: 'MEX', lat: 19.4285, lon: -99.1277 },
    }),
    event({
      id: 'ev2',
      sentence: 1,
      trigger: { text: 'arrest', ...at(textA, 'arrest') },
      source: { code: 'MEXCOP', name: 'Police', actor: 'a3', ...at(textA, 'Police') },
      target: { code: '---REF', name: 'the migrants', ...at(textA, 'the migrants') },
      cameo: { code: '173', root: '17', quadClass: 4, goldstein: -5 },
      plover: { type: 'COERCE', mode: 'arrest', contexts: [] },
      date: { value: '2024-01-13', precision: 'day', basis: 'published' },
      place: { placeId: 'p2', name: 'Chiapas', country: 'MEX', lat: 16.5, lon: -92.5 },
      modality: { negated: true, future: false, hypothetical: false },
    }),
  ],
};

const docB: CodedDocument = {
  id: 'story-b',
  published: '2024-02-02',
  language: 'en',
  source: 'Reuters',
  title: 'UN statement',
  text: textB,
  sentences: [at(textB, 'The United Nations criticised Russia in February.'), at(textB, 'The United Nations said it was concerned.')],
  ...base,
  actors: [actor('b1', 'United Nations', 'IGOUNO', 'IGO', ['IGO'])],
  places: [],
  events: [
    event({
      id: 'ev1',
      sentence: 0,
      trigger: { text: 'criticised', ...at(textB, 'criticised') },
      source: { code: 'IGOUNO', name: 'United Nations', actor: 'b1', start: 4, end: 18 },
      target: { code: 'RUS', name: 'Russia', ...at(textB, 'Russia') },
      cameo: { code: '111', root: '11', quadClass: 3, goldstein: -2 },
      plover: { type: 'ACCUSE', mode: 'disapprove', contexts: [] },
      date: { value: '2024-02', precision: 'month', basis: 'text' },
      confidence: 0.75,
    }),
    event({
      id: 'ev2',
      sentence: 1,
      trigger: { text: 'said', ...at(textB, 'said') },
      source: { code: 'IGOUNO', name: 'United Nations', actor: 'b1' },
      target: null,
      cameo: { code: '010', root: '01', quadClass: 1, goldstein: 0 },
      plover: { type: '', contexts: [] },
      date: { value: '2024-02-02', precision: 'day', basis: 'published' },
    }),
  ],
};

let dir: string;
let store: SqliteStore;
let lookups: ExportLookups;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-export-'));
  store = openSqliteStore(join(dir, 'h.db'));
  await store.saveDocuments([
    { coded: docA, provenance: { contentHash: 'hash-a' } },
    { coded: docB, provenance: { contentHash: 'hash-b' } },
  ]);
  // Known storage times, for DATEADDED and --as-of.
  store.db.prepare('UPDATE documents SET stored_at = ? WHERE id = ?').run('2024-01-13T10:15:00.000Z', 'story-a');
  store.db.prepare('UPDATE documents SET stored_at = ? WHERE id = ?').run('2024-02-03T08:00:30.000Z', 'story-b');
  lookups = loadExportLookups();
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(format: ExportFormat, asOf?: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of exportChunks(store, format, { lookups, pageSize: 1, ...(asOf ? { asOf } : {}) })) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A Buffer's bytes as an ArrayBuffer of their own (what the Parquet reader takes). */
function arrayBuffer(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

const tsv = (text: string): string[][] => parse(text, { delimiter: '\t', quote: false, relax_column_count: false }) as string[][];

test('GDELT events: 61 tab-separated columns, our actor codes broken out, geography from places, negated events left out', async () => {
  const rows = tsv((await exported('gdelt')).toString('utf8'));
  assert.equal(rows.length, 3);
  for (const r of rows) assert.equal(r.length, 61);
  const [a, b] = rows;
  assert.deepEqual(a.slice(0, 5), ['10001', '20240112', '202401', '2024', '2024.1151']);
  assert.deepEqual(a.slice(5, 15), ['MEXGOV', 'ANDRÉS MANUEL LÓPEZ OBRADOR', 'MEX', '', '', '', '', 'GOV', '', '']);
  assert.deepEqual(a.slice(15, 25), ['USAGOV', 'ANTONY BLINKEN', 'USA', '', '', '', '', 'GOV', '', '']);
  assert.deepEqual(a.slice(25, 35), ['1', '040', '040', '04', '1', '1', '1', '1', '1', '']);
  const actionGeo = ['4', 'Mexico City, Mexico', 'MX', 'MX09', '', '19.4285', '-99.1277', '3530597'];
  assert.deepEqual(a.slice(51, 59), actionGeo);
  assert.deepEqual(a.slice(35, 43), actionGeo, 'Actor1 is nearest Mexico City in its sentence');
  assert.deepEqual(a.slice(59), ['20240113101500', 'https://www.example.org/news/a']);
  // A month-dated event: first day in SQLDATE; an international organisation: known group UNO, type IGO.
  assert.deepEqual(b.slice(0, 5), ['20001', '20240201', '202402', '2024', '2024.1671']);
  assert.deepEqual(b.slice(5, 15), ['IGOUNO', 'UNITED NATIONS', '', 'UNO', '', '', '', 'IGO', '', '']);
  assert.deepEqual(b.slice(15, 18), ['RUS', 'RUSSIA', 'RUS']);
  assert.deepEqual(b.slice(26, 31), ['111', '111', '11', '3', '-2']);
  assert.deepEqual(b.slice(51, 59), ['', '', '', '', '', '', '', '']);
  assert.deepEqual(b.slice(59), ['20240203080030', 'Reuters: UN statement: story-b']);
});

test('GDELT mentions: 16 columns, sentence and character offsets of actors and action', async () => {
  const rows = tsv((await exported('gdelt-mentions')).toString('utf8'));
  assert.equal(rows.length, 3);
  for (const r of rows) assert.equal(r.length, 16);
  assert.deepEqual(rows[0], [
    '10001', '20240113101500', '20240113101500', '1', 'example.org', 'https://www.example.org/news/a', '1',
    String(textA.indexOf('Andrés')), String(textA.indexOf('Antony')), String(textA.indexOf(' met') + 1), '1', '90', String(textA.length), '', '', '',
  ]);
  assert.deepEqual(rows[1].slice(3, 12), ['2', 'Reuters', 'Reuters: UN statement: story-b', '1', '4', String(textB.indexOf('Russia')), String(textB.indexOf('criticised')), '1', '75']);
  assert.equal(rows[2][8], '-1', 'no target: offset -1');
});

test('ICEWS: header and the 20 columns, country and sector names, ISO dates, unique ids', async () => {
  const rows = tsv((await exported('icews')).toString('utf8'));
  assert.equal(rows[0].length, 20);
  assert.equal(rows[0][0], 'Event ID');
  assert.equal(rows[0][19], 'Longitude');
  const body = rows.slice(1);
  assert.equal(body.length, 3);
  for (const r of body) assert.equal(r.length, 20);
  assert.deepEqual(body[0], [
    '10001', '2024-01-12', 'Andrés Manuel López Obrador', 'Government', 'Mexico', 'Consult', '040', '1',
    'Antony Blinken', 'Government', 'United States of America', 'story-a', '1', 'EFE', 'Mexico City', '', '', 'Mexico', '19.4285', '-99.1277',
  ]);
  assert.deepEqual(body[1].slice(0, 11), ['20001', '2024-02-01', 'United Nations', 'IGO', '', 'Criticize or denounce', '111', '-2', 'Russia', '', 'Russian Federation']);
  assert.deepEqual(body[2].slice(5, 9), ['Make statement', '010', '0', '']);
  assert.equal(new Set(body.map((r) => r[0])).size, body.length);
  assert.ok(body.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[1])));
});

test('PLOVER JSON lines: the spec fields, auxiliary modes, no record for codes PLOVER dropped', async () => {
  const records = (await exported('plover')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(records.map((r) => r.id), ['story-a:ev1', 'story-a:ev2', 'story-b:ev1']);
  const [a, negated, b] = records;
  assert.equal(a.date, '2024-01-12');
  assert.deepEqual(a.actor, [{ code: 'MEX', sector: 'GOV', entity_text: 'Andrés Manuel López Obrador', office: 'President' }]);
  assert.deepEqual(a.recipient, [{ code: 'USA', sector: 'GOV', entity_text: 'Antony Blinken', office: 'Secretary of State' }]);
  assert.deepEqual(a.event, ['CONSULT']);
  assert.deepEqual(a.context, ['diplomatic']);
  assert.equal(a.quad_code, 1);
  assert.equal(a.event_scale, 1);
  assert.deepEqual(a.event_text, [textA.slice(0, textA.indexOf(' Police'))]);
  assert.deepEqual(a.text_info, { sequence: 1, start: 0, end: textA.indexOf(' Police') });
  assert.deepEqual(a.event_loc, {
    extracted_place: 'Mexico City', resolved_place: 'Mexico City', geonameid: 3530597, lat: 19.4285, lon: -99.1277, city: 'Mexico City',
    country: 'Mexico', country_code: 'MEX', feature_class: 'P', feature_code: 'PPLC', resolution: 4,
  });
  assert.equal((a.cite_info as Record<string, string>).url, 'https://www.example.org/news/a');
  assert.equal(a.coded_date, '2024-01-13');
  assert.deepEqual(negated.mode, ['arrest', 'negation']);
  assert.equal((negated.event_loc as Record<string, unknown>).province, 'Chiapas');
  assert.equal(b.date, '2024-02-01');
  assert.equal((b.herodotus as Record<string, unknown>).date_precision, 'month');
  assert.deepEqual(b.actor, [{ code: 'IGO', sector: 'IGO', entity_text: 'United Nations' }]);
});

test('CSV: RFC 4180, every event with modality and precision kept', async () => {
  const rows = parse((await exported('csv')).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 4);
  assert.equal(Object.keys(rows[0]).length, 50);
  assert.deepEqual(rows.map((r) => r.id), ['story-a:ev1', 'story-a:ev2', 'story-b:ev1', 'story-b:ev2']);
  assert.equal(rows[0].place_name, 'Mexico City');
  assert.equal(rows[0].evidence, textA.slice(0, textA.indexOf(' Police')));
  assert.equal(rows[1].negated, 'true');
  assert.equal(rows[2].date, '2024-02');
  assert.equal(rows[2].date_precision, 'month');
  assert.equal(rows[3].plover_type, '');
});

test('Parquet: read back with a Parquet reader, typed columns', async () => {
  const bytes = await exported('parquet');
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1');
  const rows = (await parquetReadObjects({ file: arrayBuffer(bytes) })) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r.global_id), [10001n, 10002n, 20001n, 20002n]);
  assert.equal(rows[0].source_name, 'Andrés Manuel López Obrador');
  assert.equal(rows[0].lat, 19.4285);
  assert.equal(rows[0].quad_class, 1);
  assert.equal(rows[1].negated, true);
  assert.equal(rows[2].lat, null);
  assert.equal(rows[2].goldstein, -2);
});

test('--as-of: only the documents stored by then (a date covers the whole day)', async () => {
  const january = tsv((await exported('gdelt', '2024-01-31')).toString('utf8'));
  assert.deepEqual(january.map((r) => r[0]), ['10001']);
  const both = tsv((await exported('gdelt', '2024-02-03')).toString('utf8'));
  assert.deepEqual(both.map((r) => r[0]), ['10001', '20001', '20002']);
  const none = await exported('csv', '2023-12-31');
  assert.equal(none.toString('utf8').split('\r\n').filter(Boolean).length, 1, 'header only');
});

test('CLI: export to a file and to stdout, with --as-of', async () => {
  const { spawnSync } = await import('node:child_process');
  const bin = new URL('../cli/main.js', import.meta.url).pathname;
  const out = join(dir, 'events.parquet');
  const r = spawnSync(process.execPath, [bin, 'export', '--db', join(dir, 'h.db'), '--format', 'parquet', '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /4 event row\(s\) written to/);
  const bytes = readFileSync(out);
  const rows = await parquetReadObjects({ file: arrayBuffer(bytes) });
  assert.equal(rows.length, 4);
  const icews = spawnSync(process.execPath, [bin, 'export', '--db', join(dir, 'h.db'), '--format', 'icews', '--as-of', '2024-01-20'], { encoding: 'utf8' });
  assert.equal(icews.status, 0, icews.stderr);
  assert.equal(tsv(icews.stdout).length, 2);
  const bad = spawnSync(process.execPath, [bin, 'export', '--db', join(dir, 'h.db'), '--format', 'xml'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});
