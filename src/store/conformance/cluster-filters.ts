/** Conformance: cluster filters, full-text search, keyset paging and counts (the world of `fiveEvents`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listByActor, type ListingLimits } from '../actor-listing.js';
import { StoreError, type ClusterQuery, type Store } from '../store.js';
import { doc, event, fiveEvents, fridayMeeting, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

/** The clusters a query lists, each named by its representative document. */
async function listed(store: Store, q: ClusterQuery): Promise<string[]> {
  return (await store.clusters(q)).map((c) => c.representative.documentId);
}

const badQuery = (e: unknown): boolean => e instanceof StoreError && e.code === 'BAD_QUERY';

export function clusterFilterTests(factory: StoreFactory): void {
  test('clusters are listed by event date, then id; each filter keeps what its definition says', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      assert.deepEqual(await listed(store, {}), ['closure', 'tokyo', 'ap', 'protest', 'darien']);
      const cases: Array<[ClusterQuery, string[]]> = [
        [{ from: '2024-01-12' }, ['ap', 'protest', 'darien']],
        [{ from: '2024-01' }, ['tokyo', 'ap', 'protest', 'darien']],
        [{ to: '2024-01' }, ['closure', 'tokyo', 'ap', 'protest']],
        [{ from: '2024-01-11', to: '2024-01-12' }, ['tokyo', 'ap']],
        [{ country: 'MEX' }, ['closure', 'ap', 'protest']],
        [{ country: 'usa' }, ['closure', 'ap']],
        [{ country: 'JPN' }, ['tokyo']],
        [{ actorCountry: 'PAN' }, ['darien']],
        [{ actorCountry: 'usa' }, ['closure', 'ap']],
        [{ actor: 'biden' }, ['closure']],
        [{ actor: 'Bárcena' }, ['ap']],
        [{ actor: 'MEX' }, ['closure', 'ap', 'protest']],
        [{ actor: 'gov' }, ['closure', 'tokyo', 'ap', 'protest', 'darien']],
        [{ actor: '_' }, []],
        [{ cameo: '04' }, ['tokyo', 'ap']],
        [{ cameo: '17' }, ['closure']],
        [{ cameo: '036' }, ['darien']],
        [{ quadClass: 4 }, ['closure', 'protest']],
        [{ plover: 'consult' }, ['tokyo', 'ap', 'darien']],
        [{ plover: 'PROTEST' }, ['protest']],
        [{ context: 'migration' }, ['ap', 'darien']],
        [{ context: 'MIGRATION' }, ['ap', 'darien']],
        [{ context: 'migr' }, []],
        [{ place: 'PAN' }, ['darien']],
        [{ place: 'mexico' }, ['protest']],
        [{ place: 'Washing' }, ['ap']],
        [{ minMentions: 2 }, ['ap']],
        [{ from: '2024-01-01', to: '2024-01-31', actor: 'MEX' }, ['ap', 'protest']],
        [{ country: 'MEX', quadClass: 4 }, ['closure', 'protest']],
        [{ limit: 2 }, ['closure', 'tokyo']],
      ];
      for (const [q, expected] of cases) assert.deepEqual(await listed(store, q), expected, JSON.stringify(q));
    }));

  test('full-text search over every mention\'s evidence: words, accents folded, phrases, prefixes, AND, OR, NOT, a column filter; malformed searches are BAD_QUERY', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      const cases: Array<[string, string[]]> = [
        ['Barcena', ['ap']],
        ['BÁRCENA', ['ap']],
        ['border', ['closure', 'ap']],
        ['border AND Biden', ['closure']],
        ['border Biden', ['closure']],
        ['border NOT Biden', ['ap']],
        ['"border crossings"', ['closure']],
        ['"crossings border"', []],
        ['cross*', ['closure', 'ap', 'darien']],
        ['Tokyo OR Darien', ['tokyo', 'darien']],
        ['(Tokyo OR Darién) AND migrants', ['darien']],
        ['migration', ['ap']],
        ['evidence:tokyo', ['tokyo']],
        ['security policy', ['protest']],
      ];
      for (const [search, expected] of cases) assert.deepEqual(await listed(store, { search }), expected, search);
      assert.deepEqual(await listed(store, { search: 'border', country: 'USA' }), ['closure', 'ap']);
      for (const search of ['"border', 'AND', 'border AND', '(border', 'foo:bar']) {
        await assert.rejects(store.clusters({ search }), badQuery, search);
        await assert.rejects(store.countClusters({ search }), badQuery, search);
      }
    }));

  test('keyset paging continues after a cluster in listing order; countClusters ignores limit and cursor', () =>
    withStore(factory, async (store) => {
      await save(store, fiveEvents());
      const first = await store.clusters({ limit: 2 });
      const after = { date: first[1].date.value, id: first[1].id };
      assert.deepEqual(await listed(store, { limit: 2, after }), ['ap', 'protest']);
      assert.deepEqual(await listed(store, { after }), ['ap', 'protest', 'darien']);
      assert.deepEqual(await listed(store, { actor: 'MEX', after: { date: '2024-01-12', id: '' } }), ['ap', 'protest']);
      assert.equal(await store.countClusters(), 5);
      assert.equal(await store.countClusters({ actor: 'MEX', limit: 1, after }), 3);
      assert.equal(await store.countClusters({ search: 'border' }), 2);
      assert.equal(await store.countClusters({ from: '2025-01-01' }), 0);
    }));

  test('a page of an actor\'s clusters (read through the actor index) is the first page of the plain listing, whatever else the query asks', () =>
    withStore(factory, async (store) => {
      // Seventy talks on seventy days, each led by another envoy, besides the five events.
      const envoys = Array.from({ length: 70 }, (_, i) => event(`ev${i}`, { sourceName: `Envoy Nakamura ${i}`, date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`, place: { name: `Site ${i}`, country: 'USA', lat: i, lon: i } }));
      await save(store, [...fiveEvents(), fridayMeeting().ledger, doc('envoys', 'Seventy envoys met their counterparts.', envoys, { published: '2024-04-01' })]);
      const queries: ClusterQuery[] = [
        { actor: 'MEX' }, { actor: 'mexgov' }, { actor: 'bárcena' }, { actor: 'USAGOV' }, { actor: 'GOV' }, { actor: 'Nakamura' }, { actor: 'nakamura 1' }, { actor: 'zzz' },
        { actor: 'a' }, { actor: 'USA', from: '2024-01-12', to: '2024-03-05' }, { actor: 'USAGOV', to: '2024-01' }, { actor: 'MEX', quadClass: 4 },
        { actor: 'Nakamura', search: 'envoys', from: '2024-03-10' }, { actor: 'GOV', country: 'MEX' }, { actor: '%' },
      ];
      for (const q of queries) {
        const all = await store.clusters(q);
        for (const limit of [1, 2, 3, 7, 50, 500]) {
          assert.deepEqual(await store.clusters({ ...q, limit }), all.slice(0, limit), JSON.stringify({ ...q, limit }));
        }
        if (all.length > 2) {
          const after = { date: all[1].date.value, id: all[1].id };
          assert.deepEqual(await store.clusters({ ...q, after, limit: 3 }), all.slice(2, 5), JSON.stringify({ ...q, after }));
        }
      }
      assert.equal((await store.clusters({ actor: 'Nakamura' })).length, 70);
      // Every way of the listing (probe, merged term lists, few clusters of many terms), forced with small limits.
      const index = factory.actorIndex?.(store);
      if (!index) return;
      const ways: ListingLimits[] = [
        { probeRows: 3, mergedTerms: 200, maxTerms: 2000, fewClusters: 1000 },
        { probeRows: 2, mergedTerms: 1, maxTerms: 2000, fewClusters: 1000 },
        { probeRows: 4, mergedTerms: 1, maxTerms: 2000, fewClusters: 3 },
        { probeRows: 1, mergedTerms: 5, maxTerms: 10, fewClusters: 1000 },
      ];
      let answered = 0;
      for (const limits of ways) {
        for (const q of queries) {
          const all = await store.clusters(q);
          for (const limit of [1, 3, 20]) {
            const page = await listByActor(index, { ...q, actor: q.actor as string, limit }, limits);
            if (page === null) continue;
            answered++;
            assert.deepEqual(page, all.slice(0, limit), JSON.stringify({ ...q, limit, limits }));
          }
        }
      }
      assert.ok(answered >= 120, `the listing answered ${answered} of 180 pages itself (the others it leaves to the plain query)`);
    }));

  test('the actor index follows clusters as re-coding and relinking change them', () =>
    withStore(factory, async (store) => {
      await save(store, [doc('tokyo', 'Kamikawa met Wong in Tokyo.', [event('ev1', { source: 'JPNGOV', sourceName: 'Yoko Kamikawa', target: 'AUSGOV', place: { name: 'Tokyo', country: 'JPN', lat: 35.68, lon: 139.69 } })])]);
      const page = async (actor: string): Promise<string[]> => (await store.clusters({ actor, limit: 10 })).map((c) => `${c.source?.code} ${c.date.value}`);
      assert.deepEqual(await page('kamikawa'), ['JPNGOV 2024-01-12']);
      await store.replaceCoding('tokyo', doc('tokyo', 'Kamikawa met Wong in Tokyo.', [event('ev1', { source: 'CHNGOV', sourceName: 'Wang Yi', target: 'AUSGOV', date: '2024-01-10', place: { name: 'Tokyo', country: 'JPN', lat: 35.68, lon: 139.69 } })]));
      assert.deepEqual(await page('kamikawa'), []);
      assert.deepEqual(await page('JPN'), []);
      assert.deepEqual(await page('wang'), ['CHNGOV 2024-01-10']);
      await store.relink();
      assert.deepEqual(await page('AUS'), ['CHNGOV 2024-01-10']);
    }));
}
