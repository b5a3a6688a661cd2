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
import { exportChunks, loadExportLookups, type ExportFormat, type ExportLookups, type ExportOptions } from './index.js';
import { clusterGlobalId } from './records.js';

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

// A second report of story-a's meeting, from another outlet: one event cluster with two articles.
const textC = 'Antony Blinken and Andrés Manuel López Obrador held talks in Mexico City on Friday, officials said.';
const mexicoCityC = place('c-p1', textC, 'Mexico City', { name: 'Mexico City', country: 'MEX', admin1: '09', lat: 19.4285, lon: -99.1277, geonameId: 3530597, featureCode: 'PPLC' });
const eventC = (date: string): EventRecord =>
  event({
    id: 'ev1',
    sentence: 0,
    trigger: { text: 'held talks', ...at(textC, 'held talks') },
    source: { code: 'MEXGOV', name: 'Andrés Manuel López Obrador', actor: 'c1', ...at(textC, 'Andrés Manuel López Obrador') },
    target: { code: 'USAGOV', name: 'Antony Blinken', actor: 'c2', ...at(textC, 'Antony Blinken') },
    cameo: { code: '040', root: '04', quadClass: 1, goldstein: 1 },
    plover: { type: 'CONSULT', contexts: ['diplomatic'] },
    date: { value: date, precision: 'day', basis: 'text' },
    place: { placeId: 'c-p1', name: 'Mexico City', country: 'MEX', lat: 19.4285, lon: -99.1277 },
    confidence: 0.8,
  });
const docCOf = (date: string): CodedDocument => ({
  id: 'story-c',
  published: '2024-01-13',
  language: 'en',
  source: 'Gulf Coast Ledger',
  url: 'https://ledger.example/news/c',
  text: textC,
  sentences: [{ start: 0, end: textC.length }],
  ...base,
  actors: [actor('c1', 'Andrés Manuel López Obrador', 'MEXGOV', 'MEX', ['GOV'], 'President'), actor('c2', 'Antony Blinken', 'USAGOV', 'USA', ['GOV'], 'Secretary of State')],
  places: [mexicoCityC],
  events: [eventC(date)],
});
const docC = docCOf('2024-01-12');

let dir: string;
let store: SqliteStore;
let lookups: ExportLookups;
/** Integer ids of the clusters: the meeting (a1), the negated arrest (a2), the criticism (b1), the statement (b2). */
const ids = { a1: 0, a2: 0, b1: 0, b2: 0 };

