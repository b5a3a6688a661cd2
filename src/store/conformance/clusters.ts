/** Conformance: event clusters — linking reports of one event, live counts, syndication, mentions with their decisions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coder, doc, event, fridayMeeting, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

export function clusterTests(factory: StoreFactory): void {
  test('four reports of the Friday meeting are one event; counts stay current as they arrive; the Tokyo meeting stays apart', () =>
    withStore(factory, async (store) => {
      const { efe, ap, ledger, tokyo } = fridayMeeting();
      await save(store, [efe, tokyo]);
      let meeting = (await store.clusters()).find((c) => c.source?.code !== 'JPNGOV');
      assert.deepEqual([meeting?.numMentions, meeting?.numArticles, meeting?.numStories, meeting?.numSources, meeting?.firstSeen, meeting?.lastSeen], [1, 1, 1, 1, '2024-01-13', '2024-01-13']);
      await save(store, [ap]);
      await save(store, [ledger]);
      const all = await store.clusters();
      assert.equal(all.length, 2);
      meeting = all.find((c) => c.source?.code !== 'JPNGOV');
      // AP and its Ledger reprint are one article and one outlet (AP); EFE is the other.
      assert.deepEqual([meeting?.numMentions, meeting?.numArticles, meeting?.numStories, meeting?.numSources, meeting?.firstSeen, meeting?.lastSeen], [3, 2, 2, 2, '2024-01-12', '2024-01-13']);
      // Equally specific reports: the earliest published (AP, 12 January) is the representative.
      assert.deepEqual(meeting, {
        id: meeting?.id,
        cameo: { code: '042', root: '04', quadClass: 1, goldstein: 1 },
        plover: { type: 'CONSULT', mode: 'visit', contexts: ['migration'] },
        source: { code: 'MEXGOV', name: 'Alicia Bárcena' },
        target: { code: 'USAGOV', name: 'Antony Blinken' },
        date: { value: '2024-01-12', precision: 'day' },
        place: { name: 'Washington', country: 'USA', lat: 38.9, lon: -77.04 },
        modality: { negated: false, future: false, hypothetical: false },
        numMentions: 3,
        numSources: 2,
        numArticles: 2,
        numStories: 2,
        firstSeen: '2024-01-12',
        lastSeen: '2024-01-13',
        representative: { documentId: 'ap', eventId: 'ev1', evidence: ap.text },
      });
      const tokyoCluster = all.find((c) => c.source?.code === 'JPNGOV');
      assert.deepEqual([tokyoCluster?.numMentions, tokyoCluster?.representative.documentId, tokyoCluster?.place?.name], [1, 'tokyo', 'Tokyo']);
      assert.deepEqual(await store.linkStats(), { clusters: 2, mentions: 4, stories: 3, coders: 1, earlierCodings: 0 });
    }));

  test('cluster(id) gives one cluster or null; clusterMentions lists the representative first, then by publication, with the decision that linked each', () =>
    withStore(factory, async (store) => {
      const { efe, ap, ledger } = fridayMeeting();
      await save(store, [ledger, efe, ap], { coder: coder('test-coder') });
      const [c] = await store.clusters();
      assert.deepEqual(await store.cluster(c.id), c);
      assert.equal(await store.cluster('ev-0000000000000000'), null);
      const mentions = await store.clusterMentions(c.id);
      assert.deepEqual(mentions.map((m) => [m.mentionId, m.partner, m.score, m.outlet, m.countedOutlet, m.story, m.copyOf]), [
        ['ap#ev1', null, 1, 'AP', 'AP', 'ap', null],
        // dyad 1 (unordered: both consult) ×0.35 + type 040~042 0.85 ×0.25 + date 1 ×0.25 + place 1 ×0.15 = 0.9625
        ['efe#ev1', 'ap#ev1', 0.963, 'EFE', 'EFE', 'efe', null],
        ['ledger#ev1', 'ap#ev1', 1, 'Gulf Coast Ledger', 'AP', 'ap', 'ap'],
      ]);
      assert.deepEqual(mentions[0], {
        clusterId: c.id, mentionId: 'ap#ev1', documentId: 'ap', eventId: 'ev1', sentence: 0, evidence: ap.text, published: '2024-01-12', outlet: 'AP', countedOutlet: 'AP',
        story: 'ap', copyOf: null, cameo: '042', sourceCode: 'MEXGOV', targetCode: 'USAGOV', date: '2024-01-12', datePrecision: 'day', dateBasis: 'text', placeName: 'Washington',
        partner: null, score: 1, reason: 'founds the cluster: its most specific report', coder: 'test-coder', rule: 'test.rule', storedAt: mentions[0].storedAt,
      });
      assert.match(mentions[1].reason, /^same event: dyad MEXGOV→USAGOV ~ USAGOV→MEXGOV \(unordered: symmetric act\); type 042~040 \(one meeting/);
      assert.deepEqual(await store.clusterMentions('ev-0000000000000000'), []);
    }));

  test('a month-precision report joins the only cluster of that month it fits, and founds its own when it fits two; negated reports never join', () =>
    withStore(factory, async (store) => {
      await save(store, [
        doc('friday', 'Blinken met Bárcena on Friday in Washington.', [event('ev1')], { published: '2024-01-12' }),
        doc('month', 'The two governments met in January.', [event('ev1', { date: '2024-01', precision: 'month', place: null })], { published: '2024-01-31' }),
        doc('denied', 'Blinken did not meet Bárcena on Friday.', [event('ev1', { negated: true })], { published: '2024-01-13' }),
      ]);
      let clusters = await store.clusters();
      assert.equal(clusters.length, 2);
      const friday = clusters.find((c) => !c.modality.negated);
      assert.equal(friday?.numMentions, 2);
      assert.equal(friday?.representative.documentId, 'friday');
      assert.equal(clusters.find((c) => c.modality.negated)?.numMentions, 1);
      // A second January meeting: the January report now fits two clusters, so it stands alone.
      await save(store, [doc('again', 'Blinken met Bárcena again on 26 January in Washington.', [event('ev1', { date: '2024-01-26' })], { published: '2024-01-26' })]);
      clusters = await store.clusters();
      assert.deepEqual(clusters.map((c) => [c.date.value, c.numMentions, c.representative.documentId]).sort(), [
        ['2024-01', 1, 'month'],
        ['2024-01-12', 1, 'denied'],
        ['2024-01-12', 1, 'friday'],
        ['2024-01-26', 1, 'again'],
      ]);
      const mentions = await store.clusterMentions(clusters.find((c) => c.date.value === '2024-01')?.id as string);
      assert.match(mentions[0].reason, /^ambiguous: fits 2 more specific clusters/);
    }));

  test('reports without a date in their story (undated documents) are stored but never linked to each other', () =>
    withStore(factory, async (store) => {
      const undated = (id: string): ReturnType<typeof doc> => doc(id, `Officials met (${id}).`, [event('ev1', { date: 'XXXX-XX-XX', basis: 'published' })], { published: null });
      await save(store, [undated('u1'), undated('u2')]);
      const clusters = await store.clusters();
      assert.deepEqual(clusters.map((c) => [c.date.value, c.numMentions, c.representative.documentId]).sort(), [['XXXX-XX-XX', 1, 'u1'], ['XXXX-XX-XX', 1, 'u2']]);
      // No publication date either: first and last seen are when they were stored.
      assert.match(clusters[0].firstSeen, /^\d{4}-\d{2}-\d{2}T/);
    }));

  test('a second document with an id already used gets mention ids with its content hash, and both are kept apart', () =>
    withStore(factory, async (store) => {
      await save(store, [doc('same', 'Blinken met Bárcena in Washington on Friday.', [event('ev1')])]);
      await store.saveDocuments([{ coded: doc('same', 'A different story: Japan and Australia met in Tokyo.', [event('ev1', { source: 'JPNGOV', target: 'AUSGOV', place: { name: 'Tokyo', country: 'JPN', lat: 35.68, lon: 139.69 } })]), provenance: { contentHash: 'abcdef0123456789' } }]);
      const mentions = (await Promise.all((await store.clusters()).map((c) => store.clusterMentions(c.id)))).flat();
      assert.deepEqual(mentions.map((m) => m.mentionId).sort(), ['same#ev1', 'same@abcdef01#ev1']);
    }));
}
