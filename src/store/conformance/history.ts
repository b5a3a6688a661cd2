/** Conformance: re-coding keeps earlier codings; the as-of view; relink gives what incremental linking built, whatever the arrival order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError, type ClusterMention } from '../store.js';
import { coder, doc, event, fiveEvents, fridayMeeting, moment, save } from './fixtures.js';
import { withStore, type StoreFactory } from './suite.js';

/** What linking decided for a mention, without when its document was stored. */
const decision = ({ storedAt, ...m }: ClusterMention): Omit<ClusterMention, 'storedAt'> => {
  void storedAt;
  return m;
};

export function historyTests(factory: StoreFactory): void {
  test('a re-coding replaces the current coding, keeps the earlier one (codings), relinks the document, and the as-of view shows the clusters as they stood', () =>
    withStore(factory, async (store) => {
      const a = doc('a', 'Blinken met Bárcena on Friday in Washington.', [event('ev1')], { published: '2024-01-13' });
      const b = doc('b', 'Bárcena visited Washington on Friday.', [event('ev1', { source: 'MEXGOV', target: 'USA', cameo: '042' })], { published: '2024-01-14', source: 'Wire' });
      await save(store, [a], { coder: coder('c1') });
      const beforeB = await moment();
      await save(store, [b], { coder: coder('c1') });
      const stamp = await moment();
      // b re-coded with another date: its report becomes a separate event.
      await store.replaceCoding('b', doc('b', b.text, [event('ev1', { source: 'MEXGOV', target: 'USA', cameo: '042', date: '2024-01-05' })], { published: '2024-01-14', source: 'Wire' }), coder('c2'));
      const now = await store.clusters();
      assert.deepEqual(now.map((c) => [c.date.value, c.numMentions, c.representative.documentId]), [['2024-01-05', 1, 'b'], ['2024-01-12', 1, 'a']]);
      const history = await store.codings('b');
      assert.deepEqual(history.map((h) => [h.coding, h.current, h.coder?.fingerprint, h.coderVersion.length > 0, h.coded.events[0].date.value, h.events, h.supersededAt === null]), [
        [1, false, 'c1', true, '2024-01-12', 1, false],
        [2, true, 'c2', true, '2024-01-05', 1, true],
      ]);
      assert.equal(history[0].supersededAt, history[1].codedAt);
      assert.equal(history[0].coded.text, b.text);
      assert.deepEqual(history[0].coder?.descriptor, { test: 'c1' });
      assert.deepEqual(await store.codings('nope'), []);
      assert.deepEqual(await store.linkStats(), { clusters: 2, mentions: 2, stories: 2, coders: 2, earlierCodings: 1 });

      // As it stood before the re-coding: one event reported twice.
      const then = await store.clustersAsOf(stamp);
      assert.deepEqual(then.map((c) => [c.date.value, c.numMentions, c.numArticles, c.numSources, c.firstSeen, c.lastSeen, c.representative.documentId]), [['2024-01-12', 2, 2, 2, '2024-01-13', '2024-01-14', 'a']]);
      assert.equal(then[0].id, now[1].id, 'the cluster keeps its id (its smallest mention id, a#ev1, stayed)');
      const mentionsThen = await store.clusterMentionsAsOf(stamp);
      assert.deepEqual(mentionsThen.map((m) => [m.mentionId, m.coder, m.partner, m.date]), [['a#ev1', 'c1', null, '2024-01-12'], ['b#ev1', 'c1', 'a#ev1', '2024-01-12']]);
      // Before b was stored; before anything; with filters; a date means the end of that day.
      assert.deepEqual((await store.clustersAsOf(beforeB)).map((c) => c.numMentions), [1]);
      assert.deepEqual(await store.clustersAsOf('2000-01-01'), []);
      assert.deepEqual((await store.clustersAsOf(stamp, { actor: 'MEXGOV', search: 'Washington' })).length, 1);
      assert.deepEqual(await store.clustersAsOf(stamp, { cameo: '19' }), []);
      assert.deepEqual((await store.clustersAsOf(stamp.slice(0, 10))).map((c) => c.date.value), ['2024-01-05', '2024-01-12']);
      await assert.rejects(store.clustersAsOf('not a date'), (e: unknown) => e instanceof StoreError && e.code === 'BAD_QUERY');
    }));

  test('as-of views count syndicated copies among the documents stored by then, and page like the current listing', () =>
    withStore(factory, async (store) => {
      const { efe, ap, ledger } = fridayMeeting();
      await save(store, [efe, ledger]);
      const stamp = await moment();
      await save(store, [ap, ...fiveEvents().slice(2)]);
      // Before AP arrived the Ledger stood alone as its own story and outlet.
      const [then] = await store.clustersAsOf(stamp);
      assert.deepEqual([then.numMentions, then.numArticles, then.numSources, then.representative.documentId], [2, 2, 2, 'efe']);
      const nowMeeting = (await store.clusters({ minMentions: 2 }))[0];
      assert.deepEqual([nowMeeting.numMentions, nowMeeting.numArticles, nowMeeting.numSources], [3, 2, 2]);
      const later = new Date(Date.now() + 60_000).toISOString();
      assert.deepEqual(await store.clustersAsOf(later), await store.clusters(), 'as of now, the view is the current listing');
      assert.deepEqual((await store.clustersAsOf(later, { limit: 2 })).map((c) => c.representative.documentId), ['closure', 'tokyo']);
      const all = await store.clustersAsOf(later);
      assert.deepEqual((await store.clustersAsOf(later, { after: { date: all[1].date.value, id: all[1].id } })).map((c) => c.representative.documentId), ['ap', 'protest', 'darien']);
      const mentions = await store.clusterMentionsAsOf(later, { minMentions: 2 });
      assert.deepEqual(mentions.map((m) => [m.mentionId, m.countedOutlet, m.copyOf]), [['ap#ev1', 'AP', null], ['efe#ev1', 'EFE', null], ['ledger#ev1', 'AP', 'ap']]);
      assert.deepEqual(mentions, await store.clusterMentions(nowMeeting.id));
    }));

  test('clusters depend only on the set of reports: any arrival order and relink give the same clusters', () =>
    withStore(factory, async (one) =>
      withStore(factory, async (other) => {
        const docs = [
          ...fiveEvents(),
          fridayMeeting().ledger,
          doc('month', 'The two governments met in January.', [event('ev1', { date: '2024-01', precision: 'month', place: null })], { published: '2024-01-31' }),
          doc('again', 'Bárcena and Blinken met again on Friday.', [event('ev1', { source: 'MEXGOV', target: 'USAGOV', cameo: '043' })], { published: '2024-01-15', source: 'Diario' }),
        ];
        for (const d of docs) await save(one, [d]);
        await save(other, [...docs].reverse());
        const listing = await one.clusters();
        assert.equal(listing.length, 5, 'the January report and the second Friday report join the Friday meeting');
        assert.deepEqual(await other.clusters(), listing);
        assert.deepEqual(await one.relink(), { clusters: 5, mentions: 9 });
        assert.deepEqual(await one.clusters(), listing);
        for (const c of listing) assert.deepEqual((await other.clusterMentions(c.id)).map(decision), (await one.clusterMentions(c.id)).map(decision));
      })));
}