/** A store holding docA, docB and docC with known storage (and coding) times, for DATEADDED and --as-of. */
async function storeWithStories(path: string): Promise<SqliteStore> {
  const s = openSqliteStore(path);
  await s.saveDocuments([
    { coded: docA, provenance: { contentHash: 'hash-a' } },
    { coded: docB, provenance: { contentHash: 'hash-b' } },
    { coded: docC, provenance: { contentHash: 'hash-c' } },
  ]);
  const stamp = s.db.prepare('UPDATE documents SET stored_at = ?, coded_at = ? WHERE id = ?');
  stamp.run('2024-01-13T10:15:00.000Z', '2024-01-13T10:15:00.000Z', 'story-a');
  stamp.run('2024-02-03T08:00:30.000Z', '2024-02-03T08:00:30.000Z', 'story-b');
  stamp.run('2024-01-14T09:00:00.000Z', '2024-01-14T09:00:00.000Z', 'story-c');
  return s;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'herodotus-export-'));
  store = await storeWithStories(join(dir, 'h.db'));
  lookups = loadExportLookups();
  const clusters = await store.clusters();
  const idOf = (doc: string, ev: string): number => {
    const c = clusters.find((x) => x.representative.documentId === doc && x.representative.eventId === ev);
    assert.ok(c, `${doc}:${ev}`);
    return clusterGlobalId(c.id);
  };
  Object.assign(ids, { a1: idOf('story-a', 'ev1'), a2: idOf('story-a', 'ev2'), b1: idOf('story-b', 'ev1'), b2: idOf('story-b', 'ev2') });
  assert.equal(clusters.length, 4, 'story-c reports the meeting of story-a: the same event');
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(format: ExportFormat, asOf?: string, more: Partial<ExportOptions> & { from?: SqliteStore } = {}): Promise<Buffer> {
  const { from, ...options } = more;
  const parts: Buffer[] = [];
  for await (const chunk of exportChunks(from ?? store, format, { lookups, pageSize: 1, ...options, ...(asOf ? { asOf } : {}) })) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A Buffer's bytes as an ArrayBuffer of their own (what the Parquet reader takes). */
function arrayBuffer(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

const tsv = (text: string): string[][] => parse(text, { delimiter: '\t', quote: false, relax_column_count: false }) as string[][];

test('GDELT events: one row per event cluster, 61 columns, counts from the cluster, actor codes broken out, geography from places', async () => {
  const rows = tsv((await exported('gdelt')).toString('utf8'));
  assert.equal(rows.length, 3, 'three asserted clusters (the negated arrest is left out)');
  for (const r of rows) assert.equal(r.length, 61);
  const [a, b] = rows;
  assert.deepEqual(a.slice(0, 5), [String(ids.a1), '20240112', '202401', '2024', '2024.1151']);
  assert.deepEqual(a.slice(5, 15), ['MEXGOV', 'ANDRÉS MANUEL LÓPEZ OBRADOR', 'MEX', '', '', '', '', 'GOV', '', '']);
  assert.deepEqual(a.slice(15, 25), ['USAGOV', 'ANTONY BLINKEN', 'USA', '', '', '', '', 'GOV', '', '']);
  assert.deepEqual(a.slice(25, 35), ['1', '040', '040', '04', '1', '1', '2', '2', '2', ''], 'two articles from two outlets report the meeting');
  const actionGeo = ['4', 'Mexico City, Mexico', 'MX', 'MX09', '', '19.4285', '-99.1277', '3530597'];
  assert.deepEqual(a.slice(51, 59), actionGeo);
  assert.deepEqual(a.slice(35, 43), actionGeo, 'Actor1 is nearest Mexico City in its sentence');
  assert.deepEqual(a.slice(59), ['20240113101500', 'https://www.example.org/news/a'], 'DATEADDED and SOURCEURL of the first report');
  // A month-dated event: first day in SQLDATE; an international organisation: known group UNO, type IGO.
  assert.deepEqual(b.slice(0, 5), [String(ids.b1), '20240201', '202402', '2024', '2024.1671']);
  assert.deepEqual(b.slice(5, 15), ['IGOUNO', 'UNITED NATIONS', '', 'UNO', '', '', '', 'IGO', '', '']);
  assert.deepEqual(b.slice(15, 18), ['RUS', 'RUSSIA', 'RUS']);
  assert.deepEqual(b.slice(26, 34), ['111', '111', '11', '3', '-2', '1', '1', '1']);
  assert.deepEqual(b.slice(51, 59), ['', '', '', '', '', '', '', '']);
  assert.deepEqual(b.slice(59), ['20240203080030', 'Reuters: UN statement: story-b']);
  assert.equal(rows[2][0], String(ids.b2));
  assert.ok(Object.values(ids).every((id) => Number.isSafeInteger(id) && id > 0));
  assert.equal(new Set(Object.values(ids)).size, 4);
});

test('GDELT mentions: one row per mention of a cluster, joined by GLOBALEVENTID; sentence and character offsets', async () => {
  const rows = tsv((await exported('gdelt-mentions')).toString('utf8'));
  assert.equal(rows.length, 4);
  for (const r of rows) assert.equal(r.length, 16);
  assert.deepEqual(rows.map((r) => r[0]), [String(ids.a1), String(ids.a1), String(ids.b1), String(ids.b2)], 'the meeting has two mentions');
  assert.deepEqual(rows[0], [
    String(ids.a1), '20240113101500', '20240113101500', '1', 'example.org', 'https://www.example.org/news/a', '1',
    String(textA.indexOf('Andrés')), String(textA.indexOf('Antony')), String(textA.indexOf(' met') + 1), '1', '90', String(textA.length), '', '', '',
  ]);
  assert.deepEqual(rows[1], [
    String(ids.a1), '20240113101500', '20240114090000', '1', 'ledger.example', 'https://ledger.example/news/c', '1',
    String(textC.indexOf('Andrés')), String(textC.indexOf('Antony')), String(textC.indexOf('held talks')), '1', '80', String(textC.length), '', '', '',
  ]);
  assert.deepEqual(rows[2].slice(3, 12), ['2', 'Reuters', 'story-b', '1', '4', String(textB.indexOf('Russia')), String(textB.indexOf('criticised')), '1', '75']);
  assert.equal(rows[3][8], '-1', 'no target: offset -1');
});

test('ICEWS: header and the 20 columns, one row per cluster, country and sector names, ISO dates, unique ids', async () => {
  const rows = tsv((await exported('icews')).toString('utf8'));
  assert.equal(rows[0].length, 20);
  assert.equal(rows[0][0], 'Event ID');
  assert.equal(rows[0][19], 'Longitude');
  const body = rows.slice(1);
  assert.equal(body.length, 3);
  for (const r of body) assert.equal(r.length, 20);
  assert.deepEqual(body[0], [
    String(ids.a1), '2024-01-12', 'Andrés Manuel López Obrador', 'Government', 'Mexico', 'Consult', '040', '1',
    'Antony Blinken', 'Government', 'United States of America', 'story-a', '1', 'EFE', 'Mexico City', '', '', 'Mexico', '19.4285', '-99.1277',
  ]);
  assert.deepEqual(body[1].slice(0, 11), [String(ids.b1), '2024-02-01', 'United Nations', 'IGO', '', 'Criticize or denounce', '111', '-2', 'Russia', '', 'Russian Federation']);
  assert.deepEqual(body[2].slice(5, 9), ['Make statement', '010', '0', '']);
  assert.equal(new Set(body.map((r) => r[0])).size, body.length);
  assert.ok(body.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[1])));
});

