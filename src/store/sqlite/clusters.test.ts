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

const coder = (fingerprint: string): { fingerprint: string; descriptor: Record<string, unknown> } => ({ fingerprint, descriptor: { test: fingerprint } });

test('clusters stay current as reports arrive; a re-coding keeps the earlier one, and the as-of view shows it', async () => {
  const store = openSqliteStore(tempDb());
  await store.saveDocuments([{ coded: doc('a', 'Blinken met Bárcena on Friday in Washington.', [event('ev1', '2024-01-12', 'USAGOV', 'MEXGOV', '040')]), provenance: { contentHash: 'h-a', coder: coder('c1') } }]);
  let [c] = await store.clusters();
  assert.equal(c.numMentions, 1);
  await store.saveDocuments([{ coded: doc('b', 'Bárcena visited Washington on Friday.', [event('ev1', '2024-01-12', 'MEXGOV', 'USA', '042')], '2024-01-14', 'Wire'), provenance: { contentHash: 'h-b', coder: coder('c1') } }]);
  [c] = await store.clusters();
  assert.deepEqual([c.numMentions, c.numArticles, c.numSources, c.firstSeen, c.lastSeen], [2, 2, 2, '2024-01-13', '2024-01-14']);
  const stamp = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 15));
  // Re-coded with another date: b's report becomes a separate event; the old coding stays queryable.
  await store.replaceCoding('b', doc('b', 'Bárcena visited Washington on Friday.', [event('ev1', '2024-01-05', 'MEXGOV', 'USA', '042')], '2024-01-14', 'Wire'), coder('c2'));
  const now = await store.clusters();
  assert.deepEqual(now.map((x) => [x.date.value, x.numMentions]), [['2024-01-05', 1], ['2024-01-12', 1]]);
  const then = await store.clustersAsOf(stamp);
  assert.deepEqual(then.map((x) => [x.date.value, x.numMentions, x.numArticles]), [['2024-01-12', 2, 2]]);
  const history = await store.codings('b');
  assert.deepEqual(history.map((h) => [h.coding, h.current, h.coder?.fingerprint, h.coded.events[0].date.value]), [[1, false, 'c1', '2024-01-12'], [2, true, 'c2', '2024-01-05']]);
  assert.deepEqual(await store.linkStats(), { clusters: 2, mentions: 2, stories: 2, coders: 2, earlierCodings: 1 });
  // relink changes nothing
  await store.relink();
  assert.deepEqual(await store.clusters(), now);
  await store.close();
});

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
