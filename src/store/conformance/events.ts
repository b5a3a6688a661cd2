/** Conformance: the per-mention event listing (`events --mentions`) and its filters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventQuery } from '../store.js';
import { doc, event, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

export function eventTests(factory: StoreFactory): void {
  test('events are listed by event date, then document id, with every field; filters: date range, country, actor, CAMEO prefix, limit', () =>
    withStore(factory, async (store) => {
      await save(store, [
        doc('d2', 'Mexico and Guatemala met; the US met Mexico.', [
          event('x1', { date: '2023-12-27', sourceName: 'Antony Blinken', targetName: 'Andrés Manuel López Obrador', place: { name: 'Mexico City', country: 'MEX', lat: 19.43, lon: -99.13 } }),
          event('x2', { date: '2024-01-12', source: 'MEXGOV', target: 'GTMGOV', cameo: '036', plover: 'CONSULT', place: null }),
        ]),
        doc('d1', 'US closes border points.', [event('x3', { date: '2024-02', precision: 'month', source: 'USA', target: 'PAN', cameo: '172', quadClass: 4, goldstein: -5, plover: 'COERCE', trigger: 'closed' })]),
        doc('d0', 'Also on the 12th.', [event('x4', { date: '2024-01-12', source: 'USAGOV', target: '---GOV' })]),
      ]);
      const all = await store.events();
      assert.deepEqual(all.map((e) => [e.documentId, e.eventId, e.date]), [
        ['d2', 'x1', '2023-12-27'],
        ['d0', 'x4', '2024-01-12'],
        ['d2', 'x2', '2024-01-12'],
        ['d1', 'x3', '2024-02'],
      ]);
      assert.deepEqual(all[3], {
        documentId: 'd1', eventId: 'x3', date: '2024-02', datePrecision: 'month', sourceCode: 'USA', sourceName: null, targetCode: 'PAN', targetName: null,
        cameo: '172', quadClass: 4, goldstein: -5, plover: 'COERCE', placeName: 'Washington', placeCountry: 'USA', trigger: 'closed', rule: 'test.rule', confidence: 0.9,
      });
      const ids = async (q: EventQuery): Promise<string[]> => (await store.events(q)).map((e) => e.eventId);
      assert.deepEqual(await ids({ from: '2024-01-01' }), ['x4', 'x2', 'x3']);
      assert.deepEqual(await ids({ to: '2024-01' }), ['x1', 'x4', 'x2'], 'a month prefix takes the whole month');
      assert.deepEqual(await ids({ from: '2024-01-12', to: '2024-01-12' }), ['x4', 'x2']);
      assert.deepEqual(await ids({ country: 'gtm' }), ['x2'], 'source, target or place country, any case');
      assert.deepEqual(await ids({ country: 'MEX' }), ['x1', 'x2']);
      assert.deepEqual(await ids({ actor: 'PAN' }), ['x3']);
      assert.deepEqual(await ids({ actor: 'lópez OBRADOR' }), ['x1'], 'names match as substrings, ASCII letters in any case');
      assert.deepEqual(await ids({ actor: 'LÓPEZ' }), [], 'case folding is ASCII only, as in SQLite: Ó is not ó');
      assert.deepEqual(await ids({ actor: 'usagov' }), ['x1', 'x4']);
      assert.deepEqual(await ids({ actor: '%' }), [], 'LIKE wildcards in user input are literal');
      assert.deepEqual(await ids({ actor: '---' }), ['x4']);
      assert.deepEqual(await ids({ cameo: '04' }), ['x1', 'x4']);
      assert.deepEqual(await ids({ cameo: '17' }), ['x3']);
      assert.deepEqual(await ids({ limit: 2 }), ['x1', 'x4']);
    }));
}