test('PLOVER JSON lines: one record per cluster with the spec fields, auxiliary modes, no record for codes PLOVER dropped', async () => {
  const records = (await exported('plover')).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const clusters = await store.clusters();
  assert.deepEqual(records.map((r) => r.id), clusters.filter((c) => c.plover.type).map((c) => c.id));
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
  const h = a.herodotus as Record<string, unknown>;
  assert.deepEqual([h.global_id, h.document, h.num_mentions, h.num_articles, h.num_sources], [ids.a1, 'story-a', 2, 2, 2]);
  assert.deepEqual(negated.mode, ['arrest', 'negation']);
  assert.equal((negated.event_loc as Record<string, unknown>).province, 'Chiapas');
  assert.equal(b.date, '2024-02-01');
  assert.equal((b.herodotus as Record<string, unknown>).date_precision, 'month');
  assert.deepEqual(b.actor, [{ code: 'IGO', sector: 'IGO', entity_text: 'United Nations' }]);
  // --per mention: one record per report, its own id, with its cluster's.
  const perMention = (await exported('plover', undefined, { per: 'mention' })).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; herodotus: Record<string, unknown> });
  assert.deepEqual(perMention.map((r) => r.id), ['story-a:ev1', 'story-c:ev1', 'story-a:ev2', 'story-b:ev1']);
  assert.deepEqual(perMention.slice(0, 2).map((r) => [r.herodotus.cluster, r.herodotus.representative]), [[a.id, true], [a.id, false]]);
});

