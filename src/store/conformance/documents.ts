/** Conformance: storing documents — duplicates, round trips, paging, counts, ids, stats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodedDocument } from '../../core/contract.js';
import { doc, event, moment, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

export function documentTests(factory: StoreFactory): void {
  test('saveDocuments stores a batch and reports duplicates by content hash first, then by URL, within a batch and across batches', () =>
    withStore(factory, async (store) => {
      const a = doc('a', 'Blinken met Bárcena in Washington.', [event('ev1')], { url: 'https://x.example/a' });
      const b = doc('b', 'Bárcena visited Washington.', [event('ev1'), event('ev2', { date: '2024-01-13' })]);
      assert.deepEqual(
        await store.saveDocuments([
          { coded: a, provenance: { contentHash: 'hash-a' } },
          { coded: b, provenance: { contentHash: 'hash-b' } },
          // the same text again inside the batch, and a new text under a's URL
          { coded: doc('a-again', a.text), provenance: { contentHash: 'hash-a' } },
          { coded: doc('a-moved', 'A corrected text.', [], { url: 'https://x.example/a' }), provenance: { contentHash: 'hash-a2' } },
        ]),
        [
          { stored: true, documentKey: 1, events: 1 },
          { stored: true, documentKey: 2, events: 2 },
          { stored: false, reason: 'duplicate-hash', existingId: 'a' },
          { stored: false, reason: 'duplicate-url', existingId: 'a' },
        ],
      );
      // Both a known hash and a known URL: the hash is reported.
      assert.deepEqual(await store.saveDocuments([{ coded: doc('b2', b.text, [], { url: 'https://x.example/a' }), provenance: { contentHash: 'hash-b' } }]), [
        { stored: false, reason: 'duplicate-hash', existingId: 'b' },
      ]);
      assert.deepEqual(await store.saveDocuments([]), []);
      assert.deepEqual(await store.stats(), { documents: 2, events: 3, entities: 0, actors: 0, actorRoles: 0 });
    }));

  test('findDocument finds a stored document by content hash, then by URL', () =>
    withStore(factory, async (store) => {
      await store.saveDocuments([{ coded: doc('a', 'Some text.', [], { url: 'https://x.example/a' }), provenance: { contentHash: 'hash-a' } }]);
      assert.equal(await store.findDocument('hash-a'), 'a');
      assert.equal(await store.findDocument('other', 'https://x.example/a'), 'a');
      assert.equal(await store.findDocument('other', 'https://x.example/b'), null);
      assert.equal(await store.findDocument('other'), null);
    }));

  test('getDocument gives back the output-contract object with every layer, non-BMP text intact; an unknown id gives null', () =>
    withStore(factory, async (store) => {
      const text = 'Washington, (EFE).- Blinken 🇺🇸 met Bárcena 🇲🇽 on Friday.';
      const prov = { stage: 'test', version: '1' };
      const coded: CodedDocument = doc('efe-1', text, [event('ev1', { sourceName: 'Antony Blinken', mode: 'meet', contexts: ['migration', 'diplomatic'] })], {
        source: 'EFE',
        url: 'https://efe.example/1',
        title: 'Joint action',
        layers: {
          dateline: { text: 'Washington, (EFE).-', start: 0, end: 19 },
          sentences: [{ start: 20, end: text.length }],
          entities: [{ id: 'e1', type: 'PERSON', text: 'Blinken', start: 20, end: 27, prov }],
          places: [{ id: 'p1', text: 'Washington', start: 0, end: 10, name: 'Washington, D.C.', country: 'USA', lat: 38.9, lon: -77.04, prov }],
          diagnostics: [{ code: 'INPUT_TOO_LARGE', message: 'a note', stage: 'ingest', severity: 'warning', start: 0, end: 4 }],
        } as Partial<CodedDocument>,
      });
      await store.saveDocuments([{ coded, provenance: { contentHash: 'h', origin: 'test.txt' } }]);
      const back = await store.getDocument('efe-1');
      assert.deepEqual(back, coded);
      assert.equal(back?.text.slice(28, 32), '🇺🇸', 'UTF-16 offsets survive');
      assert.equal(await store.getDocument('nope'), null);
    }));

  test('documentPage pages in storage order after a key; countDocuments and both take an as-of moment', () =>
    withStore(factory, async (store) => {
      await save(store, [doc('d1', 'First.'), doc('d2', 'Second.')]);
      const between = await moment();
      await save(store, [doc('d3', 'Third.')]);
      const first = await store.documentPage({ limit: 2 });
      assert.deepEqual(first.map((d) => d.coded.id), ['d1', 'd2']);
      assert.ok(first[0].key < first[1].key);
      assert.match(first[0].storedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const rest = await store.documentPage({ limit: 2, afterKey: first[1].key });
      assert.deepEqual(rest.map((d) => d.coded.id), ['d3']);
      assert.deepEqual((await store.documentPage({ limit: 10, asOf: between })).map((d) => d.coded.id), ['d1', 'd2']);
      assert.equal(await store.countDocuments(), 3);
      assert.equal(await store.countDocuments({ asOf: between }), 2);
      assert.equal(await store.countDocuments({ asOf: '2000-01-01' }), 0);
      // A bare date means the whole day.
      assert.equal(await store.countDocuments({ asOf: between.slice(0, 10) }), 3);
    }));

  test('documentIds lists ids by earliest publication (undated ones by when they were stored) and filters by publishedSince', () =>
    withStore(factory, async (store) => {
      await save(store, [doc('late', 'Late.', [], { published: '2024-03-01' }), doc('early', 'Early.', [], { published: '2023-12-27' }), doc('mid', 'Mid.', [], { published: '2024-01-13T10:00:00Z' })]);
      await save(store, [doc('undated', 'No date.', [], { published: null })]);
      assert.deepEqual(await store.documentIds(), ['early', 'mid', 'late', 'undated']);
      assert.deepEqual(await store.documentIds({ publishedSince: '2024-01-13' }), ['mid', 'late']);
    }));

  test('stats counts documents, events, entities, actors and roles; roles only of dated stories', () =>
    withStore(factory, async (store) => {
      const prov = { stage: 'test', version: '1' };
      const text = 'US Secretary of State Antony Blinken met officials.';
      const layers = (): Partial<CodedDocument> => ({
        entities: [{ id: 'e1', type: 'PERSON', text: 'Antony Blinken', start: 22, end: 36, prov }, { id: 'e2', type: 'ORG', text: 'State', start: 14, end: 19, prov }],
        actors: [{ id: 'a1', name: 'Antony Blinken', code: 'USAGOV', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State', mentions: ['e1'], basis: 'text', prov }],
        roles: [{ actor: 'a1', name: 'Antony Blinken', country: 'USA', sectors: ['GOV'], title: 'US Secretary of State', sentence: 0, start: 0, end: 36, prov }],
      });
      await save(store, [doc('dated', text, [event('ev1')], { layers: layers() }), doc('undated', `${text} Again.`, [], { published: null, layers: layers() })]);
      assert.deepEqual(await store.stats(), { documents: 2, events: 1, entities: 4, actors: 2, actorRoles: 1 });
    }));
}
