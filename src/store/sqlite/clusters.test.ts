import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodedDocument } from '../../core/contract.js';
import type { EventRecord } from '../../core/layers.js';
import { openSqliteStore } from './sqlite-store.js';

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'herodotus-clusters-')), 'test.db');

function event(id: string, date: string, source: string, target: string, cameo: string): EventRecord {
  return {
    id, sentence: 0, trigger: { text: 'met', start: 0, end: 3 },
    source: { code: source, name: source }, target: { code: target, name: target },
    cameo: { code: cameo, root: cameo.slice(0, 2), quadClass: 1, goldstein: 1 },
    plover: { type: 'CONSULT', contexts: ['diplomatic'] },
    date: { value: date, precision: 'day', basis: 'text' },
    place: { name: 'Washington', country: 'USA', lat: 38.9, lon: -77.04 },
    modality: { negated: false, future: false, hypothetical: false },
    confidence: 0.9, rule: 'test.meet', coder: 'test',
  };
}

function doc(id: string, text: string, events: EventRecord[], published = '2024-01-13', source?: string): CodedDocument {
  return {
    id, published, language: 'en', text, ...(source ? { source } : {}), sentences: [{ start: 0, end: text.length }],
    entities: [], actors: [], roles: [], dates: [], places: [], quantities: [], quotes: [], events, diagnostics: [],
  };
}

test('documents stored before clusters existed are linked when the database is opened for writing', async () => {
  const path = tempDb();
  let store = openSqliteStore(path);
  await store.saveDocuments([{ coded: doc('a', 'Blinken met Bárcena on Friday in Washington.', [event('ev1', '2024-01-12', 'USAGOV', 'MEXGOV', '040')]), provenance: { contentHash: 'h-a' } }]);
  store.db.exec('DELETE FROM mention_fts; DELETE FROM mentions; DELETE FROM clusters; DELETE FROM syndication;');
  await store.close();
  store = openSqliteStore(path);
  const [c] = await store.clusters({ search: 'Bárcena' });
  assert.equal(c.numMentions, 1);
  assert.equal((await store.clusters({ search: 'Barcena' })).length, 1, 'diacritics are folded');
  await store.close();
});