test('CSV: RFC 4180, one row per cluster with modality and precision kept; --per mention gives one row per mention', async () => {
  const rows = parse((await exported('csv')).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, 4);
  assert.equal(Object.keys(rows[0]).length, 66);
  assert.deepEqual(rows.map((r) => r.mention_id), ['story-a:ev1', 'story-a:ev2', 'story-b:ev1', 'story-b:ev2']);
  assert.deepEqual(rows.map((r) => Number(r.global_id)), [ids.a1, ids.a2, ids.b1, ids.b2]);
  assert.ok(rows.every((r) => r.id.startsWith('ev-')));
  assert.deepEqual([rows[0].num_mentions, rows[0].num_articles, rows[0].num_sources, rows[0].first_seen, rows[0].date_added], ['2', '2', '2', '2024-01-13', '2024-01-13T10:15:00.000Z']);
  assert.equal(rows[0].place_name, 'Mexico City');
  assert.equal(rows[0].evidence, textA.slice(0, textA.indexOf(' Police')));
  assert.equal(rows[1].negated, 'true');
  assert.equal(rows[2].date, '2024-02');
  assert.equal(rows[2].date_precision, 'month');
  assert.equal(rows[3].plover_type, '');
  const mentions = parse((await exported('csv', undefined, { per: 'mention' })).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(mentions.map((r) => r.mention_id), ['story-a:ev1', 'story-c:ev1', 'story-a:ev2', 'story-b:ev1', 'story-b:ev2']);
  assert.equal(mentions[0].id, mentions[1].id);
  assert.deepEqual([mentions[1].representative, mentions[1].evidence, mentions[1].num_articles, mentions[1].link_partner], ['false', textC, '2', 'story-a#ev1']);
  assert.ok(Number(mentions[1].link_score) > 0 && mentions[1].link_reason.length > 0);
});

test('filters: the same as `herodotus events` (country, actor, CAMEO, dates)', async () => {
  const only = async (query: ExportOptions['query']): Promise<string[]> => tsv((await exported('gdelt', undefined, { query })).toString('utf8')).map((r) => r[0]);
  assert.deepEqual(await only({ country: 'RUS' }), [String(ids.b1)]);
  assert.deepEqual(await only({ actor: 'Blinken' }), [String(ids.a1)]);
  assert.deepEqual(await only({ cameo: '01' }), [String(ids.b2)]);
  assert.deepEqual(await only({ from: '2024-02', to: '2024-02' }), [String(ids.b1), String(ids.b2)]);
  assert.deepEqual(await only({ limit: 1 }), [String(ids.a1)]);
  const mentions = tsv((await exported('gdelt-mentions', undefined, { query: { actor: 'USAGOV' } })).toString('utf8'));
  assert.deepEqual(mentions.map((r) => r[0]), [String(ids.a1), String(ids.a1)]);
});

test('Parquet: read back with a Parquet reader, typed columns', async () => {
  const bytes = await exported('parquet');
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1');
  const rows = (await parquetReadObjects({ file: arrayBuffer(bytes) })) as Array<Record<string, unknown>>;
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r.global_id), [ids.a1, ids.a2, ids.b1, ids.b2].map(BigInt));
  assert.equal(rows[0].source_name, 'Andrés Manuel López Obrador');
  assert.equal(rows[0].num_articles, 2);
  assert.equal(rows[0].lat, 19.4285);
  assert.equal(rows[0].quad_class, 1);
  assert.equal(rows[1].negated, true);
  assert.equal(rows[2].lat, null);
  assert.equal(rows[2].goldstein, -2);
  const mentions = (await parquetReadObjects({ file: arrayBuffer(await exported('parquet', undefined, { per: 'mention' })) })) as Array<Record<string, unknown>>;
  assert.deepEqual(mentions.map((r) => r.global_id), [ids.a1, ids.a1, ids.a2, ids.b1, ids.b2].map(BigInt));
});

