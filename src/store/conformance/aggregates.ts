/** Conformance: series per period and group, top actors, country-month panels with denominators (the world of `fiveEvents`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fiveEvents, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

export function aggregateTests(factory: StoreFactory): void {
  test('aggregate counts events, mentions and articles and sums Goldstein per period and group; dates coarser than the period are counted apart', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      assert.deepEqual(await store.aggregate({ by: 'month' }), {
        rows: [
          { period: '2023-12', group: '', events: 1, mentions: 1, articles: 1, goldsteinSum: -5, goldsteinMean: -5 },
          // tokyo +1, the Friday meeting +1 (two reports, two articles), the protest −6.5
          { period: '2024-01', group: '', events: 3, mentions: 4, articles: 4, goldsteinSum: -4.5, goldsteinMean: -1.5 },
          { period: '2024-02', group: '', events: 1, mentions: 1, articles: 1, goldsteinSum: 4, goldsteinMean: 4 },
        ],
        coarser: 0,
      });
      const byDay = await store.aggregate({ by: 'day' });
      assert.deepEqual(byDay.rows.map((r) => [r.period, r.events]), [['2024-01-11', 1], ['2024-01-12', 1], ['2024-01-20', 1], ['2024-02-05', 1]]);
      assert.equal(byDay.coarser, 1, 'the December closure is dated to the month only');
      assert.deepEqual((await store.aggregate({ by: 'week' })).rows.map((r) => [r.period, r.events]), [['2024-W02', 2], ['2024-W03', 1], ['2024-W06', 1]]);
      assert.deepEqual((await store.aggregate({ by: 'year' })).rows.map((r) => [r.period, r.events]), [['2023', 1], ['2024', 4]]);
      assert.deepEqual((await store.aggregate({ by: 'month', group: 'quadclass' })).rows.map((r) => [r.period, r.group, r.events]), [
        ['2023-12', '4', 1], ['2024-01', '1', 2], ['2024-01', '4', 1], ['2024-02', '1', 1],
      ]);
      assert.deepEqual((await store.aggregate({ by: 'month', group: 'dyad', from: '2024-01', to: '2024-01' })).rows.map((r) => r.group), ['JPNGOV-AUSGOV', 'MEXGOV-USAGOV', 'MEXOPP-MEXGOV']);
      assert.deepEqual((await store.aggregate({ by: 'year', group: 'plover' })).rows.map((r) => [r.period, r.group, r.events]), [['2023', 'COERCE', 1], ['2024', 'CONSULT', 3], ['2024', 'PROTEST', 1]]);
      assert.deepEqual((await store.aggregate({ by: 'month', group: 'root', country: 'MEX' })).rows.map((r) => [r.period, r.group, r.events, r.mentions]), [['2023-12', '17', 1, 1], ['2024-01', '04', 1, 2], ['2024-01', '14', 1, 1]]);
    }));

  test('topActors ranks source and target codes by events, then mentions, then code, with role counts and Goldstein', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      const top = await store.topActors();
      assert.deepEqual(top.map((a) => a.actor), ['MEXGOV', 'USAGOV', 'AUSGOV', 'COLGOV', 'JPNGOV', 'MEX', 'MEXOPP', 'PANGOV']);
      // MEXGOV: source of the Friday meeting (2 mentions, +1), target of the protest (1 mention, −6.5).
      assert.deepEqual(top[0], { actor: 'MEXGOV', name: 'Alicia Bárcena', country: 'MEX', events: 2, asSource: 1, asTarget: 1, mentions: 3, goldsteinSum: -5.5, goldsteinMean: -2.75 });
      // USAGOV: first named as the closure's source (listing order), then the meeting's target.
      assert.deepEqual(top[1], { actor: 'USAGOV', name: 'Joe Biden', country: 'USA', events: 2, asSource: 1, asTarget: 1, mentions: 3, goldsteinSum: -4, goldsteinMean: -2 });
      assert.deepEqual((await store.topActors({ limit: 2 })).map((a) => a.actor), ['MEXGOV', 'USAGOV']);
      assert.deepEqual((await store.topActors({ quadClass: 4 })).map((a) => a.actor), ['MEX', 'MEXGOV', 'MEXOPP', 'USAGOV']);
    }));

  test('countryMonthPanel counts events per country and month with articles and outlets that concern the country, and all of them, as denominators', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      const panel = await store.countryMonthPanel();
      assert.deepEqual(panel.map((r) => `${r.country} ${r.month} ${r.events}`), ['AUS 2024-01 1', 'COL 2024-02 1', 'JPN 2024-01 1', 'MEX 2023-12 1', 'MEX 2024-01 2', 'PAN 2024-02 1', 'USA 2023-12 1', 'USA 2024-01 1']);
      // Mexico in January: the Friday meeting and the protest; EFE, AP and the protest story concern Mexico (outlets EFE, AP);
      // that month four stories from three outlets were published in all.
      assert.deepEqual(panel.find((r) => r.country === 'MEX' && r.month === '2024-01'), {
        country: 'MEX', month: '2024-01', events: 2, mentions: 3, goldsteinSum: -5.5, goldsteinMean: -2.75, quad1: 1, quad2: 0, quad3: 0, quad4: 1, articles: 3, sources: 2, allArticles: 4, allSources: 3,
      });
      assert.deepEqual(panel.find((r) => r.country === 'USA' && r.month === '2023-12'), {
        country: 'USA', month: '2023-12', events: 1, mentions: 1, goldsteinSum: -5, goldsteinMean: -5, quad1: 0, quad2: 0, quad3: 0, quad4: 1, articles: 1, sources: 1, allArticles: 1, allSources: 1,
      });
      assert.deepEqual((await store.countryMonthPanel({ quadClass: 1 })).map((r) => `${r.country} ${r.month}`), ['AUS 2024-01', 'COL 2024-02', 'JPN 2024-01', 'MEX 2024-01', 'PAN 2024-02', 'USA 2024-01']);
    }));
}