test('--as-of: the clusters as they stood (a date covers the whole day), with their counts then', async () => {
  const first = tsv((await exported('gdelt', '2024-01-13')).toString('utf8'));
  assert.deepEqual(first.map((r) => [r[0], r[31], r[32], r[33]]), [[String(ids.a1), '1', '1', '1']], 'only story-a was stored: one article');
  const january = tsv((await exported('gdelt', '2024-01-31')).toString('utf8'));
  assert.deepEqual(january.map((r) => [r[0], r[33]]), [[String(ids.a1), '2']]);
  const mentions = tsv((await exported('gdelt-mentions', '2024-01-31')).toString('utf8'));
  assert.deepEqual(mentions.map((r) => r[0]), [String(ids.a1), String(ids.a1)]);
  const both = tsv((await exported('gdelt', '2024-02-03')).toString('utf8'));
  assert.deepEqual(both.map((r) => r[0]), [String(ids.a1), String(ids.b1), String(ids.b2)]);
  const none = await exported('csv', '2023-12-31');
  assert.equal(none.toString('utf8').split('\r\n').filter(Boolean).length, 1, 'header only');
});

test('--as-of with a re-coded document: each document in the coding it had then', async () => {
  const recoded = await storeWithStories(join(dir, 'recoded.db'));
  try {
    // story-c is re-coded on 1 March with another date: its report is no longer the meeting of 12 January.
    await recoded.replaceCoding('story-c', docCOf('2023-11-20'));
    recoded.db.prepare("UPDATE codings SET coded_at = '2024-01-14T09:00:00.000Z', superseded_at = '2024-03-01T00:00:00.000Z'").run();
    recoded.db.prepare("UPDATE documents SET coded_at = '2024-03-01T00:00:00.000Z' WHERE id = 'story-c'").run();
    const now = tsv((await exported('gdelt', undefined, { from: recoded })).toString('utf8'));
    assert.deepEqual(now.map((r) => [r[1], r[33]]), [['20231120', '1'], ['20240112', '1'], ['20240201', '1'], ['20240202', '1']]);
    assert.equal(now[1][0], String(ids.a1), 'the meeting keeps its id');
    const then = tsv((await exported('gdelt', '2024-02-15', { from: recoded })).toString('utf8'));
    assert.deepEqual(then.map((r) => [r[0], r[1], r[33]]), [[String(ids.a1), '20240112', '2'], [String(ids.b1), '20240201', '1'], [String(ids.b2), '20240202', '1']]);
    const mentionsThen = tsv((await exported('gdelt-mentions', '2024-02-15', { from: recoded })).toString('utf8'));
    assert.deepEqual(mentionsThen.slice(0, 2).map((r) => [r[0], r[5]]), [[String(ids.a1), 'https://www.example.org/news/a'], [String(ids.a1), 'https://ledger.example/news/c']]);
    const csvThen = parse((await exported('csv', '2024-02-15', { from: recoded, per: 'mention' })).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(csvThen.filter((r) => r.document_id === 'story-c').map((r) => r.date), ['2024-01-12'], 'the coding story-c had then');
  } finally {
    await recoded.close();
  }
});

test('CLI: export to a file and to stdout, with --as-of, filters and --per mention', async () => {
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
  const csv = spawnSync(process.execPath, [bin, 'export', '--db', join(dir, 'h.db'), '--format', 'csv', '--per', 'mention', '--actor', 'Blinken'], { encoding: 'utf8' });
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal((parse(csv.stdout, { columns: true }) as unknown[]).length, 2);
  assert.match(csv.stderr, /2 mention row\(s\) written/);
  for (const args of [['--format', 'xml'], ['--format', 'gdelt', '--per', 'mention']]) {
    const bad = spawnSync(process.execPath, [bin, 'export', '--db', join(dir, 'h.db'), ...args], { encoding: 'utf8' });
    assert.equal(bad.status, 2, args.join(' '));
  }
});
